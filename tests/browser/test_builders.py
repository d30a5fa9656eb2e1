"""The builders as a child uses them in real JupyterLab, then the files a judge opens.

* Storybook: type an idea, ✨ draft two pages, rewrite page 1 in your own words, 🎨 draw candidates and ✅ choose one
  for each page, use one as the cover; show the book, save, and export it with JupyterLab's own menu
  (File ▸ Save and Export Notebook As ▸ Storybook, which runs ``nbconvert --to storybook`` on the server); the downloaded
  file opens with both pages, their pictures and the child's words. Offline, and once against the fake DashScope.
* Novel: ✨ draft the first scene, ➕ write the scenes its choices lead to as endings, 🔍 check, ▶ play it in the
  builder; export it the same way (▸ Novel), and play the exported file to an ending by clicking.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .a11y import low_contrast
from .labkit import (
    LONG,
    SETUP_CELL,
    cell_errors,
    describe,
    lab_command,
    open_notebook,
    run_all,
    run_axe,
    save_notebook,
    serious,
    write_notebook,
)

IDEA = "Pip the red panda finds a paper lantern at the harbour and follows it home to Grandma."
PAGE_TWO = "The lantern leads Pip up the hill, all the way home to Grandma."
OWN_WORDS = "Pip the red panda sees a paper lantern floating by the harbour. It glows like a tiny moon."


def run_last_cell(page) -> None:
    """Run the notebook's last cell (a child clicks it and presses Shift+Enter) and wait until it has run."""
    page.evaluate("""() => { const nb = window.jupyterapp.shell.currentWidget.content;
        nb.activeCellIndex = nb.widgets.length - 1; nb.mode = 'command'; }""")
    before = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCell.model.executionCount")
    lab_command(page, "notebook:run-cell")
    page.wait_for_function("""(before) => { const w = window.jupyterapp.shell.currentWidget;
        const c = w.content.widgets[w.content.widgets.length - 1];
        return c.model.executionCount !== null && c.model.executionCount !== before
               && w.sessionContext.session.kernel.status === 'idle'; }""", arg=before, timeout=LONG)


def export_from_menu(page, label: str, folder) -> str:
    """File ▸ Save and Export Notebook As ▸ ``label``: JupyterLab asks the server's nbconvert; returns the file.

    JupyterLab 4 names an exporter after its nbconvert format, capitalised ("Storybook", "Novel").
    """
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.locator(".lm-Menu-itemLabel", has_text="Save and Export Notebook As").hover()
    with page.expect_download(timeout=LONG) as download:
        page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def open_export(page, path) -> None:
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")


@pytest.mark.parametrize("server", ["lab", "fake_lab"])
def test_a_two_page_storybook_built_by_clicking_and_exported_with_nbconvert(request, page, shots, tmp_path, server):
    lab = request.getfixturevalue(server)
    name = write_notebook(lab, f"storybook-{server}.ipynb", [
        SETUP_CELL, 'kit.setup(language="en")',
        'book = kit.Storybook("Pip and the Lantern", author="Mei", theme="Family")',
        "kit.StoryBuilder(book, pages=2, candidates=2)",
        "book.show()"])
    open_notebook(page, lab, name)
    lab_command(page, "application:toggle-left-area")
    run_all(page)
    builder = page.locator(".kit-builder-story")
    expect(builder).to_be_visible(timeout=LONG)

    builder.get_by_placeholder("One or two sentences in your own words.").fill(
        "Family is there to guide you home.")
    builder.get_by_placeholder("For example: A shy panda").fill(IDEA)
    builder.get_by_placeholder("For example: Pip, a small panda").fill("Pip, a small red panda with a blue scarf")
    builder.locator("button", has_text="✨ Draft pages").click()
    expect(builder).to_contain_text(re.compile(r"Page 1 of [12] "), timeout=LONG)
    drafted_pages = int(re.search(r"Page 1 of (\d)", builder.inner_text()).group(1))
    words = builder.get_by_placeholder("Write or change the words of this page.")
    expect(words).not_to_have_value("", timeout=LONG)
    words.fill(OWN_WORDS)
    words.press("Tab")                                           # saved when the child leaves the box
    expect(builder).to_contain_text("You changed Qwen's words", timeout=LONG)

    for number in (1, 2):
        builder.locator("button", has_text="🎨 Draw candidates").click()
        use = builder.locator("button", has_text="✅ Use this")
        expect(use).to_have_count(2, timeout=LONG)
        use.first.click()
        expect(builder.locator("button", has_text="✔ Chosen")).to_have_count(1, timeout=LONG)
        if number == 2:
            break
        builder.locator("button", has_text="📕 Use as cover").click()
        if drafted_pages == 1:         # the fake DashScope's Qwen writes one sentence: add page 2 by hand
            builder.locator("button", has_text="➕ Add page").click()
            expect(builder).to_contain_text("Page 2 of 2", timeout=LONG)
            words.fill(PAGE_TWO)
            words.press("Tab")
            expect(builder.locator(".kit-pv-book")).to_contain_text(PAGE_TWO, timeout=LONG)
        else:
            builder.locator("button.widget-button", has_text="Next · ").click()
            expect(builder).to_contain_text("Page 2 of 2", timeout=LONG)
    builder.locator(".kit-builder-section").first.scroll_into_view_if_needed()
    shots("builder-top")
    builder.locator("button", has_text="✔ Chosen").scroll_into_view_if_needed()
    shots("builder-candidates")

    results = run_axe(page, ".kit-builder-story")
    assert not serious(results), describe(serious(results))
    assert not low_contrast(page, ".kit-builder-story"), low_contrast(page, ".kit-builder-story")
    run_last_cell(page)                                          # book.show(): the book goes into the notebook
    assert not cell_errors(page) and not page.problems
    save_notebook(page)
    exported = export_from_menu(page, "Storybook", tmp_path)
    assert exported.name.endswith(".storybook.html")
    open_export(page, exported)
    assert page.locator(".sheet.page").count() == 2
    expect(page.locator(".sheet.page").first).to_contain_text(OWN_WORDS)
    expect(page.locator("body")).to_contain_text("Family is there to guide you home.")
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete && i.naturalWidth)")
    assert len(widths) >= 3 and all(width > 0 for width in widths)          # the cover and both pages
    appendix = page.locator("#how-i-used-ai, .k-appendix").first
    expect(appendix).to_contain_text("How I used AI")
    if server == "lab":
        expect(appendix).to_contain_text("offline practice model")
    else:
        expect(appendix).not_to_contain_text("offline practice model")
    shots("exported-book")
    page.locator(".sheet.page").first.scroll_into_view_if_needed()
    shots("exported-page")
    assert not page.problems


