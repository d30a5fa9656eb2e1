"""The picture studio (special educational needs) in real JupyterLab: used only with its big buttons, then audited.

A child presses one big button per question (feeling, who, where, colours, style), hears the sentence, presses
"Draw my picture", types a title and presses "Make my card". In the browser, every control of the studio is at least
44 x 44 CSS px, has words a screen reader reads (not an emoji alone), its text meets WCAG AA contrast, and axe-core
finds no serious or critical problem in the studio's own markup.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .a11y import contrast_runs, controls, low_contrast, small_targets, unlabelled
from .labkit import (
    LONG,
    SETUP_CELL,
    cell_errors,
    describe,
    lab_command,
    open_notebook,
    run_all,
    run_axe,
    serious,
    write_notebook,
)

PRESSES = {"en": ["😊 Happy", "🐼 Panda", "🏖️ Beach", "🌈 Bright colours", "🖌️ Watercolour"],
           "zh-Hant": ["😊 開心", "🐼 熊貓", "🏖️ 海灘", "🌈 鮮豔的顏色", "🖌️ 水彩畫"]}
SENTENCE = {"en": "A happy panda at the beach, in bright colours, as a watercolour painting.",
            "zh-Hant": "一隻開心的熊貓在海灘上，用鮮豔的顏色，畫成水彩畫。"}
WORDS = {"en": ("🔊 Read aloud", "🎨 Draw my picture", "💾 Make my card", "My Happy Day"),
         "zh-Hant": ("🔊 讀出來", "🎨 畫我的圖畫", "💾 製作我的圖畫卡", "開心的一天")}


def audit(page, where: str) -> dict:
    """axe on the studio's own markup, and the three measurements; returns what was measured."""
    results = run_axe(page, ".kit-studio")
    assert not serious(results), f"{where}:\n{describe(serious(results))}"
    found = controls(page, ".kit-studio")
    assert found, where
    assert not small_targets(page, ".kit-studio"), (where, small_targets(page, ".kit-studio"))
    assert not unlabelled(page, ".kit-studio"), (where, unlabelled(page, ".kit-studio"))
    runs = contrast_runs(page, ".kit-studio")
    assert runs and not low_contrast(page, ".kit-studio"), (where, low_contrast(page, ".kit-studio"))
    return {"controls": len(found), "smallest": min(min(c["width"], c["height"]) for c in found),
            "lowest_contrast": min(run["ratio"] for run in runs)}


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_the_picture_studio_with_big_buttons_only(lab, page, shots, language):
    name = write_notebook(lab, f"studio-{language}.ipynb",
                          [SETUP_CELL, f'kit.setup(language="{language}")', "kit.PictureStudio()"])
    open_notebook(page, lab, name)
    lab_command(page, "application:toggle-left-area")
    run_all(page)
    studio = page.locator(".kit-studio")
    expect(studio).to_be_visible(timeout=LONG)
    studio.scroll_into_view_if_needed()
    measured = [audit(page, "first question")]
    shots("first-question")

    for press in PRESSES[language]:
        studio.locator("button", has_text=press).click()
        expect(studio.locator("button", has_text=press)).to_have_count(0)   # the next question is shown
    sentence = studio.locator(".kit-sentence")
    expect(sentence).to_have_text(SENTENCE[language])
    read, draw, make, title = WORDS[language]
    studio.locator("button", has_text=read).click()
    expect(studio.locator(".kit-speak")).to_contain_text(SENTENCE[language])
    studio.locator("button", has_text=draw).click()
    picture = studio.locator("figure img")
    expect(picture).to_be_visible(timeout=LONG)
    assert picture.evaluate("i => i.complete && i.naturalWidth") > 0
    assert picture.get_attribute("alt") == SENTENCE[language]
    measured.append(audit(page, "the picture"))
    title_box = studio.locator("input[type=text]").first
    title_box.fill(title)
    title_box.press("Tab")                                   # the box saves when the child leaves it
    studio.locator("button", has_text=make).click()
    card = studio.locator(".kit-pv")
    expect(card).to_contain_text(title, timeout=LONG)
    expect(card).to_contain_text(SENTENCE[language])
    card.scroll_into_view_if_needed()
    shots("the-card")
    studio.locator("button", has_text=draw).scroll_into_view_if_needed()
    shots("the-picture")
    measured.append(audit(page, "the card"))
    assert not cell_errors(page) and not page.problems
    assert all(each["smallest"] >= 44 for each in measured)
    print(f"studio {language}: {measured}")
