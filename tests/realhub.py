"""A real JupyterHub on 127.0.0.1 for the gateway's hub tests, configured with docs/gateway.md's own lines.

The hub (PyPI ``jupyterhub``) runs with ``configurable-http-proxy`` from ``node_modules/.bin`` (npm, installed by
``npm ci`` in ``make test``), the dummy authenticator (one shared test password), groups 3A and 3B, and the
local-process spawner. The gateway service is the fenced Python block of docs/gateway.md's "A hub-managed
service" section, taken as written: only its three addresses (gateway, proxy, data folder) are swapped for free
ports and a temporary folder, and the fake DashScope is named as the upstream. If the docs change, so does the hub.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "gateway.md"
PROXY_BIN = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "storykit-gateway"
PASSWORD = "test-password-for-every-pupil"
TEACHER = "ms-chan"  # the teacher's hub account, as docs/gateway.md names it
GROUPS = {"3A": ["amy"], "3B": ["ben"]}
USERS = ["amy", "ben", "cat", "dan", TEACHER]  # cat is in no group; dan is deleted by a test
# The docs' addresses, each of which must appear exactly once in the docs' block (so a change there is noticed).
DOCS_GATEWAY = "http://127.0.0.1:8787"
DOCS_PROXY = "http://127.0.0.1:80/"
DOCS_DATA = "/srv/storykit-gateway"


class HubUnavailable(Exception):
    """jupyterhub or its proxy cannot start on this machine: the reason is shown in the skip."""


def docs_hub_config() -> str:
    """The fenced Python block of docs/gateway.md that configures the gateway as a hub-managed service."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    found = [b for b in blocks if "c.JupyterHub.services" in b]
    assert len(found) == 1, "docs/gateway.md must have one jupyterhub_config.py block for the gateway service"
    return found[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _swap_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"docs/gateway.md's hub block should name {old!r} once"
    return text.replace(old, new)


class RealHub:
    """One JupyterHub process (with its proxy and the gateway it starts) in ``root``; ``stop()`` ends them."""

    def __init__(self, root: Path, upstream: str, key: str):
        self.root = root
        self.upstream = upstream
        self.key = key
        self.port, self.hub_port, self.proxy_api_port, self.gateway_port = (free_port() for _ in range(4))
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = f"{self.url}/hub/api"
        self.gateway_url = f"{self.url}/services/{SERVICE}"
        self.data = root / "gateway-data"
        self.log = root / "jupyterhub.log"
        self.process: subprocess.Popen | None = None

    def config_text(self) -> str:
        docs = docs_hub_config()
        docs = _swap_once(docs, DOCS_GATEWAY, f"http://127.0.0.1:{self.gateway_port}")
        docs = _swap_once(docs, DOCS_PROXY, f"{self.url}/")
        docs = _swap_once(docs, DOCS_DATA, str(self.data))
        root = str(self.root)
        return "\n".join([
            "# The test's own hub: loopback addresses, dummy logins, a local spawner.",
            f"c.JupyterHub.ip = '127.0.0.1'; c.JupyterHub.port = {self.port}",
            f"c.JupyterHub.hub_ip = '127.0.0.1'; c.JupyterHub.hub_port = {self.hub_port}",
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{self.proxy_api_port}'",
            f"c.ConfigurableHTTPProxy.command = [{str(PROXY_BIN)!r}]",
            f"c.JupyterHub.db_url = 'sqlite:///{root}/jupyterhub.sqlite'",
            f"c.JupyterHub.cookie_secret_file = '{root}/cookie_secret'",
            f"c.JupyterHub.pid_file = '{root}/jupyterhub.pid'",
            "c.JupyterHub.authenticator_class = 'dummy'",
            f"c.DummyAuthenticator.password = {PASSWORD!r}",
            f"c.Authenticator.allowed_users = {set(USERS)!r}",
            f"c.Authenticator.admin_users = {{{TEACHER!r}}}",
            f"c.JupyterHub.load_groups = {{g: {{'users': u}} for g, u in {GROUPS!r}.items()}}",
            "c.JupyterHub.spawner_class = 'simple'",
            f"c.Spawner.cmd = [{str(Path(sys.executable).with_name('jupyterhub-singleuser'))!r}]",
            ("c.Spawner.args = ['--LabApp.expose_app_in_browser=True', '--LabApp.news_url=None',"
             " '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']"
             " + (['--allow-root'] if __import__('os').geteuid() == 0 else [])  # tests/browser drive the lab"),
            f"c.SimpleLocalProcessSpawner.home_dir_template = '{root}/home/{{username}}'",
            "# ---- docs/gateway.md, as a school writes it ----",
            docs,
            "# ---- the fake DashScope is the test's upstream ----",
            f"c.JupyterHub.services[0]['command'] += ['--upstream', {self.upstream!r}, '--poll-interval', '0.05']",
        ])

    def start(self, timeout: float = 60.0) -> RealHub:
        if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
            raise HubUnavailable("jupyterhub is not installed in this venv (pip install -e '.[test]')")
        if not PROXY_BIN.exists():
            raise HubUnavailable(f"{PROXY_BIN} is missing (npm ci)")
        for name in GROUPS:  # docs: one gateway class per hub group, made before the hub starts the gateway
            subprocess.run([sys.executable, "-m", "kit.gateway", "class", "create", name, "--students", "0",
                            "--data", str(self.data)], check=True, capture_output=True)
        config = self.root / "jupyterhub_config.py"
        config.write_text(self.config_text(), encoding="utf-8")
        env = {**os.environ, "DASHSCOPE_API_KEY": self.key, "NO_PROXY": "127.0.0.1,localhost",
               "no_proxy": "127.0.0.1,localhost",
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)],
                                            cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubUnavailable(f"jupyterhub exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                if requests.get(f"{self.gateway_url}/api/v1/", timeout=2).status_code < 500 and \
                        requests.get(self.api, timeout=2).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise HubUnavailable(f"jupyterhub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # the hub stops its proxy, services and user servers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()

    # ---- the hub's REST API --------------------------------------------------------------------------------

    def token_for(self, user: str, scopes: list[str] | None = None) -> str:
        """A new API token of ``user``, asked for with their password (as a script or a login page would)."""
        body = {"auth": {"username": user, "password": PASSWORD}, "note": "hub test"}
        if scopes is not None:
            body["scopes"] = scopes
        answer = requests.post(f"{self.api}/users/{user}/tokens", json=body, timeout=10)
        answer.raise_for_status()
        return answer.json()["token"]

    def call(self, method: str, path: str, token: str, **kwargs) -> requests.Response:
        return requests.request(method, f"{self.api}{path}", headers={"Authorization": f"token {token}"},
                                timeout=30, **kwargs)

    def browser_login(self, user: str) -> requests.Session:
        """A requests session logged in to the hub through its login form, as a browser would be."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=10)
        form = {"username": user, "password": PASSWORD, "_xsrf": session.cookies.get("_xsrf", "")}
        answer = session.post(f"{self.url}/hub/login", data=form, timeout=30, allow_redirects=False)
        assert answer.status_code == 302, answer.text[:500]
        return session
