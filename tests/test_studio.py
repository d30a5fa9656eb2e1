"""The picture studio for learners with special educational needs, headless: big targets, one step at a time,
a sentence that grows, read-aloud in English and Cantonese, a picture and a card."""

from __future__ import annotations

import html
import re

import ipywidgets as w
import pytest

import kit
from kit.i18n import catalogue, set_language
from kit.widgets.studio import OWN_MOST, PictureStudio, sentence, speech_html
from kit.widgets.symbols import CHOICES, PAGE_SIZE, PAGES, STEPS

CORE_WIDGETS = {"Button", "Textarea", "Text", "IntText", "Dropdown", "Checkbox", "ToggleButton", "HTML", "Image",
                "Output", "VBox", "HBox", "Label", "IntProgress"}
HAPPY_PANDA = [("feeling", "happy"), ("who", "panda"), ("where", "beach"), ("doing", "play"), ("colours", "bright"),
               ("style", "watercolour")]


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def pixels(size: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)px", size or "")
    assert match, f"{size!r} is not in px"
    return float(match.group(1))


@pytest.fixture
def studio(offline_kit):
    set_language("en")
    yield PictureStudio(size="small")
    set_language("en")


def all_buttons(made: PictureStudio) -> list[w.Button]:
    """Every button the studio can show, at any step."""
    shown = [each for each in every_widget(made.widget) if isinstance(each, w.Button)]
    every = shown + [button for buttons in made.choice_buttons.values() for button in buttons]
    return list({id(button): button for button in every}.values())


def test_every_target_is_big_and_labelled_with_words_and_an_emoji(studio):
    found = all_buttons(studio)
    assert len(found) == 10 + sum(len(CHOICES[step]) for step in STEPS)    # read, pages (2), own word, draw it (2) ...
    for button in found:
        label = button.description
        assert re.search(r"[^\W\d_]{2,}", label), f"{label!r} has no word in it"
        assert not label[0].isalnum(), f"{label!r} does not start with an emoji"
        assert " · " in label, f"{label!r} is not in both languages"
        assert pixels(button.layout.min_height) >= 56, label             # SEN: more than WCAG's 44 px
        assert button.layout.height == "auto" and button.layout.width == "100%", label   # wraps, shrinks on a tablet
        assert pixels(button.layout.max_width) >= 260 and pixels(button.layout.min_width) >= 56, label
        if "font_size" in button.style.trait_names():                    # ipywidgets 8
            assert pixels(button.style.font_size) >= 20, label
    sheet = studio.widget.children[0].value
    assert "font-size: 22px" in sheet and "border: 2px solid #1e293b" in sheet   # ipywidgets 7.7 (Colab) too
    assert {type(each).__name__ for each in every_widget(studio.widget)} <= CORE_WIDGETS
    assert studio.title.layout.height == "56px" and studio.title.layout.width == "100%"
    assert "outline: 5px solid #d97706 !important" in sheet and "white-space: normal !important" in sheet


def test_one_question_at_a_time_with_a_few_big_choices_in_one_column(studio):
    assert studio.step == 0 and "How does your picture feel?" in studio.step_title.value
    shown = studio.shown_choices
    assert len(shown) == 6 and isinstance(studio.choice_box, w.VBox)          # a column, never a grid
    pages_shown = [page for page in studio.choice_box.children if page.layout.display != "none"]
    assert [list(page.children) for page in pages_shown] == [shown]           # one page of one question
    assert shown[0].description == "😊 Happy · 開心"
    assert studio.finish_box.layout.display == "none" and studio.back_button.disabled
    assert "Step 1 of 6" in studio.step_dots.value
    fallbacks = [each for each in every_widget(studio.widget) if isinstance(each, w.HTML)
                 and "kit-fallback" in each.value]
    assert len(fallbacks) >= 6                                            # a line of plain words under each part
    assert "Press one big button" in studio.choice_help.value


