"""Things without legs: trees, flowers, houses, a castle, a junk boat, a taxi, a rocket, balloons, a kite,
and small decorations (pine and palm trees, cacti, mushrooms, fences, a bench, a lamp, a school).

Same conventions as ``creatures``: a ``Fig`` with its origin at the thing's base and height 1.
"""

from __future__ import annotations

import math

from .canvas import EYE, Fig, bezier, face, star_points
from .creatures import Look
from .palette import RGB, darker, lighter

LEAF = (88, 176, 84)
TRUNK = (140, 94, 58)
WINDOW_DAY = (176, 216, 246)
WINDOW_LIT = (255, 216, 110)


def tree(f: Fig, look: Look):
    col = look.col(LEAF)
    rng = look.rng
    trunk = (140, 94, 58)
    f.poly([(-0.065, 0.0), (0.065, 0.0), (0.045, 0.5), (-0.045, 0.5)], trunk)
    f.line([(0.0, 0.38), (0.13, 0.52)], trunk, 0.035)
    f.line([(0.0, 0.42), (-0.12, 0.55)], trunk, 0.03)
    blobs = [(0.0, 0.72, 0.28), (-0.2, 0.6, 0.2), (0.2, 0.6, 0.2), (-0.13, 0.84, 0.2), (0.14, 0.85, 0.19)]
    blobs = [(x + rng.uniform(-0.02, 0.02), y + rng.uniform(-0.02, 0.02), r) for x, y, r in blobs]
    _blob(f, blobs, col)
    hi = lighter(col, 0.25)
    for x, y, r in blobs[1:4]:
        f.circle(x - r * 0.25, y + r * 0.3, r * 0.35, hi, line=False)
    if "snow" in look.weather:
        for x, y, r in blobs[3:]:
            f.chord(x, y, r * 0.95, r * 0.95, 200, 340, (250, 250, 255), line=False)
    elif look.colour is None and rng.random() < 0.5:
        fruit = rng.choice(((230, 60, 60), (255, 170, 200), (255, 150, 40)))
        for _ in range(5):
            x, y, r = rng.choice(blobs)
            f.circle(x + rng.uniform(-0.6, 0.6) * r, y + rng.uniform(-0.5, 0.5) * r, 0.03, fruit)


def _blob(f: Fig, blobs, col: RGB):
    """Overlapping circles with one outline round the whole cluster (clouds, canopies, bushes)."""
    extra = f.lw / max(f.s, 1)
    if extra:
        edge = darker(col, 0.62) if f.pen.outline != "bold" else None
        for x, y, r in blobs:
            if edge is None:
                f.circle(x, y, r + extra, (36, 32, 40), line=False, glow=True)
            else:
                f.circle(x, y, r + extra, edge, line=False)
    for x, y, r in blobs:
        f.circle(x, y, r, col, line=False)


def pine(f: Fig, look: Look):
    col = look.col((52, 140, 86))
    f.rect(-0.05, 0.0, 0.05, 0.2, TRUNK)
    for i, (y0, w, h) in enumerate(((0.15, 0.34, 0.42), (0.4, 0.27, 0.36), (0.62, 0.2, 0.38))):
        c = col if i % 2 == 0 else lighter(col, 0.1)
        f.poly([(-w, y0), (0.0, y0 + h), (w, y0)], c)
        if "snow" in look.weather or look.variant == "snowy":
            f.poly([(-w * 0.45, y0 + h * 0.55), (0.0, y0 + h), (w * 0.45, y0 + h * 0.55)], (250, 250, 255),
                   line=False)


