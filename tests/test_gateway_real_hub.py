"""The classroom gateway inside a real JupyterHub (see tests/realhub.py for the hub and why it is real).

Pupils log in with the hub's API, their own single-user servers are started by the hub's spawner, and the kit
runs lessons with exactly the environment the hub gave those servers (read from the server process itself):
their hub token as the key, KIT_BASE_URL through the hub's proxy. One hub serves the whole file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import requests
from realhub import SERVICE, TEACHER, HubUnavailable, RealHub
from support import SENTINEL_KEY, everything_written

from kit.gateway.store import Store

try:
    from fake_dashscope import FakeDashScope
except ImportError:  # tests/ imported as a package
    from tests.fake_dashscope import FakeDashScope

pytestmark = [pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
LESSON_0 = REPO / "notebooks" / "en" / "00-start-here.ipynb"
PICTURES = REPO / "notebooks" / "en" / "04-drawing-with-wanxiang.ipynb"
TEXT = "/api/v1/services/aigc/text-generation/generation"


@pytest.fixture(scope="module")
def upstream():
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), step_seconds=0.05, max_running_jobs=2) as server:
        yield server


@pytest.fixture(scope="module")
def hub(upstream, tmp_path_factory):
    """A real JupyterHub with the gateway service from docs/gateway.md; skipped loudly if it cannot start."""
    real = RealHub(tmp_path_factory.mktemp("hub"), upstream.base_url, SENTINEL_KEY)
    try:
        real.start()
    except HubUnavailable as reason:
        if os.environ.get("CI"):  # CI installs jupyterhub (pip) and the proxy (npm ci): there it must start
            pytest.fail(f"JupyterHub could not start in CI: {reason}")
        pytest.skip(f"NO REAL-HUB TESTS: JupyterHub could not start here: {reason}")
    real.admin = real.token_for(TEACHER)
    yield real
    real.stop()


def server_environment(hub: RealHub, user: str) -> dict[str, str]:
    """Start ``user``'s single-user server (with their own login) and read its process environment."""
    own = hub.token_for(user)
    answer = hub.call("POST", f"/users/{user}/server", own)
    assert answer.status_code in (201, 202), answer.text
    for _ in range(120):
        model = hub.call("GET", f"/users/{user}", hub.admin).json()
        server = model["servers"].get("")
        if server and server.get("ready"):
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"{user}'s server did not start:\n{hub.log_tail()}")
    raw = Path(f"/proc/{server['state']['pid']}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode().split("\0") if "=" in item)


@pytest.fixture(scope="module")
def servers(hub):
    return {user: server_environment(hub, user) for user in ("amy", "ben")}


def run_lesson(notebook: Path, environment: dict[str, str], folder: Path) -> nbformat.NotebookNode:
    """papermill runs a lesson in a kernel with the single-user server's environment, as Run All there would."""
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / notebook.name
    env = {**environment, "KIT_RETRY_BASE": "0", "KIT_POLL_SCALE": "0.05", "KIT_OFFLINE_STREAM_DELAY": "0",
           "KIT_NO_PROMPT": "1", "MPLBACKEND": "Agg", "HOME": str(folder)}
    done = subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(executed), "--cwd", str(folder),
                           "-k", "python3", "--no-progress-bar"], check=False, env=env, capture_output=True, text=True,
                          timeout=300)
    ran = nbformat.read(executed, as_version=4)
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert done.returncode == 0 and not errors, (errors or done.stderr[-2000:])
    return ran


def students(hub: RealHub) -> dict[str, tuple[str, int]]:
    """Each hub user the gateway has met: (their class, their requests counted against their share)."""
    with sqlite3.connect(f"file:{hub.data / 'gateway.sqlite3'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT s.hub_user, s.class_name, COALESCE(SUM(u.requests), 0) FROM students s "
                          "LEFT JOIN usage u ON u.student_id = s.id WHERE s.hub_user IS NOT NULL "
                          "GROUP BY s.id").fetchall()
    return {name: (class_name, count) for name, class_name, count in rows}


def ask(hub: RealHub, token: str, words: str = "hello") -> requests.Response:
    return requests.post(hub.gateway_url + TEXT, timeout=30, headers={"Authorization": f"Bearer {token}"},
                         json={"model": "qwen-flash", "input": {"messages": [{"role": "user", "content": words}]},
                               "parameters": {"result_format": "message"}})


def test_the_servers_get_the_gateway_and_their_own_token_but_never_the_key(hub, servers):
    for user, env in servers.items():
        assert env["KIT_BASE_URL"] == f"{hub.gateway_url}/api/v1"  # through the hub's proxy
        assert env["JUPYTERHUB_USER"] == user and env["JUPYTERHUB_API_TOKEN"]
        assert "DASHSCOPE_API_KEY" not in env
        assert SENTINEL_KEY not in "\0".join(f"{k}={v}" for k, v in env.items())


