"""The playgrounds, headless: set values, press buttons, read what a child would see.

No kernel is needed: handlers run synchronously on ``button.click()`` / ``.run()``, and results live in
``HTML.value`` and ``Image.value``, which is exactly what a kernel sends to the browser and nbconvert saves.
"""

from __future__ import annotations

import html
import re
import warnings

import ipywidgets as w
import pytest

import kit
from kit.i18n import set_language
from kit.widgets import playground
from kit.widgets.base import Playground
from kit.widgets.compare import average_difference, chart_png, difference_chart, word_difference, words

KINDS = ("ask", "chat", "dials", "picture")
CORE_WIDGETS = {"Button", "Textarea", "Text", "IntText", "FloatSlider", "Dropdown", "ToggleButton", "Checkbox",
                "HTML", "Image", "Output", "VBox", "HBox", "Label", "IntProgress"}


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def buttons(pg: Playground) -> list[w.Widget]:
    return [each for each in every_widget(pg.widget) if isinstance(each, (w.Button, w.ToggleButton))]


def pixels(size: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)px", size or "")
    assert match, f"height {size!r} is not in px"
    return float(match.group(1))


@pytest.fixture
def english(offline_kit):
    set_language("en")
    yield
    set_language("en")


@pytest.mark.parametrize("kind", KINDS)
def test_every_button_is_big_with_a_word_and_an_emoji(english, kind):
    pg = playground(kind)
    found = buttons(pg)
    assert found, kind
    for button in found:
        label = button.description
        assert re.search(r"[^\W\d_]{2,}", label), f"{label!r} has no word in it"
        assert not label[0].isalnum(), f"{label!r} does not start with an emoji"
        assert pixels(button.layout.height) >= 44, label
        assert button.layout.min_width, label
        if "font_size" in button.style.trait_names():                   # ipywidgets 8
            assert button.style.font_size in ("16px", "17px", "18px"), label
    assert "font-size: 17px" in pg.widget.children[0].value                # 7.7 (Colab): the style sheet does it


@pytest.mark.parametrize("kind", KINDS)
def test_only_core_widgets_that_colab_also_has(english, kind):
    pg = playground(kind)
    used = {type(each).__name__ for each in every_widget(pg.widget)}
    assert used <= CORE_WIDGETS, used - CORE_WIDGETS
    assert isinstance(pg.widget, w.VBox) and "kit-playground" in pg.widget._dom_classes


def test_switching_language_changes_the_labels(offline_kit):
    english_labels = {b.description for b in buttons(playground("ask"))}
    kit.setup("offline", language="zh-Hant", workdir=offline_kit.workdir, quiet=True)
    try:
        chinese_labels = {b.description for b in buttons(playground("ask"))}
    finally:
        set_language("en")
    assert "▶ Ask Qwen" in english_labels and "▶ 問 Qwen" in chinese_labels
    assert "🎭 給 Qwen 一個角色" in chinese_labels
    assert english_labels.isdisjoint(chinese_labels)


def test_kit_playground_is_public_and_starts_with_the_given_values(english):
    pg = kit.playground("ask", prompt="A haiku about rain", system="You are a poet", temperature=1.2)
    assert "playground" in kit.__all__
    assert pg.prompt.value == "A haiku about rain"
    assert pg.role.value is True and pg.role_box.layout.display is None
    assert pg.temperature.value == pytest.approx(1.2)
    assert kit.playground("ask").role_box.layout.display == "none"   # no role: the role box starts hidden


def test_unknown_kind_or_option_is_a_friendly_error(english):
    with pytest.raises(kit.BadInput, match="ask, chat, dials, picture"):
        kit.playground("paint")
    with pytest.raises(kit.BadInput, match="promt"):
        kit.playground("ask", promt="typo")


def test_ask_shows_the_reply_card_and_keeps_the_last_tries(english):
    pg = kit.playground("ask", prompt="Write two sentences about a panda who loves dim sum.", keep=2)
    pg.ask_button.click()
    assert "kit-reply" in pg.replies.value and "Offline mode" in pg.replies.value
    assert "Try 1" in pg.replies.value
    pg.again_button.click()
    pg.prompt.value = "Write one sentence about a tram."
    pg.run()
    assert [attempt.number for attempt in pg.attempts] == [3, 2]          # newest first, only the last two
    assert pg.attempts[1].prompt.startswith("Write two sentences")          # "ask again" repeated the first prompt
    assert pg.replies.value.count("kit-attempt") == 2
    assert pg.replies.value.index("Try 3") < pg.replies.value.index("Try 2")
    assert not pg.ask_button.disabled and pg.status.value == "" and pg.message.value == ""


