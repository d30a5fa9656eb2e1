"""The storybook and novel builders, headless: press their buttons, type in their boxes, read what a child sees.

No kernel: handlers and observers run synchronously, and everything shown lives in ``HTML.value``,
``Image.value`` and widget children, which is what a kernel sends to the browser and nbconvert saves.
Everything runs on the offline backend with small pictures.
"""

from __future__ import annotations

import html
import json
import re

import ipywidgets as w
import pytest

import kit
import kit.settings as kit_settings
from kit import calls
from kit.i18n import set_language
from kit.widgets.novel_builder import NovelBuilder, parse_scene, scene_id_for
from kit.widgets.story_builder import StoryBuilder, finish_prompt, parse_pages

CORE_WIDGETS = {"Button", "Textarea", "Text", "IntText", "Dropdown", "Checkbox", "ToggleButton", "HTML", "Image",
                "Output", "VBox", "HBox", "Label", "IntProgress"}
SHEET = "Pip, a small panda with a red scarf and round glasses"
IDEA = "A shy panda learns to swim at the beach with a new friend."


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def buttons_of(widget: w.Widget) -> list[w.Button]:
    return [each for each in every_widget(widget) if isinstance(each, w.Button)]


def pixels(size: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)px", size or "")
    assert match, f"{size!r} is not in px"
    return float(match.group(1))


def restart(workdir):
    """What a kernel restart does to the kit: no settings, no backends; then the notebook's set-up cell again."""
    kit_settings._current["settings"] = None
    calls._backends.clear()
    return kit.setup("offline", workdir=workdir, quiet=True)


@pytest.fixture
def english(offline_kit):
    set_language("en")
    yield offline_kit
    set_language("en")


@pytest.fixture
def builder(english):
    book = kit.Storybook("The Shy Panda", author="Mei", theme="friendship")
    made = StoryBuilder(book, size="small", candidates=3)
    made.sheet.value = SHEET
    made.style.value = "watercolour"
    return made


# --- the look: big labelled buttons, core widgets only ------------------------------------------------------

def check_look(widget: w.Widget) -> None:
    used = {type(each).__name__ for each in every_widget(widget)}
    assert used <= CORE_WIDGETS, used - CORE_WIDGETS
    found = buttons_of(widget)
    assert found
    for button in found:
        label = button.description
        assert re.search(r"[^\W\d_]{2,}", label), f"{label!r} has no word in it"
        assert re.search(r"[\u2190-\u2bff\U0001f000-\U0001faff]", label), f"{label!r} has no emoji"
        assert pixels(button.layout.height) >= 44, label
        assert button.layout.min_width, label


def test_story_builder_has_big_labelled_buttons_in_both_languages(builder):
    builder.draft(IDEA)
    builder.draw_candidates()
    check_look(builder.widget)
    labels = {button.description for button in buttons_of(builder.widget)}
    assert "✨ Draft pages · 起草" in labels and "🖼 Picture prompt · 圖畫提示詞" in labels
    assert "✅ Use this · 用這幅" in labels and "Next · 下一頁 ▶" in labels
    assert "kit-playground" in builder.widget._dom_classes and isinstance(builder.widget, w.VBox)


def test_novel_builder_has_big_labelled_buttons(english):
    nb = NovelBuilder(kit.Novel("The Lost Key"), size="small")
    nb.draft_scene()
    nb.new_scene()
    nb.play()
    check_look(nb.widget)


def test_chinese_labels_come_first_when_the_kit_speaks_chinese(offline_kit):
    kit.setup("offline", language="zh-Hant", workdir=offline_kit.workdir, quiet=True)
    try:
        made = StoryBuilder(kit.Storybook("小熊貓"))
        labels = {button.description for button in buttons_of(made.widget)}
    finally:
        set_language("en")
    assert "✨ 起草 · Draft pages" in labels and "↩ 復原 · Undo" in labels


def test_the_public_names(english):
    for name in ("StoryBuilder", "NovelBuilder", "PictureStudio"):
        assert name in kit.__all__ and name in kit.__doc__
    made = kit.StoryBuilder(kit.Storybook("A book"), pages=3)
    assert isinstance(made, StoryBuilder) and made.page_count.value == 3
    assert repr(made) == "<kit StoryBuilder>"
    with pytest.raises(kit.BadInput, match="Storybook"):
        kit.StoryBuilder(kit.Novel("Not a book"))


