"""Helpers for the real-browser tests: a JupyterLab server, driving a notebook, axe-core.

The recipe is the checked one from the team's Jupyter tooling notes (section 6): JupyterLab on a free port with no
token, serving a *copy* of ``notebooks/`` (Run All makes a notebook dirty and autosave would write it), and
Chromium launched with ``--no-sandbox`` and the flags that stop it calling out on this closed network.
The fixtures that use these are in ``conftest.py`` beside this file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from support import SENTINEL_KEY  # noqa: F401 - tests/support.py: the suite's key, built at run time

from kit.export.browser import which_browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = which_browser()   # the kit's own finder ($KIT_CHROMIUM, then chromium on the PATH); None without one
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

# The set-up cell every lesson starts with (tests/test_colab_setup.py checks it), comments left out.
SETUP_CELL = ('import importlib.util, os\nif importlib.util.find_spec("kit") is None:\n'
              '    source = os.environ.get("KIT_PIP_SOURCE", "qwen-storybook-kit")\n'
              '    %pip install --quiet {source}\nimport kit')

LONG = 120_000      # ms: running a whole lesson on 2 busy cores
SHORT = 30_000

IDLE = ("() => { const w = window.jupyterapp?.shell.currentWidget;"
        " return w?.sessionContext?.session?.kernel?.status === 'idle'; }")
ALL_RAN = """() => {
  const w = window.jupyterapp?.shell.currentWidget;
  const k = w?.sessionContext?.session?.kernel;
  if (!w?.content || k?.status !== 'idle') return false;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null && !c.promptNode?.textContent.includes('*'));
}"""


# --- the JupyterLab server -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """One JupyterLab server serving ``root`` (a copy of notebooks/), stopped by ``stop()``."""

    def __init__(self, base: Path, env: dict[str, str], name: str, args: tuple[str, ...] = ()):
        self.name = name
        self.base = base
        self.root = base / "root"
        shutil.copytree(ROOT / "notebooks", self.root)
        config = base / "config"
        (config / "labconfig").mkdir(parents=True)
        # No "would you like news?" toast over the notebook (the reference disables this plugin the same way).
        (config / "labconfig" / "page_config.json").write_text(json.dumps(
            {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "server.log"
        self.env = {
            **{k: v for k, v in os.environ.items()
               if not k.startswith(("KIT_", "DASHSCOPE", "JUPYTER", "JPY_", "PAPERMILL", "PYTEST"))},
            "HOME": str(base / "home"), "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_RUNTIME_DIR": str(base / "runtime"), "JUPYTER_DATA_DIR": str(base / "data"),
            "IPYTHONDIR": str(base / "ipython"), "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
            "KIT_OFFLINE_STREAM_DELAY": "0", "KIT_RETRY_BASE": "0", "KIT_NO_PROMPT": "1",
            "PYTHONWARNINGS": "ignore", **env,
        }
        (base / "home").mkdir()
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={self.root}",
                   "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   f"--LabServerApp.workspaces_dir={base / 'workspaces'}",
                   f"--LabServerApp.user_settings_dir={base / 'settings'}", *args]
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=self.root, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer in {timeout:.0f} s:\n{self.log_text()[-3000:]}")

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def notebook_url(self, relative: str) -> str:
        return f"{self.url}/lab/tree/{relative}?reset"

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read().decode()
        return json.loads(text) if text else None

    def stop_kernels(self) -> None:
        """End every kernel (each test opens its notebook in a fresh one)."""
        for session in self.api("/api/sessions") or []:
            try:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
            except OSError:
                pass

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, 15)       # the server and the kernels it started (its own group)
                self.process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, 9)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=10)
        self.log.close()


# --- driving a notebook --------------------------------------------------------------------------------------

def open_notebook(page, server: Lab, relative: str) -> None:
    """Open a notebook in a fresh workspace and wait for its kernel to be idle."""
    page.goto(server.notebook_url(relative))
    page.wait_for_function(IDLE, timeout=LONG)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=LONG)


def lab_command(page, command: str, args: dict | None = None) -> None:
    page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a)", [command, args or {}])


def run_all(page, timeout: int = LONG) -> None:
    """Run every cell, as a child pressing ⏩, and wait until each has run and the kernel is idle."""
    lab_command(page, "notebook:run-all-cells")
    page.wait_for_function(ALL_RAN, timeout=timeout, polling=250)


def cell_errors(page) -> list[str]:
    """The text of every error output (tracebacks) in the open notebook."""
    return page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()


def write_notebook(server: Lab, relative: str, sources: list[str], *, language: str = "en") -> str:
    """A notebook of code cells in the server's root (what a teacher or a child would save)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    path = server.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return relative


def save_notebook(page) -> None:
    """Save the open notebook (Ctrl+S), with its widget state, and wait until it is no longer dirty."""
    lab_command(page, "docmanager:save")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=LONG)


# --- accessibility -------------------------------------------------------------------------------------------

def run_axe(page, context: str | None = None, *, exclude: list[str] | None = None) -> dict:
    """axe-core's results for the page (or the part ``context`` selects), best-practice rules included."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` in the repo folder")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    target = {"include": [[context]] if context else [["html"]], "exclude": [[each] for each in exclude or []]}
    return page.evaluate("""async (target) => {
        const r = await window.axe.run(target, {resultTypes: ['violations', 'incomplete'],
                                                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
                                                'wcag21aa', 'wcag22aa', 'best-practice']}});
        const slim = v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                                      summary: n.failureSummary}))});
        return {violations: r.violations.map(slim), incomplete: r.incomplete.map(slim)};
    }""", target)


# Markup that is ipywidgets' own, not the kit's: the FloatSlider's handle (noUiSlider) has role="slider" and no
# name, and ipywidgets offers no way to give it one (the slider's description is a separate <label>).
NOT_OURS = ("noUi-handle",)


def serious(results: dict, *, ours_only: bool = True) -> list[dict]:
    """Serious and critical violations; by default leaving out nodes that are ipywidgets' own markup."""
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = [n for n in violation["nodes"]
                 if not (ours_only and any(mark in n["target"] + n["html"] for mark in NOT_OURS))]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " +
                     "\n    ".join(f"{n['target']}: {n['html']}" for n in v["nodes"][:6]) for v in violations)
