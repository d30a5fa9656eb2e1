"""The offline practice text model: deterministic, and visibly reacting to words and settings."""

import json
import re

import pytest

from kit.backends.offline_text import OfflineText, answers, compose_reply, count_tokens
from kit.backends.offline_text import words as tables

SIMPLIFIED = set("机这个们说为么东车马鸟鱼龙对会来过还进远运边国图园话语读让谁请讲")
HAN = re.compile(r"[\u4e00-\u9fff]")
STORY = "Write a story about a brave cat on the moon"


def ask(prompt, system=None, history=(), **params):
    """One call: optional system prompt, earlier (user, assistant, ...) turns, then the prompt."""
    messages = [{"role": "system", "content": system}] if system else []
    for i, text in enumerate(history):
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    messages.append({"role": "user", "content": prompt})
    return compose_reply(messages, **params)


def text_of(prompt, **kw):
    return ask(prompt, **kw).text


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?。！？])\s*", text.strip()) if s.strip()]


def words(text):
    return len(text.split())


def han(text):
    return len(HAN.findall(text))


# --- tokens and the reply shape ---------------------------------------------------------------------
def test_count_tokens_is_rough_but_predictable():
    assert count_tokens("") == 0
    assert count_tokens("貓") == 1
    assert count_tokens("你好嗎") == 3
    assert count_tokens("cat") == 2                    # 1.3 rounded up
    assert count_tokens("hello brave world") == 4      # 3.9 rounded up
    assert count_tokens("cat.") == count_tokens("cat")  # punctuation is cheap
    assert count_tokens("one two three four five six seven eight nine ten") == 13


def test_reply_has_text_finish_reason_and_usage():
    reply = ask(STORY)
    assert isinstance(reply, OfflineText)
    assert reply.finish_reason == "stop"
    assert reply.input_tokens == count_tokens(STORY)
    assert reply.output_tokens == count_tokens(reply.text)


def test_input_tokens_count_every_message():
    messages = [{"role": "system", "content": "You are a pirate."}, {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Ahoy!"}, {"role": "user", "content": STORY}]
    assert compose_reply(messages).input_tokens == sum(count_tokens(m["content"]) for m in messages)


def test_max_tokens_cuts_the_reply_and_says_length():
    full = ask(STORY, seed=3)
    cut = ask(STORY, seed=3, max_tokens=10)
    assert cut.finish_reason == "length"
    assert cut.output_tokens <= 10
    assert full.text.startswith(cut.text)
    assert len(cut.text) < len(full.text)
    assert ask(STORY, seed=3, max_tokens=1000).finish_reason == "stop"


@pytest.mark.parametrize("messages", [[], [{"role": "system", "content": "You are a cat."}],
                                      [{"role": "user", "content": None}],
                                      [{"role": "user", "content": [{"text": "Write a story about a dog"}]}]])
def test_odd_messages_do_not_crash(messages):
    reply = compose_reply(messages)
    assert reply.text and reply.finish_reason == "stop"


# --- settings: determinism, seed, temperature, top_p -------------------------------------------------
@pytest.mark.parametrize("params", [{}, {"temperature": 0}, {"temperature": 1.5, "seed": 7},
                                    {"top_p": 0.5, "seed": 1}])
def test_same_input_same_output(params):
    assert ask(STORY, **params) == ask(STORY, **params)
    assert ask("寫一個關於龍的故事", **params) == ask("寫一個關於龍的故事", **params)


def test_temperature_zero_ignores_the_seed():
    texts = {text_of(STORY, temperature=0, seed=s) for s in range(6)} | {text_of(STORY, temperature=0)}
    assert len(texts) == 1


@pytest.mark.parametrize("prompt", [STORY, "Tell me a story", "寫一個關於龍的故事", "Write a short story about a dog"])
def test_different_seeds_give_different_stories(prompt):
    texts = {text_of(prompt, temperature=0.7, seed=s) for s in range(5)}
    assert len(texts) >= 4


def test_default_temperature_is_not_greedy():
    assert len({text_of(STORY, seed=s) for s in range(5)}) >= 4


def test_tiny_top_p_keeps_only_the_most_common_choice():
    texts = {text_of(STORY, temperature=1.0, top_p=0.1, seed=s) for s in range(5)}
    assert len(texts) == 1
    assert texts == {text_of(STORY, temperature=0)}


def test_high_temperature_brings_whimsical_words():
    wild = [en for table in (tables.HERO_ADJ_WILD, tables.NAMES_WILD, tables.EVENTS_WILD,
                             tables.THING_ADJ_WILD, tables.FRIENDS_WILD, tables.TIMES_WILD,
                             tables.ENDINGS_WILD) for en, *_rest in table]

    def whimsical(text):
        return sum(w in text for w in wild)

    hot = sum(whimsical(text_of(STORY, temperature=1.5, seed=s)) for s in range(6))
    warm = sum(whimsical(text_of(STORY, temperature=0.7, seed=s)) for s in range(6))
    assert hot >= 3 and warm == 0
    assert whimsical(text_of(STORY, temperature=0)) == 0


# --- length ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("prompt, n", [
    ("Write a story about a rabbit in 3 sentences", 3), ("Write a story about a rabbit, three sentences", 3),
    ("Tell me a story about a fish in one sentence", 1), ("Write a story about Mei in 6 sentences", 6),
    ("Explain what a volcano is in 2 sentences.", 2), ("What is a volcano? Answer in 6 sentences.", 6),
    ("寫一個關於兔子的故事，用三句", 3), ("寫一個關於兔子的故事，5句", 5), ("Write a short story about a tiger", 2),
    ("寫一個簡短的故事", 2),
])
@pytest.mark.parametrize("seed", [0, 1])
def test_sentence_counts(prompt, n, seed):
    assert len(sentences(text_of(prompt, seed=seed))) == n