def test_a_novel_built_by_clicking_then_exported_and_played_to_an_ending(lab, page, shots, tmp_path):
    name = write_notebook(lab, "novel.ipynb", [
        SETUP_CELL, 'kit.setup(language="en")',
        'novel = kit.Novel("Pip and the Night Market", author="Ka Ho", theme="Courage")',
        "kit.NovelBuilder(novel)", "novel.show()"])
    open_notebook(page, lab, name)
    lab_command(page, "application:toggle-left-area")
    run_all(page)
    builder = page.locator(".kit-builder-novel")
    expect(builder).to_be_visible(timeout=LONG)
    text = builder.get_by_placeholder("Write the scene, or a few ideas for it")
    text.fill("Pip the red panda visits the night market in Mong Kok and sees a lantern that whispers.")
    text.press("Tab")
    builder.locator("button", has_text="✨ Draft scene with Qwen").click()
    choice_words = builder.get_by_placeholder("Words on the button")
    expect(choice_words.first).not_to_have_value("", timeout=LONG)
    choices = [box.input_value() for box in choice_words.all()]
    assert len(choices) >= 2

    for _ending in choices:                                       # write each scene a choice leads to, as an ending
        builder.locator("button", has_text="➕ New scene").click()
        expect(builder.get_by_placeholder("Write the scene, or a few ideas for it")).to_have_value("", timeout=LONG)
        builder.get_by_text("This scene is an ending").click()
        expect(builder.locator(".widget-checkbox input")).to_be_checked()
        builder.locator("button", has_text="✨ Draft scene with Qwen").click()
        expect(builder.get_by_placeholder("Write the scene, or a few ideas for it")).not_to_have_value(
            "", timeout=LONG)
    expect(builder).not_to_contain_text("Not written yet")

    builder.locator("button", has_text="🔍 Check story").click()
    builder.locator("button", has_text="▶ Play").click()
    first = builder.locator("button", has_text=f"👉 {choices[0]}")
    expect(first).to_be_visible(timeout=LONG)
    first.click()
    expect(builder.locator("button", has_text="👉")).to_have_count(0, timeout=LONG)    # an ending: no more choices
    builder.locator("button", has_text="Restart").scroll_into_view_if_needed()
    shots("played-in-the-builder")

    results = run_axe(page, ".kit-builder-novel")
    assert not serious(results), describe(serious(results))
    assert not low_contrast(page, ".kit-builder-novel"), low_contrast(page, ".kit-builder-novel")
    run_last_cell(page)
    assert not cell_errors(page) and not page.problems
    save_notebook(page)
    exported = export_from_menu(page, "Novel", tmp_path)
    assert exported.name.endswith(".novel.html")
    open_export(page, exported)

    def visible() -> list[str]:
        return page.eval_on_selector_all(".scene", "s => s.filter(x => x.offsetParent).map(x => x.id)")

    assert visible() == ["scene-1"]
    shots("exported-novel-start")
    page.get_by_role("link", name=re.compile(re.escape(choices[-1]))).click()
    assert len(visible()) == 1 and visible() != ["scene-1"]
    ending = page.locator(".scene:visible .ending-mark")
    expect(ending).to_be_visible()
    expect(ending).to_contain_text("The End")
    shots("exported-novel-ending")
    page.get_by_role("button", name=re.compile("Restart")).click()
    assert visible() == ["scene-1"]
    assert not page.problems
