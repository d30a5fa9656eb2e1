"""The offline practice model knows a Hong Kong child's world: the writer keeps the people, food, festivals, places
and things a child names, and builds the story around them; the painter understands them.

The reach floors run on the fixed subset of ``benchmarks/data/offline_reach.json`` (prompts written as pupils
write); the full figures are in benchmarks/results/offline-reach.md.
"""

import re
import sys
from pathlib import Path

import pytest

from kit.backends import offline_text_words
from kit.backends.offline_text import compose_reply

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import offline_reach


def reply(prompt: str, seed: int = 1, **kw) -> str:
    return compose_reply([{"role": "user", "content": prompt}], seed=seed, **kw).text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_grandmother_teaches_her_grandson_to_make_dim_sum(seed):
    text = reply("write a story about a grandmother who teaches her grandson to make dim sum", seed)
    assert "grandmother who taught her grandson to make dim sum" in text
    assert "rabbit" not in text and "Sham Shui Po" not in text


@pytest.mark.parametrize("seed", [1, 2])
def test_a_chinese_premise_opens_the_story_in_written_chinese(seed):
    text = reply("幫我寫個故事，關於爸爸係消防員，救咗一隻貓", seed)
    assert text.startswith("有一次，爸爸是消防員，救了一隻貓。")
    assert "兔子" not in text and "咗" not in text
    text = reply("寫一個婆婆教孫仔整點心的故事", seed)
    assert all(word in text for word in ("婆婆", "孫仔", "點心"))


def test_people_lead_and_the_animal_they_name_is_met_on_the_way():
    text = reply("story about my dad he is a firefighter and he save a cat")
    assert text.startswith("Once upon a time, my dad, a firefighter,") or "my dad, a firefighter," in text
    assert "met a cat" in text


def test_an_animal_named_first_still_leads():
    text = reply("write a story about a robot that helps old people cross the road")
    assert re.search(r"robot (?:named \w+ )?who helped old people cross the road", text)


def test_the_audience_is_not_a_character():
    text = reply("Write a story for kids about a cat in the park")
    assert "cat" in text and "kid" not in text.lower()


@pytest.mark.parametrize("prompt, topic", [
    ("give me 5 ideas for a novel about climate change", "climate change"),
    ("ideas for a story about plastic in the ocean", "plastic in the ocean"),
    ("寫一個關於氣候變化的小說點子，五個", "氣候變化"),
])
def test_idea_lists_are_about_the_topic_asked(prompt, topic):
    items = reply(prompt).splitlines()
    assert len(items) == (3 if prompt.startswith("ideas") else 5)
    assert all(topic in item for item in items)
    assert not any("café" in item or "咖啡店" in item for item in items)


def test_festivals_food_transport_and_weather_each_get_a_sentence():
    text = reply("a story of a girl and her grandpa at mid autumn festival with lanterns and mooncakes")
    assert all(word in text for word in ("girl", "grandpa", "Mid-Autumn Festival", "lantern", "mooncake"))
    text = reply("story: mum cooks noodles in the kitchen on a rainy day")
    assert all(word in text for word in ("mum", "noodles", "kitchen", "rain"))


def test_named_world_keeps_lengths_and_is_deterministic():
    prompt = "Write 3 sentences about a doctor in a hospital who helps a sick dog"
    text = reply(prompt)
    assert len(re.findall(r"[.!?](?:\s|$)", text)) == 3
    assert text == reply(prompt)
    assert reply("寫兩句關於婆婆整點心的故事").count("。") == 2


def test_writer_reach_floor_on_the_fixed_prompts():
    kept, named, misses = offline_reach.measure(offline_reach.prompts()["writer"], offline_reach.writer_kept,
                                                fixed_only=True)
    assert named >= 25
    assert kept / named >= 0.9, misses


def test_the_word_tables_use_the_hong_kong_variants():
    text = Path(offline_text_words.__file__).read_text(encoding="utf-8")
    assert not re.search(r"[裡著]|什麼", text)
