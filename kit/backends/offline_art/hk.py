"""A Hong Kong child's world, drawn simply: grown-ups and their jobs, a baby, buses, trams, the MTR and the Star
Ferry, dim sum and mooncakes, lanterns and a lion dance, a piano, a hospital and a bus stop.

Same conventions as ``creatures`` and ``things``: a ``Fig`` with its origin at the base and height 1, and a
``Look``. Jobs are drawn by what people wear and carry (a white coat, a helmet), never by who they are: the
same body, hair and faces for everyone, chosen by the seed.
"""

from __future__ import annotations

from .canvas import EYE, Fig, face
from .creatures import Look
from .palette import CLOTHES, RGB, SKIN_TONES, darker, lighter

WHITE = (250, 250, 246)
RED = (218, 48, 52)
GOLD = (240, 190, 50)
NAVY = (40, 56, 100)
WOOD = (168, 112, 66)
GLASS = (176, 216, 246)
GLASS_LIT = (255, 216, 110)
TYRE = (50, 50, 58)

# What each grown-up wears: (top, trousers or skirt, hat), None for the seed's own clothes.
OUTFITS = {
    "mum": (None, None, None), "dad": (None, (70, 80, 110), None), "grandma": ((170, 120, 160), None, None),
    "grandpa": ((150, 130, 100), (90, 90, 100), None), "teacher": (None, (70, 80, 110), None),
    "doctor": (WHITE, (80, 100, 150), None), "nurse": ((120, 190, 210), (120, 190, 210), "nurse"),
    "firefighter": ((60, 60, 70), (60, 60, 70), "helmet"), "police": (NAVY, NAVY, "cap"),
    "chef": (WHITE, (60, 60, 70), "chef"),
}
GREY_HAIR = (200, 200, 206)


def person(f: Fig, look: Look):
    """A grown-up: taller than a child, in the clothes of the family member or the job named."""
    rng = look.rng
    kind = look.variant or "dad"
    top, legs, hat = OUTFITS.get(kind, (None, None, None))
    skin = rng.choice(SKIN_TONES[:4]) if rng.random() < 0.85 else rng.choice(SKIN_TONES)
    old = kind in ("grandma", "grandpa")
    hair = GREY_HAIR if old else ((36, 30, 32) if rng.random() < 0.75 else (96, 62, 40))
    long_hair = kind in ("mum", "grandma") or (kind not in ("dad", "grandpa") and rng.random() < 0.5)
    clothes = look.col(top or rng.choice(CLOTHES))
    legs = legs or darker(clothes, 0.6)
    if long_hair and kind != "grandma":
        f.rect(-0.15, 0.66, 0.15, 0.9, hair, r=0.06)
    for k in (-1, 1):
        f.rect(k * 0.06 - 0.04, 0.04, k * 0.06 + 0.04, 0.42, legs)
        f.ell(k * 0.07, 0.03, 0.065, 0.03, (60, 60, 80))
    if kind == "mum":
        f.poly([(-0.13, 0.7), (0.13, 0.7), (0.22, 0.26), (-0.22, 0.26)], clothes)
    else:
        f.rect(-0.15, 0.38, 0.15, 0.72, clothes, r=0.05)
    if kind == "doctor":                             # a white coat, open over a blue shirt, and a stethoscope
        f.poly([(-0.04, 0.72), (0.04, 0.72), (0.0, 0.55)], (120, 160, 220), line=False)
        f.line([(-0.06, 0.72), (-0.07, 0.58), (0.0, 0.52), (0.07, 0.58), (0.06, 0.72)], (60, 60, 70), 0.014)
        f.circle(0.0, 0.52, 0.025, (170, 170, 180))
    elif kind == "firefighter":                      # reflective yellow stripes
        for y in (0.46, 0.6):
            f.rect(-0.15, y, 0.15, y + 0.03, (250, 220, 60), line=False)
    elif kind == "police":
        f.circle(-0.07, 0.64, 0.022, GOLD, line=False)
    elif kind == "grandma":
        f.rect(-0.15, 0.38, 0.15, 0.72, lighter(clothes, 0.2), r=0.05)
        f.line([(0.0, 0.4), (0.0, 0.7)], darker(clothes, 0.7), 0.012)
    arm_up = look.holding or look.umbrella or (("rain" in look.weather or "storm" in look.weather)
                                               and look.umbrella is None)
    f.line([(-0.15, 0.68), (-0.24, 0.46)], clothes, 0.055, edged=True)
    f.line([(0.15, 0.68), (0.26, 0.8) if arm_up else (0.24, 0.46)], clothes, 0.055, edged=True)
    f.circle(-0.245, 0.44, 0.035, skin)
    f.circle(0.26 if arm_up else 0.245, 0.8 if arm_up else 0.44, 0.035, skin)
    if kind == "grandpa":                            # a walking stick
        f.line([(-0.25, 0.44), (-0.27, 0.0)], (120, 80, 50), 0.02)
    if kind == "teacher":                            # a book under the arm
        f.rect(0.2, 0.38, 0.32, 0.54, (200, 70, 70), r=0.01)
    f.rect(-0.035, 0.72, 0.035, 0.77, skin, line=False)
    f.circle(0.0, 0.85, 0.12, skin)
    f.chord(0.0, 0.88, 0.125, 0.1, 180, 360, hair)
    if kind == "grandma":
        f.circle(0.0, 1.0, 0.05, hair)
    if old:                                          # glasses
        for k in (-1, 1):
            f.arc(k * 0.045, 0.845, 0.035, 0.03, 0, 360, (80, 70, 70), 0.01)
    face(f, 0.0, 0.83, 0.1, look.mood, sleeping=look.sleeping, mouth_dy=0.42)
    if hat == "helmet":
        f.chord(0.0, 0.92, 0.15, 0.12, 180, 360, (220, 40, 40), line=True)
        f.rect(-0.18, 0.9, 0.18, 0.94, (220, 40, 40))
    elif hat == "cap":
        f.rect(-0.13, 0.93, 0.13, 1.02, NAVY, r=0.02)
        f.rect(0.0, 0.92, 0.19, 0.95, (30, 30, 40))
        f.circle(0.0, 0.98, 0.02, GOLD, line=False)
    elif hat == "chef":
        f.rect(-0.1, 0.93, 0.1, 1.08, WHITE)
        for x in (-0.07, 0.0, 0.07):
            f.circle(x, 1.1, 0.06, WHITE)
    elif hat == "nurse":
        f.rect(-0.09, 0.95, 0.09, 1.01, WHITE, r=0.01)
        f.rect(-0.012, 0.96, 0.012, 1.0, RED, line=False)
    _umbrella(f, look)


