"""The story builder's vision parts, headless on the offline backend: alt text from kit.describe."""

from __future__ import annotations

import kit
from kit.widgets.builders import StoryBuilder


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