# --- the storybook builder, step by step --------------------------------------------------------------------

def test_draft_puts_one_ai_draft_on_every_page(builder):
    pages = builder.draft(IDEA, pages=4)
    book = builder.book
    assert len(pages) == len(book) == 4
    assert all(page.text.strip() and page.text_call_id for page in book.pages)
    assert len({page.text_call_id for page in book.pages}) == 1          # one call to Qwen for the whole book
    assert builder.page_text.value == book.pages[0].text
    assert "Page 1 of 4" in builder.page_heading.value
    prompt = builder.book.appendix().items[0]["text"]["prompt"]
    assert IDEA in prompt and "JSON" in prompt and SHEET in prompt     # the character is in the story from the start
    assert "Qwen drafted these words" in builder.page_note.value
    assert book.pages[0].text in builder.preview.value and "kit-pv" in builder.checklist.value
    builder.draft()                                                      # again: new words, one undo step
    assert len(book) == 4
    assert builder.undo() is True and [page.text for page in book.pages] == [page.text for page in pages]


def test_drafting_with_no_idea_asks_for_one_first(builder):
    assert builder.draft() is None
    assert "Write your idea" in builder.idea_area.message.value and len(builder.book) == 0


def test_editing_a_page_saves_it_as_a_hand_edit(builder):
    builder.draft(IDEA)
    ai_words = builder.book.pages[0].text
    builder.page_text.value = "Pip looked at the big blue sea. He felt very small."    # what typing does
    page = builder.book.pages[0]
    assert page.text.startswith("Pip looked") and page.ai_text == ai_words and page.hand_edited
    assert "You changed Qwen's words" in html.unescape(builder.page_note.value)
    assert builder.book.appendix().data["summary"]["hand_edited"] == 1
    assert builder.book.checklist().find("own_words").ok
    builder.alt.value = "Pip at the edge of the sea"
    assert builder.book.pages[0].alt == "Pip at the edge of the sea"


def test_the_picture_prompt_keeps_the_character_sheet_and_the_style(builder):
    builder.draft(IDEA)
    made = builder.make_picture_prompt()
    assert made == builder.prompt.value and SHEET in made and "watercolour" in made.lower()
    builder.next_page()
    builder.make_picture_prompt()
    assert SHEET in builder.prompt.value                                   # the same hero on every page
    builder.previous_page()
    assert builder.prompt.value == made                                   # each page keeps its own prompt


def test_finish_prompt_puts_back_what_qwen_left_out():
    got = finish_prompt('Picture prompt: "A panda on a rock by the sea, soft light"', SHEET, "crayon", "en")
    assert got.startswith(SHEET) and got.endswith("crayon style") and "Picture prompt" not in got
    kept = finish_prompt(f"{SHEET.lower()} on a rock, crayon drawing", SHEET, "crayon", "en")
    assert kept.count("crayon") == 1 and kept.lower().count("red scarf") == 1
    chinese = finish_prompt("熊貓在海邊", "小寶，一隻戴紅色頸巾的小熊貓", "watercolour", "zh-Hant")
    assert chinese.startswith("小寶，一隻戴紅色頸巾的小熊貓") and chinese.endswith("水彩風格")
    assert finish_prompt("熊貓，水彩畫", "", "watercolour", "zh-Hant") == "熊貓，水彩畫"


def test_candidates_side_by_side_then_use_one(builder):
    builder.draft(IDEA)
    drawn = builder.draw_candidates()
    assert len(drawn) == 3 and len({picture.seed for picture in drawn}) == 3
    assert all(picture.style == "watercolour" and SHEET in picture.prompt for picture in drawn)
    assert (builder.progress.value, builder.progress.max) == (3, 3) and "Done" in builder.progress_label.value
    cards = builder.gallery.children
    assert len(cards) == 3 and all("<img" in card.children[0].value for card in cards)
    use = next(b for b in buttons_of(cards[1]) if "Use this" in b.description)
    use.click()                                                            # the child's click
    page = builder.book.pages[0]
    assert page.picture is not None and page.picture.seed == drawn[1].seed and page.picture_call_id
    assert page.alt and page.alt in page.text                              # alt text starts as the first sentence
    assert "Chosen" in buttons_of(builder.gallery.children[1])[0].description
    assert "<img" in builder.page_picture.value and 'alt="' in builder.page_picture.value
    appendix = builder.book.appendix().data
    assert appendix["summary"]["ai_pictures"] == 1 and appendix["items"][0]["picture"]["prompt"] == drawn[1].prompt
    builder.use_as_cover()
    assert builder.book.cover is not None and builder.book.checklist().find("cover").ok


