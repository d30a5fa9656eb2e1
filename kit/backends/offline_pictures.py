"""The offline picture engine: little picture-book illustrations drawn with Pillow, no network needed.

It reads the prompt (English and Traditional Chinese), draws what it knows, and says honestly what it
understood, what it did not, and what the negative prompt left out. Every picture carries an
"OFFLINE 離線" label. Same arguments, same picture, byte for byte.

    >>> pic = draw_picture("a red dragon over the sea at sunset", seed=3, style="watercolour")
    >>> pic.understood, pic.description
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from .offline_art import styles
from .offline_art.describe import describe
from .offline_art.label import draw_label
from .offline_art.reading import read
from .offline_art.scene import Scene
from .offline_art.vocab import STYLE_WORDS, STYLES

__all__ = ["STYLES", "OfflinePicture", "draw_picture", "style_name"]

MIN_SIDE, MAX_SIDE = 64, 4096
PNG_LEVEL = 1                  # fixed, fast; the same bytes every time
# Scenes are drawn bigger and shrunk, for smooth edges: twice the size up to 1.3 million output pixels,
# one and a half times up to 2.2 million (1440 x 1440), as is above that.
SUPERSAMPLE = ((1.3e6, 2.0), (2.2e6, 1.5))


@dataclass(frozen=True)
class OfflinePicture:
    png: bytes                  # PNG bytes, exactly width x height, RGB
    width: int
    height: int
    understood: list[str]       # words from the prompt it drew or applied, in the prompt's own wording
    not_understood: list[str]   # content words it did not know
    left_out: list[str]         # things named in the negative prompt, not drawn
    description: str            # one plain English sentence of what was drawn


def style_name(style: str | None) -> str | None:
    """The canonical style name for ``style`` (English or Chinese, any case), None for none."""
    if style is None or not str(style).strip():
        return None
    key = " ".join(str(style).strip().lower().replace("-", " ").replace("_", " ").split())
    for name, words in STYLE_WORDS.items():
        if key == name or key in words:
            return name
    raise ValueError(f"unknown style {style!r}; choose one of: {', '.join(STYLES)}")


def draw_picture(prompt: str, *, negative: str | None = None, width: int = 1024, height: int = 1024,
                 seed: int | None = None, style: str | None = None) -> OfflinePicture:
    width, height = int(width), int(height)
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ValueError(f"picture size must be between {MIN_SIDE} and {MAX_SIDE} pixels a side, "
                         f"not {width}x{height}")
    seed = 0 if seed is None else int(seed)
    plan = read(str(prompt or ""), negative, style_name(style))
    chosen = plan.style

    ss = next((f for limit, f in SUPERSAMPLE if width * height <= limit), 1.0)
    if chosen == "pixel art":
        ss = 1.0                         # it is shrunk to big pixels anyway
    scene = Scene(plan, round(width * ss), round(height * ss), seed, styles.outline_for(chosen))
    img, drawn = scene.paint()
    if ss == 2.0:
        img = img.reduce(2)
    elif ss != 1.0:
        img = img.resize((width, height), Image.Resampling.BOX)
    img = styles.apply(chosen, img, seed)
    if img.size != (width, height) or img.mode != "RGB":
        img = img.convert("RGB").resize((width, height))
    draw_label(img)

    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=PNG_LEVEL)
    return OfflinePicture(png=buf.getvalue(), width=width, height=height, understood=list(plan.understood),
                          not_understood=list(plan.not_understood), left_out=list(plan.left_out),
                          description=describe(plan, drawn, chosen))




def repaint_sketch(sketch_png: bytes, prompt: str, *, negative: str | None = None, width: int = 1024,
                   height: int = 1024, seed: int | None = None, style: str | None = None) -> OfflinePicture:
    """The child's drawing repainted in the prompt's scene and the chosen style (see ``offline_art.sketch``)."""
    from .offline_art.sketch import layout, repaint

    scene = draw_picture(prompt, negative=negative, width=width, height=height, seed=seed, style=None)
    with Image.open(io.BytesIO(scene.png)) as image:
        img = repaint(image.convert("RGB"), sketch_png)
    chosen = style_name(style)
    img = styles.apply(chosen, img, 0 if seed is None else int(seed))
    if img.size != (width, height) or img.mode != "RGB":
        img = img.convert("RGB").resize((width, height))
    draw_label(img)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=PNG_LEVEL)
    shape = layout(sketch_png)
    where = "" if not shape["box"] else " where you drew them"
    description = (f"Your drawing's shapes{where}, painted over: {scene.description}"
                   + (f" As {chosen}." if chosen else ""))
    return OfflinePicture(png=buf.getvalue(), width=width, height=height, understood=scene.understood,
                          not_understood=scene.not_understood, left_out=scene.left_out, description=description)