def test_two_pupils_run_lessons_through_the_hub_as_themselves(hub, servers, upstream, tmp_path):
    lesson = run_lesson(LESSON_0, servers["amy"], tmp_path / "amy")
    run_lesson(PICTURES, servers["amy"], tmp_path / "amy-pictures")
    run_lesson(LESSON_0, servers["ben"], tmp_path / "ben")
    met = students(hub)
    assert met["amy"][0] == "3A" and met["ben"][0] == "3B"  # each pupil in the class of their hub group
    assert met["amy"][1] > met["ben"][1] > 0  # amy also drew: her requests are hers, not ben's
    assert upstream.requests_to("image-synthesis"), "the picture lesson reached the service through the gateway"
    calls = upstream.requests_to("text-generation") + upstream.requests_to("image-synthesis")
    assert calls and all(r["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}" for r in calls)
    # the teacher's key is nowhere a pupil can see: not in the notebook, the work folders, nor the servers' homes
    assert SENTINEL_KEY not in nbformat.writes(lesson)
    assert SENTINEL_KEY not in everything_written(tmp_path)
    assert SENTINEL_KEY not in everything_written(hub.root / "home")
    # and no pupil's hub token went upstream
    tokens = [env["JUPYTERHUB_API_TOKEN"] for env in servers.values()]
    assert not any(t in str(r) for t in tokens for r in upstream.requests)


def test_quotas_are_per_pupil(hub, servers):
    store = Store(hub.data)
    try:
        store.set_class_limits("3A", {"requests_per_day": students(hub).get("amy", ("3A", 0))[1] + 1})
    finally:
        store.close()
    amy, ben = servers["amy"]["JUPYTERHUB_API_TOKEN"], servers["ben"]["JUPYTERHUB_API_TOKEN"]
    assert ask(hub, amy).status_code == 200
    refused = ask(hub, amy)
    assert refused.status_code == 429 and refused.json()["code"] == "Throttling.Quota.Student"
    assert ask(hub, ben).status_code == 200  # ben's share is his own


def test_a_pupil_in_no_group_lands_in_the_default_class(hub):
    cat = server_environment(hub, "cat")["JUPYTERHUB_API_TOKEN"]
    assert ask(hub, cat).status_code == 200
    assert students(hub)["cat"][0] == "visitors"  # --hub-class in the docs' configuration


def test_a_user_token_without_the_service_scope_is_refused(hub):
    plain = hub.token_for("cat", scopes=["read:users:name!user"])  # a token made without the service's scope
    answer = ask(hub, plain)
    assert answer.status_code == 403 and answer.json()["code"] == "Gateway.HubScopeMissing"
    assert f"access:services!service={SERVICE}" in answer.json()["message"]


def test_stopped_servers_and_deleted_users_are_refused(hub):
    stopped = server_environment(hub, "dan")["JUPYTERHUB_API_TOKEN"]
    assert hub.call("DELETE", "/users/dan/server", hub.admin).status_code in (202, 204)
    assert ask(hub, stopped).status_code == 401  # the hub revoked the server's token when it stopped
    deleted = server_environment(hub, "dan")["JUPYTERHUB_API_TOKEN"]
    assert hub.call("DELETE", "/users/dan", hub.admin).status_code == 204
    refused = ask(hub, deleted)
    assert refused.status_code == 401 and refused.json()["code"] == "InvalidApiKey"
    assert "dan" not in students(hub)


def test_the_teacher_page_is_for_the_teachers_hub_account_only(hub):
    teacher = hub.browser_login(TEACHER)
    page = teacher.get(f"{hub.gateway_url}/teacher", timeout=30)  # redirected to the hub's OAuth and back
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    assert [r.status_code for r in page.history] and page.url.endswith(f"/services/{SERVICE}/teacher")
    assert "Classroom gateway" in page.text and "3A" in page.text  # the usage of the hub group classes
    pupil = hub.browser_login("amy")
    refused = pupil.get(f"{hub.gateway_url}/teacher", timeout=30)
    assert refused.status_code == 403 and "amy" not in refused.text
    stranger = requests.get(f"{hub.gateway_url}/teacher", timeout=30, allow_redirects=False)
    assert stranger.status_code == 302 and "/hub/api/oauth2/authorize" in stranger.headers["Location"]
    forged = requests.get(f"{hub.gateway_url}/oauth_callback?code=x&state=y", timeout=30, allow_redirects=False,
                          cookies={"storykit-oauth-state": "y"})
    assert forged.status_code == 403
