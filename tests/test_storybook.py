"""The storybook: pages that can be changed and undone, saved after every change, honest about AI, ready to export."""

import base64
import io
import json

import pytest
from PIL import Image

import kit
import kit.settings as kit_settings
from kit.errors import remember_secret
from kit.story.storybook import MIME


def small(prompt: str, seed: int = 1) -> kit.Picture:
    return kit.draw(prompt, seed=seed, size="small")


@pytest.fixture
def book(offline_kit):
    book = kit.Storybook("The Brave Dragon", author="Mei", theme="Friendship")
    book.add_page("Page one words.", small("a red dragon", 1), alt="A red dragon")
    book.add_page("Page two words.", small("a grey cat", 2), alt="A grey cat")
    return book


def saved(book) -> dict:
    return json.loads(book.path.read_text(encoding="utf-8"))


def texts(book) -> list[str]:
    return [page.text for page in book.pages]


def test_pages_can_be_added_edited_moved_deleted_and_undone(book):
    book.add_page("Page three words.", small("a blue bird", 3))
    assert texts(book) == ["Page one words.", "Page two words.", "Page three words."]
    book.pages[0].text = "New first words."
    book.edit_page(1, alt="A sleepy grey cat", picture=small("a sleepy cat", 4))
    assert book.pages[1].alt == "A sleepy grey cat" and book.pages[1].picture.prompt == "a sleepy cat"
    book.move_page(2, 0)
    assert texts(book) == ["Page three words.", "New first words.", "Page two words."]
    book.delete_page(1)
    assert texts(book) == ["Page three words.", "Page two words."]
    assert book.undo() and texts(book) == ["Page three words.", "New first words.", "Page two words."]
    assert book.undo() and texts(book) == ["New first words.", "Page two words.", "Page three words."]
    assert book.undo() and book.pages[1].picture.prompt == "a grey cat"
    assert book.undo() and texts(book)[0] == "Page one words."
    assert book.redo() and texts(book)[0] == "New first words."


def test_undo_goes_back_at_least_twenty_steps(book):
    for number in range(25):
        book.pages[0].text = f"Draft {number}"
    for _ in range(25):
        assert book.undo()
    assert book.pages[0].text == "Page one words."


def test_a_page_object_follows_its_page_when_pages_move(book):
    second = book.pages[1]
    book.move_page(1, 0)
    assert second.index == 0 and second.text == "Page two words."
    second.text = "Changed through the old handle"
    assert book.pages[0].text == "Changed through the old handle"


def test_every_change_is_saved_at_once_and_survives_a_restart(book, offline_kit):
    book.pages[1].text = "Saved at once"
    assert saved(book)["pages"][1]["text"] == "Saved at once"
    book.theme_statement = "Friends help each other."
    book.set_cover(small("a dragon cover", 7), alt="The cover")
    assert saved(book)["theme_statement"] == "Friends help each other."
    # A kernel restart: settings gone, objects gone. Running the same cell again gives the same book back.
    kit_settings._current["settings"] = None
    kit.setup("offline", workdir=offline_kit.workdir, quiet=True)
    again = kit.Storybook("The Brave Dragon", author="Mei", theme="Friendship")
    assert texts(again) == ["Page one words.", "Saved at once"]
    assert again.theme_statement == "Friends help each other."
    assert again.cover is not None and again.cover.prompt == "a dragon cover"
    assert again.pages[0].picture.data == book.pages[0].picture.data
    loaded = kit.Storybook.load(book.name)
    assert texts(loaded) == texts(again)
    pictures = sorted((book.folder / "pictures").iterdir())
    assert pictures and all(path.stat().st_size > 0 for path in pictures)
    assert not list(book.folder.glob(".*.tmp"))   # atomic writes leave no temporary files behind


def test_running_the_same_cell_twice_does_not_add_pages_twice(book):
    book.add_page("Page one words.", small("a red dragon", 1), alt="A red dragon")
    assert len(book) == 2


def test_loading_a_book_that_does_not_exist_is_a_kind_error(offline_kit):
    kit.Storybook("Real Book")
    with pytest.raises(kit.BadInput) as problem:
        kit.Storybook.load("no-such-book")
    assert "real-book" in problem.value.en and "real-book" in problem.value.zh


