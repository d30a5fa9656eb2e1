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
    assert "<script" not in render(book.export_data())


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
