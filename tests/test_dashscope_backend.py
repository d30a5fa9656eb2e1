"""The real ``dashscope`` SDK, driven by the kit, against the local fake DashScope server on 127.0.0.1."""

import json

import pytest
from fake_dashscope import FakeDashScope
from support import SENTINEL_KEY, everything_written

import kit
from kit import pictures
from kit.journal import Journal


def posts(fake, fragment):
    return [r for r in fake.requests_to(fragment) if r["method"] == "POST"]


def test_ask_goes_through_the_sdk_with_the_key_as_bearer(online_kit, fake_server):
    reply = kit.ask("Tell me about Lantau", system="You are a guide.", temperature=0.3, seed=8)
    assert "Tell me about Lantau" in reply.text and "[system: You are a guide.]" in reply.text
    assert reply.backend == "dashscope" and reply.model == "qwen-flash" and not reply.offline
    assert reply.usage["output_tokens"] > 0
    request = posts(fake_server, "text-generation")[0]
    assert request["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    body = request["json"]
    assert body["parameters"]["result_format"] == "message"
    assert body["parameters"]["temperature"] == 0.3 and body["parameters"]["seed"] == 8
    assert "top_p" not in body["parameters"]  # only what the child set is sent
    assert body["input"]["messages"][0] == {"role": "system", "content": "You are a guide."}


def test_streaming_fills_in_and_matches(online_kit, fake_server, capsys):
    reply = kit.ask("Write about the harbour", stream=True)
    assert capsys.readouterr().out.strip() == reply.text.strip()
    request = posts(fake_server, "text-generation")[0]
    assert request["headers"]["x-dashscope-sse"] == "enable"
    assert request["json"]["parameters"]["incremental_output"] is True


def test_same_seed_is_not_paid_twice(online_kit, fake_server):
    first = kit.ask("A poem about rain", seed=4)
    second = kit.ask("A poem about rain", seed=4)
    assert second.reused and second.text == first.text
    assert len(posts(fake_server, "text-generation")) == 1


def test_chat_sends_the_history(online_kit, fake_server):
    chat = kit.Chat("You are a robot.")
    chat.say("Hello")
    chat.say("Again")
    messages = posts(fake_server, "text-generation")[-1]["json"]["input"]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]


@pytest.mark.parametrize("prompt, error, reason", [
    ("please BLOCKME now", kit.SafetyBlocked, "generic"),
    ("SERVERERROR", kit.ServiceProblem, "generic"),
    ("ARREARS", kit.ServiceProblem, "account"),
    ("QUOTA", kit.ServiceProblem, "account"),
])
def test_service_errors_become_kind_errors(online_kit, prompt, error, reason):
    with pytest.raises(error) as problem:
        kit.ask(prompt)
    assert problem.value.reason == reason
    assert problem.value.en and problem.value.zh


def test_mid_stream_safety_block_keeps_nothing_broken(online_kit, workdir):
    kept = kit.ask("A happy story", seed=1)
    with pytest.raises(kit.SafetyBlocked) as problem:
        kit.ask("a story BLOCKME", stream=True)
    assert problem.value.reason == "output"
    entries = list(Journal(workdir).entries("text"))
    assert [e["status"] for e in entries] == ["done", "failed"]
    assert entries[0]["text"] == kept.text


def test_wrong_key_says_key_or_region(fake_server, workdir):
    kit.setup("dashscope", api_key="sk-wrong-key-for-this-region", base_url=fake_server.base_url,
              workdir=workdir, quiet=True)
    with pytest.raises(kit.KeyProblem) as problem:
        kit.ask("hello")
    assert "region" in problem.value.en and "地區" in problem.value.zh
    with pytest.raises(kit.KeyProblem):
        kit.draw("a cat")


def test_dashscope_without_a_key_is_a_key_problem(workdir):
    kit.setup("dashscope", workdir=workdir, quiet=True)
    with pytest.raises(kit.KeyProblem) as problem:
        kit.ask("hello")
    assert problem.value.reason == "missing"


def test_busy_service_is_retried_then_explained(online_kit, fake_server):
    with pytest.raises(kit.RateLimited):
        kit.ask("THROTTLE please")
    assert len(posts(fake_server, "text-generation")) == 4  # bounded: four jittered tries, then a kind message


def test_a_short_burst_of_429_is_absorbed(online_kit, fake_server):
    fake_server.set_failures(2, 429, "Throttling.RateQuota", "Requests rate limit exceeded, try again later.")
    assert kit.ask("hello after a burst").text
    assert len(posts(fake_server, "text-generation")) == 3


def test_unknown_model_names_the_model(fake_server, workdir):
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, text_model="qwen-nonexistent",
              workdir=workdir, quiet=True)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.ask("hello")
    assert problem.value.reason == "model" and "qwen-nonexistent" in problem.value.en
    assert "Singapore" in problem.value.en and "not your mistake" in problem.value.en  # a setup problem


def test_dropped_connection_is_a_network_problem(online_kit, fake_server):
    with pytest.raises(kit.NetworkProblem):
        kit.ask("DROPME")