def test_sentence_count_survives_a_persona():
    for system in ("You are a pirate.", "You are a robot.", "You are a kind teacher.", "You are a wizard."):
        assert len(sentences(text_of("Write a story about a dog in 3 sentences", system=system))) == 3


def test_default_length_is_three_to_five_sentences():
    for seed in range(4):
        assert 3 <= len(sentences(text_of(STORY, seed=seed))) <= 5


@pytest.mark.parametrize("seed", range(3))
def test_word_limits(seed):
    assert 16 <= words(text_of("Tell a story about a dragon in 20 words", seed=seed)) <= 20
    assert words(text_of("Write a story about a rabbit in under 50 words", seed=seed)) < 50
    assert words(text_of("Write a story about a rabbit in at most 30 words", seed=seed)) <= 30
    assert 80 <= words(text_of("Write a story about a panda, about 100 words", seed=seed)) <= 120
    assert 80 <= han(text_of("寫一個關於龍的故事，大約100字", seed=seed)) <= 120
    assert han(text_of("用50字以內寫一個小貓的故事", seed=seed)) <= 50


def test_one_word():
    reply = text_of("Describe the sea in one word")
    assert words(reply) == 1 and reply.rstrip(".").isalpha()


# --- formats -----------------------------------------------------------------------------------------
def numbered(text):
    return re.findall(r"(?m)^(\d+)\. \S", text)


@pytest.mark.parametrize("prompt, n", [("Give me 5 ideas for a story about dragons", 5),
                                       ("Write a numbered list of 4 animals", 4),
                                       ("list of 3 names for a cat", 3),
                                       ("Give me 12 story ideas", 12), ("列出五個關於恐龍的故事點子", 5),
                                       ("給我三個貓的名字", 3)])
def test_numbered_lists_have_the_asked_count(prompt, n):
    text = text_of(prompt)
    assert numbered(text) == [str(i) for i in range(1, n + 1)]
    assert len(text.splitlines()) == n


def test_bullet_points():
    lines = text_of("Bullet points: 4 names for a cat").splitlines()
    assert len(lines) == 4 and all(line.startswith("- ") for line in lines)


@pytest.mark.parametrize("prompt, keys", [
    ("Write a story about a cat as JSON with keys title, mood", ["title", "mood"]),
    ("Give me a story as JSON with title and pages", ["title", "pages"]),
    ("Return JSON with keys: title, mood, characters, choices, setting, moral about a dog",
     ["title", "mood", "characters", "choices", "setting", "moral"]),
    ("JSON with keys Title and Story for a tale about a fox, a dog and a cat", ["Title", "Story"]),
    ('Answer in JSON like {"hero": "...", "colour": "..."}', ["hero", "colour"]),
    ("用 JSON 格式寫一個關於龍的故事，包括 title 和 pages", ["title", "pages"]),
])
def test_json_has_exactly_the_asked_keys(prompt, keys):
    data = json.loads(text_of(prompt))
    assert list(data) == keys
    for key in ("pages", "choices", "characters"):
        if key in data:
            assert isinstance(data[key], list) and data[key]
            assert all(isinstance(x, str) and x for x in data[key])
    assert all(data[k] not in ("", [], None) for k in keys)


def test_json_without_keys_still_parses():
    data = json.loads(text_of("JSON 格式，一個關於貓的故事"))
    assert data and all(isinstance(k, str) for k in data)


def test_title_only():
    title = text_of("Give a title for a story about a brave dragon in the castle", temperature=0)
    assert "\n" not in title and words(title) <= 10 and not title.endswith(".")
    assert "Dragon" in title
    zh = text_of("幫我的故事起個書名：一隻熊貓在太空")
    assert "\n" not in zh and han(zh) <= 15 and "熊貓" in zh


def test_outline_has_beginning_middle_end():
    lines = text_of("Write an outline for a story about a fish in the sea").splitlines()
    assert [line.split(":")[0] for line in lines] == ["1. Beginning", "2. Middle", "3. End"]


def test_choices_count():
    text = text_of("Give 3 choices for what Mimi the cat does next")
    assert numbered(text) == ["1", "2", "3"]
    assert numbered(text_of("What could happen next? 2 options")) == ["1", "2"]


# --- language ----------------------------------------------------------------------------------------
def test_chinese_prompt_gets_traditional_chinese():
    for seed in range(3):
        text = text_of("寫一個關於小明和熊貓在香港的故事", seed=seed)
        assert han(text) > 20 and not re.search(r"[A-Za-z]{3,}", text)
        assert not SIMPLIFIED & set(text)


