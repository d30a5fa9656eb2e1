"""Spotting the characters, places, things, feelings and names a prompt mentions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import world
from .answers import JOBS
from .tokens import _IS_HAN
from .words import (
    _ADJ_ZH,
    ADJECTIVES,
    ANIMALS,
    COLOURS,
    FEELINGS,
    HERO_ADJ,
    PAGE_TIMES,
    PAGE_WEATHER,
    PLACES,
    THING_ADJ,
    THINGS,
    TRAITS,
    Named,
    Place,
)

# --- spotting characters, places, things and feelings ------------------------------------------------
# Small words that end a run of describing words ("about a brave cat" -> brave) and are never names.
_STOP_WORDS = """
a an the my your his her their our its and or of about with to in on at for from by is are was were be story
stories write tell me named called who that this these those some draw describe make give imagine create
meet meets met find finds found see sees saw like likes love loves help helps has have had want wants
picture image prompt where when while into onto than please also which what how why if but then so as
not no there here it they we you he she i
"""
_STOP = set(_STOP_WORDS.split())
# Capitalised words that start sentences and prompts: not names either ("Write", "Once", "Suddenly").
_START_WORDS = """
once one every suddenly together soon along later after next first finally beep arr ahoy guess great well
yes oh wow look all everyone can could would should will do does did list turn continue explain use show add
change keep let say answer translate rewrite shorten put pick choose think name character title chapter page
choice option beginning middle end hi hello hey thanks thank dear now today just only maybe never always
each both because up out over under near behind before during without instead outline json poem kind brave
little big small super magic happy sad that's it's i'm let's don't can't chinese english cantonese
traditional simplified qwen ai ok okay sentence sentences words return reply respond output format generate
produce provide send print suggest recommend compose invent design plan fill complete finish start begin try
remember read go come play ask call get set need
"""
_COMMON_START = set(_START_WORDS.split()) | _STOP


@dataclass
class _Spotted:
    names: list = field(default_factory=list)       # "Mei", "Ah Ming", "小明"
    animals: list = field(default_factory=list)     # (Animal, [(en, zh) adjectives], name or "")
    places: list = field(default_factory=list)
    things: list = field(default_factory=list)      # (Thing, [(en, zh) adjectives])
    feelings: list = field(default_factory=list)    # (en, zh)
    world: list = field(default_factory=list)       # (Named, the child's own word), people first


def _keyword_regex(words) -> re.Pattern:
    parts = [re.escape(w) if _IS_HAN.search(w) else r"\b" + re.escape(w) + r"\b" for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


# People, jobs, food, festivals and transport a child names: kept in the story in the child's own words.
NAMED = ([Named("person", *p) for p in world.PEOPLE] + [Named("job", *job[:3]) for job in JOBS]
         + [Named("food", *f) for f in world.FOODS] + [Named("event", *e) for e in world.EVENTS]
         + [Named("transport", *t[:3]) for t in world.TRANSPORT])
# Longest keyword first, so 熊貓 is a panda (not a cat) and Victoria Harbour is not just "harbour".
_KEYWORDS = sorted([(w, "animal", a) for a in ANIMALS for w in a.words]
                   + [(w, "place", p) for p in PLACES for w in p.words]
                   + [(w, "thing", t) for t in THINGS for w in t.words]
                   + [(w, "named", n) for n in NAMED for w in n.words], key=lambda k: -len(k[0]))
# "a story for kids", 「給小朋友的故事」: the audience, not a character.
_AUDIENCE = re.compile(r"(?i)(?:\bfor(?:\s+(?:young|little|small))?|給|適合|俾)$")
_KEYWORD_RES = [(w.lower(), _keyword_regex([w]), kind, item) for w, kind, item in _KEYWORDS]
_ZH_TO_ADJ = {zh: (en, zh) for en, zh in reversed(ADJECTIVES)}
_WORLD_WORDS = {w for w, kind, _item in _KEYWORDS if kind == "named"}


def _describing(text: str, start: int) -> list:
    """Describing words just before a noun: 'a small orange cat', '一隻勇敢的小貓'."""
    found = []
    before = re.search(r"(?:[A-Za-z-]+[ \t]+){1,3}$", text[max(0, start - 40):start])     # right before it only
    for word in reversed(before.group().split() if before else []):
        if word.lower() in _STOP or (word[0].isupper() and word.lower() not in _ADJ_ZH):   # "the Kind Panda"
            break
        if word.lower() in _WORLD_WORDS or (word.lower().endswith("s") and word.lower() not in _ADJ_ZH):
            break                        # "my sister plays piano": a person and a verb, not describing words
        found.insert(0, (word.lower(), _ADJ_ZH.get(word.lower(), "")))
    window = text[max(0, start - 8):start]
    for zh, pair in _ZH_TO_ADJ.items():
        if zh in window and pair not in found:
            found.append(pair)
    return found


# Places the word tables do not know are kept in the child's own words: "in Sai Kung", "to Tai O", 「在西貢的」.
# English: capitalised words after a place preposition (after "to" only with a verb of going, so "says hello
# to Pip" keeps Pip a character). Chinese: two to four characters after 在/去/到 that end before 的/上/裡 ...
_PLACE_EN = re.compile(r"\b(?i:(in|at|on|near|from|around|across|over|through|above|inside|outside)|"
                       r"(?:go|goes|went|going|gone|travel\w*|fl(?:y|ies|ew|ying)|sail\w*|walk\w*|ran|run|"
                       r"runs|running|move\w*|return\w*|come|comes|came|coming|trip|journey|way|back|off|"
                       r"swim\w*|swam|drove|drive\w*|ride|rides|rode|hik\w*|climb\w*|then)\s+(?:to|towards?)|"
                       r"visit\w*|explor\w*|reach\w*)"
                       r"\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?!['’]s)")
_NOT_PLACES = {"christmas", "easter", "halloween", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "spring", "summer", "autumn", "winter"}
_PLACE_ZH = re.compile(r"(?<![正現實存好自所])(?:住在|來到|飛到|飛過|飛越|遊覽|參觀|在|去|到|喺)"
                       r"([\u4e00-\u9fff]{2,4}?)(?=的|上|裡|裏|邊|中|附近|度|[，。、！？,.!?]|$)")
_NOT_PLACES_ZH = {  # words after 在 that are times or directions, not places
    "晚上", "早上", "上午", "下午", "中午", "黃昏", "傍晚", "夜晚", "夜裡", "夜裏", "半夜", "深夜", "清晨", "白天", "一起", "這裡", "這裏", "那裡", "那裏",
    "這兒", "那兒", "哪裡", "哪裏", "心裡", "心裏", "家裡", "家裏", "旁邊", "身邊", "外面", "裡面", "裏面", "上面", "下面", "前面", "後面", "中間", "途中", "路上",
    "附近", "雨中", "夢中", "黑暗", "空中", "水中", "一旁", "時候", "之前", "之後", "以前", "以後", "最後", "最初", "今天", "明天",
    "昨天", "今晚", "那天", "那晚", "一天", "每天"}
_VERB_START_ZH = "看玩吃飛跑睡找做想說哭笑等寫畫讀唱跳游走坐站放拿打聽喝洗開關幫救追爬教學"


def _unknown_places(work: str) -> list:
    """(place words, preposition) the tables do not know, in the child's own words, in order."""
    found = []
    for m in _PLACE_EN.finditer(work):
        words = m.group(2).split()
        while words and words[-1].lower() in _COMMON_START | _NOT_PLACES:
            words.pop()                                  # "to Tai O Then ..." stops before "Then"
        if words and words[0].lower() not in _COMMON_START | _NOT_PLACES:
            prep = (m.group(1) or "in").lower()
            found.append((" ".join(words), prep if prep in ("in", "at", "on", "near") else "in", m.start(2)))
    for m in _PLACE_ZH.finditer(work):
        word = m.group(1)
        if word[0] not in _VERB_START_ZH and not any(word.startswith(n) for n in _NOT_PLACES_ZH):   # 這裡寫你
            found.append((word, "", m.start(1)))
    return sorted(found, key=lambda f: f[2])


