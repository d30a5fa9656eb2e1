"""The fake DashScope server is faithful: these tests drive the REAL ``dashscope`` SDK (not the kit) against it.

If the SDK can parse every reply, stream and error the way the reference says the real service behaves, then
the kit's own tests against the fake are worth something.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import dashscope
import pytest
import requests
from dashscope.api_entities.aio_session import close_shared_aio_session
from dashscope.common.error import InvalidTask

try:
    from fake_dashscope import ERRORS, FakeDashScope, make_png, tokenize
except ImportError:  # tests/ imported as a package
    from tests.fake_dashscope import ERRORS, FakeDashScope, make_png, tokenize

KEY = "sk-test-good"
TEXT_MODEL = "qwen-plus"
IMAGE_MODEL = "wanx2.1-t2i-turbo"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------------------------------------------------
# Fixtures: point the SDK at a fake, and put the global base URL back afterwards


@pytest.fixture
def point_sdk(monkeypatch):
    """Returns a function that points ``dashscope`` at a started fake (restored by monkeypatch)."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")

    def point(fake: FakeDashScope) -> FakeDashScope:
        monkeypatch.setattr(dashscope, "base_http_api_url", fake.base_url)
        return fake

    return point


@pytest.fixture
def fake(fake_dashscope, point_sdk):
    """The conftest server with default options, the SDK pointed at it; it must log no bug of its own."""
    point_sdk(fake_dashscope)
    yield fake_dashscope
    assert fake_dashscope.errors == []


@pytest.fixture
def make_fake(point_sdk):
    """Start a fake with custom options and point the SDK at it; all are stopped after the test."""
    started: list[FakeDashScope] = []

    def make(**options) -> FakeDashScope:
        server = FakeDashScope(**options).start()
        started.append(server)
        return point_sdk(server)

    yield make
    for server in started:
        server.stop()
        assert server.errors == []


def ask(prompt: str, **kwargs):
    kwargs.setdefault("api_key", KEY)
    return dashscope.Generation.call(TEXT_MODEL, messages=[{"role": "user", "content": prompt}], **kwargs)


def submit(prompt: str, **kwargs):
    kwargs.setdefault("api_key", KEY)
    kwargs.setdefault("n", 1)
    kwargs.setdefault("size", "1024*1024")
    return dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt=prompt, **kwargs)


def fetch_until_done(task, polls: int = 20):
    seen = []
    for _ in range(polls):
        rsp = dashscope.ImageSynthesis.fetch(task, api_key=KEY)
        assert rsp.status_code == 200, rsp
        seen.append(rsp.output.task_status)
        if rsp.output.task_status in ("SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"):
            return rsp, seen
    raise AssertionError(f"job never finished: {seen}")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ---------------------------------------------------------------------------------------------------------
# Text generation


def test_message_format_round_trips_the_prompt(fake):
    rsp = dashscope.Generation.call(
        TEXT_MODEL,
        messages=[{"role": "system", "content": "You tell stories to children."},
                  {"role": "user", "content": "Tell me about a brave cat"}],
        result_format="message", api_key=KEY,
    )
    assert rsp.status_code == 200 and rsp.code == "" and rsp.message == ""
    assert rsp.request_id
    choice = rsp.output.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.role == "assistant"
    assert "Tell me about a brave cat" in choice.message.content
    assert choice.message.content.startswith("[system: You tell stories to children.] Fake Qwen says:")
    assert rsp.output.text is None
    assert rsp.usage.input_tokens > 0 and rsp.usage.output_tokens > 0
    assert rsp.usage.total_tokens == rsp.usage.input_tokens + rsp.usage.output_tokens


def test_text_format_with_prompt(fake):
    rsp = dashscope.Generation.call(TEXT_MODEL, prompt="Once upon a time", api_key=KEY)
    assert rsp.status_code == 200
    assert rsp.output.choices is None
    assert rsp.output.finish_reason == "stop"
    assert "Once upon a time" in rsp.output.text
    assert fake.requests[-1]["json"]["input"] == {"prompt": "Once upon a time"}


def test_chinese_prompt_round_trips(fake):
    rsp = ask("講一個關於機械人的故事", result_format="message")
    assert "講一個關於機械人的故事" in rsp.output.choices[0].message.content