def palm(f: Fig, look: Look):
    col = look.col((70, 170, 80))
    trunk = (176, 130, 80)
    pts = bezier((0.0, 0.0), (0.02, 0.5), (0.14, 0.82))
    f.line(pts, trunk, 0.07, edged=True)
    for x, y in pts[2::3]:
        f.line([(x - 0.035, y), (x + 0.035, y + 0.01)], darker(trunk, 0.75), 0.012)
    tx, ty = pts[-1]
    for dx, dy in ((-0.42, -0.1), (-0.3, 0.12), (0.0, 0.2), (0.3, 0.1), (0.42, -0.12), (0.15, -0.22),
                   (-0.18, -0.24)):
        f.line(bezier((tx, ty), (tx + dx * 0.5, ty + 0.12 + dy * 0.3), (tx + dx, ty + dy)), col, 0.05)
    for k in (-1, 1):
        f.circle(tx + k * 0.03, ty - 0.04, 0.035, (130, 90, 50))


def flower(f: Fig, look: Look):
    col = look.col(look.rng.choice(((255, 110, 160), (240, 70, 80), (180, 110, 230), (255, 170, 40))))
    f.line([(0.0, 0.0), (0.0, 0.62)], (80, 160, 70), 0.045, edged=True)
    f.ell(-0.1, 0.28, 0.1, 0.045, (90, 176, 80), rot=25)
    f.ell(0.1, 0.4, 0.1, 0.045, (90, 176, 80), rot=-25)
    for i in range(6):
        a = i * math.pi / 3 + 0.3
        f.circle(0.15 * math.cos(a), 0.72 + 0.15 * math.sin(a), 0.12, col)
    f.circle(0.0, 0.72, 0.11, (255, 214, 70))
    if look.main:
        face(f, 0.0, 0.72, 0.1, look.mood, sleeping=look.sleeping, cheeks=True, mouth_dy=0.4)


def house(f: Fig, look: Look):
    wall = look.col((250, 234, 200))
    roof = look.accent or ((206, 70, 60) if look.colour is None or look.colour[0] < 180 or look.colour[1] > 120
                           else (120, 70, 50))
    f.rect(0.16, 0.62, 0.28, 0.92, (180, 90, 70))
    f.rect(-0.38, 0.0, 0.38, 0.58, wall)
    f.poly([(-0.48, 0.55), (0.0, 0.98), (0.48, 0.55)], roof)
    win = WINDOW_LIT if look.lit else WINDOW_DAY
    f.circle(0.0, 0.72, 0.06, win, glow=look.lit)
    f.rect(-0.08, 0.0, 0.1, 0.34, (150, 96, 60), r=0.03)
    f.circle(0.06, 0.17, 0.015, (250, 210, 80))
    for x0 in (-0.31, 0.17):
        f.rect(x0, 0.24, x0 + 0.15, 0.42, win, glow=look.lit)
        f.line([(x0 + 0.075, 0.24), (x0 + 0.075, 0.42)], darker(wall, 0.6), 0.012)
        f.line([(x0, 0.33), (x0 + 0.15, 0.33)], darker(wall, 0.6), 0.012)
        f.rect(x0 - 0.01, 0.21, x0 + 0.16, 0.24, (120, 170, 80))


def castle(f: Fig, look: Look):
    wall = look.col((214, 206, 234))
    roof = look.accent or ((92, 112, 214) if look.colour is None else darker(wall, 0.65))
    flag = (255, 110, 150)
    win = WINDOW_LIT if look.lit else (90, 90, 130)
    f.rect(-0.3, 0.0, 0.3, 0.56, wall)
    for i in range(6):
        x = -0.3 + i * 0.11
        f.rect(x, 0.55, x + 0.06, 0.62, wall)
    f.rect(-0.1, 0.55, 0.1, 0.8, wall)
    f.poly([(-0.13, 0.79), (0.0, 1.04), (0.13, 0.79)], roof)
    for x0 in (-0.5, 0.3):
        f.rect(x0, 0.0, x0 + 0.2, 0.72, wall)
        f.poly([(x0 - 0.04, 0.71), (x0 + 0.1, 0.98), (x0 + 0.24, 0.71)], roof)
        f.line([(x0 + 0.1, 0.97), (x0 + 0.1, 1.08)], (90, 80, 90), 0.012)
        f.poly([(x0 + 0.1, 1.08), (x0 + 0.2, 1.05), (x0 + 0.1, 1.02)], flag, line=False)
        f.rect(x0 + 0.07, 0.42, x0 + 0.13, 0.54, win, r=0.03, glow=look.lit)
    f.rect(-0.03, 0.62, 0.03, 0.72, win, r=0.03, glow=look.lit)
    f.rect(-0.11, 0.0, 0.11, 0.2, (110, 80, 70), line=False)
    f.ell(0.0, 0.2, 0.11, 0.1, (110, 80, 70), line=False)
    for x in (-0.2, 0.2):
        f.rect(x - 0.03, 0.3, x + 0.03, 0.42, win, r=0.03, glow=look.lit)