def _umbrella(f: Fig, look: Look):
    if look.umbrella or (("rain" in look.weather or "storm" in look.weather) and look.umbrella is None):
        canopy = look.umbrella_colour or (255, 200, 40)
        f.line([(0.27, 0.78), (0.27, 1.2)], (80, 70, 70), 0.018)
        f.chord(0.27, 1.16, 0.34, 0.2, 180, 360, canopy, line=True)


def baby(f: Fig, look: Look):
    """A baby sitting up, in a romper."""
    rng = look.rng
    skin = rng.choice(SKIN_TONES[:4])
    clothes = look.col((255, 214, 120))
    f.ell(0.0, 0.22, 0.3, 0.22, clothes)
    for k in (-1, 1):
        f.ell(k * 0.22, 0.06, 0.1, 0.06, clothes)
        f.circle(k * 0.3, 0.3, 0.06, skin)
    f.circle(0.0, 0.62, 0.26, skin)
    f.circle(0.0, 0.9, 0.03, (60, 50, 50), line=False)
    face(f, 0.0, 0.6, 0.22, look.mood, sleeping=look.sleeping, mouth_dy=0.42)


# ---- transport -------------------------------------------------------------------------------------------------
def _wheels(f: Fig, xs, r=0.09):
    for x in xs:
        f.circle(x, r, r, TYRE)
        f.circle(x, r, r * 0.45, (190, 190, 200), line=False)


def _windows(f: Fig, x0, x1, y0, y1, n, look: Look):
    w = (x1 - x0) / n
    for i in range(n):
        f.rect(x0 + i * w + w * 0.1, y0, x0 + (i + 1) * w - w * 0.1, y1, GLASS_LIT if look.lit else GLASS,
               r=0.015, glow=look.lit)


