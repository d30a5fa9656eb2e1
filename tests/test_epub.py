"""The EPUB 3 edition: ``jupyter nbconvert --to storybook_epub`` makes a book EPUBCheck passes, plain or narrated.

The narrated books are synthetic: a real book's export data with the narration shape the speech work puts on each
page (a short generated WAV and its sentence timings), so these tests need no speech engine.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
import wave
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import nbformat
import pytest
from test_export import HOSTILE, code_cell, display, nbconvert, notebook, save, small

import kit
from kit.export.epub import build_epub, clock, sentence_words

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
SMIL = "{http://www.w3.org/ns/SMIL}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SENTENCES = ["The dragon woke up.", "She saw a cat!", "小龍和小貓是好朋友。"]


def epubcheck_command() -> list[str]:
    """How to run EPUBCheck here. Debian's /usr/bin/epubcheck is an executable jar: without binfmt it needs java.

    Missing, the tests skip loudly; in CI (or with KIT_REQUIRE_BROWSER) a missing EPUBCheck is a failure.
    """
    found = shutil.which("epubcheck")
    java = shutil.which("java")
    if not found:
        reason = "EPUBCheck is missing, so the EPUB export is NOT validated (apt-get install epubcheck)"
        if os.environ.get("KIT_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with open(found, "rb") as head:
        is_jar = head.read(2) == b"PK"
    return ["java", "-jar", found] if is_jar and java else [found]


def epubcheck(path: Path) -> str:
    done = subprocess.run([*epubcheck_command(), str(path)], check=False, capture_output=True, text=True, timeout=300)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "No errors or warnings detected" in report, report
    return report


def clip(seconds: float) -> str:
    """A short 16-bit mono WAV of a quiet tone, base64, as a speech engine gives it."""
    rate = 16000
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"".join(((n * 37) % 2000 - 1000).to_bytes(2, "little", signed=True)
                                   for n in range(int(rate * seconds))))
    return base64.b64encode(out.getvalue()).decode()


def narrated(data: dict) -> dict:
    """The book's data with every page narrated, in the shape the speech work produces."""
    for page in data["pages"]:
        page["text"] = " ".join(SENTENCES)
        page["narration"] = {"voice": "Kiki", "language": "yue", "offline": False,
                             "audio": {"mime": "audio/wav", "data": clip(1.5)},
                             "sentences": [{"text": text, "start": n * 0.5, "end": n * 0.5 + 0.5}
                                           for n, text in enumerate(SENTENCES)]}
    return {**data, "narration_voice": "Kiki"}


@pytest.fixture
def book(offline_kit):
    book = kit.Storybook("Dragon <Friends>", author="Mei", theme="Friendship")
    book.theme_statement = "Friends are brave.\nAlways."
    book.set_cover(small("a dragon cover", 9), alt="Cover dragon")
    book.add_page(kit.ask("Write a first page about a dragon", seed=1), small("a red dragon", 1), alt="A dragon")
    book.add_page(f"Second page. {HOSTILE}", small("a grey cat", 2), alt=f"A cat {HOSTILE}")
    book.add_page("Third page.\n\n小龍和小貓是好朋友。", small("a dragon and a cat", 3), alt="Friends")
    return book


