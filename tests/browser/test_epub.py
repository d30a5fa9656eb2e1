"""The EPUB's pages in Chromium: unpacked, each XHTML page loads as XML, shows its words, and its pictures load."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import kit
from kit.export.epub import build_epub

from .labkit import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]

PICTURES = """() => [...document.images].map(i => ({alt: i.alt, loaded: i.complete && i.naturalWidth > 0,
                                                 shown: i.getBoundingClientRect().width > 0}))"""


def test_every_page_of_the_epub_renders_with_its_words_and_pictures(offline_kit, page, tmp_path, shots):
    book = kit.Storybook("龍的朋友", author="Mei", language="zh-Hant")
    book.set_cover(kit.draw("a dragon cover", seed=9, size="small"), alt="封面的小龍")
    book.add_page("小龍醒了。牠看見一隻貓！", kit.draw("a red dragon", seed=1, size="small"), alt="一條紅色的小龍")
    book.add_page("牠們成為好朋友。", kit.draw("a cat", seed=2, size="small"), alt="一隻灰色的貓")
    epub = tmp_path / "book.epub"
    epub.write_bytes(build_epub(book.export_data()))
    with zipfile.ZipFile(epub) as unpacked:
        unpacked.extractall(tmp_path / "book")
    folder = tmp_path / "book" / "OEBPS"
    expected = {"cover.xhtml": ("龍的朋友", 1), "page-1.xhtml": ("小龍醒了。牠看見一隻貓！", 1),
                "page-2.xhtml": ("牠們成為好朋友。", 1), "end.xhtml": ("我如何使用 AI", 0), "nav.xhtml": ("第 2 頁", 0)}
    for name, (words, pictures) in expected.items():
        page.goto((folder / name).as_uri())
        assert page.evaluate("document.contentType") == "application/xhtml+xml"    # parsed as XML: well-formed
        assert page.locator("parsererror").count() == 0, name
        assert words in page.locator("body").inner_text(), name
        assert page.get_by_text(words, exact=False).first.is_visible(), name
        images = page.evaluate(PICTURES)
        assert len(images) == pictures and all(image["loaded"] and image["shown"] and image["alt"]
                                               for image in images), (name, images)
        shots(name.replace(".xhtml", ""))
    assert not page.problems


def ace_command() -> str:
    """DAISY Ace (npm ``@daisy/ace``, run through puppeteer with Debian's Chromium), where it is installed:
    $KIT_ACE, else node_modules/.bin, else PATH. It is not in package.json: 100 MB and an Electron download."""
    found = os.environ.get("KIT_ACE") or next(
        (str(path) for path in [ROOT / "node_modules" / ".bin" / "ace-puppeteer"] if path.exists()), None) \
        or shutil.which("ace-puppeteer")
    if not found:
        pytest.skip("DAISY Ace is NOT RUN: not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install @daisy/ace, "
                    "or set KIT_ACE to its ace-puppeteer)")
    return found


def test_daisy_ace_finds_no_accessibility_violation_in_a_narrated_book(offline_kit, tmp_path):
    from test_epub import narrated

    book = kit.Storybook("Dragon Friends", author="Mei", theme="Friendship")
    book.add_page(kit.ask("Write a first page about a dragon", seed=1), kit.draw("a red dragon", seed=1,
                                                                                size="small"), alt="A dragon")
    book.add_page("小龍和小貓是好朋友。", kit.draw("a cat", seed=2, size="small"), alt="A cat")
    epub = tmp_path / "book.epub"
    epub.write_bytes(build_epub(narrated(book.export_data())))
    done = subprocess.run([ace_command(), "-f", "-o", str(tmp_path / "ace"), str(epub)], check=False,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM})
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    violations = [item["earl:test"]["dct:title"] for group in report["assertions"] for item in group["assertions"]]
    assert report["earl:result"]["earl:outcome"] == "pass" and not violations, violations
    assert {"schema:accessMode", "schema:accessibilitySummary", "dcterms:conformsTo"} <= set(
        report["a11y-metadata"]["present"])
