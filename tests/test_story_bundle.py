"""The contract between stories and exports: the producer checks its bundle with the exporter's own schema."""

from __future__ import annotations

import pytest

import kit
from kit import story_bundle
from kit.export import ExportProblem
from kit.story import appendix


@pytest.mark.parametrize("make, kind", [
    (lambda: kit.Storybook("Contract Book"), "storybook"),
    (lambda: kit.Novel("Contract Novel"), "novel"),
    (lambda: kit.PictureCard(kit.draw("a kite", seed=2, size="small"), "Contract Card", "A sentence."), "card"),
])
def test_every_story_makes_a_bundle_the_exporter_accepts(offline_kit, make, kind):
    story = make()
    data = story.export_data()
    assert story.mime == story_bundle.MIMES[kind]
    assert story_bundle.validate(data, kind) is data
    assert {key: data[key] for key in ("kit", "kind", "format")} == {"kit": "qwen-storybook-kit", "kind": kind,
                                                                      "format": 1}


def test_a_slip_in_what_a_story_writes_is_caught_where_it_is_made(offline_kit, monkeypatch):
    book = kit.Storybook("Slip")
    book.add_page("Words.")
    real_clean = appendix.clean

    def slip(value):
        if isinstance(value, dict) and "pages" in value:
            return {**real_clean(value), "pages": "not a list"}
        return real_clean(value)

    monkeypatch.setattr(appendix, "clean", slip)
    with pytest.raises(ExportProblem) as problem:
        book.export_data()
    assert problem.value.reason == "damaged"


def test_a_missing_picture_may_be_shown_but_not_handed_in(offline_kit, tmp_path):
    book = kit.Storybook("Lost Picture")
    book.add_page("Words.", kit.draw("a red kite", seed=1, size="small"))
    book.pages[0].picture.path.unlink()
    data = book.export_data()                             # the preview still shows the book, marking the gap
    assert data["pages"][0]["picture"]["missing"]
    with pytest.raises(ExportProblem) as problem:
        story_bundle.validate(data, "storybook")
    assert problem.value.reason == "missing_picture_page"
