"""The offline picture engine: deterministic, honest about what it understood, and drawing what was asked."""

from __future__ import annotations

import io
import itertools
import os
import struct
import subprocess
import sys
import zlib

import numpy as np
import pytest
from PIL import Image

from kit.backends import offline_pictures as op
from kit.backends.offline_art import label
from kit.backends.offline_art.reading import read
from kit.backends.offline_pictures import STYLES, OfflinePicture, draw_picture

SMALL = {"width": 256, "height": 256}


def pixels(pic: OfflinePicture) -> np.ndarray:
    im = Image.open(io.BytesIO(pic.png))
    assert im.mode == "RGB"
    return np.asarray(im, dtype=np.int16)


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        assert zlib.crc32(data[pos + 4:pos + 8 + length]) == crc
        kinds.append(kind)
        pos += 12 + length
    return kinds


def mean_diff(a: OfflinePicture, b: OfflinePicture) -> float:
    return float(np.abs(pixels(a) - pixels(b)).mean())


# ---- determinism and the picture itself ------------------------------------------------------------------------------
def test_same_arguments_give_the_same_bytes():
    kw = {"negative": "rain", "width": 320, "height": 240, "seed": 7, "style": "watercolour"}
    first = draw_picture("a red dragon over the sea at sunset", **kw)
    again = draw_picture("a red dragon over the sea at sunset", **kw)
    assert first.png == again.png
    assert first == again


def test_same_bytes_in_a_fresh_python_with_another_hash_seed():
    """Nothing may depend on set or dict order of strings, which changes from one Python to the next."""
    code = ("import sys; from kit.backends.offline_pictures import draw_picture; "
            "sys.stdout.buffer.write(draw_picture('兩隻紅色的貓同一條龍在海邊，黃昏', negative='people, dark', "
            "width=200, height=160, seed=5, style='oil painting').png)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=root)
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True,
                                   check=True, timeout=120).stdout)
    here = draw_picture("兩隻紅色的貓同一條龍在海邊，黃昏", negative="people, dark", width=200, height=160, seed=5,
                        style="oil painting").png
    assert outs[0] == outs[1] == here


def test_seed_changes_the_picture_and_none_means_zero():
    a = draw_picture("a cat and a tree in a garden", seed=1, **SMALL)
    b = draw_picture("a cat and a tree in a garden", seed=2, **SMALL)
    assert a.png != b.png
    assert mean_diff(a, b) > 5
    assert draw_picture("a cat", **SMALL).png == draw_picture("a cat", seed=0, **SMALL).png


@pytest.mark.parametrize("size", [(256, 256), (768, 1152), (1280, 720), (300, 200), (1440, 1440)])
def test_exact_size_rgb_png_without_metadata(size):
    pic = draw_picture("a girl with balloons in the park", width=size[0], height=size[1], seed=3)
    assert (pic.width, pic.height) == size
    im = Image.open(io.BytesIO(pic.png))
    im.load()
    assert im.size == size and im.mode == "RGB"
    assert set(png_chunks(pic.png)) == {b"IHDR", b"IDAT", b"IEND"}     # no time stamp, no text


@pytest.mark.parametrize("style", STYLES)
def test_every_style_keeps_the_size(style):
    pic = draw_picture("a dragon", width=300, height=200, style=style)
    assert pixels(pic).shape == (200, 300, 3)


def test_bad_size_and_bad_style_are_refused():
    with pytest.raises(ValueError):
        draw_picture("a cat", width=10, height=10)
    with pytest.raises(ValueError):
        draw_picture("a cat", style="glitter", **SMALL)


def test_the_offline_label_is_in_the_bottom_corner():
    pic = draw_picture("a black cat at night in a storm", width=512, height=512)
    a = pixels(pic)
    corner = a[-40:, -200:]
    elsewhere = a[-40:, :200]

    def light(block):
        return int((block.min(axis=2) > 215).sum())

    assert light(corner) > 300 and light(corner) > 5 * max(1, light(elsewhere))


