"""Team entries: a story lists its members, the "How I used AI" page says who made which page, and pages made in
each member's own notebook (own work folder) merge into the team's story with their AI-use record kept."""

from __future__ import annotations

import pytest

import kit
from kit.errors import BadInput


def member_book(workdir, member: str, words: list[str]) -> kit.Storybook:
    """What a member makes in their own notebook: their own work folder, their own journal."""
    kit.setup("offline", workdir=workdir, quiet=True)
    book = kit.Storybook("Our Street", author=member, name="our-street")
    book.maker = member
    for number, idea in enumerate(words, start=1):
        book.add_page(text=kit.ask(f"Write one sentence: {idea}", seed=number),
                      picture=kit.draw(idea, seed=number, size="small"), alt=idea)
    return book


def test_merge_brings_pages_from_each_members_notebook_with_their_ai_record(tmp_path):
    member_book(tmp_path / "mei" / "kit-work", "Mei", ["a cat helps a grandma", "a cat at the bus stop"])
    ka_ho = member_book(tmp_path / "kaho" / "kit-work", "Ka Ho", ["a cat at the fruit shop"])
    ka_ho.pages[0].text = "Oranges roll everywhere! Pip brings them back."       # changed by hand

    kit.setup("offline", workdir=tmp_path / "team" / "kit-work", quiet=True)
    team = kit.Storybook("Our Street", author="Team Pip", name="our-street")
    team.team = "Mei, Ka Ho, Mei"
    assert team.team == ["Mei", "Ka Ho"]
    assert team.merge(kit.Storybook.load("our-street", workdir=tmp_path / "mei" / "kit-work")) == 2
    assert team.merge(kit.Storybook.load("our-street", workdir=tmp_path / "kaho" / "kit-work")) == 1
    assert team.merge(ka_ho) == 0                                      # the same pages are not added twice
    assert len(team) == 3 and all(page.picture is not None for page in team.pages)

    items = team.appendix().items
    assert [item["maker"] for item in items] == ["Mei", "Mei", "Ka Ho"]
    assert all(item["text"]["by"] == "ai" and "Write one sentence" in item["text"]["prompt"] for item in items)
    assert items[2]["text"]["hand_edited"] and items[2]["picture"]["prompt"] == "a cat at the fruit shop"
    data = team.export_data()
    assert data["team"] == ["Mei", "Ka Ho"] and data["appendix"]["team"] == ["Mei", "Ka Ho"]
    html = team.export(tmp_path / "team.storybook.html").read_text(encoding="utf-8")
    assert "Made by Mei" in html and "製作：Ka Ho" in html and "Mei, Ka Ho" in html
    assert team.undo() and len(team) == 2                              # one merge is one undo step


def test_pages_added_while_a_member_is_making_are_credited(offline_kit):
    book = kit.Storybook("Credits", name="credits")
    book.add_page("The first page, by the author.")
    book.maker = "Wing"
    book.add_page("A page Wing made.")
    assert [item["maker"] for item in book.appendix().items] == ["", "Wing"]
    assert "- Page 2 (Made by Wing)" in str(book.appendix())


def test_a_novel_merges_scenes_and_keeps_who_made_them(tmp_path):
    kit.setup("offline", workdir=tmp_path / "a", quiet=True)
    mine = kit.Novel("The Red Wallet", author="Ka Ho", name="wallet")
    mine.add_scene("lift", "You find a red wallet.", choices={"Ask the guard": "guard"})
    kit.setup("offline", workdir=tmp_path / "b", quiet=True)
    theirs = kit.Novel("The Red Wallet", author="Mei", name="wallet")
    theirs.add_scene("guard", kit.ask("Write one sentence: the guard smiles.", seed=2), ending=True)
    theirs.add_scene("lift", "A different start that is not taken.")
    assert mine.merge(theirs) == 1
    assert list(mine.scenes) == ["lift", "guard"] and mine.team == ["Mei"]
    assert [item["maker"] for item in mine.appendix().items] == ["", "Mei"]
    assert mine.appendix().items[1]["text"]["by"] == "ai"
    with pytest.raises(BadInput) as problem:
        mine.merge(kit.Storybook("A book", name="a-book"))
    assert "storybook" in str(problem.value.en).lower() or "Storybook" in problem.value.en


def test_the_ai_statement_is_inside_the_exported_file(offline_kit, tmp_path):
    book = kit.Storybook("Statement", author="Mei", name="statement")
    book.add_page(kit.ask("Write one sentence about a kite.", seed=1), kit.draw("a kite", seed=1, size="small"),
                  alt="A kite.")
    book.ai_statement = "I used the offline practice model for drafts. I rewrote the words myself."
    html = book.export(tmp_path / "s.storybook.html").read_text(encoding="utf-8")
    assert "In my own words" in html and "I rewrote the words myself." in html
