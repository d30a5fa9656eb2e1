"""The gateway's security promises, each tested: the key never leaks, tokens are stored hashed, students are
kept apart, every malformed request gets a clear answer in the service's shape, the teacher page is guarded.
"""

from __future__ import annotations

import base64
import json
import logging
import socket

import dashscope
import pytest
import requests
from support import SENTINEL_KEY, everything_written

import kit
from kit.gateway.config import UpstreamKey
from kit.gateway.store import Store

TEXT = "/services/aigc/text-generation/generation"
IMAGES = "/services/aigc/text2image/image-synthesis"
IMAGE_MODEL = "wan2.2-t2i-flash"


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def text_body(words: str) -> dict:
    return {"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": words}]},
            "parameters": {"result_format": "message"}}


@pytest.fixture
def gateway(gateway_upstream, start_gateway, make_class):
    make_class("3A", 2)
    return start_gateway(gateway_upstream)


def tokens_of(make_class, name="3B", n=2):
    return make_class(name, n)


def assert_error_shape(answer, status, code):
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"request_id", "code", "message"} and body["code"] == code and body["message"]
    return body


def test_the_key_never_leaves_the_gateway(gateway_upstream, start_gateway, make_class, gateway_data, workdir,
                                          caplog, capsys):
    """Drive every path (text, stream, pictures, service errors, gateway errors), keep every response, then
    search the responses, the captured logs, the printed output and every file in the data folder."""
    caplog.set_level(logging.DEBUG)
    token, other = make_class("3A", 2)
    gateway = start_gateway(gateway_upstream, text_busy_wait=1.0)  # THROTTLE is a 429 that never ends
    seen: list[str] = []

    def keep(answer):
        seen.append(json.dumps(dict(answer.headers)) + answer.text)
        return answer

    api = gateway.api_url
    keep(requests.post(api + TEXT, json=text_body("hello"), headers=auth(token), timeout=10))
    keep(requests.post(api + TEXT, json=text_body("hello BLOCKME"), headers={**auth(token),
                                                                            "X-DashScope-SSE": "enable"}, timeout=10))
    for word in ("THROTTLE", "SERVERERROR", "ARREARS", "QUOTA", "BLOCKME"):
        keep(requests.post(api + TEXT, json=text_body(word), headers=auth(token), timeout=10))
    keep(requests.post(api + TEXT, json=text_body("hi"), headers=auth("sk-not-a-student"), timeout=10))
    keep(requests.post(api + TEXT, data=b"{not json", headers=auth(token), timeout=10))
    keep(requests.get(gateway.url + "/nowhere", timeout=10))
    kit.setup("dashscope", api_key=other, base_url=api, workdir=workdir, quiet=True)
    picture = kit.draw("a lantern festival")
    keep(requests.get(api + "/tasks", headers=auth(other), timeout=10))
    with pytest.raises(kit.SafetyBlocked):
        kit.draw("BLOCKIMAGE")
    with pytest.raises(kit.SafetyBlocked):
        kit.ask("BLOCKME in a stream", stream=True)
    wrong = start_gateway(gateway_upstream, data=gateway_data.parent / "other-data",
                          keys=[UpstreamKey("sk-expired-teacher-key-0000")])
    keep(requests.post(wrong.api_url + TEXT, json=text_body("hi"), headers=auth(token), timeout=10))
    gateway.stop()  # flush the WAL into the database file before searching it

    # the key did reach the service (so the searches below mean something) ...
    assert any(r["headers"].get("authorization") == f"Bearer {SENTINEL_KEY}" for r in gateway_upstream.requests)
    assert picture.data.startswith(b"\x89PNG")
    # ... and nowhere else
    printed = capsys.readouterr()
    for place, text in [("responses", "\n".join(seen)), ("logs", caplog.text), ("stdout", printed.out),
                        ("stderr", printed.err), ("data folder", everything_written(gateway_data)),
                        ("other data folder", everything_written(wrong.config.data)),
                        ("kit work folder", everything_written(workdir))]:
        assert SENTINEL_KEY not in text, place
        assert "sk-expired-teacher-key-0000" not in text, place
    assert "hello BLOCKME" in everything_written(gateway_data)  # the log is there: it was searched


def test_tokens_are_stored_only_as_salted_hashes(gateway_data, make_class):
    tokens = make_class("3A", 5)
    assert all(t.startswith("kit-") and len(t) == 23 for t in tokens) and len(set(tokens)) == 5
    written = everything_written(gateway_data)
    for token in tokens:
        assert token not in written and token.replace("-", "") not in written
    store = Store(gateway_data)
    try:
        assert store.student_for_token(tokens[0]).label == "3A-01"
        assert store.student_for_token(tokens[0].upper()).label == "3A-01"  # typed from a card in capitals
        assert store.student_for_token("kit-aaaa-bbbb-cccc-dddd") is None
        other = Store(gateway_data.parent / "another-install")
        assert other.hash_token(tokens[0]) != store.hash_token(tokens[0])  # the salt is per install
        other.close()
    finally:
        store.close()


