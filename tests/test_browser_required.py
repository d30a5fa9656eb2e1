"""CI must run the browser tests: with KIT_REQUIRE_BROWSER=1 a browser test that would skip fails instead.

Run in a subprocess with a Chromium that is not there, so the browser fixture skips as it would on a bare machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
ONE_BROWSER_TEST = "tests/browser/test_export_csp.py"


def run_browser_test(**env) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if name != "KIT_REQUIRE_BROWSER"}
    environment.update(KIT_CHROMIUM=str(TESTS / "no-such-chromium"), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
                          check=False, cwd=TESTS.parent, env=environment, capture_output=True, text=True, timeout=300)


def test_without_a_browser_the_browser_tests_skip_and_say_why():
    done = run_browser_test()
    assert done.returncode == 0 and "skipped" in done.stdout and "no Chromium" in done.stdout, done.stdout


def test_ci_turns_that_skip_into_a_failure():
    done = run_browser_test(KIT_REQUIRE_BROWSER="1")
    assert done.returncode == 1 and "KIT_REQUIRE_BROWSER=1, but this browser test would skip" in done.stdout, \
        done.stdout
