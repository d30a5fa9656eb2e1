"""Checks and hints of lessons 03-05: each check passes a good answer, says "not yet" to a weak one and to the
placeholder, and every verdict and hint speaks both languages. Runs on the offline backend only."""

import re

import pytest

import kit
from kit import lessons
from kit.lessons import lesson_03, lesson_05

SIMPLIFIED = re.compile(r"[这们说为么图画来过还时书会个对让]")   # characters that only Simplified Chinese uses


@pytest.fixture(autouse=True)
def offline(tmp_path, monkeypatch):
    monkeypatch.setattr(lessons, "_hints_given", {})
    return kit.setup("offline", workdir=tmp_path, quiet=True)


def verdict(exercise_id, answer):
    result = kit.check(exercise_id, answer)
    assert result.verdict.en.strip() and result.verdict.zh.strip()
    assert re.search(r"[\u4e00-\u9fff]", result.verdict.zh)
    assert not SIMPLIFIED.search(result.verdict.zh), result.verdict.zh
    return result


def passes(exercise_id, answer):
    result = verdict(exercise_id, answer)
    assert result.ok, f"{exercise_id} should pass {answer!r}: {result.verdict.en}"
    return result


def fails(exercise_id, answer, *words):
    result = verdict(exercise_id, answer)
    assert not result.ok, f"{exercise_id} should not pass {answer!r}"
    for word in words:
        assert word.lower() in result.verdict.en.lower(), result.verdict.en
    return result


@pytest.mark.parametrize("exercise_id", ["3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"])
@pytest.mark.parametrize("placeholder", ["✏️ Write your prompt here", "✏️ 在這裡寫你的提示詞", "", "   "])
def test_placeholder_is_a_kind_not_yet(exercise_id, placeholder):
    result = fails(exercise_id, placeholder)
    assert "not yet" in result.verdict.en.lower() and "未完成" in result.verdict.zh


# --- 3.1 · An outline as a numbered list ---------------------------------------------------------------------

@pytest.mark.parametrize("prompt", [
    ("Write an outline for a story about a lost kitten on Cheung Chau, as a numbered list of 3 parts: beginning, "
    "middle and end."),
    "Give me an outline of a story about a robot who is scared of the dark, in five parts.",
    "Plan a story about a dragon at the Peak as bullet points: beginning, middle, end.",
    "寫一個故事大綱：一隻小貓在長洲迷了路。用編號清單，分三部分：開頭、中間、結局。",
    "用清單列出一個故事的四個部分：一隻怕水的鴨子在海洋公園。",
])
def test_3_1_passes_an_outline_prompt(prompt):
    passes("3.1", prompt)


def test_3_1_not_yet_without_a_shape():
    fails("3.1", "Write a story about a lost kitten on Cheung Chau.", "outline")


def test_3_1_nearly_without_a_number_of_parts():
    fails("3.1", "Write an outline for a story about a lost kitten on Cheung Chau.", "how many parts")


def test_3_1_not_yet_without_a_topic():
    fails("3.1", "An outline, as a numbered list of 3 parts.", "what the story is about")
    fails("3.1", "大綱，用編號清單，分三部分。")


def test_3_1_reads_a_reply_as_its_prompt():
    reply = kit.ask("Write an outline for a story about a panda in Mong Kok, as a numbered list of 3 parts.")
    passes("3.1", reply)


# --- 3.2 · JSON with named keys ----------------------------------------------------------------------------

@pytest.mark.parametrize("prompt, keys", [
    (("Plan a story about a robot who is scared of the dark. Reply only in JSON with the keys title, hero, place "
     "and problem."), ["title", "hero", "place", "problem"]),
    ("Reply in JSON with a title and a hero for a story about a fox in Sai Kung.", ["title", "hero"]),
    ('Plan a story about a shy whale as JSON like {"title": "...", "pages": ["..."]}', ["title", "pages"]),
    ("計劃一個故事：一個怕黑的機械人。只用 JSON 回覆，包括 title、hero、place 和 problem 這幾個鍵。",
     ["title", "hero", "place", "problem"]),
    ("用 JSON 格式計劃一個故事，主角是一隻勇敢的貓，包括書名、主角、地點和難題。", ["書名", "主角", "地點", "難題"]),
])
def test_3_2_passes_json_with_keys(prompt, keys):
    assert lesson_03.named_keys(prompt) == keys
    result = passes("3.2", prompt)
    assert keys[0] in result.verdict.en