def test_unauthenticated_and_bad_requests_get_clear_answers(gateway, make_class):
    token = make_class("3B", 1)[0]
    api = gateway.api_url
    body = assert_error_shape(requests.post(api + TEXT, json=text_body("hi"), timeout=5), 401, "InvalidApiKey")
    assert body["message"] == "No API-key provided."
    assert_error_shape(requests.post(api + TEXT, json=text_body("hi"), headers=auth("kit-aaaa-bbbb-cccc-dddd"),
                                     timeout=5), 401, "InvalidApiKey")
    assert_error_shape(requests.post(api + TEXT, data=b"{oops", headers=auth(token), timeout=5), 400,
                       "InvalidParameter")
    assert_error_shape(requests.post(api + TEXT, data="[1, 2]", headers=auth(token), timeout=5), 400,
                       "BadRequest.EmptyInput")
    assert_error_shape(requests.post(api + TEXT, json={"input": {"prompt": "x"}}, headers=auth(token), timeout=5),
                       400, "BadRequest.EmptyModel")
    assert_error_shape(requests.get(gateway.url + "/secret", timeout=5), 404, "NotFound")
    assert_error_shape(requests.get(api + "/services/other", headers=auth(token), timeout=5), 404, "NotFound")
    assert_error_shape(requests.get(api + TEXT, headers=auth(token), timeout=5), 405, "MethodNotAllowed")
    assert_error_shape(requests.delete(api + "/tasks/x", headers=auth(token), timeout=5), 405, "MethodNotAllowed")
    big = {"model": "qwen-flash", "input": {"prompt": "x" * 300_000}}
    body = assert_error_shape(requests.post(api + TEXT, json=big, headers=auth(token), timeout=5), 413,
                              "InvalidParameter.RequestTooLarge")
    assert "262144 bytes" in body["message"]
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=5) as raw:
        raw.sendall(b"POST /api/v1" + TEXT.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n")
        reply = b""
        while chunk := raw.recv(4096):  # the gateway closes the connection after this answer
            reply += chunk
    status_line = reply.split(b"\r\n", 1)[0]  # HTTP/1.0 or 1.1: the version could not be trusted
    assert status_line.startswith(b"HTTP/1.") and b" 400 " in status_line and b'"InvalidParameter"' in reply
    assert requests.get(gateway.url + "/healthz", timeout=5).json()["ok"] is True


def test_the_kit_explains_gateway_refusals(gateway_upstream, start_gateway, make_class, workdir):
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream, max_body_bytes=2000)
    kit.setup("dashscope", api_key="kit-wron-gtok-enxx-xxxx", base_url=gateway.api_url, workdir=workdir, quiet=True)
    with pytest.raises(kit.KeyProblem):
        kit.ask("hello")
    kit.setup("dashscope", api_key=token, base_url=gateway.api_url, workdir=workdir, quiet=True)
    with pytest.raises(kit.BadInput) as problem:
        kit.ask("tell me a story " * 200)
    assert "too large" in problem.value.en


def test_revoked_tokens_stop_at_once(gateway, gateway_data, make_class):
    token = make_class("3B", 1)[0]
    assert requests.post(gateway.api_url + TEXT, json=text_body("hi"), headers=auth(token), timeout=5).ok
    store = Store(gateway_data)
    assert store.revoke(token=token).label == "3B-01"
    store.close()
    body = assert_error_shape(requests.post(gateway.api_url + TEXT, json=text_body("hi"), headers=auth(token),
                                            timeout=5), 401, "InvalidApiKey")
    assert "switched off" in body["message"]