def _spot(text: str) -> _Spotted:
    """Find what a piece of text talks about. Matches are blanked so nothing is counted twice."""
    seen, work, low = [], text, text.lower()
    for word, regex, kind, item in _KEYWORD_RES:
        if word not in low:                              # most keywords are not there: skip their regex
            continue
        for m in regex.finditer(work):
            seen.append((m.start(), kind, item, m))
            work = work[:m.start()] + " " * (m.end() - m.start()) + work[m.end():]
    spotted = _Spotted()
    places = []                                          # (position, Place), known and unknown together
    for start, kind, item, m in sorted(seen, key=lambda s: s[0]):
        if kind == "place" and item not in [p for _i, p in places]:
            places.append((start, item))
        elif kind == "thing" and item not in [t for t, _a in spotted.things]:
            spotted.things.append((item, _describing(text, start)))
        elif kind == "named" and item not in [n for n, _w in spotted.world]:
            if not (item.kind in ("person", "job") and _AUDIENCE.search(text[max(0, start - 20):start].rstrip())):
                spotted.world.append((item, m.group()))
        elif kind == "animal" and item not in [a for a, _d, _n in spotted.animals]:
            name = re.match(r"\s+(?:named|called)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)", text[m.end():])
            zh_name = re.search(r"(?:名叫|叫做|叫)([^\s，。、的]{1,4})[的、]", text[max(0, start - 10):start])
            after = text[m.end():m.end() + 2]            # 小貓咪咪: a doubled name right after the animal
            doubled = after if len(after) == 2 and after[0] == after[1] and _IS_HAN.match(after) else ""
            name = (name or zh_name).group(1) if (name or zh_name) else doubled
            if name:
                work = work.replace(name, " " * len(name))
            spotted.animals.append((item, _describing(text, start), name))
    for words, en, zh in FEELINGS:
        if _keyword_regex(words).search(text):
            spotted.feelings.append((en, zh))
    animal_names = [a[2] for a in spotted.animals if a[2]]
    for word, prep, start in _unknown_places(work):
        if word in animal_names or any(word in (p.en, p.zh) for _i, p in places):
            continue
        places.append((start, Place((word,), word, prep, word, "")))
        work = work.replace(word, " " * len(word))
    spotted.places = [p for _i, p in sorted(places, key=lambda ip: ip[0])]
    spotted.names = [n for n in _names(work, _segments(text)) if n not in animal_names]
    return spotted


