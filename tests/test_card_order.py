"""Cards for checks, hints and errors read in the pupil's language first: in Traditional Chinese, Chinese comes
before English (a dyslexic pupil should not have to read past the English first)."""

from __future__ import annotations

from html import escape

import pytest

import kit
from kit import lessons
from kit.errors import BadInput


@pytest.fixture(autouse=True)
def _fresh_hints(monkeypatch):
    monkeypatch.setattr(lessons, "_hints_given", {})


def _cards():
    check = kit.check("0.2", "Tell me a fun fact about pandas.")
    hint = kit.hint("0.2")
    error = BadInput("choice", name="size", value="huge", choices="small, square")
    return [(check._repr_html_(), check.verdict.en, check.verdict.zh),
            (hint._repr_html_(), hint.en, hint.zh),
            (error._repr_html_(), error.en, error.zh)]


@pytest.mark.parametrize(("language", "first", "title_first"), [("zh-Hant", "zh", "答對了"), ("en", "en", "Solved")])
def test_cards_put_the_chosen_language_first(tmp_path, language, first, title_first):
    kit.setup("offline", workdir=tmp_path, quiet=True, language=language)
    for card, en, zh in _cards():
        lead, follow = (escape(zh), escape(en)) if first == "zh" else (escape(en), escape(zh))
        assert card.index(f'lang="{"zh-Hant" if first == "zh" else "en"}">{lead}') < card.index(follow)
    check_card = _cards()[0][0]
    title = check_card.split("· ", 1)[1]
    assert title.startswith(title_first)      # "答對了！ · Solved!" or "Solved! · 答對了！"
