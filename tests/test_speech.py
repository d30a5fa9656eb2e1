"""kit.speak: through the fake Qwen-TTS route (the real SDK) and offline (eSpeak NG), journaled, kind errors."""

import io
import wave

import pytest

import kit
from kit import speech
from kit.errors import BadInput, SafetyBlocked


def _frames(data: bytes) -> int:
    with wave.open(io.BytesIO(data)) as wav:
        return wav.getnframes()


def test_speak_online_reads_each_sentence_once_and_downloads_the_wav(online_kit, fake_server):
    said = kit.speak("從前有一隻小貓。牠很喜歡唱歌！", language="yue")
    assert said.voice == "Kiki" and said.language == "yue" and not said.offline
    assert said.format == "wav" and said.data[:4] == b"RIFF"
    assert [s["text"] for s in said.sentences] == ["從前有一隻小貓。", "牠很喜歡唱歌！"]
    first, second = said.sentences
    assert first["start"] == 0 and 0 < first["end"] == second["start"] < second["end"] == pytest.approx(said.duration)
    sent = fake_server.requests_to("multimodal-generation")
    assert [r["json"]["input"]["voice"] for r in sent] == ["Kiki", "Kiki"]
    assert sent[0]["json"]["model"] == "qwen3-tts-flash"
    assert said.characters == (7 * 2 + 1) + (6 * 2 + 1)   # Chinese characters count twice


def test_the_same_words_are_not_paid_twice(online_kit, fake_server):
    kit.speak("Once upon a time.")
    again = kit.speak("Once upon a time. Then a cat sang.")
    texts = [r["json"]["input"]["text"] for r in fake_server.requests_to("multimodal-generation")]
    assert texts == ["Once upon a time.", "Then a cat sang."]
    assert again.voice == "Cherry" and again.language == "en"


def test_long_text_is_cut_within_the_service_limit(online_kit, fake_server):
    long_chinese = "小貓" * 200 + "。" + "".join(f"今天是第{n}天，" for n in range(60))
    kit.speak(long_chinese, language="zh")
    texts = [r["json"]["input"]["text"] for r in fake_server.requests_to("multimodal-generation")]
    assert len(texts) == 4 and all(speech.weight(t) <= 600 for t in texts)
    assert "".join(texts) == long_chinese


def test_a_bad_voice_is_a_kind_bilingual_error_before_any_request(online_kit, fake_server):
    with pytest.raises(BadInput) as caught:
        kit.speak("你好。", voice="Cherry", language="yue")
    assert "Kiki" in caught.value.en and "Kiki" in caught.value.zh
    with pytest.raises(BadInput):
        kit.speak("hello", language="klingon")
    assert fake_server.requests_to("multimodal-generation") == []


def test_the_fake_service_refuses_what_the_real_one_refuses(fake_server):
    import dashscope

    dashscope.base_http_api_url = fake_server.base_url
    call = dashscope.MultiModalConversation.call
    key = fake_server.api_key
    assert call(model="qwen3-tts-flash", text="hi", voice="Nobody", api_key=key).status_code == 400
    assert call(model="qwen3-tts-flash", text="字" * 301, voice="Kiki", api_key=key).status_code == 400
    ok = call(model="qwen3-tts-flash", text="字" * 300, voice="Kiki", language_type="Chinese", api_key=key)
    assert ok.status_code == 200 and ok.output["audio"]["url"].endswith(".wav")


def test_the_content_filter_is_explained(online_kit):
    with pytest.raises(SafetyBlocked) as caught:
        kit.speak("BLOCKME please.")
    assert caught.value.reason == "speech" and "安全過濾" in caught.value.zh


def test_a_rerun_reuses_the_journal_after_a_restart(online_kit, fake_server, workdir):
    first = kit.speak("A small dog ran home.")
    kit.setup("dashscope", api_key=online_kit.api_key, base_url=fake_server.base_url, workdir=workdir, quiet=True)
    kit.calls._backends.clear()
    second = kit.speak("A small dog ran home.")
    assert second.data == first.data
    assert len(fake_server.requests_to("multimodal-generation")) == 1


def test_offline_voice_is_labelled_and_deterministic(offline_kit):
    said = kit.speak("從前有一隻小貓。牠很喜歡唱歌！")
    assert said.offline and said.language == "yue" and "offline" in said.voice
    assert _frames(said.data) > 0 and said.sentences[1]["end"] == pytest.approx(said.duration)
    assert "離線" in said._repr_html_() and "<audio" in said._repr_html_()
    # eSpeak's waveform varies a little from run to run: the same text gives the same sound from the journal
    kit.calls._backends.clear()
    assert kit.speak("從前有一隻小貓。牠很喜歡唱歌！").data == said.data


def test_save_and_narration_shape(offline_kit, tmp_path):
    said = kit.speak("Hello there.", language="en")
    path = said.save(tmp_path / "hello")
    assert path.suffix == ".wav" and path.read_bytes() == said.data
    shape = said.narration()
    assert set(shape) == {"voice", "language", "offline", "audio", "sentences"}
    assert shape["audio"]["mime"] == "audio/wav" and isinstance(shape["audio"]["data"], str)


def test_sentences_cut_at_sentence_ends_and_commas():
    assert speech.sentences("One. Two! 三。四？") == ["One.", "Two!", "三。", "四？"]
    pieces = speech.sentences("好" * 250 + "，" + "好" * 250, limit=600)
    assert pieces == ["好" * 250 + "，", "好" * 250]
