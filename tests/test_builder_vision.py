"""The story builder's vision parts, headless on the offline backend: alt text from kit.describe."""

from __future__ import annotations

import kit
from kit.widgets.story_builder import StoryBuilder


def test_the_describe_button_fills_only_missing_alt_text_and_the_child_can_edit_it(offline_kit):
    book = kit.Storybook("The Shy Panda")
    panda = kit.draw("a panda on the beach", size="small", seed=1)
    book.add_page("Pip sits on the sand.", picture=panda)
    book.add_page("Pip swims.", picture=kit.draw("a panda in the sea", size="small", seed=2), alt="Pip swims.")
    book.add_page("The end.")
    made = StoryBuilder(book, size="small")
    button = made.alt_button
    assert button.description and "Describe" in button.description

    button.click()
    assert book.pages[0].alt == kit.describe(panda).alt and "panda" in book.pages[0].alt
    assert book.pages[1].alt == "Pip swims."          # the child's own words are kept
    assert book.pages[2].alt == ""                    # no picture, nothing to describe
    assert "AI wrote 1 picture descriptions" in made.page_area.message.value
    assert made.alt.value == book.pages[0].alt        # shown in the box the child edits

    made.alt.value = "Pip the panda sits on warm sand."
    assert book.pages[0].alt == "Pip the panda sits on warm sand."
    assert made.describe_pictures() == 0 and "already has a description" in made.page_area.message.value


def test_make_my_hero_then_flag_pages_whose_hero_drifted_and_redraw_them(offline_kit):
    book = kit.Storybook("The Purple Dragon")
    made = StoryBuilder(book, size="small")
    made.check_hero_button.click()
    assert "Make your hero first" in made.picture_area.message.value
    made.make_hero_button.click()
    assert "Describe your hero" in made.hero_area.message.value and book.hero is None
    made.sheet.value = "a small purple dragon with a red scarf"
    made.make_hero_button.click()
    assert book.hero is not None and "<img" in made.hero_area.message.value
    book.add_page("Dragon goes to the beach.")
    book.add_page("Dragon meets a cat.", picture=kit.draw("a cat in a garden", size="small", seed=3))
    book.draw_page(0, "on a beach", size="small", seed=1)

    assert made.check_hero() == [1]
    assert "page 2" in made.picture_area.message.value and made.redraw_button.layout.display == ""
    before = book.pages[1].picture.data
    assert made.redraw_drifted() == 1
    assert book.pages[1].picture.data != before and book.pages[1].picture.prompt == "a cat in a garden"
    assert made.redraw_button.layout.display == "none"
    assert made.check_hero() == [] and "the same on every page" in made.picture_area.message.value