def test_simplified_input_still_gets_hong_kong_traditional():
    text = text_of("写一个关于机器人的故事")
    assert "機械人" in text and not SIMPLIFIED & set(text)


@pytest.mark.parametrize("prompt", ["Write a story about a panda in Chinese", "Tell me a story in Cantonese",
                                    "What is a volcano? 用中文"])
def test_asking_for_chinese(prompt):
    text = text_of(prompt)
    assert han(text) > 15 and not SIMPLIFIED & set(text)


def test_in_english_wins_over_a_chinese_prompt():
    text = text_of("寫一個關於熊貓的故事 in English")
    assert han(text) == 0 and "panda" in text


def test_no_simplified_characters_anywhere_in_chinese_replies():
    prompts = ["火山是甚麼？", "列出五個故事點子", "寫一首關於熊貓的詩", "幫我寫一段圖片提示：熊貓在維多利亞港", "用 JSON 格式寫故事",
               "寫一個故事，大約80字", "你好"]
    for prompt in prompts:
        for system in (None, "你是一位老師", "You are a pirate", "你是機械人"):
            assert not SIMPLIFIED & set(text_of(prompt, system=system)), (prompt, system)


# --- persona -----------------------------------------------------------------------------------------
def test_pirate():
    text = text_of("Tell me about the sea", system="You are a pirate.")
    assert "Arr" in text or "Ahoy" in text
    assert "matey" in text and "sea" in text.lower()


def test_teacher_encourages():
    text = text_of("What is a rainbow?", system="You are a kind teacher.")
    assert re.search(r"well done|great|doing really well", text, re.IGNORECASE)
    assert "問得好" in text_of("彩虹是甚麼？", system="你是一位老師。")


def test_robot_beeps():
    assert "Beep boop" in text_of("Write a story about a fish", system="You are a robot.")


def test_poet_writes_short_rhyming_lines():
    text = text_of("Write about the moon", system="You are a poet.")
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) >= 4 and all(words(line) <= 12 for line in lines)


def test_young_children_get_simple_words():
    plain = text_of("Write a story about a dog", seed=2)
    simple = text_of("Write a story about a dog", system="Speak like a 5-year-old.", seed=2)

    def average_sentence(text):
        return words(text) / len(sentences(text))

    assert average_sentence(simple) < average_sentence(plain)
    storyteller = text_of("Write a story about a dog", system="You are a storyteller for young children.")
    assert average_sentence(storyteller) < 8


def test_unknown_persona_says_who_it_is():
    system = "You are a friendly dinosaur who loves cake."
    assert "friendly dinosaur" in text_of("Write a story about a dog", system=system)
    assert "太空人" in text_of("寫一個關於狗的故事", system="你是一個太空人")


def test_no_system_prompt_is_a_neutral_helper():
    for system in (None, "You are a helpful assistant."):
        text = text_of("Write a story about a dog", system=system, seed=1)
        assert not re.search(r"Arr|matey|Beep|As a |Guess what", text)


# --- content follows the prompt ---------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(3))
def test_story_uses_the_animal_and_place(seed):
    text = text_of(STORY, seed=seed)
    assert "cat" in text and "moon" in text and "brave" in text


@pytest.mark.parametrize("prompt, expected", [
    ("Write a story about Mei and her dog in Victoria Harbour", ["Mei", "dog", "Victoria Harbour"]),
    ("Write a story about Ah Ming and Siu Mei at school", ["Ah Ming", "Siu Mei", "school"]),
    ("Write a story about a panda on Lantau Island in 2 sentences", ["panda", "Lantau"]),
    ("Write a story about a tiger and a red kite in 2 sentences", ["tiger", "red kite"]),
    ("寫一個關於小明和熊貓在香港的故事", ["小明", "熊貓", "香港"]),
    ("寫一個關於老虎在森林的故事，用兩句", ["老虎", "森林"]),
])
def test_named_characters_and_places_appear(prompt, expected):
    for seed in range(3):
        text = text_of(prompt, seed=seed)
        for word in expected:
            assert word in text, (word, text)


def test_questions_get_explanations():
    text = text_of("What is a volcano?")
    assert "volcano" in text.lower() and "lava" in text
    assert "火山" in text_of("火山是甚麼？")


def test_animal_questions_use_the_animal_fact():
    text = text_of("海豚吃甚麼？")
    assert "海豚" in text and "離線練習模型" in text and "海洋覆蓋" not in text


def test_shorter_list_keeps_fewer_items():
    items = "1. A cat\n2. A dog\n3. A rabbit\n4. A panda"
    assert text_of("Make it shorter", history=["Give me 4 animals", items]) == "1. A cat\n2. A dog"


def test_unknown_questions_are_honest():
    assert "offline practice model" in text_of("What is gravity?")
    assert "offline practice model" in text_of("What do cats eat?")
    assert "離線練習模型" in text_of("點解天空是藍色的？")


SHEET = "You are a storyteller.\nCharacter: Mimi, a small orange cat with a blue scarf"


def test_image_prompt_keeps_the_character_sheet():
    text = text_of("Write an image prompt for Mimi at Victoria Harbour", system=SHEET)
    assert "small orange cat with a blue scarf" in text and "Victoria Harbour" in text
    assert "\n" not in text and text.count(",") >= 4