def bus(f: Fig, look: Look):
    """A Hong Kong double-decker bus."""
    body = look.col((226, 60, 56))
    f.rect(-0.75, 0.1, 0.75, 1.0, body, r=0.08)
    f.rect(-0.75, 0.1, 0.75, 0.28, lighter(body, 0.5), r=0.04)
    _windows(f, -0.7, 0.55, 0.62, 0.88, 5, look)
    _windows(f, -0.7, 0.4, 0.32, 0.54, 4, look)
    f.rect(0.45, 0.16, 0.68, 0.56, GLASS_LIT if look.lit else GLASS, r=0.02)
    f.rect(0.52, 0.9, 0.72, 0.97, (40, 40, 40), r=0.01)
    f.rect(0.55, 0.92, 0.69, 0.95, (255, 180, 40), line=False, glow=True)
    _wheels(f, (-0.48, 0.48), 0.12)


def minibus(f: Fig, look: Look):
    """A Hong Kong public light bus: cream, with a green (or the child's colour) roof."""
    roof = look.col((40, 150, 90))
    f.rect(-0.6, 0.1, 0.6, 0.7, (246, 236, 206), r=0.12)
    f.rect(-0.6, 0.56, 0.6, 0.76, roof, r=0.1)
    _windows(f, -0.55, 0.3, 0.38, 0.54, 4, look)
    f.poly([(0.34, 0.38), (0.34, 0.56), (0.5, 0.56), (0.58, 0.38)], GLASS, line=False)
    f.rect(-0.6, 0.18, 0.6, 0.24, roof, line=False)
    _wheels(f, (-0.36, 0.38), 0.1)


def tram(f: Fig, look: Look):
    """A Hong Kong 'ding ding' tram: tall and narrow, two decks, a trolley pole."""
    body = look.col((40, 120, 70))
    f.line([(0.0, 1.0), (0.3, 1.25)], (60, 60, 60), 0.015)
    f.rect(-0.48, 0.08, 0.48, 1.0, body, r=0.05)
    f.rect(-0.5, 0.96, 0.5, 1.02, darker(body, 0.7))
    _windows(f, -0.44, 0.44, 0.66, 0.88, 4, look)
    _windows(f, -0.44, 0.44, 0.34, 0.56, 4, look)
    f.rect(-0.48, 0.58, 0.48, 0.64, (246, 236, 206), line=False)
    _wheels(f, (-0.3, 0.3), 0.07)


def train(f: Fig, look: Look):
    """An MTR train: silver, with a red stripe, on its track."""
    body = look.col((214, 218, 224))
    f.rect(-1.0, 0.0, 1.0, 0.04, (110, 100, 90), line=False)
    f.rect(-0.98, 0.06, 0.9, 0.7, body, r=0.06)
    f.poly([(0.9, 0.06), (0.9, 0.7), (0.98, 0.6), (1.0, 0.06)], body)
    f.rect(-0.98, 0.2, 1.0, 0.26, look.accent or (220, 40, 46), line=False)
    _windows(f, -0.94, 0.8, 0.36, 0.58, 6, look)
    for x in (-0.55, 0.2):
        f.rect(x, 0.08, x + 0.16, 0.6, darker(body, 0.85))


def ferry(f: Fig, look: Look):
    """The Star Ferry: a green hull and a white upper deck."""
    hull = look.col((40, 120, 80))
    f.poly([(-0.8, 0.35), (0.8, 0.35), (0.68, 0.04), (-0.68, 0.04)], hull)
    f.rect(-0.62, 0.35, 0.62, 0.62, WHITE)
    _windows(f, -0.58, 0.58, 0.42, 0.56, 7, look)
    f.rect(-0.5, 0.62, 0.5, 0.68, hull)
    f.line([(-0.8, 0.3), (0.8, 0.3)], WHITE, 0.015)
    f.rect(-0.06, 0.68, 0.06, 0.86, hull)


def fire_engine(f: Fig, look: Look):
    body = look.col((220, 40, 40))
    f.rect(-0.75, 0.12, 0.45, 0.62, body, r=0.04)
    f.poly([(0.45, 0.12), (0.45, 0.7), (0.66, 0.7), (0.78, 0.42), (0.78, 0.12)], body)
    f.poly([(0.5, 0.44), (0.5, 0.64), (0.63, 0.64), (0.72, 0.44)], GLASS, line=False)
    for y in (0.68, 0.8):                            # the ladder
        f.line([(-0.7, y), (0.35, y)], (200, 200, 210), 0.02)
    for i in range(8):
        x = -0.68 + i * 0.14
        f.line([(x, 0.68), (x, 0.8)], (200, 200, 210), 0.015)
    f.rect(-0.75, 0.3, 0.45, 0.34, (250, 220, 60), line=False)
    f.circle(0.56, 0.74, 0.04, (80, 160, 255), glow=True)
    _wheels(f, (-0.45, 0.5), 0.12)