def test_parameters_are_visible_and_deterministic(fake):
    def text(**kw):
        rsp = ask("a dragon", result_format="message", **kw)
        assert rsp.status_code == 200, rsp
        return rsp.output.choices[0].message.content

    same_a, same_b = text(seed=1, temperature=0.5), text(seed=1, temperature=0.5)
    assert same_a == same_b
    assert "seed=1" in same_a and "temperature=0.5" in same_a
    moods = {text(seed=s) for s in range(8)}
    assert len(moods) > 1  # different seeds give different replies

    short = ask("a dragon", result_format="message", max_tokens=3)
    assert short.output.choices[0].finish_reason == "length"
    assert short.usage.output_tokens == 3
    assert short.output.choices[0].message.content == "Fake Qwen says:"

    stopped = ask("a dragon", result_format="message", stop=["dragon"])
    assert stopped.output.choices[0].message.content == "Fake Qwen says: a "


def test_multi_turn_and_n_choices(fake):
    messages = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"},
                {"role": "user", "content": "and then?"}]
    rsp = dashscope.Generation.call(TEXT_MODEL, messages=messages, result_format="message", n=2, api_key=KEY)
    assert rsp.status_code == 200
    assert len(rsp.output.choices) == 2
    assert all("and then?" in c.message.content and "turn=2" in c.message.content for c in rsp.output.choices)


def test_streaming_incremental_chunks_join_to_the_full_reply(fake):
    full = ask("the moon is made of cheese", result_format="message").output.choices[0].message.content
    chunks = list(ask("the moon is made of cheese", result_format="message", stream=True, incremental_output=True))
    assert len(chunks) == len(tokenize(full)) > 3
    assert all(c.status_code == 200 for c in chunks)
    assert "".join(c.output.choices[0].message.content for c in chunks) == full
    reasons = [c.output.choices[0].finish_reason for c in chunks]
    assert reasons[:-1] == ["null"] * (len(chunks) - 1) and reasons[-1] == "stop"
    outputs = [c.usage.output_tokens for c in chunks]
    assert outputs == list(range(1, len(chunks) + 1))  # running totals
    assert {c.usage.input_tokens for c in chunks} == {chunks[0].usage.input_tokens}
    sent = fake.requests[-1]
    assert sent["headers"]["x-dashscope-sse"] == "enable"
    assert "stream" not in sent["json"]["parameters"]


def test_streaming_without_incremental_repeats_the_text_so_far(fake):
    chunks = list(dashscope.Generation.call(TEXT_MODEL, prompt="grow", stream=True, api_key=KEY))
    texts = [c.output.text for c in chunks]
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts))
    assert texts[-1] == dashscope.Generation.call(TEXT_MODEL, prompt="grow", api_key=KEY).output.text
    assert chunks[-1].output.finish_reason == "stop"


def test_sse_wire_format(fake):
    rsp = requests.post(
        fake.base_url + "/services/aigc/text-generation/generation",
        headers={"Authorization": f"Bearer {KEY}", "X-DashScope-SSE": "enable"},
        json={"model": TEXT_MODEL, "input": {"prompt": "hi"},
              "parameters": {"incremental_output": True, "result_format": "message"}},
        timeout=5,
    )
    assert rsp.status_code == 200
    assert rsp.headers["Content-Type"] == "text/event-stream;charset=UTF-8"
    events = [e for e in rsp.text.split("\n\n") if e]
    assert "[DONE]" not in rsp.text
    for number, event in enumerate(events, start=1):
        lines = event.split("\n")
        assert lines[:3] == [f"id:{number}", "event:result", ":HTTP_STATUS/200"]
        assert lines[3].startswith("data:{") and len(lines) == 4
        json.loads(lines[3][len("data:"):])


def test_mid_stream_block_arrives_as_400_after_some_text(fake):
    chunks = list(ask("draw something BLOCKME", result_format="message", stream=True, incremental_output=True))
    good, last = chunks[:-1], chunks[-1]
    assert len(good) == 2 and all(c.status_code == 200 for c in good)
    assert last.status_code == 400
    assert last.code == "DataInspectionFailed"
    assert last.message == "Output data may contain inappropriate content."
    assert last.output is None


