"""Fonts that can draw Traditional Chinese, for the story map (matplotlib) and the picture card (Pillow).

Without a CJK font every Chinese character becomes a box, so both look for Noto CJK TC first and fall back
to DejaVu Sans (shipped inside matplotlib), which at least draws English.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# matplotlib >= 3.11 finds the TC face inside the .ttc; older versions only see JP, which still has the glyphs.
MPL_FAMILIES = ["Noto Sans CJK TC", "Noto Sans CJK JP", "DejaVu Sans"]
NOTO_FOLDERS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk",
                "/Library/Fonts", "C:/Windows/Fonts")


def _noto_file(style: str, weight: str) -> Path | None:
    for folder in NOTO_FOLDERS:
        path = Path(folder) / f"Noto{style}CJK-{weight}.ttc"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def matplotlib_families() -> list[str]:
    """The font family list for matplotlib text; teaches matplotlib the Noto file if its cache missed it."""
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    if not known & {"Noto Sans CJK TC", "Noto Sans CJK JP"}:
        path = _noto_file("Sans", "Regular")
        if path is not None:  # installed after matplotlib built its font cache
            font_manager.fontManager.addfont(str(path))
    return list(MPL_FAMILIES)


@lru_cache(maxsize=16)
def pillow_font(size: int, *, bold: bool = False, serif: bool = False):
    """A Pillow font of ``size`` pixels: the TC face of Noto CJK when installed, else DejaVu Sans."""
    from PIL import ImageFont

    path = _noto_file("Serif" if serif else "Sans", "Bold" if bold else "Regular")
    if path is not None:
        for index in range(10):
            try:
                font = ImageFont.truetype(str(path), size, index=index)
            except OSError:
                break
            if font.getname()[0].endswith(" TC"):
                return font
    import matplotlib

    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if dejavu.is_file():
        return ImageFont.truetype(str(dejavu), size)
    return ImageFont.load_default(size)