def ambulance(f: Fig, look: Look):
    body = look.col(WHITE)
    f.rect(-0.7, 0.12, 0.4, 0.72, body, r=0.05)
    f.poly([(0.4, 0.12), (0.4, 0.6), (0.6, 0.6), (0.72, 0.36), (0.72, 0.12)], body)
    f.poly([(0.44, 0.38), (0.44, 0.55), (0.57, 0.55), (0.66, 0.38)], GLASS, line=False)
    f.rect(-0.7, 0.3, 0.72, 0.36, (40, 140, 70), line=False)
    f.rect(-0.32, 0.42, -0.14, 0.66, RED, line=False)
    f.rect(-0.41, 0.5, -0.05, 0.58, RED, line=False)
    f.circle(0.0, 0.76, 0.04, (80, 160, 255), glow=True)
    _wheels(f, (-0.4, 0.45), 0.11)


def plane(f: Fig, look: Look):
    body = look.col(WHITE)
    f.poly([(-0.1, 0.5), (0.15, 0.5), (-0.25, 0.05), (-0.35, 0.05)], (190, 200, 220))
    f.ell(0.0, 0.55, 0.8, 0.12, body)
    f.poly([(-0.72, 0.55), (-0.8, 0.95), (-0.66, 0.95), (-0.5, 0.6)], look.accent or RED)
    f.poly([(-0.1, 0.6), (0.15, 0.6), (-0.25, 0.95), (-0.35, 0.95)], (210, 216, 230))
    for i in range(6):
        f.circle(-0.4 + i * 0.16, 0.58, 0.03, GLASS)
    f.chord(0.62, 0.56, 0.14, 0.08, 270, 450, GLASS, line=False)


# ---- food and festival things ----------------------------------------------------------------------------------
def dim_sum(f: Fig, look: Look):
    """A bamboo steamer with har gow inside."""
    f.rect(-0.5, 0.0, 0.5, 0.45, (214, 170, 100), r=0.08)
    for y in (0.12, 0.3):
        f.line([(-0.5, y), (0.5, y)], darker((214, 170, 100), 0.7), 0.02)
    for x in (-0.25, 0.0, 0.25):
        f.ell(x, 0.55, 0.13, 0.13, look.col((250, 236, 226)))
        f.line([(x - 0.06, 0.6), (x + 0.06, 0.64)], (230, 200, 190), 0.012)


def egg_tart(f: Fig, look: Look):
    f.poly([(-0.5, 0.45), (0.5, 0.45), (0.38, 0.0), (-0.38, 0.0)], (214, 150, 70))
    for i in range(7):
        x = -0.42 + i * 0.14
        f.line([(x, 0.42), (x * 0.8, 0.04)], (180, 120, 50), 0.012)
    f.ell(0.0, 0.45, 0.46, 0.14, look.col((255, 210, 60)))
    f.ell(-0.12, 0.48, 0.12, 0.04, (255, 240, 160), line=False)


def mooncake(f: Fig, look: Look):
    """A round mooncake seen from above and a little to the side: a patterned golden top, a scalloped rim."""
    col = look.col((206, 140, 60))
    f.rect(-0.5, 0.0, 0.5, 0.3, darker(col, 0.85), r=0.1)
    for i in range(12):
        x = -0.46 + i * 0.083
        f.circle(x, 0.3, 0.05, col, line=False)
    f.ell(0.0, 0.3, 0.48, 0.2, col)
    f.ell(0.0, 0.3, 0.3, 0.12, lighter(col, 0.15))
    f.ell(0.0, 0.3, 0.14, 0.06, darker(col, 0.75))
    for k in (-1, 1):
        f.arc(k * 0.2, 0.3, 0.08, 0.05, 0, 360, darker(col, 0.75), 0.012)


