"""kit.describe: Qwen-VL through the real SDK against the fake multimodal route, and the honest offline reader."""

import base64
import io

import pytest
from fake_dashscope import ERRORS, MAX_DATA_URI, FakeDashScope
from PIL import Image
from support import SENTINEL_KEY

import kit
from kit.vision import describe, split_answer


def png(width, height, colour):
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def half_and_half(top, bottom, size=200):
    image = Image.new("RGB", (size, size), top)
    image.paste(Image.new("RGB", (size, size // 2), bottom), (0, size // 2))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def vision_posts(fake):
    return [r for r in fake.requests_to("multimodal-generation") if r["method"] == "POST"]


def test_offline_reader_measures_colours_and_places_and_says_it_is_offline(offline_kit):
    seen = describe(half_and_half((60, 110, 210), (70, 160, 70)))
    assert seen.offline and seen.backend == "offline"
    assert "Offline reader" in seen.text and "does not understand" in seen.text
    assert "blue at the top" in seen.text and "green at the bottom" in seen.text
    assert seen.alt == "A picture of mostly blue and green."


def test_offline_reader_repeats_what_the_offline_painter_drew(offline_kit):
    picture = kit.draw("a red dragon over the sea", seed=1)
    seen = describe(picture)
    assert "The offline painter says it drew: dragon, sea." in seen.text
    assert seen.alt.endswith("with dragon, sea.")


def test_offline_reader_speaks_chinese_and_cannot_answer_questions(workdir):
    kit.setup("offline", workdir=workdir, language="zh-Hant", quiet=True)
    seen = describe(half_and_half((210, 45, 45), (245, 215, 60)), question="佢開唔開心？")
    assert seen.text.startswith("（離線讀圖") and "上面有很多紅色" in seen.text
    assert "佢開唔開心？" in seen.text and "答不了問題" in seen.text
    assert seen.alt == "一幅大部分是紅色和黃色的圖畫。"


def test_same_picture_and_question_is_answered_from_the_journal(offline_kit):
    picture = png(64, 64, (200, 40, 40))
    first = describe(picture)
    again = describe(picture)
    assert again.reused and not first.reused and again.text == first.text


@pytest.mark.parametrize("bad", [b"not a picture", "/no/such/file.png", 42])
def test_what_is_not_a_picture_is_a_kind_bad_input(offline_kit, bad):
    with pytest.raises(kit.BadInput) as caught:
        describe(bad)
    assert caught.value.reason == "picture" and "PNG" in caught.value.en


def test_split_answer_keeps_alt_and_seed_even_when_the_model_ignores_the_shape():
    assert split_answer("ALT: A cat.\nSEED: A cat naps. Why?") == ("A cat.", "A cat naps. Why?")
    assert split_answer("A dog runs in the park. It is happy.") == ("A dog runs in the park",
                                                                    "A dog runs in the park. It is happy.")


def test_describe_sends_the_picture_as_a_data_url_through_the_sdk(online_kit, fake_server):
    picture = png(300, 200, (10, 120, 200))
    seen = describe(picture, question="Who lives here?")
    assert not seen.offline and seen.model == "qwen3-vl-flash"
    assert seen.alt == f"A {seen.alt.split()[1]} picture, 300x200 pixels."
    assert seen.text.startswith("I see a") and seen.usage["image_tokens"] > 0
    request = vision_posts(fake_server)[0]
    assert request["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    image, words = request["json"]["input"]["messages"][0]["content"]
    assert base64.b64decode(image["image"].split(",", 1)[1]) == picture
    assert "ALT: " in words["text"] and words["text"].endswith("Who lives here?")
    describe(picture, question="Who lives here?")
    assert len(vision_posts(fake_server)) == 1   # the saved answer, not paid twice


def test_a_big_picture_is_shrunk_before_it_is_sent(online_kit, fake_server):
    seen = describe(png(2000, 1000, (250, 250, 250)))
    assert "1024x512" in seen.alt
    sent = vision_posts(fake_server)[0]["json"]["input"]["messages"][0]["content"][0]["image"]
    assert len(sent) < MAX_DATA_URI


@pytest.mark.parametrize("question, error, reason", [
    ("please BLOCKME", kit.SafetyBlocked, "generic"),
    ("ARREARS", kit.ServiceProblem, "account"),
])
def test_service_refusals_become_kind_errors(online_kit, fake_server, question, error, reason):
    with pytest.raises(error) as caught:
        describe(png(64, 64, (0, 0, 0)), question=question)
    assert caught.value.reason == reason and SENTINEL_KEY not in str(caught.value)


def test_the_fake_route_is_as_strict_as_the_service():
    import dashscope

    with FakeDashScope(valid_keys=(SENTINEL_KEY,)) as fake:
        dashscope.base_http_api_url = fake.base_url

        def ask(image, model="qwen3-vl-flash"):
            return dashscope.MultiModalConversation.call(
                model=model, api_key=SENTINEL_KEY,
                messages=[{"role": "user", "content": [{"image": image}, {"text": "What is this?"}]}])

        tiny = "data:image/png;base64," + base64.b64encode(png(8, 8, (0, 0, 0))).decode()
        bad = "data:image/png;base64," + base64.b64encode(b"hello").decode()
        huge = "data:image/png;base64," + "A" * (MAX_DATA_URI + 4)
        assert ask(tiny).message == ERRORS["ImageTooSmall"][2]
        assert ask(bad).message == ERRORS["BadImage"][2]
        assert ask(huge).message == ERRORS["DataUriTooBig"][2]
        fine = "data:image/png;base64," + base64.b64encode(png(32, 32, (0, 0, 0))).decode()
        assert ask(fine, model="qwen-flash").code == "InvalidParameter"   # not a vision model
        assert ask(fine).status_code == 200


def test_describe_compares_a_page_with_the_hero_picture_through_the_sdk(online_kit, fake_server):
    hero = png(300, 300, (140, 80, 180))
    same = describe(png(300, 300, (140, 80, 180)), hero=hero)
    other = describe(png(400, 200, (140, 80, 180)), hero=hero)
    assert same.same is True and other.same is False and "SAME" not in same.text
    content = vision_posts(fake_server)[0]["json"]["input"]["messages"][0]["content"]
    assert [sorted(part) for part in content] == [["image"], ["image"], ["text"]]
    assert base64.b64decode(content[1]["image"].split(",", 1)[1]) == hero
    assert "SAME: " in content[2]["text"]
    assert describe(png(300, 300, (1, 2, 3))).same is None     # not asked, not said


def test_offline_reader_compares_with_the_hero_from_the_painters_words(offline_kit):
    hero = kit.draw("a small purple dragon with a red scarf", seed=5, size="small")
    with_hero = kit.draw("on a beach", seed=2, reference=hero, size="small")
    without = kit.draw("a cat on a beach", seed=2, size="small")
    assert describe(with_hero, hero=hero).same is True
    guess = describe(without, hero=hero)
    assert guess.same is False and "offline reader's guess: no" in guess.text
