"""The three files children hand in, opened in Chromium: axe-core finds no serious or critical problem, every
target is big enough, every control has words, text contrast meets WCAG AA, and the novel plays by keyboard alone.

The stories are made with the public API on the offline backend, in both languages, then exported by the kit's
own exporters (the same code ``jupyter nbconvert --to storybook|novel|picture_card`` runs).
"""

from __future__ import annotations

import pytest

import kit

from .a11y import contrast_runs, low_contrast, small_targets, unlabelled
from .labkit import describe, run_axe, serious

WORDS = {
    "en": {"title": "Pip and the Lantern", "pages": ["Pip the red panda finds a paper lantern by the harbour.",
                                                   "The lantern glows and leads Pip home to Grandma."],
           "scenes": ("At the harbour", "Pip sees a glowing lantern floating on the water.",
                      "Follow the lantern", "Go home", "The lantern leads Pip to a hidden garden. The end!",
                      "Pip goes home and tells Grandma everything."),
           "card": ("My Cat", "My cat loves the rain.")},
    "zh-Hant": {"title": "小熊貓和燈籠", "pages": ["小熊貓在海港邊找到一個紙燈籠。", "燈籠亮起來，帶小熊貓回家見婆婆。"],
                "scenes": ("在海港", "小熊貓看見水上有一個發光的燈籠。", "跟着燈籠", "回家",
                           "燈籠帶小熊貓到一個秘密花園。", "小熊貓回家，把一切告訴婆婆。"),
                "card": ("我的貓", "我的貓喜歡下雨。")},
}


def small(prompt: str, seed: int) -> kit.Picture:
    return kit.draw(prompt, seed=seed, size="small")


def make_book(language: str) -> kit.Storybook:
    words = WORDS[language]
    book = kit.Storybook(words["title"], author="Mei", theme="Friendship", language=language)
    book.theme_statement = "Friends help each other find the way."
    book.set_cover(small("a red panda with a lantern, night, watercolour", 3), alt="Pip holds a lantern")
    for number, text in enumerate(words["pages"], 1):
        book.add_page(kit.ask(f"Write page {number}: {text}", seed=number), small(text, number), alt=text)
    return book


def make_novel(language: str) -> kit.Novel:
    title, opening, follow, home, garden, ending = WORDS[language]["scenes"]
    novel = kit.Novel(WORDS[language]["title"], author="Ka Ho", theme="Courage", language=language)
    novel.add_scene("harbour", opening, small("a red panda by the sea at night, stars, cartoon", 5),
                    choices={follow: "garden", home: "home"}, alt=opening, title=title)
    novel.add_scene("garden", garden, small("a red panda in a garden with flowers at night", 6), ending=True,
                    alt=garden)
    novel.add_scene("home", ending, ending=True)
    return novel


def make_card(language: str) -> kit.PictureCard:
    title, sentence = WORDS[language]["card"]
    return kit.PictureCard(kit.draw("a happy cat in the rain, cartoon", seed=4, size="small"), title, sentence,
                           author="Wing", language=language)


def open_file(page, path) -> None:
    # The export's CSP lets only its own script run (tests/browser/test_export_csp.py); axe-core is ours to inject.
    page.context.new_cdp_session(page).send("Page.setBypassCSP", {"enabled": True})
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")


MAKERS = {"storybook": (make_book, "book.storybook.html"), "novel": (make_novel, "story.novel.html"),
          "picture_card": (make_card, "card.picture_card.html")}


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_exported_file_passes_axe_and_the_measurements(offline_kit, page, shots, tmp_path, kind, language):
    maker, name = MAKERS[kind]
    path = maker(language).export(tmp_path / name)
    for width, height in ((1280, 900), (390, 844)):            # a laptop, and a phone a parent might use
        page.set_viewport_size({"width": width, "height": height})
        open_file(page, path)
        results = run_axe(page)
        assert not serious(results), describe(serious(results))
        assert not unlabelled(page), unlabelled(page)
        small_ones = [c for c in small_targets(page) if c["tag"] != "a" or "choice" in c["text"]]
        assert not [c for c in small_targets(page) if c["tag"] in ("button", "input", "select")], small_ones
        runs = contrast_runs(page)
        assert runs and not low_contrast(page), low_contrast(page)
        shots(f"{width}px", full_page=True)
    assert not page.problems


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_the_exported_novel_plays_to_an_ending_with_the_keyboard_alone(offline_kit, page, shots, tmp_path,
                                                                        language):
    _title, _opening, follow, _home, garden, _ending = WORDS[language]["scenes"]
    path = make_novel(language).export(tmp_path / "story.novel.html")
    open_file(page, path)

    def visible() -> list[str]:
        return page.eval_on_selector_all(".scene", "s => s.filter(x => x.offsetParent).map(x => x.id)")

    def focused() -> dict:
        return page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            return {text: e.textContent.trim(), tag: e.tagName, id: e.id, width: r.width, height: r.height,
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== 'none'}; }""")

    assert visible() == ["scene-1"]
    # Tab until the first choice has focus: every stop on the way is visible and shows where focus is.
    for _step in range(12):
        page.keyboard.press("Tab")
        now = focused()
        assert now["outline"], f"no visible focus on {now}"
        if now["text"] == follow:
            break
    else:
        pytest.fail(f"Tab never reached the choice {follow!r}")
    assert now["height"] >= 44 and now["width"] >= 44, now
    shots("focus-on-a-choice", locator=page.locator("#scene-1"))
    page.keyboard.press("Enter")
    assert visible() == ["scene-2"]
    assert focused()["id"] == "scene-2-h"                         # focus moved to the new scene's heading
    assert garden[:12] in page.locator("#scene-2").inner_text()
    assert page.locator("#scene-2 .ending-mark").is_visible()
    shots("the-ending")
    # Back and restart are buttons the keyboard reaches too.
    for _step in range(12):
        page.keyboard.press("Shift+Tab")
        if "Back" in focused()["text"] or "返回" in focused()["text"]:
            break
    page.keyboard.press("Enter")
    assert visible() == ["scene-1"]
    assert not page.problems
