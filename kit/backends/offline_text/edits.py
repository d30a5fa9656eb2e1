"""Edits that act on the previous reply: shorter, longer, simpler, funnier ..."""

from __future__ import annotations

import re

from .cast import _Cast, _fill
from .picker import _Picker
from .prose import _ask_sentences, _ask_words, _count_words, _join, _story_plan, _trim_words
from .request import _Request
from .tokens import _overlap, _split
from .words import FUNNY, SPOOKY

# --- edits that act on the previous reply -----------------------------------------------------------

def _edit(kind: str, req: _Request, pick: _Picker) -> str:
    """Shorter keeps the opening and the ending; longer, funnier, scarier add sentences before the end."""
    lang = req.lang
    items = [line for line in req.prev.splitlines() if re.match(r"\s*(?:\d+\.|[-*•])\s", line)]
    if kind == "shorter" and len(items) >= 2:        # a list gets fewer items
        return "\n".join(items[:_ask_sentences(req.low) or max(1, len(items) // 2)])
    sentences = _split(req.prev, lang)
    cast = _Cast(req, pick, req.prev)
    slots = cast.slots(lang)
    n = _ask_sentences(req.low)
    if kind == "shorter":
        keep = n or max(1, len(sentences) // 2)
        if keep >= len(sentences) and len(sentences) <= 1:
            return _trim_words(req.prev, max(2, _count_words(req.prev, lang) * 6 // 10), lang)
        keep = min(keep, max(1, len(sentences) - 1))
        kept = sentences[:keep - 1] + sentences[-1:] if keep > 1 else sentences[:1]
        text = _join(kept, lang)
    else:
        if kind == "longer":   # new middle sentences, skipping any that repeat what the story already says
            fresh = [s for s in _story_plan(cast, pick, lang, req.simple).take(12)[1:-1]
                     if all(_overlap(s, old) < 0.5 for old in sentences)]
            extra = list(dict.fromkeys(fresh))[:3]
        else:
            extra = [_fill(t, slots, lang) for t in (FUNNY if kind == "funnier" else SPOOKY)]
        body = sentences[:-1] + extra + sentences[-1:] if len(sentences) > 1 else sentences + extra
        text = _join(body, lang)
    words = _ask_words(req.low)
    return _trim_words(text, words[1], lang) if words else text
