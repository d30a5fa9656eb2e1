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
