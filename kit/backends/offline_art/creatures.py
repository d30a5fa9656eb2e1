"""Characters with faces: animals, children, a robot and a dragon, built from simple shapes.

Every function draws one figure in a ``Fig`` (origin at its feet, height 1) and takes a ``Look`` with its
colour, the mood of the picture and small seed-driven variations.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from .canvas import EYE, MOUTH, SHINE, Fig, bezier, face
from .palette import CLOTHES, RGB, SKIN_TONES, darker, lighter, mix

PINK = (255, 160, 180)
NOSE_PINK = (240, 120, 140)
WHITE = (250, 250, 246)
BLACK = (44, 42, 48)
GOLD = (240, 190, 50)


@dataclass
class Look:
    colour: RGB | None = None         # the child's chosen colour, or None for the usual one
    accent: RGB | None = None         # a second chosen colour ("red and gold dragon")
    mood: str | None = None
    sleeping: bool = False
    flying: bool = False
    variant: str | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    lit: bool = False                 # evening / night: windows and lamps glow
    weather: tuple[str, ...] = ()
    main: bool = True                 # a main subject (gets a face where small things would not)
    holding: bool = False             # a child holding balloon or kite strings raises a hand
    umbrella: bool | None = None      # None: an umbrella only when it rains
    umbrella_colour: RGB | None = None
    wears: dict[str, RGB] = field(default_factory=dict)   # scarf / horns / hat -> colour (see ``wear``)

    def col(self, default: RGB) -> RGB:
        return self.colour if self.colour is not None else default


def _eye_profile(f: Fig, x, y, r, look: Look):
    if look.sleeping or look.mood == "calm":
        f.arc(x, y, r, r * 0.8, 20, 160, EYE, max(0.012, r * 0.45))
    else:
        f.ell(x, y, r * 0.85, r, EYE, line=False)
        f.circle(x + r * 0.3, y + r * 0.38, r * 0.36, SHINE, line=False, glow=True)


def _zzz(f: Fig, x, y, look: Look):
    if look.sleeping:
        for i, r in enumerate((0.035, 0.05, 0.065)):
            cx, cy = x + i * 0.09, y + i * 0.1
            f.line([(cx - r, cy + r), (cx + r, cy + r), (cx - r, cy - r), (cx + r, cy - r)], (90, 110, 200),
                   0.018, glow=True)


def cat(f: Fig, look: Look):
    col = look.col((244, 160, 64))
    dark = darker(col, 0.72)
    f.line(bezier((-0.2, 0.12), (-0.58, 0.16), (-0.44, 0.56)), col, 0.075, edged=True)
    f.ell(-0.02, 0.26, 0.27, 0.26, col)
    f.ell(0.06, 0.22, 0.13, 0.17, lighter(col, 0.55), line=False)
    if look.rng.random() < 0.6 and look.colour is None:
        for i in range(3):
            f.arc(-0.1 - i * 0.07, 0.3, 0.12, 0.16, 200, 250, dark, 0.03)
    f.ell(-0.04, 0.035, 0.08, 0.045, col)
    f.ell(0.14, 0.035, 0.08, 0.045, col)
    for ex, tip in ((-0.14, -0.17), (0.26, 0.29)):
        f.poly([(ex - 0.08, 0.7), (tip, 0.99), (ex + 0.09, 0.78)], col)
        f.poly([(ex - 0.04, 0.74), (tip + (0.01 if ex < 0 else -0.01), 0.92), (ex + 0.05, 0.78)], PINK,
               line=False)
    f.ell(0.06, 0.63, 0.27, 0.23, col)
    if look.colour is None:
        for dx in (-0.04, 0.06, 0.16):
            f.line([(dx, 0.85), (dx, 0.79)], dark, 0.025)
    face(f, 0.06, 0.62, 0.23, look.mood, sleeping=look.sleeping, mouth_dy=0.42)
    f.poly([(0.035, 0.585), (0.085, 0.585), (0.06, 0.56)], NOSE_PINK, line=False)
    for side in (-1, 1):
        for dy in (0.0, -0.035):
            f.line([(0.06 + side * 0.14, 0.565 + dy), (0.06 + side * 0.32, 0.585 + dy * 2.2)], darker(col, 0.45),
                   0.008)
    _zzz(f, 0.3, 0.95, look)


def dog(f: Fig, look: Look):
    col = look.col((186, 126, 78))
    ear = darker(col, 0.7)
    f.line(bezier((-0.24, 0.22), (-0.48, 0.3), (-0.42, 0.56)), col, 0.07, edged=True)
    f.ell(-0.04, 0.27, 0.28, 0.25, col)
    f.ell(0.08, 0.24, 0.13, 0.17, lighter(col, 0.5), line=False)
    f.ell(-0.04, 0.04, 0.085, 0.05, col)
    f.ell(0.15, 0.04, 0.085, 0.05, col)
    f.ell(0.08, 0.65, 0.25, 0.22, col)
    f.ell(-0.14, 0.6, 0.08, 0.18, ear, rot=-18)
    f.ell(0.3, 0.6, 0.08, 0.18, ear, rot=18)
    f.ell(0.08, 0.54, 0.12, 0.085, lighter(col, 0.55))
    face(f, 0.08, 0.68, 0.22, look.mood, sleeping=look.sleeping, mouth_dy=0.8, cheeks=True)
    f.ell(0.08, 0.59, 0.05, 0.035, EYE, line=False)
    f.arc(0.08, 0.46, 0.15, 0.06, 20, 160, (220, 50, 60), 0.03)
    f.circle(0.1, 0.405, 0.03, GOLD)
    _zzz(f, 0.32, 0.95, look)


def rabbit(f: Fig, look: Look):
    col = look.col(WHITE)
    inner = mix(col, PINK, 0.7)
    for ex, rot in ((-0.02, 10), (0.15, -10)):
        f.ell(ex, 0.8, 0.065, 0.2, col, rot=rot)
        f.ell(ex, 0.8, 0.03, 0.14, inner, rot=rot, line=False)
    f.circle(-0.25, 0.16, 0.075, lighter(col, 0.6))
    f.ell(-0.03, 0.22, 0.23, 0.22, col)
    f.ell(0.0, 0.03, 0.1, 0.04, col)
    f.ell(0.16, 0.03, 0.1, 0.04, col)
    f.ell(0.06, 0.52, 0.21, 0.18, col)
    face(f, 0.06, 0.52, 0.18, look.mood, sleeping=look.sleeping, mouth_dy=0.5)
    f.ell(0.06, 0.475, 0.025, 0.018, NOSE_PINK, line=False)
    for side in (-1, 1):
        f.line([(0.06 + side * 0.07, 0.465), (0.06 + side * 0.22, 0.48)], darker(col, 0.5), 0.007)
    _zzz(f, 0.26, 0.8, look)


def bird(f: Fig, look: Look):
    col = look.col((64, 162, 226))
    wing = darker(col, 0.78)
    if look.flying:
        f.poly([(-0.05, 0.5), (-0.32, 0.95), (0.14, 0.56)], wing)
    f.poly([(-0.26, 0.44), (-0.56, 0.56), (-0.5, 0.3)], wing)
    f.ell(0.0, 0.42, 0.32, 0.27, col)
    f.ell(0.09, 0.34, 0.18, 0.14, lighter(col, 0.6), line=False)
    f.circle(0.2, 0.6, 0.17, col)
    f.ell(0.1, 0.44, 0.1, 0.1, col, line=False)
    if look.flying:
        f.poly([(-0.08, 0.46), (-0.4, 0.78), (0.12, 0.5)], wing)
    else:
        f.ell(-0.1, 0.42, 0.17, 0.1, wing, rot=-20)
        for lx in (-0.05, 0.08):
            f.line([(lx, 0.16), (lx, 0.0)], (240, 150, 40), 0.025)
            f.line([(lx - 0.05, 0.0), (lx + 0.06, 0.0)], (240, 150, 40), 0.025)
    f.poly([(0.34, 0.64), (0.48, 0.58), (0.34, 0.53)], (250, 170, 40))
    _eye_profile(f, 0.25, 0.64, 0.045, look)
    if look.main:
        f.ell(0.24, 0.55, 0.04, 0.025, (255, 120, 140, 130), line=False)


def fish(f: Fig, look: Look):
    col = look.col((255, 140, 60))
    fin = darker(col, 0.8)
    f.poly([(-0.34, 0.5), (-0.62, 0.76), (-0.55, 0.5), (-0.62, 0.24)], fin)
    f.poly([(-0.14, 0.7), (0.04, 0.9), (0.16, 0.72)], fin)
    f.ell(0.0, 0.5, 0.42, 0.28, col)
    f.ell(0.05, 0.41, 0.28, 0.1, lighter(col, 0.45), line=False)
    for sx in (-0.2, -0.07):
        f.arc(sx, 0.5, 0.07, 0.22, -80, 80, lighter(col, 0.35), 0.03)
    f.ell(-0.02, 0.45, 0.1, 0.06, fin, rot=-30)
    f.circle(0.21, 0.56, 0.08, WHITE, glow=True)
    if look.sleeping:
        f.arc(0.22, 0.56, 0.05, 0.04, 20, 160, EYE, 0.02)
    else:
        f.circle(0.23, 0.56, 0.045, EYE, line=False)
        f.circle(0.245, 0.575, 0.016, SHINE, line=False, glow=True)
    if look.mood == "sad":
        f.arc(0.34, 0.4, 0.05, 0.04, 200, 340, MOUTH, 0.018)
    else:
        f.arc(0.34, 0.47, 0.05, 0.04, 20, 160, MOUTH, 0.018)


def dragon(f: Fig, look: Look):
    """A long Chinese-style dragon, about two units wide, head on the right."""
    col = look.col((62, 168, 104))
    belly = look.accent if look.accent is not None else (
        (250, 210, 90) if look.colour not in ((232, 182, 40),) else (226, 52, 58))
    spike = look.accent if look.accent is not None else (
        (240, 110, 50) if look.colour != (226, 52, 58) else GOLD)
    phase = look.rng.random()
    n = 34
    pts = []
    for i in range(n):
        t = i / (n - 1)
        x = -0.95 + 1.45 * t
        y = 0.42 + 0.17 * math.sin(2 * math.pi * (1.15 * t + phase))
        pts.append((x, y, 0.045 + 0.1 * t))
    edge_extra = f.lw / max(f.s, 1)
    # legs first, behind the body
    for i in (int(n * 0.3), int(n * 0.7)):
        x, y, r = pts[i]
        f.line([(x, y), (x + 0.05, y - r - 0.1)], col, 0.05, edged=True)
        for k in (-1, 0, 1):
            f.line([(x + 0.05, y - r - 0.1), (x + 0.05 + 0.03 * k + 0.02, y - r - 0.14)], spike, 0.015)
    for x, y, r in pts[::3]:
        f.poly([(x - r * 0.5, y + r * 0.8), (x, y + r * 1.6), (x + r * 0.5, y + r * 0.8)], spike)
    if edge_extra:
        for x, y, r in pts:
            f.circle(x, y, r + edge_extra, darker(col, 0.6), line=False)
    for x, y, r in pts:
        f.circle(x, y, r, col, line=False)
    for x, y, r in pts[2:]:
        f.ell(x, y - r * 0.45, r * 0.8, r * 0.45, belly, line=False)
    for x, y, r in pts[4:-3:3]:
        f.arc(x, y + r * 0.1, r * 0.6, r * 0.5, 200, 340, darker(col, 0.78), 0.012)
    if "scarf" in look.wears:                          # round the neck, just behind the head
        x, y, r = pts[-7]
        _scarf_band(f, x, y - r * 1.05, y + r * 1.05, 0.04, look.wears["scarf"])
    tx, ty, _ = pts[0]
    f.poly([(tx, ty), (tx - 0.12, ty + 0.1), (tx - 0.07, ty), (tx - 0.13, ty - 0.08)], spike)
    hx, hy, _ = pts[-1]
    hx += 0.08
    hy += 0.05
    f.poly([(hx - 0.12, hy + 0.05), (hx - 0.3, hy + 0.22), (hx - 0.16, hy + 0.12), (hx - 0.3, hy + 0.02),
            (hx - 0.14, hy - 0.05), (hx - 0.26, hy - 0.14), (hx - 0.08, hy - 0.08)], spike)
    horn = look.wears.get("horns", GOLD)
    for k in (-1, 1):
        base = (hx - 0.02 + k * 0.05, hy + 0.12)
        tip = (hx - 0.1 + k * 0.06, hy + 0.34)
        f.line([base, tip], horn, 0.035, edged=True)
        f.line([((base[0] + tip[0]) / 2, (base[1] + tip[1]) / 2), (tip[0] - 0.08, tip[1] - 0.02)], horn,
               0.025)
    f.ell(hx + 0.02, hy + 0.03, 0.2, 0.16, col)
    f.ell(hx + 0.2, hy - 0.02, 0.13, 0.095, lighter(col, 0.25))
    for k in (-1, 1):
        f.line(bezier((hx + 0.28, hy - 0.02 + 0.02 * k), (hx + 0.45, hy + 0.1 * k), (hx + 0.52, hy - 0.12 + 0.2 * k)),
               GOLD, 0.014)
    f.circle(hx + 0.27, hy + 0.01, 0.014, darker(col, 0.45), line=False)
    f.circle(hx + 0.05, hy + 0.08, 0.065, WHITE, glow=True)
    if look.sleeping or look.mood == "calm":
        f.arc(hx + 0.06, hy + 0.08, 0.05, 0.04, 20, 160, EYE, 0.02)
    else:
        f.circle(hx + 0.07, hy + 0.08, 0.04, EYE, line=False)
        f.circle(hx + 0.085, hy + 0.095, 0.014, SHINE, line=False, glow=True)
    if look.mood == "sad":
        f.arc(hx + 0.2, hy - 0.15, 0.08, 0.05, 200, 340, MOUTH, 0.018)
    elif look.mood == "scary":
        f.poly([(hx + 0.12, hy - 0.08), (hx + 0.3, hy - 0.1), (hx + 0.2, hy - 0.14)], MOUTH)
    else:
        f.arc(hx + 0.2, hy - 0.02, 0.1, 0.08, 30, 150, MOUTH, 0.018)
    f.ell(hx + 0.1, hy - 0.03, 0.035, 0.022, (255, 120, 140, 140), line=False)
    if "hat" in look.wears:
        _hat(f, hx + 0.03, hy + 0.16, 0.1, look.wears["hat"])


def panda(f: Fig, look: Look):
    white = look.col(WHITE)
    black = BLACK if look.accent is None else look.accent
    if look.rng.random() < 0.6:
        f.line([(0.34, 0.05), (0.42, 0.82)], (110, 180, 80), 0.04, edged=True)
        for yy in (0.3, 0.55):
            f.line([(0.36 + yy * 0.09, yy), (0.36 + yy * 0.09 + 0.04, yy)], (70, 130, 50), 0.02)
        f.ell(0.5, 0.78, 0.09, 0.03, (100, 180, 80), rot=25)
        f.ell(0.48, 0.7, 0.08, 0.028, (100, 180, 80), rot=-20)
    f.ell(0.0, 0.27, 0.29, 0.27, white)
    f.ell(0.0, 0.24, 0.17, 0.17, lighter(white, 0.3), line=False)
    for k in (-1, 1):
        f.ell(k * 0.17, 0.07, 0.11, 0.08, black)
        f.ell(k * 0.17, 0.07, 0.05, 0.04, (120, 110, 110), line=False)
        f.ell(k * 0.25, 0.36, 0.08, 0.15, black, rot=-k * 25)
        f.circle(k * 0.19, 0.87, 0.08, black)
    f.ell(0.0, 0.66, 0.27, 0.22, white)
    for k in (-1, 1):
        f.ell(k * 0.1, 0.675, 0.07, 0.095, black, rot=k * 35, line=False)
        if look.sleeping or look.mood == "calm":
            f.arc(k * 0.1, 0.68, 0.035, 0.03, 20, 160, WHITE, 0.015, glow=True)
        else:
            f.circle(k * 0.1, 0.685, 0.032, WHITE, line=False, glow=True)
            f.circle(k * 0.1 + 0.008, 0.688, 0.02, EYE, line=False)
            f.circle(k * 0.1 + 0.014, 0.697, 0.007, SHINE, line=False, glow=True)
        if look.mood not in ("sad", "scary"):
            f.ell(k * 0.19, 0.6, 0.04, 0.022, (255, 140, 160, 120), line=False)
    f.ell(0.0, 0.6, 0.04, 0.026, EYE, line=False)
    _mouth(f, 0.0, 0.545, 0.06, look)
    _zzz(f, 0.25, 0.95, look)


def _mouth(f: Fig, cx, my, mw, look: Look):
    if look.sleeping:
        f.ell(cx, my, mw * 0.25, mw * 0.2, MOUTH, line=False)
    elif look.mood == "sad":
        f.arc(cx, my - mw * 0.9, mw, mw * 0.8, 210, 330, MOUTH, mw * 0.3)
    elif look.mood == "scary":
        f.ell(cx, my, mw * 0.35, mw * 0.45, MOUTH, line=False)
    elif look.mood in ("happy", "exciting"):
        f.chord(cx, my + mw * 0.3, mw, mw * 0.9, 0, 180, MOUTH)
    else:
        f.arc(cx, my + mw * 0.4, mw, mw * 0.8, 25, 155, MOUTH, mw * 0.3)


def elephant(f: Fig, look: Look):
    col = look.col((164, 170, 190))
    back = darker(col, 0.85)
    f.line([(-0.44, 0.55), (-0.52, 0.32)], col, 0.02)
    f.rect(-0.34, 0.0, -0.2, 0.34, back, r=0.04)
    f.rect(-0.02, 0.0, 0.12, 0.34, back, r=0.04)
    f.ell(-0.08, 0.45, 0.38, 0.27, col)
    f.rect(-0.2, 0.0, -0.06, 0.32, col, r=0.04)
    f.rect(0.12, 0.0, 0.26, 0.32, col, r=0.04)
    for lx in (-0.13, 0.19):
        for k in (-1, 0, 1):
            f.circle(lx + k * 0.035, 0.025, 0.018, lighter(col, 0.5), line=False)
    f.circle(0.32, 0.62, 0.2, col)
    f.line(bezier((0.44, 0.56), (0.6, 0.36), (0.52, 0.18), p3=(0.62, 0.14)), col, 0.09, edged=True)
    f.poly([(0.4, 0.48), (0.5, 0.42), (0.4, 0.44)], WHITE)
    f.ell(0.14, 0.62, 0.17, 0.22, col)
    f.ell(0.14, 0.62, 0.1, 0.14, mix(col, PINK, 0.45), line=False)
    _eye_profile(f, 0.38, 0.69, 0.035, look)
    if look.mood not in ("sad", "scary"):
        f.ell(0.34, 0.6, 0.04, 0.025, (255, 130, 150, 130), line=False)
    if look.mood == "sad":
        f.arc(0.34, 0.47, 0.04, 0.03, 200, 340, MOUTH, 0.014)
    else:
        f.arc(0.35, 0.53, 0.05, 0.04, 20, 160, MOUTH, 0.016)
    _zzz(f, 0.45, 0.9, look)


def robot(f: Fig, look: Look):
    col = look.col((164, 184, 208))
    trim = look.accent if look.accent is not None else (250, 150, 50)
    dark = darker(col, 0.7)
    f.rect(-0.15, 0.04, -0.05, 0.18, dark)
    f.rect(0.05, 0.04, 0.15, 0.18, dark)
    f.rect(-0.19, 0.0, -0.03, 0.06, trim, r=0.02)
    f.rect(0.03, 0.0, 0.19, 0.06, trim, r=0.02)
    wave = look.rng.random() < 0.6 and not look.sleeping
    f.line([(-0.24, 0.5), (-0.35, 0.38), (-0.34, 0.26)], dark, 0.045, edged=True)
    right = [(0.24, 0.5), (0.38, 0.62), (0.4, 0.76)] if wave else [(0.24, 0.5), (0.35, 0.38), (0.34, 0.26)]
    f.line(right, dark, 0.045, edged=True)
    for hx, hy in ((-0.34, 0.24), right[-1]):
        f.arc(hx, hy, 0.05, 0.05, 0, 360, trim, 0.025)
    f.rect(-0.25, 0.15, 0.25, 0.56, col, r=0.06)
    f.rect(-0.15, 0.25, 0.15, 0.46, darker(col, 0.85), r=0.03)
    for i, lamp in enumerate(((240, 80, 80), (90, 220, 120), (255, 210, 60))):
        f.circle(-0.08 + i * 0.08, 0.39, 0.028, lamp, glow=True)
    f.rect(-0.1, 0.29, 0.1, 0.32, trim, line=False)
    f.rect(-0.05, 0.55, 0.05, 0.61, dark)
    f.rect(-0.26, 0.7, -0.2, 0.82, trim, r=0.02)
    f.rect(0.2, 0.7, 0.26, 0.82, trim, r=0.02)
    f.rect(-0.21, 0.6, 0.21, 0.92, col, r=0.07)
    f.line([(0, 0.92), (0, 1.0)], dark, 0.02)
    f.circle(0, 1.02, 0.035, (255, 90, 90), glow=True)
    for k in (-1, 1):
        if look.sleeping:
            f.line([(k * 0.09 - 0.045, 0.79), (k * 0.09 + 0.045, 0.79)], EYE, 0.018)
        else:
            f.circle(k * 0.09, 0.79, 0.055, (140, 235, 255), glow=True)
            f.circle(k * 0.09 + 0.01, 0.79, 0.025, EYE, line=False)
            f.circle(k * 0.09 + 0.02, 0.8, 0.009, SHINE, line=False, glow=True)
    _mouth(f, 0.0, 0.68, 0.06, look)
    _zzz(f, 0.28, 1.0, look)


def child(f: Fig, look: Look):
    rng = look.rng
    variant = look.variant or rng.choice(("girl", "boy"))
    skin = rng.choice(SKIN_TONES[:4]) if rng.random() < 0.85 else rng.choice(SKIN_TONES)
    hair = (36, 30, 32) if rng.random() < 0.75 else (96, 62, 40)
    clothes = look.col(rng.choice(CLOTHES))
    shoe = (60, 60, 80)
    umbrella = look.umbrella or (("rain" in look.weather or "storm" in look.weather) and look.umbrella is None)
    if variant == "girl":
        f.ell(0.0, 0.72, 0.22, 0.24, hair)
        for k in (-1, 1):
            f.circle(k * 0.23, 0.66, 0.075, hair)
            f.circle(k * 0.2, 0.73, 0.035, look.accent or (255, 90, 130))
    for k in (-1, 1):
        f.rect(k * 0.065 - 0.035, 0.05, k * 0.065 + 0.035, 0.3, skin)
        f.ell(k * 0.075, 0.035, 0.065, 0.035, shoe)
    if variant == "girl":
        f.poly([(-0.12, 0.58), (0.12, 0.58), (0.21, 0.24), (-0.21, 0.24)], clothes)
        f.line([(-0.2, 0.27), (0.2, 0.27)], lighter(clothes, 0.5), 0.02)
    else:
        f.rect(-0.13, 0.22, 0.13, 0.38, (60, 80, 140))
        f.rect(-0.15, 0.33, 0.15, 0.59, clothes, r=0.05)
        f.line([(-0.15, 0.47), (0.15, 0.47)], lighter(clothes, 0.45), 0.025)
    f.line([(-0.13, 0.55), (-0.24, 0.4)], skin, 0.05, edged=True)
    if umbrella:
        arm = [(0.13, 0.55), (0.24, 0.64)]
    else:
        up = rng.random() < 0.5 or look.holding
        arm = [(0.13, 0.55), (0.26, 0.72)] if up else [(0.13, 0.55), (0.24, 0.4)]
    f.line(arm, skin, 0.05, edged=True)
    f.circle(-0.245, 0.39, 0.04, skin)
    f.circle(arm[-1][0], arm[-1][1], 0.04, skin)
    if "snow" in look.weather:
        f.rect(-0.12, 0.55, 0.12, 0.6, (220, 60, 60), r=0.02)
        f.rect(0.04, 0.42, 0.09, 0.58, (220, 60, 60), r=0.02)
    f.circle(0.0, 0.77, 0.19, skin)
    f.chord(0.0, 0.8, 0.2, 0.18, 180, 360, hair)
    if variant != "girl":
        f.poly([(-0.06, 0.95), (0.02, 1.0), (0.06, 0.94)], hair, line=False)
    face(f, 0.0, 0.73, 0.16, look.mood, sleeping=look.sleeping, mouth_dy=0.42)
    if umbrella:
        canopy = look.umbrella_colour or look.accent or (255, 200, 40)
        f.line([(0.25, 0.66), (0.25, 1.14)], (80, 70, 70), 0.018)
        f.chord(0.25, 1.1, 0.36, 0.2, 180, 360, canopy, line=True)
        for k in range(4):
            x0 = 0.25 - 0.36 + k * 0.18
            f.chord(x0 + 0.09, 1.1, 0.09, 0.04, 0, 180, canopy, line=False)
    _zzz(f, 0.2, 1.0, look)


def snowman(f: Fig, look: Look):
    col = look.col(WHITE)
    f.line([(-0.14, 0.55), (-0.34, 0.68)], (120, 80, 50), 0.02)
    f.line([(0.14, 0.55), (0.34, 0.7)], (120, 80, 50), 0.02)
    f.circle(0, 0.22, 0.22, col)
    f.circle(0, 0.55, 0.16, col)
    f.circle(0, 0.8, 0.13, col)
    for yy in (0.5, 0.6, 0.3):
        f.circle(0, yy, 0.018, BLACK, line=False)
    scarf = look.wears.get("scarf") or look.accent or (220, 60, 60)
    f.rect(-0.13, 0.66, 0.13, 0.71, scarf, r=0.02)
    f.rect(0.04, 0.52, 0.1, 0.69, scarf, r=0.02)
    top_hat = look.wears.get("hat", BLACK)
    f.rect(-0.14, 0.9, 0.14, 0.93, top_hat)
    f.rect(-0.09, 0.92, 0.09, 1.04, top_hat)
    face(f, 0.0, 0.8, 0.12, look.mood, sleeping=look.sleeping, cheeks=True, mouth_dy=0.5)
    f.poly([(0.0, 0.8), (0.12, 0.775), (0.0, 0.76)], (250, 140, 40), line=False)


def butterfly(f: Fig, look: Look):
    col = look.col(look.rng.choice(((170, 100, 220), (255, 150, 60), (80, 170, 240), (255, 120, 170))))
    low = darker(col, 0.85)
    for k in (-1, 1):
        f.ell(k * 0.24, 0.64, 0.24, 0.18, col, rot=k * 28)
        f.ell(k * 0.18, 0.32, 0.15, 0.13, low, rot=-k * 25)
        f.circle(k * 0.27, 0.67, 0.06, lighter(col, 0.6), line=False)
        f.circle(k * 0.18, 0.3, 0.04, lighter(col, 0.6), line=False)
        f.line(bezier((k * 0.02, 0.76), (k * 0.06, 0.9), (k * 0.14, 0.94)), BLACK, 0.015)
        f.circle(k * 0.14, 0.94, 0.022, BLACK, line=False)
    f.ell(0, 0.48, 0.035, 0.24, BLACK, line=False)
    f.circle(0, 0.74, 0.055, BLACK, line=False)
    if look.main:
        for k in (-1, 1):
            f.circle(k * 0.02, 0.75, 0.013, SHINE, line=False, glow=True)


# ---- things to wear ------------------------------------------------------------------------------------------
# Where a scarf and a hat (or horns) sit on each figure, in its own units, facing right:
# (neck x, neck y, half the neck's width), (top of the head x, y, half its width). The dragon and the
# snowman dress themselves (a dragon's neck moves with its body; a snowman has its own scarf and hat).
WEAR_AT = {
    "cat": ((0.04, 0.43, 0.19), (0.06, 0.83, 0.14)),
    "dog": ((0.07, 0.45, 0.17), (0.08, 0.85, 0.14)),
    "rabbit": ((0.04, 0.35, 0.15), (0.065, 0.67, 0.1)),
    "panda": ((0.0, 0.45, 0.21), (0.0, 0.85, 0.14)),
    "elephant": ((0.22, 0.46, 0.11), (0.32, 0.8, 0.11)),
    "robot": ((0.0, 0.585, 0.14), (0.0, 0.92, 0.16)),
    "child": ((0.0, 0.575, 0.11), (0.0, 0.93, 0.15)),
    "snowman": (None, (0.0, 0.92, 0.11)),
}


def _scarf_band(f: Fig, x: float, y0: float, y1: float, hw: float, col: RGB):
    """A dragon's scarf: a band across its body with a short tail hanging down."""
    f.rect(x - hw, y0, x + hw, y1, col, r=0.02)
    f.poly([(x - hw * 0.6, y0 + 0.02), (x - hw * 1.6, y0 - 0.12), (x + hw * 0.2, y0 - 0.11), (x + hw * 0.6, y0 + 0.02)],
           col)
    f.line([(x - hw, (y0 + y1) / 2), (x + hw, (y0 + y1) / 2)], lighter(col, 0.45), 0.012)


