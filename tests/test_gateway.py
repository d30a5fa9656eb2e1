"""The classroom gateway in front of the fake DashScope, driven by the real SDK through the kit.

Each test is what a student does in a notebook (``kit.ask``, ``kit.draw`` ...) with a gateway token; the
assertions look at three places: what the child sees, what reached the service, what the teacher's log holds.
"""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import dashscope
import pytest
import requests
from fake_dashscope import ERRORS, FakeDashScope
from support import SENTINEL_KEY

import kit
from kit.gateway.config import UpstreamKey
from kit.gateway.store import Store
from kit.i18n import message

IMAGE_MODEL = "wan2.2-t2i-flash"


def use(gateway, token, workdir):
    return kit.setup("dashscope", api_key=token, base_url=gateway.api_url, workdir=workdir, quiet=True)


def posts(fake, fragment):
    return [r for r in fake.requests_to(fragment) if r["method"] == "POST"]


def log_rows(data, *, at_least: int = 0):
    """The teacher's log, oldest first; waits (up to 10 s) for ``at_least`` rows, since a stream's row is
    written when the gateway has relayed its end, which a child who stops at a mid-stream error never waits for."""
    deadline = time.monotonic() + 10
    while True:
        store = Store(data)
        try:
            rows = [dict(r) for r in reversed(store.recent_log(limit=500))]
        finally:
            store.close()
        if len(rows) >= at_least or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


@pytest.fixture
def classroom(gateway_upstream, start_gateway, make_class, workdir, gateway_data):
    tokens = make_class("3A", 3)
    gateway = start_gateway(gateway_upstream, text_busy_wait=1.0)  # THROTTLE is a 429 that never ends
    use(gateway, tokens[0], workdir)
    return SimpleNamespace(gateway=gateway, fake=gateway_upstream, tokens=tokens, data=gateway_data)


def raw_post(gateway, path, token, body, **headers):
    return requests.post(gateway.api_url + path, data=json.dumps(body), timeout=10,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                  **headers})


TEXT = "/services/aigc/text-generation/generation"
IMAGES = "/services/aigc/text2image/image-synthesis"


def text_body(words: str) -> dict:
    return {"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": words}]},
            "parameters": {"result_format": "message"}}


# ---- text --------------------------------------------------------------------------------------------------


