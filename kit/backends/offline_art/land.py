"""The ground and the far-away things: hills, mountains, the sea, a river, a Hong Kong skyline with its
harbour, bridges, the sea floor and the moon-like ground of outer space.
"""

from __future__ import annotations

import math
import random

from .canvas import Pen, bezier
from .palette import RGB, darker, lighter, mix
from .sky import gradient

GRASS = (118, 196, 92)
SAND = (242, 214, 150)
SNOW = (244, 248, 252)
DESERT = (236, 188, 112)
MOONDUST = (176, 174, 190)
SEA = ((70, 150, 222), (36, 104, 190))
PAVEMENT = (196, 194, 200)


def paste_gradient(pen: Pen, box, top: RGB, bottom: RGB):
    x0, y0, x1, y1 = (round(v) for v in box)
    if x1 <= x0 or y1 <= y0:
        return
    img = gradient((x1 - x0, y1 - y0), [(0.0, pen.light.paint(top)), (1.0, pen.light.paint(bottom))])
    pen.img.paste(img, (x0, y0))


def ground(pen: Pen, y: float, col: RGB):
    paste_gradient(pen, (0, y, pen.W, pen.H), lighter(col, 0.12), darker(col, 0.88))


def hills(pen: Pen, rng: random.Random, y: float, col: RGB, layers: int = 2, height: float = 0.12):
    W, H = pen.W, pen.H
    for layer in range(layers):
        far = layers - 1 - layer
        c = mix(col, (150, 190, 220), 0.35 * far) if far else darker(col, 0.95)
        n = rng.randint(2, 3)
        for i in range(n):
            cx = W * (i + rng.uniform(0.1, 0.9)) / n
            rx = W * rng.uniform(0.28, 0.45)
            ry = H * height * rng.uniform(0.6, 1.0) * (1.0 if far else 0.6)
            pen.ellipse((cx - rx, y - ry, cx + rx, y + ry), c)


