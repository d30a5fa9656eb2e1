"""One catalogue of every sentence a person sees, in English and Traditional Chinese (Hong Kong).

Strings live in ``*.json`` files here (``strings.json`` for the core, one file per part) as ``{"key": {"en": "...", "zh-Hant": "..."}}`` so a translator edits one
file and a test can prove that no key is missing a language. ``t()`` uses the language chosen in
``kit.setup(language=...)``; ``both()`` gives the two together, as error messages and labels need.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "zh-Hant")
_current = {"language": "en"}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All the catalogue files of this folder merged (one per part of the kit); a key may live in only one."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(Path(__file__).parent.glob("*.json")):
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"{key} is in two catalogue files ({path.name})")
            merged[key] = entry
    return merged


def set_language(language: str) -> None:
    _current["language"] = normalise_language(language)


def current_language() -> str:
    return _current["language"]


def normalise_language(language: str | None) -> str:
    """Accept the ways people write the two languages ("zh", "zh-HK", "中文", "EN") and return one of LANGUAGES."""
    if not language:
        return "en"
    value = str(language).strip().lower().replace("_", "-")
    if value in ("en", "english", "en-gb", "en-us", "en-hk", "英文"):
        return "en"
    if value in ("zh", "zh-hant", "zh-hk", "zh-tw", "yue", "chinese", "中文", "繁體", "繁體中文", "廣東話"):
        return "zh-Hant"
    raise ValueError(f"language must be 'en' or 'zh-Hant', not {language!r}")


def message(key: str, language: str | None = None, **fields) -> str:
    """The sentence for ``key`` in ``language`` (default: the current one), with ``{fields}`` filled in."""
    language = language or current_language()
    entry = catalogue().get(key)
    if entry is None:
        # Fall back from a specific reason to the kind's generic sentence: error.key.region -> error.key.generic
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "error":
            entry = catalogue().get(f"error.{parts[1]}.generic")
        if entry is None:
            entry = catalogue()["error.problem.generic"]
    text = entry.get(language) or entry["en"]
    try:
        return text.format(**fields)
    except (KeyError, IndexError):
        return text


def t(key: str, **fields) -> str:
    return message(key, None, **fields)


def both(key: str, sep: str = " · ", **fields) -> str:
    """English and Chinese together, e.g. for a button label a mixed class can read."""
    return f"{message(key, 'en', **fields)}{sep}{message(key, 'zh-Hant', **fields)}"
