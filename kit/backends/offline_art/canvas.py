"""Drawing tools: a ``Pen`` that paints in the scene's light with the style's outlines, and ``Fig``, a
figure's own little coordinate system (origin at its feet, y upwards, 1 = the figure's height), so every
figure can be drawn at any size, facing left or right.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from .palette import OUTLINE_INK, RGB, Light, darker

OUTLINE_WIDTH = {"soft": 0.02, "bold": 0.042, "none": 0.0}


class Pen:
    def __init__(self, img: Image.Image, light: Light, outline: str = "soft"):
        self.img = img
        self.solid = ImageDraw.Draw(img)
        self.blend = ImageDraw.Draw(img, "RGBA")
        self.light = light
        self.outline = outline
        self.W, self.H = img.size
        self.u = min(img.size)

    def colour(self, c, glow: bool = False):
        """The colour as painted here; a 4th value is kept as alpha."""
        rgb = self.light.glow(c[:3]) if glow else self.light.paint(c[:3])
        return rgb + (int(c[3]),) if len(c) == 4 else rgb

    def draw_for(self, c) -> ImageDraw.ImageDraw:
        return self.blend if len(c) == 4 else self.solid

    def line_width(self, size: float) -> int:
        f = OUTLINE_WIDTH[self.outline]
        if f == 0:
            return 0
        return max(2 if self.outline == "bold" else 1, round(size * f))

    def edge(self, painted: RGB):
        if self.outline == "bold":
            return OUTLINE_INK
        return darker(painted[:3], 0.6)

    # plain canvas-coordinate helpers for scenery -----------------------------------------------------------------
    def rect(self, box, c, glow=False):
        col = self.colour(c, glow)
        self.draw_for(col).rectangle(_box(box), fill=col)

    def ellipse(self, box, c, glow=False, outline: float = 0):
        col = self.colour(c, glow)
        w = self.line_width(outline) if outline else 0
        self.draw_for(col).ellipse(_box(box), fill=col, outline=self.edge(col) if w else None, width=w)

    def polygon(self, pts, c, glow=False, outline: float = 0):
        col = self.colour(c, glow)
        w = self.line_width(outline) if outline else 0
        polygon(self.draw_for(col), [(float(x), float(y)) for x, y in pts], col, self.edge(col) if w else None, w)

    def line(self, pts, c, width: float, glow=False):
        col = self.colour(c, glow)
        self.draw_for(col).line([(float(x), float(y)) for x, y in pts], fill=col, width=max(1, int(width)),
                                joint="curve")


def polygon(d: ImageDraw.ImageDraw, pts, fill, edge, width: int):
    """A filled polygon with an outline. (Pillow's own thick polygon outline makes a full-size mask each
    time, which is slow on a big canvas; a closed thick line looks the same.)"""
    d.polygon(pts, fill=fill)
    if edge is not None and width:
        if width == 1:
            d.polygon(pts, outline=edge)
        else:
            d.line(list(pts) + [pts[0], pts[1]], fill=edge, width=width, joint="curve")


def _box(box):
    x0, y0, x1, y1 = box
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def ellipse_points(cx, cy, rx, ry, rot_deg=0.0, n=36):
    a = math.radians(rot_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def star_points(cx, cy, r_out, r_in, n=5, rot_deg=-90.0):
    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot_deg + i * 180.0 / n)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def bezier(p0, p1, p2, n=16, p3=None):
    """Points along a quadratic (or cubic, with p3) Bezier curve."""
    pts = []
    for i in range(n + 1):
        t = i / n
        if p3 is None:
            x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0]
            y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]
        else:
            x = ((1 - t) ** 3 * p0[0] + 3 * (1 - t) ** 2 * t * p1[0] + 3 * (1 - t) * t * t * p2[0]
                 + t ** 3 * p3[0])
            y = ((1 - t) ** 3 * p0[1] + 3 * (1 - t) ** 2 * t * p1[1] + 3 * (1 - t) * t * t * p2[1]
                 + t ** 3 * p3[1])
        pts.append((x, y))
    return pts


class Fig:
    """A figure's own coordinates: (0, 0) at its feet, y up, 1 unit = ``s`` pixels, mirrored if flip=-1."""

    def __init__(self, pen: Pen, x: float, y: float, s: float, flip: int = 1):
        self.pen, self.x, self.y, self.s, self.flip = pen, x, y, s, flip
        self.lw = pen.line_width(s)

    def p(self, dx: float, dy: float) -> tuple[float, float]:
        return (self.x + self.flip * dx * self.s, self.y - dy * self.s)

    def ps(self, pts) -> list[tuple[float, float]]:
        return [self.p(dx, dy) for dx, dy in pts]

    def _paint(self, c, glow):
        col = self.pen.colour(c, glow)
        return col, self.pen.draw_for(col)

    def ell(self, cx, cy, rx, ry, c, *, line=True, rot=0.0, glow=False):
        col, d = self._paint(c, glow)
        w = self.lw if line else 0
        edge = self.pen.edge(col) if w else None
        if rot:
            pts = ellipse_points(cx, cy, rx, ry, rot)
            polygon(d, self.ps(pts), col, edge, w)
        else:
            x0, y0 = self.p(cx - rx, cy + ry)
            x1, y1 = self.p(cx + rx, cy - ry)
            d.ellipse(_box((x0, y0, x1, y1)), fill=col, outline=edge, width=w)

    def circle(self, cx, cy, r, c, **kw):
        self.ell(cx, cy, r, r, c, **kw)

    def poly(self, pts, c, *, line=True, glow=False):
        col, d = self._paint(c, glow)
        w = self.lw if line else 0
        polygon(d, self.ps(pts), col, self.pen.edge(col) if w else None, w)

    def rect(self, x0, y0, x1, y1, c, *, r=0.0, line=True, glow=False):
        col, d = self._paint(c, glow)
        w = self.lw if line else 0
        a, b = self.p(x0, y0), self.p(x1, y1)
        box = _box((a[0], a[1], b[0], b[1]))
        edge = self.pen.edge(col) if w else None
        if r:
            d.rounded_rectangle(box, radius=max(1, int(r * self.s)), fill=col, outline=edge, width=w)
        else:
            d.rectangle(box, fill=col, outline=edge, width=w)

    def line(self, pts, c, w, *, glow=False, edged=False):
        """A thick line ``w`` units wide; ``edged`` puts an outline round it (for tails, trunks, arms)."""
        col, d = self._paint(c, glow)
        px = self.ps(pts)
        width = max(1, round(w * self.s))
        if edged and self.lw:
            d.line(px, fill=self.pen.edge(col), width=width + 2 * self.lw, joint="curve")
            r = (width + 2 * self.lw) / 2
            for end in (px[0], px[-1]):
                d.ellipse((end[0] - r, end[1] - r, end[0] + r, end[1] + r), fill=self.pen.edge(col))
        d.line(px, fill=col, width=width, joint="curve")
        r = width / 2
        if width > 3:
            for end in (px[0], px[-1]):
                d.ellipse((end[0] - r, end[1] - r, end[0] + r, end[1] + r), fill=col)

    def arc(self, cx, cy, rx, ry, start, end, c, w, *, glow=False):
        """An arc in Pillow's angles (0 = right, clockwise on screen), mirrored with the figure."""
        col, d = self._paint(c, glow)
        if self.flip < 0:
            start, end = 180 - end, 180 - start
        x0, y0 = self.p(cx - rx, cy + ry)
        x1, y1 = self.p(cx + rx, cy - ry)
        d.arc(_box((x0, y0, x1, y1)), start, end, fill=col, width=max(1, round(w * self.s)))

    def chord(self, cx, cy, rx, ry, start, end, c, *, line=False):
        col, d = self._paint(c, False)
        if self.flip < 0:
            start, end = 180 - end, 180 - start
        x0, y0 = self.p(cx - rx, cy + ry)
        x1, y1 = self.p(cx + rx, cy - ry)
        w = self.lw if line else 0
        d.chord(_box((x0, y0, x1, y1)), start, end, fill=col, outline=self.pen.edge(col) if w else None,
                width=w)


