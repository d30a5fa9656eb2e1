"""How many tokens a text costs, and cutting a reply to max_tokens."""

from __future__ import annotations

import re

# --- tokens ------------------------------------------------------------------------------------------
# Weights are in twentieths of a token so the sum stays exact: a CJK character is 1 token, an English
# word 1.3, a punctuation mark 0.25. Real tokenizers differ, but this is close enough to show a child
# that Chinese text "costs" more per character and that max_tokens cuts a reply short.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"[{_HAN}]|[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\s{_HAN}A-Za-z0-9]")
_IS_HAN = re.compile(rf"[{_HAN}]")


def _weight(piece: str) -> int:
    if _IS_HAN.match(piece):
        return 20
    return 26 if piece[0].isalnum() else 5


def count_tokens(text: str) -> int:
    """Rough token count: CJK character 1, other word ~1.3 (total rounded up), punctuation cheap."""
    total = sum(_weight(m.group()) for m in _PIECE.finditer(text or ""))
    return -(-total // 20)


def _cut_to_tokens(text: str, limit: int) -> str:
    """The longest start of ``text`` that fits in ``limit`` tokens (what max_tokens does online)."""
    total, end = 0, 0
    for m in _PIECE.finditer(text):
        total += _weight(m.group())
        if -(-total // 20) > limit:
            break
        end = m.end()
    return text[:end].rstrip()

def _split(text: str, lang: str) -> list:
    if lang == "zh":
        return [s for s in re.findall(r"[^。！？]+[。！？]?", text.strip()) if s.strip()]
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _overlap(a: str, b: str) -> float:
    """How alike two sentences are (shared words, or characters in Chinese), from 0 to 1."""
    a_set, b_set = (set(re.findall(rf"[{_HAN}]|[a-z]+", x.lower())) for x in (a, b))
    return len(a_set & b_set) / max(1, len(a_set | b_set))
