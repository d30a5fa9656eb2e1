"""Shared pytest fixtures."""

import os

import pytest

try:
    from fake_dashscope import FakeDashScope
except ImportError:  # tests/ imported as a package
    from tests.fake_dashscope import FakeDashScope


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ``KIT_REQUIRE_BROWSER=1`` (CI sets it in .ci/run) a browser test that would skip fails instead, so CI
    cannot pass without running them. Without it, on a machine with no Chromium, they skip (``-rs`` says why)."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("browser") and os.environ.get("KIT_REQUIRE_BROWSER") == "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"KIT_REQUIRE_BROWSER=1, but this browser test would skip: {reason}"


@pytest.fixture
def fake_dashscope():
    """A fake DashScope server on 127.0.0.1 (default options), stopped after the test.

    Point the SDK at it with ``dashscope.base_http_api_url = fake_dashscope.base_url`` (or monkeypatch) and
    call with ``api_key=fake_dashscope.api_key``.
    """
    with FakeDashScope() as server:
        yield server


# --- the kit, set up for one test -------------------------------------------------------------------

from support import SENTINEL_KEY, everything_written  # noqa: F401 - re-exported for older imports

import kit
import kit.settings as kit_settings
from kit import calls


@pytest.fixture(autouse=True)
def _isolated_kit(monkeypatch, tmp_path):
    """Every test starts with no settings, no cached backend, fast retries, and its own work folder."""
    monkeypatch.setenv("KIT_RETRY_BASE", "0")
    monkeypatch.setenv("KIT_POLL_SCALE", "0.05")  # the real look-up schedule, twenty times faster
    monkeypatch.setenv("KIT_OFFLINE_STREAM_DELAY", "0")
    monkeypatch.setenv("KIT_NO_PROMPT", "1")
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.delenv("KIT_BACKEND", raising=False)
    monkeypatch.delenv("KIT_CLASS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    kit_settings._current["settings"] = None
    calls._backends.clear()
    yield
    kit_settings._current["settings"] = None
    calls._backends.clear()
    import sys

    if "dashscope" in sys.modules:  # leave the SDK pointing nowhere in particular
        sys.modules["dashscope"].api_key = None


@pytest.fixture
def workdir(tmp_path):
    return tmp_path / "kit-work"


@pytest.fixture
def offline_kit(workdir):
    return kit.setup("offline", workdir=workdir, quiet=True)


@pytest.fixture
def fake_server():
    """A fake DashScope that accepts only the sentinel key."""
    with FakeDashScope(valid_keys=(SENTINEL_KEY,)) as server:
        yield server


@pytest.fixture
def online_kit(fake_server, workdir):
    return kit.setup("dashscope", api_key=SENTINEL_KEY, base_url=fake_server.base_url, workdir=workdir, quiet=True)



# --- classroom gateway (kit/gateway): fixtures for tests/test_gateway*.py ---------------------------------
# The gateway runs in-process on 127.0.0.1 in front of a fake DashScope that accepts only the sentinel key,
# so any test can check that the key went upstream and came back nowhere.


@pytest.fixture
def gateway_data(tmp_path):
    """The gateway's data folder for this test."""
    return tmp_path / "gateway-data"


@pytest.fixture
def gateway_upstream(monkeypatch):
    """The fake DashScope behind the gateway: the teacher's (sentinel) key only, two jobs running at once."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with FakeDashScope(valid_keys=(SENTINEL_KEY,), step_seconds=0.05, max_running_jobs=2) as server:
        yield server


@pytest.fixture
def start_gateway(gateway_data):
    """``start_gateway(upstream, **config)`` starts a gateway on a free port; all are stopped after the test."""
    from kit.gateway import Gateway, GatewayConfig
    from kit.gateway.config import UpstreamKey

    started = []

    def start(upstream, **options):
        options.setdefault("keys", [UpstreamKey(SENTINEL_KEY)])
        options.setdefault("data", gateway_data)
        options.setdefault("port", 0)
        options.setdefault("poll_interval", 0.05)
        base = upstream if isinstance(upstream, str) else upstream.base_url
        gateway = Gateway(GatewayConfig(upstream=base, **options)).start()
        started.append(gateway)
        return gateway

    yield start
    for gateway in reversed(started):
        gateway.stop()


@pytest.fixture
def make_class(gateway_data):
    """``make_class("3A", 3, images_per_day=5)`` creates a class and returns its students' tokens."""
    from kit.gateway.store import Store

    def make(name: str = "3A", students: int = 3, **limits) -> list[str]:
        store = Store(gateway_data)
        try:
            store.create_class(name, limits)
            return [token for _label, token in store.add_students(name, students)]
        finally:
            store.close()

    return make
