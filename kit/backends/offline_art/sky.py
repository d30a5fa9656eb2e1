"""The sky and what lives in it: gradients for each time of day and weather, the sun, the moon, stars,
clouds, a rainbow, planets, and the big friendly versions of them when they are the picture's subject.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

from .canvas import Fig, Pen, ellipse_points, face, star_points
from .palette import RAINBOW, RGB, darker, lighter, mix
from .things import _blob

SUN = (255, 206, 60)
SUN_SET = (255, 150, 70)
MOON = (255, 244, 196)
STAR = (255, 236, 150)


def gradient(size: tuple[int, int], stops: list[tuple[float, RGB]]) -> Image.Image:
    """A vertical gradient image through (position 0..1, colour) stops."""
    w, h = size
    ys = np.linspace(0.0, 1.0, h, dtype=np.float32)
    pos = np.array([p for p, _ in stops], dtype=np.float32)
    cols = np.array([c for _, c in stops], dtype=np.float32)
    column = np.stack([np.interp(ys, pos, cols[:, k]) for k in range(3)], axis=1)
    column = np.clip(column + 0.5, 0, 255).astype(np.uint8)
    return Image.fromarray(column.reshape(h, 1, 3), "RGB").resize((w, h), Image.Resampling.NEAREST)


def cloud(pen: Pen, x: float, y: float, s: float, col: RGB, rng: random.Random, *, main: bool = False,
          mood: str | None = None, question: bool = False):
    """A puffy cloud about ``s`` pixels high, its base centred at (x, y)."""
    f = Fig(pen, x, y, s)
    blobs = [(-0.55, 0.3, 0.3), (-0.22, 0.5, 0.42), (0.22, 0.55, 0.45), (0.6, 0.32, 0.3), (0.0, 0.25, 0.3)]
    blobs = [(bx + rng.uniform(-0.05, 0.05), by + rng.uniform(-0.05, 0.05), r * rng.uniform(0.9, 1.1))
             for bx, by, r in blobs]
    _blob(f, blobs, col)
    f.ell(0.0, 0.12, 0.75, 0.1, col, line=False)
    f.ell(0.05, 0.12, 0.7, 0.06, darker(col, 0.93), line=False)
    for bx, by, r in blobs[1:3]:
        f.circle(bx - r * 0.3, by + r * 0.35, r * 0.3, lighter(col, 0.5), line=False)
    if main:
        face(f, 0.0, 0.4, 0.3, mood, cheeks=True)
    if question:
        q = (120, 130, 200)
        f.arc(0.0, 0.6, 0.13, 0.13, 180, 400, q, 0.07)
        f.line([(0.09, 0.5), (0.0, 0.44), (0.0, 0.34)], q, 0.07)
        f.circle(0.0, 0.22, 0.045, q, line=False)


def sun(pen: Pen, x: float, y: float, r: float, *, low: bool = False, main: bool = False,
        mood: str | None = None, colour: RGB | None = None, rng: random.Random | None = None):
    col = colour or (SUN_SET if low else SUN)
    glow = pen.colour(lighter(col, 0.4) + (70,), glow=True)
    pen.blend.ellipse((x - r * 1.7, y - r * 1.7, x + r * 1.7, y + r * 1.7), fill=glow)
    f = Fig(pen, x, y + r, r * 2)            # origin at the bottom of the disc: height 1 = diameter
    n = 12
    turn = (rng.random() if rng else 0.0) * 30
    for i in range(n):
        a = math.radians(turn + i * 360 / n)
        inner, outer = 0.58, 0.78 if i % 2 else 0.86
        w = 0.07
        px, py = -math.sin(a) * w, math.cos(a) * w
        cx, cy = 0.0, 0.5
        f.poly([(cx + math.cos(a) * inner + px, cy + math.sin(a) * inner + py),
                (cx + math.cos(a) * outer, cy + math.sin(a) * outer),
                (cx + math.cos(a) * inner - px, cy + math.sin(a) * inner - py)], col, glow=True, line=False)
    f.circle(0.0, 0.5, 0.5, col, glow=True)
    f.circle(-0.12, 0.62, 0.2, lighter(col, 0.35), glow=True, line=False)
    if main:
        face(f, 0.0, 0.5, 0.4, mood)


def moon(pen: Pen, x: float, y: float, r: float, *, main: bool = False, mood: str | None = None,
         colour: RGB | None = None, full: bool = False):
    col = pen.colour(colour or MOON, glow=True)
    halo = pen.colour(lighter(colour or MOON, 0.3) + (16,), glow=True)
    for k in (1.8, 1.4):
        pen.blend.ellipse((x - r * k, y - r * k, x + r * k, y + r * k), fill=halo)
    size = int(r * 2) + 4
    mask = Image.new("L", (size, size), 0)
    md = ImageDraw.Draw(mask)
    md.ellipse((2, 2, size - 2, size - 2), fill=255)
    if not full:
        off = r * 0.62
        md.ellipse((2 + off, 2 - off * 0.35, size - 2 + off, size - 2 - off * 0.35), fill=0)
    pen.img.paste(col, (int(x - size / 2), int(y - size / 2)), mask)
    f = Fig(pen, x, y + r, r * 2)
    if full:
        for cx, cy, cr in ((-0.15, 0.62, 0.08), (0.12, 0.35, 0.06), (0.2, 0.68, 0.05)):
            f.circle(cx, cy, cr, darker(colour or MOON, 0.9), glow=True, line=False)
    if main:
        if full:
            face(f, 0.0, 0.5, 0.36, mood)
        else:
            # a sleepy crescent face looking right
            f.arc(-0.22, 0.56, 0.06, 0.05, 20, 160, (90, 80, 70), 0.03)
            f.arc(-0.24, 0.38, 0.08, 0.06, 20, 160, (120, 60, 60), 0.03)
            f.ell(-0.14, 0.45, 0.05, 0.03, (255, 150, 150, 140), line=False, glow=True)


def stars(pen: Pen, rng: random.Random, box, n: int, colour: RGB = STAR, big: int = 0):
    x0, y0, x1, y1 = box
    u = pen.u
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = u * rng.uniform(0.0015, 0.004)
        pen.ellipse((x - r, y - r, x + r, y + r), colour, glow=True)
    for _ in range(big):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = u * rng.uniform(0.008, 0.016)
        pen.polygon(star_points(x, y, r, r * 0.45, 4, rng.uniform(0, 45)), colour, glow=True)


def star(pen: Pen, x: float, y: float, r: float, *, main: bool = False, mood: str | None = None,
         colour: RGB | None = None, rng: random.Random | None = None):
    col = colour or STAR
    tilt = -90 + (rng.uniform(-12, 12) if rng else 0)
    glow = pen.colour(lighter(col, 0.4) + (28,), glow=True)
    pen.blend.ellipse((x - r * 1.3, y - r * 1.3, x + r * 1.3, y + r * 1.3), fill=glow)
    pts = star_points(x, y, r, r * 0.5, 5, tilt)
    pen.polygon(pts, col, glow=True, outline=r * 2)
    if main:
        f = Fig(pen, x, y + r, r * 2)
        face(f, 0.0, 0.48, 0.22, mood)


def rainbow(pen: Pen, cx: float, base_y: float, radius: float, band: float, alpha: int = 210):
    for i, c in enumerate(RAINBOW):
        r = radius - i * band
        if r <= band:
            break
        col = pen.colour(c + (alpha,), glow=True)
        pen.blend.arc((cx - r, base_y - r, cx + r, base_y + r), 180, 360, fill=col, width=int(band) + 1)


def planet(pen: Pen, x: float, y: float, r: float, colour: RGB, rng: random.Random, ring: bool = True):
    ring_col = lighter(colour, 0.35)
    if ring:
        pts = ellipse_points(x, y, r * 1.9, r * 0.45, -14, 48)
        pen.polygon(pts[24:] + pts[:1], ring_col, glow=True)
    pen.ellipse((x - r, y - r, x + r, y + r), colour, glow=True, outline=r * 2)
    for _ in range(3):
        cx, cy = x + rng.uniform(-0.5, 0.5) * r, y + rng.uniform(-0.5, 0.5) * r
        cr = r * rng.uniform(0.1, 0.2)
        pen.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), darker(colour, 0.85), glow=True)
    pen.line([(x - r * 0.9, y - r * 0.3), (x + r * 0.9, y - r * 0.1)], darker(colour, 0.9), r * 0.12, glow=True)
    if ring:
        pts = ellipse_points(x, y, r * 1.9, r * 0.45, -14, 48)
        front = pts[0:25]
        pen.line(front, ring_col, max(2, r * 0.16), glow=True)


def bat(pen: Pen, x: float, y: float, s: float):
    f = Fig(pen, x, y, s)
    col = (96, 70, 130)
    f.poly([(0.0, 0.5), (-0.5, 0.75), (-0.38, 0.55), (-0.28, 0.62), (-0.16, 0.45), (0.0, 0.4)], col, line=False)
    f.poly([(0.0, 0.5), (0.5, 0.75), (0.38, 0.55), (0.28, 0.62), (0.16, 0.45), (0.0, 0.4)], col, line=False)
    f.circle(0.0, 0.48, 0.1, col, line=False)
    f.poly([(-0.08, 0.54), (-0.06, 0.64), (-0.02, 0.56)], col, line=False)
    f.poly([(0.08, 0.54), (0.06, 0.64), (0.02, 0.56)], col, line=False)
    for k in (-1, 1):
        f.circle(k * 0.035, 0.5, 0.018, (255, 220, 90), line=False, glow=True)


def sky_stops(time: str, weather: list[str], tint: RGB | None, light) -> list[tuple[float, RGB]]:
    from .palette import SKIES, WEATHER_SKIES
    top, mid, bottom = SKIES[time]
    stops = [(0.0, top), (0.55, mid), (1.0, bottom)]
    for w in ("storm", "rain", "snow", "fog"):
        if w in weather:
            wt, wb = WEATHER_SKIES[w]
            dim = 0.35 if time == "night" else 0.8 if time == "sunset" else 1.0
            wt, wb = darker(wt, dim), darker(wb, dim)
            amount = 0.85 if w in ("storm", "rain") else 0.7
            stops = [(0.0, mix(stops[0][1], wt, amount)), (0.55, mix(stops[1][1], mix(wt, wb, 0.5), amount)),
                     (1.0, mix(stops[2][1], wb, amount))]
            break
    if tint is not None:
        stops = [(p, mix(c, tint, 0.45 if i else 0.55)) for i, (p, c) in enumerate(stops)]
    return [(p, light.paint(c, ambient=False)) for p, c in stops]