def mountains(pen: Pen, rng: random.Random, y: float, n: int, height: float, snow: bool, colour: RGB | None,
              big: bool = False):
    W, H = pen.W, pen.H
    base = colour or (118, 138, 176)
    # a paler far range first
    for i in range(n + 2):
        cx = W * (i + rng.uniform(-0.1, 0.5)) / (n + 1)
        h = H * height * rng.uniform(0.45, 0.7)
        wb = W * rng.uniform(0.18, 0.3)
        pen.polygon([(cx - wb, y + 2), (cx, y - h), (cx + wb, y + 2)], mix(base, (200, 215, 235), 0.45))
    for i in range(n):
        cx = W * (i + 0.5 + rng.uniform(-0.2, 0.2)) / n
        h = H * height * rng.uniform(0.8, 1.0) * (1.15 if big and i == n // 2 else 1.0)
        wb = max(W * 0.5 / n, h * 0.95) * rng.uniform(0.9, 1.1)
        top = (cx, y - h)
        pen.polygon([(cx - wb, y + 2), top, (cx + wb, y + 2)], base, outline=h * 0.5)
        pen.polygon([top, (cx + wb, y + 2), (cx + wb * 0.25, y + 2)], darker(base, 0.86))
        if snow:
            k = 0.3
            pts = [top, (cx + wb * k, y - h * (1 - k))]
            steps = 5
            for j in range(steps, -1, -1):
                px = cx - wb * k + 2 * wb * k * j / steps
                py = y - h * (1 - k) - (h * 0.07 if j % 2 else 0)
                pts.append((px, py))
            pts.append((cx - wb * k, y - h * (1 - k)))
            pen.polygon(pts, (250, 252, 255))


def sea(pen: Pen, rng: random.Random, y0: float, y1: float, glow_x: float | None = None,
        glow_col: RGB | None = None, colour: RGB | None = None):
    top, bottom = SEA if colour is None else (lighter(colour, 0.15), darker(colour, 0.8))
    paste_gradient(pen, (0, y0, pen.W, y1), top, bottom)
    u = pen.u
    rows = 7
    for r in range(rows):
        t = (r + 0.5) / rows
        yy = y0 + (y1 - y0) * t * t + (y1 - y0) * 0.04
        size = u * (0.01 + 0.035 * t)
        count = int(3 + 5 * (1 - t))
        for _ in range(count):
            x = rng.uniform(0, pen.W)
            pen.blend.arc((x - size, yy - size * 0.4, x + size, yy + size * 0.4), 200, 340,
                          fill=pen.colour((255, 255, 255, 150)), width=max(1, int(size * 0.18)))
    if glow_x is not None and glow_col is not None:
        for r in range(9):
            yy = y0 + (y1 - y0) * (r + 0.5) / 10
            half = u * (0.05 - r * 0.003) * rng.uniform(0.7, 1.2)
            pen.line([(glow_x - half, yy), (glow_x + half, yy)], glow_col + (170,), max(2, u * 0.006), glow=True)


def river(pen: Pen, rng: random.Random, y0: float, colour: RGB | None = None) -> list[tuple[float, float, float]]:
    """A river winding from the horizon to the bottom; returns its centre line as (x, y, half width)."""
    W, H = pen.W, pen.H
    phase = rng.uniform(0, 2 * math.pi)
    start = W * rng.uniform(0.35, 0.65)
    line = []
    for i in range(25):
        t = i / 24
        y = y0 + (H - y0) * t
        x = start + W * 0.18 * math.sin(phase + t * 3.2) * t
        half = W * (0.015 + 0.2 * t * t + 0.02 * t)
        line.append((x, y, half))
    left = [(x - hw, y) for x, y, hw in line]
    right = [(x + hw, y) for x, y, hw in reversed(line)]
    col = colour or (92, 170, 230)
    pen.polygon(left + right, darker(col, 0.8))
    inner_l = [(x - hw * 0.86, y) for x, y, hw in line]
    inner_r = [(x + hw * 0.86, y) for x, y, hw in reversed(line)]
    pen.polygon(inner_l + inner_r, col)
    for x, y, hw in line[4::3]:
        pen.line([(x - hw * 0.4, y), (x + hw * 0.2, y)], (220, 240, 255, 160), max(1, pen.u * 0.004))
    return line


def pond(pen: Pen, cx: float, cy: float, rx: float, ry: float, colour: RGB | None = None):
    col = colour or (96, 172, 232)
    pen.ellipse((cx - rx * 1.05, cy - ry * 1.1, cx + rx * 1.05, cy + ry * 1.1), (140, 130, 110))
    pen.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), col)
    pen.ellipse((cx - rx * 0.6, cy - ry * 0.5, cx + rx * 0.1, cy - ry * 0.2), lighter(col, 0.3))


def skyline(pen: Pen, rng: random.Random, base: float, height: float, lit: bool, colour: RGB | None = None):
    """A Hong Kong harbour-front skyline: the Peak behind, glass towers, IFC and a Bank of China tower."""
    W, H, u = pen.W, pen.H, pen.u
    peak = mix((86, 150, 96), (120, 150, 190), 0.25)
    pts = [(0, base)]
    for i in range(13):
        t = i / 12
        pts.append((W * t, base - H * height * (0.55 + 0.3 * math.sin(t * 3.1 + 0.6) ** 2)))
    pts.append((W, base))
    pen.polygon(pts, peak)
    glass = [(120, 160, 200), (170, 190, 210), (220, 226, 232), (96, 130, 170), (150, 200, 210),
             (200, 180, 160)]
    if colour is not None:
        glass = [mix(g, colour, 0.55) for g in glass]
    x = -rng.uniform(0, W * 0.03)
    landmarks = {rng.randint(3, 5): "ifc", rng.randint(8, 10): "boc"}
    i = 0
    while x < W:
        kind = landmarks.get(i, "plain")
        w = W * rng.uniform(0.045, 0.085) if kind == "plain" else W * 0.07
        h = H * height * rng.uniform(0.55, 1.05)
        if kind == "ifc":
            h = H * height * 1.55
        elif kind == "boc":
            h = H * height * 1.35
        col = rng.choice(glass)
        top = base - h
        if kind == "boc":
            _boc(pen, x, base, w, h, lit)
        else:
            pen.polygon([(x, base), (x, top), (x + w, top), (x + w, base)], col, outline=u * 0.4)
            if kind == "ifc":
                for k in range(3):
                    inset = w * (0.12 + 0.1 * k)
                    pen.rect((x + inset, top - h * 0.04 * (k + 1), x + w - inset, top - h * 0.04 * k + 1),
                             lighter(col, 0.1))
            _windows(pen, rng, x, top, w, base - top, col, lit)
        x += w * rng.uniform(0.85, 1.0)
        i += 1


