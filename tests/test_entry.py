"""An entry, not a rehearsal: the hand-in check (10.1), ``checklist()`` and the export's last word.

A book made with the real models (here: the SDK talking to the fake DashScope server on 127.0.0.1) passes; a book
made even partly with the offline practice model is a rehearsal that names the parts to redo; an empty or one-page
book is not ready.
"""

from __future__ import annotations

from support import SENTINEL_KEY

import kit
from kit.lessons.lesson_10 import read_entry

THEME = "Kindness in my neighbourhood"


def make_book(name: str, pages: int = 4) -> kit.Storybook:
    book = kit.Storybook("Pip and the Kind Street", author="Mei", theme=THEME, name=name)
    book.theme_statement = f"My book fits the theme {THEME} because Pip helps three neighbours on her street."
    for number in range(pages):
        words = kit.ask(f"Write two sentences for a picture book: Pip the cat helps neighbour {number + 1}.",
                        seed=number + 1)
        book.add_page(text=words, picture=kit.draw(f"Pip the cat helps neighbour {number + 1}", seed=number + 1,
                                                    size="small"),
                      alt=f"Pip helps neighbour {number + 1}.")
    if pages:
        book.pages[0].text = "Grandma Wong's bags are so heavy! Pip holds one handle all the way to the lift."
        book.set_cover(kit.draw("Pip the cat waving on her street", seed=9, size="small"), alt="Pip waves.")
    return book


def test_a_book_made_with_the_real_models_is_an_entry(online_kit, capsys):
    book = make_book("real-book")
    checklist = book.checklist()
    assert checklist.ok and not checklist.rehearsal, [row.en for row in checklist.to_fix]
    exported = book.export()
    assert exported.name == book.file_name == "real-book.storybook.html"
    assert "Ready to hand in as an entry" in capsys.readouterr().out
    entry = read_entry(exported.read_bytes())
    assert entry == {"ready": True, "rehearsal": False, "blocking": [], "advice": []}
    result = kit.check("10.1", exported)
    assert result.ok and "It is an entry" in result.verdict.en, result.verdict.en
    assert SENTINEL_KEY not in exported.read_text(encoding="utf-8")


def test_one_page_made_offline_makes_the_book_a_rehearsal(online_kit, fake_server, workdir, capsys):
    book = make_book("partly-offline", pages=3)
    kit.setup("offline", workdir=workdir, quiet=True)
    book.add_page(text=kit.ask("Write two sentences: Pip says goodnight.", seed=4),
                  picture=kit.draw("Pip asleep", seed=4, size="small"), alt="Pip sleeps.")
    checklist = book.checklist()
    assert checklist.finished and checklist.rehearsal and not checklist.ok
    offline = checklist.find("offline")
    assert "Page 4 (words, picture)" in offline.en and "Page 1" not in offline.en
    assert "第 4 頁（文字、圖畫）" in offline.zh
    exported = book.export()
    said = capsys.readouterr().out
    assert "rehearsal" in said and "kit.setup(\"dashscope\")" in said
    result = kit.check("10.1", exported)
    assert not result.ok and "rehearsal, not an entry" in result.verdict.en and "Page 4" in result.verdict.en
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir, quiet=True)
    book.edit_page(3, text=kit.ask("Write two sentences: Pip says goodnight.", seed=4),
                   picture=kit.draw("Pip asleep", seed=4, size="small"))   # redone with the real models
    book.pages[3].text = "Goodnight, street! Pip curls up and purrs."
    assert book.checklist().ok
    assert kit.check("10.1", book.export()).ok


def test_an_empty_or_one_page_book_is_not_ready(online_kit):
    empty = kit.Storybook("Empty", author="Mei", theme=THEME, name="empty")
    empty.theme_statement = "It fits the theme because nobody is left out."
    entry = empty.checklist().entry()
    assert not entry["ready"] and entry["blocking"][0]["item"] == "pages"
    assert not kit.check("10.1", empty.export()).ok
    one = make_book("one-page", pages=1)
    entry = one.checklist().entry()
    assert not entry["ready"] and [row["item"] for row in entry["blocking"]] == ["pages"]
    assert "only 1 page" in kit.check("10.1", one.export()).verdict.en


def test_example_words_left_anywhere_stop_an_entry(online_kit):
    book = make_book("example-words", pages=2)
    book.pages[1].alt = "✏️ what the picture shows"
    row = book.checklist().find("placeholder")
    assert not row.ok and "page 2" in row.en and "第 2 頁" in row.zh
    assert row in book.checklist().blocking


def test_size_is_advice_and_names_the_organisers_rules(online_kit):
    row = make_book("size", pages=2).checklist().find("size")
    assert row.ok and "organiser's rules" in row.en and "主辦機構" in row.zh
    assert row not in make_book("size", pages=2).checklist().blocking