# 小明 and 阿明 are names; 小貓, 小朋友, 小小 and 阿姨 are not. A name also needs a word break before it.
_NOT_NAME_AFTER_SIU = "貓狗鳥兔魚熊龍朋孩學時心島河山花樹屋雞鴨豬象虎獅羊馬牛蟲蛇猴女男子姐弟妹哥友船路村鎮城鼠狐鹿一些的點小食吃說姨婆公爺媽爸不巧型題組"
_ZH_NAME = re.compile(r"(?:名叫|叫做|叫)([\u4e00-\u9fff]{2,3}?)(?=的|，|。|、|和|跟|去|在|是|\s|$)"
                      r"|(?<![^\s，。、！？：和跟與叫是的給同及請讓找幫於位有])[小阿][\u4e00-\u9fff]")


# Ordinary words that a child capitalises at the start of a sentence, in a title ("The Brave Little Star") or in a
# theme ("Friendship in Hong Kong"): they are never characters. Real names (Pip, Mei, Ah Ming) are not in it.
_ORDINARY_WORDS = """
friendship kindness hope love courage bravery honesty sharing caring helping teamwork respect patience trust
loyalty empathy gratitude forgiveness belonging diversity fairness curiosity imagination creativity confidence
joy peace fun faith grace charity honour honor family families home nature adventure adventures dream dreams
wish wishes journey quest secret secrets mystery magic wonder wonders light lights day days night nights star
stars sun sunny sky world land kingdom treasure song songs gift gifts party festival tale tales legend legends
book books story stories lesson lessons moral theme topic idea ideas friend friends best new old last lost found
grand amazing wonderful special hidden missing rainbow garden house tree trees forest river mountain island city
town village street road way heart hearts smile smiles change changes growing learning helping hands team
together alone courageous hopeful kindest brave bravest biggest smallest tiniest very true truly rain storm snow
winter summer spring autumn morning evening afternoon holiday holidays birthday christmas easter halloween
cheerful honest patient gentle clever friendly funny silly sleepy hungry proud shy calm lonely scared excited
curious worried angry sad happy
"""
# ... of which these are also given names: a name in the middle of a sentence ("Mei and Hope went home"), but
# ordinary at the start of a sentence, in a title or in a theme.
_NAME_LIKE = {"hope", "joy", "grace", "faith", "patience", "charity", "honour", "honor", "star", "sunny", "sky",
              "river", "rain", "storm", "summer", "autumn", "may", "june", "april", "happy", "lucky", "snow"}
