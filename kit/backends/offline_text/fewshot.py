"""Few-shot: a prompt with worked examples and an open last item gets that one item back."""

from __future__ import annotations

import itertools
import json
import re
from typing import NamedTuple

from .cast import _lang
from .fewshot_words import (
    _LABEL_KINDS,
    _OPPOSITE,
    _QUESTION_LABEL,
    ANIMAL_COLOURS,
    COLOUR_OF,
    COLOUR_ZH,
    EXCITED_OPENERS,
    FANCY_ADJ,
    FANCY_ENDINGS,
    FLOURISHES,
    FUN_TITLES,
    FUNNY_ENDINGS,
    GENERIC_HABITS,
    HABITS,
    PATTERN_ADJ,
    PET_NAMES,
    SIMILES,
    SOUNDS,
    SPOOKY_OPENERS,
    STRONG_ADJ,
)
from .picker import _Picker
from .prose import _answer_plan
from .request import _Request
from .spotting import _a, _spot
from .tokens import _IS_HAN
from .words import (
    _ADJ_ZH,
    _ANIMAL,
    ADJECTIVES,
    ANIMALS,
    COLOURS,
    DEFAULT_HEROES,
    FEELINGS,
    FOODS,
    HERO_ADJ,
    NAMES,
    PLACES,
    THINGS,
    Animal,
)

_ARROW_SEP = re.compile(r"\s*(→|->|=>|⇒|➡️?|=|:|：)\s*")


def _item_animal(key: str):
    """The animal a pattern's key names ('dog', 'puppy', '狗'), or None."""
    spotted = _spot(key)
    return spotted.animals[0][0] if spotted.animals else None


def _translation(word: str) -> str | None:
    """A word in the other language, from the word tables ('dog' -> '狗', '紅色' -> 'red')."""
    low = word.strip().lower()
    pairs = [(a.en, a.zh) for a in ANIMALS] + [(p.en.removeprefix("the "), p.zh) for p in PLACES] + \
        [(t.en, t.zh) for t in THINGS] + list(COLOURS) + [(en, zh) for en, zh in ADJECTIVES] + list(FOODS)
    words = {w: item for item in ANIMALS + THINGS for w in item.words}
    if low in words:
        item = words[low]
        return item.en if _IS_HAN.search(low) else item.zh
    for en, zh in pairs:
        if low == en.lower():
            return zh
        if low == zh:
            return en
    return None


def _shape_of(examples: list) -> str:
    """What the examples do with their keys: sound, opposite, translate, colour, describe, name or words."""
    def share(test) -> bool:
        return sum(1 for k, v in examples if test(k, v)) * 2 > len(examples) - 0.5

    def animal_of(k):
        a = _item_animal(k)
        return a.en if a else k.lower()
    if share(lambda k, v: animal_of(k) in SOUNDS and any(s in v.lower() for s in SOUNDS[animal_of(k)])):
        return "sound"
    if share(lambda k, v: _OPPOSITE.get(k.lower()) == v.lower().strip(".!")):
        return "opposite"
    if share(lambda k, v: bool(_IS_HAN.search(k)) != bool(_IS_HAN.search(v)) and _translation(k) is not None):
        return "translate"
    colour_words = {en for en, _zh in COLOURS} | {"black", "brown", "grey", "gray", "silver", "gold", "golden"}
    if share(lambda k, v: v.lower().split()[0].strip(",.") in colour_words if v.split() else False):
        return "colour"
    if share(lambda k, v: k.lower() in v.lower() or (_item_animal(k) is not None and any(
            w in v.lower() for w in _item_animal(k).words))):
        return "describe"
    if share(lambda k, v: all(w[:1].isupper() for w in v.split()) and not _IS_HAN.search(v) and len(v.split()) <= 4):
        return "name"
    if share(lambda k, v: _IS_HAN.search(v) and len(v) <= 6 and k not in v):
        return "name"
    return "words"