def test_the_label_works_without_any_cjk_font(monkeypatch):
    label._cjk_source.cache_clear()
    label.cjk_font.cache_clear()
    monkeypatch.setattr(label, "CJK_FILES", ())
    try:
        pic = draw_picture("a cat", style="ink painting", **SMALL)
        assert pixels(pic).shape == (256, 256, 3)
    finally:
        label._cjk_source.cache_clear()
        label.cjk_font.cache_clear()


# ---- reading the prompt ------------------------------------------------------------------------------------------------
def test_english_understood_and_description():
    pic = draw_picture("An orange cat under the moon at night, in watercolour", **SMALL)
    assert pic.understood == ["orange", "cat", "moon", "night", "watercolour"]
    assert pic.not_understood == [] and pic.left_out == []
    assert pic.description == "An orange cat under the moon at night, in watercolour."


def test_unknown_words_are_reported_but_stop_words_are_not():
    pic = draw_picture("a fluffy cat with a zorblax on the beach", **SMALL)
    assert pic.understood == ["cat", "beach"]
    assert pic.not_understood == ["fluffy", "zorblax"]


def test_traditional_chinese_prompt():
    pic = draw_picture("兩隻紅色的貓在月亮下面跳舞", **SMALL)
    assert pic.understood == ["兩隻", "紅色", "貓", "月亮"]
    assert pic.not_understood == ["跳舞"]
    assert pic.description.startswith("Two red cats")
    hk = draw_picture("機械人同熊貓喺海底，水墨", **SMALL)
    assert hk.understood == ["機械人", "熊貓", "海底", "水墨"]
    assert "ink painting" in hk.description


def test_chinese_compounds_are_not_split_into_wrong_words():
    plan = read("恐龍和風箏")        # dinosaur holds 龍 (dragon); a kite holds 風 (wind)
    assert [s.concept for s in plan.subjects] == ["kite"]
    assert plan.weather == [] and plan.not_understood == ["恐龍"]


def test_mixed_english_and_chinese():
    pic = draw_picture("a 熊貓 in the 森林 at night", **SMALL)
    assert pic.understood == ["熊貓", "森林", "night"]


def test_style_from_the_prompt_is_the_same_as_the_style_argument():
    worded = draw_picture("a cat, pixel art", **SMALL)
    argued = draw_picture("a cat", style="pixel art", **SMALL)
    chinese = draw_picture("a cat", style="像素", **SMALL)
    assert worded.png == argued.png == chinese.png
    assert "pixel art" in worded.understood


def test_counts_are_drawn_and_capped_at_five():
    assert read("three birds").subjects[0].count == 3
    assert read("兩隻狗").subjects[0].count == 2
    assert read("ten cats").subjects[0].count == 5
    one = draw_picture("a cat", **SMALL)
    three = draw_picture("3 cats", **SMALL)
    assert three.description == "Three cats."
    assert three.understood == ["3", "cats"]
    assert mean_diff(one, three) > 3


def test_counted_cats_really_appear_side_by_side():
    """Orange fur shows up in as many separate columns as there are cats."""
    for n in (1, 2, 4):
        a = pixels(draw_picture(f"{n} orange cats in the snow", width=800, height=400, seed=2))
        orange = (a[..., 0] > 200) & (a[..., 1] > 110) & (a[..., 1] < 190) & (a[..., 2] < 110)
        cols = orange.sum(axis=0) > 3
        runs = int(np.sum(cols[1:] & ~cols[:-1]) + cols[0])
        assert runs >= n


# ---- what the picture looks like ---------------------------------------------------------------------------------------
def test_colour_words_colour_the_subject():
    red = pixels(draw_picture("a red cat", seed=4, **SMALL))
    blue = pixels(draw_picture("a blue cat", seed=4, **SMALL))

    def dominant(a, ch):
        others = [k for k in range(3) if k != ch]
        return int(((a[..., ch] > a[..., others[0]] + 60) & (a[..., ch] > a[..., others[1]] + 60)).sum())

    assert dominant(red, 0) > 3 * max(1, dominant(blue, 0))
    assert dominant(red, 0) > 1500
    reading = read("紅色的龍")
    assert reading.subjects[0].colours == ["red"]


def test_night_is_darker_than_day():
    day = pixels(draw_picture("a house in the day", **SMALL)).mean()
    night = pixels(draw_picture("a house at night", **SMALL)).mean()
    assert night < day - 40