@pytest.mark.parametrize("bad", ["no/such/file.png", b"not a picture", 42])
def test_bad_pictures_are_kind_errors(book, bad):
    with pytest.raises(kit.BadInput) as problem:
        book.add_page("words", bad)
    assert "kit.draw" in problem.value.en and "kit.draw" in problem.value.zh
    assert len(book) == 2


def test_page_numbers_out_of_range_are_kind_errors(book):
    with pytest.raises(kit.BadInput) as problem:
        book.edit_page(5, text="x")
    assert "0 to 1" in problem.value.en
    with pytest.raises(kit.BadInput):
        kit.Storybook("   ")


def test_pictures_may_be_bytes_or_files(book, tmp_path):
    picture = small("a tree", 9)
    path = picture.save(tmp_path / "tree.png")
    first = book.add_page("From a file", path)
    second = book.add_page("From bytes", picture.data)
    assert first.picture.data == second.picture.data == picture.data
    assert first.picture_call_id is None   # the kit cannot know how a file was made


def test_provenance_drafts_and_hand_edits(offline_kit):
    book = kit.Storybook("Provenance")
    reply = kit.ask("Write the first page of a story about a kind robot", seed=1)
    picture = small("a kind robot", 3)
    page = book.add_page(reply, picture, alt="A robot")
    assert page.text == reply.text and page.text_call_id == reply.call_id
    assert page.picture_call_id == picture.call_id
    assert page.text_drafts == 1 and page.picture_drafts == 1 and not page.hand_edited

    second = kit.ask("Write the first page of a story about a kind robot, shorter", seed=2)
    book.edit_page(0, text=second, picture=small("a kind robot waving", 4))
    page = book.pages[0]
    assert page.text_call_id == second.call_id and page.text_drafts == 2 and page.picture_drafts == 2
    page.text = second.text + " The robot smiled at everyone."
    assert page.hand_edited and page.ai_text == second.text

    appendix = book.appendix()
    item = appendix.items[0]
    assert item["text"]["by"] == "ai" and item["text"]["prompt"].endswith("shorter")
    assert item["text"]["hand_edited"] and item["text"]["added"] >= 5 and item["text"]["removed"] == 0
    assert item["text"]["ai_draft"] == second.text and item["text"]["drafts"] == 3
    assert item["picture"]["prompt"] == "a kind robot waving" and item["picture"]["drafts"] == 2
    assert appendix.offline and {m["kind"] for m in appendix.models} == {"text", "picture"}
    words = str(appendix)
    assert "offline practice model" in words and "not Qwen" in words
    html = appendix._repr_html_()
    assert "How I used AI" in html and "我如何使用 AI" in html and "a kind robot waving" in html


def test_the_appendix_reads_prompts_from_the_journal(offline_kit):
    book = kit.Storybook("Journal")
    reply = kit.ask("Tell a story about the harbour", system="You write for eight-year-olds.", seed=2)
    book.add_page(reply)
    text = book.appendix().items[0]["text"]
    assert text["system"] == "You write for eight-year-olds." and text["prompt"] == "Tell a story about the harbour"
    assert text["model"] == "offline-practice-text" and text["offline"]


def test_typed_words_are_written_by_hand(offline_kit):
    book = kit.Storybook("By hand")
    book.add_page("I wrote this myself.")
    appendix = book.appendix()
    assert appendix.items[0]["text"] == {"by": "hand", "drafts": 1}
    assert not appendix.offline and appendix.models == []