_ORDINARY = set(_ORDINARY_WORDS.split()) | {en for en, _zh in ADJECTIVES + HERO_ADJ + TRAITS + THING_ADJ + COLOURS}
_ORDINARY |= {w for item in ANIMALS + THINGS for w in item.words if not _IS_HAN.search(w)}
_ORDINARY |= {w for place in PLACES for w in place.words if " " not in w and not _IS_HAN.search(w)}
# Parts of a prompt whose capitals are Title Case, not names: "title: ...", "The theme is: ...", "a story called
# The Lost Kite", and words in quotes.
_SEGMENTS = [
    re.compile(r"(?i)\b(?:title|theme|topic|moral|lesson|message|subject)\b(?:\s+(?:is|was|will be|would be)\b)?"
               r"\s*[:：]\s*([^\n.!?。！？]*)"),
    re.compile(r"(?i)\b(?:title|theme|topic|moral|lesson|message)\s+(?:is|was|will be|would be)\s+([^\n.!?。！？]*)"),
    re.compile(r"(?i)\b(?:(?:story|book|storybook|tale|poem|song|chapter|film|movie|play|game|comic)\s+"
               r"(?:called|named)|titled|entitled)\s+([^\n.!?。！？]*)"),
    re.compile(r'"([^"\n]+)"|“([^”\n]+)”|「([^」\n]+)」|『([^』\n]+)』'),
]


def _segments(text: str) -> list:
    """(start, end) of the Title-Case parts of a text: titles, themes and quotes."""
    spans = []
    for regex in _SEGMENTS:
        for m in regex.finditer(text):
            group = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i) is not None) if m.lastindex else 0
            spans.append(m.span(group))
    return spans


def _ordinary(word: str, strict: bool) -> bool:
    """Whether a capitalised word is an ordinary word, not a name. ``strict``: it starts a sentence or is in a
    title, a theme or quotes, where every word may be capitalised."""
    low = re.sub(r"['’]s$", "", word.lower()).strip("'’")
    if low in _COMMON_START or (low in _ORDINARY and (strict or low not in _NAME_LIKE)):
        return True
    if len(low) > 5 and re.search(r"(?:ness|ship|hood|ment|tion|sion|dom)$", low):     # Friendship, Kindness
        return True
    return strict and bool(re.search(r"(?:ity|ful|less|ous)$|^.{4,}ing$", low))       # Curiosity, Whispering


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text, a line, a list item or a sentence."""
    before = text[max(0, start - 12):start]
    if start <= 12 and re.fullmatch(r"\s*(?:[-*•]|\d+[.)])?\s*", before):
        return True
    return bool(re.search(r"(?:[.!?:;。！？：\"“「(]|\n[ \t]*(?:[-*•]|\d+[.)])?)\s*$", before))


def _names(work: str, segments: list = ()) -> list:
    """Capitalised names that are not ordinary words ('Mei', 'Ah Ming'), and 小明 / 阿明 / 叫X. Words that start a
    sentence or sit in a title, a theme or quotes are names only when they are not ordinary words."""
    names = []
    for m in re.finditer(r"\b(?:named|called)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", work):
        if any(a <= m.start(1) < b for a, b in segments):
            continue                     # "a story called The Lost Kite" is a title
        names.append(m.group(1))
    for m in re.finditer(r"[A-Z][a-z'’-]+(?:[ ][A-Z][a-z'’-]+)*", work):
        run, at = [], m.start()
        for word in m.group().split(" "):
            start = work.index(word, at)
            at = start + len(word)
            strict = _starts_sentence(work, start) or any(a <= start < b for a, b in segments)
            if _ordinary(word, strict):
                run.append(None)
            else:
                run.append(word)
        for key, group in itertools.groupby(run, key=lambda w: w is not None):
            name = " ".join(list(group)[:3]) if key else ""
            if name and name not in names:
                names.append(name)
    for m in _ZH_NAME.finditer(work):
        name = m.group(1) or m.group()
        if len(name) == 2 and name[0] in "小阿" and name[1] in _NOT_NAME_AFTER_SIU:
            continue
        if name not in names:
            names.append(name)
    return names

def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word

def _page_time(text: str) -> str | None:
    return next((key for key, pattern in PAGE_TIMES if re.search(pattern, text, re.IGNORECASE)), None)


def _page_weather(text: str) -> str | None:
    return next((key for key, pattern in PAGE_WEATHER if re.search(pattern, text, re.IGNORECASE)), None)