def test_redrawing_the_gallery_leaves_no_widgets_behind_in_the_kernel(builder):
    """A browser reload rebuilds every widget the kernel holds before a builder shows: closed cards must take
    their layouts and styles with them, or a lesson's worth of redraws leaves thousands behind."""
    from ipywidgets.widgets.widget import _instances

    builder.draft(IDEA)
    builder.draw_candidates(2)
    builder.choose(0)
    after_one = len(_instances)
    for index in range(6):
        builder.draw_candidates(2)
        builder.choose(index % 2)
    assert len(_instances) == after_one


def test_candidates_belong_to_their_page(builder):
    builder.draft(IDEA)
    builder.draw_candidates(2)
    builder.next_page()
    assert builder.gallery.children == ()
    builder.choose(0)                                                      # not this page's: a kind card
    assert "kit-error" in builder.picture_area.message.value and builder.book.pages[1].picture is None


def test_move_delete_add_and_undo(builder):
    builder.draft(IDEA)
    first, second = (page.text for page in builder.book.pages[:2])
    builder.move_down()
    assert [p.text for p in builder.book.pages[:2]] == [second, first] and builder.at == 1
    builder.move_up()
    assert [p.text for p in builder.book.pages[:2]] == [first, second] and builder.at == 0
    builder.delete_page()
    assert len(builder.book) == 3 and builder.book.pages[0].text == second
    builder.undo_button.click()
    assert len(builder.book) == 4 and builder.book.pages[0].text == first
    builder.add_page()
    assert len(builder.book) == 5 and builder.at == 1 and builder.book.pages[1].text == ""
    assert builder.page_text.value == "" and "Page 2 of 5" in builder.page_heading.value
    builder.undo()
    assert len(builder.book) == 4
    assert builder.previous_button.disabled is False
    builder.go_to(0)
    assert builder.previous_button.disabled and builder.up_button.disabled
    builder.go_to(99)
    assert builder.at == 3 and builder.next_button.disabled and builder.down_button.disabled


def test_nothing_to_undo_is_said_kindly(builder):
    assert builder.undo() is False and "Nothing to undo" in builder.page_area.message.value
    assert builder.undo_button.disabled


def test_a_restart_loses_nothing(builder, english):
    builder.draft(IDEA)
    builder.page_text.value = "My own first page."
    builder.make_picture_prompt()
    builder.draw_candidates(2)
    builder.choose(0)
    builder.next_page()
    pages = [(page.text, page.picture.seed if page.picture else None) for page in builder.book.pages]
    prompt0 = builder.notes.prompt(builder.book.pages[0].id)

    restart(english.workdir)                                               # the kernel restarts; cells run again
    again = kit.StoryBuilder(kit.Storybook("The Shy Panda"), size="small")
    assert [(page.text, page.picture.seed if page.picture else None) for page in again.book.pages] == pages
    assert again.book.pages[0].hand_edited and again.book.pages[1].text_call_id
    assert (again.idea.value, again.sheet.value, again.style.value) == (IDEA, SHEET, "watercolour")
    assert again.at == 1 and again.page_text.value == pages[1][0]
    again.go_to(0)
    assert again.prompt.value == prompt0 and "<img" in again.page_picture.value


