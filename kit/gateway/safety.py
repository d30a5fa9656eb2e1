"""The teacher's blocklist, checked before anything leaves the gateway, and the service's own safety flags.

A blocklisted request is answered at once with 400 ``Blocklist.Teacher``: nothing is sent upstream, and the
kit tells the child "Your teacher has asked the kit not to send these words" (``SafetyBlocked("blocklist")``).
The answer does not say which phrase matched, so the list itself stays the teacher's.

Matching is forgiving in the ways children (and full-width keyboards) vary, and in the ways a determined
child hides a word: text is NFKC-normalised, zero-width and other invisible format characters and control
characters are removed, common Cyrillic and Greek look-alikes become the Latin letters they imitate, and
everything is case-folded. Every turn sent is checked, the model's (assistant) turns too: a made-up
assistant turn is words the student sends. A phrase made of Latin letters and digits matches whole words only (so "ass" does not block
"class"); any other phrase (Chinese, say) matches anywhere in the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .protocol import ApiError
from .store import Store

# Codes with which the service's safety filter refuses a prompt, a reply or a picture.
SAFETY_CODES = ("DataInspectionFailed", "IPInfringementSuspect")


CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029]")


def printable(text: str, *, keep_lines: bool = False) -> str:
    """Text safe to print on the teacher's terminal: control characters (ESC, BEL, C1 controls) become "?",
    so a student's words can never erase lines, set the window title or write to the clipboard (OSC 52).
    Line breaks are kept only where the printer wants them (a log message, a traceback)."""
    text = CONTROLS.sub("?", text)
    return text if keep_lines else LINE_BREAKS.sub(" ", text)


# Cyrillic and Greek letters that look like Latin ones (after case folding), as listed in Unicode's
# confusables for the letters a child can type on a phone or copy from the web.
LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "ь": "b", "н": "h", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "ӏ": "l", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "т": "t",
    "у": "y", "ѵ": "v", "ԝ": "w", "х": "x", "ү": "y", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ɡ": "g", "ı": "i",
})


def normalise(text: str) -> str:
    """The form both the text and the teacher's phrases are matched in."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cf", "Cc"))
    return text.casefold().translate(LOOK_ALIKES)


@lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern:
    words = normalise(phrase).split()
    body = r"\s+".join(re.escape(word) for word in words)
    if re.fullmatch(r"[\w\s'-]+", phrase, flags=re.ASCII):
        return re.compile(rf"(?<![0-9a-z]){body}(?![0-9a-z])")
    return re.compile(body)


def safety_flag(code: str | None) -> str | None:
    """``"safety"`` when the code is one of the service's safety refusals, else None."""
    return "safety" if code and code.startswith(SAFETY_CODES) else None


class Blocklist:
    def __init__(self, store: Store):
        self.store = store

    def match(self, texts) -> str | None:
        """The first blocklisted phrase found in any of ``texts`` (None when all are fine)."""
        phrases = self.store.blocklist()
        if not phrases:
            return None
        joined = "\n".join(normalise(t) for t in texts if t)
        for phrase in phrases:
            if phrase.strip() and _pattern(phrase).search(joined):
                return phrase
        return None

    def check(self, texts) -> None:
        if self.match(texts) is not None:
            raise ApiError(400, "Blocklist.Teacher",
                           "Your teacher's blocklist does not allow some of these words. Try other words.",
                           flag="blocklist")
