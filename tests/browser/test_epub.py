"""The EPUB's pages in Chromium: unpacked, each XHTML page loads as XML, shows its words, and its pictures load."""

from __future__ import annotations

import zipfile

import kit
from kit.export.epub import build_epub

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
