"""One plain English sentence saying what the offline engine drew."""

from __future__ import annotations

from .reading import Plan, Subject
from .scene import Drawn
from .vocab import HOLDERS, NAMES

NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}
SETTING_PHRASE = {"forest": "in a forest", "beach": "on a beach", "seaside": "by the sea",
                  "space": "in outer space", "underwater": "under the sea", "garden": "in a garden",
                  "school": "at a school", "park": "in a park", "desert": "in a desert",
                  "snowland": "in a snowy land", "city": "in a Hong Kong harbour city", "meadow": "in a meadow",
                  "street": "in a Hong Kong street", "kitchen": "in a kitchen", "bedroom": "in a bedroom",
                  "living_room": "in a living room", "classroom": "in a classroom", "stage": "on a stage",
                  "station": "in an MTR station", "restaurant": "in a cha chaan teng"}
SETTING_ALONE = {"forest": "a forest", "beach": "a beach with palm trees", "seaside": "the seaside",
                 "space": "outer space with stars and a planet", "underwater": "the sea floor with seaweed and bubbles",
                 "garden": "a garden with flowers", "school": "a school and its playground",
                 "park": "a park with trees and a bench", "desert": "a desert with cacti",
                 "snowland": "a snowy land with pine trees", "city": "a Hong Kong harbour city",
                 "meadow": "a green meadow with flowers", "street": "a Hong Kong street with tall buildings",
                 "kitchen": "a kitchen with a stove", "bedroom": "a bedroom with a bed",
                 "living_room": "a living room with a sofa", "classroom": "a classroom with a blackboard",
                 "stage": "a stage with red curtains", "station": "an MTR station platform",
                 "restaurant": "a cha chaan teng with its menu board"}
TIME_PHRASE = {"morning": "in the morning", "day": "in the daytime", "sunset": "at sunset", "night": "at night"}
WEATHER_PHRASE = {"sunny": "on a sunny day", "rain": "in the rain", "snow": "in the snow",
                  "storm": "in a thunderstorm", "fog": "in the fog", "wind": "on a windy day"}
MOOD_WORD = {"happy": "happy", "sad": "sad", "scary": "spooky", "calm": "calm", "exciting": "exciting",
             "angry": "angry"}
STYLE_PHRASE = {"watercolour": "in watercolour", "sketch": "as a pencil sketch", "cartoon": "in cartoon style",
                "ink painting": "as a Chinese ink painting", "pixel art": "as pixel art",
                "oil painting": "as an oil painting", "crayon": "in crayon",
                "flat illustration": "as a flat illustration"}
SKY = ("sun", "moon", "star", "cloud", "rainbow", "planet")
LAND = ("mountain", "sea", "river", "city", "bridge", "lake")
SIZE_WORD = {1.2: "big", 1.35: "giant", 1.3: "giant", 1.25: "big", 1.15: "tall", 0.8: "small", 0.85: "little",
             0.7: "tiny", 0.75: "tiny"}


def noun_phrase(s: Subject, definite: bool = False) -> str:
    one, many = NAMES.get(s.concept, (s.concept, s.concept + "s"))
    words = []
    if s.sleeping:
        words.append("sleeping")
    if s.flying and s.concept not in ("bird", "butterfly", "dragon"):
        words.append("flying")
    if s.size in SIZE_WORD:
        words.append(SIZE_WORD[s.size])
    if s.colours:
        words.append(" and ".join(s.colours[:2]))
    words.append(many if s.count > 1 else one)
    text = " ".join(words)
    if s.count > 1:
        text = f"{NUMBERS.get(s.count, str(s.count))} {text}"
    elif definite:
        text = f"the {text}"
    else:
        text = ("an " if text[0] in "aeiou" else "a ") + text
    worn = [_worn(name, colour) for name, colour in s.accessories.items()]
    return text + (" with " + join(worn) if worn else "")


def _worn(name: str, colour: str | None) -> str:
    """'a red scarf', 'golden horns', 'a hat'."""
    colour = {"gold": "golden"}.get(colour or "", colour)
    words = " ".join(w for w in (colour, name) if w)
    return words if name == "horns" else ("an " if words[0] in "aeiou" else "a ") + words


def _with_held(mains: list[Subject]) -> list[str]:
    """Noun phrases for the main things, a held kite or balloon joined to its holder ("a panda flying a kite")."""
    phrases, held = [], set()
    for s in mains:
        if s.holding and s.family in HOLDERS:
            thing = next((t for t in mains if t.concept == s.holding and id(t) not in held), None)
            if thing is not None:
                held.add(id(thing))
    for s in mains:
        if id(s) in held:
            continue
        text = noun_phrase(s)
        thing = next((t for t in mains if id(t) in held and t.concept == s.holding), None)
        if thing is not None:
            text += (" flying " if thing.concept == "kite" else " holding ") + noun_phrase(thing)
        phrases.append(text)
    return phrases


