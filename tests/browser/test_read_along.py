"""The narrated storybook in Chromium: its script runs under the CSP, a page's button plays its audio, and the
sentence at the audio's time is highlighted."""

from __future__ import annotations

import kit


def test_a_narrated_page_plays_and_highlights_the_sentence_spoken(offline_kit, page, tmp_path):
    book = kit.Storybook("The Singing Cat", language="en")
    book.add_page("A cat lived by the sea. She loved to sing.")
    book.narrate()
    path = book.export(tmp_path / "cat.storybook.html")
    page.goto(path.resolve().as_uri())
    button = page.locator(".k-read-page")
    button.wait_for(state="visible")                 # shown by narration.js: the script ran under the CSP
    assert page.locator(".k-read-all").is_visible()
    button.focus()
    page.keyboard.press("Enter")                     # keyboard usable
    page.wait_for_function("document.querySelector('.k-read-page').getAttribute('aria-pressed') === 'true'")
    second_start = float(page.locator(".k-sentence").nth(1).get_attribute("data-start"))
    page.evaluate(f"""() => {{ const a = document.querySelector('section[data-narrated] audio');
                              a.pause(); a.currentTime = {second_start + 0.05};
                              a.dispatchEvent(new Event('timeupdate')); }}""")
    page.wait_for_function("document.querySelectorAll('.k-sentence')[1].classList.contains('k-speaking')")
    assert "k-speaking" not in (page.locator(".k-sentence").nth(0).get_attribute("class") or "")
    assert not page.problems