def test_the_checklist_flags_what_is_missing(offline_kit):
    book = kit.Storybook("Nearly")
    rows = {row.item: row for row in book.checklist()}
    assert not rows["pages"].ok and not rows["author"].ok and not rows["theme"].ok
    assert not rows["theme_statement"].ok and not rows["cover"].ok and not rows["appendix"].ok
    book.add_page("", small("a lighthouse", 5))
    book.add_page(kit.ask("Write a page about a lighthouse", seed=1))
    rows = {row.item: row for row in book.checklist()}
    assert not rows["text"].ok and "1" in rows["text"].en and "book.pages[0]" in rows["text"].en
    assert not rows["picture"].ok and "2" in rows["picture"].en
    assert not rows["alt"].ok and not rows["own_words"].ok
    assert rows["appendix"].ok and rows["size"].ok

    book.author, book.theme, book.theme_statement = "Mei", "Light", "A lighthouse lights the way home."
    book.set_cover(small("a lighthouse cover", 6))
    book.edit_page(0, text="The lighthouse woke up.", alt="A lighthouse")
    book.edit_page(1, picture=small("a lighthouse at night", 7), alt="Night", text=book.pages[1].text + " Yes!")
    checklist = book.checklist()
    assert checklist.finished, [row.en for row in checklist.to_fix]
    assert checklist.rehearsal and not checklist.ok                     # made offline: a rehearsal, not an entry
    assert [row.item for row in checklist.to_fix] == ["offline"] and "Page 1 (picture)" in checklist.to_fix[0].en
    assert all(row.en and row.zh for row in checklist)
    html = checklist._repr_html_()
    assert "✔" in html and "Presentation" in html and "表達與呈現" in html
    assert "⚠️" in repr(kit.Storybook("Empty").checklist())


def test_a_lost_picture_file_is_flagged_not_a_crash(book):
    next((book.folder / "pictures").glob("*.png")).unlink()
    rows = {row.item: row for row in book.checklist()}
    assert not rows["picture_files"].ok
    data = book.export_data()
    assert any(page["picture"] and page["picture"].get("missing") for page in data["pages"])
    assert "圖畫不見了" in book._repr_mimebundle_()["text/html"]


def test_the_mime_bundle_holds_everything_the_exporter_needs(book):
    book.set_cover(kit.draw("a big cover picture", seed=3, size="square"), alt="Cover")
    book.theme_statement = "About friends."
    bundle = book._repr_mimebundle_()
    assert set(bundle) == {MIME, "text/html", "text/plain"}
    data = bundle[MIME]
    json.dumps(data)   # plain JSON
    assert (data["title"], data["author"], data["theme"], data["theme_statement"]) == \
        ("The Brave Dragon", "Mei", "Friendship", "About friends.")
    assert data["language"] == "en" and data["offline"] is True
    assert [page["text"] for page in data["pages"]] == ["Page one words.", "Page two words."]
    assert data["pages"][0]["picture"]["alt"] == "A red dragon"
    cover = Image.open(io.BytesIO(base64.b64decode(data["cover"]["data"])))
    assert cover.format == "JPEG" and max(cover.size) <= 900 and data["cover"]["mime"] == "image/jpeg"
    assert data["appendix"]["items"] and data["appendix"]["offline"]
    text = json.dumps(data)
    for private in ("call_id", "usage", "task_id", '"key"', "journal"):
        assert private not in text
    # The preview carries small pictures only, so a notebook does not hold every picture twice at full size.
    html = bundle["text/html"]
    assert len(html) < len(text)
    assert "Next page" in html and "下一頁" in html and "<button" in html
    assert "hidden" in html.split('class="kit-pv-nav"')[1][:20]    # no JS: the nav stays hidden, pages stay listed
    assert html.count('<section class="kit-pv-slide') == 1 + 2 + 1                # cover, two pages, how I used AI
    assert "Storybook('The Brave Dragon'" in bundle["text/plain"]


def test_hostile_words_are_escaped_in_the_preview(offline_kit):
    book = kit.Storybook("<b>Bold</b>")
    book.add_page('<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>')
    html = book._repr_mimebundle_()["text/html"]
    assert "<script>alert(1)" not in html and "<img src=x" not in html and '<a href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_the_key_is_never_saved_or_shown(offline_kit):
    secret = "sk-" + "storybooksentinel" * 2
    remember_secret(secret)
    book = kit.Storybook("Secret")
    book.add_page(f"my key is {secret}")
    assert secret not in book.path.read_text(encoding="utf-8")
    assert secret not in json.dumps(book._repr_mimebundle_(), ensure_ascii=False)
    assert secret not in book.export("secret.html").read_text(encoding="utf-8")


def test_export_writes_the_same_html_straight_from_the_book(book, tmp_path):
    path = book.export(tmp_path / "book.storybook.html")
    html = path.read_text(encoding="utf-8")
    assert "Page one words." in html and 'http-equiv="Content-Security-Policy"' in html
    assert html.count('<section class="sheet page') == 2
