"""The offline practice text model: deterministic, and visibly reacting to words and settings."""

import json
import re

import pytest

from kit.backends import offline_text
from kit.backends.offline_text import OfflineText, compose_reply, count_tokens

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
    wild = [en for table in (offline_text.HERO_ADJ_WILD, offline_text.NAMES_WILD, offline_text.EVENTS_WILD,
                             offline_text.THING_ADJ_WILD, offline_text.FRIENDS_WILD, offline_text.TIMES_WILD,
                             offline_text.ENDINGS_WILD) for en, *_rest in table]

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