def test_mid_stream_block_wire_uses_event_error_without_space(fake):
    rsp = requests.post(
        fake.base_url + "/services/aigc/text-generation/generation",
        headers={"Authorization": f"Bearer {KEY}", "X-DashScope-SSE": "enable"},
        json={"model": TEXT_MODEL, "input": {"prompt": "BLOCKME"}, "parameters": {}}, timeout=5,
    )
    assert rsp.status_code == 200
    last = [e for e in rsp.text.split("\n\n") if e][-1].split("\n")
    assert last[1:3] == ["event:error", ":HTTP_STATUS/400"]
    assert json.loads(last[3][len("data:"):])["code"] == "DataInspectionFailed"


def test_blocked_prompt_without_stream_is_400(fake):
    rsp = ask("BLOCKME please")
    assert rsp.status_code == 400
    assert rsp.code == "DataInspectionFailed"
    assert rsp.message == "Input data may contain inappropriate content."
    assert rsp.output is None and rsp.usage is None


def test_bad_key_is_401(fake):
    rsp = ask("hi", api_key="sk-wrong")
    assert rsp.status_code == 401
    assert rsp.code == "InvalidApiKey" and rsp.message == "Invalid API-key provided."
    streamed = list(ask("hi", api_key="sk-wrong", stream=True))
    assert len(streamed) == 1 and streamed[0].status_code == 401
    raw = requests.post(fake.base_url + "/services/aigc/text-generation/generation",
                        json={"model": TEXT_MODEL, "input": {"prompt": "hi"}}, timeout=5)
    assert raw.status_code == 401 and raw.json()["code"] == "InvalidApiKey"
    assert raw.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("word", ["THROTTLE", "SERVERERROR", "ARREARS", "QUOTA"])
def test_magic_words_give_the_real_error(fake, word):
    status, code, message = ERRORS[word]
    rsp = ask(f"hello {word}")
    assert (rsp.status_code, rsp.code, rsp.message) == (status, code, message)
    assert rsp.request_id
    if status == 429:  # no source says the real service sends Retry-After, so the fake does not either
        assert "Retry-After" not in rsp.headers


def test_throttle_is_429_with_code(fake):
    rsp = ask("THROTTLE me")
    assert rsp.status_code == 429
    assert rsp.code == "Throttling.RateQuota"
    assert rsp.message == "Requests rate limit exceeded, try again later."


def test_unknown_model_and_bad_parameters_are_400(fake):
    rsp = dashscope.Generation.call("qwen-nonexistent", prompt="hi", api_key=KEY)
    assert (rsp.status_code, rsp.code, rsp.message) == (400, "InvalidParameter", "Model not exist.")
    rsp = ask("hi", temperature=2.5)
    assert rsp.status_code == 400 and rsp.code == "InvalidParameter" and "temperature" in rsp.message
    rsp = dashscope.Generation.call(TEXT_MODEL, messages=[{"role": "user", "content": [{"text": "hi"}]}],
                                    api_key=KEY)
    assert rsp.status_code == 400 and rsp.message == "input content must be a string"


def test_injected_failures_burst_then_recover(fake):
    fake.set_failures(2, 429, "Throttling.RateQuota", "Requests rate limit exceeded, try again later.",
                      paths="text")
    codes = [ask("hi").status_code for _ in range(3)]
    assert codes == [429, 429, 200]
    fake.set_failures(1, 503, "ServiceUnavailable", "busy", paths="image")
    assert ask("hi").status_code == 200  # paths="image" leaves text alone
    rsp = submit("a cat")
    assert (rsp.status_code, rsp.code) == (503, "ServiceUnavailable")


def test_dropped_connection_is_retried_once_by_the_sdk(fake):
    fake.drop_next(1)
    assert ask("hi").status_code == 200
    assert len(fake.requests_to("/generation")) == 2
    with pytest.raises(requests.exceptions.ConnectionError):
        ask("DROPME")  # dropped twice: the SDK gives up
    assert len(fake.requests_to("/generation")) == 4


def test_slow_answer_trips_the_client_timeout(make_fake):
    make_fake(slow_seconds=1.0)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        ask("SLOW", request_timeout=0.3)
    assert time.monotonic() - started < 0.9


