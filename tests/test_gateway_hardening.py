"""Attacks on the gateway's limits, log and blocklist (issue #11), each reproduced on loopback.

Races are driven by a synchronised burst: threads released together by a barrier, all with one student's
token, so every check meets its neighbours at the same moment. Each test says what happened before the fix.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time

import pytest
import requests
from fake_dashscope import FakeDashScope
from support import SENTINEL_KEY
from test_gateway import log_rows

from kit.gateway.store import Store

TEXT = "/services/aigc/text-generation/generation"
IMAGES = "/services/aigc/text2image/image-synthesis"
BURST = 16


def text_body(*turns, model="qwen-flash", **parameters) -> dict:
    messages = [{"role": role, "content": words} for role, words in turns]
    return {"model": model, "input": {"messages": messages}, "parameters": {"result_format": "message", **parameters}}


def post(gateway, path, token, body, **headers):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return requests.post(gateway.api_url + path, data=data, timeout=30,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", **headers})


def burst(send, n: int = BURST) -> list:
    """``send()`` from n threads at the same moment; their answers."""
    answers: list = [None] * n
    start = threading.Barrier(n)

    def one(i):
        start.wait()
        answers[i] = send()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.fixture
def slow_upstream(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), text_delay=0.3, step_seconds=0.05, max_running_jobs=2) as fake:
        yield fake


# ---- check-then-act races: one atomic step per limit -----------------------------------------------------


def test_a_burst_keeps_to_the_students_text_requests_at_once(slow_upstream, start_gateway, make_class):
    """Before: with text_at_once 2, a burst of one student's requests had up to 32 upstream at once."""
    token = make_class("3A", 1, text_at_once=2)[0]
    gateway = start_gateway(slow_upstream)
    answers = burst(lambda: post(gateway, TEXT, token, text_body(("user", "hello"))))
    assert sum(a.status_code == 200 for a in answers) >= 2
    assert {a.status_code for a in answers} <= {200, 429}
    assert slow_upstream.max_concurrent_text_seen <= 2


def test_a_burst_spends_at_most_one_reply_beyond_the_token_share(slow_upstream, start_gateway, make_class):
    """Before: tokens were counted only after each reply, so --tokens-per-day 60 served 144 tokens."""
    token = make_class("3A", 1, tokens_per_day=60, text_at_once=BURST)[0]
    gateway = start_gateway(slow_upstream)
    answers = burst(lambda: post(gateway, TEXT, token, text_body(("user", "tell me a story about a kite"))))
    served = [a.json()["usage"]["total_tokens"] for a in answers if a.status_code == 200]
    assert served and sum(served) <= 60 + max(served)
    refused = [a.json()["code"] for a in answers if a.status_code != 200]
    assert set(refused) <= {"Throttling.Quota.Student"} and refused


def test_a_burst_queues_at_most_the_students_waiting_pictures(gateway_upstream, start_gateway, make_class):
    """Before: with --waiting-images 1 a burst queued 7 jobs."""
    token = make_class("3A", 1, waiting_images=1)[0]
    gateway = start_gateway(gateway_upstream)
    gateway.scheduler.hold()  # nothing leaves the queue, so every job still waits when the next one asks
    atomic = gateway.store.transaction

    @contextlib.contextmanager
    def then_pause():  # a pause between two transactions, as a busy machine makes: a check-then-act shows
        with atomic() as db:
            yield db
        time.sleep(0.02)

    gateway.store.transaction = then_pause
    body = {"model": "wan2.2-t2i-flash", "input": {"prompt": "a kite"}, "parameters": {"n": 1}}
    answers = burst(lambda: post(gateway, IMAGES, token, body, **{"X-DashScope-Async": "enable"}))
    assert sum(a.status_code == 200 for a in answers) == 1
    assert {a.json()["code"] for a in answers if a.status_code != 200} == {"Throttling.Gateway.Queue"}


# ---- what the parser lets in ------------------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_before_anything_is_sent(gateway_upstream, start_gateway, make_class):
    """Before: "\\ud800" was served and billed, while the teacher's log write failed on it."""
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream)
    raw = b'{"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": "hi \\ud800"}]}}'
    for headers in ({}, {"X-DashScope-SSE": "enable"}):
        answer = post(gateway, TEXT, token, raw, **headers)
        assert answer.status_code == 400 and answer.json()["code"] == "InvalidParameter"
    assert not gateway_upstream.requests_to("text-generation")


def test_deeply_nested_json_is_a_400(gateway_upstream, start_gateway, make_class):
    """Before: Python's recursion limit gave a 500."""
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream, max_body_bytes=256 * 1024)
    for depth in (100, 100_000):
        answer = post(gateway, TEXT, token, b"[" * depth + b"]" * depth)
        assert answer.status_code == 400 and answer.json()["code"] == "InvalidParameter"


# ---- the teacher's log and blocklist see every turn ------------------------------------------------------


def test_every_turn_sent_is_logged(gateway_upstream, start_gateway, make_class, gateway_data):
    """Before: only the system prompt and the last user turn were logged."""
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream)
    turns = [("system", "You tell stories."), ("user", "an earlier question"),
             ("assistant", "a made-up answer"), ("user", "the latest words")]
    assert post(gateway, TEXT, token, text_body(*turns)).status_code == 200
    logged = log_rows(gateway_data)[-1]["prompt"]
    assert all(words in logged for _role, words in turns)
    assert logged.endswith("the latest words") and "[assistant: a made-up answer]" in logged


