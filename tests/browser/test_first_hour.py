"""A class's first hour in real JupyterLab: the right book handed in, builders that survive a reload and a restart.

* Hand-in: Run All shows the book's preview before the child builds (as in lesson 6); the child then builds two
  pages in the StoryBuilder and exports with File ▸ Save and Export Notebook As ▸ Storybook, without running the
  preview again. The file has the pages just built, not the empty book the preview showed.
* Reload: F5 with the kernel still running, and the builder is still there and still works.
* Restart: restart the kernel, Run All, and the title the child typed in the builder is still the title.
* A room that reads Chinese: JupyterLab with the zh-TW language pack (the teacher extra) and its language set,
  lesson 6 in Traditional Chinese, exported from the Chinese File menu; the screenshots go to the README.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .labkit import LONG, SETUP_CELL, Lab, cell_errors, open_notebook, run_all, save_notebook, write_notebook
from .test_builders import export_from_menu, open_export

TYPED_TITLE = "Lulu the Kind Dragon"


def lesson_six_like(lab, name: str) -> str:
    """The capstone's shape: make the book, the builder, then show the book (all run by Run All at once)."""
    return write_notebook(lab, name, [
        SETUP_CELL, 'kit.setup(language="en")',
        'my_book = kit.Storybook("My storybook", name="my-storybook")',
        "builder = kit.StoryBuilder(my_book, pages=2, candidates=2)\nbuilder",
        "my_book.show()"])


def open_builder(lab, page, name: str):
    """Open a new lesson-6-like notebook, Run All (as a class does), and return the builder once it shows."""
    open_notebook(page, lab, lesson_six_like(lab, name))
    run_all(page)
    builder = page.locator(".kit-builder-story")
    expect(builder).to_be_visible(timeout=LONG)
    return builder


def draft_and_choose_a_picture(builder) -> None:
    builder.get_by_placeholder("For example: A shy panda").fill("A kind dragon helps her neighbours in the rain.")
    builder.locator("button", has_text="✨ Draft pages").click()
    expect(builder).to_contain_text(re.compile(r"Page 1 of \d "), timeout=LONG)
    draw = builder.locator("button", has_text="🎨 Draw candidates")
    draw.click()
    use = builder.locator("button", has_text="✅ Use this")
    expect(use.first).to_be_visible(timeout=LONG)
    expect(draw).to_be_enabled(timeout=LONG)                  # every candidate drawn
    use.first.click()
    expect(builder.locator("button", has_text="✔ Chosen")).to_have_count(1, timeout=LONG)


def builder_title(builder):
    return builder.get_by_label(re.compile(r"^(Title · 書名|書名 · Title)$"))


def type_title(builder, title: str) -> None:
    box = builder_title(builder)
    box.fill(title)
    box.press("Tab")                                        # saved when the child leaves the box


def test_menu_export_after_run_all_hands_in_the_pages_just_built(lab, page, tmp_path):
    builder = open_builder(lab, page, "first-hour-export.ipynb")
    type_title(builder, TYPED_TITLE)
    builder.get_by_placeholder("For example: A shy panda").fill("A kind dragon helps her neighbours in the rain.")
    builder.locator("button", has_text="✨ Draft pages").click()
    expect(builder).to_contain_text(re.compile(r"Page 1 of 2 "), timeout=LONG)
    words = builder.get_by_placeholder("Write or change the words of this page.")
    expect(words).not_to_have_value("", timeout=LONG)
    built = words.input_value()
    save_notebook(page)
    exported = export_from_menu(page, "Storybook", tmp_path)
    open_export(page, exported)
    assert page.locator(".sheet.page").count() == 2
    expect(page.locator("body")).to_contain_text(TYPED_TITLE)
    expect(page.locator(".sheet.page").first).to_contain_text(built[:40])
    expect(page.locator("body")).not_to_contain_text("No AI was used")
    assert not page.problems


def test_the_builder_survives_a_reload_with_the_kernel_running(lab, page):
    builder = open_builder(lab, page, "first-hour-reload.ipynb")
    draft_and_choose_a_picture(builder)                     # the gallery is redrawn: old widgets are closed
    save_notebook(page)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=LONG)
    builder = page.locator(".kit-builder-story")
    expect(builder).to_be_visible(timeout=LONG)
    expect(page.locator(".jp-Notebook")).not_to_contain_text("model not found")
    type_title(builder, TYPED_TITLE)                        # still wired to the kernel: the book takes the title
    saved = lab.root / "kit-work" / "books" / "my-storybook" / "storybook.json"
    for _ in range(200):
        if json.loads(saved.read_text(encoding="utf-8"))["title"] == TYPED_TITLE:
            break
        page.wait_for_timeout(250)
    assert json.loads(saved.read_text(encoding="utf-8"))["title"] == TYPED_TITLE
    assert not cell_errors(page)


def test_restart_then_run_all_keeps_the_title_typed_in_the_builder(lab, page):
    builder = open_builder(lab, page, "first-hour-restart.ipynb")
    type_title(builder, TYPED_TITLE)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    page.wait_for_function("""() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
        return k && k.status === 'idle'; }""", timeout=LONG)
    run_all(page)
    builder = page.locator(".kit-builder-story")
    expect(builder).to_be_visible(timeout=LONG)
    expect(builder_title(builder)).to_have_value(TYPED_TITLE, timeout=LONG)
    assert not cell_errors(page)


@pytest.fixture(scope="module")
def zh_lab(tmp_path_factory):
    """JupyterLab with its language set to Traditional Chinese, as `Settings > Language` would set it."""
    server = Lab(tmp_path_factory.mktemp("lab-zh"), {"KIT_BACKEND": "offline"}, "zh")
    settings = server.base / "settings" / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"locale": "zh_TW"}), encoding="utf-8")
    yield server
    server.stop_kernels()
    server.stop()


def test_a_chinese_room_builds_and_hands_in_from_chinese_menus(zh_lab, page, shots, tmp_path):
    open_notebook(page, zh_lab, "zh-Hant/06-capstone-storybook.ipynb")
    run_all(page)
    builder = page.locator(".kit-builder-story")
    expect(builder).to_be_visible(timeout=LONG)
    type_title(builder, "熱心的小龍露露")
    builder.get_by_placeholder(re.compile("例如")).first.fill("小龍露露在香港的屋邨裏幫助街坊")
    builder.locator("button", has_text="✨ 起草").click()
    expect(builder).to_contain_text(re.compile(r"第 1 頁"), timeout=LONG)
    builder.locator(".kit-builder-section").first.scroll_into_view_if_needed()
    shots("builder-zh")
    save_notebook(page)
    page.locator(".lm-MenuBar-itemLabel").first.click()                  # File (the zh-TW pack keeps the menu bar's
    items = page.locator(".lm-Menu-itemLabel").all_inner_texts()          # names in English; their items are Chinese)
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", label)) for label in items) >= 8, items
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("匯出|Export")).last.hover()
    item = page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile("^Storybook$"))
    expect(item).to_be_visible(timeout=LONG)
    shots("export-menu-zh")
    with page.expect_download(timeout=LONG) as download:
        item.click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    open_export(page, exported)
    expect(page.locator("body")).to_contain_text("熱心的小龍露露")
    assert page.locator(".sheet.page").count() >= 1