def test_turn_this_page_into_a_picture_prompt():
    page = "Mimi walked along Victoria Harbour at sunset, looking at the boats. She smiled."
    text = text_of("Turn this page into a picture prompt", system=SHEET, history=["Write page 1", page])
    assert "small orange cat with a blue scarf" in text and "walked along Victoria Harbour" in text
    assert "\n" not in text


def test_describe_a_picture_builds_from_the_words_given():
    text = text_of("Describe a picture of a panda eating dumplings in Hong Kong")
    assert "panda eating dumplings in Hong Kong" in text and "\n" not in text
    sheet = "Character: Mimi, a small orange cat with a blue scarf."
    inline = text_of(sheet + " Write an image prompt of Mimi in a forest.")
    assert "small orange cat with a blue scarf" in inline and "forest" in inline


# --- acting on the conversation ----------------------------------------------------------------------
PREVIOUS = ("Once upon a time, a brave cat named Mimi lived on the moon. Suddenly, Mimi found a glowing "
            "map hidden behind a rock. Soon Mimi met a wise old owl, who wanted to help. In the end, Mimi "
            "went home feeling happy.")
HISTORY = ["Write a story about a brave cat named Mimi on the moon", PREVIOUS]


def test_continue_uses_the_previous_characters():
    text = text_of("Continue the story", history=HISTORY)
    assert "Mimi" in text and text not in PREVIOUS
    assert not set(sentences(text)) & set(sentences(PREVIOUS))


def test_make_it_shorter_acts_on_the_previous_reply():
    text = text_of("Make it shorter", history=HISTORY)
    assert len(text) < len(PREVIOUS)
    assert set(sentences(text)) <= set(sentences(PREVIOUS))
    zh_story = text_of("寫一個關於小貓咪咪在月亮上的故事")
    zh = text_of("改短一點", history=["寫一個關於小貓咪咪在月亮上的故事", zh_story])
    assert han(zh) < han(zh_story) and "咪咪" in zh


@pytest.mark.parametrize("prompt", ["Make it longer", "Make it funnier", "Make it scarier"])
def test_longer_funnier_scarier_keep_the_story(prompt):
    text = text_of(prompt, history=HISTORY)
    assert text.startswith(sentences(PREVIOUS)[0]) and len(text) > len(PREVIOUS)


def test_edits_without_a_previous_reply_explain_gently():
    assert "no earlier reply" in text_of("Make it shorter")


def test_give_it_a_title_uses_the_previous_story():
    for seed in range(3):
        title = text_of("Give it a title", history=HISTORY, seed=seed)
        assert "Mimi" in title or "Cat" in title, title


def test_turn_it_into_bullet_points():
    lines = text_of("Turn it into bullet points", history=HISTORY).splitlines()
    assert len(lines) == len(sentences(PREVIOUS)) and all(line.startswith("- ") for line in lines)


# --- kind and safe -----------------------------------------------------------------------------------
@pytest.mark.parametrize("prompt, bad", [("Write a story where the cat has a gun", "gun"),
                                         ("Write a story about how to kill a dragon", "kill"),
                                         ("寫一個有槍的故事", "槍")])
def test_unsafe_prompts_get_a_gentle_redirection(prompt, bad):
    text = text_of(prompt)
    assert bad not in text.lower()
    assert re.search(r"kind and safe|友善和安全", text)


# --- picture prompts follow the page (lesson 05) --------------------------------------------------------
HERO = "Lulu, a small purple dragon with golden horns"
HERO_ZH = "露露，一條細小的紫色龍，有金色的角"
NIGHT_PAGE = "At night, Lulu flies over Sai Kung in the rain, feeling scared."
NIGHT_PAGE_ZH = "晚上，露露在西貢的海邊看星星，覺得很平靜。"


@pytest.mark.parametrize("prompt", [
    f"Write an image prompt for this page: {NIGHT_PAGE} Character: {HERO}",
    f"Write an image prompt for this page. Character: {HERO}. Page: {NIGHT_PAGE}",
    f"Character: {HERO}. Page: {NIGHT_PAGE} Write an image prompt.",
])
@pytest.mark.parametrize("seed", [0, 10])
def test_picture_prompt_has_the_sheet_and_the_page_in_either_order(prompt, seed):
    text = text_of(prompt, seed=seed)
    assert text.count("a small purple dragon with golden horns") == 1, text
    for word in ("flies over Sai Kung", "night", "rain", "scared"):      # subject, place, time, weather, mood
        assert word in text, (word, text)
    assert "\n" not in text and "Write" not in text


@pytest.mark.parametrize("prompt", [
    f"為這一頁寫一個圖像提示詞：{NIGHT_PAGE_ZH}角色：{HERO_ZH}",
    f"為這一頁寫一個圖像提示詞。角色：{HERO_ZH}。這一頁：{NIGHT_PAGE_ZH}",
])
@pytest.mark.parametrize("seed", [0, 82])
def test_chinese_picture_prompt_has_the_sheet_and_the_page_in_either_order(prompt, seed):
    text = text_of(prompt, seed=seed)
    assert text.count("一條細小的紫色龍，有金色的角") == 1, text
    for word in ("在西貢的海邊看星星", "晚上", "平靜"):
        assert word in text, (word, text)
    assert "森林" not in text and not SIMPLIFIED & set(text)


