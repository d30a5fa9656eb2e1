"""One reading of a child's answer, shared by every lesson's checks.

Children write English, written Chinese and Cantonese (係 嘅 咩 點解 唔 俾 畀 佢), often in one line, and when they
are stuck they type filler: 「啊啊啊啊」, 「改改改改」, "asdfgh", "cat cat cat". The checks read an answer here, so
that 「你係一個老師」 counts as 「你是一個老師」 and filler never counts as words. A ``Reply`` (or a ``Picture``)
is read as the prompt that made it. A placeholder ("✏️ ...") is always a kind "not yet".
"""

from __future__ import annotations

import re
from typing import Any

from . import Verdict

PLACEHOLDER_MARKS = ("✏", "your prompt here", "your follow-up here", "your system prompt here", "在這裡寫", "在這裏寫", "在此寫")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z0-9']+")

NOT_YET = Verdict(
    False,
    "Not yet: the ✏️ line still has the example words. Change them to your own answer, then run the cell again.",
    "未完成：✏️ 那一行仍然是示範字句。換成你自己的答案，再執行一次。",
)

# Cantonese (and other variants) -> written Chinese, longest first, so a check needs only the written cue words.
# 係 stays in 關係/聯係; 呢 only as 「呢個」「呢度」 (alone it is a question word).
_WRITTEN = [
    (r"點解", "為甚麼"), (r"點樣", "怎樣"), (r"乜嘢|咩嘢|乜|咩", "甚麼"), (r"邊個", "誰"), (r"邊度|邊處", "哪裏"),
    (r"佢哋", "他們"), (r"我哋", "我們"), (r"你哋", "你們"), (r"佢", "他"), (r"(?<![關聯])係", "是"), (r"嘅", "的"),
    (r"唔該", "請"), (r"唔好", "不要"), (r"唔", "不"), (r"[俾畀]", "給"), (r"冇", "沒有"), (r"喺", "在"),
    (r"啲", "些"), (r"嚟", "來"), (r"睇", "看"), (r"咗", "了"), (r"嗰", "那"), (r"呢(?=[個度處啲])", "這"),
    (r"同埋", "和"), (r"好似", "好像"), (r"揀", "選"), (r"諗", "想"), (r"攞", "拿"), (r"而家", "現在"),
    (r"什麼", "甚麼"), (r"裡", "裏"),
]
_WRITTEN_RE = [(re.compile(pattern), written) for pattern, written in _WRITTEN]

# Filler: the same Chinese character or short chunk three times or more (啊啊啊, 改改改改, 哈囉哈囉哈囉), the same
# letter four times or more (aaaa), a word three times in a row (cat cat cat), or keys next to each other on a
# keyboard row (asdfg, qwerty).
_REPEATED_CJK = re.compile(r"([\u3400-\u9fff]{1,4}?)\1{2,}")
_REPEATED_WORD = re.compile(r"\b([A-Za-z]+)(?:[\s,]+\1\b){2,}", re.IGNORECASE)
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def as_text(answer: Any) -> str:
    """The words of an answer without filler: a string as it is, a Reply as the prompt that made it."""
    return without_filler(raw_text(answer))


def raw_text(answer: Any) -> str:
    """The words of an answer exactly as typed."""
    if answer is None:
        return ""
    if isinstance(answer, str):
        return answer.strip()
    prompt = getattr(answer, "prompt", None)   # a Reply (or a Picture) remembers its prompt
    if isinstance(prompt, str):
        return prompt.strip()
    return str(answer).strip()


def is_placeholder(answer: Any) -> bool:
    """True for an empty answer or one that still has the ✏️ example words."""
    if isinstance(answer, str) or answer is None:
        text = (answer or "").strip().lower()
        return not text or text.strip(".…") == "" or any(mark in text for mark in PLACEHOLDER_MARKS)
    if isinstance(answer, dict):
        return any(is_placeholder(value) for value in answer.values() if isinstance(value, str))
    return False


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def words(text: str) -> list[str]:
    """English words, lower case."""
    return [w.lower() for w in WORD.findall(text)]


def chinese_chars(text: str) -> list[str]:
    return CJK.findall(text)


def written(text: str) -> str:
    """Cantonese words turned into written Chinese (係 -> 是, 點解 -> 為甚麼), and 裡/什麼 into 裏/甚麼."""
    for pattern, replacement in _WRITTEN_RE:
        text = pattern.sub(replacement, text)
    return text