def dumpling(f: Fig, look: Look):
    col = look.col((248, 244, 230))
    f.chord(0.0, 0.05, 0.5, 0.6, 180, 360, col, line=True)
    for i in range(5):
        x = -0.3 + i * 0.15
        f.line([(x, 0.52), (x + 0.05, 0.38)], darker(col, 0.82), 0.015)


def _bowl(f: Fig, look: Look, inside: RGB):
    f.ell(0.0, 0.6, 0.55, 0.12, inside)
    f.chord(0.0, 0.6, 0.55, 0.6, 0, 180, look.col((246, 246, 250)), line=True)
    for x in (-0.2, 0.2):
        f.circle(x, 0.3, 0.04, (70, 130, 210), line=False)


def noodles(f: Fig, look: Look):
    _bowl(f, look, (250, 220, 140))
    for i in range(4):
        f.arc(-0.25 + i * 0.16, 0.62, 0.1, 0.05, 180, 360, (230, 190, 100), 0.018)
    f.line([(0.1, 0.66), (0.6, 1.0)], WOOD, 0.025)
    f.line([(0.18, 0.64), (0.66, 0.96)], WOOD, 0.025)


def rice(f: Fig, look: Look):
    f.chord(0.0, 0.6, 0.45, 0.25, 180, 360, WHITE, line=True)
    _bowl(f, look, WHITE)


def milk_tea(f: Fig, look: Look):
    cup = look.col(WHITE)
    f.arc(0.38, 0.4, 0.14, 0.16, 270, 450, cup, 0.05)
    f.poly([(-0.34, 0.8), (0.34, 0.8), (0.28, 0.05), (-0.28, 0.05)], cup)
    f.ell(0.0, 0.8, 0.34, 0.08, (196, 140, 90))
    f.ell(0.0, 0.02, 0.45, 0.06, cup)


def ice_cream(f: Fig, look: Look):
    f.poly([(-0.22, 0.55), (0.22, 0.55), (0.0, 0.0)], (230, 170, 90))
    for i in range(3):
        f.line([(-0.18 + i * 0.12, 0.55), (0.05 + i * 0.06, 0.15)], (190, 130, 60), 0.012)
    f.circle(0.0, 0.7, 0.24, look.col((255, 190, 210)))
    f.circle(0.0, 0.94, 0.05, RED)


def cake(f: Fig, look: Look):
    """A birthday cake with candles."""
    col = look.col((255, 200, 220))
    f.rect(-0.5, 0.0, 0.5, 0.35, col, r=0.04)
    f.rect(-0.36, 0.35, 0.36, 0.6, lighter(col, 0.3), r=0.04)
    for i in range(5):
        f.circle(-0.4 + i * 0.2, 0.35, 0.05, WHITE, line=False)
    for x in (-0.2, 0.0, 0.2):
        f.rect(x - 0.025, 0.6, x + 0.025, 0.82, (120, 180, 250))
        f.ell(x, 0.88, 0.03, 0.06, (255, 200, 60), glow=True)


def candle(f: Fig, look: Look):
    f.rect(-0.12, 0.0, 0.12, 0.7, look.col((250, 240, 220)))
    f.ell(0.0, 0.82, 0.08, 0.14, (255, 200, 60), glow=True)


def fish_ball(f: Fig, look: Look):
    f.line([(0.0, 0.0), (0.0, 1.0)], WOOD, 0.03)
    for y in (0.3, 0.52, 0.74):
        f.circle(0.0, y, 0.12, look.col((240, 200, 110)))


def bun(f: Fig, look: Look):
    """A pineapple bun: a golden dome with a cracked top."""
    col = look.col((240, 180, 70))
    f.chord(0.0, 0.05, 0.5, 0.6, 180, 360, col, line=True)
    for i in range(3):
        f.line([(-0.35 + i * 0.3, 0.1), (-0.1 + i * 0.3, 0.55)], darker(col, 0.75), 0.015)
        f.line([(0.35 - i * 0.3, 0.1), (0.1 - i * 0.3, 0.55)], darker(col, 0.75), 0.015)


def red_packet(f: Fig, look: Look):
    f.rect(-0.3, 0.0, 0.3, 0.9, look.col(RED), r=0.03)
    f.circle(0.0, 0.5, 0.13, GOLD)
    f.rect(-0.3, 0.7, 0.3, 0.74, GOLD, line=False)