PAGES_WITHOUT_PEOPLE = ["Mimi the cat naps on a warm rock.", "A dragon flies over the mountains at sunset.",
                        "The robot finds a shiny shell on the beach.", "小貓在花園裡睡覺。", "熊貓在竹林裡吃竹子。"]


@pytest.mark.parametrize("page", PAGES_WITHOUT_PEOPLE)
def test_picture_prompt_adds_no_people(page):
    """A "children's picture book" style made the offline painter draw children nobody asked for."""
    from kit.backends.offline_art.reading import read
    ask_for = "為這一頁寫一個圖像提示詞：" if HAN.search(page) else "Write an image prompt for this page: "
    for seed in range(12):
        text = text_of(ask_for + page, seed=seed)
        assert not re.search(r"(?i)child|kid|people|person|兒童|小朋友|孩子|人", text), text
        assert not any(s.family == "child" for s in read(text).subjects), text


@pytest.mark.parametrize("prompt, style", [
    ("Write an image prompt in watercolour for this page: Mimi naps on Cheung Chau.", "watercolour"),
    ("Write an image prompt for this page: Mimi naps on Cheung Chau. Style: pixel art", "pixel art"),
    ("Write an image prompt for a dragon in Sai Kung, in the style of ink painting", "ink painting"),
    ("寫一個圖像提示詞，水彩風格：小貓在西貢的沙灘上玩。", "水彩風格"),
    ("為這一頁寫一個圖像提示詞：小貓在長洲睡覺。風格：像素", "像素風格"),
])
def test_picture_prompt_keeps_the_named_style(prompt, style):
    other_styles = [s for pair in tables.STYLES + tables.STYLES_WILD for s in pair]
    for seed in range(8):
        text = text_of(prompt, seed=seed, temperature=1.5)
        assert style in text, text
        assert not any(s in text for s in other_styles), text
        assert text.count(style) == 1


@pytest.mark.parametrize("prompt", [
    "Write an image prompt for this page: At night, Mimi looks at the stars from Cheung Chau.",
    "Write an image prompt for this page: Mimi goes to sleep under the moon. Character: Mimi, a white cat",
    "為這一頁寫一個圖像提示詞：晚上，小貓在長洲看星星。",
])
def test_picture_prompt_light_agrees_with_a_night_page(prompt):
    from kit.backends.offline_art.reading import read
    for seed in range(12):
        text = text_of(prompt, seed=seed, temperature=1.0)
        assert not re.search(r"(?i)morning|sunset|sunrise|daylight|sunshine|晨光|夕陽|日光|陽光|早上", text), text
        assert re.search(r"moonlight|月光", text), text
        assert read(text).time == "night", text


def test_picture_prompt_adds_no_time_when_the_page_has_none():
    from kit.backends.offline_art.reading import read
    for prompt in ("Write an image prompt for this page: Mimi plays with a ball in the park.",
                   "為這一頁寫一個圖像提示詞：咪咪在公園玩皮球。"):
        for seed in range(12):
            text = text_of(prompt, seed=seed, temperature=1.0)
            assert not re.search(r"(?i)morning|sunset|night|moon|daylight|sunshine|晨|夕陽|月|晚|日光|陽光", text), text
            assert read(text).time is None, text


def test_picture_prompt_takes_time_and_weather_from_the_rest_of_the_page():
    page = ("Ah Ming and Mimi walk to the bus stop. It starts to rain and the sky gets dark. Soon it is "
            "night and they hurry home. Everyone is tired, but Ah Ming is proud of his brave little cat friend.")
    text = text_of("Write an image prompt for this page: " + page)
    assert "night" in text and "rain" in text and "moonlight" not in text.replace("rainy", "")


@pytest.mark.parametrize("prompt, place", [
    ("Write an image prompt for this page: Mimi watches the boats in Sai Kung.", "in Sai Kung"),
    ("Write an image prompt for a panda having a picnic at Tai Mo Shan", "at Tai Mo Shan"),
    ("Write an image prompt for this page: Mimi sails to Tung Ping Chau at sunrise.", "to Tung Ping Chau"),
    ("為這一頁寫一個圖像提示詞：小貓在西貢的碼頭看船。", "在西貢的碼頭"),
])
def test_picture_prompt_keeps_the_childs_own_place(prompt, place):
    for seed in range(6):
        text = text_of(prompt, seed=seed)
        assert place in text, text
        assert not re.search(r"(?i)forest|the sea|the moon|the park|森林|月亮|大海", text), text


@pytest.mark.parametrize("prompt, place", [
    ("Write a story about a panda in Sai Kung", "in Sai Kung"),
    ("Write a story about Mei and a dog who travel to Tai O", "Tai O"),
    ("Write a story about a turtle at Shek O beach", "Shek O"),
    ("寫一個關於熊貓在西貢的故事", "在西貢"),
])
def test_capitalised_places_are_places_not_characters(prompt, place):
    for seed in range(4):
        text = text_of(prompt, seed=seed)
        assert place in text, text
        name = place.split()[-2] if " " in place else place
        assert not re.search(rf"{name}(?: \w+)? and the|和{name}", text), text
    story = text_of("Write a story about Mimi who says hello to Pip in the park", seed=1)
    assert "Mimi" in story and "Pip" in story and "the park" in story


