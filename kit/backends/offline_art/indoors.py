"""Rooms and a street: where much of a Hong Kong child's day happens. Indoors there is a wall and a floor instead
of sky and land, and the room shows what it is (a stove, a bed, a blackboard, curtains, a platform edge); the time
of day and the weather are seen through a window.

Each function paints in canvas pixels with the scene's ``Pen``; ``floor`` is the y where the wall meets the floor.
"""

from __future__ import annotations

import random

from PIL import Image

from . import sky
from .canvas import Pen
from .palette import RGB, darker, lighter

WALLS: dict[str, RGB] = {"kitchen": (236, 226, 200), "bedroom": (214, 226, 246), "living_room": (244, 222, 196),
                         "classroom": (226, 236, 214), "stage": (60, 30, 50), "station": (232, 232, 224),
                         "restaurant": (238, 214, 170)}
FLOORS: dict[str, RGB] = {"kitchen": (200, 200, 206), "bedroom": (196, 150, 110), "living_room": (186, 140, 100),
                          "classroom": (196, 160, 120), "stage": (170, 112, 64), "station": (150, 150, 156),
                          "restaurant": (176, 60, 50)}
FLOOR_AT = {"kitchen": 0.66, "bedroom": 0.64, "living_room": 0.64, "classroom": 0.64, "stage": 0.7,
            "station": 0.66, "restaurant": 0.64}


def wall_image(room: str, size: tuple[int, int], light) -> Image.Image:
    """The whole canvas, filled with the room's wall, lit by the scene's light."""
    wall = light.paint(WALLS[room])
    return sky.gradient(size, [(0.0, lighter(wall, 0.08)), (1.0, darker(wall, 0.9))])


def floor(pen: Pen, room: str, y: float, W: float, H: float):
    col = FLOORS[room]
    pen.rect((0, y, W, H), col)
    if room in ("bedroom", "living_room", "classroom", "stage"):       # boards
        for k in range(1, 6):
            yy = y + (H - y) * (k / 6) ** 1.3
            pen.line([(0, yy), (W, yy)], darker(col, 0.85), max(1, H * 0.003))
    elif room in ("kitchen", "restaurant"):                             # tiles
        n = 10
        for k in range(n + 1):
            pen.line([(W * k / n, y), (W * (k / n - 0.5) * 1.6 + W / 2, H)], darker(col, 0.85), max(1, H * 0.002))
    elif room == "station":                                             # the platform edge and the tracks
        pen.rect((0, y, W, y + (H - y) * 0.12), (250, 210, 60))
    pen.line([(0, y), (W, y)], darker(WALLS[room], 0.7), max(2, H * 0.006))


def window(pen: Pen, box, time: str, weather: list[str], rng: random.Random):
    """A window showing the time of day and the weather outside."""
    x0, y0, x1, y1 = box
    outside = {"night": (30, 40, 90), "sunset": (250, 160, 110), "morning": (250, 220, 170)}.get(time, (150, 200, 245))
    if any(w in weather for w in ("rain", "storm")):
        outside = darker(outside, 0.75)
    pen.rect((x0, y0, x1, y1), (250, 250, 250))
    pad = (x1 - x0) * 0.06
    pen.rect((x0 + pad, y0 + pad, x1 - pad, y1 - pad), outside)
    if time == "night":
        r = (x1 - x0) * 0.08
        pen.ellipse((x1 - pad - r * 3, y0 + pad + r, x1 - pad - r, y0 + pad + r * 3), (250, 240, 190), glow=True)
    for w in weather:
        if w in ("rain", "storm"):
            for _ in range(14):
                x, y = rng.uniform(x0 + pad, x1 - pad), rng.uniform(y0 + pad, y1 - pad * 3)
                pen.line([(x, y), (x - pad * 0.3, y + pad * 1.4)], (200, 220, 255), max(1, pad * 0.12))
        elif w == "snow":
            for _ in range(14):
                x, y = rng.uniform(x0 + pad, x1 - pad), rng.uniform(y0 + pad, y1 - pad)
                pen.ellipse((x - pad * 0.2, y - pad * 0.2, x + pad * 0.2, y + pad * 0.2), (255, 255, 255))
    pen.line([((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)], (250, 250, 250), max(2, pad * 0.6))
    pen.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], (250, 250, 250), max(2, pad * 0.6))


