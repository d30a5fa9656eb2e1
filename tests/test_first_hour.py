"""A class's first hour, headless: what a child sees when a story still has the lesson's own title."""

import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

import kit
import kit.i18n

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_after_a_restart_lesson_6s_builder_cell_runs_on_its_own(tmp_path, language):
    """The kernel restarted and the child runs only the builder cell: the builder comes back, no NameError."""
    nb = nbformat.read(ROOT / "notebooks" / language / "06-capstone-storybook.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "kit.StoryBuilder(" in c.source)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIT_", "DASHSCOPE"))}
    env.update(KIT_BACKEND="offline", KIT_NO_PROMPT="1", KIT_OFFLINE_STREAM_DELAY="0", MPLBACKEND="Agg")
    manager, client = start_new_kernel(kernel_name="python3", env=env, cwd=str(tmp_path))
    try:
        first = client.execute_interactive(
            "import kit\nkit.setup('offline', quiet=True)\n"
            "kit.Storybook('Lulu the Kind Dragon', name='my-storybook').add_page('Lulu lives on the 12th floor.')")
        assert first["content"]["status"] == "ok"
        manager.restart_kernel(now=True)
        client.wait_for_ready(timeout=60)
        shown = []
        reply = client.execute_interactive(cell, output_hook=shown.append, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        views = [m for m in shown if "application/vnd.jupyter.widget-view+json" in m["content"].get("data", {})]
        assert views and not [m for m in shown if m["msg_type"] == "error"]
        check = client.execute_interactive("assert my_book.title == 'Lulu the Kind Dragon' and len(my_book) == 1")
        assert check["content"]["status"] == "ok"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
