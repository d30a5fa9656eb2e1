"""The picture card as a PNG, drawn with Pillow: something to print, stick on a wall or send home.

Large friendly type (Noto Sans CJK TC when installed, so Chinese draws properly), the picture with rounded
corners on a white card, and lots of room, because the special-needs studio is about expressing one idea clearly.
"""

from __future__ import annotations

import base64
import io
import re

from ..fonts import pillow_font
from ..i18n import message
from ..story_bundle import check_picture_size
from .bundle import clean

WIDTH = 1200
MARGIN = 70          # desk around the card
PAD = 60             # inside the card
DESK, CARD, INK, SOFT, ACCENT = "#fdf3e1", "#ffffff", "#1f2937", "#4b5563", "#f59e0b"
_PIECES = re.compile(r"[\u3000-\u9fff\uf900-\uffef]|[^\s\u3000-\u9fff\uf900-\uffef]+\s*|\s+")


def wrap(text: str, font, width: int, draw) -> list[str]:
    """Lines no wider than ``width``: English breaks between words, Chinese between characters."""
    lines: list[str] = []
    for paragraph in str(text or "").split("\n"):
        line = ""
        for piece in _PIECES.findall(paragraph):
            if draw.textlength((line + piece).rstrip(), font=font) <= width or not line:
                line += piece
            else:
                lines.append(line.rstrip())
                line = piece.lstrip()
        lines.append(line.rstrip())
    return [line for line in lines if line] or []


def render_card_png(data: dict) -> bytes:
    """Draw the card from its export data (what ``PictureCard.export_data()`` gives) and return PNG bytes."""
    from PIL import Image, ImageDraw, ImageFilter

    data = clean(data)
    inner = WIDTH - 2 * MARGIN - 2 * PAD
    measure = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    title_font, text_font, small_font = pillow_font(84, bold=True), pillow_font(54), pillow_font(36)
    title_lines = wrap(data.get("title", ""), title_font, inner, measure)[:3]
    text_lines = wrap(data.get("sentence", ""), text_font, inner, measure)[:6]

    picture = None
    if data.get("picture") and data["picture"].get("data"):
        raw = base64.b64decode(data["picture"]["data"])
        check_picture_size(raw, "card")
        picture = Image.open(io.BytesIO(raw)).convert("RGB")
        scale = min(inner / picture.width, 860 / picture.height)
        picture = picture.resize((max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
                                 Image.Resampling.LANCZOS)

    foot = [message("story.by", data.get("language") or "en", author=data["author"])] if data.get("author") else []
    badge = f"{message('offline.badge', 'en')} · {message('offline.badge', 'zh-Hant')}" if data.get("offline") else ""

    height = PAD + 24 + (picture.height + 50 if picture else 0) + len(title_lines) * 104 + 20 \
        + len(text_lines) * 76 + (40 + 50 * len(foot) if foot else 0) + (70 if badge else 0) + PAD
    total = height + 2 * MARGIN
    canvas = Image.new("RGB", (WIDTH, total), DESK)

    shadow = Image.new("L", (WIDTH, total), 0)
    ImageDraw.Draw(shadow).rounded_rectangle((MARGIN + 6, MARGIN + 22, WIDTH - MARGIN - 6, MARGIN + height + 18),
                                             radius=48, fill=90)
    canvas.paste(Image.new("RGB", canvas.size, "#b08850"), mask=shadow.filter(ImageFilter.GaussianBlur(24)))
    draw = ImageDraw.Draw(canvas)
    box = (MARGIN, MARGIN, WIDTH - MARGIN, MARGIN + height)
    draw.rounded_rectangle(box, radius=44, fill=ACCENT)
    draw.rounded_rectangle((box[0], box[1] + 24, box[2], box[3]), radius=44, fill=CARD)
    draw.rectangle((box[0], box[1] + 24, box[2], box[1] + 70), fill=CARD)

    y = MARGIN + 24 + PAD
    if picture is not None:
        mask = Image.new("L", picture.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, picture.width - 1, picture.height - 1), radius=32, fill=255)
        canvas.paste(picture, ((WIDTH - picture.width) // 2, y), mask)
        y += picture.height + 50
    for line in title_lines:
        draw.text((WIDTH // 2, y), line, font=title_font, fill=INK, anchor="ma")
        y += 104
    y += 20
    for line in text_lines:
        draw.text((WIDTH // 2, y), line, font=text_font, fill=INK, anchor="ma")
        y += 76
    if foot:
        y += 40
        for line in foot:
            draw.text((WIDTH // 2, y), line, font=small_font, fill=SOFT, anchor="ma")
            y += 50
    if badge:  # the offline practice model made it: said plainly, as on every offline card
        badge_font = pillow_font(28, bold=True)
        half = draw.textlength(badge, font=badge_font) / 2 + 22
        draw.rounded_rectangle((WIDTH / 2 - half, y + 16, WIDTH / 2 + half, y + 62), radius=23, fill="#fde68a")
        draw.text((WIDTH // 2, y + 39), badge, font=badge_font, fill="#78350f", anchor="mm")
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()
