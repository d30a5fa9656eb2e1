"""Lesson 9's bias counter: 他 inside 其他 is not "he", 他們 is "they", and English counts whole words only."""

from __future__ import annotations

import kit
from kit.lessons.reading import count_pronouns


def test_chinese_he_is_not_found_inside_other_words():
    assert count_pronouns("其他醫生說，他很好。吉他放在他人的家。") == {"he": 1, "she": 0, "they": 0}


def test_chinese_they_has_its_own_column():
    assert count_pronouns("他們和她們都是護士。她說佢哋很好。") == {"he": 0, "she": 1, "they": 3}


def test_english_counts_whole_words_and_contractions():
    text = "He said the theme was fine. She's kind; they're doctors. Then they left, and he stayed."
    assert count_pronouns(text) == {"he": 2, "she": 1, "they": 2}


def test_replies_are_counted_together(tmp_path):
    kit.setup("offline", workdir=tmp_path, quiet=True)
    replies = [kit.ask("Describe a doctor.", seed=s) for s in (1, 2)]
    assert kit.count_pronouns(replies) == count_pronouns(" ".join(r.text for r in replies))