def _mashed(word: str) -> bool:
    """A word typed by running a finger along the keyboard: one key four times, five keys in a row of one line
    (four would catch "liberty"), or six letters and no vowel."""
    low = word.lower()
    if len(low) >= 4 and len(set(low)) == 1:
        return True
    if len(low) >= 6 and not re.search(r"[aeiouy]", low):
        return True
    for row in _ROWS:
        for start in range(len(row) - 4):
            if row[start:start + 5] in low or row[start:start + 5][::-1] in low:
                return True
    return False


def filler(text: str) -> list[str]:
    """The pieces of an answer that are not words: repeated characters or words, and keyboard mashing."""
    found = [m.group(0) for m in _REPEATED_CJK.finditer(text)]
    found += [m.group(0) for m in _REPEATED_WORD.finditer(text)]
    found += [w for w in re.findall(r"[A-Za-z]+", text) if _mashed(w)]
    return found


def without_filler(text: str) -> str:
    for piece in filler(text):
        text = text.replace(piece, " ")
    return re.sub(r"\s{2,}", " ", text).strip()


def too_short(text: str, *, english: int = 3, chinese: int = 4) -> bool:
    """Fewer than ``english`` English words, or (for Chinese) fewer than ``chinese`` words and characters."""
    text = without_filler(text)
    if has_chinese(text):
        return len(chinese_chars(text)) + len(words(text)) < chinese
    return len(words(text)) < english


def mentions(text: str, cues) -> list[str]:
    """Which of the cue words or phrases appear in the text (whole English words; Chinese anywhere, Cantonese
    read as written Chinese)."""
    lowered = text.lower()
    plain = written(lowered)
    found = []
    for cue in cues:
        if has_chinese(cue) or not cue[:1].isalnum():
            hit = cue in lowered or cue in plain
        else:
            hit = re.search(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", lowered) is not None
        if hit:
            found.append(cue)
    return found


def without(text: str, cues) -> str:
    """The text with the given cue words taken out (in written form), to see what else it says."""
    rest = written(text.lower())
    for cue in sorted(cues, key=len, reverse=True):
        if has_chinese(cue) or not cue[:1].isalnum():
            rest = rest.replace(cue, " ")
        else:
            rest = re.sub(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", " ", rest)
    return rest


def filler_note(answer: Any) -> tuple[str, str] | None:
    """A kind note naming the filler in an answer, for a "not yet" card; None when there is none."""
    pieces = filler(raw_text(answer)) if isinstance(answer, str) or hasattr(answer, "prompt") else []
    if not pieces:
        return None
    shown = "、".join(f"「{p.strip()}」" for p in pieces[:3])
    shown_en = ", ".join(f'"{p.strip()}"' for p in pieces[:3])
    return (f" ({shown_en} does not count as words, so the check left it out.)",
            f"（{shown}不算是字詞，所以檢查沒有計算它。）")


# --- Counting he, she and they in replies (lesson 9's bias test) ---------------------------------------------

# 他們/她們/佢哋 are "they"; 佢 (Cantonese) names no gender, so it counts with "they" too. 其他 (other), 他人
# (others) and 吉他 (guitar) are not people at all.
_PRONOUNS_ZH = {"they": re.compile(r"[他她]們|佢哋|佢"), "he": re.compile(r"(?<![其吉])他(?![們人])"),
                "she": re.compile(r"她(?!們)")}


def count_pronouns(texts) -> dict[str, int]:
    """How often replies say he, she and they (他、她、他們), in English and Chinese: {"he": 3, "she": 0, "they": 1}.

    Only these words, as the lesson asks the class to count them, so a pupil can check the numbers by eye."""
    if isinstance(texts, str) or hasattr(texts, "text"):
        texts = [texts]
    text = " ".join(getattr(t, "text", t) for t in texts)
    said = [w.split("'")[0] for w in words(text)]      # "he's" is "he"
    counts = {name: said.count(name) for name in ("he", "she", "they")}
    rest = text
    for name in ("they", "he", "she"):
        counts[name] += len(_PRONOUNS_ZH[name].findall(rest))
        rest = _PRONOUNS_ZH[name].sub(" ", rest)
    return counts
