"""What ``storykit gateway serve`` was told, in one dataclass, and where the teacher's keys come from.

The keys are read from ``DASHSCOPE_API_KEY`` or from a keys file (one key a line, optionally followed by the
name of the Alibaba Cloud account it belongs to). Keys of one account share that account's limits, so the
gateway groups them; a key with no account name is taken to be an account of its own. Each key is registered
with ``kit.errors.remember_secret`` the moment it is read, so ``redact`` removes it from every log line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import models
from ..errors import remember_secret
from ..settings import REGIONS

DEFAULT_PORT = 8787
# The models every class may use: the classroom defaults (text, pictures, looking at pictures, reading aloud,
# a picture from the child's drawing). A class adds more with
# ``storykit gateway class set NAME --allow-model ID`` or ``models = ...`` in quotas.ini; any other model is
# refused, so a share sized for qwen-flash cannot be spent on a model many times dearer.
CLASSROOM_MODELS: tuple[str, ...] = (models.region("intl").default_text, models.region("intl").default_image,
                                     models.DEFAULT_VISION, models.DEFAULT_SPEECH_MODEL, models.EDIT_MODELS[0])
DEFAULT_DATA = "~/storykit-gateway"


class ConfigProblem(Exception):
    """Something the teacher must fix before the gateway can start; the message says what."""


@dataclass(frozen=True)
class UpstreamKey:
    """One DashScope key and the account it belongs to. The key never appears in its repr."""

    key: str = field(repr=False)
    account: str = ""

    def __post_init__(self):
        remember_secret(self.key)


@dataclass
class HubSettings:
    """How to reach JupyterHub when the gateway runs as a hub service (see hub.py)."""

    api_url: str
    service_token: str | None = field(default=None, repr=False)
    service_name: str | None = None
    default_class: str | None = None

    def __post_init__(self):
        remember_secret(self.service_token)


@dataclass
class GatewayConfig:
    data: Path
    upstream: str
    keys: list[UpstreamKey]
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    prefix: str = ""                 # e.g. /services/storykit-gateway when JupyterHub's proxy routes to us
    public_url: str | None = None    # how students reach the gateway, for picture links (default: their Host)
    classes: tuple[str, ...] = ()    # serve only these classes (empty: every class in the data folder)
    hub: HubSettings | None = None
    max_body_bytes: int = 256 * 1024
    max_picture_body_bytes: int = 4 * 1024 * 1024   # a vision request carries its pictures (the kit sends <= 1024 px)
    max_edit_body_bytes: int = 8 * 1024 * 1024   # an image2image job carries 1 to 3 pictures as data URLs
    max_image_bytes: int = 20 * 1024 * 1024
    poll_interval: float = 2.0       # the longest wait between status checks of one upstream image job
    lookups_per_second: float = 15.0  # task look-ups per account (Wanxiang allows about 20 a second)
    text_per_minute: int = 600       # text requests per account (qwen-flash: about 600 a minute in Singapore)
    jobs_at_once: int = 2            # image jobs running at once, per account (the Wanxiang limit)
    submits_per_second: int = 2      # image submissions in any window of ``submit_window`` seconds, per account
    submit_window: float = 1.1       # one second plus a margin for network jitter
    text_at_once: int = 32           # text requests in flight upstream at once, over all accounts
    text_timeout: float = 150.0
    text_busy_wait: float = 30.0     # how long a text request waits out the service's 429s before passing one on
    auth_failures_per_minute: int = 30
    workers: int = 256               # threads doing requests' work (waiting for a place upstream holds one)
    body_seconds: float = 60.0       # the longest a client may take to send a request body
    shutdown_seconds: float = 10.0   # on stop, how long requests in progress may take to finish

    def __post_init__(self):
        self.data = Path(self.data).expanduser()
        self.upstream = self.upstream.rstrip("/")
        self.prefix = "/" + self.prefix.strip("/") if self.prefix.strip("/") else ""
        if not self.keys:
            raise ConfigProblem("No DashScope key: set DASHSCOPE_API_KEY or pass --keys-file.")
        if not self.upstream.startswith(("http://", "https://")):
            raise ConfigProblem(f"The upstream must be an http(s) URL, not {self.upstream!r}.")


def upstream_for(region: str | None, upstream: str | None) -> str:
    """The native API base of the region, unless an explicit upstream URL overrides it."""
    if upstream:
        return upstream.rstrip("/")
    region = (region or "intl").lower()
    if region not in REGIONS:
        raise ConfigProblem(f"Unknown region {region!r}: use one of {', '.join(REGIONS)}.")
    return REGIONS[region]


def read_keys(keys_file: str | os.PathLike | None = None, environ=None) -> list[UpstreamKey]:
    """The keys from the file (``KEY [ACCOUNT]`` a line, ``#`` comments), else from ``DASHSCOPE_API_KEY``."""
    environ = os.environ if environ is None else environ
    if keys_file:
        path = Path(keys_file).expanduser()
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="utf-8")
        except OSError as problem:
            raise ConfigProblem(f"Cannot read the keys file {path}: {problem.strerror}.") from None
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigProblem(f"The keys file {path} can be read by other users: run  chmod 600 {path}")
        keys = []
        for number, line in enumerate(text.splitlines(), 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if len(words) > 2:
                raise ConfigProblem(f"{path}, line {number}: write a key, optionally followed by an account name.")
            keys.append(UpstreamKey(words[0], words[1] if len(words) == 2 else ""))
        if not keys:
            raise ConfigProblem(f"The keys file {path} holds no key.")
        return keys
    key = (environ.get("DASHSCOPE_API_KEY") or "").strip()
    return [UpstreamKey(key)] if key else []


def hub_from_environment(environ=None, default_class: str | None = None) -> HubSettings | None:
    """JupyterHub gives its services ``JUPYTERHUB_API_URL`` and ``JUPYTERHUB_API_TOKEN``; None outside a hub."""
    environ = os.environ if environ is None else environ
    api_url = environ.get("JUPYTERHUB_API_URL")
    if not api_url:
        return None
    return HubSettings(api_url=api_url.rstrip("/"), service_token=environ.get("JUPYTERHUB_API_TOKEN") or None,
                       service_name=environ.get("JUPYTERHUB_SERVICE_NAME") or None, default_class=default_class)