def boat(f: Fig, look: Look):
    """A Hong Kong junk with red ribbed sails."""
    hull = look.col((150, 90, 54))
    sail = look.accent or (206, 72, 46)
    f.line([(-0.06, 0.22), (-0.06, 1.0)], (90, 60, 40), 0.02)
    f.line([(0.26, 0.22), (0.26, 0.76)], (90, 60, 40), 0.018)
    big = [(-0.06, 0.98), (-0.38, 0.93), (-0.46, 0.36), (-0.06, 0.33)]
    small = [(0.26, 0.74), (0.06, 0.7), (0.03, 0.36), (0.26, 0.35)]
    for shape in (big, small):
        f.poly(shape, sail)
        top, bottom = shape[1], shape[2]
        for i in range(1, 5):
            t = i / 5
            x0 = top[0] + (bottom[0] - top[0]) * t
            y0 = top[1] + (bottom[1] - top[1]) * t
            y1 = shape[0][1] + (shape[3][1] - shape[0][1]) * t
            f.line([(x0, y0), (shape[0][0], y1)], darker(sail, 0.7), 0.01)
    f.poly([(-0.52, 0.3), (0.56, 0.32), (0.42, 0.02), (-0.4, 0.02)], hull)
    f.line([(-0.48, 0.26), (0.52, 0.28)], lighter(hull, 0.35), 0.02)
    f.circle(0.38, 0.17, 0.035, (250, 240, 220))
    f.circle(0.385, 0.17, 0.018, EYE, line=False)


def car(f: Fig, look: Look):
    """A Hong Kong red taxi unless the child chose a colour."""
    body = look.col((220, 50, 52))
    taxi = look.colour is None
    roof = (236, 234, 226) if taxi else body
    f.poly([(-0.3, 0.4), (-0.2, 0.7), (0.22, 0.7), (0.34, 0.4)], roof)
    f.poly([(-0.25, 0.42), (-0.17, 0.64), (-0.02, 0.64), (-0.02, 0.42)], WINDOW_DAY, line=False)
    f.poly([(0.03, 0.42), (0.03, 0.64), (0.19, 0.64), (0.28, 0.42)], WINDOW_DAY, line=False)
    if taxi:
        f.rect(-0.08, 0.7, 0.08, 0.77, (255, 220, 80), r=0.02)
    f.rect(-0.52, 0.1, 0.52, 0.44, body, r=0.1)
    f.line([(0.0, 0.16), (0.0, 0.42)], darker(body, 0.7), 0.01)
    f.ell(0.48, 0.32, 0.035, 0.05, (255, 236, 150), glow=True)
    f.ell(-0.49, 0.32, 0.025, 0.045, (255, 80, 80), glow=True)
    for wx in (-0.3, 0.3):
        f.circle(wx, 0.11, 0.12, (50, 50, 58))
        f.circle(wx, 0.11, 0.05, (190, 190, 200), line=False)
    if look.main and look.mood in ("happy", "exciting"):
        f.arc(0.42, 0.22, 0.05, 0.04, 20, 160, darker(body, 0.5), 0.015)