def furnish(pen: Pen, room: str, y: float, W: float, H: float, time: str, weather: list[str], rng: random.Random):
    """What makes a room that room: painted on the wall, behind everyone."""
    u = min(W, H)
    side = rng.choice((0.2, 0.8))
    if room != "stage" and room != "station":
        wx = W * side
        window(pen, (wx - u * 0.16, y - u * 0.52, wx + u * 0.16, y - u * 0.2), time, weather, rng)
    other = 1.0 - side
    if room == "kitchen":                       # a counter with a stove and a pot, cupboards above
        x0, x1 = W * (other - 0.22), W * (other + 0.22)
        pen.rect((x0, y - u * 0.24, x1, y), (240, 240, 236))
        pen.rect((x0, y - u * 0.27, x1, y - u * 0.24), (120, 120, 130))
        for k in (0.25, 0.5, 0.75):
            pen.rect((x0 + (x1 - x0) * (k - 0.1), y - u * 0.2, x0 + (x1 - x0) * (k + 0.1), y - u * 0.04),
                     (214, 214, 210))
        cx = (x0 + x1) / 2
        pen.rect((cx - u * 0.08, y - u * 0.36, cx + u * 0.08, y - u * 0.27), (70, 70, 80))
        pen.rect((cx - u * 0.11, y - u * 0.37, cx + u * 0.11, y - u * 0.35), (50, 50, 60))
        for k in range(3):
            sx = cx + (k - 1) * u * 0.04
            pen.line([(sx, y - u * 0.4), (sx + u * 0.015, y - u * 0.47)], (255, 255, 255, 150), max(2, u * 0.006))
        pen.rect((x0, y - u * 0.62, x1, y - u * 0.46), (200, 150, 100))
        pen.line([((x0 + x1) / 2, y - u * 0.62), ((x0 + x1) / 2, y - u * 0.46)], (150, 100, 60), max(2, u * 0.004))
    elif room == "bedroom":                     # a bed with a headboard, a pillow and a blanket
        x = min(max(W * other, u * 0.3), W - u * 0.3)
        pen.rect((x - u * 0.28, y - u * 0.3, x - u * 0.24, y + u * 0.04), (150, 100, 60))
        pen.rect((x - u * 0.28, y - u * 0.12, x + u * 0.28, y + u * 0.04), (168, 112, 66))
        pen.rect((x - u * 0.24, y - u * 0.17, x + u * 0.28, y - u * 0.1), (250, 250, 250))
        pen.rect((x - u * 0.1, y - u * 0.18, x + u * 0.28, y - u * 0.06), (120, 160, 230))
        pen.ellipse((x - u * 0.23, y - u * 0.23, x - u * 0.11, y - u * 0.16), (255, 255, 255), outline=u * 0.3)
    elif room == "living_room":                 # a sofa and a television
        x = W * other
        pen.rect((x - u * 0.22, y - u * 0.16, x + u * 0.22, y - u * 0.02), (200, 110, 80))
        pen.rect((x - u * 0.2, y - u * 0.26, x + u * 0.2, y - u * 0.14), (210, 124, 92))
        tx = W * side
        pen.rect((tx - u * 0.12, y - u * 0.16, tx + u * 0.12, y - u * 0.01), (140, 100, 70))
    elif room == "classroom":                   # a blackboard and a clock
        x = W * other
        pen.rect((x - u * 0.3, y - u * 0.5, x + u * 0.3, y - u * 0.2), (150, 110, 70))
        pen.rect((x - u * 0.28, y - u * 0.48, x + u * 0.28, y - u * 0.22), (50, 100, 70))
        for k in range(3):
            yy = y - u * (0.43 - k * 0.06)
            pen.line([(x - u * 0.22, yy), (x + u * (0.05 + 0.06 * k), yy)], (236, 236, 236), max(2, u * 0.005))
        cx, cy, r = W * 0.5, y - u * 0.58, u * 0.04
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), (250, 250, 250))
        pen.line([(cx, cy), (cx, cy - r * 0.7)], (40, 40, 40), max(2, u * 0.004))
        pen.line([(cx, cy), (cx + r * 0.5, cy)], (40, 40, 40), max(2, u * 0.004))
    elif room == "stage":                       # red curtains, a spotlight
        for k in (-1, 1):
            x = 0 if k < 0 else W
            pen.polygon([(x, 0), (W / 2 + k * W * 0.28, 0), (x + k * -W * 0.12, y), (x, y + u * 0.05)],
                        (190, 30, 50))
        pen.rect((0, 0, W, H * 0.08), (160, 20, 40))
        pen.polygon([(W * 0.45, 0), (W * 0.55, 0), (W * 0.75, H * 0.98), (W * 0.25, H * 0.98)],
                    (255, 250, 210, 60), glow=True)
    elif room == "restaurant":                  # a cha chaan teng: a menu board, red lamps and booth seats
        x = W * other
        pen.rect((x - u * 0.22, y - u * 0.56, x + u * 0.22, y - u * 0.3), (60, 110, 80))
        for k in range(4):
            yy = y - u * (0.51 - k * 0.055)
            pen.line([(x - u * 0.18, yy), (x + u * 0.12, yy)], (250, 240, 200), max(2, u * 0.005))
            pen.rect((x + u * 0.14, yy - u * 0.01, x + u * 0.19, yy + u * 0.01), (255, 220, 120))
        for lx in (W * 0.3, W * 0.7):
            pen.line([(lx, 0), (lx, H * 0.12)], (60, 60, 60), max(1, u * 0.003))
            pen.ellipse((lx - u * 0.05, H * 0.12, lx + u * 0.05, H * 0.12 + u * 0.07), (220, 50, 50), glow=True)
        pen.rect((0, y - u * 0.14, W, y), (120, 170, 150))
    elif room == "station":                     # wall tiles, a line-coloured band and a sign
        pen.rect((0, y - u * 0.42, W, y - u * 0.36), (220, 40, 46))
        for k in range(int(W / (u * 0.06)) + 1):
            pen.line([(k * u * 0.06, 0), (k * u * 0.06, y)], (216, 216, 208), max(1, u * 0.002))
        pen.rect((W * 0.38, y - u * 0.62, W * 0.62, y - u * 0.5), (30, 60, 120))
        pen.rect((W * 0.4, y - u * 0.6, W * 0.44, y - u * 0.52), (220, 40, 46))


def street(pen: Pen, y: float, W: float, H: float):
    """A Hong Kong street: pavement in front, a road with white lines behind it."""
    road_end = y + (H - y) * 0.3
    pen.rect((0, y, W, road_end), (96, 96, 104))
    for k in range(8):
        x = W * (k + 0.25) / 8
        pen.rect((x, (y + road_end) / 2 - H * 0.004, x + W * 0.05, (y + road_end) / 2 + H * 0.004), (240, 240, 240))
    pen.rect((0, road_end, W, H), (200, 196, 188))
    pen.line([(0, road_end), (W, road_end)], (150, 146, 140), max(2, H * 0.006))
    return road_end
