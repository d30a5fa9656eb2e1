"""Prose: a story, poem, continuation or answer as a plan of sentences, then shaped to the persona's voice, the length asked and the language."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import world
from .answers import (
    _EASY_RE,
    _EASY_WORDS,
    _PIRATE_RE,
    _PIRATE_WORDS,
    ANYONE_CAN,
    FACTS,
    FILLERS,
    JOBS,
    KNOWN_A_LITTLE,
    MAX_SENTENCES,
    MAX_WORDS,
    PADS,
    PERSONAS,
    UNKNOWN,
)
from .cast import _Cast, _en_word, _fill, _lang, _written, _zh_word
from .picker import _Picker
from .request import _NUM_WORD, _ZH_NUM, _number, _Request
from .spotting import _STOP, _a, _keyword_regex, _spot
from .tokens import _IS_HAN, _overlap, _split
from .words import (
    ANIMALS,
    CONTINUE_OPENERS,
    COUPLETS,
    ENDINGS,
    ENDINGS_WILD,
    MIDDLES,
    OPENINGS,
    SIMPLE,
    SINGLE,
    Named,
)


# --- plans: a first sentence, as many middle ones as needed, and an ending --------------------------
@dataclass
class _Plan:
    first: str
    last: str | None
    single: str
    more: Callable[[int], str]       # the n-th middle sentence
    kind: str = "prose"
    pair_first: str | None = None    # the opening when only two sentences are wanted

    def take(self, n: int) -> list:
        if n <= 1:
            return [self.single]
        if n == 2 and self.last and self.pair_first:
            return [self.pair_first, self.last]
        middle = [self.more(i) for i in range(n - (2 if self.last else 1))]
        return [self.first, *middle] + ([self.last] if self.last else [])


def _cycle(items: list, lang: str) -> Callable[[int], str]:
    """Middle sentences on demand; when the list runs out it starts again with 'After that,' (long texts)."""
    def more(i: int) -> str:
        text = items[i % len(items)]
        if i < len(items):
            return text
        return ("之後，" + text) if lang == "zh" else "After that, " + text[:1].lower() + text[1:]
    return more


def _story_plan(cast: _Cast, pick: _Picker, lang: str, simple: bool) -> _Plan:
    """Opening, middle events (the child's own object, feeling and second place come first), ending."""
    slots = cast.slots(lang)
    if simple:
        lines = [_fill(t, slots, lang) for t in SIMPLE]
        return _Plan(lines[0], lines[-1], lines[0], _cycle(lines[1:-1], lang))
    forced = ["obj"] * cast.user_thing + ["feeling"] * cast.user_feeling + ["place2"] * bool(cast.place2) \
        + ["friend"] * bool(cast.met)
    usable = [m for m in MIDDLES if m[0] != "place2" or cast.place2]
    must = [next(m for m in usable if m[0] == f) for f in forced]
    rest = pick.sample([m for m in usable if m not in must], len(usable) - len(must))
    middles = sorted(must + rest[:3], key=usable.index) + rest[3:]
    first = _fill(pick.pick(OPENINGS), slots, lang)
    if cast.premise:                    # 「婆婆教孫仔整點心」: the child's own premise opens the story
        about = re.search(rf"關於{re.escape(cast.premise[:4])}", _written(cast.prompt))
        first = f"這是一個關於{cast.premise}的故事。" if about else f"有一次，{cast.premise}。"
    # A two-sentence story has no middle, so the child's object, feeling or second place joins the opening.
    extra = [t for flag, t in [(cast.user_thing, ("with {obj} close by", "身邊還有{obj}")),
                                (cast.user_feeling, ("feeling {feeling}", "心裏覺得很{feeling}")),
                                (cast.place2, ("dreaming of {place2}", "夢想去{place2}"))] if flag]
    joined = (", " if lang == "en" else "，").join(_fill(t, slots, lang) for t in extra)
    pair_first = (first[:-1] + (", " if lang == "en" else "，") + joined + first[-1]) if extra else first
    last = _fill(pick.pick(ENDINGS, ENDINGS_WILD), slots, lang)
    single = _fill(SINGLE, slots, lang)
    lines = [_fill(m[1:], slots, lang) for m in middles]
    told = [_fill(m[1:], slots, lang) for m in middles if m in must]
    more = _cycle(told + _world_lines(cast, pick, lang) + [line for line in lines if line not in told], lang)
    return _Plan(first, last, single, more, pair_first=pair_first)


def _world_lines(cast: _Cast, pick: _Picker, lang: str) -> list:
    """A middle sentence for each person, food, festival, means of transport, further thing and weather the
    prompt names and the opening has not said yet, in the child's own words."""
    slots, lines = cast.slots(lang), []
    festival = re.compile(r"Festival|New Year|Christmas")
    named = [(item.kind, item, said) for item, said in cast.world]
    named += [("thing", Named("thing", t.words, t.en, t.zh), t.en) for t in cast.extra_things]
    for kind, item, said in named:
        if lang == "zh":
            word = _zh_word(item, said)
        elif kind in ("person", "job"):
            word = (_a(_en_word(item, said)) if kind == "job" else f"the {_en_word(item, said)}")
        elif kind == "event":
            word = item.en                  # "the Mid-Autumn Festival", not "mid autumn"
        else:
            word = said.lower() if said.isascii() else item.en
        templates = world.MIDDLES["person" if kind == "job" else kind]
        if kind == "event":                 # "It was the lion dance" would not do: only festivals are days
            templates = templates[:1] if festival.search(item.en) else templates[1:]
        template = pick.pick(templates)
        lines.append(_lang(template, lang).format(ref=slots["ref"], it=word, it_cap=word[:1].upper() + word[1:]))
    if cast.weather in world.WEATHER_LINES:
        lines.append(_lang(world.WEATHER_LINES[cast.weather], lang))
    return [line[:1].upper() + line[1:] for line in lines]


def _poem_plan(cast: _Cast, lang: str) -> _Plan:
    slots = cast.slots(lang)
    lines = [_fill(c, slots, lang) for c in COUPLETS]
    for item, said in cast.world[:2]:          # a poem about the Mid-Autumn Festival says so
        word = _zh_word(item, said) if lang == "zh" else (item.en if item.kind == "event" else said.lower())
        lines.insert(1, _fill(world.POEM_LINE, {**slots, "it": word}, lang))
    return _Plan(lines[0], lines[-1], lines[0], _cycle(lines[1:-1], lang), kind="poem")


def _continue_plan(cast: _Cast, pick: _Picker, lang: str, prev: str) -> _Plan:
    """What happens next: new events for the same hero, skipping any the story already told."""
    told = _split(prev, lang)
    story = _story_plan(cast, pick, lang, False).take(12)
    fresh = [s for s in dict.fromkeys(story[1:]) if all(_overlap(s, old) < 0.5 for old in told)] or story[1:]
    first = _fill(pick.pick(CONTINUE_OPENERS), cast.slots(lang), lang)
    last = next((s for s in reversed(fresh) if s in story[-1:]), fresh[-1])
    middles = [s for s in fresh if s != last] or fresh
    return _Plan(first, last, first, _cycle(middles, lang))


def _answer_plan(req: _Request) -> _Plan:
    """A job gets its kind sentence, a known topic its facts, an animal its one fact, anything else an honest
    'I know a little'."""
    lang, fillers = req.lang, [_lang(f, req.lang) for f in FILLERS]
    subject = _topic(req)
    job = _job(subject)
    if job is not None:
        _words, en, zh, en_says, zh_says = job
        says = en_says[:1].lower() + en_says[1:] if lang == "en" else zh_says
        lines = [_lang(KNOWN_A_LITTLE, lang).format(fact=says),
                 _lang(ANYONE_CAN, lang).format(job=en if lang == "en" else zh)] + _lang(UNKNOWN, lang)[1:]
        return _Plan(lines[0], None, lines[0], _cycle(lines[1:] + fillers, lang))
    topic = req.low
    for word in (w for a in ANIMALS for w in a.words if _IS_HAN.search(w)):
        topic = topic.replace(word, " ")         # 海豚 is a dolphin question, not a sea (海) question
    known = (_lang((en, zh), lang) for words, en, zh in FACTS if _keyword_regex(words).search(topic))
    lines = next(known, None)
    if lines is None:
        spotted = _spot(req.prompt)
        if spotted.animals:
            fact = _lang(spotted.animals[0][0].fact, lang)
            lines = [_lang(KNOWN_A_LITTLE, lang).format(fact=fact)] + _lang(UNKNOWN, lang)[1:]
        else:
            lines = [line.format(topic=subject) for line in _lang(UNKNOWN, lang)]
    return _Plan(lines[0], None, lines[0], _cycle(lines[1:] + fillers, lang))


_JOB_RES = [(_keyword_regex(sorted(job[0], key=len, reverse=True)), job) for job in JOBS]


def _job(topic: str):
    """The community job a question's topic names ('a nurse', 'police officers', '護士'), or None."""
    return next((job for regex, job in _JOB_RES if regex.search(topic)), None)


# After "What does a nurse ..." the subject ends at its verb: "do", "wear", "start running" ...
_TOPIC_VERB_WORDS = """
do make mean eat wear use need have look like say help work live sound feel become study learn carry drive cook
grow fly teach want think know see smell play build keep find fix give get go bring start begin open happen come
leave arrive end finish stop run sleep hunt move travel talk sing cost weigh belong hold save protect
"""
_TOPIC_VERBS = set(_TOPIC_VERB_WORDS.split())
_AUX = r"is|are|was|were|does|do|did|can|could|will|would|should"


def _topic(req: _Request) -> str:
    """The thing a question is about: 'What is gravity?' -> 'gravity', 'What does a nurse do?' -> 'a nurse',
    「護士做甚麼？」 -> '護士'."""
    text = req.prompt.strip().rstrip("?？!！。. ")
    if req.lang == "zh":
        text = re.sub(r"^(?:請問|你知道|告訴我|介紹一下|介紹|說說|講講)", "", text)
        text = re.sub(r"^(?:甚麼是|什麼是|乜嘢係|咩係|咩嘢係)", "", text)
        text = re.sub(r"(?:嗎|呢|呀|啊|㗎)$", "", text)
        text = re.sub(r"(?:每天|平時|平日)?(?:的工作)?(?:是|係)?(?:在|喺)?(?:做|負責|幹)?(?:甚麼|什麼|乜嘢|乜|咩)"
                      r"(?:工作|事情|事|嘢|意思|東西)?(?:的|㗎|嘅)?$", "", text)
        text = re.sub(r"為甚麼|為什麼|點解|是甚麼|是什麼|係乜嘢|乜嘢係|[？?。，,]", "", text)
        text = re.sub(r"^(?:一個|一位|一名|一隻)", "", text)
        return text[:12] or "這個題目"
    m = re.match(rf"(?i)(?:(what|who|why|how|where|when|which)(?:['’]s)?\s+(?:({_AUX})\s+)?|"
                 r"tell me about\s+|explain\s+|describe\s+)", text)
    ask, aux = (m.group(1) or "", m.group(2) or "") if m else ("", "")
    if ask.lower() in ("why", "how") and aux.lower() not in ("do", "does", "did"):
        return "that"                    # "Why is the sky blue?": no one thing to name
    words = text[m.end():].split() if m else text.split()
    if aux.lower() in ("do", "does", "did", "can", "could", "will", "would", "should") and len(words) > 1:
        cut = next((i for i, w in enumerate(words) if i and w.lower() in _TOPIC_VERBS), len(words) - 1)
        words = words[:cut]              # "a nurse do all day" -> "a nurse"
    topic = " ".join(words[:6])
    topic = re.sub(r"['’]s (?:job|work)$", "", topic)
    if topic[:4] in ("The ", "An ", "A "):
        topic = topic[:1].lower() + topic[1:]
    return topic or "that"


# --- shaping prose: persona voice, length and language ----------------------------------------------
# Words that stay capitalised after a persona opener ("Arr, matey, Hong Kong is ...").
_PROPER = {"Hong", "Victoria", "Lantau", "Ocean", "Cheung", "Mong", "Qwen", "I", "Chinese", "Sai", "Star"}


def _join(sentences: list, lang: str, poem: bool = False) -> str:
    if lang == "zh":
        return ("\n\n" if poem else "").join(sentences)
    return ("\n\n" if poem else " ").join(sentences)


def _voice(sentences: list, req: _Request, opener: tuple, closing: bool, names: list) -> list:
    """Weave the persona into the first sentence, so exact sentence counts stay exact."""
    lang, out = req.lang, list(sentences)
    if opener and out and _lang(opener, lang):
        head = _lang(opener, lang).format(who=req.who)
        first = out[0]
        word = first.split()[0].strip(",") if first.split() else ""
        if lang == "en" and word not in _PROPER and not any(first.startswith(n) for n in names):
            first = first[:1].lower() + first[1:]
        out[0] = head + first
    closer = PERSONAS.get(req.persona, (None, None))[1]
    if closing and closer:
        out.append(_lang(closer, lang))
    if lang == "en" and (req.simple or req.persona == "pirate"):
        out = [_reword(s, req.simple, req.persona == "pirate") for s in out]
    return out


def _easy(m: re.Match) -> str:
    word = _EASY_WORDS[m.group(2)]
    return (m.group(1) + ("n " if word[0] in "aeiou" else " ") if m.group(1) else "") + word


def _pirate(m: re.Match) -> str:
    word = _PIRATE_WORDS[m.group().lower()]
    return word.capitalize() if m.group()[0].isupper() else word


@functools.lru_cache(maxsize=4096)
def _reword(sentence: str, simple: bool, pirate: bool) -> str:
    """Easy words for young children ("an eruption" -> "a big burst"), pirate words for pirates."""
    if simple:
        sentence = _EASY_RE.sub(_easy, sentence)
    return _PIRATE_RE.sub(_pirate, sentence) if pirate else sentence


def _count_words(text: str, lang: str) -> int:
    return len(_IS_HAN.findall(text)) if lang == "zh" else len(text.split())


def _trim_words(text: str, limit: int, lang: str) -> str:
    """Cut to ``limit`` words (Chinese: characters), ending neatly with a full stop."""
    if _count_words(text, lang) <= limit:
        return text
    if lang == "zh":
        seen, end = 0, 0
        for i, ch in enumerate(text):
            if _IS_HAN.match(ch):
                seen += 1
                if seen > limit:
                    break
            end = i + 1
        return text[:end].rstrip("，、：；,\n ") + "。"
    words = text.split()[:max(limit, 1)]
    while len(words) > 1 and words[-1].strip(",;:").lower() in _STOP | {"a", "an", "the", "and", "but", "so"}:
        words.pop()
    return " ".join(words).rstrip(",;:—-") .rstrip(".!?") + "."


def _shape(plan: _Plan, req: _Request, pick: _Picker, names: list, default_n: int) -> str:
    """Apply the asked length: a sentence count, a word limit, or the default 3-5 sentences."""
    lang, low, poem = req.lang, req.low, plan.kind == "poem" or req.persona == "poet"
    opener = pick.pick(PERSONAS[req.persona][0]) if req.persona in PERSONAS else None
    n, words = _ask_sentences(low), _ask_words(low)
    if n is None and words is None:
        if re.search(r"\bshort\b|\bbrief(?:ly)?\b|簡短|短故事|短篇|簡單講", low):
            n = 2
        elif re.search(r"\blong\b|長篇|長故事", low):
            n = 8
    if poem and plan.kind != "poem":     # a poet answering a question: short lines, broken at commas
        def lines(text):
            return text.replace(", ", ",\n") if text else text
        plan = _Plan(lines(plan.first), lines(plan.last), lines(plan.single),
                     lambda i, more=plan.more: lines(more(i)), kind="poem")
    if words is None or n is not None:
        count = n or default_n
        text = _join(_voice(plan.take(count), req, opener, n is None and words is None, names), lang, poem)
        return text if words is None else _trim_words(text, words[1], lang)
    low_w, high_w = words

    def build(count: int) -> list:
        return _voice(plan.take(count), req, opener, False, names)

    def size(parts: list) -> int:
        return _count_words(_join(parts, lang, poem), lang)

    good, bad = 1, 2          # the most sentences that fit: double, then halve the gap (a binary search)
    while bad < 256 and size(build(bad)) <= high_w:
        good, bad = bad, bad * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if size(build(mid)) <= high_w else (good, mid)
    best = build(good)
    for pad in PADS:          # top up with tiny sentences before the ending, so the length lands in range
        if size(best) >= low_w:
            break
        padded = best[:-1] + [_lang(pad, lang)] + best[-1:] if len(best) > 1 else best + [_lang(pad, lang)]
        if size(padded) <= high_w:
            best = padded
    if low_w <= size(best) <= high_w:
        return _join(best, lang, poem)
    return _trim_words(_join(build(bad if size(best) < low_w else good), lang, poem), high_w, lang)


def _ask_sentences(low: str) -> int | None:
    m = re.search(rf"\b{_NUM_WORD}[\s-]+(?:short\s+|simple\s+|long\s+)?(?:sentences?|lines?)\b", low)
    m = m or re.search(rf"{_ZH_NUM}\s*句", low)
    return min(max(1, _number(m.group(1))), MAX_SENTENCES) if m else None


def _ask_words(low: str) -> tuple | None:
    """(at least, at most) words. 'about' allows +-20% (we aim inside 10%); 'under' means at most."""
    m = re.search(r"\b(under|less than|fewer than|at most|no more than|not more than|maximum of|max|up to|"
                  rf"within|about|around|roughly|approximately|exactly)?\s*{_NUM_WORD}[\s-]+words?\b", low)
    zh = re.search(rf"(大約|大概|約|不超過|最多|少於)?\s*{_ZH_NUM}\s*個?字\s*(以內|以下|之內|內|左右)?", low)
    if m and _number(m.group(2)) > 1:
        how, n = m.group(1) or "in", _number(m.group(2))
    elif zh and _number(zh.group(2)) > 1:
        n = _number(zh.group(2))
        how = "about" if (zh.group(1) or "").startswith(("大", "約")) or zh.group(3) == "左右" else (
            "under" if zh.group(1) or zh.group(3) else "in")
    else:
        return None
    n = min(n, MAX_WORDS)
    if how in ("about", "around", "roughly", "approximately"):
        return max(1, round(n * 0.92)), max(1, round(n * 1.08))
    if how in ("under", "less than", "fewer than"):
        return max(1, round(n * 0.7)), max(1, n - 1)
    if how in ("at most", "no more than", "not more than", "maximum of", "max", "up to", "within"):
        return max(1, round(n * 0.7)), n
    return max(1, n - max(1, n // 10)), n
