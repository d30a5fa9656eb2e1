"""Repaint a child's drawing offline: the drawing's coloured shapes become the composition of the picture.

What it does, honestly: the scene the prompt describes is painted as usual (sky, ground, weather, ...), then the
child's strokes are laid over it where the child put them, thickened and softened into painted shapes in their
own colours, and the chosen style is applied to the whole. It does not recognise what the shapes are.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageFilter

INK_THRESHOLD = 60        # how far from the paper's white a pixel must be to count as drawn


def drawn_mask(sketch: Image.Image) -> np.ndarray:
    """Where the child drew: pixels clearly darker or more colourful than white paper."""
    rgb = np.asarray(sketch.convert("RGB"), dtype=np.int16)
    return (255 * 3 - rgb.sum(axis=2)) > INK_THRESHOLD


def layout(sketch_png: bytes) -> dict:
    """What the painter can measure of the drawing: how much is drawn, where, and its main colours."""
    with Image.open(io.BytesIO(sketch_png)) as image:
        small = image.convert("RGB").resize((96, 64))
    mask = drawn_mask(small)
    if not mask.any():
        return {"drawn": 0.0, "box": None, "colours": []}
    ys, xs = np.nonzero(mask)
    pixels = np.asarray(small)[mask] // 64 * 64 + 32
    values, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    main = ["#" + "".join(f"{int(c):02x}" for c in values[i]) for i in np.argsort(-counts)[:3]]
    box = (xs.min() / 96, ys.min() / 64, (xs.max() + 1) / 96, (ys.max() + 1) / 64)
    return {"drawn": round(float(mask.mean()), 3), "box": [round(float(v), 3) for v in box], "colours": main}


def repaint(scene: Image.Image, sketch_png: bytes) -> Image.Image:
    """The scene with the child's shapes painted over it, in place, in the child's colours."""
    with Image.open(io.BytesIO(sketch_png)) as image:
        sketch = image.convert("RGB").resize(scene.size, Image.Resampling.LANCZOS)
    unit = max(3, min(scene.size) // 90) | 1
    mask = Image.fromarray((drawn_mask(sketch) * 255).astype(np.uint8), "L")
    body = mask.filter(ImageFilter.MaxFilter(unit)).filter(ImageFilter.GaussianBlur(unit / 2))
    paint = sketch.filter(ImageFilter.MinFilter(unit)).filter(ImageFilter.GaussianBlur(unit / 3))
    outline = body.filter(ImageFilter.FIND_EDGES).point(lambda v: 255 if v > 40 else 0)
    out = Image.composite(paint, scene.convert("RGB"), body)
    dark = Image.new("RGB", scene.size, (30, 27, 36))
    return Image.composite(dark, out, outline.filter(ImageFilter.MaxFilter(3)))
