"""The public API on the offline backend: replies, chats, pictures, reuse, the journal and kind errors."""

import json

import pytest

import kit
from kit.journal import Journal


def test_setup_without_key_goes_offline_and_says_so(capsys, workdir):
    settings = kit.setup(workdir=workdir)
    assert settings.backend == "offline"
    said = capsys.readouterr().out
    assert "Offline mode" in said and "離線模式" not in said  # one line, in the chosen language
    kit.setup(workdir=workdir, language="zh-Hant")
    assert "離線模式" in capsys.readouterr().out


def test_setup_with_key_chooses_dashscope_and_never_shows_the_key(workdir):
    from support import SENTINEL_KEY

    settings = kit.setup(api_key=SENTINEL_KEY, workdir=workdir, quiet=True)
    assert settings.backend == "dashscope"
    assert settings.endpoint == "https://dashscope-intl.aliyuncs.com/api/v1"  # Singapore by default
    assert SENTINEL_KEY not in repr(settings) and SENTINEL_KEY not in str(settings)
    assert kit.setup(api_key=SENTINEL_KEY, region="cn", quiet=True).endpoint.startswith("https://dashscope.aliyun")
    assert kit.setup(api_key=SENTINEL_KEY, region="us", quiet=True).endpoint.startswith("https://dashscope-us")


def test_env_backend_wins(monkeypatch, workdir):
    from support import SENTINEL_KEY

    monkeypatch.setenv("KIT_BACKEND", "offline")
    assert kit.setup(api_key=SENTINEL_KEY, workdir=workdir, quiet=True).backend == "offline"


def test_bad_setup_values_are_kind_errors():
    with pytest.raises(kit.BadInput) as problem:
        kit.setup("magic", quiet=True)
    assert "backend" in problem.value.en and "backend" in problem.value.zh
    with pytest.raises(kit.BadInput):
        kit.setup("offline", region="mars", quiet=True)


def test_ask_returns_a_labelled_reply(offline_kit):
    reply = kit.ask("Write a story about a brave cat on the moon", seed=3)
    assert isinstance(reply, kit.Reply)
    assert str(reply) == reply.text and reply.text
    assert reply.backend == "offline" and reply.offline
    assert reply.model == "offline-practice-text"
    assert reply.usage["output_tokens"] > 0
    card = reply._repr_html_()
    assert "Offline mode" in card and "離線模式" in card


def test_same_seed_reuses_the_saved_answer(offline_kit, workdir):
    first = kit.ask("Tell me about pandas", seed=5, temperature=0.9)
    again = kit.ask("Tell me about pandas", seed=5, temperature=0.9)
    assert again.text == first.text and again.reused and not first.reused
    assert "♻" in again._repr_html_()
    calls = list(Journal(workdir).entries("text"))
    assert len(calls) == 1  # the second one was not made at all


def test_no_seed_asks_again_and_gives_a_new_answer(offline_kit):
    answers = {kit.ask("Write a story about a dragon", temperature=1.0).text for _ in range(4)}
    assert len(answers) >= 3


def test_temperature_zero_gives_one_answer(offline_kit):
    assert len({kit.ask("Write a story about a dragon", temperature=0).text for _ in range(3)}) == 1


def test_system_prompt_changes_the_reply(offline_kit):
    plain = kit.ask("Tell me about the sea", seed=1)
    pirate = kit.ask("Tell me about the sea", system="You are a pirate.", seed=1)
    assert plain.text != pirate.text


@pytest.mark.parametrize("arguments, words", [
    ({"temperature": 2.5}, "temperature"),
    ({"temperature": -1}, "temperature"),
    ({"top_p": 0}, "top_p"),
    ({"seed": -4}, "seed"),
    ({"max_tokens": 0}, "max_tokens"),
])
def test_out_of_range_dials_are_bad_input(offline_kit, arguments, words):
    with pytest.raises(kit.BadInput) as problem:
        kit.ask("hello", **arguments)
    assert words in problem.value.en and words in problem.value.zh


@pytest.mark.parametrize("prompt", ["", "   ", None])
def test_empty_prompt_is_bad_input(offline_kit, prompt):
    with pytest.raises(kit.BadInput) as problem:
        kit.ask(prompt)
    assert problem.value.reason == "empty_prompt"
    assert "提示詞" in problem.value.zh


def test_oversized_prompt_is_bad_input(offline_kit):
    with pytest.raises(kit.BadInput) as problem:
        kit.ask("word " * 2000)
    assert problem.value.reason == "too_long"


def test_stream_prints_live_and_returns_the_same_text(offline_kit, capsys):
    reply = kit.ask("Write a story about a rabbit in a forest", seed=2, stream=True)
    printed = capsys.readouterr().out
    assert reply.text.split()[0] in printed and printed.strip() == reply.text.strip()


def test_chat_remembers_and_survives_a_restart(offline_kit):
    chat = kit.Chat("You are a kind teacher.", name="my story")
    chat.say("Write a story about a panda in Hong Kong", seed=1)
    chat.say("Make it shorter", seed=2)
    history = chat.history
    assert [m["role"] for m in history] == ["system", "user", "assistant", "user", "assistant"]
    # a new Chat with the same name (as after a kernel restart) has the conversation back
    again = kit.Chat(name="my story")
    assert again.history == history


