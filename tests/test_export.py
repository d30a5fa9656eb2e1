"""Exporting: the notebook a child saved becomes the one file a judge opens, safely and completely.

Most tests build the notebook with nbformat from a story's MIME bundle (exactly what JupyterLab or Colab saves),
then run the real ``jupyter nbconvert --to ...`` or ``kit.export.export_notebook``. Tests marked ``browser``
open the results in headless Chromium.
"""

import base64
import functools
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from PIL import Image, ImageChops

import kit
from kit.errors import remember_secret
from kit.export import ExportProblem, export_notebook
from kit.story.storybook import MIME as BOOK_MIME

JUPYTER = str(Path(sys.executable).with_name("jupyter"))
HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(1)> '
           '<a href="javascript:alert(1)">click</a> javascript:alert(2)')
SECRET = "sk-" + "exportsentinel" * 2


def small(prompt: str, seed: int = 1) -> kit.Picture:
    return kit.draw(prompt, seed=seed, size="small")


def display(bundle: dict):
    return nbformat.v4.new_output("display_data", data=bundle, metadata={})


def notebook(*cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def code_cell(source: str, *outputs, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, outputs=list(outputs))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def save(nb, path: Path) -> Path:
    nbformat.write(nb, str(path))
    return path


def nbconvert(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([JUPYTER, "nbconvert", *args], check=False, cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture
def book(offline_kit):
    remember_secret(SECRET)
    book = kit.Storybook("Dragon <Friends>", author="Mei", theme="Friendship")
    book.theme_statement = "Friends are brave for each other."
    book.set_cover(small("a dragon cover", 9), alt="Cover dragon")
    book.add_page(kit.ask("Write a first page about a dragon", seed=1), small("a red dragon", 1), alt="A dragon")
    book.add_page(f"Second page. {HOSTILE} {SECRET}", small("a grey cat", 2), alt=f"A cat {HOSTILE}")
    book.add_page("Third page. 小龍和小貓是好朋友。", small("a dragon and a cat", 3), alt="Friends")
    return book


@pytest.fixture
def book_notebook(book, tmp_path) -> Path:
    teacher_book = kit.Storybook("TEACHER ONLY BOOK")
    teacher_book.add_page("teacher words")
    nb = notebook(
        nbformat.v4.new_markdown_cell("# My storybook\nMARKDOWN-NOTE"),
        code_cell("SECRET_CODE_LINE = kit.ask('PROMPT-IN-CODE')"),
        code_cell("book.show()", display(book._repr_mimebundle_())),
        code_cell("teacher_book.show()", display(teacher_book._repr_mimebundle_()), tags=["teacher"]),
    )
    return save(nb, tmp_path / "my book.ipynb")


def check_self_contained(html: str) -> None:
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; media-src data:; ' \
           "style-src 'unsafe-inline'; script-src 'sha256-" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.IGNORECASE)


def check_hostile_text_is_inert(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# -- the storybook exporter ------------------------------------------------------------------------------

@pytest.mark.slow
def test_nbconvert_to_storybook_makes_one_safe_self_contained_file(book_notebook):
    done = nbconvert("--to", "storybook", book_notebook.name, cwd=book_notebook.parent)
    assert done.returncode == 0, done.stderr
    out = book_notebook.with_name("my book.storybook.html")
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="sheet page') == 3
    for words in ("Second page.", "Third page. 小龍和小貓是好朋友。", "Dragon &lt;Friends&gt;", "Friends are brave"):
        assert words in html
    assert html.count('src="data:image/jpeg;base64,') == 4            # cover and three pages
    check_self_contained(html)
    check_hostile_text_is_inert(html)
    for absent in ("TEACHER ONLY BOOK", "teacher words", "MARKDOWN-NOTE", "SECRET_CODE_LINE", "PROMPT-IN-CODE",
                   SECRET):
        assert absent not in html
    assert "How I used AI" in html and "我如何使用 AI" in html and "Write a first page about a dragon" in html
    assert "offline practice model" in html and "not Qwen" in html
    assert "@page { size: A5" in html and "break-after: page" in html
    assert "Exported as a rehearsal" in done.stderr and "kit.setup(\"dashscope\")" in done.stderr   # its last word
    assert 'lang="zh-Hant"' in html and "Noto Serif CJK TC" in html


def test_the_last_book_in_the_notebook_wins(book, tmp_path):
    first = book._repr_mimebundle_()
    book.title = "The Newer Title"
    nb = notebook(code_cell("book.show()", display(first)), code_cell("book.show()", display(book._repr_mimebundle_())))
    html = export_notebook(save(nb, tmp_path / "twice.ipynb")).read_text(encoding="utf-8")
    assert "The Newer Title" in html and "Dragon &lt;Friends&gt;" not in html


def test_the_export_is_the_book_as_saved_now_not_an_older_preview(offline_kit, tmp_path):
    """Lesson 6: Run All shows the preview first, then the child builds; the export is the built book."""
    my_book = kit.Storybook("我的故事書", name="my-storybook")
    preview = display(my_book._repr_mimebundle_())
    assert preview["data"][BOOK_MIME]["pages"] == []
    my_book.title = "熱心的小龍露露"
    my_book.author = "小美"
    my_book.add_page("露露住在十二樓。", small("a purple dragon", 4), alt="露露")
    my_book.add_page("下大雨了。", small("rain at a bus stop", 5), alt="雨")
    nb = save(notebook(code_cell("my_book.show()", preview)), tmp_path / "06.ipynb")
    html = export_notebook(nb).read_text(encoding="utf-8")
    assert "熱心的小龍露露" in html and "小美" in html and "下大雨了。" in html
    assert html.count('<section class="sheet page') == 2 and "我的故事書" not in html


def test_the_saved_book_is_found_beside_the_notebook_by_a_relative_work_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kit.setup("offline", workdir="kit-work", quiet=True)
    book = kit.Storybook("Kite Day")
    preview = display(book._repr_mimebundle_())
    book.add_page("The kite flies.", small("a kite", 1), alt="A kite")
    nb = save(notebook(code_cell("book.show()", preview)), tmp_path / "kite.ipynb")
    monkeypatch.chdir(tmp_path.parent)             # the server exports from wherever it was started
    html = export_notebook(nb).read_text(encoding="utf-8")
    assert "The kite flies." in html


def test_an_empty_book_is_refused_and_never_claims_anything_about_ai(offline_kit, tmp_path):
    empty = kit.Storybook("Nothing Yet")
    nb = save(notebook(code_cell("book.show()", display(empty._repr_mimebundle_()))), tmp_path / "empty.ipynb")
    with pytest.raises(ExportProblem) as problem:
        export_notebook(nb)
    assert problem.value.reason == "empty_storybook" and "故事書" in problem.value.zh
    assert not (tmp_path / "empty.storybook.html").exists()
    html = empty.export(tmp_path / "direct.html").read_text(encoding="utf-8")
    assert "No AI was used" not in html and "沒有使用 AI" not in html


def test_a_damaged_saved_book_is_rebuilt_and_handed_in_whole(book, tmp_path):
    """The saved file damaged from outside: the export hands in the book rebuilt from its backup, never a stale
    preview or an empty book, and the damaged file is kept aside (kit/savefile.py)."""
    nb = save(notebook(code_cell("book.show()", display(book._repr_mimebundle_()))), tmp_path / "odd.ipynb")
    book.add_page("Fourth page, added after the preview was shown.")
    book.path.write_text("{ not json", encoding="utf-8")
    html = export_notebook(nb).read_text(encoding="utf-8")
    assert "Fourth page, added after the preview was shown." in html and "Third page." in html
    assert book.path.with_name(book.path.name + ".damaged").read_text(encoding="utf-8") == "{ not json"


def test_a_saved_book_that_cannot_be_read_is_refused_kindly(book, tmp_path, monkeypatch):
    nb = save(notebook(code_cell("book.show()", display(book._repr_mimebundle_()))), tmp_path / "odd.ipynb")

    def unreadable(*args, **kwargs):
        raise OSError("the work folder went away")

    monkeypatch.setattr(type(book), "load", classmethod(unreadable))
    with pytest.raises(ExportProblem) as problem:
        export_notebook(nb)
    assert problem.value.reason == "unreadable_saved" and "book.show()" in problem.value.en
    assert "book.show()" in problem.value.zh and not (tmp_path / "odd.storybook.html").exists()


def test_a4_paper_and_an_output_name(book_notebook, tmp_path):
    out = export_notebook(book_notebook, output=tmp_path / "out" / "judge.html", paper="A4")
    assert out == tmp_path / "out" / "judge.html" and "@page { size: A4" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_twenty_page_book_of_big_pictures_stays_under_eight_megabytes(offline_kit, tmp_path):
    book = kit.Storybook("Twenty pages")
    for number in range(20):
        book.add_page(f"Page {number + 1}. " + "A long day of adventures. " * 8, photo_like(number), alt="A photo")
    out = book.export(tmp_path / "big.storybook.html")
    assert out.stat().st_size < 8_000_000
    bundle = json.dumps(book._repr_mimebundle_()[BOOK_MIME])
    assert len(bundle) < 8_000_000
    first = book.export_data()["pages"][0]["picture"]
    assert max(first["width"], first["height"]) <= 900


@functools.lru_cache(maxsize=1)
def _grain() -> Image.Image:
    noise = Image.merge("RGB", [Image.effect_noise((1024, 1024), 60 + band) for band in range(3)])
    ramp = Image.linear_gradient("L").resize((1024, 1024))
    colour = Image.merge("RGB", (ramp, ramp.rotate(90), ramp.rotate(180)))
    return Image.blend(colour, noise, 0.35)


def photo_like(seed: int) -> bytes:
    """A 1024 px picture as hard to compress as a detailed photo (smooth colour plus fine grain), each different."""
    out = io.BytesIO()
    ImageChops.offset(_grain(), seed * 37, seed * 53).save(out, format="PNG", compress_level=1)
    return out.getvalue()


# -- the novel and the picture card -------------------------------------------------------------------------

@pytest.fixture
def novel(offline_kit):
    novel = kit.Novel("The Lost Key", author="Ka Ho")
    novel.add_scene("gate", "A gate at night.", small("a gate", 1), choices={"Go in": "hall", HOSTILE: "home"},
                    alt="A gate")
    novel.add_scene("hall", f"A key glows. {HOSTILE}", choices={"Take it to the office": "office",
                                                               "Up the stairs": "attic"})
    novel.add_scene("office", "The principal smiles.", ending=True)
    novel.add_scene("home", "Safe at home.", ending=True)
    return novel


@pytest.mark.slow
def test_nbconvert_to_novel_makes_a_playable_file(novel, tmp_path):
    nb = save(notebook(code_cell("novel.show()", display(novel._repr_mimebundle_()))), tmp_path / "novel.ipynb")
    done = nbconvert("--to", "novel", "novel.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = nb.with_name("novel.novel.html").read_text(encoding="utf-8")
    check_self_contained(html)
    check_hostile_text_is_inert(html)
    assert html.count('<section class="scene') == 4 and 'id="scene-1"' in html
    assert '<a class="choice" href="#scene-2" data-target="scene-2">Go in</a>' in html
    assert "not written yet" in html and 'href="#scene-"' not in html      # the attic choice is not a link
    assert html.count('class="ending-mark"') == 2 and "<button" in html and 'tabindex="-1"' in html


def test_picture_card_exporters(offline_kit, tmp_path):
    card = kit.PictureCard(small("a happy cat", 4), "My Cat", HOSTILE, author="Wing")
    nb = save(notebook(code_cell("card.show()", display(card._repr_mimebundle_()))), tmp_path / "card.ipynb")
    html = export_notebook(nb, to="picture_card").read_text(encoding="utf-8")
    check_self_contained(html)
    check_hostile_text_is_inert(html)
    assert "My Cat" in html
    png = export_notebook(nb, to="picture_card_png")
    assert png.name == "card.card.png" and Image.open(png).width == 1200


# -- when something is wrong: a kind message, and no half-written file -------------------------------------

@pytest.mark.slow
def test_no_storybook_in_the_notebook(tmp_path):
    nb = save(notebook(code_cell("print('hello')")), tmp_path / "empty.ipynb")
    good = tmp_path / "empty.storybook.html"
    good.write_text("an earlier good export")
    done = nbconvert("--to", "storybook", "empty.ipynb", cwd=tmp_path)
    assert done.returncode != 0
    assert "There is no storybook in this notebook yet" in done.stderr and "還沒有故事書" in done.stderr
    assert done.stderr.count("File \"") <= 3                       # a short note, not a wall of traceback
    assert good.read_text() == "an earlier good export"
    with pytest.raises(ExportProblem) as problem:
        export_notebook(nb, to="novel")
    assert "interactive novel" in problem.value.en and "互動小說" in problem.value.zh
    assert not (tmp_path / "empty.novel.html").exists()


@pytest.mark.slow
def test_a_damaged_notebook(tmp_path):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [ {"cell_type": "code", "sour')
    done = nbconvert("--to", "storybook", "broken.ipynb", cwd=tmp_path)
    assert done.returncode != 0 and "damaged" in done.stderr and "損壞" in done.stderr
    assert not (tmp_path / "broken.storybook.html").exists()
    with pytest.raises(ExportProblem):
        export_notebook(tmp_path / "no-such-notebook.ipynb")


def test_a_damaged_story_inside_a_good_notebook(book, tmp_path):
    bundle = book._repr_mimebundle_()
    del bundle[BOOK_MIME]["saved_in"]            # a notebook handed in without its work folder
    bundle[BOOK_MIME]["pages"][1]["picture"]["data"] = "not base64 at all!"
    nb = save(notebook(code_cell("book.show()", display(bundle))), tmp_path / "odd.ipynb")
    with pytest.raises(ExportProblem) as problem:
        export_notebook(nb)
    assert problem.value.reason == "damaged"
    assert not (tmp_path / "odd.storybook.html").exists()


def test_a_book_with_a_missing_picture(book, tmp_path):
    book.pages[1].picture.path.unlink()
    nb = save(notebook(code_cell("book.show()", display(book._repr_mimebundle_()))), tmp_path / "lost.ipynb")
    with pytest.raises(ExportProblem) as problem:
        export_notebook(nb)
    assert "page 2" in problem.value.en and "第 2 頁" in problem.value.zh
    assert not (tmp_path / "lost.storybook.html").exists()
    with pytest.raises(ExportProblem):
        book.export(tmp_path / "direct.html")
    assert not (tmp_path / "direct.html").exists()


@pytest.mark.slow
def test_pdf_without_a_browser_says_how_to_install_one(book_notebook):
    done = nbconvert("--to", "storybook_pdf", "--StorybookPDFExporter.chromium=/no/such/chromium",
                     book_notebook.name, cwd=book_notebook.parent)
    assert done.returncode != 0 and "apt-get install chromium" in done.stderr and "KIT_CHROMIUM" in done.stderr
    assert not book_notebook.with_suffix(".pdf").exists()


def test_unknown_format(book_notebook):
    with pytest.raises(ExportProblem) as problem:
        export_notebook(book_notebook, to="epub")
    assert "storybook_pdf" in problem.value.en


def test_the_exporters_are_registered_for_nbconvert_and_jupyterlab():
    from nbconvert.exporters import get_export_names, get_exporter

    names = set(get_export_names())
    assert {"storybook", "storybook_pdf", "novel", "picture_card", "picture_card_png"} <= names
    assert get_exporter("storybook_pdf").output_mimetype == "application/pdf"
    assert get_exporter("storybook")().file_extension == ".storybook.html"


@pytest.mark.notebook
@pytest.mark.slow
def test_a_notebook_run_by_a_kernel_exports(tmp_path):
    """The real path: a kernel runs book.show(), the notebook is saved, nbconvert finds the book."""
    workdir = tmp_path / "kit-work"
    nb = notebook(code_cell(
        "import kit\n"
        f"kit.setup('offline', workdir={str(workdir)!r}, quiet=True)\n"
        "book = kit.Storybook('Kernel Book', author='Mei')\n"
        "book.add_page(kit.ask('Write one page about a kite', seed=1), kit.draw('a kite', seed=1, size='small'))\n"
        "book.show()"))
    path = save(nb, tmp_path / "run.ipynb")
    done = nbconvert("--to", "storybook", "--execute", "run.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = path.with_name("run.storybook.html").read_text(encoding="utf-8")
    assert "Kernel Book" in html and html.count('<section class="sheet page') == 1


# -- in a real browser --------------------------------------------------------------------------------------

def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.mark.browser
@pytest.mark.slow
def test_pdf_through_chromium_has_one_sheet_per_page(book_notebook):
    done = nbconvert("--to", "storybook_pdf", book_notebook.name, cwd=book_notebook.parent)
    assert done.returncode == 0, done.stderr
    data = book_notebook.with_suffix(".pdf").read_bytes()
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    assert 3 + 3 <= pages <= 3 + 3 + 2                 # cover, 3 pages, the end, and 1-3 sheets of "How I used AI"
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert sizes and all(abs(float(w) - 419.5) < 2 and abs(float(h) - 595.3) < 2 for w, h in sizes)   # A5


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    from kit.export.browser import find_browser

    try:
        executable = find_browser()
    except ExportProblem:
        pytest.skip("chromium is not installed")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def open_page(browser, path: Path, *, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1000, "height": 1400})
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, requests, problems


@pytest.mark.browser
def test_the_storybook_opens_in_a_browser_with_every_page_and_picture(book, browser, tmp_path):
    path = book.export(tmp_path / "book.storybook.html")
    page, requests, problems = open_page(browser, path)
    assert page.locator(".sheet.page").count() == 3
    for words in ("Second page.", "小龍和小貓是好朋友。"):
        assert page.get_by_text(words, exact=False).first.is_visible()
    widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete && i.naturalWidth)")
    assert len(widths) == 4 and all(width > 0 for width in widths)
    assert page.evaluate("window.__hacked === undefined") and not problems
    assert all(url.startswith(("file:", "data:")) for url in requests)
    font = page.evaluate("getComputedStyle(document.querySelector('.words')).fontFamily")
    assert "Noto" in font


@pytest.mark.browser
def test_the_novel_plays_to_an_ending_with_back_and_restart(novel, browser, tmp_path):
    path = novel.export(tmp_path / "novel.novel.html")
    page, requests, problems = open_page(browser, path)

    def visible() -> list[str]:
        return page.eval_on_selector_all(".scene", "s => s.filter(x => x.offsetParent).map(x => x.id)")

    assert visible() == ["scene-1"]
    page.get_by_role("link", name="Go in").click()
    assert visible() == ["scene-2"]
    assert page.evaluate("document.activeElement.id") == "scene-2-h"       # focus moved to the new heading
    page.get_by_role("button", name=re.compile("Back")).click()
    assert visible() == ["scene-1"]
    page.keyboard.press("Tab")
    page.get_by_role("link", name="Go in").focus()
    page.keyboard.press("Enter")                                             # keyboard works too
    page.get_by_role("link", name="Take it to the office").click()
    assert visible() == ["scene-3"] and page.locator("#scene-3 .ending-mark").is_visible()
    page.get_by_role("button", name=re.compile("Restart")).click()
    assert visible() == ["scene-1"]
    assert not problems and all(url.startswith(("file:", "data:")) for url in requests)
    widths = page.eval_on_selector_all("#scene-1 img", "images => images.map(i => i.naturalWidth)")
    assert widths and widths[0] > 0


@pytest.mark.browser
def test_the_novel_works_with_javascript_off(novel, browser, tmp_path):
    path = novel.export(tmp_path / "novel.novel.html")
    page, _requests, _problems = open_page(browser, path, javascript=False)
    assert page.locator(".scene:visible").count() == 4                       # every scene readable
    assert not page.locator(".controls").is_visible()
    page.get_by_role("link", name="Go in").click()
    assert page.url.endswith("#scene-2")


@pytest.mark.browser
def test_chromium_screenshots_of_the_exports(book, novel, tmp_path):
    from kit.export.browser import screenshot

    for story, name in ((book, "book.storybook.html"), (novel, "novel.novel.html")):
        shot = screenshot(story.export(tmp_path / name), tmp_path / f"{name}.png", size=(900, 1200))
        image = Image.open(shot)
        assert image.size == (900, 1200) and len(image.getcolors(maxcolors=1_000_000) or []) > 50


def test_base64_pictures_in_the_bundle_are_real_jpegs(book):
    data = book.export_data()
    for page in data["pages"]:
        image = Image.open(io.BytesIO(base64.b64decode(page["picture"]["data"])))
        assert image.format == "JPEG" and image.size == (page["picture"]["width"], page["picture"]["height"])


def test_exported_files_are_readable_like_any_other_file(book, tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    path = book.export(tmp_path / "book.storybook.html")
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