def test_run_all_after_a_restart_keeps_the_title_typed_in_the_builder(english):
    book = kit.Storybook("My storybook", theme="Kindness", name="my-storybook")
    typed = kit.StoryBuilder(book)
    typed.title.value = "Lulu the Kind Dragon"
    typed.author.value = "Mei"
    assert kit.Storybook.load("my-storybook").title == "Lulu the Kind Dragon"

    restart(english.workdir)                          # Run All: the cell's words first, then the builder
    book = kit.Storybook("My storybook", theme="Kindness", name="my-storybook")
    again = kit.StoryBuilder(book)
    assert (book.title, book.author, again.title.value) == ("Lulu the Kind Dragon", "Mei", "Lulu the Kind Dragon")
    assert kit.Storybook.load("my-storybook").title == "Lulu the Kind Dragon"

    restart(english.workdir)                          # the child changes the title in the code: the code wins
    book = kit.Storybook("The Rainy Day", theme="Kindness", name="my-storybook")
    kit.StoryBuilder(book)
    assert book.title == "The Rainy Day" and book.author == "Mei"
    restart(english.workdir)
    assert kit.StoryBuilder(kit.Storybook("The Rainy Day", name="my-storybook")).book.title == "The Rainy Day"


def test_problems_show_as_a_card_never_a_traceback(builder, monkeypatch):
    def busy(*_args, **_kwargs):
        raise kit.RateLimited()

    monkeypatch.setattr(kit.text, "ask", busy)
    assert builder.draft(IDEA) is None
    assert "kit-error" in builder.idea_area.message.value and "Very busy" in builder.idea_area.message.value
    assert not builder.draft_button.disabled and builder.idea_area.status.value == ""
    builder.idea.value = "x" * 7000
    monkeypatch.undo()
    builder.draft()
    assert "too long" in builder.idea_area.message.value


def test_a_failed_drawing_keeps_the_pictures_that_came(builder, monkeypatch):
    builder.draft(IDEA)
    real = kit.pictures.draw_many

    def half(prompts, **options):
        pictures = real(prompts, **options)
        problem = kit.ServiceProblem("picture")
        problem.pictures = [pictures[0], None]
        raise problem

    monkeypatch.setattr(kit.pictures, "draw_many", half)
    assert len(builder.draw_candidates(2)) == 1
    assert "could not be made" in builder.picture_area.message.value
    assert len(builder.candidates) == 1 and len(builder.gallery.children) == 1


def test_a_chinese_book_is_drafted_in_chinese(offline_kit):
    made = StoryBuilder(kit.Storybook("害羞的熊貓", language="zh-Hant"), size="small")
    made.sheet.value = "小寶，一隻戴紅色頸巾的小熊貓"
    made.style.value = "crayon"
    made.draft("一隻害羞的熊貓在淺水灣學游泳。", pages=4)
    assert len(made.book) == 4
    assert all(re.search(r"[\u4e00-\u9fff]", page.text) for page in made.book.pages)
    assert "寫 4 頁" in made.book.appendix().items[0]["text"]["prompt"]
    prompt = made.make_picture_prompt()
    assert prompt.startswith("小寶，一隻戴紅色頸巾的小熊貓") and "蠟筆" in prompt


@pytest.mark.parametrize("language, title, theme, sheet, idea, hero", [
    ("en", "Pip and the Kind Panda", "Friendship in Hong Kong", "Pip, a small rabbit with a red scarf",
     "Pip and the Kind Panda", "Pip"),
    ("en", "The Shy Panda", "Kindness", SHEET, IDEA, "Pip"),
    ("zh-Hant", "害羞的熊貓", "友誼", "小寶，一隻戴紅色頸巾的小熊貓", "一隻害羞的熊貓在淺水灣學游泳。", "小寶"),
])
def test_offline_drafts_and_picture_prompts_are_clean(english, language, title, theme, sheet, idea, hero):
    """What the practice model makes of the builder's own requests: the sheet's hero by name on every page (no
    theme word as a character, no second copy of the hero), and each picture prompt with the sheet once."""
    made = StoryBuilder(kit.Storybook(title, language=language, theme=theme), size="small")
    made.sheet.value = sheet
    made.style.value = "watercolour"
    made.draft(idea, pages=4)
    desc = re.split(r"[,，]\s*", sheet, maxsplit=1)[1]
    for index, page in enumerate(made.book.pages):
        assert hero in page.text and page.text.count(desc) <= 1, page.text
        assert not re.search(r"Friendship|Kindness|Hope|故事書", page.text), page.text
        made.go_to(index)
        prompt = made.make_picture_prompt()
        assert prompt.startswith(sheet) and prompt.count(desc) == 1, prompt
        assert not re.search(r"character sheet|Describe|角色設定|寫一段|只回覆", prompt), prompt