def test_weather_and_mood_change_the_picture():
    base = draw_picture("a dog in the park", **SMALL)
    for extra in ("in the rain", "in the snow", "in a storm", "in the fog", "on a windy day", "sad", "scary"):
        changed = draw_picture(f"a dog in the park {extra}", **SMALL)
        assert mean_diff(base, changed) > 2, extra       # wind, the lightest, changes about 3


def test_each_style_looks_different():
    pics = {style: draw_picture("a cat and a dog in a garden", style=style, seed=5, **SMALL)
            for style in (None,) + STYLES}
    for (s1, a), (s2, b) in itertools.combinations(pics.items(), 2):
        assert mean_diff(a, b) > 6, (s1, s2)


def test_sketch_is_grey():
    a = pixels(draw_picture("a red dragon and a green tree", style="sketch", **SMALL))
    spread = a.max(axis=2) - a.min(axis=2)
    assert spread.mean() < 1.0 and np.percentile(spread, 99.5) <= 8


# ---- the negative prompt ---------------------------------------------------------------------------------------------
def test_negative_prompt_removes_people_and_rain():
    prompt = "a girl and a boy with a dog in the rain"
    kept = draw_picture(prompt, **SMALL)
    left = draw_picture(prompt, negative="people, text, rain", **SMALL)
    assert left.left_out == ["people", "text", "rain"]
    assert "girl" not in left.understood and "rain" not in left.understood and "dog" in left.understood
    assert left.description == "A dog."
    assert kept.png != left.png and mean_diff(kept, left) > 5


def test_negative_chinese_and_colours():
    pic = draw_picture("一隻貓同一隻狗", negative="狗", **SMALL)
    assert pic.left_out == ["狗"] and pic.understood == ["一隻", "貓"]
    car = read("a car", negative="red")
    assert car.left_out == ["red"]


def test_negative_dark_keeps_it_bright():
    dark = pixels(draw_picture("a spooky forest at night", **SMALL)).mean()
    bright_pic = draw_picture("a spooky forest at night", negative="dark", **SMALL)
    assert bright_pic.left_out == ["dark"]
    assert pixels(bright_pic).mean() > dark + 10


# ---- nothing understood ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("prompt", ["zorblax quibble", "", "!!!", "嘰哩咕嚕"])
def test_nothing_understood_still_gives_a_pleasant_picture(prompt):
    pic = draw_picture(prompt, **SMALL)
    a = pixels(pic)
    assert a.shape == (256, 256, 3)
    assert pic.understood == []
    assert a.std() > 20                                    # a real scene, not a blank
    assert "question mark" in pic.description


def test_styles_exported_for_the_kit():
    assert op.STYLES == ("watercolour", "sketch", "cartoon", "ink painting", "pixel art", "oil painting",
                         "crayon", "flat illustration")
    assert op.style_name("Watercolor") == "watercolour" and op.style_name("水墨") == "ink painting"
    assert op.style_name(None) is None


def words(text: str) -> list[str]:
    return text.split()


BRIEF_WORDS = words(
    "cat 貓 dog 狗 rabbit 兔 兔子 bird 鳥 fish 魚 dragon 龍 panda 熊貓 elephant 大象 robot 機械人 child girl boy kid "
    "小朋友 女孩 男孩 tree 樹 flower 花 house 屋 房子 castle 城堡 boat 船 car 車 rocket 火箭 butterfly 蝴蝶 star 星 "
    "sun 太陽 moon 月亮 cloud 雲 rainbow 彩虹 mountain 山 sea ocean 海 river 河 city buildings 城市 大廈 bridge 橋 "
    "balloon 氣球 morning dawn day sunset evening night 早上 白天 黃昏 日落 晚上 夜晚 sunny rainy rain snowy snow "
    "stormy thunder foggy misty windy 晴天 雨 雪 雷 霧 風 happy sad scary spooky calm peaceful exciting 開心 傷心 "
    "可怕 平靜 刺激 forest 森林 beach 沙灘 space 太空 underwater 海底 garden 花園 school 學校 park 公園 desert 沙漠 "
    "watercolour watercolor 水彩 sketch pencil 素描 cartoon 卡通 水墨 像素 油畫 crayon 蠟筆 平面"
)
BRIEF_PHRASES = ("outer space", "snow land", "ink painting", "chinese painting", "pixel art", "oil painting",
                 "flat illustration")