def test_the_role_is_sent_only_while_the_role_button_is_on(english):
    pg = kit.playground("ask", prompt="Say hello.", system="You are a pirate.", temperature=0)
    pg.run()
    assert pg.attempts[0].system == "You are a pirate." and "role: You are a pirate." in pg.replies.value
    pg.role.value = False
    assert pg.role_box.layout.display == "none"
    pg.run()
    assert pg.attempts[0].system == ""


def test_start_with_run_presses_the_button_once(english):
    pg = kit.playground("ask", prompt="Name three colours.", run=True)
    assert len(pg.attempts) == 1 and "kit-reply" in pg.replies.value


@pytest.mark.parametrize("press", ["click", "run"])
def test_a_kit_error_shows_its_card_not_a_traceback(english, press):
    pg = kit.playground("ask", prompt="   ")
    pg.ask_button.click() if press == "click" else pg.run()
    assert "kit-error" in pg.message.value
    assert "prompt" in pg.message.value.lower() and "提示詞" in pg.message.value
    assert pg.attempts == [] and not pg.ask_button.disabled and pg.status.value == ""
    pg.prompt.value = "Now a real question?"
    pg.run()
    assert pg.message.value == "" and len(pg.attempts) == 1                # the card goes once it is fixed


def test_chat_shows_bubbles_and_starts_again(english):
    pg = kit.playground("chat", system="You are a friendly robot.", message="Hello! What is your name?")
    pg.send_button.click()
    assert pg.entry.value == ""
    pg.entry.value = "Tell me a joke."
    pg.run()
    shown = pg.conversation.value
    assert shown.count("kit-bubble-user") == 2 and shown.count("kit-bubble-qwen") == 2
    assert "Hello! What is your name?" in shown and "You are a friendly robot." in shown
    assert "Offline mode" in shown
    assert len(pg.chat.history) == 5                                        # system + two turns
    pg.restart_button.click()
    assert "kit-bubble" not in pg.conversation.value and len(pg.chat.history) == 1


def test_chat_with_an_empty_message_shows_the_card(english):
    pg = kit.playground("chat")
    pg.run()
    assert "kit-error" in pg.message.value and "kit-bubble" not in pg.conversation.value


def test_dials_table_progress_and_chart(english):
    from matplotlib.figure import Figure

    pg = kit.playground("dials", prompt="Write two sentences about a panda.")
    pg.run_button.click()
    assert pg.message.value == ""
    assert [result.temperature for result in pg.results] == [0, 0.7, 1.4]
    assert all(len(result.replies) == 3 for result in pg.results)
    assert [reply.seed for reply in pg.results[1].replies] == [1, 2, 3]
    assert pg.progress.value == pg.progress.max == 9 and "9" in pg.progress_label.value
    assert pg.scores["0"] <= pg.scores["1.4"]                              # hotter: more different replies
    assert html.escape(pg.results[2].replies[1].text) in pg.table.value   # every reply is in the table
    assert pg.table.value.count("<tr>") == 4 and "kit-dials" in pg.table.value
    assert isinstance(pg.figure, Figure) and bytes(pg.chart.value).startswith(b"\x89PNG")
    assert pg.chart.layout.display is None


def test_dials_with_top_p_has_a_row_per_pair(english):
    pg = kit.playground("dials", prompt="Describe the sea.", temperatures=(0.5, 1.0), seeds=(4, 5), top_p=(0.3, 1),
                        system="You are a poet.")
    assert any("You are a poet." in getattr(each, "value", "") for each in every_widget(pg.widget)
               if isinstance(each, w.HTML))
    pg.run()
    assert list(pg.scores) == ["0.5 / 0.3", "1 / 0.3", "0.5 / 1", "1 / 1"]
    assert pg.results[0].replies[0].seed == 4


@pytest.mark.parametrize("field, typed", [("temperatures", "hot"), ("temperatures", "3"), ("seeds", "1.5"),
                                          ("temperatures", "")])
