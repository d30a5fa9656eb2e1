"""Turning a story's plain data into HTML with the kit's own Jinja templates (``templates/``).

One place renders both what a judge opens (a single self-contained file: no request to any other host, a strict
Content-Security-Policy, fonts that draw Traditional Chinese, print CSS) and the notebook previews.
Autoescaping is always on: a child's or a model's words can never become markup or script.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from functools import cache, lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from ..i18n import message
from .bundle import clean

TEMPLATES = Path(__file__).with_name("templates")
PAPERS = {"A5": ("148mm", "210mm"), "A4": ("210mm", "297mm")}
SCRIPTS = ("novel.js", "narration.js")   # the kit's own scripts; an export runs these and nothing else


def _other(language: str) -> str:
    return "en" if language == "zh-Hant" else "zh-Hant"


def paragraphs(text: str) -> Markup:
    """Words as paragraphs: a blank line starts a new one, a single newline breaks the line. All escaped."""
    blocks = [block.strip("\n") for block in str(text or "").replace("\r\n", "\n").split("\n\n")]
    return Markup("".join(f"<p>{Markup('<br>').join(escape(line) for line in block.split(chr(10)))}</p>"
                          for block in blocks if block.strip()))


def data_uri(picture: dict | None) -> str:
    return f"data:{picture['mime']};base64,{picture['data']}" if picture and picture.get("data") else ""


def size_class(text: str) -> str:
    """Short pages get big picture-book type; long ones smaller type, so each page fits on one printed sheet."""
    length = len(text or "")
    if length > 300:
        return "longest" if length > 900 else "longer" if length > 550 else "long"
    return "short" if length <= 90 else ""


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["paragraphs"] = paragraphs
    env.filters["data_uri"] = data_uri
    env.filters["size_class"] = size_class
    env.globals["t"] = lambda key, language, **fields: message(key, language, **fields)
    env.globals["asset"] = asset
    env.globals["script"] = script
    env.globals["CSP"] = Markup(csp())   # our own text: written as is, quotes and all
    return env


@cache
def _asset_text(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def asset(name: str) -> Markup:
    """A CSS or JS file of ours, to inline (the exported file must not fetch anything)."""
    return Markup(_asset_text(name))


def script(name: str) -> Markup:
    """One of the kit's scripts as an inline ``<script>``: exactly the text whose hash ``csp()`` allows."""
    return Markup(f"<script>{_asset_text(name)}</script>")


def csp() -> str:
    """The exported file's Content-Security-Policy: nothing from elsewhere, and only the kit's own scripts run
    (each allowed by the sha256 of its text, computed from that text), so a future escaping slip runs nothing."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(_asset_text(name).encode()).digest()).decode()}'"
                      for name in SCRIPTS)
    return f"default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'; script-src {hashes}"


def _context(data: dict, **extra) -> dict:
    data = clean(data)
    language = data.get("language") or "en"
    return {"d": data, "lang": language, "other": _other(language), "uid": "k" + secrets.token_hex(4), **extra}


def render(data: dict, *, paper: str = "A5") -> str:
    """The file a judge opens, for a storybook, novel or picture card."""
    width, height = PAPERS.get(str(paper).upper(), PAPERS["A5"])
    template = {"storybook": "storybook.html.j2", "novel": "novel.html.j2", "card": "card.html.j2"}[data["kind"]]
    return environment().get_template(template).render(**_context(data, sheet_w=width, sheet_h=height,
                                                                  paper=str(paper).upper()))


def render_preview(data: dict) -> str:
    """The notebook view: a page-turning book, a novel's outline, or the card itself."""
    template = {"storybook": "preview_storybook.html.j2", "novel": "preview_novel.html.j2",
                "card": "preview_card.html.j2"}[data["kind"]]
    return environment().get_template(template).render(**_context(data))


def render_appendix(appendix: dict, language: str | None = None) -> str:
    from ..i18n import current_language

    data = {"appendix": appendix, "language": language or current_language()}
    return environment().get_template("notebook_appendix.html.j2").render(**_context(data))


def render_checklist(checklist) -> str:
    return environment().get_template("notebook_checklist.html.j2").render(checklist=checklist, t=message)


def render_problems(problems) -> str:
    return environment().get_template("notebook_problems.html.j2").render(problems=problems, t=message)
