"""A class's first hour, headless: what a child sees when a story still has the lesson's own title."""

import pytest

import kit


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
