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
        book.path.with_name("storybook.json.bak").unlink(missing_ok=True)
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
        if damage in ("binary", "a list"):   # nothing reads: each picture's prompt comes from the journal's call
            assert sorted(page.picture.prompt for page in again.pages) == [f"a dragon, picture {n}" for n in range(3)]
            assert all(page.picture_call_id for page in again.pages)
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
    capsys.readouterr()
    book.add_page("Page two.")
    assert "storybook.json.damaged" in capsys.readouterr().out
    assert (book.folder / "storybook.json.damaged").read_bytes() == b"\x00\x01 oops"
    assert [page.text for page in kit.Storybook.load(book.name).pages][1:] == ["Page two."]


# --- two kernels on one work folder ------------------------------------------------------------------------------

WRITER = """
import sys, time
import kit
kit.setup("offline", workdir=sys.argv[1], quiet=True)
start = float(sys.argv[3])
while time.time() < start:
    time.sleep(0.005)
{body}
"""


def _run_together(workdir, body: str, tags=("A", "B")) -> list[str]:
    """Start one Python process per tag at the same moment, each running ``body`` (``tag`` names the writer)."""
    import os
    import subprocess
    import sys
    import time

    script = WRITER.format(body=body)
    start = str(time.time() + 2.0)
    runs = [subprocess.Popen([sys.executable, "-c", script, str(workdir), tag, start], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "KIT_NO_PROMPT": "1", "JPY_SESSION_NAME": f"/class/lesson-{tag}.ipynb"})
            for tag in tags]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        outputs.append(out)
    return outputs


def test_two_kernels_adding_pages_to_one_book_keep_all_twenty(workdir):
    body = """
tag = sys.argv[2]
book = kit.Storybook("Team book")
for number in range(10):
    book.add_page(f"Page {number} from {tag}.")
"""
    outputs = _run_together(workdir, body)
    kit.setup("offline", workdir=workdir, quiet=True)
    book = kit.Storybook.load("team-book")
    texts = [page.text for page in book.pages]
    assert sorted(texts) == sorted(f"Page {n} from {tag}." for tag in "AB" for n in range(10))   # before: 10 of 20
    assert len({page.id for page in book.pages}) == 20
    # each child is told, naming the other notebook, that its pages are kept (at least one had to merge)
    assert any("Another notebook" in output for output in outputs)
    for other, output in zip("BA", outputs):
        assert "Another notebook" not in output or f"Another notebook (lesson-{other}.ipynb)" in output
    for tag in "AB":   # each writer's pages stay in the order it wrote them
        mine = [text for text in texts if text.endswith(f"from {tag}.")]
        assert mine == [f"Page {n} from {tag}." for n in range(10)]


def test_merging_keeps_both_sides_changes_and_undo_keeps_the_other_writers_pages(offline_kit, workdir):
    mine = kit.Storybook("Shared")
    mine.add_page("Mine one.")
    theirs = kit.Storybook("Shared")   # another notebook on the same folder
    theirs.add_page("Theirs one.")
    theirs.pages[0].text = "Mine one, fixed by them."
    mine.add_page("Mine two.")
    assert [page.text for page in mine.pages] == ["Mine one, fixed by them.", "Theirs one.", "Mine two."]
    mine.undo()   # takes back only my own last change
    assert [page.text for page in kit.Storybook.load("shared").pages] == ["Mine one, fixed by them.", "Theirs one."]


# --- named chats ---------------------------------------------------------------------------------------------------

def test_a_damaged_chat_is_kept_aside_and_its_whole_turns_come_back(offline_kit, workdir, capsys):
    chat = kit.Chat("You are a kind dragon.", name="dragon talk")
    for number in range(3):
        chat.say(f"Question {number}?")
    path = workdir / "chats" / "dragon-talk.json"
    good = path.read_bytes()
    path.write_bytes(good[: len(good) - 40])          # cut off inside the last answer
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    again = kit.Chat(name="dragon talk")               # before: an empty chat, the file replaced at the next turn
    assert path.with_name("dragon-talk.json.damaged").read_bytes() == good[: len(good) - 40]
    assert "損壞" in capsys.readouterr().out
    assert again.system == "You are a kind dragon."
    assert [m["content"] for m in again.history if m["role"] == "user"] == ["Question 0?", "Question 1?"]


def test_two_kernels_talking_in_one_named_chat_keep_every_turn(workdir):
    body = """
tag = sys.argv[2]
chat = kit.Chat(name="class chat")
for number in range(10):
    chat.say(f"Question {number} from {tag}?")
"""
    _run_together(workdir, body)
    kit.setup("offline", workdir=workdir, quiet=True)
    history = kit.Chat(name="class chat").history
    asked = [m["content"] for m in history if m["role"] == "user"]
    assert sorted(asked) == sorted(f"Question {n} from {tag}?" for tag in "AB" for n in range(10))  # before: 10
    assert [m["role"] for m in history] == ["user", "assistant"] * 20     # every question keeps its answer


