"""Exercises: instant checks and graded hints, kept inside the package so a notebook opened alone finds them.

Each lesson module (``lesson_00.py`` ... ``lesson_10.py``) registers its exercises with ``@exercise``::

    @exercise("1.1", hints=[("Name an animal.", "寫出一種動物。"), ("Say how many sentences.", "說明要幾句。")])
    def clear_prompt(answer) -> Verdict:
        ...
        return Verdict(ok, "why, in English", "原因，中文")

Checkers read the child's answer with ``reading.py`` (English, written Chinese, Cantonese; filler does not count).
``kit.check(id, answer)`` runs the checker and shows a card at once; ``kit.hint(id)`` gives the next hint,
a little more each time. What the child passed and how many hints they used is saved in the work folder
(``progress.json``), so it survives a restart and a teacher can see it.
"""

from __future__ import annotations

import html
import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import current_language, message
from ..journal import atomic_write, read_json

CARD = ("border-radius:14px;padding:12px 16px;margin:6px 0;max-width:760px;font-size:17px;line-height:1.6;"
        "font-family:system-ui,'Noto Sans CJK TC',sans-serif;color:#1f2937;")


@dataclass
class Verdict:
    """What a checker decided, and why, in both languages."""

    ok: bool
    en: str
    zh: str


@dataclass
class Exercise:
    id: str
    checker: Callable[[Any], Verdict]
    hints: list[tuple[str, str]] = field(default_factory=list)


EXERCISES: dict[str, Exercise] = {}
_hints_given: dict[str, int] = {}


def exercise(exercise_id: str, *, hints: list[tuple[str, str]]):
    """Register a checker for one exercise, with its hints from gentlest to most telling."""

    def register(checker: Callable[[Any], Verdict]):
        if exercise_id in EXERCISES and EXERCISES[exercise_id].checker is not checker:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        EXERCISES[exercise_id] = Exercise(exercise_id, checker, list(hints))
        return checker

    return register


def load_all() -> dict[str, Exercise]:
    """Import every lesson module once, so every exercise is registered."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return EXERCISES


def _find(exercise_id: str) -> Exercise:
    from ..errors import BadInput

    load_all()
    key = str(exercise_id).strip()
    if key not in EXERCISES:
        raise BadInput("choice", name="exercise", value=key, choices=", ".join(sorted(EXERCISES)))
    return EXERCISES[key]


def _title(key: str) -> str:
    from ..display import title_in_both

    return title_in_both(message(key, "en"), message(key, "zh-Hant"))


def _text(en: str, zh: str) -> str:
    return zh if current_language() == "zh-Hant" else en


class CheckResult:
    """The answer to ``kit.check``: true when the exercise is solved; shows a friendly card."""

    def __init__(self, exercise_id: str, verdict: Verdict):
        self.exercise_id = exercise_id
        self.verdict = verdict

    def __bool__(self) -> bool:
        return self.verdict.ok

    @property
    def ok(self) -> bool:
        return self.verdict.ok

    def __repr__(self) -> str:
        mark = "✅" if self.ok else "🔁"
        return f"{mark} {self.exercise_id}: {_text(self.verdict.en, self.verdict.zh)}"

    def _repr_html_(self) -> str:
        from ..display import two_languages

        if self.ok:
            colours, title = "background:#ecfdf5;border:2px solid #10b981;", _title("check.solved")
        else:
            colours, title = "background:#fff7ed;border:2px solid #fb923c;", _title("check.not_yet")
        icon = "✅" if self.ok else "🔁"
        return (f'<div class="kit-check" role="status" style="{CARD}{colours}">'
                f'<div style="font-weight:700">{icon} {html.escape(self.exercise_id)} · {html.escape(title)}</div>'
                f'{two_languages(self.verdict.en, self.verdict.zh)}</div>')


class HintResult:
    def __init__(self, exercise_id: str, number: int, total: int, en: str, zh: str):
        self.exercise_id, self.number, self.total, self.en, self.zh = exercise_id, number, total, en, zh

    def __repr__(self) -> str:
        return f"💡 {self.exercise_id} ({self.number}/{self.total}): {_text(self.en, self.zh)}"

    def _repr_html_(self) -> str:
        from ..display import two_languages

        return (f'<div class="kit-hint" role="note" style="{CARD}background:#eff6ff;border:2px solid #60a5fa">'
                f'<div style="font-weight:700">💡 {html.escape(_title("check.hint"))} {self.number}/{self.total}</div>'
                f'{two_languages(self.en, self.zh)}</div>')


def _progress_path():
    from ..settings import current

    return current().workdir / "progress.json"


def _record(exercise_id: str, **fields) -> None:
    path = _progress_path()
    progress = read_json(path) or {}
    entry = progress.setdefault(exercise_id, {"attempts": 0, "solved": False, "hints": 0})
    for name, value in fields.items():
        if name == "attempts":
            entry["attempts"] += 1
        elif name == "solved":
            entry["solved"] = entry["solved"] or value
        else:
            entry[name] = value
    atomic_write(path, json.dumps(progress, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an exercise answer at once and say why it works, or what to try next."""
    task = _find(exercise_id)
    try:
        verdict = task.checker(answer)
    except Exception as problem:  # a checker must never show a child a traceback
        from ..errors import KitError

        if isinstance(problem, KitError):
            raise
        verdict = Verdict(False, "The checker could not read this answer. Look at the example above and try again.",
                          "檢查程式讀不懂這個答案。看看上面的例子，再試一次。")
    if not verdict.ok:
        from .reading import filler_note

        note = filler_note(answer)
        if note:
            verdict = Verdict(False, verdict.en + note[0], verdict.zh + note[1])
    _record(task.id, attempts=1, solved=verdict.ok)
    return CheckResult(task.id, verdict)


def hint(exercise_id: str) -> HintResult:
    """The next hint for an exercise: the first is gentle, the last nearly gives the answer."""
    task = _find(exercise_id)
    given = _hints_given.get(task.id, 0)
    number = min(given + 1, len(task.hints))
    _hints_given[task.id] = number
    _record(task.id, hints=number)
    en, zh = task.hints[number - 1]
    return HintResult(task.id, number, len(task.hints), en, zh)