def test_text_delay_and_concurrent_clients(make_fake):
    server = make_fake(text_delay=0.05)
    results: list[int] = []

    def worker(i: int) -> None:
        rsp = ask(f"student {i}", result_format="message")
        results.append(rsp.status_code)
        assert f"student {i}" in rsp.output.choices[0].message.content

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 12
    assert time.monotonic() - started < 0.05 * 12  # answered in parallel
    assert server.max_concurrent_text_seen > 1


def test_aio_generation_streams_through_aiohttp(fake):
    async def run():
        plain = await dashscope.AioGeneration.call(TEXT_MODEL, prompt="async hi", api_key=KEY)
        stream = await dashscope.AioGeneration.call(TEXT_MODEL, prompt="async hi", api_key=KEY, stream=True,
                                                    incremental_output=True)
        pieces = [chunk.output.text async for chunk in stream]
        await close_shared_aio_session()  # the SDK keeps one aiohttp session per event loop
        return plain, pieces

    plain, pieces = asyncio.run(run())
    assert plain.status_code == 200
    assert "".join(pieces) == plain.output.text


def test_requests_are_recorded_with_the_bearer_key_only_in_authorization(fake):
    ask("hi")
    task = submit("a kite")
    dashscope.ImageSynthesis.fetch(task, api_key=KEY)
    assert [r["method"] for r in fake.requests] == ["POST", "POST", "GET"]
    for entry in fake.requests:
        assert entry["headers"]["authorization"] == f"Bearer {KEY}"
        others = {k: v for k, v in entry["headers"].items() if k != "authorization"}
        assert KEY not in json.dumps(others) + json.dumps(entry["json"]) + entry["path"] + str(entry["query"])
        assert all(k == k.lower() for k in entry["headers"])
    assert fake.requests[1]["headers"]["x-dashscope-async"] == "enable"
    assert fake.requests[2]["json"] is None


# ---------------------------------------------------------------------------------------------------------
# Images


def test_image_job_walks_to_succeeded_and_the_png_downloads(fake):
    task = submit("a red balloon", n=2, seed=7, negative_prompt="blurry", prompt_extend=True, watermark=False)
    assert task.status_code == 200
    assert task.output.task_status == "PENDING" and task.output.task_id
    body = fake.requests[-1]["json"]
    assert body["parameters"]["size"] == "1024*1024" and body["parameters"]["n"] == 2
    assert body["input"] == {"prompt": "a red balloon", "negative_prompt": "blurry"}

    done, seen = fetch_until_done(task)
    assert seen == ["PENDING", "RUNNING", "SUCCEEDED"]
    out = done.output
    assert out.submit_time and out.scheduled_time and out.end_time
    assert out.task_metrics == {"TOTAL": 2, "SUCCEEDED": 2, "FAILED": 0}
    assert done.usage["image_count"] == 2
    assert len(out.results) == 2
    first = out.results[0]
    assert first.orig_prompt == "a red balloon"
    assert first.actual_prompt == "a red balloon, detailed, vivid"
    assert first.url.startswith(f"{fake.root_url}/files/{out.task_id}-0.png?Expires=")

    picture = requests.get(first.url, timeout=5)
    assert picture.status_code == 200 and picture.headers["Content-Type"] == "image/png"
    assert png_size(picture.content) == (64, 64)
    other = fetch_until_done(submit("a blue whale"))[0].output.results[0].url
    assert requests.get(other, timeout=5).content != picture.content
    assert requests.get(f"{fake.root_url}/files/nope-0.png", timeout=5).status_code == 404


def test_image_call_returns_when_done(make_fake):
    make_fake(image_steps=("SUCCEEDED",), image_size=None)
    rsp = dashscope.ImageSynthesis.call(model=IMAGE_MODEL, prompt="a fox", n=1, size="512*768", api_key=KEY)
    assert rsp.status_code == 200 and rsp.output.task_status == "SUCCEEDED"
    assert png_size(requests.get(rsp.output.results[0].url, timeout=5).content) == (512, 768)


def test_image_call_raises_invalid_task_on_blocked_prompt(fake):
    with pytest.raises(InvalidTask) as caught:
        dashscope.ImageSynthesis.call(model=IMAGE_MODEL, prompt="a BLOCKME picture", n=1, api_key=KEY)
    assert "DataInspectionFailed" in str(caught.value)
    assert fake.jobs == {}
    with pytest.raises(InvalidTask):
        dashscope.ImageSynthesis.call(model=IMAGE_MODEL, prompt="a cat", n=1, api_key="sk-wrong")


