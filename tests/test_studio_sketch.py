"""The SEN studio's "✏️ Draw it": a question answered with a drawing, and the picture made from that drawing."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

import kit


def drawing() -> bytes:
    image = Image.new("RGB", (768, 512), "white")
    ImageDraw.Draw(image).ellipse((60, 260, 320, 480), fill=(147, 51, 234))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_draw_it_answers_the_question_and_the_picture_keeps_the_drawing(offline_kit):
    studio = kit.PictureStudio()
    studio.choose("feeling", "happy")
    assert studio.step == 1 and not studio.sketch_slot.children
    studio.sketch_button.click()                        # "✏️ Draw it" under the question "who"
    assert studio.sketch_slot.children == (studio.sketchpad,)
    assert studio.sketch_use.layout.display is None
    studio.sketchpad.png = drawing()                    # the child draws; the page sends the PNG
    studio.sketch_use.click()                           # "✅ Use my drawing"
    assert studio.step == 2 and studio.chosen["who"] == "my drawing"
    assert not studio.sketch_slot.children              # the next question starts with its words
    for step, name in (("where", "beach"), ("doing", "play"), ("colours", "bright"), ("style", "watercolour")):
        studio.choose(step, name)
    picture = studio.draw()
    assert picture.notes["from_sketch"] and studio.sketch.data == drawing()


def test_a_blank_pad_is_no_answer(offline_kit):
    studio = kit.PictureStudio(language="zh-Hant")
    studio.open_sketchpad()
    assert studio.use_drawing("feeling") is None and studio.step == 0
    assert "先畫點東西" in studio.area.message.value and "Draw something first" in studio.area.message.value


def test_choosing_a_word_again_means_the_picture_is_not_from_the_drawing(offline_kit):
    studio = kit.PictureStudio()
    studio.open_sketchpad().png = drawing()
    studio.use_drawing("who")
    assert studio.sketch is not None
    studio.choose("who", "panda")
    assert studio.sketch is None
    studio.start_again()
    assert studio.sketches == {}


def test_buttons_have_words_in_both_languages(offline_kit):
    studio = kit.PictureStudio()
    assert studio.sketch_button.description == "✏️ Draw it · 畫出來"
    assert studio.sketch_use.description == "✅ Use my drawing · 用我的畫"