def unpack(epub: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        return {name: book.read(name) for name in book.namelist()}


def test_nbconvert_to_storybook_epub_makes_a_book_epubcheck_passes(book, tmp_path):
    nb = notebook(code_cell("book.show()", display(book._repr_mimebundle_())),
                  nbformat.v4.new_markdown_cell("MARKDOWN-NOTE"))
    save(nb, tmp_path / "my book.ipynb")
    done = nbconvert("--to", "storybook_epub", "my book.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "my book.epub"
    files = unpack(out.read_bytes())
    text = b"".join(files.values()).decode("utf-8", "replace")
    assert "MARKDOWN-NOTE" not in text and "book.show()" not in text
    epubcheck(out)


def test_every_page_is_well_formed_with_its_words_pictures_alt_text_and_language(book):
    data = book.export_data()
    files = unpack(build_epub(data))
    pages = sorted(name for name in files if name.endswith(".xhtml"))
    assert pages == ["OEBPS/cover.xhtml", "OEBPS/end.xhtml", "OEBPS/nav.xhtml", "OEBPS/page-1.xhtml",
                     "OEBPS/page-2.xhtml", "OEBPS/page-3.xhtml"]
    for name in pages:
        root = ET.fromstring(files[name])
        assert root.get("lang") == root.get(XML_LANG) == "en", name
        for element in root.iter():
            assert element.get("lang", "en") in ("en", "zh-Hant"), (name, element.tag)
        for image in root.iter(f"{XHTML}img"):
            assert image.get("alt") and f"OEBPS/{image.get('src')}" in files
    second = files["OEBPS/page-2.xhtml"].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in second and "<script>alert" not in second
    assert 'alt="A cat &lt;script&gt;' in second
    third = ET.fromstring(files["OEBPS/page-3.xhtml"])
    assert [p.text for p in third.iter(f"{XHTML}p") if p.text] == ["Third page.", "小龍和小貓是好朋友。"]
    end = files["OEBPS/end.xhtml"].decode()
    assert "How I used AI" in end and "我如何使用 AI" in end and "Write a first page about a dragon" in end
    assert "kit-entry" not in end    # no script in the EPUB
    cover = ET.fromstring(files["OEBPS/cover.xhtml"])
    assert cover.find(f".//{XHTML}h1").text == "Dragon <Friends>"
    assert not any(name.endswith(".smil") for name in files)


def test_navigation_and_accessibility_metadata(book):
    files = unpack(build_epub(book.export_data()))
    nav = ET.fromstring(files["OEBPS/nav.xhtml"])
    kinds = {element.get("{http://www.idpf.org/2007/ops}type"): element for element in nav.iter(f"{XHTML}nav")}
    assert [a.get("href") for a in kinds["toc"].iter(f"{XHTML}a")] == [
        "cover.xhtml", "page-1.xhtml", "page-2.xhtml", "page-3.xhtml", "end.xhtml"]
    assert {a.get("{http://www.idpf.org/2007/ops}type") for a in kinds["landmarks"].iter(f"{XHTML}a")} == {
        "cover", "bodymatter", "backmatter"}
    package = ET.fromstring(files["OEBPS/package.opf"])
    meta = {}
    for element in package.iter(f"{OPF}meta"):
        meta.setdefault(element.get("property"), []).append(element.text)
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual,visual", "textual"]
    assert "alternativeText" in meta["schema:accessibilityFeature"]
    assert "synchronizedAudioText" not in meta["schema:accessibilityFeature"]
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert "every picture has a text description" in meta["schema:accessibilitySummary"][0]
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert "media:duration" not in meta
    cover_items = [item for item in package.iter(f"{OPF}item") if item.get("properties") == "cover-image"]
    assert [item.get("href") for item in cover_items] == ["images/cover.jpg"]


def test_a_chinese_book_says_so_on_every_page(offline_kit):
    book = kit.Storybook("小龍", language="zh-Hant")
    book.add_page("小龍醒了。", small("a dragon", 1), alt="一條小龍")
    files = unpack(build_epub(book.export_data()))
    for name in ("OEBPS/cover.xhtml", "OEBPS/page-1.xhtml", "OEBPS/nav.xhtml", "OEBPS/end.xhtml"):
        root = ET.fromstring(files[name])
        assert root.get("lang") == root.get(XML_LANG) == "zh-Hant", name
    assert "<dc:language>zh-Hant</dc:language>" in files["OEBPS/package.opf"].decode()
    assert "第 1 頁" in files["OEBPS/page-1.xhtml"].decode()


def test_a_narrated_book_has_media_overlays_epubcheck_passes(book, tmp_path):
    out = tmp_path / "narrated.epub"
    out.write_bytes(build_epub(narrated(book.export_data())))
    files = unpack(out.read_bytes())
    page = ET.fromstring(files["OEBPS/page-2.xhtml"])
    spans = {span.get("id"): span.text for span in page.iter(f"{XHTML}span") if span.get("id")}
    assert spans == {"s2-1": SENTENCES[0], "s2-2": SENTENCES[1], "s2-3": SENTENCES[2]}
    smil = ET.fromstring(files["OEBPS/page-2.smil"])
    pars = [(par.find(f"{SMIL}text").get("src"), par.find(f"{SMIL}audio").get("src"),
             par.find(f"{SMIL}audio").get("clipBegin"), par.find(f"{SMIL}audio").get("clipEnd"))
            for par in smil.iter(f"{SMIL}par")]
    assert pars == [("page-2.xhtml#s2-1", "audio/page-2.mp3", "0.000s", "0.500s"),
                    ("page-2.xhtml#s2-2", "audio/page-2.mp3", "0.500s", "1.000s"),
                    ("page-2.xhtml#s2-3", "audio/page-2.mp3", "1.000s", "1.500s")]
    assert files["OEBPS/audio/page-2.mp3"][:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3") or \
        files["OEBPS/audio/page-2.mp3"][0] == 0xFF
    opf = files["OEBPS/package.opf"].decode()
    assert re.search(r'<item id="page-2" href="page-2.xhtml" media-type="application/xhtml\+xml" '
                     r'media-overlay="mo-2"/>', opf)
    assert '<meta property="media:duration" refines="#mo-2">0:00:01.500</meta>' in opf
    assert '<meta property="media:duration">0:00:04.500</meta>' in opf
    assert '<meta property="media:active-class">-epub-media-overlay-active</meta>' in opf
    assert '<meta property="media:narrator">Kiki</meta>' in opf
    assert '<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>' in opf
    assert ".-epub-media-overlay-active" in files["OEBPS/epub.css"].decode()
    epubcheck(out)


def test_a_sentence_the_words_no_longer_contain_is_not_highlighted_and_the_rest_still_are():
    words, kept = sentence_words("One. Two changed!\n\nThree & <four>.", [
        {"text": "One.", "start": 0, "end": 1}, {"text": "Two!", "start": 1, "end": 2},
        {"text": "Three & <four>.", "start": 2, "end": 3.25}], page=4)
    assert str(words) == ('<p><span id="s4-1">One.</span> Two changed!</p>'
                          '<p><span id="s4-3">Three &amp; &lt;four&gt;.</span></p>')
    assert kept == [{"id": "s4-1", "start": 0.0, "end": 1.0}, {"id": "s4-3", "start": 2.0, "end": 3.25}]


def test_durations_as_epub_writes_them():
    assert clock(0) == "0:00:00.000"
    assert clock(61.2345) == "0:01:01.234"
    assert clock(3725.5) == "1:02:05.500"


def test_the_epub_exporter_is_registered_for_nbconvert_and_jupyterlab():
    from nbconvert.exporters import get_export_names, get_exporter

    assert "storybook_epub" in get_export_names()
    exporter = get_exporter("storybook_epub")
    assert exporter.output_mimetype == "application/epub+zip" and exporter().file_extension == ".epub"
    assert exporter.export_from_notebook == "Storybook (EPUB)"


def test_a_book_the_kit_narrated_itself_exports_to_an_epub_epubcheck_passes(book, tmp_path):
    """The storybook's own narration (8-bit WAV, the offline voice) becomes MP3 overlays; book.export writes .epub."""
    book.narrate()
    assert base64.b64decode(book.export_data()["pages"][0]["narration"]["audio"]["data"])[34] == 8  # 8 bits a sample
    out = book.export(tmp_path / "narrated.epub")
    files = unpack(out.read_bytes())
    assert any(name.endswith(".mp3") for name in files) and any(name.endswith(".smil") for name in files)
    epubcheck(out)