def lantern(f: Fig, look: Look):
    """A round red Chinese lantern with gold ends and a tassel, hanging from the top of its figure."""
    col = look.col(RED)
    f.line([(0.0, 0.0), (0.0, 0.16)], darker(col, 0.7), 0.03)
    f.rect(-0.15, 0.15, 0.15, 0.24, GOLD)
    f.ell(0.0, 0.55, 0.42, 0.33, col, glow=look.lit)
    for rx in (0.14, 0.28):
        f.arc(0.0, 0.55, rx, 0.33, 0, 360, darker(col, 0.7), 0.012)
    f.rect(-0.15, 0.86, 0.15, 0.95, GOLD)
    f.line([(0.0, 0.95), (0.0, 1.0)], GOLD, 0.02)


def lion(f: Fig, look: Look):
    """A lion dance lion: a big bright head with a fringe, a cloth body and two dancers' legs."""
    head = look.col((230, 60, 50))
    trim = look.accent or GOLD
    f.poly([(-0.05, 0.55), (0.9, 0.5), (0.95, 0.2), (0.05, 0.25)], trim)
    for x in (0.2, 0.45, 0.7):
        f.line([(x, 0.25), (x, 0.55)], head, 0.03)
    for x in (-0.12, 0.08, 0.62, 0.82):
        f.rect(x - 0.04, 0.0, x + 0.04, 0.28, (230, 220, 200))
        f.ell(x, 0.02, 0.06, 0.03, (40, 40, 40))
    f.ell(-0.05, 0.62, 0.34, 0.32, head)
    f.ell(-0.05, 0.9, 0.22, 0.08, trim)
    for i in range(7):
        x = -0.3 + i * 0.08
        f.line([(x, 0.86), (x + 0.02, 0.98)], WHITE, 0.02)
    for k in (-1, 1):
        f.circle(-0.05 + k * 0.13, 0.7, 0.09, WHITE)
        f.circle(-0.05 + k * 0.13, 0.7, 0.045, EYE, line=False)
    f.rect(-0.05, 0.68, 0.05, 0.72, trim, line=False)
    f.chord(-0.05, 0.48, 0.2, 0.12, 0, 180, (250, 250, 250))
    f.circle(-0.05, 0.92, 0.05, (60, 160, 220))


# ---- things at home, school and in the city ----------------------------------------------------------------------
def piano(f: Fig, look: Look):
    """An upright piano with its keys."""
    body = look.col((40, 36, 40))
    f.rect(-0.5, 0.0, 0.5, 0.9, body, r=0.03)
    f.rect(-0.54, 0.42, 0.54, 0.5, lighter(body, 0.15))
    f.rect(-0.48, 0.5, 0.48, 0.6, WHITE, line=False)
    for i in range(12):
        x = -0.46 + i * 0.08
        f.line([(x, 0.5), (x, 0.6)], (120, 120, 120), 0.006)
        if i % 7 not in (2, 6):
            f.rect(x + 0.05, 0.55, x + 0.09, 0.6, (20, 20, 20), line=False)
    for x in (-0.42, 0.42):
        f.rect(x - 0.04, 0.0, x + 0.04, 0.42, darker(body, 0.8))


def table(f: Fig, look: Look):
    wood = look.col(WOOD)
    f.rect(-0.6, 0.55, 0.6, 0.66, wood)
    for x in (-0.5, 0.5):
        f.rect(x - 0.04, 0.0, x + 0.04, 0.56, darker(wood, 0.8))


def tv(f: Fig, look: Look):
    f.rect(-0.1, 0.0, 0.1, 0.2, (60, 60, 66))
    f.rect(-0.6, 0.2, 0.6, 0.9, (40, 40, 46), r=0.03)
    f.rect(-0.55, 0.25, 0.55, 0.85, (110, 190, 240), glow=True)
    f.circle(0.2, 0.55, 0.1, (255, 220, 80), glow=True)


def wallet(f: Fig, look: Look):
    col = look.col((150, 96, 56))
    f.rect(-0.5, 0.0, 0.5, 0.6, col, r=0.06)
    f.rect(-0.5, 0.25, 0.5, 0.6, lighter(col, 0.15), r=0.06)
    f.circle(0.3, 0.36, 0.05, GOLD)
    f.rect(-0.35, 0.6, 0.1, 0.7, (90, 170, 110), line=False)


