"""Lay out and paint a scene from a ``Plan``: sky, far land, ground, the named things, weather, mood.

Everything is placed in fractions of the canvas, so any size and aspect ratio works. The seed moves
things about (positions, sizes, which way they face, decorations) without changing what is drawn.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image

from . import indoors, land, sky, things, weather
from .canvas import Fig, Pen, star_points
from .creatures import FIGURES, Look, wear
from .hk import HK_THINGS
from .palette import AMBIENT, RGB, darker, make_light, mix
from .reading import Plan, Subject
from .vocab import (
    BACK_THINGS,
    COLOURS,
    FLIERS,
    HANGING,
    HELD,
    INDOORS,
    LAND_THINGS,
    PEOPLE,
    SKY_THINGS,
    TABLE_THINGS,
    VEHICLES,
)

HORIZON = {"meadow": 0.6, "forest": 0.6, "beach": 0.48, "seaside": 0.5, "space": 0.74, "underwater": 0.8,
           "garden": 0.6, "school": 0.62, "park": 0.6, "desert": 0.58, "snowland": 0.6, "city": 0.55,
           "street": 0.56, **indoors.FLOOR_AT}
# Where nothing names a place, what is drawn decides it: a bus is in a street, a bed in a bedroom.
PLACE_OF = [(("train",), "station"), (("hospital", "bus_stop", "neon", "stall") + VEHICLES[1:], "street"),
            (("bed",), "bedroom"), (("sofa", "tv", "piano", "xmas_tree"), "living_room")]
# height of a lone main subject, as a fraction of the canvas's shorter side
BASE_SIZE = {"cat": 0.42, "dog": 0.42, "rabbit": 0.46, "panda": 0.44, "elephant": 0.42, "robot": 0.5,
             "child": 0.5, "girl": 0.5, "boy": 0.5, "snowman": 0.5, "tree": 0.62, "flower": 0.42, "house": 0.5,
             "castle": 0.6, "car": 0.38, "rocket": 0.56, "bird": 0.3, "butterfly": 0.3, "fish": 0.34,
             "dragon": 0.4, "balloon": 0.36, "kite": 0.36, "boat": 0.4,
             **{p: 0.62 for p in PEOPLE}, "baby": 0.26, "lion": 0.42, "bus": 0.5, "minibus": 0.36, "tram": 0.56,
             "train": 0.34, "fire_engine": 0.4, "ambulance": 0.38, "ferry": 0.36, "plane": 0.3, "piano": 0.4,
             "table": 0.3, "tv": 0.3, "bed": 0.3, "sofa": 0.3, "schoolbag": 0.2, "hospital": 0.6, "bus_stop": 0.5,
             "neon": 0.62, "stall": 0.4, "lantern": 0.12, "xmas_tree": 0.6, "present": 0.16}
DEFAULT_COLOUR = {"cat": "orange", "dog": "brown", "rabbit": "white", "bird": "blue", "fish": "orange",
                  "dragon": "green", "panda": "white", "elephant": "grey", "robot": "grey", "tree": "green",
                  "house": "white", "castle": "purple", "boat": "brown", "car": "red", "rocket": "white",
                  "snowman": "white"}
SPARE_COLOURS = ("blue", "green", "yellow", "purple", "pink", "orange", "red", "brown")
WEAR_COLOUR = {"scarf": "red", "horns": "gold", "hat": "blue"}      # when the prompt names no colour
# Where a holder's hand (or paw) is, in its own units facing right: the end of a kite's or balloon's string.
HAND = {**{p: (0.26, 0.8) for p in PEOPLE}, "baby": (0.3, 0.3),
        "child": (0.26, 0.72), "girl": (0.26, 0.72), "boy": (0.26, 0.72), "cat": (0.24, 0.36),
        "dog": (0.24, 0.38), "rabbit": (0.2, 0.3), "panda": (0.3, 0.4), "elephant": (0.55, 0.2),
        "robot": (0.4, 0.76), "snowman": (0.34, 0.7)}
WATER_SETTINGS = ("beach", "seaside", "city")


def _registry():
    table = dict(FIGURES)
    table.update(things.THINGS)
    table.update(HK_THINGS)
    return table


FIGURE_TABLE = _registry()


@dataclass
class Inst:
    concept: str
    look: Look
    size: float            # pixels (height)
    role: str              # ground, back, flier, boat, swimmer
    x: float = 0.0
    y: float = 0.0
    flip: int = 1
    tether: tuple[float, float] | None = None      # where a balloon's or kite's string is held
    holding: str | None = None                      # this one holds a kite's or balloon's string
    items: list = field(default_factory=list)       # what stands on a table


@dataclass
class Drawn:
    setting: str
    time: str
    weather: list[str]
    items: list[Subject] = field(default_factory=list)
    default_scene: bool = False
    inferred_setting: bool = False


class Scene:
    def __init__(self, plan: Plan, W: int, H: int, seed: int, outline: str):
        self.plan = plan
        self.W, self.H = W, H
        self.u = min(W, H)
        self.rng = random.Random(seed * 7919 + 17)
        self.outline = outline
        self.concepts = [s.concept for s in plan.subjects]

    # ---- deciding -----------------------------------------------------------------------------------------------
    def decide(self) -> Drawn:
        plan, have = self.plan, set(self.concepts)
        setting, inferred = plan.setting, False
        ground_chars = [c for c in self.concepts if c not in ("fish", "boat") + SKY_THINGS + LAND_THINGS]
        if setting is None:
            inferred = True
            if "city" in have:
                setting = "city"
            elif "fish" in have and not have & {"boat", "sea", "river", "lake"}:
                setting = "underwater" if not ground_chars or all(c in FLIERS for c in ground_chars) else "seaside"
            elif "sea" in have or (have & {"boat", "ferry"} and "lake" not in have):
                setting = "seaside"
            elif "planet" in have:
                setting = "space"
            elif any(have & set(things_) for things_, _place in PLACE_OF):
                setting = next(place for things_, place in PLACE_OF if have & set(things_))
            elif have & set(TABLE_THINGS) and not have & set(SKY_THINGS + ("lantern",)):
                setting = "kitchen"                  # dim sum and milk tea on a table: at home
            elif "snow" in plan.weather or "snowman" in have:
                setting = "snowland"
            else:
                setting = "meadow"
        time = plan.time
        if time is None:
            if setting == "space" or (("moon" in have or "star" in have) and "sun" not in have):
                time = "night"
            else:
                time = "day"
        wx = [w for w in plan.weather if f"weather:{w}" not in plan.banned]
        if setting in ("space", "underwater"):
            wx = []
        self.indoors = setting in INDOORS
        self.setting, self.time, self.weather = setting, time, wx
        self.lit = time in ("sunset", "night") or plan.mood == "scary"
        return Drawn(setting, time, wx, list(plan.subjects), default_scene=not plan.understood,
                     inferred_setting=inferred)

    def colour_for(self, concept: str, subj: Subject | None) -> tuple[RGB | None, RGB | None]:
        avoid = {b.split(":", 1)[1] for b in self.plan.banned if b.startswith("colour:")}
        names = [c for c in (subj.colours if subj else []) if c not in avoid]
        colour = COLOURS[names[0]] if names else None
        accent = COLOURS[names[1]] if len(names) > 1 else None
        if colour is None and DEFAULT_COLOUR.get(concept) in avoid:
            spare = next(c for c in SPARE_COLOURS if c not in avoid)
            colour = COLOURS[spare]
        return colour, accent

    def look(self, concept: str, subj: Subject | None, main: bool = True) -> Look:
        colour, accent = self.colour_for(concept, subj)
        if colour is None and concept in ("flower", "balloon", "kite") and self.free_colours:
            colour = COLOURS[self.rng.choice(self.free_colours)]
        umbrella = True if "umbrella" in self.plan.props else (False if "umbrella" in self.plan.banned else None)
        avoid = {b.split(":", 1)[1] for b in self.plan.banned if b.startswith("colour:")}
        wears = {}
        for name, chosen in (subj.accessories.items() if subj else ()):
            if chosen is None:
                chosen = WEAR_COLOUR[name] if WEAR_COLOUR[name] not in avoid else \
                    next(c for c in SPARE_COLOURS if c not in avoid)
            wears[name] = COLOURS[chosen]
        umbrella_colour = self.plan.prop_colours.get("umbrella")
        return Look(colour=colour, accent=accent, mood=self.plan.mood, umbrella=umbrella, wears=wears,
                    umbrella_colour=COLOURS[umbrella_colour] if umbrella_colour else None,
                    sleeping=bool(subj and subj.sleeping), flying=bool(subj and subj.flying) or concept == "bird"
                    and not main, variant=concept if concept in ("girl", "boy") + PEOPLE else None,
                    rng=random.Random(self.rng.random()), lit=self.lit, weather=tuple(self.weather), main=main)

    # ---- painting -----------------------------------------------------------------------------------------------
    def paint(self) -> tuple[Image.Image, Drawn]:
        drawn = self.decide()
        plan, rng, W, H = self.plan, self.rng, self.W, self.H
        avoid = {b.split(":", 1)[1] for b in plan.banned if b.startswith("colour:")}
        self.free_colours = [c for c in plan.free_colours if c not in avoid]
        light = make_light(self.time, self.weather, plan.mood, plan.light, "light:dark" in plan.banned)
        if self.setting == "space":
            light.ambient = tuple(a * 0.92 for a in AMBIENT["day"])
        elif self.setting == "underwater":
            light.ambient = (0.94, 0.98, 1.0) if self.time != "night" else (0.55, 0.62, 0.85)
        only_sky = bool(plan.subjects) and all(c in sky_things() for c in self.concepts)
        only_land = bool(plan.subjects) and all(c in sky_things() + land_things() for c in self.concepts) \
            and not only_sky
        hz = HORIZON[self.setting] + rng.uniform(-0.025, 0.025)
        if only_sky:
            hz = max(hz, 0.72)
        self.horizon = horizon = H * hz
        img = self.sky_image(light)
        pen = self.pen = Pen(img, light, self.outline)

        self.paint_sky(only_sky)
        self.paint_far(only_land)
        self.paint_ground()
        if "fog" in self.weather:
            pen.img = img = weather.fog(img, horizon, 0.55)
            self.pen = pen = Pen(img, light, self.outline)
        insts = self.layout()
        self.paint_back_decor(insts)
        for inst in sorted((i for i in insts if i.role in ("back", "boat")), key=lambda i: i.y):
            self.figure(inst)
        self.paint_front_decor(insts)
        for inst in sorted((i for i in insts if i.role == "ground"), key=lambda i: i.y):
            self.figure(inst)
        for inst in (i for i in insts if i.role in ("flier", "swimmer")):
            self.figure(inst)
        hanging = [i for i in insts if i.role == "hang"]
        if hanging:
            pen.line([(0, H * 0.06), *[(i.x, i.y - i.size * 0.98) for i in hanging], (W, H * 0.06)], (90, 60, 40),
                     max(2, self.u * 0.004))
            for inst in hanging:
                self.figure(inst)
        if not self.indoors:
            self.paint_weather()
        if plan.mood == "scary" and plan.allows("bat"):
            weather.bats(pen, rng, horizon, 3)
        if plan.mood == "exciting":
            weather.sparkles(pen, rng, (0, 0, W, horizon), 12)
        if "fog" in self.weather:
            img = weather.fog(pen.img, horizon, 0.18)
        return img if "fog" in self.weather else pen.img, drawn

    def figure(self, inst: Inst):
        fn, _aspect = FIGURE_TABLE[inst.concept]
        f = Fig(self.pen, inst.x, inst.y, inst.size, inst.flip)
        if inst.concept == "rocket" and inst.role == "ground":
            for k in (-1, 1):
                for j in range(3):
                    sky.cloud(self.pen, inst.x + k * inst.size * (0.12 + 0.14 * j), inst.y + inst.size * 0.02,
                              inst.size * (0.16 - 0.03 * j), (240, 240, 240), self.rng)
        if inst.tether is not None:
            knot = (inst.x, inst.y - inst.size * (0.42 if inst.concept == "balloon" else 0.3))
            self.pen.line([knot, inst.tether], (110, 110, 120), max(1, inst.size * 0.01))
        if inst.concept == "fish" and inst.role == "swimmer" and self.setting != "underwater":
            for k in (-1, 1):
                self.pen.blend.arc((inst.x + k * inst.size * 0.45 - inst.size * 0.2, inst.y - inst.size * 0.1,
                                    inst.x + k * inst.size * 0.45 + inst.size * 0.2, inst.y + inst.size * 0.1),
                                   180, 360, fill=self.pen.colour((255, 255, 255, 200)),
                                   width=max(2, int(inst.size * 0.03)))
        if inst.look.flying and inst.concept not in FLIERS + ("fish", "rocket"):
            for k in (-1, 1):                                  # little wings for a flying cat or child
                f.ell(k * 0.3, 0.62, 0.24, 0.1, (255, 255, 255), rot=-k * 28)
                f.ell(k * 0.36, 0.6, 0.15, 0.05, (230, 236, 255), rot=-k * 28, line=False)
        fn(f, inst.look)
        wear(f, inst.concept, inst.look)
        for item in inst.items:                     # what stands on the table
            self.figure(item)

    # ---- sky --------------------------------------------------------------------------------------------------------
    def sky_image(self, light) -> Image.Image:
        """The whole canvas, filled with the sky (or deep space, or sea water) to start from."""
        plan, W, H = self.plan, self.W, self.H
        if self.setting == "space":
            return sky.gradient((W, H), [(0.0, (6, 6, 24)), (0.6, (22, 18, 58)), (1.0, (44, 30, 84))])
        if self.indoors:
            return indoors.wall_image(self.setting, (W, H), light)
        if self.setting == "underwater":
            top = (96, 200, 236) if self.time != "night" else (20, 50, 100)
            bottom = (22, 84, 166) if self.time != "night" else (6, 20, 50)
            return sky.gradient((W, H), [(0.0, light.paint(top, ambient=False)),
                                         (1.0, light.paint(bottom, ambient=False))])
        tint = None
        if "sky" in plan.part_colours:
            tint = COLOURS[plan.part_colours["sky"]]
        elif self.free_colours:
            tint = mix(COLOURS[self.free_colours[0]], (255, 255, 255), 0.55)
        stops = sky.sky_stops(self.time, self.weather, tint, light)
        if "light:dark" in plan.banned and self.time in ("night", "sunset"):
            stops = [(p, mix(c, (120, 140, 200), 0.45)) for p, c in stops]      # "not dark": a lighter sky
        stops = [(p * self.horizon / H, c) for p, c in stops] + [(1.0, stops[-1][1])]
        return sky.gradient((W, H), stops)

    def paint_sky(self, only_sky: bool):
        """The sky, back to front: space's glow (or the sea's light rays), night stars, the sky things the prompt
        names, the time of day's own sun or moon, then clouds (kept clear of the sun and moon)."""
        self.lights: list[float] = []          # x of the sun / moon, for clouds to keep clear of
        self.paint_space()
        if self.setting == "underwater" or self.indoors:
            return
        if self.night and self.setting != "space" and self.plan.allows("star") and not self.overcast:
            sky.stars(self.pen, self.rng, (0, 0, self.W, self.horizon * 0.85),
                      int(70 * self.W * self.H / (self.u * self.u)), big=4)
        for subj in self.plan.subjects:
            if subj.concept in sky_things():
                self.paint_sky_thing(subj, only_sky)
        self.paint_own_light()
        if self.plan.allows("cloud") and self.setting != "space":
            self.paint_clouds(only_sky)

    @property
    def night(self) -> bool:
        return self.time == "night"

    @property
    def overcast(self) -> bool:
        return any(w in self.weather for w in ("rain", "storm", "snow", "fog"))

    def paint_space(self):
        plan, pen, rng, W, H, u = self.plan, self.pen, self.rng, self.W, self.H, self.u
        hz = self.horizon
        if self.setting == "space":
            for _ in range(4):
                x, y, r = rng.uniform(0, W), rng.uniform(0, hz), u * rng.uniform(0.12, 0.25)
                pen.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6),
                            rng.choice(((120, 60, 160, 40), (60, 90, 180, 40), (180, 70, 130, 35))), glow=True)
            if plan.allows("star"):
                sky.stars(pen, rng, (0, 0, W, hz), int(160 * W * H / (u * u)), big=8)
            if plan.allows("planet") and not plan.has("planet"):
                sky.planet(pen, W * rng.choice((0.18, 0.8)), H * 0.2, u * 0.07, (240, 170, 90), rng)
        elif self.setting == "underwater":
            land.light_rays(pen, rng)

    def paint_sky_thing(self, subj, big: bool):
        """A sun, moon, star, planet or rainbow the prompt names: big when the sky is the whole picture."""
        plan, pen, rng, W, H, u = self.plan, self.pen, self.rng, self.W, self.H, self.u
        colour, _ = self.colour_for(subj.concept, subj)
        n = subj.count
        for i in range(n):
            x = W * ((i + 0.5) / n + rng.uniform(-0.06, 0.06) / n) if n > 1 else W * rng.uniform(0.38, 0.62)
            if subj.concept in ("sun", "moon") and not big and n == 1:
                x = W * rng.choice((rng.uniform(0.15, 0.28), rng.uniform(0.72, 0.85)))
            if subj.concept in ("sun", "moon"):
                self.lights.append(x)
            y = H * (0.3 + rng.uniform(-0.04, 0.04)) if big else H * rng.uniform(0.12, 0.24)
            scale = subj.size * (1.0 if n == 1 else 1 / (1 + 0.35 * (n - 1)))
            if subj.concept == "sun":
                sky.sun(pen, x, y, u * (0.17 if big else 0.08) * scale, main=big, mood=plan.mood,
                        colour=colour, rng=rng, low=self.time == "sunset")
            elif subj.concept == "moon":
                sky.moon(pen, x, y, u * (0.17 if big else 0.07) * scale, main=big, mood=plan.mood,
                         colour=colour, full=rng.random() < 0.35)
            elif subj.concept == "star":
                sky.star(pen, x, y + (rng.uniform(-0.06, 0.06) * H if n > 1 else 0),
                         u * (0.16 if big else 0.05) * scale, main=big or n <= 3, mood=plan.mood,
                         colour=colour, rng=rng)
            elif subj.concept == "planet":
                sky.planet(pen, x, y, u * (0.16 if big else 0.08) * scale,
                           colour or rng.choice(((240, 170, 90), (120, 170, 240), (220, 120, 170))), rng)
            elif subj.concept == "rainbow":
                r = min(W * 0.46, self.horizon * 0.95) * (1.0 if big else 0.85) * min(1.0, subj.size)
                sky.rainbow(pen, W * rng.uniform(0.42, 0.58), self.horizon + u * 0.01, r, r * 0.07)

    def paint_own_light(self):
        """The time of day's own sun or moon, when the prompt names neither."""
        plan, pen, rng, W, H, u = self.plan, self.pen, self.rng, self.W, self.H, self.u
        if plan.has("sun") or plan.has("moon") or self.setting == "space":
            return
        side = rng.choice((rng.uniform(0.12, 0.28), rng.uniform(0.72, 0.88)))
        self.lights.append(W * side)
        if self.time in ("day", "morning") and not self.overcast and plan.allows("sun"):
            y = H * rng.uniform(0.1, 0.18) if self.time == "day" else self.horizon - H * 0.14
            sky.sun(pen, W * side, y, u * 0.075, rng=rng, low=self.time == "morning",
                    colour=(255, 196, 96) if self.time == "morning" else None)
        elif self.time == "sunset" and plan.allows("sun") and "storm" not in self.weather:
            sky.sun(pen, W * rng.uniform(0.3, 0.7), self.horizon - u * 0.03, u * 0.13, low=True, rng=rng)
        elif self.night and plan.allows("moon") and "storm" not in self.weather:
            sky.moon(pen, W * side, H * rng.uniform(0.1, 0.18), u * 0.065, full=rng.random() < 0.4)

    def cloud_look(self) -> tuple:
        """(colour, how many, scale) of the clouds, by the weather, else the time of day."""
        rng = self.rng
        if "storm" in self.weather:
            return (92, 96, 114), 5, 1.4
        if "rain" in self.weather:
            return (170, 176, 192), 4, 1.3
        if "snow" in self.weather:
            return (226, 230, 240), 3, 1.1
        if self.time == "sunset":
            return (255, 214, 214), rng.randint(2, 3), 1.0
        if self.night:
            return (120, 130, 170), rng.randint(0, 2), 0.9
        return (255, 255, 255), rng.randint(2, 3), 1.0

    def paint_clouds(self, only_sky: bool):
        plan, pen, rng, W, H, u = self.plan, self.pen, self.rng, self.W, self.H, self.u
        named_clouds = next((s for s in plan.subjects if s.concept == "cloud"), None)
        col, n, scale = self.cloud_look()
        if named_clouds is not None:
            colour, _ = self.colour_for("cloud", named_clouds)
            col = colour or col
            n = named_clouds.count
        question = not plan.understood and "text" not in plan.banned and not plan.subjects
        for i in range(n):
            main = named_clouds is not None and only_sky
            s = u * (0.2 if main else 0.11) * scale * rng.uniform(0.85, 1.15)
            if main and n > 1:
                s *= 1 / (1 + 0.3 * (n - 1))
            x = W * (i + 0.5) / n + rng.uniform(-0.08, 0.08) * W / n
            y = (H * rng.uniform(0.35, 0.5)) if main else H * rng.uniform(0.12, 0.3) + s * 0.5
            if question:
                x = W * (rng.uniform(0.4, 0.6) if i == 0 else (0.1 if i % 2 else 0.9))
                if i == 0:
                    s, y = u * 0.2, H * 0.36
            if not main and not question and any(abs(x - lx) < W * 0.16 for lx in self.lights):
                x = (x + W * 0.4) % W
            sky.cloud(pen, x, y, s, col, rng, main=main, mood=plan.mood, question=question and i == 0)

    # ---- far land -----------------------------------------------------------------------------------------------------
    def paint_far(self, only_land: bool):
        plan, pen, rng, W, H = self.plan, self.pen, self.rng, self.W, self.H
        hz = self.horizon
        if self.setting in ("space", "underwater") or self.indoors:
            return
        if self.setting == "street":
            land.skyline(pen, rng, hz + 2, 0.24, self.lit)
            if plan.has("neon"):                      # Mong Kok: signs hung out over the street, glowing
                for k in range(int(9 * W / self.u)):
                    x = W * (k + rng.uniform(0.2, 0.8)) / int(9 * W / self.u)
                    y = hz - H * rng.uniform(0.04, 0.2)
                    w, h = self.u * rng.uniform(0.06, 0.1), self.u * rng.uniform(0.1, 0.18)
                    pen.rect((x - w / 2, y - h, x + w / 2, y), (30, 30, 40))
                    pen.rect((x - w / 2 + 3, y - h + 3, x + w / 2 - 3, y - 3),
                             rng.choice(((255, 60, 120), (60, 220, 255), (255, 200, 40), (120, 255, 120))),
                             glow=True)
            return
        mountains = next((s for s in plan.subjects if s.concept == "mountain"), None)
        snowy = self.setting == "snowland" or "snow" in self.weather
        if mountains is not None:
            colour, _ = self.colour_for("mountain", mountains)
            height = (0.42 if only_land else 0.3) * min(1.25, mountains.size)
            land.mountains(pen, rng, hz, max(1, mountains.count), height, snowy or rng.random() < 0.6, colour,
                           big=only_land)
        elif self.setting == "snowland" and plan.allows("mountain"):
            land.mountains(pen, rng, hz, 3, 0.2, True, (150, 170, 205))
        elif self.setting == "desert":
            for _ in range(2):
                x, w, h = W * rng.uniform(0.1, 0.9), W * rng.uniform(0.12, 0.2), H * rng.uniform(0.06, 0.1)
                pen.polygon([(x - w, hz + 2), (x - w * 0.7, hz - h), (x + w * 0.7, hz - h), (x + w, hz + 2)],
                            (214, 150, 100))
        city = self.setting == "city" or plan.has("city")
        if city and plan.allows("city"):
            subj = next((s for s in plan.subjects if s.concept == "city"), None)
            colour, _ = self.colour_for("city", subj) if subj else (None, None)
            height = 0.2 if self.setting == "city" else 0.14
            if only_land and subj is not None:
                height = 0.26
            land.skyline(pen, rng, hz + 2, height * (subj.size if subj else 1.0), self.lit, colour)

    # ---- ground -----------------------------------------------------------------------------------------------------
    def paint_ground(self):
        """The ground of the setting; it sets where things stand, and the water things float on (if any)."""
        self.water: tuple[float, float] | None = None
        self.river_line = None
        if self.indoors:
            indoors.floor(self.pen, self.setting, self.horizon, self.W, self.H)
            self.stand = (self.horizon + (self.H - self.horizon) * 0.12, self.H * 0.97)
            self.grass = indoors.FLOORS[self.setting]
            return
        grounds = {"street": self.ground_street, "space": self.ground_space, "underwater": self.ground_underwater,
                   "city": self.ground_city, "beach": self.ground_shore, "seaside": self.ground_shore}
        grounds.get(self.setting, self.ground_land)()

    def sea_colour(self) -> RGB | None:
        sea_subj = next((x for x in self.plan.subjects if x.concept == "sea"), None)
        return self.colour_for("sea", sea_subj)[0] if sea_subj else None

    def ground_street(self):
        H = self.H
        road_end = indoors.street(self.pen, self.horizon, self.W, H)
        self.stand = (road_end + (H - road_end) * 0.1, H * 0.97)
        self.grass = land.PAVEMENT

    def ground_space(self):
        land.moon_ground(self.pen, self.rng, self.horizon)
        self.stand = (self.horizon + (self.H - self.horizon) * 0.2, self.H * 0.97)

    def ground_underwater(self):
        plan, pen, rng, W, H, u, hz = self.plan, self.pen, self.rng, self.W, self.H, self.u, self.horizon
        land.seabed(pen, rng, hz)
        for _ in range(6):
            x = rng.uniform(0, W)
            if rng.random() < 0.6 and plan.allows("seaweed"):
                land.seaweed(pen, rng, x, hz + (H - hz) * rng.uniform(0.1, 0.6), u * rng.uniform(0.15, 0.3))
            else:
                land.coral(pen, rng, x, hz + (H - hz) * rng.uniform(0.2, 0.7), u * rng.uniform(0.08, 0.14))
        land.bubbles(pen, rng, 14, (0, 0, W, hz))
        self.stand = (hz + (H - hz) * 0.3, H * 0.97)

    def ground_city(self):
        hz, H = self.horizon, self.H
        harbour_end = hz + H * 0.09
        if self.plan.allows("sea"):
            land.harbour_front(self.pen, self.rng, hz, harbour_end, self.lit)
            self.water = (hz, harbour_end)
        land.promenade(self.pen, harbour_end)
        self.stand = (harbour_end + (H - harbour_end) * 0.15, H * 0.97)
        self.grass = land.PAVEMENT

    def ground_shore(self):
        """A beach (mostly sand) or the seaside (mostly sea); the sea takes the sunset's or the moon's glow."""
        pen, rng, W, H, u, hz, s = self.pen, self.rng, self.W, self.H, self.u, self.horizon, self.setting
        glow = {"sunset": (255, 170, 90), "night": (255, 240, 190)}.get(self.time)
        sea_end = hz + (H - hz) * (0.35 if s == "beach" else 0.55)
        if self.plan.allows("sea"):
            land.sea(pen, rng, hz, sea_end, W * rng.uniform(0.3, 0.7) if glow else None, glow, self.sea_colour())
            self.water = (hz, sea_end)
        else:
            sea_end = hz
        land.ground(pen, sea_end, land.SAND)
        pen.polygon([(0, sea_end)] + [(W * i / 10, sea_end + u * 0.012 * (1 + (i % 2))) for i in range(11)]
                    + [(W, sea_end)], (255, 255, 255, 170))
        self.stand = (sea_end + (H - sea_end) * 0.2, H * 0.97)
        self.grass = land.SAND

    def ground_land(self):
        """Grass, desert or snow, with hills, a sea or lake at the back, a path, a playground or a river."""
        plan, pen, rng, W, H, s = self.plan, self.pen, self.rng, self.W, self.H, self.setting
        grass = COLOURS[plan.part_colours["grass"]] if "grass" in plan.part_colours else land.GRASS
        colour = {"desert": land.DESERT, "snowland": land.SNOW, "forest": darker(grass, 0.85)}.get(s, grass)
        if "snow" in self.weather and s != "desert":
            colour = land.SNOW
        self.grass = colour
        if s not in ("desert", "snowland") and not plan.has("mountain"):
            land.hills(pen, rng, self.horizon, colour if colour != land.SNOW else (220, 230, 245))
        hz = self.paint_back_water()
        land.ground(pen, hz, colour)
        if s == "desert":
            land.dunes(pen, rng, hz)
        elif colour == land.SNOW:
            for _ in range(4):
                cx, cy = rng.uniform(0, W), rng.uniform(hz + (H - hz) * 0.2, H)
                rx = W * rng.uniform(0.15, 0.3)
                pen.ellipse((cx - rx, cy - rx * 0.08, cx + rx, cy + rx * 0.08), (214, 226, 244))
        else:
            land.grass_tufts(pen, rng, hz, int(26 * W / self.u), colour)
        if s == "park":
            self.path(hz)
        if s == "school":
            self.playground(hz)
        if plan.has("river") or (plan.has("bridge") and self.water is None):
            subj = next((x for x in plan.subjects if x.concept == "river"), None)
            self.river_line = land.river(pen, rng, hz, self.colour_for("river", subj)[0] if subj else None)
        self.stand = (hz + (H - hz) * 0.18, H * 0.97)

    def paint_back_water(self) -> float:
        """A sea or a lake between the horizon and the land, when the prompt asks for one; where the land starts."""
        plan, pen, rng, H, hz = self.plan, self.pen, self.rng, self.H, self.horizon
        if any(x.concept == "sea" for x in plan.subjects) and plan.allows("sea"):
            sea_end = hz + (H - hz) * 0.25
            land.sea(pen, rng, hz, sea_end, None, None, self.sea_colour())
            self.water = (hz, sea_end)
            return sea_end
        if plan.has("lake") or ((plan.has("boat") or (plan.has("fish") and self.setting != "underwater"))
                                and not plan.has("river")):
            lake_end = hz + (H - hz) * 0.28
            lake = next((x for x in plan.subjects if x.concept == "lake"), None)
            land.sea(pen, rng, hz, lake_end, None, None,
                     self.colour_for("lake", lake)[0] if lake else self.sea_colour())
            self.water = (hz, lake_end)
            return lake_end
        return hz

    def playground(self, hz):
        pen, W, H, u = self.pen, self.W, self.H, self.u
        y0 = hz + (H - hz) * 0.35
        pen.polygon([(W * 0.05, y0), (W * 0.95, y0), (W * 1.1, H), (-W * 0.1, H)], (200, 110, 90))
        for k in range(1, 4):
            yy = y0 + (H - y0) * k / 4
            pen.line([(0, yy), (W, yy)], (250, 250, 250), max(2, u * 0.005))

    def path(self, hz):
        pen, W, H = self.pen, self.W, self.H
        x = W * self.rng.uniform(0.3, 0.7)
        pen.polygon([(x - W * 0.02, hz), (x + W * 0.02, hz), (x + W * 0.3, H), (x - W * 0.3, H)], (230, 210, 170))

    # ---- layout --------------------------------------------------------------------------------------------------------
    def layout(self) -> list[Inst]:
        """Where each thing stands, in order (the seed's draws follow this order): what is drawn and in which role,
        a table for food, the front and back rows, things on the water, food on its table, lanterns on a string,
        then the fliers in the sky."""
        insts = self.instances()
        self.set_table(insts)
        ground = self.place_rows(insts)
        boats = self.place_on_water(insts, ground)
        self.place_on_tables(ground)
        self.place_hanging([i for i in insts if i.role == "hang"])
        self.place_fliers([i for i in insts if i.role == "flier"], ground, boats)
        return insts

    def role_of(self, c: str, subj) -> str:
        if c in TABLE_THINGS:
            return "table"
        if c in HANGING:
            return "hang"
        if c in FLIERS or subj.flying:
            return "flier"
        if c == "fish":
            return "flier" if self.setting == "underwater" else "swimmer"
        if c in ("boat", "ferry"):
            return "boat"
        if c == "rocket":
            return "flier" if self.setting == "space" else "ground"
        return "back" if c in BACK_THINGS else "ground"

    def instances(self) -> list[Inst]:
        plan, u = self.plan, self.u
        insts: list[Inst] = []
        for subj in plan.subjects:
            c = subj.concept
            if c in sky_things() or c in land_things():
                continue
            if c == "neon" or (c == "candle" and plan.has("cake")):
                continue                              # the street's signs, the cake's own candles
            for _ in range(subj.count):
                look = self.look(c, subj)
                role = self.role_of(c, subj)
                base = BASE_SIZE.get(c, 0.4) * subj.size
                inst = Inst(c, look, u * base, role, holding=subj.holding if role == "ground" else None)
                if c == "bird" and role == "flier":
                    look.flying = True
                insts.append(inst)
        return insts

    def set_table(self, insts: list[Inst]):
        on_table = [i for i in insts if i.role == "table"]
        if on_table:                                  # food and small things stand on a table in the front row
            table = next((i for i in insts if i.concept == "table"), None)
            if table is None:
                table = Inst("table", self.look("table", None), self.u * BASE_SIZE["table"], "ground")
                insts.append(table)
            table.items = on_table

    def place_rows(self, insts: list[Inst]) -> list[Inst]:
        """The front row, and the back row behind it (which comes forward when the front is empty)."""
        ground = [i for i in insts if i.role == "ground"]
        back = [i for i in insts if i.role == "back"]
        if not ground and back:
            for i in back:
                i.role = "ground"
            ground, back = back, []
        stand_top, stand_bottom = self.stand
        band = stand_bottom - stand_top
        self.row(ground, stand_top + band * 0.62, band * 0.14, 1.0)
        if back:
            self.row(back, self.stand[0] + band * 0.02, band * 0.04, 0.75 if ground else 1.0)
        return ground

    def place_on_water(self, insts: list[Inst], ground: list[Inst]) -> list[Inst]:
        boats = [i for i in insts if i.role == "boat"]
        swimmers = [i for i in insts if i.role == "swimmer"]
        H, u = self.H, self.u
        water = self.water
        if water is None and self.river_line is not None:
            _x, y, hw = self.river_line[16]
            water = (y - hw * 0.2, y + hw * 0.2)
        if water is None:
            water = (self.horizon, self.horizon + H * 0.1)
        for group, depth in ((boats, 0.55), (swimmers, 0.35)):
            if not group:
                continue
            scale = 1.0 if not ground else 0.7
            wy = water[0] + (water[1] - water[0]) * depth
            if self.setting == "city":
                scale *= 0.55
            for i in group:
                i.size *= scale * (0.8 if group is swimmers else 1.0)
            self.row(group, wy + u * 0.01, (water[1] - water[0]) * 0.05, 1.0, keep_top=False)
        return boats

    def place_on_tables(self, ground: list[Inst]):
        for table in (i for i in ground if i.items):
            n = len(table.items)
            width = table.size * FIGURE_TABLE["table"][1] * 0.9
            alone = len(ground) == 1
            if alone:                                 # a table of food on its own: the food is the picture
                table.size = min(table.size * 1.8, (table.y - self.H * 0.3))
                width = table.size * FIGURE_TABLE["table"][1] * 0.9
            for k, item in enumerate(table.items):
                item.size = min(table.size * 0.75, width / n / FIGURE_TABLE[item.concept][1] * 0.85)
                item.x = table.x - width / 2 + width * (k + 0.5) / n
                item.y = table.y - table.size * 0.66

    def place_hanging(self, hanging: list[Inst]):
        W, H = self.W, self.H
        for k, lantern in enumerate(hanging):         # lanterns on a string across the top
            few = len(hanging) <= 4                   # a few keep clear of the sun or moon, in the middle
            lantern.x = W * (0.3 + 0.4 * (k + 0.5) / len(hanging)) if few else W * (k + 0.5) / len(hanging)
            lantern.size = self.u * min(0.16, 0.5 / max(3, len(hanging)))
            lantern.y = H * 0.07 + H * 0.05 * (1 - ((lantern.x - W / 2) / (W / 2)) ** 2) + lantern.size
            lantern.flip = 1

    def place_fliers(self, fliers: list[Inst], ground: list[Inst], boats: list[Inst]):
        """Fliers fill the sky; a kite or balloon somebody holds hangs from their hand."""
        if not fliers:
            return
        rng, W, H = self.rng, self.W, self.H
        alone = not ground and not boats
        n = len(fliers)
        scale = (1.0 if alone else 0.55) / (1 + 0.25 * (n - 1))
        for i in fliers:
            boost = 1.25 if alone and i.concept != "dragon" else (1.45 if i.concept == "dragon" and not alone else 1.0)
            i.size *= scale * boost
        widths = [i.size * FIGURE_TABLE[i.concept][1] for i in fliers]
        total = sum(widths) * 1.15
        if total > W * 0.94:
            k = W * 0.94 / total
            for i in fliers:
                i.size *= k
        top_limit = H * 0.05
        low_limit = self.horizon - H * 0.02 if not alone else min(H * 0.9, self.horizon + H * 0.15)
        xs = self.spread([i.size * FIGURE_TABLE[i.concept][1] for i in fliers])
        held = {c: [i for i in fliers if i.concept == c] for c in HELD}
        for i, x in zip(fliers, xs):
            i.x = x
            lo = top_limit + i.size
            hi = max(lo, low_limit)
            if alone and n == 1:
                i.size = min(i.size, (H * 0.9) / 1.1)
                lo = top_limit + i.size
                i.y = max(lo, min(hi, H * (0.42 if i.concept in FLIERS else 0.3) + i.size * 0.5))
            else:
                i.y = rng.uniform(lo, hi) if hi > lo else lo
                if not alone:
                    i.y = min(i.y, self.horizon - H * 0.03)
            i.flip = rng.choice((1, -1)) if i.concept != "dragon" else (1 if x < W / 2 else -1)
            self.tie_string(i, ground, held, alone)

    def tie_string(self, i: Inst, ground: list[Inst], held: dict[str, list[Inst]], alone: bool):
        W, H = self.W, self.H
        holder = self.holder_for(i, ground, held)
        if holder is not None:
            holder.look.holding = True
            hx, hy = HAND.get(holder.concept, (0.24, 0.42))
            hand = (holder.x + holder.flip * holder.size * hx, holder.y - holder.size * hy)
            i.tether = hand
            i.look.variant = "tethered"
            if i.concept == "balloon":
                balloons = [b for b in held["balloon"] if self.holder_for(b, ground, held) is holder]
                j = balloons.index(i)
                i.size = holder.size * 0.75
                i.x = hand[0] + (j - (len(balloons) - 1) / 2) * i.size * 0.42
                i.y = hand[1] - holder.size * 0.25 - (j % 2) * i.size * 0.15
            elif not alone:                              # a kite flies up on its holder's side
                side = 1 if holder.x < W / 2 else -1
                i.x = min(W * 0.9, max(W * 0.1, hand[0] + side * W * self.rng.uniform(0.08, 0.2)))
        elif i.concept == "kite":
            i.tether = (i.x + W * 0.25 * (1 if i.x < W / 2 else -1), H * 1.02)
            i.look.variant = "tethered"

    @staticmethod
    def holder_for(flier: Inst, ground: list[Inst], held: dict[str, list[Inst]]) -> Inst | None:
        """Who holds this kite's or balloon's string: the one the prompt said ("a panda flying a kite"),
        else a child on the ground. Several kites go round several holders."""
        if flier.concept not in held:
            return None
        named = [g for g in ground if g.holding == flier.concept]
        holders = named or [g for g in ground if g.concept in ("child", "girl", "boy") + PEOPLE]
        if not holders:
            return None
        return holders[held[flier.concept].index(flier) % len(holders)]

    def row(self, items: list[Inst], feet: float, jitter: float, scale: float, keep_top: bool = True):
        if not items:
            return
        rng, W, H = self.rng, self.W, self.H
        n = len(items)
        crowd = 1 / (1 + 0.3 * (n - 1))
        for i in items:
            i.size *= crowd * scale
        widths = [i.size * FIGURE_TABLE[i.concept][1] for i in items]
        total = sum(widths) * 1.12
        if total > W * 0.94:
            k = W * 0.94 / total
            for i in items:
                i.size *= k
        xs = self.spread([i.size * FIGURE_TABLE[i.concept][1] for i in items])
        for idx, (i, x) in enumerate(zip(items, xs)):
            i.x = x
            i.y = feet + rng.uniform(-jitter, jitter) + (jitter * 0.8 if idx % 2 else 0)
            i.y = min(i.y, H * 0.985)
            if keep_top and i.y - i.size < H * 0.04:
                i.size = i.y - H * 0.04
            if n == 1:
                i.flip = rng.choice((1, -1))
            else:
                i.flip = 1 if x < W / 2 else -1

    def spread(self, widths: list[float]) -> list[float]:
        rng, W = self.rng, self.W
        gap = W * 0.03
        total = sum(widths) + gap * (len(widths) - 1)
        slack = max(0.0, W * 0.96 - total)
        start = (W - total) / 2 + rng.uniform(-0.5, 0.5) * slack * 0.6
        xs, x = [], start
        for w in widths:
            jitter = rng.uniform(-0.25, 0.25) * min(gap, slack / max(1, len(widths)))
            xs.append(x + w / 2 + jitter)
            x += w + gap
        return xs

    # ---- decorations ---------------------------------------------------------------------------------------------------
    def deco(self, fn, x, y, s, look=None, flip=1):
        fn(Fig(self.pen, x, y, s, flip), look or Look(rng=random.Random(self.rng.random()), lit=self.lit,
                                                      weather=tuple(self.weather), main=False))

    def paint_back_decor(self, insts):
        """The setting's own furniture behind everyone (trees, lamps, a fence ...), then a bridge the prompt names."""
        pen, W, u = self.pen, self.W, self.u
        if self.indoors:
            indoors.furnish(pen, self.setting, self.horizon, W, self.H, self.time, self.weather, self.rng)
        elif self.setting == "street":
            for x in (W * 0.06, W * 0.94):
                self.deco(things.lamp, x, self.stand[0], u * 0.3)
        decor = {"forest": self.decor_forest, "snowland": self.decor_snowland, "beach": self.decor_beach,
                 "desert": self.decor_desert, "garden": self.decor_garden, "school": self.decor_school,
                 "park": self.decor_park, "city": self.decor_city, "meadow": self.decor_meadow}.get(self.setting)
        if decor is not None:
            decor(len(insts), self.plan.allows("tree"))
        if self.plan.has("bridge"):
            self.paint_bridge(insts)

    def decor_forest(self, busy: int, trees: bool):
        rng, W, H, u, hz = self.rng, self.W, self.H, self.u, self.horizon
        if not trees:
            return
        n = int(9 * W / u)
        for i in range(n):
            x = W * (i + rng.uniform(0.1, 0.9)) / n
            fn = things.pine if rng.random() < 0.5 else things.tree
            col = mix((60, 140, 80), (90, 150, 170), 0.3)
            self.deco(fn, x, hz + u * 0.01, u * rng.uniform(0.2, 0.3),
                      Look(colour=col, rng=random.Random(rng.random()), weather=tuple(self.weather)))
        for x in (W * rng.uniform(0.0, 0.08), W * rng.uniform(0.92, 1.0)):
            self.deco(things.tree, x, H * 0.99, u * 0.7)

    def decor_snowland(self, busy: int, trees: bool):
        plan, rng, W, H, u, hz = self.plan, self.rng, self.W, self.H, self.u, self.horizon
        if not trees:
            return
        for _ in range(int(5 * W / u)):
            self.deco(things.pine, rng.uniform(0, W), hz + u * 0.02, u * rng.uniform(0.12, 0.22),
                      Look(rng=random.Random(rng.random()), variant="snowy", weather=("snow",)))
        if plan.allows("snowman") and not plan.has("snowman") and busy < 3:
            self.deco(FIGURES["snowman"][0], W * rng.choice((0.12, 0.88)), hz + (H - hz) * 0.45, u * 0.22,
                      Look(mood=plan.mood, rng=random.Random(rng.random())))

    def decor_beach(self, busy: int, trees: bool):
        if trees:
            side = self.rng.choice((0.08, 0.92))
            self.deco(things.palm, self.W * side, self.stand[0] + (self.H - self.stand[0]) * 0.3, self.u * 0.55,
                      flip=1 if side < 0.5 else -1)

    def decor_desert(self, busy: int, trees: bool):
        rng, W, H, u, hz = self.rng, self.W, self.H, self.u, self.horizon
        for _ in range(3 if busy < 3 else 2):
            x = rng.choice((rng.uniform(0.03, 0.2), rng.uniform(0.8, 0.97))) * W
            self.deco(things.cactus, x, hz + (H - hz) * rng.uniform(0.1, 0.5), u * rng.uniform(0.12, 0.25))

    def decor_garden(self, busy: int, trees: bool):
        W, u = self.W, self.u
        fence_y = self.horizon + u * 0.02
        self.deco(lambda f, lk: things.fence(f, lk, W / (u * 0.12)), 0, fence_y, u * 0.12)
        for x in (W * 0.1, W * 0.9):
            self.deco(things.bush, x, fence_y + u * 0.05, u * 0.14)

    def decor_school(self, busy: int, trees: bool):
        self.deco(things.school, self.W * self.rng.uniform(0.35, 0.65), self.horizon + self.u * 0.01, self.u * 0.3)

    def decor_park(self, busy: int, trees: bool):
        rng, W, H, u, hz = self.rng, self.W, self.H, self.u, self.horizon
        if trees:
            for x in (W * rng.uniform(0.05, 0.15), W * rng.uniform(0.85, 0.95)):
                self.deco(things.tree, x, hz + (H - hz) * 0.25, u * 0.4)
        self.deco(things.bench, W * rng.choice((0.25, 0.75)), hz + (H - hz) * 0.2, u * 0.1)
        self.deco(things.lamp, W * rng.choice((0.32, 0.68)), hz + (H - hz) * 0.25, u * 0.22)

    def decor_city(self, busy: int, trees: bool):
        for x in (self.W * 0.08, self.W * 0.92):
            self.deco(things.lamp, x, self.stand[0], self.u * 0.28)

    def decor_meadow(self, busy: int, trees: bool):
        rng, W, H, u, hz = self.rng, self.W, self.H, self.u, self.horizon
        if trees and busy < 4 and rng.random() < 0.75:
            x = W * rng.choice((rng.uniform(0.04, 0.14), rng.uniform(0.86, 0.96)))
            self.deco(things.tree, x, hz + (H - hz) * 0.2, u * rng.uniform(0.35, 0.45))

    def paint_bridge(self, insts):
        """Across the water (a suspension bridge), or over the river (an arch)."""
        plan, pen, W, u = self.plan, self.pen, self.W, self.u
        if self.water is not None and self.setting != "underwater":
            y = self.water[0] + (self.water[1] - self.water[0]) * 0.3
            span = u * (0.14 if len(insts) else 0.22)
            land.suspension_bridge(pen, y, -W * 0.05, W * 1.05, span)
        elif self.river_line is not None:
            x, y, hw = self.river_line[13]
            subj = next(x for x in plan.subjects if x.concept == "bridge")
            big = not [i for i in insts if i.role == "ground"]
            if big:
                x, y, hw = self.river_line[17]
            half = max(hw * 1.3, W * (0.3 if big else 0.16)) * subj.size
            land.arch_bridge(pen, x, y, half, self.colour_for("bridge", subj)[0])

    def paint_front_decor(self, insts):
        plan, rng, W, H, u = self.plan, self.rng, self.W, self.H, self.u
        s = self.setting
        y0 = self.stand[0]
        if s in ("meadow", "garden", "park") and plan.allows("flower"):
            n = {"garden": 9, "meadow": 6, "park": 4}[s]
            if not plan.understood:
                n += 4
            for _ in range(max(2, n - len(insts))):
                x = rng.uniform(0.02, 0.98) * W
                y = rng.uniform(y0, H)
                self.deco(things.flower, x, y, u * 0.06 * (0.6 + (y - y0) / max(1, H - y0)),
                          self.look("flower", None, main=False))
        elif s == "forest" and plan.allows("mushroom"):
            for _ in range(3):
                y = rng.uniform(y0 + (H - y0) * 0.3, H)
                self.deco(things.mushroom, rng.uniform(0.05, 0.95) * W, y, u * 0.05)
        elif s in ("beach", "seaside"):
            for _ in range(3):
                x, y = rng.uniform(0.05, 0.95) * W, rng.uniform(y0 + (H - y0) * 0.3, H * 0.96)
                r = u * 0.02
                self.pen.polygon(star_points(x, y, r, r * 0.45, 5, rng.uniform(0, 60)), (255, 140, 110),
                                 outline=r * 2)

    # ---- weather --------------------------------------------------------------------------------------------------------
    def paint_weather(self):
        pen, rng, W, H = self.pen, self.rng, self.W, self.H
        if "storm" in self.weather:
            for _ in range(rng.randint(1, 2)):
                weather.lightning(pen, rng, W * rng.uniform(0.15, 0.85), H * 0.12, self.horizon * 0.95)
            weather.rain(pen, rng, heavy=True)
        elif "rain" in self.weather:
            weather.puddles(pen, rng, self.stand[0])
            weather.rain(pen, rng)
        if "snow" in self.weather:
            weather.snow(pen, rng)
        if "wind" in self.weather:
            weather.wind(pen, rng)


def sky_things() -> tuple[str, ...]:
    return SKY_THINGS


def land_things() -> tuple[str, ...]:
    return LAND_THINGS