def rocket(f: Fig, look: Look):
    body = look.col((244, 244, 250))
    trim = look.accent or ((230, 60, 70) if look.colour is None or look.colour[0] < 200 else (60, 110, 220))
    f.poly([(-0.09, 0.22), (0.0, -0.02), (0.09, 0.22)], (255, 150, 40), glow=True)
    f.poly([(-0.05, 0.22), (0.0, 0.06), (0.05, 0.22)], (255, 236, 120), glow=True, line=False)
    f.rect(-0.07, 0.18, 0.07, 0.25, (130, 130, 145))
    for k in (-1, 1):
        f.poly([(k * 0.1, 0.46), (k * 0.25, 0.22), (k * 0.24, 0.18), (k * 0.08, 0.28)], trim)
    f.ell(0.0, 0.6, 0.14, 0.38, body)
    f.chord(0.0, 0.6, 0.14, 0.38, 205, 335, trim, line=True)
    f.circle(0.0, 0.62, 0.075, (150, 150, 170))
    f.circle(0.0, 0.62, 0.055, (110, 190, 250), glow=True)
    f.circle(0.02, 0.64, 0.018, (230, 250, 255), line=False, glow=True)
    f.rect(0.0 - 0.005, 0.3, 0.005, 0.44, trim, line=False)


def balloon(f: Fig, look: Look):
    col = look.col(look.rng.choice(((240, 60, 70), (255, 200, 40), (70, 150, 240), (255, 120, 180),
                                    (120, 200, 90), (170, 100, 220))))
    sway = look.rng.uniform(-0.08, 0.08)
    if look.variant == "tethered":
        sway = 0.0
    else:
        f.line(bezier((0.0 + sway, 0.42), (0.08, 0.22), (0.0, 0.0)), (120, 120, 130), 0.01)
    f.poly([(sway - 0.03, 0.4), (sway, 0.45), (sway + 0.03, 0.4)], darker(col, 0.8))
    f.ell(sway, 0.7, 0.2, 0.26, col)
    f.ell(sway - 0.08, 0.8, 0.04, 0.07, (255, 255, 255, 150), rot=20, line=False, glow=True)


def kite(f: Fig, look: Look):
    col = look.col((240, 80, 90))
    other = look.accent or (255, 210, 60)
    top, left, bottom, right, mid = (0.0, 1.0), (-0.25, 0.66), (0.0, 0.3), (0.25, 0.66), (0.0, 0.66)
    f.poly([top, left, bottom, right], col)
    f.poly([top, left, mid], other, line=False)
    f.poly([mid, right, bottom], other, line=False)
    f.line([top, bottom], darker(col, 0.6), 0.012)
    f.line([left, right], darker(col, 0.6), 0.012)
    tail = bezier((0.0, 0.3), (0.12, 0.18), (-0.05, 0.0))
    f.line(tail, (90, 90, 100), 0.01)
    for i in (4, 9, 14):
        x, y = tail[i]
        f.poly([(x - 0.05, y + 0.03), (x + 0.05, y - 0.03), (x + 0.05, y + 0.03), (x - 0.05, y - 0.03)],
               (70, 150, 240) if i % 2 else (255, 150, 40), line=False)


def cactus(f: Fig, look: Look):
    col = look.col((92, 168, 92))
    f.line([(0.0, 0.0), (0.0, 0.9)], col, 0.2, edged=True)
    f.line([(0.0, 0.45), (-0.24, 0.45), (-0.24, 0.7)], col, 0.11, edged=True)
    f.line([(0.0, 0.35), (0.22, 0.35), (0.22, 0.6)], col, 0.11, edged=True)
    f.line([(0.0, 0.0), (0.0, 0.9)], col, 0.2)
    for y in (0.3, 0.55, 0.78):
        f.line([(-0.03, y), (-0.03, y + 0.08)], darker(col, 0.75), 0.012)
        f.line([(0.04, y - 0.05), (0.04, y + 0.03)], darker(col, 0.75), 0.012)
    if look.rng.random() < 0.5:
        f.circle(0.0, 0.95, 0.06, (255, 110, 160))