def phone(f: Fig, look: Look):
    f.rect(-0.28, 0.0, 0.28, 1.0, look.col((50, 50, 60)), r=0.06)
    f.rect(-0.23, 0.1, 0.23, 0.9, (120, 200, 250), glow=True)


def schoolbag(f: Fig, look: Look):
    col = look.col((60, 120, 220))
    f.rect(-0.4, 0.0, 0.4, 0.8, col, r=0.12)
    f.rect(-0.3, 0.1, 0.3, 0.4, lighter(col, 0.25), r=0.06)
    f.arc(0.0, 0.8, 0.2, 0.15, 180, 360, darker(col, 0.7), 0.04)


def book(f: Fig, look: Look):
    col = look.col((70, 150, 210))
    f.poly([(-0.5, 0.0), (0.0, 0.08), (0.0, 0.7), (-0.5, 0.62)], col)
    f.poly([(0.5, 0.0), (0.0, 0.08), (0.0, 0.7), (0.5, 0.62)], lighter(col, 0.2))
    for y in (0.3, 0.42, 0.54):
        f.line([(-0.4, y - 0.04), (-0.08, y)], WHITE, 0.012)


def bed(f: Fig, look: Look):
    col = look.col((120, 160, 230))
    f.rect(-0.75, 0.0, -0.65, 0.75, WOOD)
    f.rect(-0.75, 0.2, 0.75, 0.4, WOOD)
    f.rect(-0.7, 0.38, 0.75, 0.5, col, r=0.04)
    f.ell(-0.5, 0.55, 0.14, 0.07, WHITE)


def sofa(f: Fig, look: Look):
    col = look.col((200, 110, 80))
    f.rect(-0.7, 0.0, 0.7, 0.35, col, r=0.06)
    f.rect(-0.6, 0.3, 0.6, 0.7, col, r=0.08)
    for x in (-0.7, 0.6):
        f.rect(x, 0.0, x + 0.1, 0.5, darker(col, 0.85), r=0.04)


def hospital(f: Fig, look: Look):
    """A white hospital block with a red cross."""
    wall = look.col(WHITE)
    f.rect(-0.6, 0.0, 0.6, 1.0, wall)
    for row in range(4):
        _windows(f, -0.55, 0.55, 0.2 + row * 0.18, 0.32 + row * 0.18, 6, look)
    f.rect(-0.18, 0.86, 0.18, 0.98, wall, line=False)
    f.rect(-0.04, 0.82, 0.04, 1.02, RED, line=False)
    f.rect(-0.12, 0.88, 0.12, 0.96, RED, line=False)
    f.rect(-0.15, 0.0, 0.15, 0.16, (150, 200, 230))


def bus_stop(f: Fig, look: Look):
    """A bus stop: a shelter and a pole with a sign."""
    f.rect(-0.5, 0.8, 0.3, 0.86, (60, 120, 90))
    for x in (-0.46, 0.26):
        f.line([(x, 0.0), (x, 0.8)], (90, 90, 100), 0.02)
    f.rect(-0.4, 0.2, 0.2, 0.26, WOOD)
    f.line([(0.45, 0.0), (0.45, 1.0)], (90, 90, 100), 0.025)
    f.rect(0.33, 0.8, 0.57, 1.0, look.col((226, 60, 56)), r=0.02)
    f.rect(0.37, 0.86, 0.53, 0.94, WHITE, line=False)


def neon(f: Fig, look: Look):
    """A Mong Kok street front: tall buildings hung with bright signs."""
    for i, x in enumerate((-0.6, -0.2, 0.2)):
        wall = ((150, 140, 130), (120, 130, 150), (160, 130, 120))[i]
        f.rect(x, 0.0, x + 0.4, 0.85 + 0.1 * (i % 2), wall)
        _windows(f, x + 0.02, x + 0.38, 0.55, 0.65, 3, look)
    signs = [(255, 60, 120), (60, 220, 255), (255, 200, 40), (120, 255, 120), (255, 120, 40)]
    for k, (x, y) in enumerate(((-0.5, 0.4), (-0.1, 0.3), (0.3, 0.45), (-0.3, 0.7), (0.15, 0.72))):
        col = signs[k % len(signs)]
        f.rect(x, y, x + 0.18, y + 0.12, (30, 30, 40))
        f.rect(x + 0.02, y + 0.02, x + 0.16, y + 0.1, col, glow=True, line=False)


