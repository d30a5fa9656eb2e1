"""Shared pytest fixtures."""

import pytest

try:
    from fake_dashscope import FakeDashScope
except ImportError:  # tests/ imported as a package
    from tests.fake_dashscope import FakeDashScope


@pytest.fixture
def fake_dashscope():
    """A fake DashScope server on 127.0.0.1 (default options), stopped after the test.

    Point the SDK at it with ``dashscope.base_http_api_url = fake_dashscope.base_url`` (or monkeypatch) and
    call with ``api_key=fake_dashscope.api_key``.
    """
    with FakeDashScope() as server:
        yield server


# --- the kit, set up for one test -------------------------------------------------------------------
import os

import kit
import kit.settings as kit_settings
from kit import calls

# A key that looks real, made at run time so no key-shaped string is committed. Tests search everything
# the kit wrote for it: it must never appear.
SENTINEL_KEY = "sk-" + "sentinel" * 4


@pytest.fixture(autouse=True)
def _isolated_kit(monkeypatch, tmp_path):
    """Every test starts with no settings, no cached backend, fast retries, and its own work folder."""
    monkeypatch.setenv("KIT_RETRY_BASE", "0")
    monkeypatch.setenv("KIT_OFFLINE_STREAM_DELAY", "0")
    monkeypatch.setenv("KIT_NO_PROMPT", "1")
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.delenv("KIT_BACKEND", raising=False)
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


def everything_written(folder) -> str:
    """All text in all files under a folder, for searching for a secret."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                out.append(handle.read().decode("utf-8", "replace"))
    return "\n".join(out)