def test_ask_goes_upstream_with_the_teacher_key_and_is_logged(classroom):
    reply = kit.ask("Tell me about Lantau", system="You are a guide.", seed=8)
    assert "Tell me about Lantau" in reply.text and reply.usage["total_tokens"] > 0
    upstream = posts(classroom.fake, "text-generation")[0]
    assert upstream["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}"
    assert classroom.tokens[0] not in json.dumps(upstream)  # the student's token stays at the gateway
    assert upstream["json"]["input"]["messages"][0] == {"role": "system", "content": "You are a guide."}
    [row] = log_rows(classroom.data)
    assert row["label"] == "3A-01" and row["kind"] == "text" and row["status"] == 200
    assert row["prompt"] == "[system: You are a guide.] Tell me about Lantau"
    assert row["reply"] == reply.text and row["tokens"] == reply.usage["total_tokens"]


def test_streaming_through_the_gateway(classroom, capsys):
    reply = kit.ask("Write about the harbour", stream=True)
    assert capsys.readouterr().out.strip() == reply.text.strip()
    upstream = posts(classroom.fake, "text-generation")[0]
    assert upstream["headers"]["x-dashscope-sse"] == "enable"
    [row] = log_rows(classroom.data)
    assert row["kind"] == "stream" and row["reply"] == reply.text and row["tokens"] > 0


def test_stream_is_passed_on_chunk_by_chunk(make_class, start_gateway, monkeypatch):
    """The first event reaches the student while the service is still writing the rest."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    token = make_class("3A", 1)[0]
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), text_delay=0.15) as slow:
        gateway = start_gateway(slow)
        started = time.monotonic()
        answer = requests.post(gateway.api_url + TEXT, data=json.dumps(text_body("one two three four five")),
                               stream=True, timeout=10,
                               headers={"Authorization": f"Bearer {token}", "X-DashScope-SSE": "enable",
                                        "Content-Type": "application/json"})
        chunks = answer.iter_content(chunk_size=None)
        first = next(chunks)
        first_at = time.monotonic() - started
        rest = b"".join(chunks)
        total = time.monotonic() - started
    assert answer.headers["Content-Type"].startswith("text/event-stream")
    assert b"event:result" in first and b"data:" in first
    assert rest.count(b"event:result") >= 5
    assert first_at < total - 0.5  # not buffered until the end


def test_mid_stream_refusal_reaches_the_child_and_is_flagged(classroom):
    with pytest.raises(kit.SafetyBlocked) as problem:
        kit.ask("a story BLOCKME", stream=True)
    assert problem.value.reason == "output"
    [row] = log_rows(classroom.data, at_least=1)
    assert row["code"] == "DataInspectionFailed" and row["flag"] == "safety" and row["reply"]


# ---- service errors pass through in the protocol's own shape ---------------------------------------------


@pytest.mark.parametrize("word", ["THROTTLE", "ARREARS", "SERVERERROR", "BLOCKME", "QUOTA"])
def test_service_errors_pass_through_unchanged(classroom, word):
    status, code, text = ERRORS[word]
    answer = raw_post(classroom.gateway, TEXT, classroom.tokens[1], text_body(f"please {word}"))
    assert answer.status_code == status
    body = answer.json()
    assert set(body) == {"request_id", "code", "message"}
    assert (body["code"], body["message"]) == (code, text)
    if status == 429:
        assert answer.headers["Retry-After"] == "1"
    row = log_rows(classroom.data)[-1]
    assert row["code"] == code and row["flag"] == ("safety" if word == "BLOCKME" else None)


@pytest.mark.parametrize("word, error, reason", [
    ("THROTTLE", kit.RateLimited, "generic"),
    ("ARREARS", kit.ServiceProblem, "account"),
    ("BLOCKME", kit.SafetyBlocked, "generic"),
    ("SERVERERROR", kit.ServiceProblem, "generic"),
])
def test_the_kit_explains_passed_through_errors(classroom, word, error, reason):
    with pytest.raises(error) as problem:
        kit.ask(f"hello {word}")
    assert problem.value.reason == reason


def test_a_model_the_class_does_not_use_is_a_setup_problem(classroom, workdir):
    """Only the class's models go upstream (a share sized for qwen-flash must not buy a dearer model)."""
    kit.setup("dashscope", api_key=classroom.tokens[0], base_url=classroom.gateway.api_url, workdir=workdir,
              text_model="qwen-nonexistent", quiet=True)
    with pytest.raises(kit.ServiceProblem) as problem:
        kit.ask("hi")
    assert problem.value.reason == "model" and "qwen-nonexistent" in problem.value.en
    assert not posts(classroom.fake, "text-generation")


def test_a_rejected_teacher_key_is_not_blamed_on_the_student(gateway_upstream, start_gateway, make_class, workdir):
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream, keys=[UpstreamKey("sk-teacher-key-that-expired")])
    answer = raw_post(gateway, TEXT, token, text_body("hello"))
    assert answer.status_code == 502 and answer.json()["code"] == "Gateway.UpstreamKeyRejected"
    assert "sk-teacher-key-that-expired" not in answer.text
    use(gateway, token, workdir)
    with pytest.raises(kit.ServiceProblem):  # not KeyProblem: the child's token is fine
        kit.ask("hello again")


# ---- pictures --------------------------------------------------------------------------------------------


