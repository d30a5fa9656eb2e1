"""Art styles as filters over a finished scene, so any scene can take any style.

Some styles also change how the scene is drawn (``OUTLINES``: cartoon and pixel art get bold ink
outlines, a flat illustration none). The filters use Pillow and numpy array maths, never a per-pixel
Python loop; the costly steps (blurs, edge finding) run at half size and are scaled up. All randomness
comes from the seed.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from .vocab import STYLES

OUTLINES = {"cartoon": "bold", "pixel art": "bold", "flat illustration": "none"}
BILINEAR = Image.Resampling.BILINEAR
BICUBIC = Image.Resampling.BICUBIC


def outline_for(style: str | None) -> str:
    return OUTLINES.get(style or "", "soft")


# ---- helpers ---------------------------------------------------------------------------------------------------
def noise(rng: np.random.Generator, w: int, h: int, cell: float, stretch: tuple[float, float] = (1, 1)):
    """Smooth value noise in 0..1 with features about ``cell`` pixels wide (stretched per axis)."""
    nw = max(2, int(w / (cell * stretch[0])) + 2)
    nh = max(2, int(h / (cell * stretch[1])) + 2)
    small = Image.fromarray((rng.random((nh, nw), dtype=np.float32) * 255).astype(np.uint8), "L")
    return np.asarray(small.resize((w, h), BICUBIC), dtype=np.float32) * (1 / 255)


def _arr(img: Image.Image) -> np.ndarray:
    a = np.asarray(img).astype(np.float32)
    a *= 1 / 255
    return a


def _img(a: np.ndarray, mode: str = "RGB") -> Image.Image:
    a = np.clip(a, 0.0, 1.0)
    a *= 255
    a += 0.5
    return Image.fromarray(a.astype(np.uint8), mode)


def _L(a: np.ndarray) -> Image.Image:
    return _img(a, "L")


def _grey(a: np.ndarray) -> np.ndarray:
    return a[..., 0] * 0.299 + a[..., 1] * 0.587 + a[..., 2] * 0.114


def _edges(grey: Image.Image, gain: float) -> np.ndarray:
    """Edge strength 0..1 of an "L" image."""
    return np.clip(np.asarray(grey.filter(ImageFilter.FIND_EDGES), dtype=np.float32) * (gain / 255), 0.0, 1.0)


def _up(a: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Scale a 0..1 single-channel array up to ``size`` (w, h) smoothly."""
    return np.asarray(_L(a).resize(size, BILINEAR), dtype=np.float32) * (1 / 255)


def _half(img: Image.Image) -> Image.Image:
    return img.reduce(2) if min(img.size) >= 256 else img


