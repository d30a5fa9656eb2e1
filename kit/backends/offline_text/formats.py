"""Formats: lists, ideas, choices, titles, outlines and JSON."""

from __future__ import annotations

import json
import re

from . import world
from .answers import MAX_ITEMS
from .cast import _Cast, _fill, _lang, _written
from .picker import _Picker
from .prose import _answer_plan, _join, _story_plan
from .request import _NUM_WORD, _ZH_NUM, _number, _Request
from .spotting import _a, _spot
from .words import (
    _ANIMAL,
    ANIMALS,
    CHOICES,
    COLOURS,
    FOODS,
    HERO_ADJ,
    HERO_ADJ_WILD,
    IDEAS,
    NAMES,
    NAMES_WILD,
    PLACES,
    THINGS,
    TITLES,
)

# --- formats -----------------------------------------------------------------------------------------
_LIST_NOUNS = {"names": "names", "animals": "animals", "places": "places", "colours": "colours",
               "colors": "colours", "titles": "titles", "facts": "facts", "choices": "choices",
               "options": "choices",
               "名字": "names", "動物": "animals", "地方": "places", "顏色": "colours", "書名": "titles", "事實": "facts",
               "選擇": "choices", "選項": "choices"}


def _ask_list(low: str) -> tuple:
    """(how many, what kind) for '5 ideas', 'list of 3 names', '列出五個動物', '2 options'."""
    m = re.search(rf"\b(?:list of|top)\s+{_NUM_WORD}\b(?:\s+(?:[a-z'-]+\s+){{0,2}}?(\w+))?", low)
    m = m or re.search(rf"\b{_NUM_WORD}\s+(?:[a-z'-]+\s+){{0,2}}?(ideas?|items?|things|names|animals|"
                       r"places|tips|ways|facts|reasons|titles|examples|colou?rs|choices|options|steps|"
                       r"questions|points|endings|jokes|parts|sections|stages)\b", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), _LIST_NOUNS.get(m.group(2) or "", "ideas")
    m = re.search(rf"(?:列出|寫|給我|提供)?\s*{_ZH_NUM}\s*(?:個|項|種|款|條|點)[^，。！？0-9]{{0,8}}?"
                  r"(主意|點子|名字|動物|地方|建議|方法|原因|問題|書名|角色|選擇|選項|想法|顏色|例子|事實)", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), _LIST_NOUNS.get(m.group(2), "ideas")
    m = re.search(rf"列出\s*{_ZH_NUM}", low) or re.search(rf"(?:點子|主意|想法)\W{{0,2}}{_ZH_NUM}\s*個", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), "ideas"
    if re.search(r"\bideas\b|點子|主意", low):         # "ideas for a story about plastic": three of them
        return 3, "ideas"
    return None, None