def _a(text: str) -> str:
    return ("an " if text[0] in "aeiou" else "a ") + text


def land_phrase(s: Subject, watery: bool) -> str:
    c = s.concept
    if c == "river":
        return ("in " if watery else "by ") + noun_phrase(s)
    if c == "lake":
        return ("on " if watery else "by ") + noun_phrase(s)
    if c == "sea":
        return "on the sea" if watery else "by the sea"
    if c == "mountain":
        return "in front of " + noun_phrase(s)
    if c == "city":
        return "in front of a Hong Kong skyline"
    return "near " + noun_phrase(s)


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def describe(plan: Plan, drawn: Drawn, style: str | None) -> str:
    """One sentence, in order: who is in the picture and where (or the scenery alone), the time and weather, then
    colours, mood and style."""
    subjects = drawn.items
    mains = [s for s in subjects if s.concept not in SKY + LAND]
    skies = [s for s in subjects if s.concept in SKY]
    lands = [s for s in subjects if s.concept in LAND]
    if drawn.setting in ("seaside", "beach", "city"):
        lands = [s for s in lands if s.concept != "sea"]
    if drawn.setting == "city":
        lands = [s for s in lands if s.concept != "city"]
    if mains:
        parts = _who_and_where(plan, drawn, mains, skies, lands)
    elif skies or lands:
        parts = [join([noun_phrase(s, definite=s.concept in ("sun", "moon")) for s in skies + lands]
                      or [SETTING_ALONE[drawn.setting]])]
        if drawn.setting not in ("meadow", "seaside", "city") or drawn.inferred_setting is False:
            parts.append(SETTING_PHRASE[drawn.setting])
    else:
        parts = [SETTING_ALONE[drawn.setting]]
        if drawn.default_scene:
            parts.append("and a cloud with a question mark")
    parts += _when(plan, drawn)
    tail = _finish(plan, style)
    sentence = " ".join(p for p in parts if p)
    if tail:
        sentence += ", " + ", ".join(tail)
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:] + "."


def _who_and_where(plan: Plan, drawn: Drawn, mains: list, skies: list, lands: list) -> list[str]:
    """The characters (an umbrella with the child who holds it), the setting, the land, then the sky."""
    parts: list[str] = []
    weather_setting = drawn.setting == "snowland" and drawn.inferred_setting and "snow" in drawn.weather
    phrases = _with_held(mains)
    if "umbrella" in plan.props:
        children = next(s for s in mains if s.family == "child")
        k = next((i for i, p in enumerate(phrases) if NAMES[children.concept][0] in p), 0)
        colour = plan.prop_colours.get("umbrella")
        umbrella = f"{colour} umbrella" if colour else "umbrella"
        phrases[k] += " with " + (_a(umbrella) if children.count == 1 else umbrella + "s")
    parts.append(join(phrases))
    if drawn.setting != "meadow" and not weather_setting:
        parts.append(SETTING_PHRASE[drawn.setting])
    watery = any(s.concept in ("fish", "boat") for s in mains)
    for land in lands:
        parts.append(land_phrase(land, watery))
    moon = [s for s in skies if s.concept == "moon" and s.count == 1]
    sun = [s for s in skies if s.concept == "sun" and s.count == 1]
    under = (moon or sun)[:1]
    extras = [s for s in skies if s not in under]
    if extras:
        parts.append("with " + join([noun_phrase(s) for s in extras]))
    if under:
        parts.append("under " + noun_phrase(under[0], definite=True))
    return parts


def _when(plan: Plan, drawn: Drawn) -> list[str]:
    """The sky's colour, the time of day (when asked for, or night) and the weather."""
    parts = [f"under a {plan.part_colours['sky']} sky"] if "sky" in plan.part_colours else []
    day_weather = any(w in ("sunny", "wind") for w in drawn.weather)
    if (plan.time is not None and not (drawn.time == "day" and day_weather)) or (
            drawn.time == "night" and drawn.setting != "space"):
        parts.append(TIME_PHRASE[drawn.time])
    return parts + [WEATHER_PHRASE[w] for w in drawn.weather[:2]]


def _finish(plan: Plan, style: str | None) -> list[str]:
    tail = []
    if plan.free_colours:
        tail.append("with touches of " + join(list(dict.fromkeys(plan.free_colours))))
    if plan.mood:
        tail.append(f"in {_a(MOOD_WORD[plan.mood])} mood")
    if style:
        tail.append(STYLE_PHRASE[style])
    return tail
