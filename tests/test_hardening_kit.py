"""A child's work against damaged files, two kernels on one folder, a full disk, and odd journal pointers."""

import json

import pytest

import kit
from kit.journal import Journal


@pytest.mark.parametrize("pointer", ['"a string"', "{}", "[1, 2]", '{"call": 7}', '{"call": "../../x"}'])
def test_a_journal_pointer_of_the_wrong_shape_counts_as_missing(offline_kit, workdir, pointer):
    first = kit.ask("Tell me about dragons.", seed=3)
    journal = Journal(workdir)
    for folder in ("keys", "loose"):
        for path in (journal.root / folder).glob("*.json"):
            path.write_text(pointer, encoding="utf-8")
    assert journal.find("anything") is None and journal.find_loose("anything") is None
    again = kit.ask("Tell me about dragons.", seed=3)   # asked again: no TypeError, a fresh call instead
    assert again.text == first.text and not again.reused


# --- a damaged storybook.json is set aside, told about, and rebuilt -----------------------------------------------

def _book_with_pages(count: int = 3) -> kit.Storybook:
    book = kit.Storybook("Damaged Dragon", author="Mei")
    for number in range(count):
        book.add_page(kit.ask(f"Write page {number} about a dragon.", seed=number),
                      kit.draw(f"a dragon, picture {number}", seed=number, size="small"), alt=f"Dragon {number}")
    return book


DAMAGE = {
    "truncated": lambda good: good[: len(good) * 2 // 3],
    "invalid": lambda good: b"{this is not json" + good,
    "binary": lambda good: bytes(range(256)) * 4,
    "a list": lambda good: b"[1, 2, 3]",
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("with_backup", [True, False], ids=["backup", "no-backup"])
def test_a_damaged_book_is_kept_aside_told_and_rebuilt(offline_kit, capsys, damage, with_backup):
    book = _book_with_pages()
    words = [page.text for page in book.pages]
    good = book.path.read_bytes()
    book.path.write_bytes(DAMAGE[damage](good))
    if not with_backup:
        book.path.with_name("storybook.json.bak").unlink()
    capsys.readouterr()

    again = kit.Storybook.load(book.name)   # before: "no story of that name"; Storybook(...) gave an empty book

    assert (book.folder / "storybook.json.damaged").read_bytes() == DAMAGE[damage](good)
    told = capsys.readouterr().out
    assert "damaged" in told and "損壞" in told and "storybook.json.damaged" in told
    assert again.title == "Damaged Dragon" or not with_backup
    if with_backup:
        assert [page.text for page in again.pages] == words
    else:   # from what still reads, the pictures folder and the journal: every page's picture, and the words
        assert len(again.pages) == 3 and all(page.picture is not None for page in again.pages)
        readable = [text for text in words if json.dumps(text, ensure_ascii=False).encode() in DAMAGE[damage](good)]
        assert readable or damage != "truncated"
        assert set(readable) <= {page.text for page in again.pages}
    reopened = kit.Storybook("Damaged Dragon")   # the rebuilt book was saved: it opens cleanly next time
    assert len(reopened.pages) == len(again.pages)
    assert "damaged" not in capsys.readouterr().out
    assert len(list(book.folder.glob("storybook.json.damaged*"))) == 1


def test_a_book_damaged_while_open_is_kept_aside_and_the_good_state_written(offline_kit, capsys):
    book = _book_with_pages(1)
    book.path.write_bytes(b"\x00\x01 oops")
    book.add_page("Page two.")
    assert (book.folder / "storybook.json.damaged").read_bytes() == b"\x00\x01 oops"
    assert [page.text for page in kit.Storybook.load(book.name).pages][1:] == ["Page two."]
