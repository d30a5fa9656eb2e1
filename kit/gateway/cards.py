"""Printable cards, one per student, with their token and the line to type, in English and Chinese.

The cards are the only place a token is written down (the database keeps only its hash), so the file is
made readable by its owner only; print it, cut the cards, and delete the file.
"""

from __future__ import annotations

import html
import os
import socket
import time
from pathlib import Path

from ..i18n import message


def setup_line(token: str, api_url: str) -> str:
    return f'kit.setup("dashscope", api_key="{token}", base_url="{api_url}")'


def class_api_url(gateway_url: str, class_name: str) -> str:
    """The base URL on a card: it names the class, so the token works only there."""
    return f"{gateway_url.rstrip('/')}/class/{class_name}/api/v1"


def guess_gateway_url(port: int) -> str:
    """This computer's address on the school network (no packet is sent: a UDP socket only picks a route)."""
    address = "127.0.0.1"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        pass
    return f"http://{address}:{port}"


def write_cards(path: Path, class_name: str, gateway_url: str, students: list[tuple[str, str]]) -> Path:
    esc = html.escape
    api_url = class_api_url(gateway_url, class_name)

    def both(key: str) -> str:
        return f"{esc(message(key, 'en'))}<br><span lang='zh-Hant'>{esc(message(key, 'zh-Hant'))}</span>"

    cards = []
    for label, token in students:
        cards.append(
            "<div class='card'>"
            f"<div class='title'>{both('gateway.card.title')}</div>"
            f"<div><b>{esc(label)}</b> · {esc(class_name)}</div>"
            f"<div class='token'>{esc(token)}</div>"
            f"<div class='how'>{both('gateway.card.how')}</div>"
            f"<pre>import kit\n{esc(setup_line(token, api_url))}</pre>"
            f"<div class='small'>{both('gateway.card.secret')}</div></div>")
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{esc(class_name)} — {esc(message('gateway.card.title', 'en'))}</title>"
        "<style>body{font-family:system-ui,'Noto Sans CJK TC',sans-serif;margin:12mm}"
        ".card{display:inline-block;width:85mm;min-height:60mm;border:1px dashed #555;margin:3mm;padding:4mm;"
        "vertical-align:top;page-break-inside:avoid;box-sizing:border-box;font-size:11pt}"
        ".title{font-weight:700;margin-bottom:2mm}.token{font:700 15pt monospace;margin:3mm 0;letter-spacing:1px}"
        "pre{white-space:pre-wrap;word-break:break-all;font-size:8pt;background:#f3f4f6;padding:2mm}"
        ".small{font-size:8pt;color:#444}.how{font-size:9pt}</style></head><body>"
        f"<p class='small'>{esc(class_name)} · {time.strftime('%Y-%m-%d')} · {esc(api_url)}</p>"
        + "".join(cards) + "</body></html>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path