def test_the_sentence_grows_at_each_step_and_clicks_drive_it(studio):
    expected = ["A happy …", "A happy panda", "A happy panda at the beach", "A happy panda playing at the beach",
                "A happy panda playing at the beach, in bright colours",
                "A happy panda playing at the beach, in bright colours, as a watercolour painting."]
    for (step, name), words in zip(HAPPY_PANDA, expected):
        button = studio.choice_buttons[step][[n for n, _e in CHOICES[step]].index(name)]
        for _more in PAGES[step]:
            if button not in studio.shown_choices:
                studio.more_button.click()                                # "➡️ More choices", as a child would
        assert button in studio.shown_choices                             # the button is on screen now
        button.click()
        assert studio.sentence == words and html.escape(words) in studio.sentence_box.value
    assert studio.step == 6 and studio.finish_box.layout.display is None and studio.shown_choices == []
    assert studio.choice_box.layout.display == "none" and studio.own_part.layout.display == "none"
    assert "Last step" in studio.step_dots.value
    assert studio.prompt.startswith(expected[-1]) and "no words or letters" in studio.prompt
    assert "children" not in studio.prompt                               # or Wanxiang may draw some in


def test_back_keeps_the_answer_marked_and_start_again_clears_it(studio):
    for step, name in HAPPY_PANDA[:3]:
        studio.choose(step, name)
    studio.back_button.click()
    assert studio.step == 2 and "Where are they?" in studio.step_title.value
    marked = [b.description for b in studio.shown_choices if b.button_style == "primary"]
    assert marked == ["🏖️ Beach · 海灘 ✓"]                                # ✓ as well as colour
    studio.choose("where", "space")
    assert studio.sentence == "A happy panda in space" and studio.step == 3
    studio.back()
    studio.back()
    studio.back()
    studio.back()
    assert studio.step == 0 and studio.back_button.disabled
    studio.choose("feeling", "excited")
    assert studio.sentence == "An excited panda in space"                  # "an" before a vowel
    studio.title.value = "Space day"
    studio.again_button.click()
    assert studio.step == 0 and studio.sentence == "" and studio.title.value == ""
    assert "Your sentence will grow here" in studio.sentence_box.value


def test_unknown_answers_are_a_kind_error(studio):
    with pytest.raises(kit.BadInput, match="happy"):
        studio.choose("feeling", "grumpy")
    with pytest.raises(kit.BadInput, match="feeling"):
        studio.choose("mood", "happy")


@pytest.mark.parametrize("language, lang", [("en", "en-GB"), ("zh-Hant", "yue-Hant-HK")])
def test_read_aloud_speaks_in_the_right_voice(offline_kit, language, lang):
    made = PictureStudio(language=language)
    for step, name in HAPPY_PANDA:
        made.choose(step, name)
    made.title.value = 'My "Best" Day </script><b>'
    made.read_button.click()
    [output] = made.speaker.outputs
    script = output["data"]["text/html"]
    assert f'lang = "{lang}"' in script and "speechSynthesis.speak" in script
    assert script.count("</script>") == 1 and script.rstrip().endswith("</script>")   # the title cannot end it
    assert "<b>" not in script and "\\u003c/script\\u003e\\u003cb\\u003e" in script
    assert '\\"Best\\"' in script                                         # quotes escaped inside the string
    assert "&quot;Best&quot;" in script and "&lt;b&gt;" in script           # and in the text shown under it
    assert output["data"]["text/plain"].startswith('My "Best" Day')
    if language == "zh-Hant":
        assert "一隻開心的熊貓在海灘上玩耍，用鮮豔的顏色，畫成水彩畫。" in script and "zh-hk" in script
    else:
        assert "as a watercolour painting." in script


def test_the_studio_follows_the_kits_language(offline_kit):
    kit.setup("offline", language="zh-Hant", workdir=offline_kit.workdir, quiet=True)
    try:
        made = kit.PictureStudio()
    finally:
        set_language("en")
    assert made.language == "zh-Hant" and made.shown_choices[0].description == "😊 開心 · Happy"
    assert made.read_button.description == "🔊 讀出來 · Read aloud"
    assert made.draw_button.description == "🎨 畫我的圖畫 · Draw my picture"
    for step, name in [("feeling", "brave"), ("who", "dragon"), ("where", "space"), ("doing", "swim"),
                       ("colours", "gold_purple"), ("style", "pixel")]:
        made.choose(step, name)
    assert made.sentence == "一條勇敢的龍在太空中游泳，用金色和紫色，畫成像素畫。"
    assert 'lang="yue-Hant-HK"' in speech_html(made.speech(), made.language)
    assert kit.PictureStudio(language="en").shown_choices[0].description == "😊 Happy · 開心"


