"""One set of Chinese character variants, terms and written forms across the kit, the notebooks and the plans
(the rules and the fixer are in tests/chinese_variants.py; ``python -m tests.chinese_variants --fix`` mends)."""

from __future__ import annotations

import json

import pytest

from tests.chinese_variants import ROOT, Place, files, fix_all, fix_text, problems

CHILD, TEACHER, REPLY = Place(), Place(teacher=True), Place(reply=True)


@pytest.mark.parametrize(("text", "place", "fixed"), [
    ("在這裡跟著我，為什麼？", CHILD, "在這裏跟着我，為甚麼？"),
    ("一本著名的書，效果顯著，他的著作", CHILD, "一本著名的書，效果顯著，他的著作"),
    ("寫一個圖像提示詞，或者圖片提示", TEACHER, "寫一個圖畫提示詞，或者圖畫提示"),
    ("一幅可以列印的圖片", CHILD, "一幅可以列印的圖畫"),
    ("數千張 Stable Diffusion 圖像", TEACHER, "數千張 Stable Diffusion 圖像"),
    ("Qwen 只好估估下，選最穩陣的字，有少少不同，樹枝很幼，在故事裏兜圈", CHILD,
     "Qwen 只好猜測，選最穩妥的字，有一點不同，樹枝很細，在故事裏繞圈"),
    ("弟弟讀幼稚園，年幼的貓", CHILD, "弟弟讀幼稚園，年幼的貓"),
    ("「寫短少少」太含糊", CHILD, "「寫短少少」太含糊"),                       # what a child types, quoted
    ("試試 `my_prompt = \"少少\"`", CHILD, "試試 `my_prompt = \"少少\"`"),
    ("例子：有少少驚喜  <!-- variants: example -->", CHILD, "例子：有少少驚喜  <!-- variants: example -->"),
    ("我哋食少少啦", REPLY, "我哋食少少啦"),                                   # a Cantonese reply, when asked
    ("author=\"三年乙班\"", CHILD, "author=\"中三乙班\""),
    ("author=\"五年甲班\"", Place(primary=True), "author=\"小五甲班\""),
])
def test_rules(text, place, fixed):
    assert fix_text(text, place)[0] == fixed
    assert fix_text(fixed, place) == (fixed, [])                            # fixing twice changes nothing


def _tree(root):
    (root / "kit" / "i18n").mkdir(parents=True)
    (root / "kit" / "export" / "templates").mkdir(parents=True)
    (root / "lessons").mkdir()
    (root / "solutions" / "zh-Hant").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "kit" / "shown.py").write_text(
        'HINT = ("在這裡寫", "跟著我")\n'
        'SPELLINGS = ("按這裏", "按這裡")\n'
        'ASK = re.compile(r"圖片提示|圖像提示|畫面")\n'
        'WORDS = "下面 裡面 上面 前面"\n'
        'S2T = """\n机機 着著 这這\n"""\n'
        'NOT_PLACES = {"晚上", "這裡",\n              "那裡"}\n', encoding="utf-8")
    (root / "kit" / "i18n" / "strings.json").write_text('{"a": {"zh-Hant": "甚麼？什麼？"}}\n', encoding="utf-8")
    (root / "lessons" / "01-plan.md").write_text("圖像模型在課室裡\n", encoding="utf-8")
    notebook = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["有少少不同\n", "裡"]},
                          {"cell_type": "markdown", "id": "b", "metadata": {"tags": ["teacher"]},
                           "source": ["圖像"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "solutions" / "zh-Hant" / "01-x.ipynb").write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n",
                                                              encoding="utf-8")


def test_the_fixer_can_be_run_again_and_again(tmp_path):
    _tree(tmp_path)
    assert len(problems(tmp_path)) == 10
    assert len(fix_all(tmp_path)) == 4
    assert problems(tmp_path) == [] and fix_all(tmp_path) == []
    shown = (tmp_path / "kit" / "shown.py").read_text(encoding="utf-8")
    assert 'HINT = ("在這裏寫", "跟着我")' in shown
    assert 'SPELLINGS = ("按這裏", "按這裡")' in shown                     # a list of spellings the kit reads
    assert 'r"圖片提示|圖像提示|圖畫提示|畫面"' in shown                  # a pattern reads the new term too
    assert 'WORDS = "下面 裡面 上面 前面"' in shown                         # a word list the kit reads
    assert "机機  这這" in shown                                            # no table turns 着 into 著
    assert 'NOT_PLACES = {"晚上", "這裡", "這裏",\n              "那裡", "那裏"}' in shown   # reads both
    assert (tmp_path / "lessons" / "01-plan.md").read_text(encoding="utf-8") == "圖像模型在課室裏\n"
    cells = json.loads((tmp_path / "solutions" / "zh-Hant" / "01-x.ipynb").read_text(encoding="utf-8"))["cells"]
    assert ["".join(cell["source"]) for cell in cells] == ["有一點不同\n裏", "圖像"]


def test_every_file_children_and_teachers_read_is_covered():
    names = [path.relative_to(ROOT).as_posix() for path in files()]
    for expected in ("kit/backends/offline_text/words.py", "kit/backends/offline_art/vocab.py", "kit/i18n/strings.json",
                     "kit/lessons/lesson_01.py", "kit/export/templates/storybook.html.j2",
                     "lessons/01-talking-to-qwen.md", "solutions/zh-Hant/01-talking-to-qwen.ipynb",
                     "notebooks/zh-Hant/01-talking-to-qwen.ipynb"):
        assert expected in names


def test_the_kit_the_notebooks_and_the_plans_read_as_one_book():
    """Every Chinese string follows the glossary. To mend: python -m tests.chinese_variants --fix"""
    assert problems() == []
