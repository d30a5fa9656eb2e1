"""book.narrate(): every page, scene or card sentence read aloud, only what changed, saved with the story."""

import base64
import io
import wave

import kit


def test_storybook_narrates_every_page_once_and_again_only_what_changed(offline_kit, workdir):
    book = kit.Storybook("The Brave Cat", language="en")
    book.add_page("A cat lived by the sea. She loved to sing.")
    book.add_page("One day a storm came!")
    assert book.narrate() == 2
    assert book.narrate() == 0
    book.edit_page(1, text="One day a big storm came!")
    assert book.narrate() == 1
    again = kit.Storybook.load(book.name, workdir=workdir)   # a restart: the narration was saved with the book
    data = again.export_data()
    first = data["pages"][0]["narration"]
    assert set(first) == {"voice", "language", "offline", "audio", "sentences"}
    assert first["offline"] is True and first["language"] == "en" and first["audio"]["mime"] == "audio/wav"
    assert [s["text"] for s in first["sentences"]] == ["A cat lived by the sea.", "She loved to sing."]
    with wave.open(io.BytesIO(base64.b64decode(first["audio"]["data"]))) as wav:
        assert (wav.getframerate(), wav.getsampwidth(), wav.getnchannels()) == (22050 // 2, 1, 1)  # eSpeak's half
        seconds = wav.getnframes() / wav.getframerate()
    assert abs(first["sentences"][-1]["end"] - seconds) < 0.01
    assert data["narration_voice"] == first["voice"]


def test_changed_words_drop_the_old_narration_from_the_export(offline_kit):
    book = kit.Storybook("Moon", language="en")
    book.add_page("The moon is round.")
    book.narrate()
    book.edit_page(0, text="The moon is bright.")
    assert "narration" not in book.export_data()["pages"][0]


def test_novel_scenes_and_card_sentence_are_narrated(offline_kit, tmp_path):
    novel = kit.Novel("Forest", language="zh-Hant")
    novel.add_scene("start", "小兔走進森林。", choices={"向左走": "left"})
    novel.add_scene("left", "牠找到一個蘋果。", ending=True)
    assert novel.narrate() == 2
    scenes = novel.export_data()["scenes"]
    assert all(s["narration"]["language"] == "yue" for s in scenes)
    picture = kit.draw("a red apple", seed=1)
    card = kit.PictureCard(picture, "Apple", sentence="I like apples.", language="en")
    assert card.narrate(language="en") == 1
    assert card.export_data()["narration"]["sentences"][0]["text"] == "I like apples."


def test_narrated_storybook_file_reads_aloud_with_nothing_from_elsewhere(offline_kit, tmp_path):
    import re

    from kit.export.render import csp

    book = kit.Storybook("Sing <b>along</b>", language="en")
    book.add_page("A <cat> sang. Then it slept.")
    book.add_page("No words read here yet.")
    book.narrate()
    book.add_page("A new page, not read yet.")
    html = book.export(tmp_path / "book.html").read_text(encoding="utf-8")
    assert html.count('class="k-read-page"') == 2 and 'class="k-read-all"' in html
    assert html.count("<audio ") == 2 and 'src="data:audio/wav;base64,' in html
    assert '<span class="k-sentence" data-start="0.0"' in html and "A &lt;cat&gt; sang." in html
    assert "<cat>" not in html
    assert "media-src data:" in csp() and html.count("<script>") == 1
    assert re.search(r"Read aloud by: eSpeak NG \(offline\)", html)
    assert not re.search(r"""(src|href)=["']https?:""", html)


def test_the_service_audio_is_made_small_for_the_export():
    from fake_dashscope import make_wav

    from kit.speech import wav_info
    from kit.story.narration import small_wav

    big = make_wav(2.0, "tone")                           # Qwen-TTS: 24 kHz, 16-bit, mono
    channels, width, rate, frames = wav_info(small_wav(big))
    assert (channels, width, rate, len(frames)) == (1, 1, 12000, 24000)
    assert len(small_wav(big)) < len(big) / 3.9


def test_the_builders_read_the_book_aloud_and_keep_it(offline_kit, workdir):
    book = kit.Storybook("Read me", language="en")
    book.add_page("The dog barked twice.")
    builder = kit.StoryBuilder(book)
    assert builder.read_aloud.button.description == "🔊 Read my book aloud · 朗讀我的書"
    assert builder.read_aloud.read() == 1
    assert builder.read_aloud.player.value.count("<audio") == 1
    again = kit.StoryBuilder(kit.Storybook.load(book.name, workdir=workdir))   # after a restart
    assert again.read_aloud.player.value.count("<audio") == 1 and again.read_aloud.read() == 0
    novel = kit.Novel("Path", language="en")
    novel.add_scene("start", "Two roads. Pick one.", ending=True)
    assert kit.NovelBuilder(novel).read_aloud.read() == 1
