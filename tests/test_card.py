"""The picture card: one picture, a title and a sentence, saved, shown, and drawn to a PNG in big type."""

import io
import json

import pytest
from PIL import Image

import kit
from kit.fonts import pillow_font
from kit.story.card import MIME


@pytest.fixture
def card(offline_kit):
    return kit.PictureCard(kit.draw("a happy cat in the rain", seed=4, size="small"), "我的貓咪",
                           "我的貓咪最喜歡在雨中玩！", author="詠詩", language="zh-Hant")


def test_a_card_is_saved_and_comes_back(card, offline_kit):
    card.sentence = "我的貓咪愛下雨天。"
    again = kit.PictureCard(None, "我的貓咪")
    assert again.sentence == "我的貓咪愛下雨天。" and again.author == "詠詩" and again.picture is not None
    assert again.language == "zh-Hant"
    assert kit.PictureCard.load(card.name).title == "我的貓咪"


def test_changes_can_be_undone(card):
    card.title = "Rainy Cat"
    card.picture = kit.draw("a cat under an umbrella", seed=5, size="small")
    assert card.undo() and card.picture.prompt == "a happy cat in the rain"
    assert card.undo() and card.title == "我的貓咪"


def test_save_png_draws_the_card_in_big_type(card, tmp_path):
    path = card.save_png(tmp_path / "card.png")
    image = Image.open(path)
    assert image.format == "PNG" and image.width == 1200 and image.height > 1200
    # The middle of the card is the picture, not blank paper.
    assert len(image.crop((400, 300, 800, 500)).getcolors(maxcolors=1_000_000)) > 20


def test_chinese_is_drawn_with_a_traditional_chinese_font():
    font = pillow_font(40)
    if "Noto" not in font.getname()[0]:
        pytest.skip("fonts-noto-cjk is not installed")
    assert font.getname()[0] == "Noto Sans CJK TC"
    assert font.getmask("貓").getbbox() is not None


def test_the_mime_bundle_and_the_html(card, tmp_path):
    bundle = card._repr_mimebundle_()
    data = bundle[MIME]
    json.dumps(data)
    assert (data["title"], data["sentence"], data["author"], data["language"]) == \
        ("我的貓咪", "我的貓咪最喜歡在雨中玩！", "詠詩", "zh-Hant")
    assert data["picture"]["alt"] == "我的貓咪最喜歡在雨中玩！" and data["offline"]
    assert "我的貓咪" in bundle["text/html"] and "text/plain" in bundle
    html = card.export(tmp_path / "card.card.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hant"' in html and "data:image/jpeg;base64," in html and "作者：詠詩" in html
    png = card.export(tmp_path / "card.png")
    assert Image.open(io.BytesIO(png.read_bytes())).width == 1200


def test_the_checklist(offline_kit):
    card = kit.PictureCard(None, "Empty card")
    rows = {row.item: row for row in card.checklist()}
    assert not rows["picture"].ok and not rows["sentence"].ok
    card.picture = kit.draw("a sun", seed=1, size="small")
    card.sentence = "The sun is warm."
    checklist = card.checklist()
    assert checklist.finished and checklist.rehearsal and checklist.entry()["blocking"][0]["item"] == "offline"
