"""Fixtures for the real-browser tests: JupyterLab servers, one Chromium, a page per test, screenshots.

    lab          JupyterLab on the offline backend (KIT_BACKEND=offline, no stream delay), serving a copy of
                 notebooks/, for the whole session
    fake_lab     a second server whose kernels find a key and a base URL in their environment, pointing at the fake
                 DashScope (tests/fake_dashscope.py): the same notebooks, now "online", as on a school hub
    browser      one headless Debian Chromium (executable_path="/usr/bin/chromium") for the session
    page         a fresh browser context and page per test; uncaught page errors are collected on ``page.problems``
    shots        ``shots("step-name")`` saves a screenshot into test-artifacts/screenshots/<test name>/

Every test in this folder is marked ``browser`` and ``slow``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .labkit import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, SENTINEL_KEY, SHORT, Lab


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on the offline backend, serving a copy of notebooks/."""
    server = Lab(tmp_path_factory.mktemp("lab-offline"), {"KIT_BACKEND": "offline"}, "offline")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fake_dashscope_server():
    from fake_dashscope import FakeDashScope

    with FakeDashScope(valid_keys=(SENTINEL_KEY,), image_size=(256, 256)) as server:
        yield server


@pytest.fixture(scope="session")
def fake_lab(tmp_path_factory, fake_dashscope_server):
    """JupyterLab whose kernels find a key and a base URL in their environment: the fake DashScope answers.

    The key lives only in the server's environment, so the notebooks stay exactly as a class gets them.
    """
    server = Lab(tmp_path_factory.mktemp("lab-fake"),
                 {"DASHSCOPE_API_KEY": SENTINEL_KEY, "KIT_BASE_URL": fake_dashscope_server.base_url}, "fake")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_kernels(request):
    """After each test, end the kernels it started, so a long session does not pile up idle kernels."""
    yield
    for name in ("lab", "fake_lab"):
        if name in request.fixturenames:
            request.getfixturevalue(name).stop_kernels()


@pytest.fixture(scope="package")
def browser():
    """One Chromium for this folder's tests. Package scope, not session: a sync Playwright keeps an asyncio
    loop running in the main thread until it closes, which would break asyncio and Playwright in later test files."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("no Chromium (apt-get install chromium, or set KIT_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1,
                                  locale="en-GB")
    context.set_default_timeout(SHORT)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def shots(request, page):
    """``shots("name")`` saves the page; ``shots("name", locator=...)`` one element; ``full_page=True`` all of it."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    folder = ARTIFACTS / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    counter = {"n": 0}

    def take(step: str, *, locator=None, full_page: bool = False) -> Path:
        counter["n"] += 1
        path = folder / f"{counter['n']:02d}-{step}.png"
        if locator is not None:
            locator.screenshot(path=str(path))
        else:
            page.screenshot(path=str(path), full_page=full_page)
        return path

    take.folder = folder
    return take