def test_sentences_in_both_languages():
    assert sentence({}, "en") == ""
    assert sentence({"feeling": "sleepy"}, "zh-Hant") == "想睡的……"
    assert sentence({"who": "child", "where": "home"}, "en") == "A child at home"
    assert sentence({"who": "robot", "style": "ink"}, "zh-Hant") == "一個機械人，畫成水墨畫"


def test_draw_gives_a_picture_and_make_card_a_picture_card_that_exports(studio, tmp_path):
    studio.draw()
    assert studio.picture is None and "choose who is in your picture" in studio.area.message.value
    for step, name in HAPPY_PANDA:
        studio.choose(step, name)
    assert studio.card_button.disabled
    studio.make_card("Too soon")
    assert studio.card is None
    studio.draw_button.click()
    picture = studio.picture
    assert picture is not None and picture.style == "watercolour" and picture.prompt == studio.prompt
    assert picture.negative and "text" in picture.negative
    shown = studio.picture_box.value
    assert "<img" in shown and f'alt="{html.escape(studio.sentence)}"' in shown and "<figcaption" in shown
    assert not studio.card_button.disabled
    studio.title.value = ""
    studio.card_button.click()
    assert studio.card is None and "type a title" in studio.area.message.value   # a title first
    card = studio.make_card("My Happy Day", "Wing")
    assert isinstance(card, kit.PictureCard) and card is studio.card
    assert (card.title, card.sentence, card.author) == ("My Happy Day", studio.sentence, "Wing")
    assert card.picture is not None and card.checklist().find("picture").ok
    assert "My Happy Day" in studio.card_box.value and "kit-pv-card" in studio.card_box.value
    page = card.export(tmp_path / "card.html")
    assert page.is_file() and "My Happy Day" in page.read_text(encoding="utf-8")
    again = kit.PictureCard(None, "My Happy Day")                         # saved: it comes back by its title
    assert again.sentence == studio.sentence and again.picture is not None


def test_a_problem_while_drawing_is_a_card(studio, monkeypatch):
    for step, name in HAPPY_PANDA:
        studio.choose(step, name)

    def blocked(*_args, **_kwargs):
        raise kit.SafetyBlocked("image")

    monkeypatch.setattr(kit.pictures, "draw", blocked)
    assert studio.draw() is None
    assert "kit-error" in studio.area.message.value and "safety filter" in studio.area.message.value
    assert not studio.draw_button.disabled and studio.area.status.value == ""


@pytest.mark.parametrize("feeling, said", [("sad", "sad"), ("angry", "angry"), ("scared", "scared")])
def test_a_sad_angry_or_scared_choice_stays_so_in_what_is_drawn(studio, feeling, said):
    for step, name in [("feeling", feeling), *HAPPY_PANDA[1:]]:
        studio.choose(step, name)
    prompt = studio.prompt.lower()
    assert re.match(f"an? {said} panda", prompt) and prompt.count(said) >= 2     # in the sentence and said again
    for cheerful in ("cheerful", "friendly", "happy", "bright and", "joyful"):
        assert cheerful not in prompt, cheerful
    for safe in ("blood", "violence", "nudity", "text"):
        assert safe in studio.negative
    assert "scary" not in studio.negative and "frightening" not in studio.negative   # a scared child may draw fear
    studio.draw()
    assert studio.picture.prompt == studio.prompt and studio.picture.negative == studio.negative


def test_the_chinese_prompt_keeps_sadness_without_a_bright_override(offline_kit):
    made = PictureStudio(language="zh-Hant")
    for step, name in [("feeling", "sad"), *HAPPY_PANDA[1:]]:
        made.choose(step, name)
    assert made.prompt.startswith("一隻傷心的熊貓") and made.prompt.count("傷心") == 2
    assert "明亮" not in made.prompt and "友善" not in made.prompt and "開心" not in made.prompt