class _Open(NamedTuple):
    """The open item of a pattern: its key, the worked examples, and what they tell about it."""
    key: str
    examples: list
    zh: bool
    animal: Animal | None
    sample: str          # the first example's value
    used: str            # every example's value, lower case


def _sound_value(o: _Open, pick: _Picker) -> str:
    sound = SOUNDS.get(o.animal.en if o.animal else o.key.lower(), ("hmm", "嗯"))[o.zh]
    sound = sound.capitalize() if o.sample[:1].isupper() else sound
    return sound + ("!" if o.sample.rstrip().endswith("!") else "")


def _opposite_value(o: _Open, pick: _Picker) -> str:
    return _OPPOSITE.get(o.key.lower(), "") or ("不知道" if o.zh else "not sure")


def _translated_value(o: _Open, pick: _Picker) -> str:
    return _translation(o.key) or ("？" if o.zh else "?")


def _colour_value(o: _Open, pick: _Picker) -> str:
    thing = (o.animal.en if o.animal else o.key.lower().removeprefix("the "))
    colour = COLOUR_OF.get(thing) or (ANIMAL_COLOURS.get(thing, (None,))[0]) or pick.pick(COLOURS)[0]
    word = COLOUR_ZH.get(colour, colour) if o.zh else colour
    return word.capitalize() if o.sample[:1].isupper() else word


def _name_value(o: _Open, pick: _Picker) -> str:
    zh, key, sample = o.zh, o.key, o.sample
    fresh = [t for t in FUN_TITLES if t[zh].lower() not in o.used] or FUN_TITLES
    title = _lang(pick.pick(fresh), "zh" if zh else "en")
    pet = PET_NAMES.get(o.animal.en) if o.animal else None
    if zh:
        name = pet[1] if pet else (key[-1] * 2 if _IS_HAN.search(key) else key)
        ends_with_title = any(sample.endswith(t[1]) for t in FUN_TITLES) or len(sample) >= 3
        return name + title if ends_with_title else name
    name = pet[0] if pet else key.strip().capitalize() + ("" if key.endswith("y") else "y")
    titled = sample.split()[0] in {t[0] for t in FUN_TITLES} or len(sample.split()) > 1
    return f"{title} {name}" if titled else name


def _described_value(o: _Open, pick: _Picker) -> str:
    """Describing words + the key + a clause, sized like the examples."""
    zh, key, sample, animal = o.zh, o.key, o.sample, o.animal
    habits = HABITS.get(animal.en, []) if animal else []
    fresh_habits = [h for h in habits + GENERIC_HABITS if h[zh].lower() not in o.used] or GENERIC_HABITS
    habit = _lang(pick.pick(fresh_habits), "zh" if zh else "en")
    fresh_adj = [a for a in PATTERN_ADJ if a[zh].lower() not in o.used] or PATTERN_ADJ
    if zh:
        adj = pick.pick(fresh_adj)[1]
        noun = key.strip() if len(key.strip()) > 1 else "小" + key.strip()
        mw = animal.mw if animal else "個"
        if re.match(r"一.", sample) and "的" in sample:
            return f"一{mw}{habit}的{adj}{noun}"
        return f"{adj}的{noun}"
    words = sample.split()
    low_words = [w.lower().strip(",.") for w in words]
    noun = key.strip()
    own = o.examples[0][0].strip().lower()                # where the example says its own key
    own_animal = _item_animal(own)
    at = next((i for i, w in enumerate(low_words) if w == own or (own_animal and w in own_animal.words)), None)
    if at is None:                                         # values that do not say their key
        n = round(sum(len(v.split()) for _k, v in o.examples) / len(o.examples))
        text = f"{pick.pick(fresh_adj)[0]} {noun} who {habit}"
        return " ".join(text.split()[:max(1, n)]) if n < 3 else text
    before = [w for w in low_words[:at] if w not in ("a", "an", "the")]
    n_adj = max(0, min(3, len(before)))
    adjs = [a[0] for a in pick.sample(fresh_adj, n_adj)] if n_adj else []
    after = words[at + 1:]
    clause = ""
    if after:
        link = after[0].lower()
        clause = f" {link} {habit}" if link in ("who", "that", "which") else f" who {habit}"
    article = low_words[0] in ("a", "an") and words[0]
    head = " ".join(adjs + [noun])
    text = (_a(head) if article else ("the " + head if low_words[0] == "the" else head)) + clause
    if words[0][:1].isupper():
        text = text[:1].upper() + text[1:]
    return text + ("." if sample.rstrip().endswith(".") else "")


