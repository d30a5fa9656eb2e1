"""Weather and mood drawn over the scene: rain, snow, lightning, fog, wind, spooky bats, sparkles."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image

from .canvas import Pen, bezier, star_points
from .sky import bat


def rain(pen: Pen, rng: random.Random, heavy: bool = False):
    W, H, u = pen.W, pen.H, pen.u
    n = int((260 if heavy else 170) * W * H / (u * u) * (1.0 if u < 1200 else 1.3))
    length = u * (0.05 if heavy else 0.04)
    lw = max(1, u * 0.0025)
    slant = length * 0.25
    col = pen.colour((210, 225, 255, 170), glow=True)
    for _ in range(n):
        x, y = rng.uniform(-slant, W), rng.uniform(-length, H)
        pen.blend.line([(x, y), (x + slant, y + length)], fill=col, width=int(lw))


def puddles(pen: Pen, rng: random.Random, y0: float, n: int = 3):
    W, H = pen.W, pen.H
    for _ in range(n):
        cx, cy = rng.uniform(0.1, 0.9) * W, rng.uniform(y0 + (H - y0) * 0.45, H * 0.97)
        rx = pen.u * rng.uniform(0.05, 0.09)
        ry = rx * 0.22
        pen.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), (150, 180, 215, 170), glow=False)
        pen.blend.arc((cx - rx * 0.5, cy - ry * 0.5, cx + rx * 0.5, cy + ry * 0.5), 0, 360,
                      fill=pen.colour((230, 240, 255, 160)), width=max(1, int(pen.u * 0.002)))


def snow(pen: Pen, rng: random.Random):
    W, H, u = pen.W, pen.H, pen.u
    n = int(150 * W * H / (u * u))
    for _ in range(n):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        r = u * rng.uniform(0.003, 0.009)
        pen.ellipse((x - r, y - r, x + r, y + r), (255, 255, 255, 230), glow=True)
    for _ in range(max(3, n // 25)):
        x, y = rng.uniform(0, W), rng.uniform(0, H * 0.8)
        r = u * rng.uniform(0.012, 0.02)
        for k in range(3):
            a = math.radians(k * 60 + 15)
            dx, dy = math.cos(a) * r, math.sin(a) * r
            pen.line([(x - dx, y - dy), (x + dx, y + dy)], (255, 255, 255), max(1, r * 0.18), glow=True)


def lightning(pen: Pen, rng: random.Random, x: float, top: float, bottom: float):
    u = pen.u
    pts = [(x, top)]
    y = top
    step = (bottom - top) / 6
    for i in range(6):
        y += step
        x += rng.uniform(-1, 1) * u * 0.04 + (u * 0.02 if i % 2 else -u * 0.02)
        pts.append((x, y))
    halo = pen.colour((255, 250, 200, 90), glow=True)
    pen.blend.line(pts, fill=halo, width=int(max(4, u * 0.03)), joint="curve")
    pen.line(pts, (255, 240, 140), max(3, u * 0.012), glow=True)
    pen.line(pts, (255, 255, 240), max(1, u * 0.004), glow=True)


def fog(img: Image.Image, y_peak: float, strength: float, colour=(222, 226, 232)) -> Image.Image:
    """Whiten the picture most around the horizon line ``y_peak`` (pixels), less above and below."""
    W, H = img.size
    ys = np.arange(H, dtype=np.float32)
    spread = H * 0.45
    a = strength * np.exp(-((ys - y_peak) / spread) ** 2)
    a = np.clip(a + strength * 0.35, 0, 1)
    mask = Image.fromarray((a * 255).astype(np.uint8).reshape(H, 1), "L").resize((W, H))
    return Image.composite(Image.new("RGB", (W, H), colour), img, mask)


def wind(pen: Pen, rng: random.Random):
    W, H, u = pen.W, pen.H, pen.u
    col = (255, 255, 255, 200)
    n = int(6 * W / u) + 1
    for i in range(n):
        x = W * (i / n + rng.uniform(-0.1, 0.05))
        y = H * (0.08 + 0.72 * ((i * 0.618 + rng.random() * 0.2) % 1.0))
        length = u * rng.uniform(0.28, 0.42)
        pts = bezier((x, y), (x + length * 0.5, y - u * 0.05), (x + length, y), 16)
        cx, cy, r = x + length, y - u * 0.028, u * 0.028          # finish with a little curl
        pts += [(cx + r * math.sin(a), cy + r * math.cos(a)) for a in np.linspace(0, math.pi * 1.5, 10)]
        pen.line(pts, col, max(2, u * 0.008), glow=True)
        pen.line([(x + length * 0.15, y + u * 0.025), (x + length * 0.7, y + u * 0.02)], col, max(1, u * 0.005),
                 glow=True)
    leaves = ((120, 190, 80), (250, 170, 60), (230, 100, 60), (200, 210, 70))
    for _ in range(int(18 * W / u)):
        x, y = rng.uniform(0, W), rng.uniform(0.05, 0.85) * H
        r = u * rng.uniform(0.01, 0.018)
        a = rng.uniform(0, math.pi)
        pts = [(x + math.cos(a) * r * 1.8, y + math.sin(a) * r * 1.8), (x - math.sin(a) * r * 0.7,
               y + math.cos(a) * r * 0.7), (x - math.cos(a) * r * 1.8, y - math.sin(a) * r * 1.8),
               (x + math.sin(a) * r * 0.7, y - math.cos(a) * r * 0.7)]
        pen.polygon(pts, rng.choice(leaves), outline=r * 4)


def bats(pen: Pen, rng: random.Random, y_max: float, n: int = 3):
    for _ in range(n):
        s = pen.u * rng.uniform(0.07, 0.11)
        bat(pen, rng.uniform(0.1, 0.9) * pen.W, rng.uniform(0.08, 0.9) * y_max, s)


def sparkles(pen: Pen, rng: random.Random, box, n: int = 10):
    x0, y0, x1, y1 = box
    cols = ((255, 230, 90), (255, 140, 190), (120, 220, 255))
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = pen.u * rng.uniform(0.012, 0.024)
        pen.polygon(star_points(x, y, r, r * 0.35, 4, 0), rng.choice(cols), glow=True)
