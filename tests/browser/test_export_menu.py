"""The exporters' friendly names in JupyterLab's File ▸ Save and Export Notebook As, from ``storykit lab-settings``.

JupyterLab names each exporter after its nbconvert format ("Storybook_pdf"); the classroom settings overrides the
kit writes add the lessons' words as menu items of their own ("Storybook (HTML)", in Chinese for a zh_TW room).
Each server here reads the overrides from its own folder (``--LabApp.app_settings_dir``), as a hub image reads
``{sys.prefix}/share/jupyter/lab/settings``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kit import lab_settings

from .labkit import LONG, SETUP_CELL, Lab, open_notebook, run_all, save_notebook, write_notebook
from .test_builders import open_export


def lab_with_classroom_settings(base, locale: str | None) -> Lab:
    settings = lab_settings.install(base / "prefix", locale=locale).parent
    return Lab(base, {"KIT_BACKEND": "offline"}, f"menu-{locale or 'en'}",
               args=(f"--LabApp.app_settings_dir={settings}",))


@pytest.fixture(scope="module")
def menu_lab(tmp_path_factory):
    server = lab_with_classroom_settings(tmp_path_factory.mktemp("lab-menu"), None)
    yield server
    server.stop_kernels()
    server.stop()


def open_export_menu(page) -> list[str]:
    """File ▸ Save and Export Notebook As (either language): the submenu's item labels."""
    page.locator(".lm-MenuBar-itemLabel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("Save and Export Notebook As|匯出")).last.hover()
    submenu = page.locator(f"#{lab_settings.EXPORT_SUBMENU}")
    expect(submenu.locator(".lm-Menu-itemLabel").first).to_be_visible(timeout=LONG)
    return submenu.locator(".lm-Menu-itemLabel").all_inner_texts()


def test_the_export_menu_shows_the_lessons_words_and_exports_with_them(menu_lab, page, shots, tmp_path):
    name = write_notebook(menu_lab, "menu-export.ipynb", [
        SETUP_CELL, 'kit.setup(language="en")',
        'book = kit.Storybook("The Lantern of Tai O", author="Mei")',
        'book.add_page("Mei found a lantern by the stilt houses.")', "book.show()"])
    open_notebook(page, menu_lab, name)
    run_all(page)
    save_notebook(page)
    labels = open_export_menu(page)
    friendly = [en for _, en, _ in lab_settings.EXPORTS]
    assert labels[:len(friendly)] == friendly, labels
    shots("export-menu-friendly")
    with page.expect_download(timeout=LONG) as download:
        page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^Storybook \(HTML\)$")).click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.endswith(".storybook.html")
    open_export(page, exported)
    expect(page.locator("body")).to_contain_text("The Lantern of Tai O")
    expect(page.locator("body")).to_contain_text("Mei found a lantern by the stilt houses.")


def test_a_chinese_room_sees_the_glossary_words_in_the_export_menu(tmp_path_factory, page, shots):
    server = lab_with_classroom_settings(tmp_path_factory.mktemp("lab-menu-zh"), "zh_TW")
    try:
        name = write_notebook(server, "menu-zh.ipynb", ["1 + 1"], language="zh-Hant")
        open_notebook(page, server, name)
        labels = open_export_menu(page)
        shots("export-menu-friendly-zh")
        chinese = [zh for _, _, zh in lab_settings.EXPORTS]
        assert labels[:len(chinese)] == chinese, labels
    finally:
        server.stop_kernels()
        server.stop()
