"""Reading the request: the prompt, the system persona, the language, a character sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .answers import _NEUTRAL, _PERSONA_WORDS, _SIMPLE
from .chinese import _traditional
from .tokens import _IS_HAN

# --- reading the request -----------------------------------------------------------------------------
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "a single": 1, "a couple of": 2, "single": 1}
_NUM_WORD = r"(\d+|a single|a couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUM = r"([0-9]+|[一二兩三四五六七八九十百]+)"


def _number(word: str) -> int:
    """'3', 'three', '三', '十二', '一百' -> an int (Chinese numerals up to the hundreds)."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _NUM:
        return _NUM[word]
    total, digit = 0, 0
    for ch in word:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _ZH_DIGITS.get(ch, 0)
    return total + digit


@dataclass
class _Request:
    prompt: str                  # the last user message, normalised
    low: str                     # lower-case, for keyword tests
    system: str = ""
    prev: str = ""               # the previous assistant reply, which edits act on
    context: list = field(default_factory=list)
    sheets: list = field(default_factory=list)   # "Character: Mimi, a small orange cat ..."
    lang: str = "en"
    persona: str = "neutral"
    who: str = ""                # the unknown persona's name, "a space explorer"
    simple: bool = False
    cantonese: bool = False
    verbatim: bool = False       # a reply in a shape the prompt showed: no sentence-case fixing


def _content(value) -> str:
    """Message content as text; content may also be a list of {"text": ...} parts."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in value)
    return str(value)


def _looks_chinese(text: str) -> bool:
    """Mainly Chinese: Han characters outnumber 1.5 x the English words."""
    han = len(_IS_HAN.findall(text))
    words = len(re.findall(r"[A-Za-z]+", text))
    return han > 0 and han > 1.5 * words


def _language(prompt: str, low: str, fallback: str | None) -> str:
    if re.search(r"\bin english\b|用英文|英文版|英文寫|寫英文|英文故事", low):
        return "en"
    if re.search(r"\bin (?:traditional )?(?:chinese|cantonese)\b|用中文|中文|繁體|廣東話|粵語", low):
        return "zh"
    return fallback or ("zh" if _looks_chinese(prompt) else "en")


_SHEET = re.compile(r"(?:\bcharacter(?:\s+sheet)?|角色(?:設定)?|主角)\s*[:：]\s*([^\n]+)", re.IGNORECASE)
# Other labels a request may put after a character sheet on the same line ("Character: ... Page: ..."):
# the sheet ends where they start.
_LABEL = re.compile(r"(?:\b(?:this|the)\s+)?\b(?:page(?:\s+text)?|scene|text|style|art\s+style)\s*[:：]|"
                    r"(?:這一頁|這頁|本頁|頁面|場景|內容|畫風|風格)\s*[:：]", re.IGNORECASE)


def _sheet_text(found: str) -> str:
    """The character sheet after 'Character:': everything up to another label on the same line
    ("Character: Mimi, a cat. She wears a scarf. Page: ..."), else its first sentence."""
    label = _LABEL.search(found)
    desc = found[:label.start()] if label else re.split(r"(?<=[.!?。！？])\s*", found.strip())[0]
    return desc.strip().rstrip(".。 ,，")


def _read(messages: list) -> _Request:
    """Split the chat into what a reply needs: prompt, system, previous reply, character sheets, language."""
    turns = [(str(m.get("role", "user")), _traditional(_content(m.get("content"))))
             for m in messages if isinstance(m, dict)]
    system = "\n".join(c for r, c in turns if r == "system")
    last = max((i for i, (r, _c) in enumerate(turns) if r == "user"), default=-1)
    prompt = turns[last][1].strip() if last >= 0 else ""
    earlier = [c for r, c in turns[:max(last, 0)] if r in ("user", "assistant")]
    prev = next((c for r, c in reversed(turns[:max(last, 0)]) if r == "assistant"), "")
    req = _Request(prompt, prompt.lower(), system, prev, list(reversed(earlier)))
    for text in [system, *earlier, prompt]:
        for m in _SHEET.finditer(text):
            desc = _sheet_text(m.group(1))
            if desc and desc not in req.sheets:
                req.sheets.append(desc)
    _read_persona(req)
    editing = _edit_kind(req.low) or _wants_continue(req.low)
    fallback = ("zh" if _looks_chinese(prev) else "en") if editing and prev else None
    req.lang = _language(prompt, req.low, fallback)
    req.cantonese = req.lang == "zh" and bool(re.search(r"cantonese|廣東話|粵語", req.low))
    return req


def _read_persona(req: _Request) -> None:
    """The system prompt's "You are X" (or "answer like a pirate" in the prompt) sets the voice."""
    system = re.sub(r"(?im)^.*(?:character(?:\s+sheet)?|角色|主角)\s*[:：].*$", "", req.system)
    m = re.search(r"(?:you are|you're|act as|pretend to be|speak like|talk like|你是|扮演|扮)\s*"
                  r"(.+?)(?:[.!?。！？\n]|$)", system, re.IGNORECASE)
    clause = m.group(1).strip() if m else system.strip()
    asked = re.search(r"\b(?:like|as) an? (pirate|teacher|robot|poet)\b", req.low)
    if asked:
        clause = asked.group(1)
    req.simple = bool(_SIMPLE.search(req.system.lower() + " " + req.low))
    for name, pattern in _PERSONA_WORDS:
        if re.search(pattern, clause, re.IGNORECASE):
            req.persona = name
            req.simple = req.simple or name == "child"
            return
    for_children = re.search(r"for (?:young children|kids)", clause, re.IGNORECASE)
    if m and clause and not _NEUTRAL.search(clause) and not for_children:
        who = re.split(r",|，| who | that | and |、", clause)[0].strip()
        req.persona, req.who = "other", " ".join(who.split()[:6])

def _edit_kind(low: str) -> str | None:
    for kind, pattern in [("shorter", r"\bshorter\b|\bshorten\b|短一點|短一些|改短|縮短|短些|精簡"),
                          ("longer", r"\blonger\b|長一點|長一些|加長|寫長|詳細一點"),
                          ("funnier", r"\bfunnier\b|more funny|sillier|搞笑一點|好笑一點|有趣一點|更有趣"),
                          ("scarier", r"\bscarier\b|spookier|more scary|恐怖一點|可怕一點|驚險一點|嚇人一點")]:
        if re.search(pattern, low):
            return kind
    return None


def _wants_continue(low: str) -> bool:
    return bool(re.search(r"\bcontinue\b|\bkeep going\b|\bwhat happens next\b|\bnext page\b|"
                          r"繼續|接下來|之後發生|然後呢|後來呢|下一頁", low))

_IMAGE_ASK = re.compile(r"image prompt|picture prompt|prompt for (?:an? )?(?:image|picture|illustration)|"
                        r"describe (?:a|an|the) (?:picture|image)|illustration of|\bdraw\b|"
                        r"圖片提示|圖像提示|圖畫提示|畫面|插圖|畫一幅|畫一張|繪畫提示")
_STORY_ASK = re.compile(r"\bstory\b|\bstories\b|\btale\b|\bfable\b|\bwrite\b|\bmake up\b|\bimagine\b|故事|寫|創作")
_QUESTION = re.compile(r"[?？]\s*$|^(?:what|why|how|who|where|when|which|is|are|can|do|does|tell me about|"
                       r"explain|describe)\b|甚麼|什麼|為甚麼|為什麼|點解|乜嘢|點樣|如何|怎樣|介紹|嗎$|呢$")
