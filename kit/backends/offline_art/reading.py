"""Read a prompt (English, Traditional Chinese or both mixed) into a ``Plan`` the painter can follow.

English is split into words and matched phrase-first ("outer space" before "space"); Chinese has no
spaces, so it is cut by longest match against the word table, and runs of unknown characters are kept
together as one unknown word. A number or a size is attached to the next subject; a colour only to the
very next thing ("a red scarf" colours a scarf, never the panda wearing it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import vocab
from .vocab import Entry

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+|[\u3400-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_COUNT = 5
PENDING_REACH = 3          # an adjective attaches to a subject at most this many content words later


@lru_cache(maxsize=1)
def _tables():
    return vocab.build_tables()


@dataclass
class Token:
    text: str                   # the prompt's own wording
    entry: Entry | None         # None: not a word the engine knows
    pos: int
    plural: bool = False


@dataclass
class Subject:
    concept: str
    count: int = 1
    colours: list[str] = field(default_factory=list)
    size: float = 1.0
    flying: bool = False
    sleeping: bool = False
    holding: str | None = None          # "kite" or "balloon": this character holds its string
    accessories: dict[str, str | None] = field(default_factory=dict)   # scarf / horns / hat -> colour or None
    age: int | None = None              # "grandpa is 80 years old", 「八十歲」
    implied: bool = False               # drawn for a word that means several things ("Mid-Autumn": lanterns)
    words: list[tuple[int, str]] = field(default_factory=list)

    @property
    def family(self) -> str:
        return vocab.FAMILY.get(self.concept, self.concept)


@dataclass
class Plan:
    subjects: list[Subject] = field(default_factory=list)
    free_colours: list[str] = field(default_factory=list)     # colours not attached to a subject
    part_colours: dict[str, str] = field(default_factory=dict)  # sky / grass -> colour
    time: str | None = None
    weather: list[str] = field(default_factory=list)
    mood: str | None = None
    light: str | None = None          # "dark" or "bright"
    props: set[str] = field(default_factory=set)
    prop_colours: dict[str, str] = field(default_factory=dict)  # umbrella -> colour ("a red umbrella")
    setting: str | None = None
    style: str | None = None
    banned: set[str] = field(default_factory=set)
    understood: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def allows(self, concept: str) -> bool:
        """May the painter draw this thing (also as decoration)? Not if the negative prompt named it."""
        return concept not in self.banned and vocab.FAMILY.get(concept, concept) not in self.banned

    def has(self, concept: str) -> bool:
        return any(s.concept == concept or s.family == concept for s in self.subjects)

    def count_of(self, concept: str) -> int:
        return sum(s.count for s in self.subjects if s.concept == concept or s.family == concept)


def tokenize(text: str) -> list[Token]:
    en, zh, longest = _tables()
    raw: list[tuple[str, int]] = [(m.group(0), m.start()) for m in _TOKEN.finditer(text or "")]
    tokens: list[Token] = []
    i = 0
    while i < len(raw):
        word, pos = raw[i]
        if _CJK.match(word):
            tokens.extend(_segment_chinese(word, pos, zh, longest))
            i += 1
            continue
        # English: try the longest phrase of up to four words first
        matched = False
        for n in (4, 3, 2):
            if i + n > len(raw) or any(_CJK.match(w) for w, _ in raw[i:i + n]):
                continue
            phrase = " ".join(_norm(w) for w, _ in raw[i:i + n])
            last = phrase.rsplit(" ", 1)[-1]
            single = phrase[:-len(last)] + vocab.singular(last)          # "egg tarts" -> "egg tart"
            if phrase in en or (single != phrase and en.get(single, Entry("stop")).kind == "subject"):
                end = raw[i + n - 1][1] + len(raw[i + n - 1][0])
                plural = phrase not in en
                tokens.append(Token(text[pos:end], en[single if plural else phrase], pos, plural=plural))
                i += n
                matched = True
                break
        if matched:
            continue
        low = _norm(word)
        if low.isdigit():
            tokens.append(Token(word, Entry("count", int(low)), pos))
        elif low in en:
            tokens.append(Token(word, en[low], pos, plural=_listed_plural(low, en)))
        else:
            single = vocab.singular(low)
            entry = en.get(single)
            tokens.append(Token(word, entry, pos, plural=entry is not None and single != low))
        i += 1
    return tokens


def _listed_plural(low: str, en: dict[str, Entry]) -> bool:
    """A plural the word table lists as it is: "children", "friends", "puppies" (not "fish")."""
    if low in vocab.IRREGULAR_PLURALS:
        return low != "fish"
    single = vocab.singular(low)
    entry = en.get(low)
    return (single != low and entry is not None and entry.kind == "subject" and en.get(single) == entry
            and all(c in vocab.CHARACTERS for c in entry.value))


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s")


def _segment_chinese(run: str, pos: int, zh: dict[str, Entry], longest: int) -> list[Token]:
    out: list[Token] = []
    unknown_start = None
    i = 0
    while i < len(run):
        for n in range(min(longest, len(run) - i), 0, -1):
            piece = run[i:i + n]
            if piece in zh:
                if unknown_start is not None:
                    out.append(Token(run[unknown_start:i], None, pos + unknown_start))
                    unknown_start = None
                out.append(Token(piece, zh[piece], pos + i))
                i += n
                break
        else:
            if unknown_start is None:
                unknown_start = i
            i += 1
    if unknown_start is not None:
        out.append(Token(run[unknown_start:], None, pos + unknown_start))
    return out


def _negative_keys(entry: Entry) -> list[str]:
    if entry.kind == "subject":
        return list(entry.value)
    if entry.kind in ("colour", "time", "weather", "mood", "light", "setting", "style", "action", "part"):
        return [f"{entry.kind}:{entry.value}"]
    if entry.kind == "prop":
        return [str(entry.value)]
    if entry.kind == "banned":
        return [entry.value]
    return []


# Between a colour and the thing it colours there may only be other colours, "and", 的, sizes, counts and
# actions ("a big red dragon", "red and gold balloons", "紅色的大龍", "a red flying pig"). Anything else
# (a stop word, punctuation, a time, a place) means the colour stands alone: "in red and gold".
COLOUR_LINKS = {"and", "or", "的", "和", "與", "又", "同", "及"}
COLOUR_PASS = ("colour", "size", "count", "action")
# Words that show "flying" has an object ("flying a kite", "flying their kites"), so the flier is the kite.
DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "some", "this", "that",
               "these", "those"}
HOLDING_WORDS = {"with", "holding", "holds", "carrying", "carries", "拿着", "拿著", "拎住", "揸住", "手拿", "拎", "揸"}
_BREAK = re.compile(r"[,.;:!?()\[\]{}\n，。；：！？、（）「」『』]")


class _Reader:
    """One pass over the prompt's tokens, keeping what is still waiting for its noun.

    Colours wait for the very next thing (see COLOUR_LINKS); counts and sizes wait up to PENDING_REACH
    content words; an action joins the subject just before it (or the next one); accessories go to the
    nearest character; "flying a kite" gives the flier a kite to hold instead of wings.
    """

    def __init__(self, prompt: str, plan: Plan):
        self.prompt, self.plan = prompt, plan
        self.tokens = tokenize(prompt)
        self.used: list[tuple[int, str]] = []
        self.props: list[tuple[str, str, int]] = []
        self.count: tuple[int, str, int] | None = None
        self.size: tuple[float, str, int] | None = None
        self.colours: list[tuple[str, str, int]] = []
        self.actions: list[tuple[str, str, int]] = []
        self.accessories: list[tuple[str, str | None, list[tuple[int, str]]]] = []   # waiting for a wearer
        self.holds: tuple[str, int, str] | None = None        # (what, pos, word) waiting for its holder
        self.holder: Subject | None = None                    # "a panda flying a ...": waiting for the kite
        self.age = 0
        self.ages: list[tuple[int | None, list[tuple[int, str]]]] = []     # an age before its person
        self.last: Subject | None = None
        self.last_age = 99
        self.wearer: Subject | None = None

    # ---- helpers ------------------------------------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """The text between token i-1 and token i (spaces, punctuation)."""
        if i <= 0 or i >= len(self.tokens):
            return ""
        prev = self.tokens[i - 1]
        return self.prompt[prev.pos + len(prev.text):self.tokens[i].pos]

    def kind(self, i: int) -> str | None:
        if i >= len(self.tokens):
            return None
        entry = self.tokens[i].entry
        return entry.kind if entry is not None else "unknown"

    def banned(self, key: str) -> bool:
        return key in self.plan.banned

    def release_colours(self) -> None:
        """Colours that found no thing of their own tint the picture ("in red and gold")."""
        for colour, word, p in self.colours:
            if not self.banned(f"colour:{colour}"):
                self.plan.free_colours.append(colour)
                self.used.append((p, word))
        self.colours.clear()

    def expire(self) -> None:
        self.release_colours()
        self.count = None
        self.size = None

    def take_colours(self, words: list[tuple[int, str]]) -> list[str]:
        taken = []
        for colour, word, p in self.colours:
            if not self.banned(f"colour:{colour}"):
                taken.append(colour)
                words.append((p, word))
        self.colours.clear()
        return taken

    # ---- the pass -------------------------------------------------------------------------------------------------
    def run(self) -> None:
        i = 0
        while i < len(self.tokens):
            i = self.step(i)
        self.expire()
        plan = self.plan
        for _action, word, _p in self.actions:          # "flying" with no subject at all: not applied
            _add_unique(plan.not_understood, word)
        for name, colour, words in self.accessories:    # "a red scarf" with nobody to wear it
            _add_unique(plan.not_understood, self.phrase(words))
        if self.holds is not None:                      # 放風箏 with nobody there: the kite still flies
            self.used.append((self.holds[1], self.holds[2]))
        for _age, words in self.ages:                   # "80 years old" with nobody to be that old
            _add_unique(plan.not_understood, self.phrase(words))

    def phrase(self, words: list[tuple[int, str]]) -> str:
        first = min(p for p, _w in words)
        last_p, last_w = max(words)
        return self.prompt[first:last_p + len(last_w)]

    def step(self, i: int) -> int:
        tok = self.tokens[i]
        kind = self.kind(i)
        if self.colours and kind != "colour":
            broken = bool(_BREAK.search(self.gap(i)))
            link = kind == "stop" and tok.text.lower() in COLOUR_LINKS
            if broken or not (link or kind in COLOUR_PASS + ("subject", "part", "accessory", "prop", "unknown")):
                self.release_colours()
            elif kind == "unknown":
                return self.coloured_unknown(i)
        if kind == "stop":
            return i + 1
        handler = getattr(self, f"on_{kind}", None)
        if handler is not None:
            return handler(i, tok)
        return self.on_other(i, tok, kind)

    def coloured_unknown(self, i: int) -> int:
        """A colour, then a word the engine does not know. In English one or two unknown words right before a
        known thing are describing words ("a red fluffy cat"); otherwise the unknown word is what the colour
        belongs to ("a red scarf", "golden horns", 紅色頸巾), so the whole phrase is reported and nothing else
        is recoloured."""
        j = i
        while (j + 1 < len(self.tokens) and self.kind(j + 1) == "unknown" and self.tokens[j].text.isascii()
               and not self.gap(j + 1).strip(" -")):
            j += 1
        nxt = self.kind(j + 1)
        describing = (self.tokens[i].text.isascii() and j - i < 2 and nxt in ("subject", "accessory")
                      and not self.gap(j + 1).strip(" -"))
        if describing:
            for k in range(i, j + 1):
                self.on_unknown(k, self.tokens[k])
            return j + 1
        words = [(p, w) for _c, w, p in self.colours] + [(self.tokens[j].pos, self.tokens[j].text)]
        _add_unique(self.plan.not_understood, self.phrase(words))
        self.colours.clear()
        self.age += 1
        self.last_age += 1
        return j + 1

    def on_colour(self, i: int, tok: Token) -> int:
        if self.colours and _BREAK.search(self.gap(i)) and not re.fullmatch(r"\s*[,、，]\s*", self.gap(i)):
            self.release_colours()                    # "red. Blue cat": a new sentence
        self.colours.append((str(tok.entry.value), tok.text, tok.pos))
        self.age = 0
        return i + 1

    def on_count(self, i: int, tok: Token) -> int:
        n = int(tok.entry.value)
        if self.count and self.count[2] + len(self.count[1]) == tok.pos and tok.text[0] in vocab.ZH_NUMBERS:
            before = self.count[0]                      # 八十 -> 80, 十二 -> 12
            n = before * 10 if tok.text == "十" else before + n
            self.count = (n, self.count[1] + tok.text, self.count[2])
            self.age = 0
            return i + 1
        self.count = (n, tok.text, tok.pos)
        self.age = 0
        return i + 1

    def on_size(self, i: int, tok: Token) -> int:
        self.size = (float(tok.entry.value), tok.text, tok.pos)
        self.age = 0
        return i + 1

    def on_age(self, i: int, tok: Token) -> int:
        """"80 years old", 八十歲: the number waiting before it is the age of the person just named (or the
        next one)."""
        words = [(tok.pos, tok.text)] + ([(self.count[2], self.count[1])] if self.count else [])
        age = self.count[0] if self.count else None
        self.count = None
        person = self.last if (self.last is not None and self.last.family == "child"
                               and self.last_age <= PENDING_REACH) else None
        if person is None:
            self.ages.append((age, words))
        else:
            person.age = age
            person.words.extend(words)
        return i + 1

    def on_subject(self, i: int, tok: Token) -> int:
        plan = self.plan
        if tok.entry.value == ("baby",) and self.kind(i + 1) == "subject" and not self.gap(i + 1).strip() \
                and self.tokens[i + 1].entry.value[0] in vocab.CHARACTERS:
            self.size = (0.8, tok.text, tok.pos)         # "a baby dragon", "baby brother": small, not a baby
            return i + 1
        colours_words: list[tuple[int, str]] = []
        colours = self.take_colours(colours_words)
        if self.holder is None and any(c in vocab.HELD for c in tok.entry.value) and self.held_with(i):
            self.holder = self.last
        for concept in tok.entry.value:
            subj = Subject(concept)
            subj.words.append((tok.pos, tok.text))
            if self.count is not None:
                subj.count = max(1, min(MAX_COUNT, self.count[0]))
                subj.words.append((self.count[2], self.count[1]))
            elif tok.plural or len(tok.entry.value) > 1 and concept in vocab.PLURAL_COUNT:
                subj.count = vocab.PLURAL_COUNT.get(concept, 2)      # "Mid-Autumn": lanterns, not a lantern
            subj.colours.extend(colours)
            subj.words.extend(colours_words)
            if self.size is not None:
                subj.size = self.size[0]
                subj.words.append((self.size[2], self.size[1]))
            for action, word, p in self.actions:
                if not self.banned(f"action:{action}"):
                    setattr(subj, action, True)
                    subj.words.append((p, word))
            subj.implied = len(tok.entry.value) > 1
            twin = next((s for s in plan.subjects if s.concept == concept), None)
            if twin is not None and (concept in vocab.SCENERY or (self.count is None and not colours
                                                                  and not tok.plural)):
                twin.words.append((tok.pos, tok.text))       # "the cat" again: the same cat
                subj = twin
            elif twin is not None and twin.implied and not subj.implied:
                counted = self.count is not None or tok.plural      # 中秋節…燈籠: still the festival's lanterns
                twin.count = subj.count if counted else twin.count
                twin.colours, twin.size, twin.implied = subj.colours, subj.size, False
                twin.words.extend(subj.words)                 # "Mid-Autumn, lanterns": the festival's lanterns
                subj = twin
            else:
                plan.subjects.append(subj)
            self.arrive(subj)
        self.count, self.size = None, None
        self.actions.clear()
        self.age = 0
        return i + 1

    def held_with(self, i: int) -> bool:
        """"a panda with a red kite", 熊貓拿着紅色風箏: "with" or "holding" before a kite or balloon, after a
        character."""
        if self.last is None or self.last.concept not in vocab.HOLDERS or self.last_age > PENDING_REACH:
            return False
        j = i - 1
        while j >= 0 and (self.kind(j) in ("colour", "size", "count") or self.tokens[j].text.lower() in DETERMINERS):
            j -= 1
        return j >= 0 and self.tokens[j].text.lower() in HOLDING_WORDS

    def arrive(self, subj: Subject) -> None:
        """A subject has just been named: it may be the holder or the held thing someone was waiting for,
        and the wearer of accessories named before it (戴紅色頸巾的熊貓)."""
        concept = subj.concept
        if concept in vocab.HELD and self.holder is not None:
            self.holder.holding = concept              # "a panda flying a kite"
            self.holder = None
        if concept in vocab.HOLDERS and self.holds is not None:
            subj.holding = self.holds[0]               # 放風箏的熊貓
            subj.words.append((self.holds[1], self.holds[2]))
            self.holds = None
        if subj.family == "child" and self.ages:
            subj.age, words = self.ages.pop(0)
            subj.words.extend(words)
        if concept in vocab.WEARERS:
            for name, colour, words in self.accessories:
                subj.accessories[name] = colour
                subj.words.extend(words)
            self.accessories.clear()
            self.wearer = subj
        self.last = subj
        self.last_age = 0

    def on_part(self, i: int, tok: Token) -> int:
        if self.colours:
            colour, word, p = self.colours[0]
            if not self.banned(f"colour:{colour}"):
                self.plan.part_colours[str(tok.entry.value)] = colour
                self.used.extend([(p, word), (tok.pos, tok.text)])
            self.colours.clear()
        else:
            self.used.append((tok.pos, tok.text))
        return i + 1

    def on_prop(self, i: int, tok: Token) -> int:
        words: list[tuple[int, str]] = []
        colours = self.take_colours(words)
        if colours:
            self.plan.prop_colours.setdefault(str(tok.entry.value), colours[0])
        self.props.append((str(tok.entry.value), tok.text, tok.pos, words))
        return i + 1

    def on_accessory(self, i: int, tok: Token) -> int:
        name = str(tok.entry.value)
        words: list[tuple[int, str]] = []
        colours = self.take_colours(words)
        words.append((tok.pos, tok.text))
        colour = colours[0] if colours else None
        if self.banned(name):
            return i + 1
        if self.wearer is not None and (tok.plural or tok.text.lower() == "scarves"):
            for subj in self.plan.subjects:           # "a cat and a dog wearing hats": everyone wears one
                if subj.concept in vocab.WEARERS:
                    subj.accessories[name] = colour
                    subj.words.extend(words)
        elif self.wearer is not None:                # "a panda with a red scarf": the character before
            self.wearer.accessories[name] = colour
            self.wearer.words.extend(words)
        else:                                        # 戴紅色頸巾的熊貓: the character after
            self.accessories.append((name, colour, words))
        return i + 1

    def on_fly_kite(self, i: int, tok: Token) -> int:
        """放風箏: a kite in the sky, held by the character before it or the next one."""
        kite = next((s for s in self.plan.subjects if s.concept == "kite"), None)
        if kite is None:
            kite = Subject("kite")
            self.plan.subjects.append(kite)
        holder = self.last if (self.last is not None and self.last.concept in vocab.HOLDERS
                               and self.last_age <= PENDING_REACH) else None
        if holder is not None:
            holder.holding = "kite"
            holder.words.append((tok.pos, tok.text))
        else:
            self.holds = ("kite", tok.pos, tok.text)
        return i + 1

    def flies_something(self, i: int) -> bool:
        """Is "flying" at token i followed by its object ("flying a kite", "flying kites")? Then the one
        before it is not flying itself. "flying over the sea", "flying high" have no object."""
        tok = self.tokens[i]
        if not tok.text.isascii() or self.last is None or self.last.concept not in vocab.HOLDERS \
                or self.last_age > PENDING_REACH:
            return False
        j = i + 1
        if j < len(self.tokens) and _BREAK.search(self.gap(j)):
            return False
        if j < len(self.tokens) and self.tokens[j].text.lower() in DETERMINERS:
            return True
        return self.kind(j) in ("count", "colour", "size") or (
            self.kind(j) == "subject" and any(c in vocab.HELD for c in self.tokens[j].entry.value))

    def on_action(self, i: int, tok: Token) -> int:
        action = str(tok.entry.value)
        if action == "flying" and self.flies_something(i):
            held = next((self.tokens[j].entry.value for j in range(i + 1, min(i + 5, len(self.tokens)))
                         if self.kind(j) == "subject"), ())
            if any(c in vocab.HELD for c in held):
                self.holder = self.last                  # the kite or balloon will say "held by"
                self.last.words.append((tok.pos, tok.text))
            else:                                        # "flying a plane": no wings, and no plane either
                _add_unique(self.plan.not_understood, tok.text)
            return i + 1
        if self.last is not None and self.last_age <= PENDING_REACH:
            if not self.banned(f"action:{action}"):
                setattr(self.last, action, True)
                self.last.words.append((tok.pos, tok.text))
        else:
            self.actions.append((action, tok.text, tok.pos))
        return i + 1

    def on_unknown(self, i: int, tok: Token) -> int:
        return self.on_other(i, tok, "unknown")

    def on_other(self, i: int, tok: Token, kind: str) -> int:
        """Any other content word ages what is waiting; time, weather, mood, light, setting and style apply."""
        plan = self.plan
        self.age += 1
        self.last_age += 1
        if self.age > PENDING_REACH:
            self.expire()
        if kind in ("unknown", "banned"):
            _add_unique(plan.not_understood, tok.text)
            return i + 1
        key = f"{kind}:{tok.entry.value}"
        if key in plan.banned:
            return i + 1
        value = str(tok.entry.value)
        if kind == "weather":
            if value not in plan.weather:
                plan.weather.append(value)
            self.used.append((tok.pos, tok.text))
        elif kind in ("time", "mood", "light", "setting", "style") and getattr(plan, kind) in (None, value):
            setattr(plan, kind, value)              # 學校操場: a second word for the same place is understood
            self.used.append((tok.pos, tok.text))
        return i + 1


def read(prompt: str, negative: str | None = None, style: str | None = None) -> Plan:
    plan = Plan()
    # ---- the negative prompt: what must not be drawn --------------------------------------------------------
    for tok in tokenize(negative or ""):
        if tok.entry is None:
            continue
        keys = _negative_keys(tok.entry)
        if keys:
            plan.banned.update(keys)
            _add_unique(plan.left_out, tok.text)

    # ---- the prompt ----------------------------------------------------------------------------------------
    reader = _Reader(prompt, plan)
    reader.run()
    used = reader.used

    # ---- "me" with nobody else in the picture is a child ("me at the beach"), and so is "I" or 我 with a feeling
    # or a place (「我好嬲」, 「我去游水」); "I want a sunset" and 幫我畫 are only asking ------------------------------
    me = _ME.search(prompt or "") or ((plan.mood or _I_GO.search(prompt or "")) and _I.search(prompt or ""))
    if me and not any(s.concept in vocab.CHARACTERS for s in plan.subjects):
        plan.subjects.insert(0, Subject("child", words=[(me.start(), me.group())]))

    for subj in plan.subjects:
        subj.concept = _aged(subj.concept, subj.age)

    # ---- what the negative prompt takes away ------------------------------------------------------------------
    kept = []
    for subj in plan.subjects:
        if plan.allows(subj.concept):
            kept.append(subj)
            used.extend(subj.words)
    plan.subjects = kept
    carrier = any(s.family == "child" for s in kept)
    for prop, word, p, colour_words in reader.props:
        if carrier and prop not in plan.banned:
            plan.props.add(prop)
            used.extend([(p, word), *colour_words])
        elif prop not in plan.banned:
            _add_unique(plan.not_understood, word)
    if "light:dark" in plan.banned and plan.light == "dark":
        plan.light = None
    if style is not None:
        plan.style = style
    used.sort(key=lambda pw: pw[0])
    for _p, word in used:
        _add_unique(plan.understood, word)
    return plan


def _aged(concept: str, age: int | None) -> str:
    """Who to draw for a person of this age: "a boy, 80 years old" is a grandpa, 「一歲」 a baby."""
    if age is None or concept not in ("child", "girl", "boy", "mum", "dad", "grandma", "grandpa"):
        return concept
    woman = concept in ("girl", "mum", "grandma")
    if age <= 2:
        return "baby"
    if age >= 60:
        return "grandma" if woman else "grandpa"
    if age >= 20 and concept in ("child", "girl", "boy"):
        return "mum" if woman else "dad"
    return concept


_ME = re.compile(r"(?i)(?<!draw )(?<!show )(?<!give )(?<!make )(?<!paint )(?<!for )\b(?:me|myself)\b")
_I = re.compile(r"(?i)\b(?:i|i'm|i am)\b|(?<![幫俾畀給])我(?!們|哋)")
_I_GO = re.compile(r"(?i)\bi(?:'m| am)? (?:go|went|at|in|on)\b|我(?:去|喺|在|坐|游)")


def _add_unique(words: list[str], word: str) -> None:
    if word.lower() not in (w.lower() for w in words):
        words.append(word)