@pytest.mark.parametrize("reply, count, expected", [
    ('```json\n{"pages": ["One.", "Two.", "Three."]}\n```', 3, ["One.", "Two.", "Three."]),
    ('Here you are: {"pages": [{"text": "A."}, {"text": "B."}]}', 2, ["A.", "B."]),
    ('{"pages": ["One. Two. Three. Four."]}', 2, ["One. Two.", "Three. Four."]),
    ('{"pages": ["A.", "B.", "C.", "D."]}', 2, ["A. B.", "C. D."]),
    ("Page 1: Mimi wakes up. She is hungry.\nPage 2: She finds a bun. The end!", 2,
     ["Mimi wakes up. She is hungry.", "She finds a bun. The end!"]),
    ('{"pages": ["Broken", ', 1, ["Broken"]),
    ("小貓醒來了。牠很餓。牠找到一個包。", 3, ["小貓醒來了。", "牠很餓。", "牠找到一個包。"]),
])
def test_pages_are_read_from_json_or_from_sentences(reply, count, expected):
    assert parse_pages(reply, count) == expected


# --- the novel builder ------------------------------------------------------------------------------------

@pytest.fixture
def novel_builder(english):
    return NovelBuilder(kit.Novel("The Lost Key", author="Ka Ho"), size="small")


def test_a_new_novel_starts_with_a_blank_first_scene(novel_builder):
    assert list(novel_builder.novel.scenes) == ["start"] and novel_builder.current == "start"
    assert novel_builder.scene_list.options == (("⭐ The beginning (start)", "start"),)
    assert novel_builder.novel.can_undo == 0 or novel_builder.undo() is False
    assert list(novel_builder.novel.scenes) == ["start"]                  # Undo never leaves nothing to edit


def test_draft_a_scene_with_choices(novel_builder):
    novel_builder.write("Mei finds an old key at the school gate.")
    made = novel_builder.draft_scene()
    scene = novel_builder.novel.scene("start")
    assert made["text"] == scene.text and scene.text_call_id and 2 <= len(scene.choices) <= 3
    prompt = novel_builder.novel.appendix().items[0]["text"]["prompt"]
    assert "Mei finds an old key" in prompt and '"choices"' in prompt and "first scene" in prompt
    rows = [(row.children[0].value, row.children[2].value) for row in novel_builder.choice_rows.children]
    assert rows == list(scene.choices.items())
    assert len(set(scene.choices.values())) == len(scene.choices)          # each choice leads somewhere new
    assert "Not written yet" in novel_builder.choices_note.value


def test_the_story_so_far_goes_to_qwen(novel_builder):
    novel_builder.set_choices({"Open the gate": "yard"})
    novel_builder.write("Mei stands at the gate.")
    novel_builder.new_scene()
    assert novel_builder.current == "yard" and novel_builder.scene_title.value == "Open the gate"
    novel_builder.draft_scene()
    asked = novel_builder.novel.appendix().items[-1]["text"]["prompt"]
    assert "Mei stands at the gate." in asked and "The reader chose: Open the gate" in asked
    assert 'Now write the scene "Open the gate"' in asked


def test_check_map_and_play_to_an_ending(novel_builder):
    nb = novel_builder
    nb.write("Mei finds a key.")
    nb.set_choices({"Keep it": "keep", "Hand it in": "office"})
    nb.check_button.click()
    assert "keep" in nb.problems.value and "no scene called" in nb.problems.value
    problems = nb.check()
    assert {problem.kind for problem in problems} >= {"missing_target", "no_ending"}
    nb.new_scene()
    nb.write("Mei feels bad all day.")
    nb.set_choices({"Hand it in after all": "office"})
    nb.new_scene()
    assert nb.current == "office"
    nb.write("The teacher thanks Mei. The End.")
    nb.ending.value = True
    assert nb.novel.scene("office").ending and "🏁" in {v: k for k, v in nb.scene_list.options}["office"]
    assert nb.check() == [] and "No problems" in nb.problems.value
    nb.show_map()
    assert bytes(nb.map_image.value).startswith(b"\x89PNG") and nb.map_image.layout.display is None

    nb.play_button.click()
    for _ in range(5):                                                    # click the first choice until the end
        player = nb.player
        if player.at_ending:
            break
        choice = next(b for b in buttons_of(nb.play_box) if b.description.startswith("👉"))
        choice.click()
    assert nb.player.at_ending and nb.player.current == "office"
    view = nb.play_box.children[0].children[0].value
    assert "The teacher thanks Mei" in view and "The End" in view
    check_look(nb.play_box)
    back = next(b for b in buttons_of(nb.play_box) if "Back" in b.description)
    back.click()
    assert nb.player.current == "keep"
    again = next(b for b in buttons_of(nb.play_box) if "Restart" in b.description)
    again.click()
    assert nb.player.current == "start" and not nb.player.history