def _windows(pen: Pen, rng: random.Random, x, top, w, h, col, lit):
    u = pen.u
    gap = max(3.0, u * 0.014)
    cols = max(1, int(w / gap) - 1)
    rows = max(1, int(h / gap) - 1)
    ww, wh = gap * 0.5, gap * 0.45
    if lit:
        on = (255, 220, 120)
        for r in range(rows):
            for c in range(cols):
                if rng.random() < 0.45:
                    wx = x + (w - cols * gap) / 2 + c * gap + gap * 0.25
                    wy = top + gap * 0.7 + r * gap
                    pen.rect((wx, wy, wx + ww, wy + wh), on, glow=True)
    else:
        stripe = darker(col, 0.82)
        for r in range(rows):
            wy = top + gap * 0.7 + r * gap
            pen.rect((x + w * 0.12, wy, x + w * 0.88, wy + wh * 0.7), stripe)


def _boc(pen: Pen, x, base, w, h, lit):
    """The Bank of China tower: a stack of glass triangles with white X frames."""
    glass = (110, 150, 196)
    top = base - h
    pen.polygon([(x, base), (x, top + h * 0.25), (x + w * 0.5, top), (x + w, top + h * 0.12), (x + w, base)],
                glass, outline=pen.u * 0.4)
    frame = (240, 244, 250)
    lw = max(1, pen.u * 0.0035)
    for k in range(4):
        y0 = base - h * (0.22 * k)
        y1 = base - h * (0.22 * (k + 1))
        pen.line([(x, y0), (x + w, y1)], frame, lw, glow=lit)
        pen.line([(x + w, y0), (x, y1)], frame, lw, glow=lit)
        pen.line([(x, y1), (x + w, y1)], frame, lw, glow=lit)
    pen.line([(x + w * 0.5, top), (x + w * 0.5, top - h * 0.12)], (200, 200, 210), lw)


def harbour_front(pen: Pen, rng: random.Random, y0: float, y1: float, lit: bool):
    sea(pen, rng, y0, y1)
    if lit:
        for _ in range(int(14 * pen.W / max(pen.H, 1)) + 6):
            x = rng.uniform(0, pen.W)
            yy = rng.uniform(y0, y1)
            pen.line([(x, yy), (x + pen.u * rng.uniform(0.01, 0.03), yy)],
                     rng.choice(((255, 210, 110), (255, 140, 200), (140, 220, 255))) + (150,),
                     max(1, pen.u * 0.004), glow=True)


def promenade(pen: Pen, y: float):
    ground(pen, y, PAVEMENT)
    rail = (90, 96, 110)
    u = pen.u
    top = y - u * 0.03
    pen.line([(0, top), (pen.W, top)], rail, max(2, u * 0.005))
    step = u * 0.05
    x = 0.0
    while x < pen.W:
        pen.line([(x, top), (x, y)], rail, max(1, u * 0.004))
        x += step
    for i in range(1, 8):
        yy = y + (pen.H - y) * (i / 8) ** 1.6
        pen.line([(0, yy), (pen.W, yy)], darker(PAVEMENT, 0.92), max(1, u * 0.002))