@pytest.mark.parametrize("word", [*BRIEF_WORDS, *BRIEF_PHRASES])
def test_every_word_of_the_brief_is_understood(word):
    plan = read(word)
    assert plan.understood == [word] and plan.not_understood == []


@pytest.mark.parametrize("colour", words("red orange yellow green blue purple pink brown black white grey gold "
                                         "紅 橙 黃 綠 藍 紫 粉紅 啡 黑 白 灰 金"))
def test_every_colour_of_the_brief_colours_a_subject(colour):
    plan = read(f"{colour} cat" if colour.isascii() else f"{colour}色的貓")
    assert len(plan.subjects) == 1 and len(plan.subjects[0].colours) == 1


# ---- flying, holding, colours on the right word, things to wear --------------------------------------------------
def subjects(prompt: str) -> dict:
    return {s.concept: s for s in read(prompt).subjects}


@pytest.mark.parametrize("prompt, holder", [
    ("a panda flying a kite", "panda"), ("children flying kites", "child"), ("a boy flying his red kite", "boy"),
    ("a dog with a kite on the beach", "dog"), ("放風箏的熊貓", "panda"), ("熊貓在公園放風箏", "panda"),
    ("一隻熊貓拿着紅色風箏在山上", "panda"),
    ("兩個小朋友放風箏", "child"),
])
def test_flying_a_kite_gives_a_kite_to_hold_not_wings(prompt, holder):
    found = subjects(prompt)
    assert "kite" in found and not found[holder].flying and found[holder].holding == "kite", prompt
    assert "flying" in draw_picture(prompt, **SMALL).description


@pytest.mark.parametrize("prompt, flier", [
    ("a flying cat", "cat"), ("a cat flying in the sky", "cat"), ("the dragon flies over the sea", "dragon"),
    ("a panda flying high above the city", "panda"), ("一隻在天空飛的熊貓", "panda"),
])
def test_flying_without_an_object_means_the_subject_flies(prompt, flier):
    found = subjects(prompt)
    assert found[flier].flying and not found[flier].holding, prompt


def test_a_held_kite_is_tied_to_its_holder():
    """The kite's string ends at the panda, not at the bottom edge of the picture."""
    from kit.backends.offline_art.scene import Scene
    plan = read("a panda flying a kite")
    scene = Scene(plan, 400, 400, 3, "soft")
    scene.paint()
    insts = scene.layout()
    kite = next(i for i in insts if i.concept == "kite")
    panda = next(i for i in insts if i.concept == "panda")
    assert kite.tether is not None and abs(kite.tether[0] - panda.x) < panda.size and kite.tether[1] < 400


@pytest.mark.parametrize("prompt, expected", [
    ("a small panda with a red scarf", {"panda": []}),
    ("a purple dragon with golden horns on a mountain", {"dragon": ["purple"], "mountain": []}),
    ("a big red dragon", {"dragon": ["red"]}), ("a red fluffy cat", {"cat": ["red"]}),
    ("red and gold balloons", {"balloon": ["red", "gold"]}),
    ("a cat with a red bicycle near a tree", {"cat": [], "tree": []}),
    ("戴紅色頸巾的小熊貓", {"panda": []}), ("一條紫色的龍，有金色的角，在山上", {"dragon": ["purple"], "mountain": []}),
    ("一隻紅色的大貓", {"cat": ["red"]}),
])
def test_a_colour_belongs_to_the_word_right_after_it(prompt, expected):
    plan = read(prompt)
    found = {s.concept: s.colours for s in plan.subjects}
    for concept, colours in expected.items():
        assert found[concept] == colours, (prompt, found)
    assert plan.free_colours == [] and plan.part_colours == {}


@pytest.mark.parametrize("prompt, phrase", [("a cat with a red bicycle near a tree", "red bicycle"),
                                            ("a dog with golden wings", "golden wings"),
                                            ("一隻貓，有紅色的尾巴", "紅色的尾巴")])