def test_scene_fields_save_into_the_novel(novel_builder):
    nb = novel_builder
    nb.scene_title.value = "At the gate"
    nb.set_choices({"Go in": "hall"})
    nb.add_choice_row()
    row = nb.choice_rows.children[-1]
    row.children[0].value = "Run home"
    assert nb.novel.scene("start").choices == {"Go in": "hall"}           # no target yet: not saved
    row.children[2].value = "home"
    assert nb.novel.scene("start").choices == {"Go in": "hall", "Run home": "home"}
    nb.scene_id.value = "gate"                                            # rename: choices that led here follow
    assert nb.current == "gate" and nb.novel.start == "gate"
    nb.new_scene("hall", "The hall")
    nb.set_choices({"Back outside": "gate"})
    assert nb.novel.scene("hall").choices == {"Back outside": "gate"}
    nb.scene_id.value = "gate"                                            # taken: a kind card, nothing changes
    assert "already a scene" in nb.scene_area.message.value and nb.scene_id.value == "hall"
    nb.select("gate")
    nb.scene_id.value = "front"
    assert nb.novel.scene("hall").choices == {"Back outside": "front"}
    nb.delete_scene()
    assert "front" not in nb.novel.scenes and nb.current == nb.novel.start
    nb.undo()
    assert "front" in nb.novel.scenes


def test_a_picture_for_a_scene(novel_builder):
    nb = novel_builder
    nb.draw_picture()
    assert "Write the scene" in nb.picture_area.message.value           # nothing to draw yet
    nb.write("A dark castle gate at night. Mei holds the key.")
    nb.style.value = "ink painting"
    picture = nb.draw_picture()
    scene = nb.novel.scene("start")
    assert picture.style == "ink painting" and scene.picture is not None and scene.picture_call_id
    assert scene.alt == "A dark castle gate at night." and "<img" in nb.picture.value


def test_the_novel_builder_comes_back_after_a_restart(novel_builder, english):
    novel_builder.set_choices({"Go in": "hall"})
    novel_builder.new_scene()
    novel_builder.style.value = "sketch"
    restart(english.workdir)
    again = kit.NovelBuilder(kit.Novel("The Lost Key"))
    assert again.current == "hall" and list(again.novel.scenes) == ["start", "hall"]
    assert again.style.value == "sketch"
    saved = json.loads((again.novel.folder / "builder.json").read_text(encoding="utf-8"))
    assert saved["scene"] == "hall"


@pytest.mark.parametrize("reply, words, choices", [
    ('{"text": "Mei runs.", "choices": ["Hide", "Shout"]}', "Mei runs.", ["Hide", "Shout"]),
    ('{"text": "Mei runs.", "choices": [{"label": "Hide", "target": "shed"}]}', "Mei runs.", [("Hide", "shed")]),
    ("Mei runs.\n1. Hide in the shed\n2. Shout for help", "Mei runs.", ["Hide in the shed", "Shout for help"]),
])
def test_scenes_are_read_from_json_or_numbered_lines(reply, words, choices):
    assert parse_scene(reply) == (words, choices)


def test_scene_ids_from_choice_words():
    assert scene_id_for("Follow the glowing path", set()) == "follow-glowing-path"
    assert scene_id_for("Follow the glowing path", {"follow-glowing-path"}) == "follow-glowing-path-2"
    assert scene_id_for("Mei could ask the owl", set(), frozenset({"mei"})) == "ask-owl"
    assert scene_id_for("走進山洞", set()) == "走進山洞"