# How to write the open value, by the examples' shape; any other shape is described.
_VALUE_WRITERS = {"sound": _sound_value, "opposite": _opposite_value, "translate": _translated_value,
                  "colour": _colour_value, "name": _name_value}


def _new_value(shape: str, examples: list, key: str, pick: _Picker) -> str:
    """The open key's value, written like the examples' values."""
    zh = bool(_IS_HAN.search(" ".join(v for _k, v in examples)))
    open_item = _Open(key, examples, zh, _item_animal(key), examples[0][1], " ".join(v.lower() for _k, v in examples))
    return _VALUE_WRITERS.get(shape, _described_value)(open_item, pick)


def _arrow_items(text: str):
    """(separator, [(key, value)], open key) for 'cat → ...' lines, or None."""
    counts = {}
    for m in _ARROW_SEP.finditer(text):
        sep = "：" if m.group(1) == ":" else m.group(1)
        counts[sep] = counts.get(sep, 0) + 1
    arrows = [s for s in counts if s not in ("=", "：")]
    sep = max(arrows, key=counts.get) if arrows else ("=" if counts.get("=", 0) >= 3 else
                                                        ("：" if counts.get("：", 0) >= 3 else None))
    if sep is None:
        return None
    seps = (":", "：") if sep == "：" else (sep,)
    lines = [line for line in text.splitlines() if any(s in line for s in seps)]
    if len(lines) < 2:
        lines = [p for p in re.split(r"(?<=[.。!?！？;；])\s*", text) if any(s in p for s in seps)]
    items = []
    for line in lines:
        m = re.search("|".join(re.escape(s) for s in seps), line)
        key = re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line[:m.start()]).strip()
        key = key.split(". ")[-1].split("。")[-1].strip()
        value = line[m.end():].strip()
        if not key or len(key.split()) > 4 or len(key) > 24:
            return None
        items.append((key, value, line[m.start() - (line[m.start() - 1:m.start()] == " "):
                      m.end() + (line[m.end():m.end() + 1] == " ")]))
    open_items = [i for i, (_k, v, _s) in enumerate(items) if re.fullmatch(r"[?？.…_\s]*|\(\s*\)|（\s*）", v)]
    if not open_items or open_items[-1] != len(items) - 1:
        return None
    examples = [(k, v.rstrip(" .。") if not v.rstrip().endswith(("!", "！")) else v) for k, v, _s in items[:-1]]
    examples = [(k, v) for k, v in examples if re.search(r"\w", v)]
    if len(examples) < (1 if sep not in ("=", "：") else 2):
        return None
    return items[0][2], examples, items[-1][0]


def _label_groups(text: str):
    """([labels], [{label: value}] examples, open {label: value}, missing label) for 'Plain: ... Exciting: ...'."""
    found = [(m.group(1), m.start(), m.end()) for m in
             re.finditer(r"(?:^|(?<=[\s.!?。！？]))([A-Z][A-Za-z']{0,15}(?: [A-Za-z']{1,15}){0,2}|[\u4e00-\u9fff]{1,4})"
                         r"\s*[:：]", text)]
    names = [f[0].strip() for f in found]
    repeated = [n for n in dict.fromkeys(names) if names.count(n) >= 2]
    if len(repeated) < 2:
        return None
    marks = [(n, s, e) for n, s, e in found if n.strip() in repeated]
    cycle = list(dict.fromkeys(n.strip() for n, _s, _e in marks))
    seq = [n.strip() for n, _s, _e in marks]
    if any(seq[i] != cycle[i % len(cycle)] for i in range(len(seq))):
        return None
    values = [text[e:(marks[i + 1][1] if i + 1 < len(marks) else len(text))].strip() for i, (_n, _s, e) in
              enumerate(marks)]
    groups = [dict(zip(seq[i:i + len(cycle)], values[i:i + len(cycle)])) for i in range(0, len(seq), len(cycle))]
    last = groups[-1]
    missing = next((lab for lab in cycle if not last.get(lab, "").strip(" ?？.…_")), None)
    examples = [g for g in groups[:-1] if len(g) == len(cycle) and all(g.values())]
    if missing is None or len(examples) < 2 or cycle.index(missing) == 0:
        return None
    return cycle, examples, last, missing