def test_draw_gives_a_picture_of_the_asked_size(offline_kit, tmp_path):
    picture = kit.draw("a red dragon over a mountain at sunset", size="landscape", seed=4, style="watercolor")
    assert isinstance(picture, kit.Picture)
    assert (picture.width, picture.height) == (1280, 720)
    assert picture.data.startswith(b"\x89PNG") and picture.format == "png"
    assert picture.style == "watercolour" and picture.seed == 4 and picture.offline
    assert "dragon" in picture.notes["understood"]
    saved = picture.save(tmp_path / "dragon")
    assert saved.suffix == ".png" and saved.read_bytes() == picture.data
    html = picture._repr_html_()
    assert "data:image/jpeg;base64," in html and "離線模式" in html


def test_draw_without_seed_records_the_seed_it_used(offline_kit):
    picture = kit.draw("a cat", size="small")
    assert isinstance(picture.seed, int)
    again = kit.draw("a cat", size="small", seed=picture.seed)
    assert again.data == picture.data and again.reused


def test_draw_many_returns_pictures_in_order(offline_kit):
    prompts = ["a cat", "a dog", "a rabbit", "a panda"]
    pictures = kit.draw_many(prompts, size="small", seed=10)
    assert [p.prompt for p in pictures] == prompts
    assert [p.seed for p in pictures] == [10, 11, 12, 13]
    assert len({p.data for p in pictures}) == 4


@pytest.mark.parametrize("arguments, reason", [
    ({"size": "huge"}, "size"), ({"size": "100*100"}, "size"), ({"size": (2000, 512)}, "size"),
    ({"style": "glitter"}, "style"), ({"seed": 2**40}, "number"),
])
def test_bad_picture_requests_say_what_to_change(offline_kit, arguments, reason):
    with pytest.raises(kit.BadInput) as problem:
        kit.draw("a cat", **arguments)
    assert problem.value.reason == reason


def test_chinese_style_names_are_understood(offline_kit):
    assert kit.draw("一隻貓", style="水墨", size="small", seed=1).style == "ink painting"


def test_every_call_is_in_the_journal_with_its_picture(offline_kit, workdir):
    kit.ask("Hello", seed=1)
    picture = kit.draw("a tree", size="small", seed=2)
    entries = list(Journal(workdir).entries())
    assert [e["kind"] for e in entries] == ["text", "image"]
    assert all(e["status"] == "done" for e in entries)
    image = entries[1]
    assert (workdir / image["picture"]).read_bytes() == picture.data
    assert image["request"]["prompt"] == "a tree" and image["task_id"]
    for path in (workdir / "journal" / "calls").iterdir():
        json.loads(path.read_text(encoding="utf-8"))  # every file whole
    assert not list(workdir.rglob("*.tmp"))


def test_replay_serves_recordings_and_refuses_the_rest(offline_kit, workdir):
    recorded = kit.ask("Tell me a story about a robot", seed=3)
    kit.setup("replay", workdir=workdir, quiet=True)
    replayed = kit.ask("Tell me a story about a robot")
    assert replayed.text == recorded.text and replayed.replayed
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.ask("Something nobody recorded")
    assert problem.value.reason == "not_recorded"


def test_replay_serves_pictures(offline_kit, workdir):
    recorded = kit.draw("a boat on the sea", size="small", seed=9)
    kit.setup("replay", workdir=workdir, quiet=True)
    assert kit.draw("a boat on the sea", size="small").data == recorded.data


def test_errors_have_both_languages_and_a_card():
    problem = kit.SafetyBlocked("image")
    assert problem.en and problem.zh and problem.en != problem.zh
    assert 'role="alert"' in problem._repr_html_() and 'lang="zh-Hant"' in problem._repr_html_()


def test_redact_hides_keys_in_error_details():
    from support import SENTINEL_KEY

    from kit.errors import remember_secret

    remember_secret(SENTINEL_KEY)
    problem = kit.ServiceProblem("generic", detail=f"bad header Bearer {SENTINEL_KEY}")
    assert SENTINEL_KEY not in problem.detail and SENTINEL_KEY not in problem._repr_html_()
    assert "sk-abcdefghijklmnop" not in kit.ServiceProblem("generic", detail="sk-abcdefghijklmnop").detail


def test_draw_many_shows_side_by_side_and_can_keep_one_seed(offline_kit):
    pictures = kit.draw_many(["a cat", "a cat at night"], size="small", seed=5, same_seed=True)
    assert isinstance(pictures, kit.Pictures) and isinstance(pictures, list)
    assert [p.seed for p in pictures] == [5, 5]
    html = pictures._repr_html_()
    assert html.count("kit-card kit-picture") == 2 and "display:flex" in html


def test_draw_many_without_progress_prints_nothing(offline_kit, capsys):
    kit.draw_many(["a cat", "a dog"], size="small", seed=1, _progress=False)
    assert capsys.readouterr().err == ""
