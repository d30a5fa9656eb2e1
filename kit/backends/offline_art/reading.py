"""Read a prompt (English, Traditional Chinese or both mixed) into a ``Plan`` the painter can follow.

English is split into words and matched phrase-first ("outer space" before "space"); Chinese has no
spaces, so it is cut by longest match against the word table, and runs of unknown characters are kept
together as one unknown word. An adjective (colour, number, size) is attached to the next subject.
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
            if phrase in en:
                end = raw[i + n - 1][1] + len(raw[i + n - 1][0])
                tokens.append(Token(text[pos:end], en[phrase], pos))
                i += n
                matched = True
                break
        if matched:
            continue
        low = _norm(word)
        if low.isdigit():
            tokens.append(Token(word, Entry("count", int(low)), pos))
        elif low in en:
            tokens.append(Token(word, en[low], pos, plural=low in vocab.IRREGULAR_PLURALS and low != "fish"))
        else:
            single = vocab.singular(low)
            entry = en.get(single)
            tokens.append(Token(word, entry, pos, plural=entry is not None and single != low))
        i += 1
    return tokens


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
    used: list[tuple[int, str]] = []
    pend_count: tuple[int, str, int] | None = None
    pend_colours: list[tuple[str, str, int]] = []
    pend_size: tuple[float, str, int] | None = None
    pend_actions: list[tuple[str, str, int]] = []
    age = 0
    interrupted = False            # an unknown word came between a colour and what follows it
    last_subject: Subject | None = None
    last_subject_age = 99

    def expire() -> None:
        nonlocal pend_count, pend_size
        for colour, word, p in pend_colours:
            if f"colour:{colour}" not in plan.banned:
                plan.free_colours.append(colour)
                used.append((p, word))
        pend_colours.clear()
        pend_count = None
        pend_size = None

    props: list[tuple[str, str, int]] = []
    tokens = tokenize(prompt)
    for tok in tokens:
        entry = tok.entry
        if entry is not None and entry.kind == "stop":
            continue
        kind = entry.kind if entry is not None else "unknown"
        if kind in ("count", "colour", "size"):
            age = 0
            interrupted = False
            if kind == "count":
                pend_count = (int(entry.value), tok.text, tok.pos)
            elif kind == "colour":
                pend_colours.append((str(entry.value), tok.text, tok.pos))
            else:
                pend_size = (float(entry.value), tok.text, tok.pos)
            continue
        if kind == "subject":
            for concept in entry.value:
                subj = Subject(concept)
                subj.words.append((tok.pos, tok.text))
                if pend_count is not None:
                    subj.count = max(1, min(MAX_COUNT, pend_count[0]))
                    subj.words.append((pend_count[2], pend_count[1]))
                elif tok.plural:
                    subj.count = vocab.PLURAL_COUNT.get(concept, 2)
                for colour, word, p in pend_colours:
                    if f"colour:{colour}" not in plan.banned:
                        subj.colours.append(colour)
                        subj.words.append((p, word))
                if pend_size is not None:
                    subj.size = pend_size[0]
                    subj.words.append((pend_size[2], pend_size[1]))
                for action, word, p in pend_actions:
                    if f"action:{action}" not in plan.banned:
                        setattr(subj, action, True)
                        subj.words.append((p, word))
                twin = next((s for s in plan.subjects if s.concept == concept), None)
                if twin is not None and pend_count is None and not pend_colours and not tok.plural:
                    twin.words.append((tok.pos, tok.text))       # "the cat" again: the same cat
                    subj = twin
                else:
                    plan.subjects.append(subj)
                last_subject = subj
            pend_count, pend_size = None, None
            pend_colours.clear()
            pend_actions.clear()
            age = 0
            interrupted = False
            last_subject_age = 0
            continue
        if kind == "part":
            if pend_colours and not interrupted:
                colour, word, p = pend_colours[0]
                if f"colour:{colour}" not in plan.banned:
                    plan.part_colours[str(entry.value)] = colour
                    used.extend([(p, word), (tok.pos, tok.text)])
                pend_colours.clear()
            else:
                used.append((tok.pos, tok.text))
            continue
        if kind == "prop":
            props.append((str(entry.value), tok.text, tok.pos))
            continue
        if kind == "action":
            action = str(entry.value)
            if last_subject is not None and last_subject_age <= PENDING_REACH:
                if f"action:{action}" not in plan.banned:
                    setattr(last_subject, action, True)
                    last_subject.words.append((tok.pos, tok.text))
            else:
                pend_actions.append((action, tok.text, tok.pos))
            continue
        # any other content word ages what is pending
        age += 1
        last_subject_age += 1
        if age > PENDING_REACH:
            expire()
        if kind == "unknown" or kind == "banned":
            interrupted = True
            _add_unique(plan.not_understood, tok.text)
            continue
        key = f"{kind}:{entry.value}"
        if key in plan.banned:
            continue
        value = str(entry.value)
        if kind == "time" and plan.time is None:
            plan.time = value
            used.append((tok.pos, tok.text))
        elif kind == "weather":
            if value not in plan.weather:
                plan.weather.append(value)
            used.append((tok.pos, tok.text))
        elif kind == "mood" and plan.mood is None:
            plan.mood = value
            used.append((tok.pos, tok.text))
        elif kind == "light" and plan.light is None:
            plan.light = value
            used.append((tok.pos, tok.text))
        elif kind == "setting" and plan.setting is None:
            plan.setting = value
            used.append((tok.pos, tok.text))
        elif kind == "style" and plan.style is None:
            plan.style = value
            used.append((tok.pos, tok.text))
    expire()
    for action, word, _p in pend_actions:          # "flying" with no subject at all: not applied
        _add_unique(plan.not_understood, word)

    # ---- what the negative prompt takes away ------------------------------------------------------------------
    kept = []
    for subj in plan.subjects:
        if plan.allows(subj.concept):
            kept.append(subj)
            used.extend(subj.words)
    plan.subjects = kept
    carrier = any(s.family == "child" for s in kept)
    for prop, word, p in props:
        if carrier and prop not in plan.banned:
            plan.props.add(prop)
            used.append((p, word))
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


def _add_unique(words: list[str], word: str) -> None:
    if word.lower() not in (w.lower() for w in words):
        words.append(word)
