"""A pupil's journey through a real JupyterHub in Chromium: log in, open lesson 0, Run All, a reply card arrives.

The hub is tests/realhub.py's (configured with docs/gateway.md's own block); the pupil's single-user server is
started by the hub's spawner, its kernel finds KIT_BASE_URL and the pupil's hub token in its environment, and the
reply comes from the fake DashScope through the hub's proxy and the classroom gateway.
"""

from __future__ import annotations

import os
import shutil

import pytest
from realhub import PASSWORD, REPO, HubUnavailable, RealHub
from support import SENTINEL_KEY

from .labkit import IDLE, LONG, cell_errors, run_all

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    from fake_dashscope import FakeDashScope

    with FakeDashScope(valid_keys=(SENTINEL_KEY,)) as upstream:
        real = RealHub(tmp_path_factory.mktemp("hub-browser"), upstream.base_url, SENTINEL_KEY)
        try:
            real.start()
        except HubUnavailable as reason:
            if os.environ.get("CI"):
                pytest.fail(f"JupyterHub could not start in CI: {reason}")
            pytest.skip(f"NO REAL-HUB BROWSER TEST: JupyterHub could not start here: {reason}")
        real.upstream_server = upstream
        yield real
        real.stop()


def test_a_pupil_runs_lesson_0_on_the_hub_and_gets_a_reply_from_the_gateway(hub, page, shots):
    home = hub.root / "home" / "amy"  # the lessons in the pupil's home, as the nbgitpuller link puts them
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "notebooks" / "en" / "00-start-here.ipynb", home)
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", "amy")
    page.fill("input[name=password]", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url("**/user/amy/**", timeout=LONG)  # the hub started amy's server and sent her there
    page.goto(f"{hub.url}/user/amy/lab/tree/00-start-here.ipynb")
    page.wait_for_function(IDLE, timeout=LONG)
    shots("lesson-0-on-the-hub")
    run_all(page)
    assert not cell_errors(page)
    setup = page.locator(".jp-Cell", has_text="kit.setup(backend").locator(".jp-OutputArea").first
    expect(setup).to_contain_text("Connected")
    expect(setup).to_contain_text("/services/storykit-gateway/api/v1")
    reply = page.locator(".jp-Cell", has_text='kit.ask("Hello!")').locator(".jp-OutputArea").first
    expect(reply).to_contain_text("Fake Qwen says", timeout=LONG)
    reply.scroll_into_view_if_needed()
    shots("reply-card", locator=page.locator(".jp-Cell", has_text='kit.ask("Hello!")').first)
    assert SENTINEL_KEY not in page.content()
    asked = hub.upstream_server.requests_to("text-generation")
    assert asked and all(r["headers"]["authorization"] == f"Bearer {SENTINEL_KEY}" for r in asked)