# --- few-shot: continuing the pattern (lesson 03) -------------------------------------------------------
def test_few_shot_arrow_pattern_continues_in_the_same_shape():
    prompt = "cat → a fluffy cat who loves naps\nrabbit → a shy rabbit who collects carrots\ndog →"
    for seed in range(8):
        text = text_of(prompt, seed=seed)
        assert re.fullmatch(r"dog → an? [a-z]+ dog who [a-z ,]+", text), text
        assert "fluffy" not in text and "shy" not in text and "naps" not in text        # new, not copied
    assert re.fullmatch(r"dog -> an? [a-z]+ dog who [a-z ,]+",
                        text_of(prompt.replace("→", "->")))


def test_few_shot_one_line_fun_names():
    text = text_of("Fun names, like my examples. cat → Captain Whiskers. panda → Professor Bao Bao. dragon →")
    assert re.fullmatch(r"dragon → [A-Z][a-z]+ [A-Z][a-z]+(?: [A-Z][a-z]+)?", text), text
    assert "Captain" not in text and "Professor" not in text


def test_few_shot_chinese_patterns():
    text = text_of("貓 → 一隻愛睡覺的毛毛貓\n兔子 → 一隻愛收集紅蘿蔔的害羞兔子\n狗 →")
    assert re.fullmatch(r"狗 → 一隻[\u4e00-\u9fff]+的[\u4e00-\u9fff]+狗", text), text
    assert "愛睡覺" not in text and "紅蘿蔔" not in text
    names = text_of("學我的例子，改有趣的名字。貓 → 威威隊長。熊貓 → 包包教授。龍 →")
    assert re.fullmatch(r"龍 → [\u4e00-\u9fff]{3,5}", names) and "隊長" not in names and "教授" not in names


@pytest.mark.parametrize("prompt, label", [
    (("Plain: The cat sat down.\nExciting: With a mighty leap, the cat landed on the throne!\n"
     "Plain: The dog ate lunch.\nExciting: WHOOSH! The dog gobbled the feast in one enormous bite!\n"
     "Plain: The bird sang.\nExciting:"), "Exciting"),
    (("Plain: The cat sat. Exciting: Whoosh! Mimi leapt onto the shelf. Plain: The bus came. Exciting: Vroom! "
     "The red bus zoomed past. Plain: The bird sang. Exciting:"), "Exciting"),
])
def test_few_shot_plain_to_exciting(prompt, label):
    for seed in range(4):
        text = text_of(prompt, seed=seed)
        assert text.startswith(label + ": ") and "\n" not in text, text
        assert "bird" in text and text.endswith("!") and "Plain" not in text, text
        assert "Once upon a time" not in text


def test_few_shot_chinese_plain_to_exciting():
    text = text_of("普通：貓坐下了。\n精彩：貓一躍而起，跳上了王座！\n普通：狗吃午餐。\n精彩：嘩！狗一口吞下了整頓大餐！\n"
                   "普通：鳥唱歌。\n精彩：")
    assert text.startswith("精彩：") and "鳥唱歌" in text and text.endswith("！"), text


def test_few_shot_questions_and_answers():
    text = text_of("Q: What colour is the sky?\nA: Blue, like a big swimming pool.\nQ: What colour is grass?\n"
                   "A: Green, like a fresh lettuce leaf.\nQ: What colour is the sun?\nA:")
    assert re.fullmatch(r"A: Yellow, like [a-z ]+\.", text), text


@pytest.mark.parametrize("prompt", [
    ('Write a character card for a dragon in JSON, like these examples:\n'
    '{"hero": "Mimi", "animal": "cat", "colour": "orange", "mood": "curious"}\n'
    '{"hero": "Bao Bao", "animal": "panda", "colour": "black and white", "mood": "sleepy"}'),
    ('{"hero": "Mimi", "animal": "cat", "colour": "orange", "mood": "curious"}\n'
    '{"hero": "Bao Bao", "animal": "panda", "colour": "black and white", "mood": "sleepy"}\n{"animal": "dragon"'),
])
def test_few_shot_json_gives_one_new_object(prompt):
    for seed in range(4):
        text = text_of(prompt, seed=seed)
        data = json.loads(text)
        assert list(data) == ["hero", "animal", "colour", "mood"] and "\n" not in text
        assert data["animal"] == "dragon"
        assert " and " not in data["hero"] and data["hero"] not in ("Mimi", "Bao Bao"), data
        assert all(isinstance(v, str) and 0 < len(v.split()) <= 4 for v in data.values()), data


def test_few_shot_json_in_chinese():
    data = json.loads(text_of('{"名字": "咪咪", "動物": "貓"}\n{"名字": "包包", "動物": "熊貓"}\n再寫一個關於龍的'))
    assert data["動物"] == "龍" and data["名字"] not in ("咪咪", "包包") and HAN.search(data["名字"])