def _transform(kind: str, source: str, examples: list, pick: _Picker) -> str:
    """Rewrite the open group's sentence the way the label asks: exciting, funny, spooky, short, fancy."""
    zh = bool(_IS_HAN.search(source))
    body = source.strip().rstrip(".。!！")
    end = "！" if zh else "!"
    samples = " ".join(examples)
    if kind == "short":
        words = body if zh else body.split()
        target = max(2, round(sum(len(e if zh else e.split()) for e in examples) / max(1, len(examples))))
        cut = words[:target] if zh else " ".join(words[:target])
        return cut + ("。" if zh else ".")
    if kind == "funny":
        return f"{body}，{pick.pick(FUNNY_ENDINGS)[1]}！" if zh else f"{body}, {pick.pick(FUNNY_ENDINGS)[0]}!"
    if kind == "spooky":
        opener = pick.pick(SPOOKY_OPENERS)
        return f"{opener[1]}，{body}……" if zh else f"{opener[0]}, {body[:1].lower()}{body[1:]}..."
    if kind == "fancy":
        ending = pick.pick(FANCY_ENDINGS)
        if zh:
            return f"{ending[1]}，{body}。"
        adj = pick.pick(FANCY_ADJ)[0]
        body = re.sub(r"^(The|A|An|the|a|an) ", lambda m: f"{m.group(1)} {adj} ", body, count=1)
        return f"{body} {ending[0]}."
    # exciting: an opener like the examples', a stronger subject and a bigger ending
    fresh = [o for o in EXCITED_OPENERS if o[zh].lower() not in samples.lower()] or EXCITED_OPENERS
    opener = _lang(pick.pick(fresh), "zh" if zh else "en")
    shouty = re.search(r"\b[A-Z]{3,}!", samples)
    if not zh and shouty:
        opener = opener.upper()
    words = body.lower().split()
    verbs = words[2:5] if words and words[0] in ("the", "a", "an", "my", "our") else words[1:4]
    flourish = next(f for f in FLOURISHES if not f[0] or (any(ch in body for ch in f[1]) if zh else
                                                          any(v.startswith(st) for v in verbs for st in f[0])))
    if zh:
        return f"{opener}！{body}，{flourish[3]}{end}"
    body = re.sub(r"^(The|A|An) ", lambda m: f"{m.group(1)} {pick.pick(STRONG_ADJ)[0]} ", body, count=1)
    return f"{opener}! {body} {flourish[2]}{end}"


def _answer_like(question: str, examples: list, lang: str) -> str:
    """Answer an open Q in the examples' style: 'What colour is the sun?' -> 'Yellow, like a warm egg tart.'"""
    zh = lang == "zh"
    m = re.search(r"(?i)what colou?r (?:is|are) (?:the |a |an )?([a-z ]+?)\??$", question.strip()) or \
        re.search(r"(.+?)是(?:甚麼|什麼|乜嘢)顏色", question)
    if m:
        thing = m.group(1).strip().lower()
        thing_en = _translation(thing) if _IS_HAN.search(thing) else thing
        colour = COLOUR_OF.get(thing_en or "", None)
        animal = _item_animal(thing)
        if colour is None and animal:
            colour = ANIMAL_COLOURS.get(animal.en, ("", ""))[0] or None
        if colour:
            word = COLOUR_ZH.get(colour, colour) if zh else colour.capitalize()
            simile = SIMILES.get(colour)
            likes = any(re.search(r"\blike\b|好像", e) for e in examples)
            if simile and likes:
                return f"{word}，{simile[1]}。" if zh else f"{word}, {simile[0]}."
            return f"{word}。" if zh else f"{word}."
    plan = _answer_plan(_Request(question, question.lower(), lang=lang))
    return plan.take(1)[0]