def _scarf(f: Fig, x: float, y: float, hw: float, col: RGB):
    """A knitted scarf round the neck, its end hanging down behind."""
    f.poly([(x - hw * 0.6, y), (x - hw * 0.95, y - 0.2), (x - hw * 0.35, y - 0.21), (x - hw * 0.15, y)], col)
    f.line([(x - hw * 0.85, y - 0.13), (x - hw * 0.35, y - 0.14)], lighter(col, 0.45), 0.016)
    f.rect(x - hw, y - 0.035, x + hw, y + 0.035, col, r=0.03)
    for k in (-0.5, 0.0, 0.5):
        f.line([(x + k * hw, y - 0.03), (x + k * hw, y + 0.03)], darker(col, 0.78), 0.01)


def _hat(f: Fig, x: float, y: float, hw: float, col: RGB):
    """A woolly hat with a bobble on top."""
    f.chord(x, y + 0.02, hw * 0.95, hw * 1.05, 180, 360, col, line=True)
    f.rect(x - hw, y - 0.015, x + hw, y + 0.035, darker(col, 0.82), r=0.015)
    f.circle(x, y + 0.02 + hw * 1.05, hw * 0.24, lighter(col, 0.55))


def _horns(f: Fig, x: float, y: float, hw: float, col: RGB):
    """Two little horns on top of the head, curving outwards."""
    for k in (-1, 1):
        bx = x + k * hw * 0.55
        f.poly([(bx - 0.03, y - 0.02), (bx + k * 0.05, y + 0.13), (bx + 0.03, y - 0.02)], col)
        f.line([(bx - 0.012, y + 0.03), (bx + 0.018, y + 0.03)], darker(col, 0.75), 0.01)


def wear(f: Fig, concept: str, look: Look):
    """Draw what a figure wears on top of it: horns, then a hat, then a scarf."""
    place = WEAR_AT.get("child" if concept in ("girl", "boy") else concept)
    if place is None or not look.wears:
        return
    neck, head = place
    if "horns" in look.wears:
        _horns(f, *head, look.wears["horns"])
    if "hat" in look.wears and concept != "snowman":
        _hat(f, *head, look.wears["hat"])
    if "scarf" in look.wears and neck is not None:
        _scarf(f, *neck, look.wears["scarf"])


FIGURES = {
    "cat": (cat, 0.85), "dog": (dog, 0.85), "rabbit": (rabbit, 0.6), "bird": (bird, 1.05), "fish": (fish, 1.3),
    "dragon": (dragon, 2.2), "panda": (panda, 0.8), "elephant": (elephant, 1.2), "robot": (robot, 0.8),
    "child": (child, 0.6), "girl": (child, 0.6), "boy": (child, 0.6), "snowman": (snowman, 0.7),
    "butterfly": (butterfly, 1.0),
}