def test_3_2_not_yet_without_json():
    fails("3.2", "Plan a story about a brave cat with a title, a hero and a place.", "json")


def test_3_2_nearly_without_keys():
    fails("3.2", "Write a story about a brave cat in Mong Kok in JSON.", "keys")
    fails("3.2", "用 JSON 寫一個關於勇敢小貓的故事。")


def test_3_2_a_reply_that_parses_passes():
    reply = kit.ask("Plan a story about a brave cat in Mong Kok. Reply only in JSON with the keys title, hero, "
                    "place and problem.")
    result = passes("3.2", reply)
    assert "real JSON" in result.verdict.en


def test_3_2_a_reply_that_is_not_json_is_not_yet():
    class FakeReply:
        prompt = "Plan a story about a cat. Reply only in JSON with the keys title and hero."
        text = "Sure! Here is a lovely story plan about a cat."

    fails("3.2", FakeReply(), "not clean JSON")


def test_parse_json_reply_allows_fences_and_chatter():
    assert lesson_03.parse_json_reply('```json\n{"title": "A"}\n```') == {"title": "A"}
    assert lesson_03.parse_json_reply('Here you are: {"title": "A"} Enjoy!') == {"title": "A"}
    assert lesson_03.parse_json_reply("no json here") is None


# --- 3.3 · Few-shot examples -----------------------------------------------------------------------------------

@pytest.mark.parametrize("prompt", [
    "Fun names, like my examples. cat → Captain Whiskers. panda → Professor Bao Bao. dragon →",
    ("Plain: The cat sat. Exciting: Whoosh! Mimi leapt onto the shelf. Plain: The bus came. Exciting: Vroom! "
    "The red bus zoomed past. Plain: The dragon flew. Exciting:"),
    "cat = Captain Whiskers, panda = Professor Bao. Now one for a dragon.",
    ('Write a character card for a dragon in JSON, like these examples: {"hero": "Mimi", "animal": "cat"} '
    '{"hero": "Bao", "animal": "panda"}'),
    "學我的例子，改有趣的名字。貓 → 威威隊長。熊貓 → 包包教授。龍 →",
    "平淡：貓坐下。精彩：嗖！咪咪一躍跳上書架。平淡：巴士來了。精彩：轟！巴士飛快轉彎。平淡：龍飛走了。精彩：",
])
def test_3_3_passes_two_examples_and_an_open_one(prompt):
    result = passes("3.3", prompt)
    assert "2" in result.verdict.en


def test_3_3_nearly_with_one_example():
    fails("3.3", "Fun names. cat → Captain Whiskers. dragon →", "second")


def test_3_3_not_yet_without_examples():
    fails("3.3", "Make up a fun name for my dragon.", "examples")
    fails("3.3", "Write a story: a dragon at 3:30 in Central.", "examples")


def test_3_3_nearly_when_nothing_is_left_for_qwen():
    fails("3.3", "cat → Captain Whiskers. panda → Professor Bao Bao.", "new one")


# --- 4.1 · Subject, setting, style -----------------------------------------------------------------------------

@pytest.mark.parametrize("prompt", [
    "a happy orange cat on the Star Ferry at sunset, watercolour",
    "a pangolin in a cha chaan teng, pixel art",
    "red kite over Lion Rock, crayon",
    "一隻開心的橙色貓，黃昏時坐在天星小輪上，水彩畫",
    "穿山甲在茶餐廳，像素畫",
])
def test_4_1_passes_a_full_recipe(prompt):
    passes("4.1", prompt)


@pytest.mark.parametrize("prompt, missing", [
    ("a cat in a forest", "style"),
    ("a cat with a hat in watercolour", "setting"),
    ("in a forest, watercolour", "subject"),
    ("貓咪在森林裏", "style"),
    ("在森林裏，水彩", "subject"),
])
def test_4_1_names_the_missing_part(prompt, missing):
    fails("4.1", prompt, missing)


def test_4_1_too_short():
    fails("4.1", "dragon", "short")


def test_4_1_counts_the_style_of_a_picture():
    picture = kit.draw("a cat in a forest", style="watercolour", size="small", seed=1)
    passes("4.1", picture)