def suspension_bridge(pen: Pen, y: float, x0: float, x1: float, span_h: float):
    """A Tsing Ma-style suspension bridge across the view."""
    u = pen.u
    red = (200, 80, 70)
    deck = (230, 228, 220)
    towers = (x0 + (x1 - x0) * 0.22, x0 + (x1 - x0) * 0.78)
    lw = max(2, u * 0.004)
    cable = []
    for i in range(41):
        t = i / 40
        x = x0 + (x1 - x0) * t
        tt = (x - towers[0]) / (towers[1] - towers[0])
        if 0 <= tt <= 1:
            cy = y - span_h + span_h * 0.85 * (1 - (2 * tt - 1) ** 2)
        elif tt < 0:
            cy = y - span_h + span_h * 0.85 * min(1, -tt / 0.4)
        else:
            cy = y - span_h + span_h * 0.85 * min(1, (tt - 1) / 0.4)
        cable.append((x, cy))
    for x, cy in cable[1:-1:2]:
        pen.line([(x, cy), (x, y)], (210, 210, 215), max(1, lw * 0.5))
    pen.line(cable, (220, 220, 225), lw)
    for tx in towers:
        pen.rect((tx - u * 0.012, y - span_h * 1.05, tx + u * 0.012, y + u * 0.04), red)
        pen.rect((tx - u * 0.016, y - span_h * 0.6, tx + u * 0.016, y - span_h * 0.57), red)
    pen.rect((x0, y, x1, y + u * 0.018), deck)
    pen.line([(x0, y + u * 0.018), (x1, y + u * 0.018)], (120, 120, 130), max(1, u * 0.003))


def arch_bridge(pen: Pen, cx: float, y: float, half: float, colour: RGB | None = None):
    """A stone arch bridge with a railing, spanning 2*half pixels."""
    col = colour or (196, 170, 140)
    u = pen.u
    h = half * 0.45
    top = y - h
    pts = [(cx - half * 1.25, y + u * 0.01), (cx - half * 1.05, top), (cx + half * 1.05, top),
           (cx + half * 1.25, y + u * 0.01)]
    arch = bezier((cx + half * 0.8, y + u * 0.01), (cx, y - h * 1.55), (cx - half * 0.8, y + u * 0.01), 20)
    pen.polygon(pts[:3] + [pts[3]] + arch, col, outline=half)
    for i in range(7):
        bx = cx - half * 0.95 + i * half * 1.9 / 6
        pen.line([(bx, top), (bx, top - h * 0.35)], darker(col, 0.7), max(2, u * 0.006))
    pen.line([(cx - half * 1.05, top - h * 0.35), (cx + half * 1.05, top - h * 0.35)], darker(col, 0.7),
             max(2, u * 0.008))
    for i in range(5):
        sx = cx - half * 0.95 + i * half * 0.47
        pen.line([(sx, top + h * 0.3), (sx + half * 0.12, top + h * 0.3)], darker(col, 0.85), max(1, u * 0.003))


def dunes(pen: Pen, rng: random.Random, y: float):
    W, H = pen.W, pen.H
    for i in range(4):
        cy = y + (H - y) * (0.05 + 0.3 * i)
        cx = W * rng.uniform(0.1, 0.9)
        rx, ry = W * rng.uniform(0.4, 0.7), (H - y) * rng.uniform(0.12, 0.2)
        pen.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), mix(DESERT, (255, 224, 170), 0.3 + 0.15 * (i % 2)))


