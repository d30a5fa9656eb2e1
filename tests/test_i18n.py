"""One catalogue, two languages: no sentence may be missing its Chinese or its English."""

import re

import pytest

from kit.i18n import catalogue, message, normalise_language

SIMPLIFIED = set("们这个说时会为过还机么对电脑话请问题见应该")


def test_every_key_has_both_languages():
    for key, entry in catalogue().items():
        assert entry.get("en", "").strip(), key
        assert entry.get("zh-Hant", "").strip(), key


def test_no_simplified_characters():
    for key, entry in catalogue().items():
        assert not (set(entry["zh-Hant"]) & SIMPLIFIED), key


def test_placeholders_match_between_languages():
    for key, entry in catalogue().items():
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["zh-Hant"])), key


def test_glossary_terms_are_used():
    assert "提示詞" in message("error.input.empty_prompt", "zh-Hant")
    assert "API 金鑰" in message("error.key.missing", "zh-Hant")
    assert "安全過濾" in message("error.safety.generic", "zh-Hant")
    assert "離線模式" in message("offline.badge", "zh-Hant")


@pytest.mark.parametrize("written, language", [("en", "en"), ("zh-HK", "zh-Hant"), ("中文", "zh-Hant"),
                                               ("zh_Hant", "zh-Hant")])
def test_language_names(written, language):
    assert normalise_language(written) == language


def test_unknown_reason_falls_back_to_the_kind():
    assert message("error.safety.never-heard-of", "en") == message("error.safety.generic", "en")