def test_nobody_listening_is_a_network_problem(workdir):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=f"http://127.0.0.1:{port}/api/v1", workdir=workdir,
              quiet=True)
    with pytest.raises(kit.NetworkProblem):
        kit.ask("hello")


def test_slow_answer_times_out_kindly(online_kit, monkeypatch):
    from kit.backends import dashscope as backend

    monkeypatch.setattr(backend, "REQUEST_TIMEOUT", 0.5)
    with pytest.raises(kit.NetworkProblem) as problem:
        kit.ask("SLOW please")
    assert problem.value.reason == "timeout"


def test_draw_downloads_the_picture_and_sends_n_1(online_kit, fake_server, workdir):
    picture = kit.draw("a panda on a tram", negative="people", size="portrait", seed=12, style="sketch")
    assert picture.data.startswith(b"\x89PNG") and picture.backend == "dashscope"
    submit = posts(fake_server, "image-synthesis")[0]
    assert submit["headers"]["x-dashscope-async"] == "enable"
    parameters = submit["json"]["parameters"]
    assert parameters["n"] == 1 and parameters["size"] == "768*1152" and parameters["seed"] == 12
    assert "pencil sketch" in submit["json"]["input"]["prompt"]  # wan2.x takes the style as words
    assert submit["json"]["input"]["negative_prompt"] == "people"
    entry = next(iter(Journal(workdir).entries("image")))
    assert (workdir / entry["picture"]).read_bytes() == picture.data
    assert picture.actual_prompt and picture.actual_prompt != picture.prompt


@pytest.mark.parametrize("prompt, reason", [("BLOCKIMAGE", "image"), ("IPBLOCK", "ip"), ("BLOCKME", "image")])
def test_picture_safety_blocks(online_kit, prompt, reason):
    with pytest.raises(kit.SafetyBlocked) as problem:
        kit.draw(f"a cat {prompt}")
    assert problem.value.reason == reason


def test_draw_many_keeps_to_two_jobs_at_a_time(fake_server, workdir):
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), step_seconds=0.3, max_running_jobs=5) as fake:
        kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake.base_url, workdir=workdir, quiet=True)
        prompts = [f"page {i}: a rabbit" for i in range(5)]
        result = kit.draw_many(prompts, seed=100)
        assert [p.prompt for p in result] == prompts
        assert fake.max_concurrent_running_seen <= 2
        times = sorted(r["time"] for r in posts(fake, "image-synthesis"))
        # never more than two submissions in any one second
        assert all(later - earlier >= 0.95 for earlier, later in zip(times, times[2:], strict=False))


def test_a_failed_picture_does_not_lose_the_others(online_kit, workdir):
    with pytest.raises(kit.SafetyBlocked) as problem:
        kit.draw_many(["a cat", "a dog BLOCKIMAGE", "a bird"], seed=1)
    kept = problem.value.pictures
    assert kept[0] is not None and kept[1] is None and kept[2] is not None
    done = [e for e in Journal(workdir).entries("image") if e["status"] == "done"]
    assert len(done) == 2


def test_a_restart_mid_job_resumes_instead_of_paying_again(online_kit, fake_server, monkeypatch):
    real_poll = pictures._poll

    def kernel_dies(*args, **kwargs):
        raise KeyboardInterrupt  # the kernel is stopped while the job runs

    monkeypatch.setattr(pictures, "_poll", kernel_dies)
    with pytest.raises(KeyboardInterrupt):
        kit.draw("a lighthouse at night")
    monkeypatch.setattr(pictures, "_poll", real_poll)
    kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=online_kit.workdir,
              quiet=True)  # as after a restart: fresh settings, same work folder
    picture = kit.draw("a lighthouse at night")
    assert picture.data.startswith(b"\x89PNG")
    assert len(posts(fake_server, "image-synthesis")) == 1


def test_the_key_is_never_written_anywhere(online_kit, fake_server, workdir, capsys):
    kit.ask("hello", seed=1)
    kit.ask("hello stream", stream=True)
    kit.draw("a kite", seed=3)
    shown = []
    for prompt in ("BLOCKME", "SERVERERROR", "THROTTLE"):
        try:
            kit.ask(prompt)
        except kit.KitError as problem:
            shown += [str(problem), problem.detail, problem._repr_html_()]
    try:
        kit.setup("dashscope", api_key=SENTINEL_KEY, base_url="http://127.0.0.1:9/api/v1", workdir=workdir,
                  quiet=True)
        kit.ask("unreachable")
    except kit.KitError as problem:
        shown += [str(problem), problem.detail]
    out = capsys.readouterr()
    written = everything_written(workdir)
    assert written and SENTINEL_KEY not in written
    assert SENTINEL_KEY not in out.out + out.err
    assert all(SENTINEL_KEY not in text for text in shown)
    for request in fake_server.requests:
        without_auth = {k: v for k, v in request["headers"].items() if k != "authorization"}
        assert SENTINEL_KEY not in json.dumps([without_auth, request["json"], request["path"]])