def _json_examples(text: str):
    """([example objects], partial open object, the text around them) when the prompt shows two or more."""
    objects, spans = [], []
    for m in re.finditer(r"\{[^{}]*\}", text):
        try:
            obj = json.loads(m.group())
        except ValueError:
            try:
                obj = json.loads(m.group().replace("'", '"'))
            except ValueError:
                continue
        if isinstance(obj, dict) and obj:
            objects.append(obj)
            spans.append(m.span())
    if len(objects) < 2:
        return None
    tail = text[spans[-1][1]:]
    partial = {}
    if "{" in tail:
        for k, v in re.findall(r"[\"']([^\"']+)[\"']\s*:\s*[\"']([^\"']*)[\"']", tail[tail.find("{"):]):
            partial[k] = v
        tail = tail[:tail.find("{")]
    around = text[:spans[0][0]] + " " + " ".join(text[a[1]:b[0]] for a, b in itertools.pairwise(spans)) + " " + tail
    return objects, partial, around


def _json_pattern(found, req: _Request, pick: _Picker) -> str:
    """One more JSON object with the examples' keys and sensible values for the new item."""
    objects, partial, around = found
    keys = list(dict.fromkeys(k for obj in objects for k in obj))
    taken = " ".join(json.dumps(list(obj.values()), ensure_ascii=False).lower() for obj in objects)
    known = {a.en for obj in objects for v in obj.values() if isinstance(v, str) for a in [_item_animal(v)] if a}
    animal = next((_item_animal(v) for v in partial.values() if _item_animal(v)), None)
    asked = [a for a, _d, _n in _spot(around).animals if a.en not in known]
    animal = animal or (asked[0] if asked else None) or next(
        (_ANIMAL[name] for name in DEFAULT_HEROES + [a.en for a in ANIMALS] if name not in known), _ANIMAL["dragon"])
    out = {}
    for key in keys:
        if key in partial:
            out[key] = partial[key]
            continue
        values = [obj[key] for obj in objects if key in obj]
        out[key] = _json_value(key, values, animal, taken, pick)
    return json.dumps(out, ensure_ascii=False)


_COLOUR_WORDS = {en for en, _zh in COLOURS} | {"black", "brown", "grey", "gray", "silver", "gold", "golden"}
_FEELING_WORDS = {en for _w, en, _z in FEELINGS} | {en for en, _z in PATTERN_ADJ} | {en for en, _z in HERO_ADJ}


def _animal_key(k: str, strings: list) -> bool:
    return bool(strings and all(_item_animal(v) for v in strings) or re.search(r"animal|kind|species|type|動物|種類", k))


def _colour_key(k: str, strings: list) -> bool:
    return bool(re.search(r"colou?r|顏色", k) or (strings and all(v.split() and v.lower().split()[0] in _COLOUR_WORDS
                                                                for v in strings)))


def _feeling_key(k: str, strings: list) -> bool:
    return bool(re.search(r"mood|feeling|emotion|personality|trait|心情|性格", k) or (
        strings and all(v.lower() in _FEELING_WORDS or v in _ADJ_ZH.values() for v in strings)))