def test_a_colour_on_an_unknown_word_is_reported_with_it(prompt, phrase):
    pic = draw_picture(prompt, **SMALL)
    assert phrase in pic.not_understood
    assert not any(w in pic.understood for w in phrase.split())


def test_a_colour_that_stands_alone_still_tints_the_picture():
    assert read("a cat, in red and gold").free_colours == ["red", "gold"]
    assert read("the sky is pink").free_colours == ["pink"]
    assert read("a blue sky").part_colours == {"sky": "blue"}


def red_pixels(pic: OfflinePicture) -> int:
    a = pixels(pic)
    return int(((a[..., 0] > 170) & (a[..., 1] < 90) & (a[..., 2] < 100)).sum())


def test_a_red_scarf_does_not_make_the_panda_red():
    scarf = draw_picture("a small panda with a red scarf", seed=4, **SMALL)
    red_panda = draw_picture("a small red panda", seed=4, **SMALL)
    plain = draw_picture("a small panda", seed=4, **SMALL)
    assert red_pixels(plain) < red_pixels(scarf) < red_pixels(red_panda) / 3
    assert scarf.description == "A small panda with a red scarf."
    assert scarf.understood == ["small", "panda", "red", "scarf"] and scarf.not_understood == []
    zh = draw_picture("戴紅色頸巾的小熊貓", seed=4, **SMALL)
    assert zh.description == "A little panda with a red scarf." and zh.not_understood == []


@pytest.mark.parametrize("prompt, wearer, worn", [
    ("a cat wearing a blue hat", "cat", {"hat": "blue"}), ("a robot with horns", "robot", {"horns": None}),
    ("Lulu, a small purple dragon with golden horns", "dragon", {"horns": "gold"}),
    ("a girl and a dog wearing scarves", "dog", {"scarf": None}), ("一隻戴帽子的兔子", "rabbit", {"hat": None}),
])
def test_scarves_hats_and_horns_are_worn(prompt, wearer, worn):
    assert subjects(prompt)[wearer].accessories == worn
    plain = draw_picture(prompt.split(" with")[0].split(" wearing")[0], seed=2, **SMALL)
    dressed = draw_picture(prompt, seed=2, **SMALL)
    if "戴" not in prompt:
        assert mean_diff(plain, dressed) > 0.2 or worn == {"horns": "gold"}    # a dragon already has gold horns


def test_holding_and_wearing_are_described():
    assert draw_picture("a girl with balloons in the park", **SMALL).description == \
        "A girl holding three balloons in a park."
    assert draw_picture("a panda with a red kite on a mountain", **SMALL).description == \
        "A panda flying a red kite in front of a mountain."
    assert draw_picture("a girl with a red umbrella in the rain", **SMALL).description == \
        "A girl with a red umbrella in the rain."


def test_friends_are_more_than_one():
    assert subjects("a dragon and her friends")["child"].count == 2
    assert subjects("two kids")["child"].count == 2 and subjects("kids")["child"].count == 2


def test_picture_prompt_words_are_not_reported_as_unknown():
    """The offline writer's own additions (style, colours, light, "no text") read cleanly."""
    pic = draw_picture("a cat, picture-book style, soft pastel colours, soft light, warm and friendly mood, "
                       "high detail, no text", **SMALL)
    assert pic.not_understood == []
    zh = draw_picture("一隻貓，繪本風格，柔和的粉彩色，柔和的光線，溫暖友善的氣氛，高細節，不要文字", **SMALL)
    assert zh.not_understood == []
    assert all(s.family != "child" for s in read("picture-book style, 繪本風格").subjects)


@pytest.mark.parametrize("style", [None, "watercolour", "oil painting"])
def test_a_big_busy_picture_draws_everything_at_full_size(style):
    """A busy 1024 px picture in each style shows every subject (its speed is benchmark figure 4b, not a test)."""
    prompt = "a cat, a dog, a robot and a girl wearing hats and scarves flying kites in a park at sunset"
    pic = draw_picture(prompt, seed=1, width=1024, height=1024, style=style)
    assert pixels(pic).shape == (1024, 1024, 3)
    assert pic.not_understood == []