WANTED = {"feeling": ["angry", "scared", "worried", "proud", "lonely", "excited", "sad", "happy"],
          "who": ["me", "mum", "dad", "grandma", "grandpa", "teacher", "friend", "helper", "panda", "cat", "dog",
                  "mtr", "bus", "tram", "ferry", "taxi", "plane"],
          "where": ["home", "school", "park", "beach", "station", "playground"],
          "doing": ["play", "eat", "swim", "sleep", "draw", "music", "help", "hug", "quiet", "drink", "break"]}


def test_the_vocabulary_has_feelings_people_hong_kong_things_places_activities_and_needs():
    for step, names in WANTED.items():
        have = [name for name, _emoji in CHOICES[step]]
        assert set(names) <= set(have), (step, set(names) - set(have))
        assert len(have) == len(set(have)), step
    for step in STEPS:
        assert all(1 <= len(page) <= PAGE_SIZE for page in PAGES[step]), step
        for name, emoji in CHOICES[step]:
            assert emoji and not emoji[0].isalnum(), (step, name)
            for key in (f"builders.studio.{step}.{name}", f"builders.studio.{step}.{name}.words"):
                entry = catalogue()[key]
                assert entry["en"].strip() and entry["zh-Hant"].strip(), key
                assert re.search("[\u4e00-\u9fff]", entry["zh-Hant"]), key
                assert not re.search("[裡著]|什麼|圖像|圖片", entry["zh-Hant"]), key     # the glossary's forms
    assert message_pair("who", "ferry") == ("Star Ferry", "天星小輪")
    assert message_pair("doing", "hug") == ("I need a hug", "我需要擁抱")


def message_pair(step, name):
    entry = catalogue()[f"builders.studio.{step}.{name}"]
    return entry["en"], entry["zh-Hant"]


@pytest.mark.parametrize("chosen, en, zh", [
    ({"feeling": "sad", "who": "me", "where": "school", "doing": "hug", "colours": "soft", "style": "crayon"},
     "Sad me at school, needing a hug, in soft colours, as a crayon drawing.",
     "傷心的我在學校裏，需要擁抱，用柔和的顏色，畫成蠟筆畫。"),
    ({"feeling": "excited", "who": "mtr", "where": "station"}, "An excited MTR train at the MTR station",
     "一列興奮的港鐵列車在港鐵站"),
    ({"feeling": "proud", "who": "grandma", "where": "park", "doing": "music"},
     "My proud grandma making music in the park", "自豪的嫲嫲在公園裏玩音樂"),
    ({"feeling": "lonely", "who": "ferry", "doing": "break"}, "A lonely Star Ferry boat, needing a break",
     "一艘孤單的天星小輪，需要休息一下"),
])
def test_sentences_with_people_hong_kong_things_and_needs(chosen, en, zh):
    assert sentence(chosen, "en") == en and sentence(chosen, "zh-Hant") == zh


def test_pages_of_six_with_labelled_more_and_previous_buttons(studio):
    studio.choose("feeling", "worried")                                   # on page 2: a choice is a choice
    assert studio.step == 1 and "Page 1 of 4" in studio.step_title.value
    assert studio.more_button.description == "➡️ More choices · 更多選擇"
    assert studio.previous_button.description == "⬅️ Previous choices · 上一頁選擇"
    assert studio.more_button.layout.display is None and studio.previous_button.layout.display == "none"
    seen = []
    for _page in PAGES["who"]:
        seen += [button.description.split(" · ")[0] for button in studio.shown_choices]
        assert len(studio.shown_choices) <= 6
        studio.more_button.click()
    assert "🚇 MTR train" in seen and "🧍 Me" in seen and "🐼 Panda" in seen and len(seen) == len(CHOICES["who"])
    assert "Page 4 of 4" in studio.step_title.value and studio.more_button.layout.display == "none"
    studio.previous_button.click()
    assert "Page 3 of 4" in studio.step_title.value and studio.previous_button.layout.display is None
    [tram] = [b for b in studio.shown_choices + studio.choice_buttons["who"] if "Tram" in b.description][:1]
    studio.turn(1)
    tram.click()
    studio.back()
    assert "Page 4 of 4" in studio.step_title.value and "🚋 Tram · 電車 ✓" in [
        b.description for b in studio.shown_choices]                      # back on the page of the answer
    assert studio.sentence == "A worried tram"
    studio.choose("who", "me")
    studio.choose("where", "home")
    assert studio.page_row.layout.display is None                         # "doing" has two pages
    studio.choose("doing", "sleep")
    assert studio.page_row.layout.display == "none"                       # "colours" has one