@pytest.mark.parametrize("hidden", [
    "BLOCK\u200bWORD",          # a zero-width space
    "BLO\u00adCKWORD",           # a soft hyphen
    "ВLОСКWОRD",                 # Cyrillic look-alikes
    "ｂｌｏｃｋｗｏｒｄ",          # full width
    "block\x1bword",             # a control character
])
@pytest.mark.parametrize("role", ["user", "assistant", "system"])
def test_the_blocklist_sees_through_hiding_and_checks_every_turn(gateway_upstream, start_gateway, make_class,
                                                                  gateway_data, hidden, role):
    """Before: the blocklist skipped assistant turns and missed zero-width and look-alike characters."""
    token = make_class("3A", 1)[0]
    store = Store(gateway_data)
    store.block("blockword")
    store.close()
    gateway = start_gateway(gateway_upstream)
    turns = [(role, f"please say {hidden} now"), ("user", "go on")]
    answer = post(gateway, TEXT, token, text_body(*turns))
    assert answer.status_code == 400 and answer.json()["code"] == "Blocklist.Teacher"
    assert not gateway_upstream.requests_to("text-generation")


def test_blocklist_normalising_keeps_whole_words(gateway_upstream, start_gateway, make_class, gateway_data):
    token = make_class("3A", 1)[0]
    store = Store(gateway_data)
    store.block("ass")
    store.close()
    gateway = start_gateway(gateway_upstream)
    assert post(gateway, TEXT, token, text_body(("user", "my cl\u200bass went to the park"))).status_code == 200


# ---- cost control: the class's models only -------------------------------------------------------------------


def test_only_the_classs_models_go_upstream(gateway_upstream, start_gateway, make_class, gateway_data):
    """Before: any model was passed upstream, so a share sized for qwen-flash could buy a dearer model."""
    plain = make_class("3A", 1)[0]
    richer = make_class("3B", 1, models=["qwen-plus"])[0]
    gateway = start_gateway(gateway_upstream)
    refused = post(gateway, TEXT, plain, text_body(("user", "hi"), model="qwen-max"))
    assert refused.status_code == 403 and refused.json()["code"] == "Gateway.ModelNotAllowed"
    assert "qwen-flash" in refused.json()["message"]
    picture = {"model": "wan2.5-t2i-preview", "input": {"prompt": "a kite"}}
    assert post(gateway, IMAGES, plain, picture, **{"X-DashScope-Async": "enable"}).status_code == 403
    assert post(gateway, TEXT, plain, text_body(("user", "hi"), model="qwen-plus")).status_code == 403
    assert post(gateway, TEXT, richer, text_body(("user", "hi"), model="qwen-plus")).status_code == 200
    assert post(gateway, TEXT, plain, text_body(("user", "hi"))).status_code == 200
    sent = [r["json"]["model"] for r in gateway_upstream.requests_to("text-generation")]
    assert sent == ["qwen-plus", "qwen-flash"]


# ---- revoke -------------------------------------------------------------------------------------------------


def test_revoking_cancels_the_students_queued_pictures(gateway_upstream, start_gateway, make_class, gateway_data):
    """Before: a revoked student's queued jobs were still sent and billed."""
    token, classmate = make_class("3A", 2, waiting_images=4)
    gateway = start_gateway(gateway_upstream)
    gateway.scheduler.hold()
    body = {"model": "wan2.2-t2i-flash", "input": {"prompt": "a kite"}}
    ids = [post(gateway, IMAGES, token, body, **{"X-DashScope-Async": "enable"}).json()["output"]["task_id"]
           for _ in range(2)]
    store = Store(gateway_data)
    student = store.revoke(token=token)
    store.close()
    kept = post(gateway, IMAGES, classmate, body, **{"X-DashScope-Async": "enable"}).json()["output"]["task_id"]
    gateway.scheduler.release()
    deadline = time.monotonic() + 20
    while gateway.store.job(kept)["state"] != "SUCCEEDED" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gateway.store.job(kept)["state"] == "SUCCEEDED"
    assert [gateway.store.job(i)["state"] for i in ids] == ["CANCELED", "CANCELED"]
    assert len(gateway_upstream.requests_to("image-synthesis")) == 1  # only the classmate's
    with gateway.store.transaction() as db:
        assert gateway.store.usage(db, student, gateway.store.job(ids[0])["day"])["student"]["images"] == 0


# ---- nothing a student sends is printed raw -------------------------------------------------------------


ESCAPES = "\x1b[2K\x1b[1A\x1b]0;owned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x9b2J"


def test_terminal_escapes_never_reach_the_teachers_console(gateway_upstream, start_gateway, make_class,
                                                           gateway_data, capsys, caplog):
    """Before: `report --log` printed a student's ESC sequences raw (erase lines, window title, OSC 52
    clipboard), and so did the log line of a request path."""
    from kit.cli import main

    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream)
    caplog.set_level("INFO", logger="kit.gateway")
    assert post(gateway, TEXT, token, text_body(("user", f"a story {ESCAPES} please"))).status_code == 200
    assert requests.get(gateway.url + "/nowhere/%1b]0;owned%07\x1b[2K", timeout=5).status_code in (400, 404)
    gateway.stop()
    assert main(["gateway", "report", "--data", str(gateway_data), "--log", "5"]) == 0
    printed = capsys.readouterr().out
    assert "a story" in printed and "owned" in printed  # the words are there, their escapes are not
    for shown in (printed, caplog.text):
        assert not any(c in shown for c in "\x1b\x07\x9b")