# --- 4.2 · A negative prompt --------------------------------------------------------------------------------------

def test_4_2_passes_a_picture_with_a_negative_prompt():
    rabbit = kit.draw("a white rabbit in a sunny meadow, crayon", negative="clouds", size="small", seed=5)
    result = passes("4.2", rabbit)
    assert "left out: clouds" in result.verdict.en        # the offline card says what it left out


def test_4_2_passes_in_chinese():
    rabbit = kit.draw("一隻白兔在晴天的草地上，蠟筆畫", negative="雲", size="small", seed=5)
    result = passes("4.2", rabbit)
    assert "雲" in result.verdict.zh


def test_4_2_not_yet_without_a_negative_prompt():
    fails("4.2", kit.draw("a white rabbit in a sunny meadow", size="small", seed=5), "no negative prompt")


def test_4_2_not_yet_when_the_prompt_asks_for_it_too():
    picture = kit.draw("a rabbit under fluffy clouds", negative="clouds", size="small", seed=5)
    fails("4.2", picture, "mixed messages")
    fails("4.2", kit.draw("一隻兔在雲下面", negative="雲", size="small", seed=5), "mixed messages")


def test_4_2_a_no_gets_a_tip():
    result = passes("4.2", "no clouds, no rain")
    assert "tip" in result.verdict.en.lower() and "clouds" in result.verdict.en


def test_4_2_placeholder_picture():
    picture = kit.draw("a white rabbit", negative="✏️ things to leave out", size="small", seed=5)
    fails("4.2", picture, "not yet")


# --- 4.3 · A wide banner ----------------------------------------------------------------------------------------

def test_4_3_passes_a_landscape_picture():
    banner = kit.draw("two children and their kites at the beach on a windy day, crayon", size="landscape", seed=3)
    result = passes("4.3", banner)
    assert "1280×720" in result.verdict.en


def test_4_3_passes_a_chinese_size_name():
    banner = kit.draw("龍舟在河上比賽，日出，卡通", size="橫向", seed=8)
    passes("4.3", banner)
    passes("4.3", "landscape")


def test_4_3_not_yet_for_a_square_or_tall_picture():
    fails("4.3", kit.draw("a kite at the beach", size="small", seed=3), "square")
    fails("4.3", kit.draw("a kite at the beach", size="portrait", seed=3), "tall")
    fails("4.3", "portrait", "tall")


def test_4_3_not_yet_for_the_placeholder_picture():
    fails("4.3", kit.draw("✏️ What does your banner show?", size="small"), "✏️")


def test_4_3_not_yet_for_something_else():
    fails("4.3", 42, "picture")
    fails("4.3", "enormous", "kit.SIZES")


# --- 5.1 · A character sheet ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sheet", [
    "Lulu, a small purple dragon with golden horns",
    "Pip, a tiny blue robot with a yellow backpack and round glasses",
    "a girl with a red scarf and curly hair",
    "露露，一條細小的紫色龍，有金色的角",
    "波波，一個細小的藍色機械人，背着黃色背囊，戴着圓圓的眼鏡",
])
def test_5_1_passes_a_character_sheet(sheet):
    passes("5.1", sheet)


def test_5_1_without_a_name_gets_a_tip():
    result = passes("5.1", "a small purple dragon with golden horns")
    assert "name" in result.verdict.en


def test_5_1_nearly_without_a_colour():
    fails("5.1", "Lulu, a small dragon with big horns and a long tail", "colour")
    fails("5.1", "露露，一條細小的龍，有大大的角", "colour")


def test_5_1_nearly_without_looks():
    fails("5.1", "Max loves pizza and the colour red a lot", "looks like")


def test_5_1_too_short():
    fails("5.1", "blue", "more")


def test_5_1_a_time_of_day_is_not_a_colour():
    assert lesson_05.sheet_parts("黃昏時的小狗")["colour"] == []


# --- 5.2 · Asking Qwen for the picture prompt --------------------------------------------------------------------

HERO = "Pip, a tiny blue robot with a yellow backpack"
PAGE = "Our hero finds a lost kitten in the rain and takes it home."


def test_5_2_passes_a_full_request():
    passes("5.2", "Write an image prompt for this page: " + PAGE + " Character: " + HERO)
    passes("5.2", "為這一頁寫一個圖像提示詞：主角在雨中找到一隻迷路的小貓，帶牠回家。角色：波波，一個細小的藍色機械人")