def test_my_own_word_typed_by_the_child_or_a_helper(studio):
    studio.choose("feeling", "happy")
    assert studio.own_part.layout.display is None and studio.own_box.description.startswith("Or type my own word")
    studio.own_box.value = "  my big   brother "
    studio.own_button.click()
    assert studio.step == 2 and studio.sentence == "My happy big brother"
    studio.own_word("where", "Grandma's flat")
    studio.own_word("doing", "flying a kite")
    assert studio.sentence == "My happy big brother flying a kite at Grandma's flat"
    studio.back()
    assert studio.own_box.value == "flying a kite"                        # the child's word is still there
    assert not [b for b in studio.shown_choices if b.button_style == "primary"]
    assert studio.own_word("doing", "   ") is None and "type your word" in studio.area.message.value
    assert studio.own_word("doing", "x" * (OWN_MOST + 1)) is None and "shorter" in studio.area.message.value
    assert studio.step == 3
    studio.choose("doing", "play")
    assert studio.own_box.value == "" and studio.area.message.value == ""
    made = PictureStudio(language="zh-Hant")
    made.own_word("who", "公公")
    made.own_word("where", "嫲嫲家")
    assert made.sentence == "公公在嫲嫲家"
    with pytest.raises(kit.BadInput):
        made.own_word("mood", "happy")


def test_after_each_choice_the_focus_goes_to_the_next_questions_first_answer(studio, monkeypatch):
    focused = []
    monkeypatch.setattr(w.DOMWidget, "focus", lambda widget: focused.append(widget))
    studio.choose("feeling", "happy")
    studio.back()
    assert focused == []                     # opening the studio, or a lesson cell calling it, leaves the focus be
    studio.choice_buttons["feeling"][1].click()                           # 😢 Sad
    assert focused == [studio.shown_choices[0]] and "Me" in focused[-1].description
    studio.more_button.click()
    assert focused[-1] is studio.shown_choices[0] and "Friend" in focused[-1].description
    studio.previous_button.click()
    assert "Me" in focused[-1].description
    count = len(focused)
    studio.own_button.click()                                             # nothing typed: a hint, the focus stays
    assert len(focused) == count and "type your word" in studio.area.message.value
    studio.own_box.value = "my big brother"
    studio.own_button.click()
    assert focused[-1] is studio.shown_choices[0] and "Home" in focused[-1].description
    studio.back_button.click()
    assert "Me" in focused[-1].description
    for step, name in [("who", "mum"), ("where", "park"), ("doing", "hug"), ("colours", "soft"),
                       ("style", "crayon")]:
        names = [each for each, _emoji in CHOICES[step]]
        studio.choice_buttons[step][names.index(name)].click()
    assert focused[-1] is studio.title                                    # then: type a title
    studio.again_button.click()
    assert "Happy" in focused[-1].description and studio.step == 0


def test_read_aloud_online_is_a_real_voice_and_the_card_keeps_it(online_kit, fake_server):
    made = PictureStudio(language="zh-Hant")
    for step, name in HAPPY_PANDA:
        made.choose(step, name)
    made.title.value = "我的<b>一天</b>"
    made.draw()
    made.make_card()
    made.read_button.click()
    [output] = made.speaker.outputs
    shown = output["data"]["text/html"]
    assert "<audio controls autoplay" in shown and "speechSynthesis" not in shown and "&lt;b&gt;" in shown
    voices = {r["json"]["input"]["voice"] for r in fake_server.requests_to("multimodal-generation")}
    assert voices == {"Kiki"}
    assert made.card.export_data()["narration"]["voice"] == "Kiki"