def _list_items(kind: str, n: int, req: _Request, pick: _Picker, cast: _Cast) -> list:
    """n distinct items: names, animals, places, colours, titles, facts, choices, or story ideas."""
    lang = req.lang
    tables = {"names": NAMES + NAMES_WILD, "animals": [(a.en, a.zh) for a in ANIMALS],
              "places": [(p.en, p.zh) for p in PLACES], "colours": COLOURS}
    if kind in tables:
        items = [_lang(x, lang) for x in pick.sample(tables[kind], n)]
        items = [i[:1].upper() + i[1:] for i in items]
        return items + (_list_items("ideas", n - len(items), req, pick, cast) if len(items) < n else [])
    if kind == "titles":
        return [_title(req, pick, cast, i) for i in range(n)]
    if kind == "facts":
        return _answer_plan(req).take(n)
    if kind == "choices":
        return _choice_lines(n, req, pick, cast)
    topic = _idea_topic(req)
    if topic:
        return _topic_ideas(topic, n, req, pick)
    # Story ideas: each list is shuffled once (by the seed), then item i takes the i-th of each, so even
    # at temperature 0 a long list never repeats itself. The first idea uses the child's own hero.
    slots = cast.slots(lang)
    hero_slot = "{animal}" if cast.animal else "{name}"
    first = pick.pick([t for t in IDEAS if hero_slot in t[0]])
    templates = [first] + pick.sample([t for t in IDEAS if t != first], len(IDEAS))
    animals, places = pick.sample(ANIMALS, len(ANIMALS)), pick.sample(PLACES, len(PLACES))
    names, things = pick.sample(NAMES, len(NAMES), NAMES_WILD), pick.sample(THINGS, len(THINGS))
    adjs = pick.sample(HERO_ADJ, len(HERO_ADJ), HERO_ADJ_WILD)
    out = []
    for i in range(n):
        animal = cast.animal if (cast.animal and i == 0) else animals[i % len(animals)]
        thing, place = things[i % len(things)], (cast.place if cast.user_place else places[i % len(places)])
        extra = {"adj": _lang(adjs[i % len(adjs)], lang), "animal": _lang((animal.en, animal.zh), lang),
                 "mw": animal.mw,
                 "name": cast.ref[lang == "zh"] if i == 0 else _lang(names[(i + i // 8) % len(names)], lang),
                 "thing": _lang((thing.en, thing.zh), lang), "tmw": thing.mw, "a_thing": _a(thing.en),
                 "place": _lang((place.en, place.zh), lang),
                 "at": f"在{place.zh}{place.loc}" if lang == "zh" else f"{place.prep} {place.en}"}
        item = _lang(templates[i % len(templates)], lang).format(**{**slots, **extra})
        out.append(item[:1].upper() + item[1:])
    return out


_TOPIC_EN = re.compile(r"(?i)\b(?:about|on)\s+(?:the\s+(?=topic|theme)(?:topic|theme)\s+(?:of\s+)?)?([^.,!?;:\n]+)")
_TOPIC_ZH = re.compile(r"關於(.+?)(?:的|嘅|[，。,]|$)")


def _idea_topic(req: _Request) -> str | None:
    """What a list of ideas is about ("ideas for a novel about climate change", 「關於氣候變化的點子」), when it is
    a topic rather than an animal or a named hero, who lead the ideas the usual way."""
    m = (_TOPIC_ZH if req.lang == "zh" else _TOPIC_EN).search(req.prompt)
    if not m:
        return None
    topic = re.sub(r"(?i)\s+(?:for|in)\s+(?:kids|children|primary|secondary|class|english|chinese)\b.*$", "",
                   m.group(1)).strip()
    spotted = _spot(topic)
    if not topic or spotted.animals or spotted.names or len(topic) > 40:
        return None
    return _written(topic) if req.lang == "zh" else topic


def _topic_ideas(topic: str, n: int, req: _Request, pick: _Picker) -> list:
    """n story ideas about the child's topic, each one a different angle on it."""
    lang = req.lang
    templates = pick.sample(world.TOPIC_IDEAS, len(world.TOPIC_IDEAS))
    animals, places = pick.sample(ANIMALS, len(ANIMALS)), pick.sample(PLACES[:26], 26)
    names = pick.sample(NAMES, len(NAMES), NAMES_WILD)
    out = []
    for i in range(n):
        animal, place = animals[i % len(animals)], places[i % len(places)]
        slots = {"topic": topic, "name": _lang(names[i % len(names)], lang), "mw": animal.mw,
                 "animal": _lang((animal.en, animal.zh), lang), "place": place.zh,
                 "at": f"{place.prep} {place.en}"}
        item = _lang(templates[i % len(templates)], lang).format(**slots)
        if i >= len(templates):
            item += f"（第{i // len(templates) + 1}個版本）" if lang == "zh" else f" (version {i // len(templates) + 1})"
        out.append(item[:1].upper() + item[1:])
    return out


def _choice_lines(n: int, req: _Request, pick: _Picker, cast: _Cast) -> list:
    slots = cast.slots(req.lang)
    lines = [_fill(c, slots, req.lang) for c in pick.sample(CHOICES, len(CHOICES))]
    while len(lines) < n:       # more choices than templates: the same ideas, numbered as new ways
        again = _fill(pick.pick(CHOICES), slots, req.lang).rstrip(".。")
        number = len(lines) + 1
        lines.append(again + (f"（第{number}個方法）。" if req.lang == "zh" else f", in way number {number}."))
    return [line[:1].upper() + line[1:] for line in lines[:n]]


def _title(req: _Request, pick: _Picker, cast: _Cast, nth: int = 0) -> str:
    """A short title, like 'The Brave Cat on the Moon' or '月亮上的勇敢貓'."""
    lang, p = req.lang, cast.place
    animal = cast.animal or _ANIMAL["rabbit"]
    adj = cast.adj if nth == 0 else pick.pick(HERO_ADJ, HERO_ADJ_WILD)
    name = cast.names[0] if cast.named else pick.pick(NAMES, NAMES_WILD)[0]
    name_zh = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
    # The first title must match the story: no made-up name for an unnamed cat, no animal for Mei.
    fits = [t for t in TITLES if ("{Name}" not in t[0] or cast.named)
            and ("{Animal}" not in t[0] or cast.animal)]
    templates = pick.sample(fits if nth == 0 else TITLES, len(TITLES))
    t = templates[nth % len(templates)]
    if lang == "zh":
        return t[1].format(place_at=p.zh + p.loc, adj=adj[1], animal=animal.zh, name=name_zh,
                           thing=cast.thing.zh, place=p.zh)
    text = t[0].format(Adj=adj[0], Animal=animal.en, Prep=p.prep, Place=p.en, Name=name, Thing=cast.thing.en)
    small = {"a", "an", "the", "of", "on", "in", "and", "to", "at", "by", "with"}
    words = text.split()
    return " ".join(w if (i and w.lower() in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _outline(n: int, req: _Request, pick: _Picker, cast: _Cast) -> str:
    labels = {3: ["Beginning", "Middle", "End"], 4: ["Beginning", "Problem", "Adventure", "End"],
              5: ["Beginning", "Problem", "Adventure", "Big moment", "End"]}
    zh_labels = {"Beginning": "開頭", "Middle": "中間", "End": "結局", "Problem": "難題", "Adventure": "冒險",
                 "Big moment": "高潮"}
    names = labels.get(n) or ["Beginning"] + ["Adventure"] * (n - 2) + ["End"]
    sentences = _story_plan(cast, pick, req.lang, req.simple).take(n)
    sep = "：" if req.lang == "zh" else ": "
    return "\n".join(f"{i}. {zh_labels[lab] if req.lang == 'zh' else lab}{sep}{s}"
                     for i, (lab, s) in enumerate(zip(names, sentences), 1))


_JSON_FILLER = {"a", "an", "the", "keys", "key", "fields", "field", "only", "with", "its", "some", "called"}
_JSON_STOP = {"about", "for", "that", "which", "please", "in", "using", "so", "json", "format", "where", "to"}


def _json_keys(prompt: str) -> list:
    """Keys a child asked for: 'JSON with keys title, mood', 'JSON with title and pages', '{"title": ..}'."""
    quoted = re.findall(r"[\"']([\w\u4e00-\u9fff]+)[\"']\s*:", prompt)
    if quoted:
        return list(dict.fromkeys(quoted))
    low = prompt.lower()
    near_json = prompt[max(0, low.find("json") - 60):] if "json" in low else prompt
    m = re.search(r"(?:\bkeys?|\bfields?|\bproperties|\bwith|\bcontaining|\bincluding|json\s*[:：]|包括|包含|鍵|欄位)"
                  r"\s*[:：]?\s*([^.!?。！？\n]+)", near_json, re.IGNORECASE)
    keys = []
    for part in re.split(r"[,，、/;；]|\band\b|\bor\b|和|及|與|或", m.group(1) if m else ""):
        tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[\u4e00-\u9fff]+", part)
        stop = next((i for i, t in enumerate(tokens) if t.lower() in _JSON_STOP), len(tokens))
        key = next((t for t in tokens[:stop] if t.lower() not in _JSON_FILLER), None)
        if key and len(key) <= 24:
            keys.append(key)
        if stop < len(tokens):     # "title and mood for a story about ..." ends at "for"
            break
    return list(dict.fromkeys(keys))


def _per_page(low: str) -> int:
    """Sentences on each page: 'Each page has 2 or 3 sentences' -> 2, 「每頁寫兩至三句」 -> 2, else 1."""
    m = re.search(rf"\b(?:each|every|per) page\b[^.\n]{{0,30}}?\b{_NUM_WORD}\b(?:\s*(?:or|to|-|–)\s*\w+)?"
                  r"[^.\n]{0,20}?\bsentences?\b", low) or \
        re.search(rf"每頁[^。\n]{{0,6}}?{_ZH_NUM}\s*(?:至|到|或|-|–)?\s*[0-9一二兩三四五六七八九十]*\s*句", low)
    return min(max(1, _number(m.group(1))), 4) if m else 1


def _json_reply(req: _Request, pick: _Picker, cast: _Cast) -> str:
    lang, low = req.lang, req.low
    keys = _json_keys(req.prompt) or ["title", "mood", "story"]
    pages = re.search(rf"{_NUM_WORD}\s+(?:pages|scenes|paragraphs|chapters)|{_ZH_NUM}\s*頁", low)
    n_pages = _number(pages.group(1) or pages.group(2)) if pages else 3
    story = _story_plan(cast, pick, lang, req.simple)
    out = {}
    for key in keys:
        k = key.lower()
        if re.search(r"title|name_of|書名|標題", k):
            out[key] = _title(req, pick, cast)
        elif re.search(r"^(?:mood|feeling|emotion)|心情|感受", k):
            out[key] = cast.feeling[lang == "zh"]
        elif re.search(r"setting|place|location|where|地點|地方", k):
            out[key] = cast.place.zh if lang == "zh" else cast.place.en
        elif re.search(r"page|paragraph|scene|chapter|sentence|頁", k):
            per = _per_page(low) if re.search(r"page|paragraph|scene|chapter|頁", k) else 1
            told = story.take(max(1, n_pages) * per)
            out[key] = [_join(told[i:i + per], lang) for i in range(0, len(told), per)]
        elif re.search(r"choice|option|選擇|選項", k):
            out[key] = _choice_lines(2 if k.endswith("s") or len(key) > 2 else 1, req, pick, cast)
        elif re.search(r"character|hero|friend|角色|主角", k):
            names = [cast.ref[lang == "zh"]] if lang == "zh" else [n for n in cast.names if n]
            many = k.endswith("s") or k == "角色"
            out[key] = names + [cast.friend[2 if lang == "zh" else 0]] if many else cast.ref[lang == "zh"]
        elif re.search(r"moral|lesson|道理", k):
            out[key] = f"Being {cast.trait[0]} helps us." if lang == "en" else f"做人要{cast.trait[1]}。"
        elif re.search(r"colou?r|顏色", k):
            out[key] = _lang(pick.pick(COLOURS), lang)
        elif re.search(r"^(?:age|count|number|score|year|length)$|年齡|數目", k):
            out[key] = pick.pick([7, 8, 9, 6, 10])
        elif re.search(r"animal|動物", k):
            animal = cast.animal or _ANIMAL["rabbit"]
            out[key] = _lang((animal.en, animal.zh), lang)
        elif re.search(r"story|text|summary|content|plot|body|description|故事|內容", k):
            out[key] = _join(story.take(3), lang)
        elif re.search(r"food|snack|eat|食物", k):
            out[key] = _lang(pick.pick(FOODS), lang)
        elif k == "name" or k.endswith("_name") or k == "名字":
            out[key] = cast.ref[lang == "zh"] if cast.named else _lang(pick.pick(NAMES, NAMES_WILD), lang)
        elif k.endswith("s") and not k.endswith(("ss", "us", "is")):
            out[key] = _list_items("ideas", 3, req, pick, cast)
        else:                  # a key we do not know: a short, friendly phrase
            out[key] = cast.obj[lang == "zh"]
    return json.dumps(out, ensure_ascii=False, indent=2)
