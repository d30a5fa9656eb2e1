"""A class's first hour, headless: what a child sees when a story still has the lesson's own title."""

import pytest

import kit
import kit.i18n


@pytest.mark.parametrize("title", ["我的故事書", "My Storybook", " my storybook "])
def test_the_checklist_flags_a_book_that_still_has_the_default_title(offline_kit, title):
    book = kit.Storybook(title, name="my-storybook")
    row = next(row for row in book.checklist() if row.item == "title")
    assert not row.ok and title.strip() in row.en and "自己的名字" in row.zh
    book.title = "熱心的小龍露露"
    row = next(row for row in book.checklist() if row.item == "title")
    assert row.ok and "熱心的小龍露露" in row.zh


def test_the_novel_checklist_flags_the_default_title_too(offline_kit):
    novel = kit.Novel("我的互動小說")
    assert not next(row for row in novel.checklist() if row.item == "title").ok


@pytest.mark.parametrize("kind", ["ask", "chat", "picture"])
def test_the_empty_prompt_card_of_a_playground_speaks_of_its_box_and_button(offline_kit, kind):
    kit.i18n.set_language("zh-Hant")
    try:
        pg = kit.playground(kind)
        pg.run()
    finally:
        kit.i18n.set_language("en")
    card = pg.message.value
    assert "方格" in card and "box" in card and pg.main_button.description.strip() in card
    assert "quotes" not in card and "引號" not in card and "run the cell" not in card