def test_draw_and_draw_many_through_the_gateway(classroom):
    picture = kit.draw("a red panda on a tram", seed=3)
    pictures = kit.draw_many(["a dog", "a bird", "a fish"], seed=5)
    assert picture.data.startswith(b"\x89PNG") and all(p.data.startswith(b"\x89PNG") for p in pictures)
    submissions = posts(classroom.fake, "image-synthesis")
    assert len(submissions) == 4
    assert {s["json"]["input"]["prompt"].split(",")[0] for s in submissions} == {
        "a red panda on a tram", "a dog", "a bird", "a fish"}
    assert all(s["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}" for s in submissions)
    # each picture was fetched from the service exactly once, by the gateway
    assert len(classroom.fake.requests_to("/files/")) == 4
    rows = [r for r in log_rows(classroom.data) if r["kind"] == "image"]
    assert len(rows) == 4 and all(r["reply"] == "1 picture(s)" for r in rows)


def test_picture_links_point_at_the_gateway_and_last(classroom, monkeypatch):
    monkeypatch.setattr(dashscope, "base_http_api_url", classroom.gateway.api_url)
    token = classroom.tokens[1]
    task = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="a lighthouse", n=1, api_key=token)
    assert task.status_code == 200 and task.output.task_status == "PENDING"
    done = dashscope.ImageSynthesis.wait(task, api_key=token)
    assert done.output.task_status == "SUCCEEDED" and done.usage.image_count == 1
    assert done.output.task_id == task.output.task_id  # the gateway's own id, not the service's
    url = done.output.results[0].url
    assert url.startswith(classroom.gateway.url + "/files/")
    first, again = requests.get(url, timeout=5), requests.get(url, timeout=5)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["Content-Type"] == "image/png"
    assert len(classroom.fake.requests_to("/files/")) == 1  # served from the gateway: expiry does not matter


def test_n_defaults_to_one_and_is_capped(classroom):
    token = classroom.tokens[0]
    body = {"model": IMAGE_MODEL, "input": {"prompt": "a kite"}, "parameters": {"size": "1024*1024"}}
    answer = raw_post(classroom.gateway, IMAGES, token, body, **{"X-DashScope-Async": "enable"})
    assert answer.status_code == 200
    deadline = time.monotonic() + 5
    while not posts(classroom.fake, "image-synthesis") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert posts(classroom.fake, "image-synthesis")[0]["json"]["parameters"]["n"] == 1
    body["parameters"]["n"] = 4
    answer = raw_post(classroom.gateway, IMAGES, token, body, **{"X-DashScope-Async": "enable"})
    assert answer.status_code == 400 and answer.json()["code"] == "InvalidParameter"
    without_async = raw_post(classroom.gateway, IMAGES, token, {**body, "parameters": {}})
    assert without_async.status_code == 403 and without_async.json()["code"] == "AccessDenied"


def test_a_refused_picture_is_flagged_and_not_counted(make_class, gateway_upstream, start_gateway, workdir,
                                                       gateway_data):
    token = make_class("3A", 1, images_per_day=1)[0]
    gateway = start_gateway(gateway_upstream)
    use(gateway, token, workdir)
    with pytest.raises(kit.SafetyBlocked) as problem:
        kit.draw("BLOCKIMAGE a scary thing")
    assert problem.value.reason == "image"
    row = next(r for r in log_rows(gateway_data) if r["kind"] == "image")
    assert row["flag"] == "safety" and row["code"] == "DataInspectionFailed"
    kit.draw("a friendly robot")  # the failed job was not billed, so the one picture of the day is still there
    with pytest.raises(kit.RateLimited) as problem:
        kit.draw("one more")
    assert problem.value.reason == "quota"


def test_cancel_a_queued_job(classroom, monkeypatch):
    monkeypatch.setattr(dashscope, "base_http_api_url", classroom.gateway.api_url)
    token = classroom.tokens[2]
    classroom.gateway.scheduler.hold()
    task = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="a boat", n=1, api_key=token)
    cancelled = dashscope.ImageSynthesis.cancel(task, api_key=token)
    assert cancelled.status_code == 200
    assert dashscope.ImageSynthesis.fetch(task, api_key=token).output.task_status == "CANCELED"
    again = dashscope.ImageSynthesis.cancel(task, api_key=token)
    assert again.status_code == 400 and again.code == "UnsupportedOperation"
    listed = requests.get(classroom.gateway.api_url + "/tasks", headers={"Authorization": f"Bearer {token}"},
                          timeout=5).json()
    assert listed["total"] == 1 and listed["data"][0]["task_status"] == "CANCELED"
    classroom.gateway.scheduler.release()
    time.sleep(0.2)
    assert posts(classroom.fake, "image-synthesis") == []


# ---- the teacher's blocklist and the daily shares --------------------------------------------------------


