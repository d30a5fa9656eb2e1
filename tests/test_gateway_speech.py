"""kit.speak through the classroom gateway: Qwen-TTS on the multimodal route keeps the token, model list,
character quota, log and key rules, and the audio is served from the gateway (the service's link expires)."""

from __future__ import annotations

import json

import pytest
import requests
from support import SENTINEL_KEY
from test_gateway import classroom, log_rows, posts, raw_post, use  # noqa: F401 - the fixture, used by name

import kit
from kit.gateway.speech import characters

TTS = "/services/aigc/multimodal-generation/generation"


def tts_body(text: str, model: str = "qwen3-tts-flash") -> dict:
    return {"model": model, "input": {"text": text, "voice": "Cherry", "language_type": "English"}}


def test_speak_goes_up_with_the_teacher_key_and_is_logged_as_speech(classroom):  # noqa: F811
    speech = kit.speak("Once upon a time there was a dragon.", language="en")
    assert speech.data[:4] == b"RIFF" and speech.duration > 0
    upstream = posts(classroom.fake, "multimodal-generation")[0]
    assert upstream["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert classroom.tokens[0] not in json.dumps(upstream)
    [row] = log_rows(classroom.data, at_least=1)
    assert row["kind"] == "speech" and row["status"] == 200 and row["label"] == "3A-01"
    assert row["prompt"] == "Once upon a time there was a dragon."


def test_the_audio_link_points_at_the_gateway(classroom):  # noqa: F811
    answer = raw_post(classroom.gateway, TTS, classroom.tokens[0], tts_body("Hello there."))
    assert answer.status_code == 200, answer.text
    url = answer.json()["output"]["audio"]["url"]
    assert url.startswith(classroom.gateway.api_url.rsplit("/api/v1", 1)[0] + "/files/") and url.endswith(".wav")
    assert requests.get(url, timeout=10).content[:4] == b"RIFF"
    assert requests.get(url[:-10] + "0" * 6 + ".wav", timeout=10).status_code == 404   # not guessable


def test_characters_count_chinese_twice():
    assert characters("abc") == 3 and characters("從前有") == 6 and characters("龍 ok") == 5


def test_the_character_quota_refuses_kindly(gateway_upstream, start_gateway, make_class, workdir):
    token = make_class("3S", 1, characters_per_day=25)[0]
    gateway = start_gateway(gateway_upstream)
    assert raw_post(gateway, TTS, token, tts_body("從前有一條龍。")).status_code == 200   # 13 characters
    answer = raw_post(gateway, TTS, token, tts_body("牠住在山上的洞裏。"))   # 17 more: over 25
    assert answer.status_code == 429 and answer.json()["code"] == "Throttling.Quota.Student"
    assert "characters" in answer.json()["message"]
    assert raw_post(gateway, TTS, token, tts_body("Yes!")).status_code == 200   # a short one still fits
    use(gateway, token, workdir)
    with pytest.raises(kit.RateLimited) as problem:
        kit.speak("A long sentence that is well over the share left today.", language="en")
    assert problem.value.reason == "quota"


def test_a_speech_model_the_class_does_not_use_is_refused(classroom):  # noqa: F811
    answer = raw_post(classroom.gateway, TTS, classroom.tokens[0], tts_body("hi", model="qwen3-tts-instruct-flash"))
    assert answer.status_code == 403 and not posts(classroom.fake, "multimodal-generation")


def test_a_wrong_token_is_refused_on_the_speech_route(classroom):  # noqa: F811
    answer = raw_post(classroom.gateway, TTS, "not-a-token", tts_body("hi"))
    assert answer.status_code == 401 and not posts(classroom.fake, "multimodal-generation")