def test_dials_typing_mistakes_show_the_card(english, field, typed):
    pg = kit.playground("dials", prompt="Describe the sea.")
    getattr(pg, field).value = typed
    pg.run()
    assert "kit-error" in pg.message.value and pg.results == []


def test_dials_refuse_too_many_calls_for_one_press(english):
    pg = kit.playground("dials", prompt="Hi", temperatures=(0, 0.5, 1, 1.5), seeds=range(1, 9))
    pg.run()
    assert "kit-error" in pg.message.value and "30" in pg.message.value and pg.progress.value == 0


def test_dials_chart_draws_chinese_without_missing_glyphs(offline_kit):
    from matplotlib.figure import Figure

    kit.setup("offline", language="zh-Hant", workdir=offline_kit.workdir, quiet=True)
    try:
        pg = kit.playground("dials", prompt="用兩句話介紹維多利亞港。", temperatures=(0, 1.2), seeds=(1, 2))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pg.run()
            png = chart_png(difference_chart(["溫度 0", "溫度 1.2"], [0.0, 0.5]))
    finally:
        set_language("en")
    assert pg.message.value == "" and isinstance(pg.figure, Figure)
    assert "回覆有多不同" in pg.figure.axes[0].get_title()
    assert png.startswith(b"\x89PNG")
    missing = [str(each.message) for each in caught if "missing from font" in str(each.message)]
    assert not missing, missing


def test_word_difference_counts_words_and_chinese_characters():
    assert words("The cat, the CAT!") == {"the", "cat"}
    assert words("熊貓吃點心") == {"熊", "貓", "吃", "點", "心"}
    assert word_difference("a red boat", "a red boat") == 0
    assert word_difference("red boat", "blue sky") == 1
    assert word_difference("熊貓吃", "熊貓跑") == pytest.approx(0.5)
    assert word_difference("", "") == 0
    assert average_difference(["one"]) == 0
    assert average_difference(["a b", "a b", "c d"]) == pytest.approx(2 / 3)


def test_picture_draws_side_by_side_with_recipe_and_notes(english):
    pg = kit.playground("picture", prompt="a red panda rowing a boat", negative="rain", style="卡通", size="small",
                        seed=7, keep=3)
    assert pg.style.value == "cartoon" and pg.size.value == "small"
    pg.draw_button.click()
    assert pg.message.value == "", pg.message.value
    picture = pg.pictures[0]
    assert (picture.seed, picture.style, picture.negative) == (7, "cartoon", "rain")
    gallery = pg.gallery.value
    assert gallery.count("kit-gallery-item") == 1 and "data:image/jpeg;base64," in gallery
    assert "🎲 7" in gallery and "cartoon" in gallery and "🚫 rain" in gallery
    assert "Offline mode" in gallery and "understood" in gallery.lower()
    for _ in range(3):
        pg.new_seed_button.click()
        pg.run()
    assert len(pg.pictures) == 3 and pg.gallery.value.count("kit-gallery-item") == 3
    assert pg.pictures[0].seed == pg.seed.value


def test_picture_same_seed_gives_the_same_picture(english):
    pg = kit.playground("picture", prompt="a lighthouse at night", size="small", seed=11)
    pg.run()
    pg.run()
    assert pg.pictures[0].data == pg.pictures[1].data


def test_picture_in_chinese_offers_chinese_style_names(offline_kit):
    kit.setup("offline", language="zh-Hant", workdir=offline_kit.workdir, quiet=True)
    try:
        pg = kit.playground("picture")
    finally:
        set_language("en")
    labels = {value: label for label, value in pg.style.options}
    assert labels["watercolour"].startswith("水彩") and labels[""] == "不指定"
    assert pg.draw_button.description == "🎨 畫圖"


def test_picture_errors_show_the_card(english):
    pg = kit.playground("picture", prompt="")
    pg.run()
    assert "kit-error" in pg.message.value and pg.pictures == []
    with pytest.raises(kit.BadInput):
        kit.playground("picture", style="glitter")


def test_playground_displays_its_widget(english, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objects, **kw: shown.extend(objects))
    pg = kit.playground("chat")
    pg._ipython_display_()
    assert shown == [pg.widget]