# ---- faces -----------------------------------------------------------------------------------------------------
EYE = (34, 28, 34)
SHINE = (255, 255, 255)
CHEEK = (255, 120, 140, 120)
MOUTH = (120, 40, 50)


def face(f: Fig, cx: float, cy: float, r: float, mood: str | None, *, sleeping: bool = False,
         gap: float = 0.42, eye: float = 0.15, cheeks: bool = True, mouth_dy: float = 0.34) -> None:
    """A friendly face centred at (cx, cy) for a head of radius r, following the mood."""
    ex = gap * r
    ey = cy + 0.04 * r
    er = eye * r
    lw = max(0.012, r * 0.09)
    closed = sleeping or mood == "calm"
    for side in (-1, 1):
        x = cx + side * ex
        if closed:
            f.arc(x, ey, er, er * 0.8, 20, 160, EYE, lw)               # happy closed eyes
        else:
            f.ell(x, ey, er * 0.85, er, EYE, line=False)
            f.circle(x + er * 0.3, ey + er * 0.38, er * 0.34, SHINE, line=False, glow=True)
            if mood == "sad" or mood == "scary":                      # worried eyebrows
                tilt = 0.35 if mood == "sad" else -0.3
                f.line([(x - side * er * 1.1, ey + er * (1.9 + tilt)), (x + side * er * 1.0, ey + er * 1.7)],
                       EYE, lw * 0.7)
            elif mood == "angry":                                     # brows down towards the nose
                f.line([(x - side * er * 1.2, ey + er * 1.3), (x + side * er * 1.1, ey + er * 2.3)], EYE, lw)
    if cheeks and mood not in ("sad", "scary", "angry"):
        for side in (-1, 1):
            f.ell(cx + side * (ex + er * 1.1), cy - 0.2 * r, er * 1.05, er * 0.62, CHEEK, line=False)
    my = cy - mouth_dy * r
    mw = 0.26 * r
    if sleeping:
        f.ell(cx, my, mw * 0.3, mw * 0.22, MOUTH, line=False)
    elif mood == "sad":
        f.arc(cx, my - mw * 0.9, mw, mw * 0.8, 210, 330, MOUTH, lw * 0.85)
        f.ell(cx + ex + er * 0.2, ey - er * 2.2, er * 0.38, er * 0.6, (110, 180, 255), line=False, glow=True)
    elif mood == "scary":
        f.ell(cx, my, mw * 0.38, mw * 0.5, MOUTH, line=False)
    elif mood == "angry":                                             # a frown, and red cheeks
        f.arc(cx, my - mw * 0.7, mw * 0.9, mw * 0.6, 215, 325, MOUTH, lw)
        for side in (-1, 1):
            f.ell(cx + side * (ex + er * 1.1), cy - 0.2 * r, er * 1.1, er * 0.65, (240, 60, 60, 150), line=False)
    elif mood == "exciting" or mood == "happy":
        f.chord(cx, my + mw * 0.35, mw * 1.05, mw * 0.95, 0, 180, MOUTH)
        f.chord(cx, my - mw * 0.25, mw * 0.55, mw * 0.4, 180, 360, (240, 110, 120))
    else:
        f.arc(cx, my + mw * 0.4, mw, mw * 0.8, 25, 155, MOUTH, lw * 0.85)