# --- a full disk or a read-only work folder ------------------------------------------------------------------------

def _full_disk(monkeypatch):
    """Every new file the kit writes lands on /dev/full: the kernel answers ENOSPC, as on a full disk."""
    import os
    import tempfile

    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, path = real(*args, **kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), path

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _read_only(monkeypatch):
    """The work folder cannot be written (tests run as root, so chmod would not stop them): EROFS on every write."""
    import errno
    import tempfile

    def mkstemp(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="/dev/full is Linux's full disk")
@pytest.mark.parametrize("trouble, reason", [(_full_disk, "disk_full"), (_read_only, "read_only")])
def test_a_full_or_read_only_disk_is_told_kindly_and_loses_nothing_saved(offline_kit, workdir, monkeypatch,
                                                                         trouble, reason):
    book = kit.Storybook("Full Disk Dragon")
    book.add_page("Page one.")
    chat = kit.Chat(name="disk chat")
    chat.say("Hello?")
    saved_book, saved_chat = book.path.read_bytes(), (workdir / "chats" / "disk-chat.json").read_bytes()

    with monkeypatch.context() as patch:
        trouble(patch)
        for attempt in (lambda: book.add_page("Page two."), lambda: chat.say("Again?"),
                        lambda: kit.Storybook("A new book"), lambda: kit.ask("A new question?"),
                        lambda: book.export(workdir / "book.html")):
            with pytest.raises(kit.errors.KitError) as caught:   # before: OSError [Errno 28] / [Errno 30]
                attempt()
            assert (caught.value.kind, caught.value.reason) == ("save", reason) and caught.value.en and caught.value.zh != caught.value.en
            assert "safe" in caught.value.en and "安全" in caught.value.zh
    assert book.path.read_bytes() == saved_book                      # the good files are untouched
    assert (workdir / "chats" / "disk-chat.json").read_bytes() == saved_chat

    book.add_page("Page three.")      # once there is room, the change kept in memory is saved with the next one
    assert [page.text for page in kit.Storybook.load("full-disk-dragon").pages] == ["Page one.", "Page two.",
                                                                                     "Page three."]


def test_a_damaged_novel_and_card_come_back_too(offline_kit, capsys):
    novel = kit.Novel("Night Market")
    for number in range(4):
        novel.add_scene(f"scene{number}", f"Scene {number} words.", ending=number == 3)
    card = kit.PictureCard(kit.draw("a cat", seed=1, size="small"), "My Cat", sentence="My cat loves rain.")
    for story in (novel, card):
        good = story.path.read_bytes()
        story.path.write_bytes(good[: len(good) * 3 // 4])
        story.path.with_name(story.path.name + ".bak").unlink()
    again = kit.Novel.load("night-market")
    assert [scene.text for scene in list(again.scenes.values())[:2]] == ["Scene 0 words.", "Scene 1 words."]
    assert kit.PictureCard.load("my-cat").title in ("My Cat", "my-cat")
    told = capsys.readouterr().out
    assert told.count("was damaged") == 2 and told.count("損壞了") == 2


def test_the_three_way_merge_keeps_each_sides_changes():
    from kit.savefile import merge

    page = {"id": "p1", "text": "one"}
    base = {"title": "T", "pages": [page, {"id": "p2", "text": "two"}]}
    ours = {"title": "New title", "pages": [{"id": "p2", "text": "two"}, page, {"id": "p3", "text": "mine"}]}
    theirs = {"title": "T", "pages": [{"id": "p1", "text": "one, edited"}, {"id": "p4", "text": "theirs"}]}
    merged = merge(base, ours, theirs)   # we renamed, moved p2 first and added p3; they edited p1, deleted p2, added p4
    assert merged == {"title": "New title", "pages": [{"id": "p1", "text": "one, edited"},
                                                      {"id": "p4", "text": "theirs"}, {"id": "p3", "text": "mine"}]}
    one, two, three = ({"id": f"p{n}"} for n in (1, 2, 3))
    assert merge([one, two], [two, one], [one, two, three]) == [two, one, three]   # our move leads, their page follows


@pytest.mark.parametrize("damaged, expected", [
    ('{"a": 1, "b": [1, 2, {"c": "x', {"a": 1, "b": [1, 2]}),
    ('{"a": "quote \\" and , comma", "b": tru', {"a": 'quote " and , comma'}),
    ('garbage {"a": 1}', {"a": 1}),
    ('{"a": 1} trailing', {"a": 1}),
    ("\x00\x01\x02", None),
])
def test_what_still_reads_of_damaged_json(damaged, expected):
    from kit.savefile import salvage_json

    assert salvage_json(damaged) == expected