@pytest.mark.parametrize(("word", "code"), [("BLOCKIMAGE", "DataInspectionFailed"),
                                            ("IPBLOCK", "IPInfringementSuspect")])
def test_failed_job_is_status_200_with_task_status_failed(fake, word, code):
    task = submit(f"a mouse {word}")
    assert task.status_code == 200
    done, seen = fetch_until_done(task)
    assert seen[-1] == "FAILED"
    assert done.status_code == 200 and done.code is None
    assert done.output.code == code and done.output.message == ERRORS[word][2]
    assert not done.output.results  # the SDK turns the absent list into []


def test_partial_failure_keeps_the_job_succeeded(fake):
    done, _ = fetch_until_done(submit("three pigs PARTIALFAIL", n=3))
    assert done.output.task_status == "SUCCEEDED"
    assert done.usage["image_count"] == 2
    assert done.output.task_metrics == {"TOTAL": 3, "SUCCEEDED": 2, "FAILED": 1}
    assert done.output.results[-1]["code"] == "InternalError.Timeout"


def test_missing_async_header_is_403(fake):
    rsp = requests.post(fake.base_url + "/services/aigc/text2image/image-synthesis",
                        headers={"Authorization": f"Bearer {KEY}"},
                        json={"model": IMAGE_MODEL, "input": {"prompt": "a cat"}, "parameters": {"n": 1}},
                        timeout=5)
    assert rsp.status_code == 403
    assert rsp.json()["code"] == "AccessDenied"
    assert rsp.json()["message"] == "current user api does not support synchronous calls"


def test_image_validation_and_default_n(fake):
    url = fake.base_url + "/services/aigc/text2image/image-synthesis"
    headers = {"Authorization": f"Bearer {KEY}", "X-DashScope-Async": "enable"}

    def post(payload: dict) -> requests.Response:
        return requests.post(url, headers=headers, json=payload, timeout=5)

    for params in ({"size": "1024x1024"}, {"size": "100*1024"}, {"size": "1024*2048"}, {"n": 5}, {"n": 0}):
        rsp = post({"model": IMAGE_MODEL, "input": {"prompt": "a cat"}, "parameters": params})
        assert rsp.status_code == 400 and rsp.json()["code"] == "InvalidParameter", params
    assert post({"model": IMAGE_MODEL, "input": {}, "parameters": {}}).json()["code"] == "InvalidParameter"
    assert post({"model": "wanx-nonexistent", "input": {"prompt": "a"}}).json()["message"] == "Model not exist."
    bad = requests.post(url, headers=headers, data=b"{not json", timeout=5)
    assert bad.status_code == 400 and bad.json()["code"] == "InvalidParameter"

    rsp = post({"model": IMAGE_MODEL, "input": {"prompt": "a cat"}, "parameters": {}})
    task_id = rsp.json()["output"]["task_id"]
    assert fake.jobs[task_id]["n"] == 4  # the server default, as billed
    assert len(fetch_until_done(task_id)[0].output.results) == 4


def test_unknown_task_and_unknown_path(fake):
    rsp = dashscope.ImageSynthesis.fetch("no-such-task", api_key=KEY)
    assert rsp.status_code == 200 and rsp.output.task_status == "UNKNOWN"
    missing = requests.get(fake.base_url + "/no/such/path", headers={"Authorization": f"Bearer {KEY}"}, timeout=5)
    assert missing.status_code == 404 and missing.json()["code"] == "NotFound"


def test_cancel_only_while_pending_and_list(fake):
    first, second = submit("one"), submit("two")
    cancelled = dashscope.ImageSynthesis.cancel(first, api_key=KEY)
    assert cancelled.status_code == 200
    assert dashscope.ImageSynthesis.fetch(first, api_key=KEY).output.task_status == "CANCELED"
    fetch_until_done(second)
    refused = dashscope.ImageSynthesis.cancel(second, api_key=KEY)
    assert refused.status_code == 400 and refused.code == "UnsupportedOperation"
    listing = dashscope.ImageSynthesis.list(api_key=KEY)
    assert listing.status_code == 200
    assert [row["task_status"] for row in listing.output["data"]] == ["SUCCEEDED", "CANCELED"]
    assert listing.output["total"] == 2


