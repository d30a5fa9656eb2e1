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
    SHORT,
    cell_errors,
    describe,
    lab_command,
    open_notebook,
    run_all,
    run_axe,
    serious,
    write_notebook,
)

MORE = {"en": "➡️ More choices", "zh-Hant": "➡️ 更多選擇"}
# What a child presses, in order: an answer, or "More choices" to turn to the next page of answers.
PRESSES = {"en": ["😊 Happy", MORE["en"], MORE["en"], "🐼 Panda", "🏖️ Beach", "⚽ Play", "🌈 Bright colours",
                  "🖌️ Watercolour"],
           "zh-Hant": ["😊 開心", MORE["zh-Hant"], MORE["zh-Hant"], "🐼 熊貓", "🏖️ 海灘", "⚽ 玩耍", "🌈 鮮豔的顏色",
                       "🖌️ 水彩畫"]}
SENTENCE = {"en": "A happy panda playing at the beach, in bright colours, as a watercolour painting.",
            "zh-Hant": "一隻開心的熊貓在海灘上玩耍，用鮮豔的顏色，畫成水彩畫。"}
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
        studio.locator("button:visible", has_text=press).click()
        if press != MORE[language]:
            expect(studio.locator("button", has_text=press)).to_be_hidden()  # the next question is shown
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
    title_box = studio.locator("input[type=text]:visible").first
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


# --- by keyboard alone, and on a portrait tablet ---------------------------------------------------------------

FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {text: (e.innerText || e.value || '').trim(), tag: e.tagName, inStudio: !!e.closest('.kit-studio'),
          visible: e.matches(':focus-visible'), colour: s.outlineColor, width: parseFloat(s.outlineWidth),
          style: s.outlineStyle}; }"""
# Is the element inside the part of the notebook that is on screen (its scrolling box, and the window)?
ON_SCREEN = """(e) => { let box = e.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY)))
    box = box.parentElement;
  const r = e.getBoundingClientRect(), b = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
  return r.top >= Math.max(b.top, 0) - 1 && r.bottom <= Math.min(b.bottom, innerHeight) + 1; }"""
# Every visible control of the studio whose box leaves the notebook panel, or whose words do not fit in it.
CLIPPED = """() => { const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)').getBoundingClientRect();
  return [...document.querySelectorAll('.kit-studio button, .kit-studio input, .kit-studio img, .kit-studio .kit-pv')]
    .filter(e => e.offsetParent !== null)
    .map(e => { const r = e.getBoundingClientRect();
      return {text: (e.innerText || e.value || e.alt || e.tagName).trim().slice(0, 40), left: r.left, right: r.right,
              cut: e.tagName === 'BUTTON' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)}; })
    .filter(c => c.left < panel.left - 1 || c.right > panel.right + 1 || c.cut); }"""
PANEL = "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)').getBoundingClientRect().width"
# (what to press, the first answer the focus must be on after pressing it)
BY_KEYBOARD = [("😢 Sad", "🧍 Me"), ("➡️ More choices", "👫 Friend"), ("👫 Friend", "🏠 Home"),
               ("🏫 School", "⚽ Play"), ("➡️ More choices", "🙋 I need help"), ("🤗 I need a hug", "🌈 Bright colours"),
               ("🌸 Soft colours", "🖌️ Watercolour"), ("🎬 Cartoon", "")]


def press_and_wait(page, button) -> None:
    """Click ``button`` and wait until the studio has shown what comes next: the focus leaves the button pressed
    for the next answers (or the title box), which the kernel asks for only after everything else has changed."""
    words = button.inner_text().strip()
    button.click()
    page.wait_for_function("""(words) => { const e = document.activeElement;
        return !!e.closest('.kit-studio') && e.offsetParent !== null && (e.innerText || '').trim() !== words; }""",
                           arg=words, timeout=SHORT)


def tab_to(page, words: str, most: int = 12) -> int:
    """Press Tab until the focus is on the control whose words start with ``words``; returns the presses."""
    for presses in range(most + 1):
        if page.evaluate(FOCUSED)["text"].startswith(words):
            return presses
        page.keyboard.press("Tab")
    raise AssertionError(f"{words!r} not reached in {most} Tabs; focus is on {page.evaluate(FOCUSED)}")


def test_the_studio_by_keyboard_alone(lab, page, shots):
    """Tab and Enter only: after each choice the focus is already on the next question's first answer (in view,
    with the thick amber ring), so an answer costs as many Tabs as it is far down its page, and no more."""
    name = write_notebook(lab, "studio-keys.ipynb", [SETUP_CELL, 'kit.setup(language="en")', "kit.PictureStudio()"])
    open_notebook(page, lab, name)
    lab_command(page, "application:toggle-left-area")
    run_all(page)
    studio = page.locator(".kit-studio")
    expect(studio).to_be_visible(timeout=LONG)
    studio.locator(".kit-answers button:visible").first.focus()           # the child Tabs into the studio once
    answers, pages = [], []
    for press, next_first in BY_KEYBOARD:
        presses = tab_to(page, press)
        (pages if press.startswith("➡️") else answers).append(presses)
        ring = page.evaluate(FOCUSED)
        assert ring["inStudio"] and ring["visible"] and ring["style"] == "solid", ring
        assert ring["colour"] == "rgb(217, 119, 6)" and ring["width"] >= 4, ring   # amber and thick, not blue and thin
        if press == "🤗 I need a hug":
            shots("the-amber-focus-ring")
        page.keyboard.press("Enter")
        if next_first:
            page.wait_for_function("(w) => (document.activeElement.innerText || '').trim().startsWith(w)",
                                   arg=next_first, timeout=SHORT)
            assert page.evaluate(f"() => ({ON_SCREEN})(document.activeElement)"), f"focus not in view after {press!r}"
            question = studio.locator(".kit-question")
            assert question.evaluate(ON_SCREEN), f"the question is not in view after {press!r}"
    shots("after-the-last-choice")
    page.wait_for_function("() => document.activeElement.tagName === 'INPUT'", timeout=SHORT)  # the title box
    page.keyboard.type("My Quiet Day")
    assert tab_to(page, "🎨 Draw my picture") == 2                         # the name box, then the button
    page.keyboard.press("Enter")
    expect(studio.locator("figure img")).to_be_visible(timeout=LONG)
    expect(studio.locator(".kit-sentence")).to_have_text(
        "My sad friend at school, needing a hug, in soft colours, as a cartoon.")
    assert answers == [1, 0, 1, 1, 1, 1], answers                           # each answer's place on its page
    assert max(answers) <= 1 and pages == [6, 6], (answers, pages)         # "More" comes right after six answers
    assert not cell_errors(page) and not page.problems
    print(f"studio by keyboard: Tabs per answer {answers} (mean {sum(answers) / len(answers):.2f}), "
          f"Tabs to turn a page {pages}")


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_the_studio_on_a_portrait_tablet_with_the_file_browser_open(lab, page, shots, language):
    """768 x 1024 with JupyterLab's file browser open: every button, box and picture of the studio stays inside the
    notebook panel, and no button's words are cut off, on every page of every question and on the card."""
    page.set_viewport_size({"width": 768, "height": 1024})
    name = write_notebook(lab, f"studio-tablet-{language}.ipynb",
                          [SETUP_CELL, f'kit.setup(language="{language}")', "kit.PictureStudio()"])
    open_notebook(page, lab, name)
    lab_command(page, "filebrowser:activate")
    expect(page.locator("#filebrowser")).to_be_visible()
    run_all(page)
    studio = page.locator(".kit-studio")
    expect(studio).to_be_visible(timeout=LONG)
    panel = page.evaluate(PANEL)
    assert panel < 560, f"the file browser should leave the notebook narrow, not {panel}px"
    studio.locator(".kit-answers button:visible").first.scroll_into_view_if_needed()
    shots("first-question")
    checked = 0
    for _question in range(6):
        while True:
            assert not page.evaluate(CLIPPED), page.evaluate(CLIPPED)
            checked += studio.locator("button:visible").count()
            more = studio.locator("button:visible", has_text=MORE[language])
            if not more.count():
                break
            press_and_wait(page, more)
        press_and_wait(page, studio.locator(".kit-answers button:visible").first)
    shots("last-step")
    assert not page.evaluate(CLIPPED), page.evaluate(CLIPPED)
    _read, draw, make, title = WORDS[language]
    studio.locator("button", has_text=draw).click()
    expect(studio.locator("figure img")).to_be_visible(timeout=LONG)
    title_box = studio.locator("input[type=text]:visible").first
    title_box.fill(title)
    title_box.press("Tab")
    studio.locator("button", has_text=make).click()
    expect(studio.locator(".kit-pv")).to_contain_text(title, timeout=LONG)
    assert not page.evaluate(CLIPPED), page.evaluate(CLIPPED)
    shots("the-card", full_page=True)
    assert not cell_errors(page) and not page.problems
    print(f"studio on a tablet ({language}): notebook panel {panel:.0f}px wide, {checked} buttons checked, none cut")