@pytest.mark.parametrize("prompt, pattern", [
    ("cat = meow\ndog = woof\nduck =", r"duck = quack"),
    ("big → small\nhot → cold\nup →", r"up → down"),
    ("cat → 貓\ndog → 狗\npanda →", r"panda → 熊貓"),
    ("cat: Whiskers\ndog: Rover\nfish:", r"fish: [A-Z][a-z]+"),
])
def test_few_shot_other_shapes(prompt, pattern):
    assert re.fullmatch(pattern, text_of(prompt))


@pytest.mark.parametrize("prompt", [
    "Write an image prompt for this page: Mimi naps. Character: Mimi, a cat",
    'Answer in JSON like {"hero": "...", "colour": "..."}', "Write a story about a cat: make it funny",
    "What is 2 + 2 = ?", "Plain: The cat sat.", "Title: The Brave Cat. Write the story.",
])
def test_prompts_without_a_pattern_are_not_treated_as_few_shot(prompt):
    text = text_of(prompt)
    assert not re.match(r"^(?:Exciting|A|Title|Plain|What is 2)\s*[:=]", text), text


# --- questions about jobs (lesson 09 counts he / she / they in these answers) --------------------------------
@pytest.mark.parametrize("prompt, says", [
    ("What does a nurse do?", "a nurse helps sick people get better"),
    ("What do doctors do?", "a doctor finds out why people feel unwell"),
    ("What is a firefighter?", "a firefighter puts out fires"),
    ("What are police officers?", "a police officer helps keep the community safe"),
    ("What does a bus driver do all day?", "a bus driver drives a bus"),
    ("Describe a nurse.", "a nurse helps sick people get better"),
    ("護士做甚麼？", "護士照顧生病的人"),
    ("醫生是甚麼？", "醫生會找出病人為甚麼不舒服"),
    ("消防員做什麼？", "消防員會撲滅火警"),
    ("介紹一下護士。", "護士照顧生病的人"),
])
def test_job_questions_take_the_job_as_the_topic(prompt, says):
    text = text_of(prompt, seed=1)
    assert says in text, text
    assert not re.search(r"\b(?:es a|do is|is a great thing)\b", text) and not re.search(r"甚麼是一個", text), text
    assert re.search(r"only know a little|只知道一點點", text), text         # still honest about being small


def test_every_job_has_one_kind_gender_neutral_sentence_in_both_languages():
    assert 10 <= len(answers.JOBS) <= 15
    for said, en, zh, en_says, zh_says in answers.JOBS:
        assert en in said and zh in said
        assert not re.search(r"(?i)\b(?:he|she|him|her|his|hers|they)\b", en_says), en_says
        assert not re.search(r"(?<!其)[他她]", zh_says), zh_says
        assert en_says.lower().startswith(("a " + en, "an " + en)) and zh_says.startswith(zh)
        assert en_says[:1].lower() + en_says[1:] in text_of(f"What does a {en} do?")
        assert zh_says in text_of(f"{zh}做甚麼？")


@pytest.mark.parametrize("prompt, topic", [
    ("What does a plumber do?", "about a plumber,"),
    ("What is gravity?", "about gravity,"),
    ("When did the Peak Tram start running?", "about the Peak Tram,"),
    ("木匠做甚麼？", "：木匠是"),
])
def test_unknown_questions_name_the_topic(prompt, topic):
    text = text_of(prompt)
    assert topic in text, text


# --- who is a character: names, not the capitals of titles and themes --------------------------------------
@pytest.mark.parametrize("prompt, names, not_names", [
    ("Write a story about Pip and a panda.\nThe theme is: Friendship in Hong Kong", ["Pip"], ["Friendship"]),
    ("Write a story from this idea: Pip and the Kind Panda", ["Pip"], ["Kind"]),
    ('Write a story called "The Brave Little Star" about Mei and a kite', ["Mei"], ["Star", "Brave", "Little"]),
    ("Write a story called The Lost Lantern about Ah Ming", ["Ah Ming"], ["Lost", "Lantern", "The Lost"]),
    ("Write a story about Mei.\nTheme: The Secret Garden", ["Mei"], ["Secret", "Garden"]),
    ("Kindness matters. Write a story about Ah Ming at Ocean Park.\nTheme: Hope", ["Ah Ming"], ["Kindness", "Hope"]),
    ("Write a story about Mei and Hope in the park", ["Mei", "Hope"], []),      # in the middle: a name
])
def test_title_and_theme_words_are_not_characters(prompt, names, not_names):
    for seed in range(4):
        text = text_of(prompt, seed=seed)
        for name in names:
            assert name in text, (name, text)
        for word in not_names:
            assert not re.search(rf"\b{word}\b(?! Kong)", text), (word, text)


def test_describing_words_are_the_ones_right_before_the_animal():
    story = text_of("Write a story from this idea: 小明和熊貓", seed=1)
    assert "idea" not in story and "panda" in story
    assert "kind panda" in text_of("Write a story from this idea: Pip and the Kind Panda", seed=1)


STORYBOOK_DRAFT = ("Write a picture storybook for children aged 6 to 10, in exactly 4 pages, from this idea: {idea}\n"
                   "Character: {sheet}\nThe theme is: {theme}\n"
                   "Each page has 2 or 3 short, simple sentences in English. The story has a beginning, a middle and a "
                   "happy ending, and the same main character on every page.\n"
                   'Reply with JSON only, like this: {{"pages": ["…", "…"]}}')
