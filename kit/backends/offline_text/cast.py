"""The cast of a story: hero, friend, place, thing and feeling, from the prompt or the word tables."""

from __future__ import annotations

import re

from . import world
from .picker import _Picker
from .request import _looks_chinese, _Request
from .spotting import _KEYWORDS, NAMED, _a, _page_weather, _spot, _Spotted
from .tokens import _IS_HAN
from .words import (
    _ANIMAL,
    _PLACE,
    ANIMALS,
    DEFAULT_HEROES,
    DEFAULT_PLACES,
    DEFAULT_PLACES_WILD,
    DEFAULT_THINGS,
    EVENTS,
    EVENTS_WILD,
    FRIENDS,
    FRIENDS_WILD,
    HERO_ADJ,
    HERO_ADJ_WILD,
    MOODS,
    NAMES,
    NAMES_WILD,
    PLACES,
    THING_ADJ,
    THING_ADJ_WILD,
    THINGS,
    TIMES,
    TIMES_WILD,
    TRAITS,
    WORRIES,
    Animal,
    Named,
)

# --- the cast of a story -----------------------------------------------------------------------------

def _lang(pair, lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


# --- a Hong Kong child's world: the people, food, festivals and transport a prompt names ----------------
_PLURAL_ONLY = {"children", "kids", "old people", "elderly", "families", "babies", "pupils", "students"}


def _en_word(item: Named, said: str) -> str:
    """The child's English word for one of them ("grandma", "friend" for "friends"), else the table's."""
    low = said.lower()
    if not said.isascii():
        return item.en
    for word in (low, low[:-1], low[:-3] + "y"):
        if word in item.words and word not in _PLURAL_ONLY and not (word.endswith("s") and word[:-1] in item.words):
            return word
    return item.en


def _zh_word(item: Named, said: str) -> str:
    """The child's Chinese word (嫲嫲, 孫仔), else the table's."""
    return said if _IS_HAN.search(said) else item.zh


def _past(clause: str) -> str:
    """"teaches her grandson to make dim sum" -> "taught her grandson to make dim sum" (the first verb only)."""
    words = clause.split()
    if not words:
        return clause
    verb = words[0].lower()
    stem = verb[:-2] if verb.endswith(("ches", "shes", "sses", "xes")) else verb[:-3] + "y" if \
        verb.endswith("ies") else verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
    if stem in world.PAST or verb in world.PAST:
        words[0] = world.PAST.get(stem) or world.PAST[verb]
    elif verb.endswith("s") and not verb.endswith("ss"):
        words[0] = stem + ("d" if stem.endswith("e") else "ed")
    return " ".join(words[:14])


def _first_at(text: str, words) -> int:
    """Where the first of ``words`` is in ``text`` (len(text) when none is)."""
    low = text.lower()
    return min([low.find(w.lower()) for w in words if w.lower() in low] or [len(text)])


def _clause(prompt: str, said: str) -> str | None:
    """What the prompt says someone does: "a doctor in a hospital who helps a sick dog" -> "helps a sick dog"."""
    if not said.isascii():
        return None
    m = re.search(rf"(?i)\b{re.escape(said)}\b(?:\s+(?:in|at|on|from|of)\s+(?:the\s+|an?\s+)?[\w-]+"
                  r"(?:\s+[\w-]+)?)?\s+(?:who|that)\s+([^,.!?;\n]+)", prompt)
    return m.group(1).strip() if m else None


def _world_heroes(prompt: str, found: list) -> tuple:
    """([(hero, ref)], items used) for the people a prompt names, with what they do: "a grandmother who taught
    her grandson to make dim sum", "my dad, a firefighter", 「當消防員的爸爸」."""
    people = [(item, said) for item, said in found if item.kind in ("person", "job")]
    heroes, used = [], []
    for item, said in people:
        if (item, said) in used or len(heroes) >= 2:
            continue
        en, zh = _en_word(item, said), _zh_word(item, said)
        mine = re.search(rf"(?i)\bmy\s+(?:\w+\s+)?{re.escape(said)}", prompt)
        hero_en, ref_en = (f"my {en}", f"my {en}") if mine else (_a(en), f"the {en}")
        hero_zh = ("一位" + zh) if item.kind == "job" else zh
        used.append((item, said))
        for other, other_said in people:            # "my dad he is a firefighter", 「爸爸係消防員」
            if (other, other_said) in used or other.kind != "job":
                continue
            if re.search(rf"(?i){re.escape(said)}\W+(?:(?:he|she)\s+)?(?:is|was|works as)\s+an?\s+"
                         rf"{re.escape(other_said)}|{re.escape(said)}(?:係|是|做|當)(?:一個|一名|一位)?"
                         rf"{re.escape(other_said)}", prompt):
                hero_en += f", {_a(_en_word(other, other_said))},"
                hero_zh = f"當{_zh_word(other, other_said)}的{zh}"
                used.append((other, other_said))
        clause = _clause(prompt, said)
        if clause:
            hero_en = hero_en.rstrip(",") + " who " + _past(clause)
            used += [(o, w) for o, w in people if w in clause and (o, w) not in used]
        heroes.append(((hero_en, hero_zh), (ref_en, zh)))
    return heroes, used


# 「寫一個婆婆教孫仔整點心的故事」: what the story is about, in the child's own words.
_PREMISE_ZH = [re.compile(r"關於(.+?)(?:的|嘅)(?:故事|小說|童話|點子|詩|兒歌)"),
               re.compile(r"(?:故事|小說)\s*[:：]\s*(.+)$"),
               re.compile(r"^(?:請|幫我|我想)?(?:寫|講|作)?(?:一個|個|篇|一篇)?(.+?)(?:的|嘅)(?:故事|小說|童話)"),
               re.compile(r"關於(.+)$")]
_PREMISE_ASK = re.compile(r"寫|(?:一個|個|篇|的|嘅)(?:故事|小說)|(?:故事|小說)\s*[:：]|點子|主意|列出|詩|句|字|[?？]|"
                          r"甚麼|點解|為何|json|提示", re.IGNORECASE)


def _premise(prompt: str) -> str | None:
    """The story's premise when a Chinese prompt states one: 婆婆教孫仔整點心. A prompt that asks for nothing
    (「媽媽喺廚房煮飯，我幫手洗菜」) is all premise."""
    text = prompt.strip().rstrip("。！!")
    for pattern in _PREMISE_ZH:
        m = pattern.search(text)
        if m:
            premise = re.sub(r"^(?:寫|講)?(?:三|四|五|兩|[0-9]+)句", "", m.group(1)).strip("，, ")
            premise = re.sub(r"^(?:一個|個)(?=[\u4e00-\u9fff]{2})", "", premise)
            return _written(premise) if 2 <= len(premise) <= 40 else None
    if not _PREMISE_ASK.search(text) and 4 <= len(text) <= 40 and _looks_chinese(text):
        return _written(text)
    return None


def _written(text: str) -> str:
    """Spoken Cantonese words in a child's premise -> written Chinese, as the rest of the story is written."""
    for spoken, written in world.WRITTEN:
        text = text.replace(spoken, written)
    return re.sub(r"同(?![學事伴樣時意])", "和", text)


_JIEBA: list = []


def _zh_nouns(text: str) -> list:
    """The nouns of a Chinese phrase, in order, cut by jieba (loaded on first use: about half a second) with the
    kit's own word tables added, so 天星小輪 and 消防員 stay whole. Without jieba installed: none."""
    if not _JIEBA:
        try:
            import jieba
            import jieba.posseg
        except ImportError:
            _JIEBA.append(None)
        else:
            jieba.setLogLevel(60)
            tok = jieba.posseg.POSTokenizer(jieba.Tokenizer())
            for item in [*ANIMALS, *PLACES, *THINGS, *NAMED]:
                for word in item.words:
                    if _IS_HAN.search(word) and len(word) > 1:
                        tok.tokenizer.add_word(word, 2000, "n")
            _JIEBA.append(tok)
    tok = _JIEBA[0]
    if tok is None:
        return []
    return [p.word for p in tok.cut(text) if p.flag.startswith("n") and len(p.word) > 1 and _IS_HAN.search(p.word)]



def _merged(spotted: list) -> _Spotted:
    """One spotting from several: each animal, name, place, thing and feeling once, in order; an animal keeps the
    first name given to it, and a name that is an animal's is not another character."""
    first = _Spotted()
    for s in spotted:
        for animal, adjs, name in s.animals:
            known = next((i for i, a in enumerate(first.animals) if a[0] == animal), None)
            if known is None:
                first.animals.append((animal, adjs, name))
            elif name and not first.animals[known][2]:
                first.animals[known] = (animal, first.animals[known][1] or adjs, name)
        for attr in ("names", "places", "things", "feelings"):
            items = getattr(first, attr)
            items.extend(x for x in getattr(s, attr) if x not in items)
    first.names = [n for n in first.names if n not in {a[2] for a in first.animals}]
    return first


class _Cast:
    """Who, where and what: each slot is an (English, 中文) pair, ready for the templates."""

    def __init__(self, req: _Request, pick: _Picker, source: str | None = None):
        """The cast in steps, in the order they draw on the seed: what the prompt names, the people and sheets
        who lead, the animal heroes, the names, then the place and thing, then feelings, friend and time."""
        first, history, spotted = self._named(req, source)
        sheets = [_sheet(s) for s in req.sheets]
        sheet_animals = [s.animals[0] for s in (_spot(s) for s in req.sheets) if s.animals]
        heroes, refs, people = self._leads(req, source, first, sheets, spotted)
        animals, kinds = self._animal_heroes(req, pick, source, (first, history, people), (heroes, refs),
                                             sheets, sheet_animals)
        self.names = [r[0] for r in refs]
        self.named = not refs[0][0].startswith("the ")
        self.hero = (" and ".join(h[0] for h in heroes), "和".join(h[1] for h in heroes))
        self.ref = (" and ".join(r[0] for r in refs), "和".join(r[1] for r in refs))
        self._place_and_thing(pick, first)
        self._feelings_and_friend(req, pick, source, first, {a.en for a in kinds} | {a[0].en for a in animals})

    @staticmethod
    def _named(req: _Request, source: str | None) -> tuple:
        """(what the prompt names, whether it came from an earlier story, the prompt's own spotting). A character
        sheet is its own hero: the cat, scarf and name it describes are not more characters and things (only its
        places count). What a request says about itself ("a picture storybook") is not in the story either."""
        texts = [source] if source is not None else [req.prompt]
        spotted = [_spot(_bare(t, req.sheets)) for t in texts]
        history = source is not None
        own_sheet = any(sheet in t for t in texts for sheet in req.sheets)
        if source is None and not own_sheet and not any(s.animals or s.names for s in spotted):
            spotted += [_spot(_bare(t, req.sheets)) for t in req.context]   # "give it a title": the last story
            history = True
        places = _Spotted(places=[p for s in req.sheets for p in _spot(s).places])
        return _merged([*spotted, places]), history, spotted[0]

    def _leads(self, req: _Request, source: str | None, first: _Spotted, sheets: list, spotted: _Spotted) -> tuple:
        """(heroes, refs, people): the sheets' heroes, the names, the people the prompt names, or the noun that
        leads a Chinese premise; (English, 中文) pairs, in the order the child named them."""
        heroes, refs = [], []
        sheet_names = {name for name, _d in sheets}
        for name, desc in sheets[:2]:
            heroes.append((f"{name}, {desc}," if desc else name, _zh_sheet_hero(name, desc)))
            refs.append((name, name))
        for name in first.names:
            if name not in sheet_names and len(heroes) < 3:
                heroes.append((name, name))
                refs.append((name, name))
        # The people the prompt itself names (a grandmother, my dad, 消防員) lead the story, with what the
        # prompt says they do; the animals it names are met on the way. Earlier turns never add people.
        self.world = spotted.world if source is None else []
        people, used = _world_heroes(req.prompt, self.world) if not heroes else ([], [])
        if people and first.animals and _first_at(req.prompt, first.animals[0][0].words) < \
                _first_at(req.prompt, [w for item, w in used]):
            people, used = [], []                # "a robot that helps old people": the robot leads
        for hero, ref in people[:2]:
            heroes.append(hero)
            refs.append(ref)
        self.world = [w for w in self.world if w not in used]
        self.premise = _premise(req.prompt) if source is None and req.lang == "zh" else None
        self.prompt = req.prompt
        if req.lang == "zh" and not heroes and not first.animals and self.premise:
            named = {w for _kw, kind, item in _KEYWORDS if kind != "animal" for w in item.words}
            nouns = [n for n in _zh_nouns(self.premise) if not any(w in n for w in named)]
            noun = nouns[0] if nouns else "大家"             # 外星人學煮飯 -> 外星人 leads
            heroes.append((noun, noun))
            refs.append((noun, noun))
        return heroes, refs, people

    def _animal_heroes(self, req: _Request, pick: _Picker, source: str | None, found: tuple, leads: tuple,
                       sheets: list, sheet_animals: list) -> tuple:
        """The animal heroes, added to ``leads`` (heroes, refs); (their animals, the sheets' animal kinds)."""
        first, history, people = found
        heroes, refs = leads
        self.animal, self.adj = None, pick.pick(HERO_ADJ, HERO_ADJ_WILD)
        if sheet_animals:                       # "Pip, a small rabbit ...": the hero is a rabbit
            self.animal = sheet_animals[0][0]
            self.adj = next((a for a in sheet_animals[0][1] if a[1]), self.adj)
        # In a story we wrote before, the first animal is the hero; later ones are friends met on the way.
        # An animal the sheet already is ("a shy panda" for Pip the panda) is the sheet's hero, not another one.
        kinds = {a for a, _d, _n in sheet_animals}
        animals = [a for a in first.animals if a[0] not in kinds][:1 if history else 2]
        self.met = animals if people else []
        animals = [] if people else animals
        if not animals and not heroes:
            animals = [(_ANIMAL[pick.pick(DEFAULT_HEROES)], [], "")]
        sheet_names = {name for name, _d in sheets}
        for animal, adjs, name in animals:
            if name in sheet_names:
                continue
            if not self.animal:
                self.animal, self.adj = animal, (adjs[0] if adjs else self.adj)
            if not adjs and not heroes:
                adjs = [self.adj]
            if not name and not heroes and not history and not self.premise:   # sometimes a name: one more choice
                name = pick.pick([("", "")] + NAMES, NAMES_WILD)[0]
            hero = self._animal(animal, adjs, name)
            clause = _clause(req.prompt, animal.en) if source is None else None
            heroes.append((hero[0] + " who " + _past(clause), hero[1]) if clause else hero)
            zh_name = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
            short_zh = animal.zh if len(animal.zh) > 1 else "小" + animal.zh      # 小貓, 熊貓
            refs.append((name or f"the {animal.en}", zh_name or short_zh))
        return animals, kinds

    def _place_and_thing(self, pick: _Picker, first: _Spotted):
        places = first.places or [_PLACE[pick.pick(DEFAULT_PLACES, DEFAULT_PLACES_WILD)]]
        self.place, self.place2 = places[0], (places[1] if len(places) > 1 else None)
        default_thing = pick.pick(DEFAULT_THINGS)
        default = (next(t for t in THINGS if t.en == default_thing), [])
        thing, adjs = first.things[0] if first.things else default
        adj = adjs[0] if adjs else pick.pick(THING_ADJ, THING_ADJ_WILD)
        adj_zh = adj[1] + ("" if adj[1].endswith("的") or not adj[1] else "的")
        self.thing = thing
        self.obj = (_a(f"{adj[0]} {thing.en}"), f"一{thing.mw}{adj_zh}{thing.zh}")
        self.the_obj = (f"the {thing.en}", f"那{thing.mw}{thing.zh}")

    def _feelings_and_friend(self, req: _Request, pick: _Picker, source: str | None, first: _Spotted,
                             in_story: set):
        self.user_thing, self.user_feeling = bool(first.things), bool(first.feelings)
        self.user_place = bool(first.places)
        self.feeling = first.feelings[0] if first.feelings else pick.pick(MOODS)
        worries = [f for f in first.feelings if f[0] in ("sad", "scared", "lonely", "worried", "angry", "nervous")]
        self.worry = worries[0] if worries else pick.pick(WORRIES)
        self.friend = pick.pick([f for f in FRIENDS if f[1][4:] not in in_story] or FRIENDS, FRIENDS_WILD)
        if self.met:                            # "my dad saves a cat": the cat is the one met on the way
            animal, adjs, name = self.met[0]
            en, zh = self._animal(animal, adjs, name)
            self.friend = (en, name or f"the {animal.en}", zh, name or animal.zh)
        self.extra_things = [t for t, _a in first.things[1:]] if source is None else []
        self.weather = _page_weather(req.prompt) if source is None else None
        self.time = pick.pick(TIMES, TIMES_WILD)
        self.trait = pick.pick(TRAITS)
        self.events = pick.sample(EVENTS, 2, EVENTS_WILD)

    @staticmethod
    def _animal(animal: Animal, adjs: list, name: str) -> tuple:
        words = " ".join(en for en, _zh in adjs)
        en = _a(f"{words} {animal.en}".strip()) + (f" named {name}" if name else "")
        zh_adj = "又".join(dict.fromkeys(zh for _en, zh in adjs if zh))
        zh_name = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
        zh = f"一{animal.mw}" + (f"名叫{zh_name}、" if name else "") + (f"{zh_adj}的" if zh_adj else "")
        return en, zh + animal.zh

    def slots(self, lang: str) -> dict:
        """The template slots in one language: {hero}, {ref}, {place}, {at}, {obj}, {friend} ..."""
        p, p2 = self.place, self.place2 or self.place
        pairs = {"hero": self.hero, "ref": self.ref, "obj": self.obj, "the_obj": self.the_obj,
                 "feeling": self.feeling, "worry": self.worry, "time": self.time, "trait": self.trait,
                 "event": self.events[0], "event2": self.events[-1],
                 "friend": (self.friend[0], self.friend[2]), "friend_ref": (self.friend[1], self.friend[3]),
                 "place": (p.en, p.zh), "place2": (p2.en, p2.zh), "to2": (f"to {p2.en}", p2.zh),
                 "at": (f"{p.prep} {p.en}", f"在{p.zh}{p.loc}")}
        slots = {key: pair[lang == "zh"] for key, pair in pairs.items()}
        slots["at_cap"] = slots["at"][:1].upper() + slots["at"][1:]
        return slots


# What a request says about itself, never part of the story: 「寫一本圖畫故事書」 is not a book in the story.
_REQUEST_WORDS = re.compile(r"(?:寫|創作|做|製作)(?:一本|一個)?(?:圖畫|兒童)?(?:故事書|繪本)|圖畫故事書|"
                            r"(?i:\b(?:picture |children's |a )?(?:story ?book|picture book)s?\b)")


def _bare(text: str, sheets: list) -> str:
    """``text`` with its character sheets and the request's words about itself blanked (same length)."""
    for sheet in sheets:
        text = text.replace(sheet, " " * len(sheet))
    return _REQUEST_WORDS.sub(lambda m: " " * len(m.group()), text)


def _zh_sheet_hero(name: str, desc: str) -> str:
    """A sheet's hero in a Chinese sentence: 「小寶，一隻戴紅色頸巾的小熊貓」 -> 一隻戴紅色頸巾的小熊貓小寶."""
    if desc and _looks_chinese(desc) and not re.search(r"[，,、；;。]", desc) and _IS_HAN.match(desc[-1]) \
            and len(desc) <= 24:
        return desc + name
    return name


def _sheet(desc: str) -> tuple:
    """'Mimi, a small orange cat with a blue scarf' -> ('Mimi', 'a small orange cat with a blue scarf')."""
    parts = re.split(r"\s*[,，:：]\s*", desc, maxsplit=1)
    name, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    if len(name.split()) > 3 or len(name) > 24:
        return desc, ""
    return name, rest


def _fill(pair, slots: dict, lang: str) -> str:
    text = _lang(pair, lang).format(**slots)
    return text[:1].upper() + text[1:]
