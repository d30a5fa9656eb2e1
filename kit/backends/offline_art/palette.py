"""Colours and light: the time of day, weather and mood all change how every colour is painted.

``Light.paint(rgb)`` turns a thing's own colour into the colour it shows in this scene (darker and bluer
at night, warmer at sunset, greyer when sad ...). Things that glow (the moon, stars, lit windows) use
``Light.glow`` and keep their brightness.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


def clamp(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else int(v + 0.5)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (clamp(a[0] + (b[0] - a[0]) * t), clamp(a[1] + (b[1] - a[1]) * t), clamp(a[2] + (b[2] - a[2]) * t))


def darker(c: RGB, f: float = 0.7) -> RGB:
    return (clamp(c[0] * f), clamp(c[1] * f), clamp(c[2] * f))


def lighter(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (255, 255, 255), t)


def luminance(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


SKIN_TONES: tuple[RGB, ...] = ((255, 222, 190), (246, 204, 160), (236, 188, 140), (214, 160, 112),
                               (176, 118, 78), (128, 84, 54))
CLOTHES: tuple[RGB, ...] = ((230, 70, 80), (60, 130, 230), (255, 200, 50), (80, 180, 110), (250, 140, 60),
                            (160, 100, 210), (255, 130, 180), (40, 170, 190))
RAINBOW: tuple[RGB, ...] = ((232, 60, 60), (250, 150, 40), (250, 220, 60), (80, 190, 90), (60, 140, 230),
                            (100, 80, 200), (170, 90, 200))
OUTLINE_INK: RGB = (36, 32, 40)

# sky gradients (top, middle, bottom) by time of day
SKIES: dict[str, tuple[RGB, RGB, RGB]] = {
    "morning": ((120, 176, 236), (196, 206, 232), (255, 206, 176)),
    "day": ((76, 156, 232), (132, 192, 242), (200, 230, 250)),
    "sunset": ((64, 58, 132), (214, 104, 112), (255, 184, 96)),
    "night": ((8, 14, 42), (22, 32, 78), (46, 58, 112)),
}
# the light falling on things by time of day: a multiplier per channel
AMBIENT: dict[str, tuple[float, float, float]] = {
    "morning": (1.02, 0.97, 0.94), "day": (1.0, 1.0, 1.0), "sunset": (1.0, 0.8, 0.68),
    "night": (0.6, 0.64, 0.86),
}
# overcast skies by weather (top, bottom); they are darkened at night
WEATHER_SKIES: dict[str, tuple[RGB, RGB]] = {
    "rain": ((108, 118, 134), (170, 178, 190)), "storm": ((44, 48, 64), (98, 102, 120)),
    "snow": ((176, 188, 206), (226, 232, 242)), "fog": ((200, 204, 210), (226, 228, 230)),
}


@dataclass
class Light:
    ambient: tuple[float, float, float] = (1.0, 1.0, 1.0)
    saturation: float = 1.0
    brightness: float = 1.0
    pastel: float = 0.0                  # mix toward white (calm, fog)
    tint: RGB | None = None              # mood tint (scary purple, sad blue)
    tint_amount: float = 0.0

    def paint(self, c: RGB, ambient: bool = True) -> RGB:
        r, g, b = float(c[0]), float(c[1]), float(c[2])
        if self.saturation != 1.0:
            grey = 0.299 * r + 0.587 * g + 0.114 * b
            r, g, b = (grey + (r - grey) * self.saturation, grey + (g - grey) * self.saturation,
                       grey + (b - grey) * self.saturation)
        if ambient:
            r, g, b = r * self.ambient[0], g * self.ambient[1], b * self.ambient[2]
        if self.tint is not None and self.tint_amount:
            t = self.tint_amount
            r, g, b = r + (self.tint[0] - r) * t, g + (self.tint[1] - g) * t, b + (self.tint[2] - b) * t
        if self.pastel:
            r, g, b = r + (255 - r) * self.pastel, g + (255 - g) * self.pastel, b + (255 - b) * self.pastel
        f = self.brightness
        return (clamp(r * f), clamp(g * f), clamp(b * f))

    def glow(self, c: RGB) -> RGB:
        """Light sources keep their own brightness; only the mood's colour shift touches them."""
        return self.paint(c, ambient=False)


def make_light(time: str, weather: list[str], mood: str | None, light: str | None, keep_bright: bool) -> Light:
    lt = Light(ambient=AMBIENT[time])
    if "storm" in weather:
        lt.ambient = tuple(a * 0.72 for a in lt.ambient)
        lt.saturation *= 0.75
    elif "rain" in weather:
        lt.ambient = tuple(a * 0.86 for a in lt.ambient)
        lt.saturation *= 0.82
    if "fog" in weather:
        lt.saturation *= 0.8
        lt.pastel = 0.12
    if "snow" in weather:
        lt.ambient = (lt.ambient[0] * 0.97, lt.ambient[1] * 0.99, lt.ambient[2] * 1.04)
    if mood == "happy":
        lt.saturation *= 1.15
        lt.brightness *= 1.04
    elif mood == "sad":
        lt.saturation *= 0.55
        lt.brightness *= 0.86
        lt.tint, lt.tint_amount = (90, 110, 160), 0.12
    elif mood == "scary":
        lt.saturation *= 0.7
        lt.brightness *= 0.72
        lt.tint, lt.tint_amount = (70, 40, 100), 0.22
    elif mood == "calm":
        lt.saturation *= 0.85
        lt.pastel = max(lt.pastel, 0.1)
    elif mood == "exciting":
        lt.saturation *= 1.3
        lt.brightness *= 1.05
    elif mood == "angry":
        lt.saturation *= 1.1
        lt.tint, lt.tint_amount = (200, 60, 50), 0.12
    if light == "dark":
        lt.brightness *= 0.7
    elif light == "bright":
        lt.brightness *= 1.08
        lt.saturation *= 1.08
    if keep_bright:
        lum = (0.3 * lt.ambient[0] + 0.59 * lt.ambient[1] + 0.11 * lt.ambient[2]) * lt.brightness
        if lum < 0.85:
            boost = 0.85 / max(lum, 0.05)
            lt.ambient = tuple(min(1.1, a * boost) for a in lt.ambient)
            lt.brightness = max(lt.brightness, 0.95)
    return lt
