"""The honesty label every offline picture carries: "OFFLINE 離線" in a small pill in a bottom corner.

The Chinese needs a CJK font. Noto Sans CJK is looked for first (its Hong Kong or Traditional Chinese
face), then a few common system fonts; with none, the label says just "OFFLINE" in Pillow's own font.
Nothing here may fail for want of a font.
"""

from __future__ import annotations

import os
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

CJK_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msjh.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
PREFERRED_FACES = ("HK", "TC", "SC", "JP", "KR")


@lru_cache(maxsize=1)
def _cjk_source() -> tuple[str, int] | None:
    """(font file, face index) of the best CJK face found, or None."""
    for path in CJK_FILES:
        if not os.path.exists(path):
            continue
        faces = []
        for index in range(12):
            try:
                font = ImageFont.truetype(path, 12, index=index)
            except OSError:
                break
            faces.append((index, " ".join(font.getname())))
        if not faces:
            continue
        for want in PREFERRED_FACES:
            for index, name in faces:
                if f" {want}" in name and "Mono" not in name:
                    return path, index
        return path, faces[0][0]
    return None


@lru_cache(maxsize=32)
def cjk_font(size: int):
    source = _cjk_source()
    if source is None:
        return None
    try:
        font = ImageFont.truetype(source[0], size, index=source[1])
        if font.getbbox("離線")[2] <= 0:
            return None
        return font
    except OSError:
        return None


@lru_cache(maxsize=32)
def _latin_font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):
        return ImageFont.load_default()


def draw_label(img: Image.Image, corner: str = "right") -> None:
    w, h = img.size
    u = min(w, h)
    size = max(10, round(u * 0.022))
    font = cjk_font(size)
    text = "OFFLINE 離線" if font is not None else "OFFLINE"
    if font is None:
        font = _latin_font(size)
    d = ImageDraw.Draw(img, "RGBA")
    try:
        x0, y0, x1, y1 = d.textbbox((0, 0), text, font=font)
    except (AttributeError, TypeError, OSError, ValueError):   # an old bitmap font without bbox support
        x0, y0, x1, y1 = 0, 0, len(text) * size // 2, size
    tw, th = x1 - x0, y1 - y0
    pad_x, pad_y = max(4, size // 2), max(3, size // 3)
    margin = max(4, int(u * 0.018))
    bw, bh = tw + 2 * pad_x, th + 2 * pad_y
    bx = w - margin - bw if corner == "right" else margin
    by = h - margin - bh
    d.rounded_rectangle((bx, by, bx + bw, by + bh), radius=bh // 2, fill=(255, 255, 255, 236),
                        outline=(90, 90, 90, 200), width=max(1, size // 14))
    d.text((bx + pad_x - x0, by + pad_y - y0), text, font=font, fill=(60, 60, 60, 255))
