"""The checks against answers children really write (tests/answers/*.txt): right and wrong, English, written
Chinese and Cantonese, with filler. The verdicts live in the answer files; a line the check gets wrong fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kit
from kit import lessons

ANSWERS = Path(__file__).parent / "answers"
MIN_PER_LESSON = 30
CANTONESE = ("係", "嘅", "咩", "點解", "唔", "俾", "畀", "佢", "咗", "喺", "哋", "啲")


def read_corpus(path: Path) -> list[tuple[str, bool, object, int]]:
    """(exercise id, should pass, answer, line number) for every answer line of one file."""
    cases, exercise_id = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            exercise_id = line.strip("[] ")
            continue
        mark, rest = line[:1], line[1:]
        assert mark in "✅❌" and exercise_id, f"{path.name}:{number}: start a line with ✅ or ❌ under [id]"
        answer = ast.literal_eval(rest[1:].strip()) if rest.startswith("=") else rest.strip()
        cases.append((exercise_id, mark == "✅", answer, number))
    return cases


FILES = sorted(ANSWERS.glob("lesson_*.txt"))
CASES = [(path.name, *case) for path in FILES for case in read_corpus(path)]


@pytest.fixture(autouse=True)
def _offline(tmp_path):
    kit.setup("offline", workdir=tmp_path, quiet=True, language="en")


def test_every_lesson_has_a_corpus_of_both_kinds():
    assert [path.stem for path in FILES] == [f"lesson_{n:02d}" for n in range(11)]
    for path in FILES:
        cases = read_corpus(path)
        assert len(cases) >= MIN_PER_LESSON, path.name
        assert {should for _id, should, _a, _n in cases} == {True, False}, path.name
        texts = [str(answer) for _id, _should, answer, _n in cases]
        assert any(any("\u3400" <= c <= "\u9fff" for c in text) for text in texts), path.name      # Chinese
        assert any(any(word in text for word in CANTONESE) for text in texts), path.name           # Cantonese
        assert any(text.isascii() and any(c.isalpha() for c in text) for text in texts), path.name  # English


@pytest.mark.parametrize(("name", "exercise_id", "should_pass", "answer", "line"), CASES,
                         ids=[f"{c[0]}:{c[4]}" for c in CASES])
def test_check_gives_the_corpus_verdict(name, exercise_id, should_pass, answer, line):
    result = lessons.check(exercise_id, answer)
    assert result.ok is should_pass, f"{name}:{line} {exercise_id} {answer!r} -> {result.verdict.en}"