def _name_key(k: str, strings: list) -> bool:
    return bool(re.search(r"name|hero|名字|名稱|主角", k) or (
        strings and all(re.fullmatch(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)?", v) for v in strings)))


def _animal_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    return animal.zh if lang == "zh" else animal.en


def _colour_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    return _lang(ANIMAL_COLOURS.get(animal.en, pick.pick(COLOURS)), lang)


def _feeling_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    fresh = [a for a in PATTERN_ADJ if a[lang == "zh"].lower() not in taken] or PATTERN_ADJ
    return _lang(pick.pick(fresh), lang)


def _name_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    pet = PET_NAMES.get(animal.en)
    fresh = [n for n in ([pet] if pet else []) + NAMES if n[lang == "zh"].lower() not in taken] or NAMES
    return _lang(fresh[0], lang)


def _place_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    fresh = [p for p in PLACES if p.en.lower() not in taken and p.zh not in taken] or PLACES
    place = pick.pick(fresh)
    return place.zh if lang == "zh" else place.en


def _food_word(animal: Animal, taken: str, pick: _Picker, lang: str) -> str:
    fresh = [f for f in FOODS if f[lang == "zh"].lower() not in taken] or FOODS
    return _lang(pick.pick(fresh), lang)


# What a string value is, by its key or the examples' values, in order (first match wins): (is it?, write one).
_JSON_WORDS = [
    (_animal_key, _animal_word), (_colour_key, _colour_word), (_feeling_key, _feeling_word),
    (_name_key, _name_word),
    (lambda k, _s: re.search(r"place|home|where|setting|地點|地方|家", k), _place_word),
    (lambda k, _s: re.search(r"food|snack|eat|食物|零食", k), _food_word),
]


def _json_value(key: str, values: list, animal: Animal, taken: str, pick: _Picker):
    """A value for one key, of the same kind as the examples' values (animal, colour, name, mood, number ...)."""
    lang = "zh" if any(isinstance(v, str) and _IS_HAN.search(v) for v in values) else "en"
    if values and all(isinstance(v, bool) for v in values):
        return values[0]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return round(sum(values) / len(values)) if all(isinstance(v, int) for v in values) else \
            round(sum(values) / len(values), 1)
    if values and all(isinstance(v, list) for v in values):
        n = max(1, round(sum(len(v) for v in values) / len(values)))
        return [_lang(h, lang) for h in (HABITS.get(animal.en, []) + GENERIC_HABITS)[:n]]
    strings = [v for v in values if isinstance(v, str)]
    k = key.lower()
    write = next((write for is_kind, write in _JSON_WORDS if is_kind(k, strings)), None)
    if write is not None:
        return write(animal, taken, pick, lang)
    return _lang(pick.pick(HABITS.get(animal.en, GENERIC_HABITS)), lang)


def _pattern(req: _Request, pick: _Picker) -> str | None:
    """The open item of a few-shot prompt, in the examples' shape, or None when the prompt has no pattern."""
    text = req.prompt
    found = _json_examples(text)
    if found:
        return _json_pattern(found, req, pick)
    labels = _label_groups(text)
    if labels:
        cycle, examples, last, missing = labels
        before = cycle[cycle.index(missing) - 1]
        source = last.get(before, "")
        lang = "zh" if _IS_HAN.search(source) else "en"
        sep = "：" if _IS_HAN.search(missing) else ": "
        if re.search(_QUESTION_LABEL, before.lower()) or re.search(r"^(?:a|answer|答|答案)$", missing.lower()):
            answer = _answer_like(source, [g[missing] for g in examples], lang)
            return f"{missing}{sep}{answer}"
        kind = next((k for k, pattern in _LABEL_KINDS if re.search(pattern, missing.lower())), None)
        if kind == "opposite":
            return f"{missing}{sep}{_OPPOSITE.get(source.lower().strip('.。'), source)}"
        if kind is None or kind == "answer":         # learn it from the examples: longer, shorter, louder?
            ratio = sum(len(g[missing]) for g in examples) / max(1, sum(len(g[before]) for g in examples))
            kind = "exciting" if "!" in "".join(g[missing] for g in examples) else (
                "fancy" if ratio > 1.3 else "short" if ratio < 0.8 else "fancy")
        return f"{missing}{sep}{_transform(kind, source, [g[missing] for g in examples], pick)}"
    arrows = _arrow_items(text)
    if arrows:
        sep, examples, key = arrows
        return f"{key}{sep}{_new_value(_shape_of(examples), examples, key, pick)}"
    return None
