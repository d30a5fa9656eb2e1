"""The gateway as a JupyterHub service: students are known by their hub token, behind the hub's URL prefix.

A tiny fake of the hub's REST API (``GET /hub/api/user`` with the user's token, ``GET /hub/api/users/{name}``
with the service's token) runs on 127.0.0.1; the students' kernels send their ``JUPYTERHUB_API_TOKEN`` as the key.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from support import SENTINEL_KEY

import kit
from kit.gateway.config import HubSettings
from kit.gateway.store import Store

SERVICE = "storykit-gateway"
PREFIX = f"/services/{SERVICE}"
SERVICE_TOKEN = "hub-service-token-for-the-gateway"
ACCESS = [f"access:services!service={SERVICE}", "users:activity!user"]
USERS = {
    "hub-token-alice": {"kind": "user", "name": "alice", "groups": ["3A", "choir"], "scopes": ACCESS},
    "hub-token-bob": {"kind": "user", "name": "bob", "scopes": ACCESS},  # groups not readable with this token
    "hub-token-carol": {"kind": "user", "name": "carol", "groups": ["3A"], "scopes": ["users:activity!user"]},
    "hub-token-dave": {"kind": "user", "name": "dave", "groups": [], "scopes": ["access:services"]},
    "hub-token-service": {"kind": "service", "name": "some-other-service", "scopes": ACCESS},
}
GROUPS = {"bob": ["3B"]}
TEXT = "/services/aigc/text-generation/generation"


class FakeHub:
    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                token = self.headers.get("Authorization", "").removeprefix("token ")
                hub.requests.append((self.path, token))
                if self.path == "/hub/api/user" and token in USERS:
                    self.answer(200, USERS[token])
                elif self.path.startswith("/hub/api/users/") and token == SERVICE_TOKEN:
                    name = self.path.rsplit("/", 1)[1]
                    self.answer(200, {"kind": "user", "name": name, "groups": GROUPS.get(name, [])})
                else:
                    self.answer(403, {"status": 403, "message": "Forbidden"})

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_url = f"http://127.0.0.1:{self.server.server_address[1]}/hub/api"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub():
    server = FakeHub()
    yield server
    server.stop()


@pytest.fixture
def hub_gateway(hub, gateway_upstream, start_gateway, make_class):
    make_class("3A", 1)
    make_class("3B", 1)
    settings = HubSettings(api_url=hub.api_url, service_token=SERVICE_TOKEN, service_name=SERVICE,
                           default_class="hub-visitors")
    return start_gateway(gateway_upstream, hub=settings, prefix=PREFIX)


def ask(gateway, token, words="hello"):
    return requests.post(gateway.api_url + TEXT, timeout=10, headers={"Authorization": f"Bearer {token}"},
                         json={"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": words}]},
                               "parameters": {"result_format": "message"}})


def student_named(data, name):
    store = Store(data)
    try:
        return next(s for s in store.students() if s.hub_user == name)
    finally:
        store.close()


def test_a_hub_user_needs_no_token_of_their_own(hub, hub_gateway, gateway_upstream, gateway_data, workdir):
    assert hub_gateway.api_url.endswith(f"{PREFIX}/api/v1")
    kit.setup("dashscope", api_key="hub-token-alice", base_url=hub_gateway.api_url, workdir=workdir, quiet=True)
    kit.ask("Hello from the hub")
    picture = kit.draw("a hub picture")
    assert picture.data.startswith(b"\x89PNG")
    alice = student_named(gateway_data, "alice")
    assert (alice.class_name, alice.label) == ("3A", "alice")  # the first hub group that is a class
    assert [p for p, _ in hub.requests] == ["/hub/api/user"]  # asked once, then remembered
    upstream = gateway_upstream.requests_to("text-generation")[0]["headers"]["authorization"]
    assert upstream == f"Bearer {SENTINEL_KEY}"  # the hub token stays at the gateway
    assert all("hub-token-alice" not in json.dumps(r["headers"]) for r in gateway_upstream.requests)


def test_groups_come_from_the_service_token_when_the_user_token_cannot_read_them(hub, hub_gateway, gateway_data):
    assert ask(hub_gateway, "hub-token-bob").status_code == 200
    assert student_named(gateway_data, "bob").class_name == "3B"
    assert ("/hub/api/users/bob", SERVICE_TOKEN) in hub.requests


def test_a_user_in_no_class_group_joins_the_default_class(hub_gateway, gateway_data):
    assert ask(hub_gateway, "hub-token-dave").status_code == 200
    assert student_named(gateway_data, "dave").class_name == "hub-visitors"


def test_hub_tokens_without_the_access_scope_or_unknown_are_refused(hub_gateway):
    denied = ask(hub_gateway, "hub-token-carol")
    assert denied.status_code == 403 and denied.json()["code"] == "Gateway.HubScopeMissing"
    assert f"access:services!service={SERVICE}" in denied.json()["message"]
    assert ask(hub_gateway, "hub-token-nobody").status_code == 401
    assert ask(hub_gateway, "hub-token-service").status_code == 401  # a service is not a student


def test_card_tokens_still_work_beside_the_hub(hub_gateway, make_class):
    token = make_class("3C", 1)[0]
    assert ask(hub_gateway, token).status_code == 200


def test_a_hub_that_does_not_answer_is_a_clear_502(gateway_upstream, start_gateway, make_class):
    make_class("3A", 1)
    gone = HubSettings(api_url="http://127.0.0.1:9/hub/api", service_name=SERVICE)
    gateway = start_gateway(gateway_upstream, hub=gone)
    answer = ask(gateway, "hub-token-alice")
    assert answer.status_code == 502 and answer.json()["code"] == "Gateway.HubUnreachable"


def test_wrong_tokens_never_lock_out_a_right_hub_token(hub, gateway_upstream, start_gateway, make_class):
    """Before: after the wrong-token limit, a hub token not yet cached got 429 for a minute, so one student
    behind the school's proxy locked out the class."""
    make_class("3A", 1)
    settings = HubSettings(api_url=hub.api_url, service_token=SERVICE_TOKEN, service_name=SERVICE)
    gateway = start_gateway(gateway_upstream, hub=settings, prefix=PREFIX, auth_failures_per_minute=3)
    for guess in range(4):
        assert ask(gateway, f"hub-token-guess-{guess}").status_code in (401, 429)
    assert ask(gateway, "hub-token-guess-9").status_code == 429  # guesses are still slowed down
    assert ask(gateway, "hub-token-alice").status_code == 200    # never asked before: not cached