def moon_ground(pen: Pen, rng: random.Random, y: float):
    W, H = pen.W, pen.H
    pen.ellipse((-W * 0.4, y, W * 1.4, y + (H - y) * 4), MOONDUST, outline=pen.u * 0.5)
    for _ in range(7):
        cx = rng.uniform(0, W)
        cy = rng.uniform(y + (H - y) * 0.25, H)
        rx = pen.u * rng.uniform(0.03, 0.08)
        ry = rx * 0.35
        pen.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), darker(MOONDUST, 0.8))
        pen.ellipse((cx - rx * 0.8, cy - ry * 0.5, cx + rx * 0.8, cy + ry * 0.9), darker(MOONDUST, 0.9))


def seabed(pen: Pen, rng: random.Random, y: float):
    W, H = pen.W, pen.H
    pts = [(0, H)]
    for i in range(13):
        pts.append((W * i / 12, y + (H - y) * 0.08 * math.sin(i * 1.3 + rng.uniform(0, 1))))
    pts.append((W, H))
    pen.polygon(pts, SAND)
    for _ in range(12):
        x, yy = rng.uniform(0, W), rng.uniform(y + (H - y) * 0.2, H)
        r = pen.u * rng.uniform(0.003, 0.007)
        pen.ellipse((x - r, yy - r, x + r, yy + r), darker(SAND, 0.85))


def light_rays(pen: Pen, rng: random.Random, colour: RGB = (255, 255, 230)):
    W, H = pen.W, pen.H
    for _ in range(5):
        x = rng.uniform(0, W)
        w = W * rng.uniform(0.03, 0.08)
        pen.polygon([(x, 0), (x + w, 0), (x + w * 3 + W * 0.15, H * 0.85), (x + W * 0.15, H * 0.85)],
                    colour + (38,), glow=True)


def seaweed(pen: Pen, rng: random.Random, x: float, y: float, h: float):
    col = rng.choice(((70, 170, 110), (60, 150, 90), (110, 180, 80)))
    pts = []
    phase = rng.uniform(0, 6)
    for i in range(12):
        t = i / 11
        pts.append((x + h * 0.08 * math.sin(phase + t * 7), y - h * t))
    pen.line(pts, darker(col, 0.7), max(3, h * 0.09))
    pen.line(pts, col, max(2, h * 0.06))


def coral(pen: Pen, rng: random.Random, x: float, y: float, h: float):
    col = rng.choice(((255, 120, 140), (255, 160, 90), (200, 110, 220)))
    for k in (-1, 0, 1):
        top = (x + k * h * 0.3, y - h * (0.8 if k == 0 else 0.6))
        pen.line([(x, y), ((x + top[0]) / 2, (y + top[1]) / 2 + h * 0.1), top], col, max(3, h * 0.12))
        pen.ellipse((top[0] - h * 0.07, top[1] - h * 0.07, top[0] + h * 0.07, top[1] + h * 0.07), col)


def bubbles(pen: Pen, rng: random.Random, n: int, box):
    x0, y0, x1, y1 = box
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = pen.u * rng.uniform(0.005, 0.016)
        pen.blend.ellipse((x - r, y - r, x + r, y + r), outline=pen.colour((230, 245, 255, 200), glow=True),
                          width=max(1, int(r * 0.25)), fill=pen.colour((230, 245, 255, 50), glow=True))
        pen.ellipse((x - r * 0.45, y - r * 0.55, x - r * 0.1, y - r * 0.2), (255, 255, 255), glow=True)


def grass_tufts(pen: Pen, rng: random.Random, y0: float, n: int, col: RGB):
    H = pen.H
    for _ in range(n):
        x = rng.uniform(0, pen.W)
        y = rng.uniform(y0 + (H - y0) * 0.1, H)
        s = pen.u * 0.02 * (0.5 + (y - y0) / max(1, H - y0))
        c = darker(col, 0.8)
        for dx in (-0.5, 0.0, 0.5):
            pen.line([(x + dx * s * 0.4, y), (x + dx * s, y - s * (1.0 - abs(dx) * 0.3))], c, max(1, s * 0.15))