def test_blocklist_is_answered_before_anything_goes_upstream(classroom):
    store = Store(classroom.data)
    store.block("dragon fruit")
    store.block("鬼")
    store.block("ass")
    store.close()
    for words in ("I like DRAGON   fruit", "一隻鬼", "ｄｒａｇｏｎ ｆｒｕｉｔ"):
        with pytest.raises(kit.SafetyBlocked) as problem:
            kit.ask(words)
        assert problem.value.reason == "blocklist"
        assert problem.value.en == message("error.safety.blocklist", "en")
        assert problem.value.zh == message("error.safety.blocklist", "zh-Hant")
    with pytest.raises(kit.SafetyBlocked):
        kit.draw("a dragon fruit tree")
    assert classroom.fake.requests == []
    kit.ask("Our class went to the museum")  # "ass" blocks the word, not the letters inside "class"
    rows = log_rows(classroom.data)
    assert [r["flag"] for r in rows[:4]] == ["blocklist"] * 4 and rows[0]["code"] == "Blocklist.Teacher"


def test_student_and_class_quotas(gateway_upstream, start_gateway, make_class, workdir):
    first, second, third = make_class("3B", 3, requests_per_day=2, class_requests_per_day=3)
    gateway = start_gateway(gateway_upstream)
    use(gateway, first, workdir)
    kit.ask("one")
    kit.ask("two")
    with pytest.raises(kit.RateLimited) as problem:
        kit.ask("three")
    assert problem.value.reason == "quota" and problem.value.en == message("error.busy.quota", "en")
    answer = raw_post(gateway, TEXT, first, text_body("four"))
    assert answer.status_code == 429 and answer.json()["code"] == "Throttling.Quota.Student"
    assert 0 < int(answer.headers["Retry-After"]) <= 86400
    use(gateway, second, workdir)
    kit.ask("my first")  # the class's third request
    answer = raw_post(gateway, TEXT, third, text_body("hello"))
    assert answer.status_code == 429 and answer.json()["code"] == "Throttling.Quota.Class"
    assert len(posts(gateway_upstream, "text-generation")) == 3


def test_token_quota_counts_replies(gateway_upstream, start_gateway, make_class):
    token = make_class("3C", 1, tokens_per_day=5)[0]
    gateway = start_gateway(gateway_upstream)
    assert raw_post(gateway, TEXT, token, text_body("a long question about many things")).status_code == 200
    answer = raw_post(gateway, TEXT, token, text_body("again"))
    assert answer.status_code == 429 and "tokens" in answer.json()["message"]


def test_quota_file_overrides_the_flags(gateway_upstream, start_gateway, make_class, gateway_data, workdir):
    token = make_class("3D", 1, images_per_day=10)[0]
    (gateway_data / "quotas.ini").write_text("[defaults]\nrequests per day = 50\n\n[class 3D]\nimages-per-day = 0\n")
    gateway = start_gateway(gateway_upstream)
    assert gateway.quotas.limits_for("3D").images_per_day == 0
    assert gateway.quotas.limits_for("3D").requests_per_day == 50
    use(gateway, token, workdir)
    with pytest.raises(kit.RateLimited) as problem:
        kit.draw("a cloud")
    assert problem.value.reason == "quota"


def test_one_student_cannot_fill_the_text_gate(gateway_upstream, start_gateway, make_class):
    token = make_class("3E", 1, text_at_once=0)[0]
    gateway = start_gateway(gateway_upstream)
    answer = raw_post(gateway, TEXT, token, text_body("hello"))
    assert answer.status_code == 429 and answer.json()["code"] == "Throttling.Gateway.Student"
    assert answer.headers["Retry-After"] == "1"


def test_requests_the_service_did_not_serve_are_not_counted(gateway_upstream, start_gateway, make_class):
    token = make_class("3F", 1, requests_per_day=1)[0]
    gateway = start_gateway(gateway_upstream, text_busy_wait=1.0)
    for word in ("THROTTLE", "SERVERERROR"):
        assert raw_post(gateway, TEXT, token, text_body(word)).status_code in (429, 500)
    assert raw_post(gateway, TEXT, token, text_body("now it works")).status_code == 200
    assert raw_post(gateway, TEXT, token, text_body("but only once")).json()["code"] == "Throttling.Quota.Student"