def test_students_cannot_see_each_others_jobs_or_pictures(gateway, make_class, monkeypatch):
    alice, bob = make_class("3B", 2)
    monkeypatch.setattr(dashscope, "base_http_api_url", gateway.api_url)
    task = dashscope.ImageSynthesis.async_call(model=IMAGE_MODEL, prompt="alice's dragon", n=1, api_key=alice)
    done = dashscope.ImageSynthesis.wait(task, api_key=alice)
    url = done.output.results[0].url
    assert requests.get(url, timeout=5).status_code == 200
    # bob asks about alice's task: the same answer as for a task that does not exist
    peek = dashscope.ImageSynthesis.fetch(task.output.task_id, api_key=bob)
    assert peek.status_code == 200 and peek.output.task_status == "UNKNOWN" and not peek.output.results
    assert dashscope.ImageSynthesis.cancel(task.output.task_id, api_key=bob).status_code == 400
    listed = requests.get(gateway.api_url + "/tasks", headers=auth(bob), timeout=5).json()
    assert listed["total"] == 0 and listed["data"] == []
    # picture links cannot be made up: change the signature, the number, or the job
    prefix, name = url.rsplit("/", 1)
    number, rest = name.split("-", 1)
    forged = [f"{prefix}/{number}-{'0' * 32}.png", f"{prefix}/1-{rest}",
              url.replace(task.output.task_id, "00000000-0000-0000-0000-000000000000"),
              f"{gateway.url}/files/../gateway.sqlite3"]
    for link in forged:
        assert_error_shape(requests.get(link, timeout=5), 404, "NotFound")


def test_a_token_works_only_for_its_class(gateway_upstream, start_gateway, make_class):
    three_a = make_class("3A", 1)[0]
    three_b = make_class("3B", 1)[0]
    gateway = start_gateway(gateway_upstream)
    on_card = f"{gateway.url}/class/3A/api/v1"
    assert requests.post(on_card + TEXT, json=text_body("hi"), headers=auth(three_a), timeout=5).ok
    body = assert_error_shape(requests.post(on_card + TEXT, json=text_body("hi"), headers=auth(three_b), timeout=5),
                              401, "InvalidApiKey")
    assert "another class" in body["message"]
    gateway.stop()
    only_3a = start_gateway(gateway_upstream, classes=("3A",))  # today's lesson is 3A's
    body = assert_error_shape(requests.post(only_3a.api_url + TEXT, json=text_body("hi"), headers=auth(three_b),
                                            timeout=5), 401, "InvalidApiKey")
    assert "not open" in body["message"]
    assert requests.post(only_3a.api_url + TEXT, json=text_body("hi"), headers=auth(three_a), timeout=5).ok


def test_the_teacher_page_is_read_only_and_guarded(gateway, gateway_data, make_class):
    token = make_class("3B", 1)[0]
    requests.post(gateway.api_url + TEXT, json=text_body("<script>alert(1)</script> a poem"), headers=auth(token),
                  timeout=5)
    store = Store(gateway_data)
    teacher = store.new_teacher_token()
    store.close()
    page = gateway.url + "/teacher"
    refused = requests.get(page, timeout=5)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Basic")
    assert requests.get(page, headers=auth(token), timeout=5).status_code == 401
    assert requests.get(page, auth=("teacher", "wrong"), timeout=5).status_code == 401
    shown = requests.get(page, auth=("anyone", teacher), timeout=5)
    assert shown.status_code == 200 and shown.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in shown.headers["Content-Security-Policy"]
    assert "3B-01" in shown.text and "&lt;script&gt;alert(1)&lt;/script&gt; a poem" in shown.text
    assert "<script>" not in shown.text
    assert "'Noto Sans CJK TC'" in shown.text  # the page's own style is not escaped (autoescape is for values)
    assert requests.get(page, headers=auth(teacher), params={"class": "3B", "student": "3B-01"}, timeout=5).ok
    basic = base64.b64encode(f"x:{teacher}".encode()).decode()
    assert requests.post(page, headers={"Authorization": f"Basic {basic}"}, timeout=5).status_code == 405


def test_guessing_tokens_is_slowed_down_but_right_tokens_get_in(gateway_upstream, start_gateway, make_class):
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream, auth_failures_per_minute=3)
    for guess in range(3):
        assert requests.post(gateway.api_url + TEXT, json=text_body("hi"), timeout=5,
                             headers=auth(f"kit-gues-sxxx-xxxx-xxx{guess}")).status_code == 401
    blocked = requests.post(gateway.api_url + TEXT, json=text_body("hi"), headers=auth("kit-gues-sxxx-xxxx-xxx9"),
                            timeout=5)
    assert_error_shape(blocked, 429, "Throttling.Gateway.AuthFailures")
    assert blocked.headers["Retry-After"] == "60"
    # a class behind one proxy shares an address: a classmate's typos must not lock the others out
    assert requests.post(gateway.api_url + TEXT, json=text_body("hi"), headers=auth(token), timeout=5).ok
    assert requests.get(gateway.url + "/teacher", auth=("t", "wrong"), timeout=5).status_code == 429


def test_one_gateway_per_data_folder(gateway, start_gateway, gateway_upstream):
    with pytest.raises(RuntimeError, match="Another gateway"):
        start_gateway(gateway_upstream)