STORYBOOK_DRAFT_ZH = ("寫 4 頁：根據這個點子，為六至十歲的小朋友寫一本圖畫故事書：{idea}\n角色：{sheet}\n主題：{theme}\n"
                      "每頁寫兩至三句簡單的短句，用繁體中文（香港）。故事要有開始、經過和快樂的結局，每頁都是同一個主角。\n"
                      '只用 JSON 回覆，格式：{{"pages": ["……", "……"]}}')


@pytest.mark.parametrize("idea, sheet, theme, hero", [
    ("Pip and the Kind Panda", "Pip, a small rabbit with a red scarf", "Friendship in Hong Kong", "Pip"),
    ("A shy panda learns to swim at the beach.", "Pip, a small panda with a red scarf", "Kindness", "Pip"),
    ("Mei helps a lost kitten on a rainy night.", "Mei, a girl with a yellow raincoat", "Hope", "Mei"),
])
@pytest.mark.parametrize("seed", [0, 3])
def test_a_storybook_draft_has_clean_pages_with_the_right_names(idea, sheet, theme, hero, seed):
    """The storybook builder's draft request: the sheet's hero on every page, said with its sheet once, no
    theme words as characters, no second copy of the hero, and the 2 or 3 sentences a page that were asked for."""
    pages = json.loads(text_of(STORYBOOK_DRAFT.format(idea=idea, sheet=sheet, theme=theme), seed=seed))["pages"]
    assert len(pages) == 4
    desc = sheet.split(", ", 1)[1]
    kind = desc.split()[-4] if "panda" in desc or "rabbit" in desc else None
    told = " ".join(pages)
    assert told.count(desc) <= 1 and not re.search(r"Friendship|Kindness|Hope", told), told
    for page in pages:
        assert hero in page and 2 <= len(sentences(page)) <= 3, page
        if kind:
            assert f"the {kind}" not in page and f"a {kind}" not in page.replace(desc, ""), page


def test_a_chinese_storybook_draft_keeps_the_heros_name():
    prompt = STORYBOOK_DRAFT_ZH.format(idea="一隻害羞的熊貓在淺水灣學游泳。", sheet="小寶，一隻戴紅色頸巾的小熊貓",
                                       theme="友誼")
    pages = json.loads(text_of(prompt, seed=1))["pages"]
    assert len(pages) == 4 and all("小寶" in page and 2 <= len(sentences(page)) <= 3 for page in pages), pages
    told = "".join(pages)
    assert "一隻害羞的熊貓" not in told and "故事書" not in told and told.count("一隻戴紅色頸巾的小熊貓") <= 1, told


@pytest.mark.parametrize("page", [
    "Pip, a small panda with a red scarf and round glasses, sits on a rock.",
    "A small panda with a red scarf and round glasses swims at night.",
    "Once upon a time, Pip, a small panda with a red scarf and round glasses, and a kind owl lived by the sea.",
    "Pip walks to the beach.",
])
@pytest.mark.parametrize("style", ["", "watercolour"])
def test_the_storybook_picture_request_has_the_sheet_once(page, style):
    """The storybook builder's picture request, with a page that may say the sheet again."""
    sheet = "Pip, a small panda with a red scarf and round glasses"
    shape = ("Describe what we see: the character looking exactly as in the character sheet, the place, the colours "
             "and the light, in one paragraph of at most 60 words. Reply with the picture prompt only.")
    lines = [f"Write a picture prompt for Wanxiang (the AI that draws) for this page of a children's storybook: {page}",
             f"Character: {sheet}"] + ([f"Style: {style}"] if style else []) + [shape]
    for seed in range(3):
        text = text_of("\n".join(lines), seed=seed)
        assert text.startswith(sheet) and text.count("a small panda with a red scarf") == 1, text
        assert "with a panda" not in text and "character sheet" not in text and "Describe" not in text, text


def test_the_chinese_storybook_picture_request_has_the_sheet_once():
    sheet = "小寶，一隻戴紅色頸巾的小熊貓"
    for page in ("一隻戴紅色頸巾的小熊貓小寶住在香港。", "小寶，一隻戴紅色頸巾的小熊貓，坐在石頭上。", "小寶走到海灘。"):
        prompt = (f"請為這一頁兒童故事書寫一個給通義萬相（畫圖的 AI）的圖畫提示詞：{page}\n角色：{sheet}\n風格：蠟筆\n"
                  "描述這一頁的畫面，角色的樣子要和角色設定完全一樣，還有地點、顏色和光線。寫一段，最多 80 字。只回覆圖畫提示詞。")
        text = text_of(prompt, seed=1)
        assert text.startswith(sheet) and text.count("一隻戴紅色頸巾的小熊貓") == 1, text
        assert "寫一段" not in text and "只回覆" not in text and "還有一隻熊貓" not in text, text


@pytest.mark.parametrize("prompt", ["✏️ 在這裡寫你的例子", "✏️ 在這裡寫你的提示詞"])
def test_the_notebooks_placeholder_is_not_a_place(prompt):
    assert "這裡寫" not in text_of(prompt)
