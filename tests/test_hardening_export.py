"""Exports against hostile content: a script slipped in runs nothing, giant pictures are refused before decoding,
control characters are stripped."""

import base64
import hashlib
import re

import pytest

import kit
from kit.export.render import render


def small(prompt: str, seed: int = 1) -> kit.Picture:
    return kit.draw(prompt, seed=seed, size="small")


@pytest.fixture
def novel_data(offline_kit) -> dict:
    novel = kit.Novel("The Night Market", author="Ka Ho")
    novel.add_scene("start", "Pip stands at the market gate.", small("a market gate at night", 1), alt="A gate")
    novel.add_choice("start", "Go in", "inside")
    novel.add_scene("inside", "Lanterns everywhere. The end!", ending=True)
    return novel.export_data()


def _sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def _script_src(html: str) -> list[str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    parts = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return parts["script-src"].split()


def test_the_csp_lets_only_the_kits_own_script_run(novel_data, offline_kit):
    html = render(novel_data)
    allowed = _script_src(html)
    assert "'unsafe-inline'" not in allowed and all(token.startswith("'sha256-") for token in allowed)  # before: 'unsafe-inline'
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert scripts and all(_sha(body) in allowed for body in scripts)   # the novel still plays
    for injected in ("alert(1)", "document.title='pwned'", scripts[0] + ";alert(1)"):
        assert _sha(injected) not in allowed            # a slipped-in inline script would be refused
    book = kit.Storybook("No Script Here")
    book.add_page("Words.")
    runnable = re.findall(r"<script(?![^>]*type=\"application/json\")", render(book.export_data()))
    assert runnable == []        # the hand-in verdict is a JSON data block, which a browser never runs


HOSTILE = "Line one\u2028line two\u2029para\x00NUL\x1b]52;c;cGF3bmVk\x07\x1b[2J end\x7f\x85\ud800"


def test_exported_text_has_no_control_characters_and_the_card_png_draws_line_separators(offline_kit, tmp_path):
    from PIL import Image

    from kit.export import write_story

    card = kit.PictureCard(small("a cat", 2), "My\u2029Cat\x00", sentence=HOSTILE, author="Mei\x1b[31m")
    png = write_story(card.export_data(), tmp_path / "cat.card.png")     # before: RuntimeError raqm_layout() failed
    assert Image.open(png).size[0] == 1200
    book = kit.Storybook("Hostile\x00 Words")
    book.add_page(HOSTILE)
    for data in (card.export_data(), book.export_data()):
        html = render(data)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", html)
        html.encode("utf-8")                                              # before: surrogates not allowed
    assert "<p>Line one<br>line two</p><p>paraNUL]52;c;cGF3bmVk[2J end\ufffd</p>" in render(book.export_data())


def _bomb(side: int = 20000) -> bytes:
    """A real 20000 x 20000 PNG (1-bit, all black) in about 50 KB: 400 million pixels once decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    squeeze, row = zlib.compressobj(9), b"\x00" * (1 + side // 8)
    pixels = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


@pytest.mark.parametrize("side, megapixels", [(20000, "400"), (8000, "64")])   # over Pillow's own limit, and under
def test_a_giant_picture_is_refused_from_its_header_when_it_is_put_in_a_story(offline_kit, side, megapixels):
    bomb = _bomb(side)
    assert len(bomb) < 200_000
    book = kit.Storybook("Bomb")
    with pytest.raises(kit.errors.BadInput) as caught:      # before: stored; book.show() then raised
        book.add_page("Boom", bomb)                          # PIL.Image.DecompressionBombError
    assert caught.value.reason == "picture_too_big"
    assert f"{megapixels} million" in caught.value.en and f"{megapixels} 百萬" in caught.value.zh
    assert len(book.pages) == 0 and not list((book.folder / "pictures").glob("*"))


def _story_data(kind: str) -> dict:
    """A real story's export data, made with the public API, with a small picture in it."""
    if kind == "storybook":
        story = kit.Storybook("Boom")
        story.add_page("Boom", small("a drum", 1), alt="A drum")
    elif kind == "novel":
        story = kit.Novel("Boom")
        story.add_scene("start", "Boom", small("a drum", 1), alt="A drum", ending=True)
    else:
        story = kit.PictureCard(small("a drum", 1), "Boom", sentence="Boom")
    return story.export_data()


@pytest.mark.parametrize("to", ["storybook", "storybook_pdf", "novel", "picture_card", "picture_card_png"])
def test_every_exporter_refuses_a_giant_picture_before_decoding_it(offline_kit, tmp_path, to):
    import json

    import nbformat

    from kit.export import ExportProblem, export_notebook
    from kit.export.bundle import MIMES

    kind = {"storybook_pdf": "storybook", "picture_card": "card", "picture_card_png": "card"}.get(to, to)
    giant = base64.b64encode(_bomb()).decode()
    text = json.dumps(_story_data(kind))
    assert text.count('"image/jpeg"') == 1
    data = json.loads(re.sub(r'"data": "[^"]+", "mime": "image/jpeg"|"mime": "image/jpeg", "data": "[^"]+"',
                             f'"mime": "image/png", "data": "{giant}"', text))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("story.show()", outputs=[
        nbformat.v4.new_output("display_data", data={MIMES[kind]: data})])])
    path = tmp_path / "boom.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(ExportProblem) as caught:        # before: the bomb was embedded, or decoded (card PNG)
        export_notebook(path, to=to)
    assert caught.value.reason == "picture_too_big"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boom.ipynb", "kit-work"]     # nothing written


def test_the_card_png_refuses_a_giant_picture_even_when_called_directly(offline_kit):
    from kit.export import ExportProblem
    from kit.export.card_png import render_card_png

    with pytest.raises(ExportProblem):                  # before: PIL.Image.DecompressionBombError
        render_card_png({"title": "Boom", "picture": {"mime": "image/png",
                                                      "data": base64.b64encode(_bomb()).decode()}})
