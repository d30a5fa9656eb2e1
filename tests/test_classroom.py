"""The class theme: the teacher sets it once (``storykit class theme "..."``), every lesson reads it."""

from __future__ import annotations

import json

import kit
from kit import classroom
from kit.cli import main

THEME = "Kindness in my neighbourhood"


def test_the_teacher_sets_the_theme_once_and_lessons_below_find_it(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KIT_CLASS_FILE", raising=False)
    notebooks = tmp_path / "notebooks"
    (notebooks / "en").mkdir(parents=True)
    monkeypatch.chdir(notebooks)
    assert kit.class_theme() == ""
    assert main(["class", "theme", THEME]) == 0
    assert json.loads((notebooks / "storykit-class.json").read_text(encoding="utf-8")) == {"theme": THEME}
    monkeypatch.chdir(notebooks / "en")                   # where a lesson notebook runs
    assert kit.class_theme() == THEME
    assert main(["class", "theme"]) == 0 and THEME in capsys.readouterr().out


def test_kit_class_file_points_anywhere(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CLASS_FILE", str(tmp_path / "shared" / "class.json"))
    classroom.set_class_theme("  My Hong Kong  ")
    assert kit.class_theme() == "My Hong Kong"


def test_new_stories_take_the_class_theme_and_the_checklist_names_it(tmp_path, monkeypatch, offline_kit):
    monkeypatch.setenv("KIT_CLASS_FILE", str(tmp_path / "class.json"))
    classroom.set_class_theme(THEME)
    book = kit.Storybook("Pip", name="pip")
    assert book.theme == THEME and kit.Novel("Wallet", name="wallet").theme == THEME
    rows = {row.item: row for row in book.checklist()}
    assert rows["theme"].ok and "your teacher set" in rows["theme"].en
    assert f'"{THEME}"' in rows["theme_statement"].en and not rows["theme_statement"].ok
    book.theme = "Dragons"
    row = book.checklist().find("theme")
    assert not row.ok and THEME in row.en and "Dragons" in row.en and THEME in row.zh
    assert kit.Storybook("Own theme", theme="Friendship", name="own").theme == "Friendship"   # a cell's own wins


def test_no_class_file_changes_nothing(offline_kit, monkeypatch):
    monkeypatch.delenv("KIT_CLASS_FILE", raising=False)
    book = kit.Storybook("Plain", name="plain")
    assert book.theme == "" and book.checklist().find("theme").en.startswith("Write the theme")
