"""Lesson 9b · AI and me: the four checks, their hints, the lesson's small tools, and the two notebooks."""

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
from kit.lessons.lesson_09b import brightness, private_things, see_numbers, teach, where_my_words_go

ROOT = Path(__file__).resolve().parents[1]
IDS = ("9b.1", "9b.2", "9b.3", "9b.4")
SLUG = "09b-ai-and-me"


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


# --- 9b.1 · safe to type ---------------------------------------------------------------------------------------

UNSAFE = "Write a birthday story for Chan Tai Man, who lives at 12 Nathan Road, phone 9123 4567."


@pytest.mark.parametrize(("answer", "what"), [
    (UNSAFE, "phone number"),
    ("Write a birthday story for my friend at 12 Nathan Road.", "address"),
    ("Write a birthday story for my friend, phone 9123 4567.", "phone number"),
    ("Write a story for Leo, e-mail leo@example.com", "e-mail"),
    ("Write a story about Leo at St Mary's Primary School", "school"),
    ("寫一個生日故事給住在彌敦道12號的朋友", "address"),
    ("Draw a card for Leo, ID A123456(7)", "ID card"),
])
def test_9b_1_names_what_must_come_out(answer, what):
    fails("9b.1", answer, what)


def test_9b_1_passes_the_same_story_without_private_things():
    passes("9b.1", "Write a birthday story for my friend Leo, who loves football.")
    passes("9b.1", "為我的好朋友阿樂寫一個生日故事，他很喜歡踢足球。")
    fails("9b.1", "Write a birthday story for Chan Tai Man.", "full name")
    fails("9b.1", "Leo", "story")
    assert private_things("A story about a cat who likes 3 fish") == []


# --- 9b.2 · my own hero ----------------------------------------------------------------------------------------

def test_9b_2_refuses_famous_characters_and_asks_for_more_of_your_own():
    fails("9b.2", "Doraemon flying over Victoria Harbour", "belongs to")
    fails("9b.2", "麥兜在維多利亞港上空飛", "belongs to")
    fails("9b.2", "a robot", "tell more")
    passes("9b.2", "a small blue robot with a yellow umbrella who loves egg tarts, flying over Victoria Harbour")
    passes("9b.2", "一隻戴紅色頸巾、很喜歡唱歌的小熊貓，在太平山頂看日落")


# --- 9b.3 · before sharing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    "I would not share it. I would ask my teacher whether it is real.",
    "Stop and check where it came from, then tell a grown-up.",
    "我不會轉發，我會問老師這是不是真的。",
])
def test_9b_3_passes_stop_think_check(answer):
    passes("9b.3", answer)


@pytest.mark.parametrize(("answer", "why"), [
    ("I would share it with the whole class, it is so funny!", "spreads"),
    ("我會轉發給全班看。", "spreads"),
    ("It is a picture of my teacher.", "say what you would do"),
    ("ok", "whole sentence"),
])
def test_9b_3_refuses_spreading_it(answer, why):
    fails("9b.3", answer, why)


# --- 9b.4 · teach the computer ---------------------------------------------------------------------------------

GOOD = {"happy": ["We laughed and played.", "I smiled at the fun party.", "We played all day."],
        "sad": ["I cried when my toy was lost.", "He cried alone.", "She was sad and cried."]}
GOOD_ZH = {"happy": ["我們一起笑着玩。", "生日會很開心。", "我開心得笑了。"],
           "sad": ["我哭了，因為玩具不見了。", "他很傷心，哭了。", "她一個人哭。"]}


def test_9b_4_good_examples_teach_a_model_that_labels_new_sentences_in_the_lessons_language(tmp_path):
    passes("9b.4", GOOD)
    fails("9b.4", GOOD_ZH, "wrong")                              # Chinese examples teach nothing about English
    kit.setup("offline", language="zh-Hant", workdir=tmp_path / "kit-work", quiet=True)
    passes("9b.4", GOOD_ZH)
    assert teach(GOOD_ZH).guess("她一個人哭，很難過。") == "sad"


def test_9b_4_too_few_or_poor_examples_are_not_enough():
    fails("9b.4", {"happy": ["fun"], "sad": ["cried", "lost", "alone"]}, "at least three")
    fails("9b.4", {"happy": ["a", "b", "c"], "sad": ["d", "e", "f"]}, "wrong")
    fails("9b.4", ["happy", "sad"], "two lists")
    fails("9b.4", {"happy": ["✏️ a happy sentence", "✏️", "✏️"], "sad": ["✏️ a sad sentence", "✏️", "✏️"]}, "✏️")
    model = teach({"happy": ["sunny beach"], "sad": ["rainy day"]})
    assert model.guess("a sunny morning") == "happy" and model.guess("nothing known") == "?"


def test_the_tools_see_numbers_and_brightness_and_where_words_go():
    picture = kit.draw("a beach at noon", seed=1, size="small")
    grid = see_numbers(picture)
    assert len(grid) == 8 and all(len(row) == 8 and all(0 <= v <= 255 for v in row) for row in grid)
    assert 0 <= brightness(picture) <= 255
    assert "stay on this computer" in where_my_words_go()


def test_where_words_go_names_the_region_and_the_gateway(fake_server, workdir):
    from support import SENTINEL_KEY

    kit.setup("dashscope", api_key=SENTINEL_KEY, workdir=workdir, quiet=True)
    said = where_my_words_go()
    assert "Singapore" in said and "新加坡" in said and "teacher" not in said
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir, quiet=True)
    assert "your teacher can read every prompt" in where_my_words_go()


# --- hints and the notebooks -------------------------------------------------------------------------------------

LAST_HINT_SAMPLES = {"9b.1": ("Write a birthday story for my friend Leo, who loves football.",
                              "為我的好朋友阿樂寫一個生日故事，他很喜歡踢足球。"),
                     "9b.3": ("I would not share it. I would ask my teacher or a grown-up whether it is real.",
                              "我不會轉發。我會問老師或大人這是不是真的。")}


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_get_more_telling_and_the_last_gives_an_answer_that_passes(exercise_id):
    hints_are_graded(exercise_id, LAST_HINT_SAMPLES.get(exercise_id, ()))


def _notebook(language):
    return nbformat.read(ROOT / "solutions" / language / f"{SLUG}.ipynb", as_version=4)


@pytest.mark.parametrize("language", ("en", "zh-Hant"))
def test_teacher_notebook_follows_the_template(language):
    nb = _notebook(language)
    sources = lesson_follows_the_template(nb, language, "# Lesson 9b · " if language == "en" else "# 第 9b 課 · ", IDS)
    assert sources


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