# ---- the styles ----------------------------------------------------------------------------------------------------
def watercolour(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    half = _half(img)
    hw, hh = half.size
    hu = min(hw, hh)
    soft = half.filter(ImageFilter.GaussianBlur(max(1.0, hu * 0.004)))
    wash = half.reduce(6).resize((hw, hh), BICUBIC)
    a = _arr(soft) * 0.6 + _arr(wash) * 0.4
    a = 1.0 - (1.0 - a) * 0.8                                   # thin, transparent pigment
    edge = _edges(soft.convert("L"), 4.0)
    edge = np.asarray(_L(edge).filter(ImageFilter.BoxBlur(max(1, hu * 0.002))), dtype=np.float32) / 255
    a *= (1.0 - 0.35 * edge)[..., None]                          # pigment pools at the edges of a wash
    a *= (1.0 - 0.35 * _edges(half.convert("L"), 2.5))[..., None]  # the light pencil drawing underneath
    a *= (0.9 + 0.1 * noise(rng, hw, hh, hu * 0.08))[..., None]  # blotches where the paper was wetter
    # an uneven unpainted border, as on a real sheet
    ys = np.arange(hh, dtype=np.float32)[:, None]
    xs = np.arange(hw, dtype=np.float32)[None, :]
    d = np.minimum(np.minimum(xs, hw - 1 - xs), np.minimum(ys, hh - 1 - ys)) / hu
    ragged = 0.03 + 0.025 * noise(rng, hw, hh, hu * 0.05)
    inside = np.clip((d - ragged) / 0.012, 0.0, 1.0)[..., None]
    paper = np.array([0.99, 0.975, 0.94], dtype=np.float32)
    a *= (0.96 + 0.04 * noise(rng, hw, hh, 5.0))[..., None]       # granulation in the paper's hollows
    a = a * inside + paper * (1.0 - inside)
    return _img(a).resize((w, h), BICUBIC)


def sketch(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    u = min(w, h)
    r, g, b = (np.asarray(band) for band in img.split())
    # how light a thing looks on paper: colourful things and the sky count as light
    value = (np.maximum(np.maximum(r, g), b).astype(np.float32) * 0.55
             + np.asarray(img.convert("L"), dtype=np.float32) * 0.45)
    value *= 1 / 255
    grey = img.convert("L")
    lines = _edges(grey, 4.5)
    period = max(4, round(u * 0.011))
    ys = np.arange(h, dtype=np.int32)[:, None]
    xs = np.arange(w, dtype=np.int32)[None, :]
    wob = (noise(rng, w, h, u * 0.04) * period * 0.7).astype(np.int32)
    thick = max(1, int(period * 0.3))
    h1 = ((xs + ys + wob) % period) < thick
    h2 = ((xs - ys + wob + 4096 * period) % period) < thick
    h3 = ((ys + (xs >> 2) + wob) % period) < thick
    tone = np.ones((h, w), dtype=np.float32)
    tone -= 0.38 * (h1 & (value < 0.7))
    tone -= 0.38 * (h2 & (value < 0.5))
    tone -= 0.3 * (h3 & (value < 0.3))
    pressure = 0.7 + 0.3 * noise(rng, w, h, u * 0.02, (1, 4))
    out = tone * (1.0 - lines * 0.85 * pressure)
    out *= 0.965 + 0.035 * noise(rng, w, h, 3.0)
    g = _L(out)
    return Image.merge("RGB", (g, g, g))


def cartoon(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    img = ImageEnhance.Color(img).enhance(1.4)
    step = 24
    lut = [min(255, int((v // step) * step + step * 0.6)) for v in range(256)]
    return img.point(lut * 3)                                    # flat bands of bright colour


def ink_painting(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    half = img
    hw, hh = half.size
    hu = min(hw, hh)
    a = _arr(half)
    g = _grey(a)
    r, gr, b = a[..., 0], a[..., 1], a[..., 2]
    sat = np.maximum(np.maximum(r, gr), b) - np.minimum(np.minimum(r, gr), b)
    # the sky and light things stay paper; dark and strong colours take diluted ink
    dens = np.clip((0.6 - g) * 1.6 + sat * 0.1, 0.0, 1.0)
    wash = np.asarray(_L(dens).filter(ImageFilter.GaussianBlur(max(1.0, hu * 0.006))), dtype=np.float32) / 255
    wash = np.round(wash * 3) / 3 * 0.6 + wash * 0.4             # a few tones of ink
    # brush lines: where the picture is darker than just around it (one line per outline, not two)
    grey = half.convert("L")
    around = np.asarray(grey.filter(ImageFilter.GaussianBlur(max(1.0, hu * 0.004))), dtype=np.float32) / 255
    strokes = np.clip((around - g) * 7.0, 0.0, 1.0) + _edges(grey, 0.8)
    strokes *= np.clip(0.5 + noise(rng, hw, hh, hu * 0.012, (1, 3)), 0, 1)   # dry brush breaks the line
    ink = np.clip(wash * 0.65 + strokes * 1.4, 0.0, 1.0)
    u = min(w, h)
    fibres = noise(rng, w, h, u * 0.006, (6, 1)) * 0.5 + noise(rng, w, h, u * 0.12) * 0.5
    paper_lum = 0.95 + 0.05 * fibres
    k = (ink * 0.93)[..., None]
    paper = np.array([0.95, 0.915, 0.83], dtype=np.float32) * paper_lum[..., None]
    out = paper * (1.0 - k) + np.array([0.09, 0.09, 0.11], dtype=np.float32) * k
    # a breath of colour, as in a xieyi painting
    tint = _arr(half.reduce(4).resize((w, h), BILINEAR))
    out = out * 0.88 + tint * out * 0.12
    return _img(out)


def _seal(img: Image.Image):
    """The artist's red seal, in the lower left."""
    from .label import cjk_font

    w, h = img.size
    u = min(w, h)
    s = max(14, int(u * 0.07))
    x, y = int(u * 0.05), int(h - u * 0.08 - s)
    d = ImageDraw.Draw(img)
    red = (186, 42, 38)
    d.rounded_rectangle((x, y, x + s, y + s), radius=max(1, s // 10), fill=red)
    font = cjk_font(int(s * 0.72))
    if font is not None:
        d.text((x + s / 2, y + s / 2), "畫", font=font, fill=(246, 232, 214), anchor="mm")
    else:
        m = s // 5
        d.rectangle((x + m, y + m, x + s - m, y + s - m), outline=(246, 232, 214), width=max(1, s // 12))
        d.line((x + m, y + s // 2, x + s - m, y + s // 2), fill=(246, 232, 214), width=max(1, s // 12))


_PICO = ("000000 1d2b53 7e2553 008751 ab5236 5f574f c2c3c7 fff1e8 ff004d ffa300 ffec27 00e436 29adff "
         "83769c ff77a8 ffccaa 291814 111d35 422136 125359 742f29 49333b a28879 f3ef7d be1250 ff6c24 "
         "a8e72e 00b543 065ab5 754665 ff6e59 ff9d81 9bd4f5 6cb6ec c6e8ff 3e8948 7ed957 b87333 e8c07d "
         "8a6f9e ffd6e0 d8d8e0")


def _pico_palette() -> Image.Image:
    cols = [int(c[i:i + 2], 16) for c in _PICO.split() for i in (0, 2, 4)]
    pal = Image.new("P", (1, 1))
    pal.putpalette(cols + cols[:3] * (256 - len(cols) // 3))
    return pal


def pixel_art(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    block = max(2, round(min(w, h) / 88))
    sw, sh = math.ceil(w / block), math.ceil(h / block)
    small = ImageEnhance.Color(img.resize((sw, sh), Image.Resampling.BOX)).enhance(1.2)
    small = small.quantize(palette=_pico_palette(), dither=Image.Dither.NONE).convert("RGB")
    return small.resize((sw * block, sh * block), Image.Resampling.NEAREST).crop((0, 0, w, h))


def oil_painting(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    u = min(w, h)
    base = ImageEnhance.Color(img).enhance(1.25)
    half = base
    hw, hh = half.size
    scale = w / hw
    under = half.filter(ImageFilter.BoxBlur(max(1, min(hw, hh) * 0.004)))
    src = np.asarray(under)
    g = _grey(src.astype(np.float32) * (1 / 255))
    gy, gx = np.gradient(g)
    mag = np.hypot(gx, gy)
    canvas = under.resize((w, h), BILINEAR)
    d = ImageDraw.Draw(canvas)

    def strokes(step: float, length: float, width: int, edge_only: bool):
        ys = np.arange(step * 0.5, h, step)
        xs = np.arange(step * 0.5, w, step)
        pts = np.stack(np.meshgrid(ys, xs, indexing="ij"), axis=-1).reshape(-1, 2)
        pts += rng.uniform(-step * 0.5, step * 0.5, pts.shape)
        iy = np.clip((pts[:, 0] / scale).astype(int), 0, hh - 1)
        ix = np.clip((pts[:, 1] / scale).astype(int), 0, hw - 1)
        m = mag[iy, ix]
        if edge_only:
            keep = m > max(0.02, float(np.percentile(mag, 85)))
            pts, iy, ix, m = pts[keep], iy[keep], ix[keep], m[keep]
        ang = np.arctan2(gy[iy, ix], gx[iy, ix]) + math.pi / 2     # along the edges, as a painter would
        flat = m < 0.01
        ang[flat] = 0.5 + rng.uniform(-0.6, 0.6, int(flat.sum()))
        jitter = rng.uniform(0.9, 1.1, (len(iy), 1))
        cols = np.clip(src[iy, ix] * jitter, 0, 255).astype(int)
        dx, dy = np.cos(ang) * length / 2, np.sin(ang) * length / 2
        order = rng.permutation(len(iy))
        seg = np.stack([pts[:, 1] - dx, pts[:, 0] - dy, pts[:, 1] + dx, pts[:, 0] + dy], axis=1)[order].tolist()
        fills = [tuple(c) for c in cols[order].tolist()]
        line = d.line
        for xy, fill in zip(seg, fills):
            line(xy, fill=fill, width=width)

    step = max(4.0, u * 0.016)
    strokes(step, step * 2.2, max(2, int(step * 0.9)), False)
    strokes(step * 0.55, step * 1.1, max(1, int(step * 0.45)), True)
    strokes(step * 0.3, step * 0.6, max(1, int(step * 0.25)), True)      # small strokes keep the faces
    # impasto: light from the upper left catches the ridges of paint
    lum = np.asarray(canvas.convert("L"), dtype=np.float32) * (1 / 255)
    ridge = lum * 0.8 + noise(rng, lum.shape[1], lum.shape[0], step * 0.35, (1, 2)) * 0.2
    hy, hx = np.gradient(ridge)
    shade = np.clip(0.5 + (hx - hy) * min(w, h) * 0.008, 0.0, 1.0)
    shade = _up(shade, (w, h))
    out = _arr(canvas) * (0.9 + 0.2 * shade)[..., None]
    return _img(out)


def crayon(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    u = min(w, h)
    a = _arr(ImageEnhance.Color(img).enhance(1.3))
    g = _grey(a)
    # waxy diagonal strokes: each thin diagonal band gets its own pressure, broken along its length
    band = max(2, int(u * 0.004))
    ys = np.arange(h, dtype=np.int32)[:, None]
    xs = np.arange(w, dtype=np.int32)[None, :]
    diag = (xs + ys * 2) // band
    strokes = rng.random(int(diag.max()) + 1, dtype=np.float32)[diag]
    broken = noise(rng, w, h, u * 0.02, (2, 1))
    tooth = rng.random((h, w), dtype=np.float32)
    grain = strokes * 0.45 + broken * 0.25 + tooth * 0.3
    pressure = np.clip(0.3 + (1.0 - g) * 0.9, 0.0, 1.0)
    cover = np.clip((grain - (1.0 - pressure)) * 3.5 + 0.5, 0.0, 1.0)[..., None]
    paper = np.array([0.985, 0.975, 0.955], dtype=np.float32)
    out = paper + (a - paper) * cover
    lines = _edges(img.convert("L"), 2.5)
    lines *= np.clip(grain * 1.6 - 0.1, 0, 1)
    out *= (1.0 - lines * 0.55)[..., None]
    return _img(out)


def flat_illustration(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    img = ImageEnhance.Color(img).enhance(0.82)
    step = 40
    lut = [min(255, int((v // step) * step + step * 0.55)) for v in range(256)]
    table = []
    for warm in (250, 240, 219):                                 # a few flat, muted, print-like colours
        table += [min(255, int(lut[v] * 0.92 + 0.08 * warm)) for v in range(256)]
    return img.point(table)


FILTERS = {"watercolour": watercolour, "sketch": sketch, "cartoon": cartoon, "ink painting": ink_painting,
           "pixel art": pixel_art, "oil painting": oil_painting, "crayon": crayon,
           "flat illustration": flat_illustration}
if set(FILTERS) != set(STYLES):                                  # pragma: no cover - a programming error
    raise RuntimeError("every style needs a filter")


# Textured styles are painted at half size and each texel doubled: four times less work, and a PNG of
# fine paper grain and crayon wax stays small and quick to save. The label and seal stay sharp.
HALF_SIZE = ("sketch", "crayon", "oil painting", "ink painting")


def apply(style: str | None, img: Image.Image, seed: int) -> Image.Image:
    if style is None:
        return img
    rng = np.random.default_rng(seed % (2 ** 63))
    if style in HALF_SIZE and min(img.size) >= 480:
        out = FILTERS[style](img.reduce(2), rng).resize(img.size, Image.Resampling.NEAREST)
    else:
        out = FILTERS[style](img, rng)
    if style == "ink painting":
        _seal(out)
    return out
