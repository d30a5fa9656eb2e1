"""The gateway's HTTP layer under hostile or broken clients (issue #11): request framing is aiohttp's, body
limits hold for every framing before any token is looked at, a reset connection is one log line, and stopping
lets a request in progress finish (streams relayed as they come: tests/test_gateway.py).
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import struct
import threading
import time

import requests
from fake_dashscope import FakeDashScope
from support import SENTINEL_KEY

TEXT = "/services/aigc/text-generation/generation"


def text_body(words: str) -> bytes:
    return json.dumps({"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": words}]},
                       "parameters": {"result_format": "message", "incremental_output": True}}).encode()


def exchange(port: int, request: bytes) -> tuple[int, dict]:
    """Send raw bytes, then read one answer: its status and its JSON body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(request)
        answer = http.client.HTTPResponse(raw)
        answer.begin()
        return answer.status, json.loads(answer.read())


def test_a_negative_chunk_size_is_refused_before_the_body_is_read(gateway_upstream, start_gateway):
    """Before: ``int(b"-1", 16)`` made the old server read until the client closed, then answer 401."""
    gateway = start_gateway(gateway_upstream)
    head = (b"POST /api/v1" + TEXT.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n")
    status, body = exchange(gateway.port, head + b"x" * 1000)
    assert status == 400 and body["code"] == "InvalidParameter"


def test_body_limits_hold_for_every_framing_before_the_token_is_checked(gateway_upstream, start_gateway):
    gateway = start_gateway(gateway_upstream, max_body_bytes=1000)
    path = b"POST /api/v1" + TEXT.encode() + b" HTTP/1.1\r\nHost: x\r\n"
    chunks = b"".join(b"100\r\n" + b"y" * 256 + b"\r\n" for _ in range(5))
    chunked = exchange(gateway.port, path + b"Transfer-Encoding: chunked\r\n\r\n" + chunks)
    declared = exchange(gateway.port, path + b"Content-Length: 5000\r\n\r\n")  # answered before any body
    for status, body in (chunked, declared):  # no Authorization header: the size is refused first
        assert status == 413 and body["code"] == "InvalidParameter.RequestTooLarge"


def test_framing_errors_answer_in_the_service_shape(gateway_upstream, start_gateway):
    gateway = start_gateway(gateway_upstream)
    for request in (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"):
        status, body = exchange(gateway.port, request)
        assert status == 400 and body["code"] == "InvalidParameter" and body["request_id"]


def reset(port: int, sent: bytes) -> None:
    raw = socket.create_connection(("127.0.0.1", port), timeout=5)
    raw.sendall(sent)
    time.sleep(0.2)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
    raw.close()


def test_a_reset_connection_is_one_log_line(gateway_upstream, start_gateway, make_class, caplog, capfd):
    """Before: a reset while the request line or headers were read printed a 20-line traceback."""
    token = make_class("3A", 1)[0]
    gateway = start_gateway(gateway_upstream)
    caplog.set_level(logging.INFO, logger="kit.gateway")
    caplog.clear()
    reset(gateway.port, b"POST /api/v1" + TEXT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthor")  # mid-headers
    reset(gateway.port, b"POST /api/v1" + TEXT.encode() + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
          token.encode() + b"\r\nContent-Length: 1000\r\n\r\n{\"model\"")  # mid-body
    deadline = time.monotonic() + 5
    while "closed the connection" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.05)
    assert requests.get(gateway.url + "/healthz", timeout=5).ok
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO and "healthz" not in r.getMessage()]
    assert len(lines) == 1 and "closed the connection" in lines[0], lines
    printed = capfd.readouterr()
    assert "Traceback" not in caplog.text + printed.err + printed.out


def test_stopping_lets_a_request_in_progress_finish(make_class, start_gateway, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    token = make_class("3A", 1)[0]
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), text_delay=0.3) as slow:
        gateway = start_gateway(slow)
        answers = []

        def ask():
            answers.append(requests.post(gateway.api_url + TEXT, data=text_body("a poem"), timeout=30,
                                         headers={"Authorization": f"Bearer {token}"}))

        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(0.15)  # the request is upstream now
        gateway.stop()
        asker.join(timeout=30)
    assert answers and answers[0].status_code == 200 and answers[0].json()["output"]["choices"]
    try:
        requests.get(gateway.url + "/healthz", timeout=2)
        raise AssertionError("the port is still open after stop()")
    except requests.ConnectionError:
        pass