def test_5_2_reads_a_reply_as_its_prompt():
    reply = kit.ask("Write an image prompt for this page: " + PAGE + " Character: " + HERO, seed=1)
    passes("5.2", reply)
    assert "blue robot" in reply.text    # the practice model keeps the character sheet


def test_5_2_variable_names_inside_the_quotes():
    fails("5.2", "Write an image prompt for this page: page_text Character: my_hero", "outside the quotes")


def test_5_2_not_yet_without_asking_for_a_picture_prompt():
    fails("5.2", PAGE + " " + HERO, "image prompt")


def test_5_2_nearly_without_the_character_sheet():
    fails("5.2", "Write an image prompt for this page: " + PAGE, "character sheet")


def test_5_2_nearly_without_the_page():
    fails("5.2", "Write an image prompt. Character: " + HERO, "page")


def test_5_2_unfinished_hero_points_back_to_5_1():
    fails("5.2", "Write an image prompt for this page: " + PAGE + " Character: ✏️ Describe how your hero looks",
          "5.1")


# --- 5.3 · Three pages, one look ----------------------------------------------------------------------------------

def _pages(hero=HERO, styles=("watercolour",) * 3, seeds=(11, 11, 11)):
    scenes = [", waking up on a mountain at sunrise", ", having a picnic in the park", ", on a boat at night"]
    return [kit.draw(hero + scene, style=style, seed=seed, size="small")
            for scene, style, seed in zip(scenes, styles, seeds)]


def test_5_3_passes_locked_pages():
    result = passes("5.3", _pages())
    assert "watercolour" in result.verdict.en and "水彩" in result.verdict.zh and "11" in result.verdict.en


def test_5_3_chinese_style_name_is_locked_too():
    passes("5.3", _pages("波波，一個細小的藍色機械人", styles=("水彩",) * 3))


def test_5_3_not_yet_when_nothing_is_locked():
    fails("5.3", _pages(styles=(None,) * 3, seeds=(None,) * 3), "no style")


def test_5_3_not_yet_with_different_styles():
    fails("5.3", _pages(styles=("watercolour", "pixel art", "watercolour")), "different styles")


def test_5_3_nearly_with_different_seeds():
    fails("5.3", _pages(seeds=(11, 12, 13)), "seeds are different")


def test_5_3_not_yet_without_a_shared_character_sheet():
    pages = [kit.draw(prompt, style="watercolour", seed=11, size="small")
             for prompt in ("a dragon at sunrise", "Pip the robot in a park", "a cat on a boat")]
    fails("5.3", pages, "character sheet")


def test_5_3_not_yet_for_one_picture_or_text():
    fails("5.3", _pages()[0], "list")
    fails("5.3", ["page one", "page two"], "list")


def test_5_3_unfinished_hero_points_back_to_5_1():
    fails("5.3", _pages(hero="✏️ Describe how your hero looks"), "5.1")


# --- hints ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", ["3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"])
def test_hints_go_from_gentle_to_nearly_the_answer(exercise_id):
    total = len(lessons.EXERCISES[exercise_id].hints)
    assert 2 <= total <= 4
    seen = []
    for number in range(1, total + 2):             # one extra: the last hint repeats, it never runs out
        hint = kit.hint(exercise_id)
        assert hint.number == min(number, total) and hint.total == total
        assert hint.en.strip() and re.search(r"[\u4e00-\u9fff]", hint.zh) and not SIMPLIFIED.search(hint.zh)
        seen.append(hint.en)
    assert len(set(seen)) == total
    assert seen[-1] == seen[-2]
    assert any(word in seen[total - 1] for word in ("Try", "Change"))     # the last hint nearly gives the answer


def test_the_last_hint_passes_its_own_check():
    """The "Try: ..." hint of each text exercise is itself a passing answer."""
    for exercise_id in ("3.1", "3.2", "3.3", "4.1", "5.1"):
        last_en, last_zh = lessons.EXERCISES[exercise_id].hints[-1]
        for text in (last_en, last_zh):
            example = re.search(r"[\"「](.+)[\"」]", text.split("=", 1)[-1] if "my_hero" in text else text).group(1)
            assert kit.check(exercise_id, example).ok, (exercise_id, example)
