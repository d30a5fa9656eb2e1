"""Lesson 11 · How does AI see my drawing?: the three checks, their hints, the lesson's tools, and the two
notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from support import (
    fails,
    hints_are_graded,
    lesson_follows_the_template,
    passes,
    run_offline,
    same_shape,
    verdict,
)

import kit
from kit import lessons
from kit.lessons.lesson_11 import my_picture, pixel_grid

ROOT = Path(__file__).resolve().parents[1]
IDS = ("11.1", "11.2", "11.3")
SLUG = "11-how-ai-sees"


@pytest.fixture(autouse=True)
def _offline(tmp_path, monkeypatch):
    monkeypatch.setattr(lessons, "_hints_given", {})
    monkeypatch.chdir(tmp_path)
    kit.setup("offline", workdir=tmp_path / "kit-work", quiet=True)


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("odd", [None, "", "✏️ your answer", 42, ["a"], {"x": 1}])
def test_placeholders_and_odd_answers_are_a_kind_not_yet(exercise_id, odd):
    result = verdict(exercise_id, odd)
    assert not result.ok and "could not read" not in result.verdict.en


# --- 11.1 · noticed and missed ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "It noticed the green hill. It missed that my kite is flying in the wind.",
    "It saw the blue sky but it did not see my cat.",
    "它注意到綠色的山。它沒有看到我的風箏在風中飛。",
    "佢睇到綠色嘅山，但係唔知道風箏喺度飛。",
])
def test_11_1_passes_one_thing_noticed_and_one_missed(answer):
    passes("11.1", answer)


@pytest.mark.parametrize(("answer", "why"), [
    ("kite", "whole sentence"),
    ("風箏", "whole sentence"),
    ("It noticed the green hill at the bottom.", "one it missed"),
    ("It did not see my kite in the sky.", "one it noticed"),
    ("佢唔知道我畫咗風箏。", "one it noticed"),
    ("kite kite kite kite kite", "whole sentence"),
])
def test_11_1_wants_both_halves(answer, why):
    fails("11.1", answer, why)


# --- 11.2 · a better question ----------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "What colour is the thing at the top of my drawing?",
    "What is the cat in the middle doing?",
    "我的畫上面的東西是甚麼顏色？",
    "中間嗰隻貓喺度做緊咩？",
])
def test_11_2_passes_a_question_about_one_part(answer):
    passes("11.2", answer)


@pytest.mark.parametrize(("answer", "why"), [
    ("What is this?", "guess anything"),
    ("這是甚麼？", "guess anything"),
    ("咩嚟㗎？", "guess anything"),
    ("Tell me a story about the cat in my drawing.", "question"),
    ("Is it red?", "which part"),
])
def test_11_2_refuses_vague_or_no_questions(answer, why):
    fails("11.2", answer, why)


# --- 11.3 · how AI sees ----------------------------------------------------------------------------------------

def test_11_3_only_numbers_and_patterns_is_right():
    passes("11.3", "b")
    passes("11.3", " (B) ")
    fails("11.3", "a", "what you meant")
    fails("11.3", "c", "numbers")
    fails("11.3", "d", "one letter")


# --- the tools ----------------------------------------------------------------------------------------------------

def test_a_blank_pad_gives_a_picture_the_kit_draws_and_the_grid_is_colour_numbers():
    pad = kit.Sketchpad(name="lesson-11")
    picture = my_picture(pad)
    assert pad.picture is None and picture.data
    grid = pixel_grid(picture)
    assert len(grid) == 6 and all(len(row) == 6 and all(0 <= v <= 255 for px in row for v in px) for row in grid)
    assert len({px for row in grid for px in row}) > 1                # not one flat colour
    seen = kit.describe(picture)
    assert "Offline reader" in str(seen)


# --- hints and the notebooks -------------------------------------------------------------------------------------

LAST_HINT_SAMPLES = {"11.1": ("It noticed the green hill. It missed that my kite is flying in the wind.",
                              "它注意到綠色的山。它沒有看到我的風箏在風中飛。"),
                     "11.2": ("What is the animal in the middle of my drawing doing?", "我的畫中間的動物在做甚麼？")}


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_get_more_telling_and_the_last_gives_an_answer_that_passes(exercise_id):
    hints_are_graded(exercise_id, LAST_HINT_SAMPLES.get(exercise_id, ()))


def _notebook(language):
    return nbformat.read(ROOT / "solutions" / language / f"{SLUG}.ipynb", as_version=4)


@pytest.mark.parametrize("language", ("en", "zh-Hant"))
def test_teacher_notebook_follows_the_template(language):
    nb = _notebook(language)
    sources = lesson_follows_the_template(nb, language, "# Lesson 11 · " if language == "en" else "# 第 11 課 · ", IDS)
    assert 'kit.Sketchpad(name="lesson-11")' in sources and "kit.describe(picture" in sources
    assert any(cell.metadata.get("tags") == ["teacher"] for cell in nb.cells)


def test_the_two_languages_have_the_same_shape():
    same_shape(_notebook("en"), _notebook("zh-Hant"))


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("language", ("en", "zh-Hant"))
def test_teacher_notebook_runs_offline_with_every_check_solved(language, tmp_path):
    pytest.importorskip("papermill")
    _ran, errors, checks = run_offline(ROOT / "solutions" / language / f"{SLUG}.ipynb", tmp_path)
    assert not errors
    assert len(checks) == len(IDS) and all(text.startswith("✅") for text in checks), checks