def test_max_running_jobs_holds_extra_jobs_pending(make_fake):
    server = make_fake(max_running_jobs=2)
    a, b, c = (submit(p).output.task_id for p in ("a", "b", "c"))

    def poll(task_id: str) -> str:
        return dashscope.ImageSynthesis.fetch(task_id, api_key=KEY).output.task_status

    assert [poll(t) for t in (a, b, c)] == ["PENDING"] * 3
    assert [poll(t) for t in (a, b, c)] == ["RUNNING", "RUNNING", "PENDING"]
    assert poll(c) == "PENDING"  # no slot yet
    assert poll(a) == "SUCCEEDED"  # frees a slot
    assert poll(c) == "RUNNING"
    assert poll(b) == "SUCCEEDED" and poll(c) == "SUCCEEDED"
    assert server.max_concurrent_running_seen == 2


def test_max_running_jobs_under_concurrent_clients_in_timed_mode(make_fake):
    server = make_fake(max_running_jobs=2, step_seconds=0.05)
    finals: list[str] = []

    def student(i: int) -> None:
        task = submit(f"picture {i}")
        while True:
            status = dashscope.ImageSynthesis.fetch(task, api_key=KEY).output.task_status
            if status in ("SUCCEEDED", "FAILED"):
                finals.append(status)
                return
            time.sleep(0.02)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert finals == ["SUCCEEDED"] * 6
    assert server.max_concurrent_running_seen == 2
    # two at a time, 0.05 s each: six jobs need at least three rounds
    ends = sorted(job["since"] for job in server.jobs.values())
    starts = sorted(job["submitted_at"] for job in server.jobs.values())
    assert ends[-1] - starts[0] >= 3 * 0.05 - 0.01


def test_timed_steps_follow_elapsed_time(make_fake):
    server = make_fake(step_seconds=0.2)
    task = submit("a slow snail")

    def status() -> str:
        return dashscope.ImageSynthesis.fetch(task, api_key=KEY).output.task_status

    assert status() == "PENDING"
    time.sleep(0.25)
    assert status() == "RUNNING"
    assert status() == "RUNNING"  # polling faster does not speed it up
    time.sleep(0.2)
    assert status() == "SUCCEEDED"
    assert server.jobs[task.output.task_id]["polls"] == 4


def test_wait_retries_a_503_while_polling(make_fake):
    server = make_fake(image_steps=("SUCCEEDED",))
    task = submit("a patient owl")
    server.set_failures(1, 503, "ServiceUnavailable", "try later", paths="tasks")
    done = dashscope.ImageSynthesis.wait(task, api_key=KEY)
    assert done.status_code == 200 and done.output.task_status == "SUCCEEDED"
    assert len(server.requests_to("/tasks/")) == 2


# ---------------------------------------------------------------------------------------------------------
# The server itself


def test_make_png_is_a_valid_png():
    data = make_png(5, 3, (10, 20, 30))
    assert png_size(data) == (5, 3)
    idat_len = struct.unpack(">I", data[33:37])[0]
    raw = zlib.decompress(data[41:41 + idat_len])
    assert len(raw) == 3 * (1 + 5 * 3) and raw[1:4] == bytes((10, 20, 30))


def test_stop_is_quick_with_idle_keep_alive_connections():
    server = FakeDashScope().start()
    with requests.Session() as session:
        rsp = session.get(server.base_url + "/tasks/x", headers={"Authorization": f"Bearer {KEY}"}, timeout=5)
        assert rsp.status_code == 200
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 2
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(server.base_url + "/tasks/x", timeout=1)


def test_runs_standalone_until_ctrl_c():
    script = Path(__file__).with_name("fake_dashscope.py")
    proc = subprocess.Popen([sys.executable, str(script), "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "Fake DashScope serving on http://127.0.0.1:" in line
        base = line.split(" on ", 1)[1].strip()
        rsp = requests.post(base + "/services/aigc/text-generation/generation",
                            headers={"Authorization": f"Bearer {KEY}"},
                            json={"model": TEXT_MODEL, "input": {"prompt": "standalone"}}, timeout=5)
        assert "standalone" in rsp.json()["output"]["text"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