def stall(f: Fig, look: Look):
    """A market stall with a striped awning and fruit."""
    f.rect(-0.5, 0.0, 0.5, 0.4, WOOD)
    stripe = look.col((226, 60, 56))
    for i in range(5):
        f.rect(-0.55 + i * 0.22, 0.75, -0.33 + i * 0.22, 0.9, stripe if i % 2 == 0 else WHITE, line=False)
    for x in (-0.5, 0.5):
        f.line([(x, 0.0), (x, 0.8)], (90, 90, 100), 0.02)
    for i in range(6):
        f.circle(-0.4 + i * 0.16, 0.46, 0.07, ((250, 140, 40), (120, 200, 70), (230, 60, 60))[i % 3])


def xmas_tree(f: Fig, look: Look):
    """A Christmas tree: a pine with baubles and a star on top."""
    col = look.col((40, 130, 70))
    f.rect(-0.06, 0.0, 0.06, 0.14, WOOD)
    for y0, w in ((0.12, 0.4), (0.38, 0.31), (0.6, 0.22)):
        f.poly([(-w, y0), (0.0, y0 + 0.38), (w, y0)], col)
    for i, (x, y) in enumerate(((-0.2, 0.2), (0.15, 0.26), (-0.08, 0.45), (0.14, 0.5), (-0.05, 0.7))):
        f.circle(x, y, 0.035, (RED, GOLD, (80, 140, 240))[i % 3], glow=look.lit)
    f.poly([(0.0, 1.06), (0.04, 0.98), (0.1, 0.97), (0.05, 0.93), (0.07, 0.86), (0.0, 0.9), (-0.07, 0.86),
            (-0.05, 0.93), (-0.1, 0.97), (-0.04, 0.98)], GOLD, glow=True)


def present(f: Fig, look: Look):
    """A present: a box with a ribbon and a bow."""
    box = look.col(look.rng.choice(((226, 60, 56), (60, 120, 220), (120, 190, 90))))
    f.rect(-0.45, 0.0, 0.45, 0.7, box, r=0.03)
    f.rect(-0.08, 0.0, 0.08, 0.7, GOLD, line=False)
    f.rect(-0.45, 0.3, 0.45, 0.4, GOLD, line=False)
    for k in (-1, 1):
        f.ell(k * 0.14, 0.8, 0.14, 0.09, GOLD, rot=k * 20)


HK_THINGS = {
    "mum": (person, 0.5), "dad": (person, 0.5), "grandma": (person, 0.5), "grandpa": (person, 0.55),
    "doctor": (person, 0.5), "nurse": (person, 0.5), "firefighter": (person, 0.5), "teacher": (person, 0.55),
    "police": (person, 0.5), "chef": (person, 0.5), "baby": (baby, 0.6),
    "bus": (bus, 1.6), "minibus": (minibus, 1.3), "tram": (tram, 1.0), "train": (train, 2.0),
    "ferry": (ferry, 1.7), "fire_engine": (fire_engine, 1.6), "ambulance": (ambulance, 1.5), "plane": (plane, 1.7),
    "dim_sum": (dim_sum, 1.0), "egg_tart": (egg_tart, 1.0), "mooncake": (mooncake, 1.0),
    "dumpling": (dumpling, 1.0), "noodles": (noodles, 1.2), "rice": (rice, 1.1), "milk_tea": (milk_tea, 1.0),
    "ice_cream": (ice_cream, 0.5), "cake": (cake, 1.0), "candle": (candle, 0.3), "fish_ball": (fish_ball, 0.3),
    "bun": (bun, 1.0), "red_packet": (red_packet, 0.6), "lantern": (lantern, 0.85), "lion": (lion, 1.3),
    "piano": (piano, 1.1), "table": (table, 1.2), "tv": (tv, 1.2), "wallet": (wallet, 1.0), "phone": (phone, 0.6),
    "schoolbag": (schoolbag, 0.8), "book": (book, 1.0), "bed": (bed, 1.5), "sofa": (sofa, 1.4),
    "hospital": (hospital, 1.2), "bus_stop": (bus_stop, 1.1), "neon": (neon, 1.3), "stall": (stall, 1.1),
    "xmas_tree": (xmas_tree, 0.85), "present": (present, 1.0),
}