def mushroom(f: Fig, look: Look):
    f.rect(-0.12, 0.0, 0.12, 0.45, (250, 240, 220), r=0.06)
    f.chord(0.0, 0.42, 0.4, 0.45, 180, 360, look.col((226, 60, 60)), line=True)
    for x, y, r in ((-0.2, 0.6, 0.06), (0.05, 0.72, 0.07), (0.22, 0.55, 0.05)):
        f.circle(x, y, r, (255, 255, 250), line=False)


def bush(f: Fig, look: Look):
    col = look.col((96, 170, 86))
    _blob(f, [(-0.3, 0.3, 0.3), (0.0, 0.45, 0.4), (0.3, 0.3, 0.3)], col)


def bench(f: Fig, look: Look):
    wood = (170, 110, 60)
    for x in (-0.4, 0.4):
        f.line([(x, 0.0), (x, 0.4)], (70, 70, 80), 0.04)
    f.rect(-0.5, 0.36, 0.5, 0.44, wood)
    f.rect(-0.5, 0.58, 0.5, 0.66, wood)
    f.rect(-0.5, 0.7, 0.5, 0.78, wood)


def lamp(f: Fig, look: Look):
    f.line([(0.0, 0.0), (0.0, 0.85)], (60, 66, 80), 0.04)
    f.rect(-0.08, 0.84, 0.08, 0.98, (255, 230, 140) if look.lit else (220, 230, 235), glow=look.lit)
    f.poly([(-0.11, 0.98), (0.0, 1.04), (0.11, 0.98)], (60, 66, 80))


def school(f: Fig, look: Look):
    """A Hong Kong school block: long, several floors, a clock and a flag."""
    wall = look.col((246, 222, 170))
    trim = (86, 140, 200)
    win = WINDOW_LIT if look.lit else WINDOW_DAY
    f.rect(-0.9, 0.0, 0.9, 0.62, wall)
    f.rect(-0.94, 0.6, 0.94, 0.66, trim)
    for row in range(3):
        y = 0.08 + row * 0.18
        for i in range(8):
            x = -0.82 + i * 0.21
            if abs(x + 0.05) < 0.12 and row == 0:
                continue
            f.rect(x, y, x + 0.13, y + 0.1, win, glow=look.lit)
    f.rect(-0.09, 0.0, 0.09, 0.2, (140, 90, 60))
    f.rect(-0.22, 0.66, 0.22, 0.9, wall)
    f.poly([(-0.28, 0.88), (0.0, 1.02), (0.28, 0.88)], (200, 80, 70))
    f.circle(0.0, 0.78, 0.07, (255, 255, 250))
    f.line([(0.0, 0.78), (0.0, 0.83)], EYE, 0.01)
    f.line([(0.0, 0.78), (0.035, 0.78)], EYE, 0.01)
    f.line([(0.7, 0.66), (0.7, 1.05)], (110, 110, 120), 0.012)
    f.poly([(0.7, 1.05), (0.86, 1.0), (0.7, 0.95)], (220, 50, 60), line=False)
    f.poly(star_points(0.75, 1.0, 0.018, 0.008), (255, 220, 80), line=False)


def fence(f: Fig, look: Look, width: float):
    """A white picket fence ``width`` units long, starting at x=0."""
    col = look.col((250, 246, 236))
    n = max(2, int(width / 0.12))
    f.rect(0.0, 0.3, width, 0.38, col)
    f.rect(0.0, 0.62, width, 0.7, col)
    for i in range(n):
        x = i * width / n + 0.02
        f.poly([(x, 0.0), (x, 0.85), (x + 0.04, 0.95), (x + 0.08, 0.85), (x + 0.08, 0.0)], col)


THINGS = {
    "tree": (tree, 0.75), "flower": (flower, 0.42), "house": (house, 1.0), "castle": (castle, 1.1),
    "boat": (boat, 1.15), "car": (car, 1.1), "rocket": (rocket, 0.55), "balloon": (balloon, 0.45),
    "kite": (kite, 0.55),
}
