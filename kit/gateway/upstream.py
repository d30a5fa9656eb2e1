"""Everything that leaves the gateway: requests to the region's DashScope API with a teacher key, and the one
download of each finished picture.

Keys are grouped into *accounts*, because the service's limits belong to the account, not to the key. Each
account has its own image-job slots and submission window (see queue.py), its own pace of task look-ups, and
its own pace of text requests: a class pressing Enter together waits in line here (a fraction of a second)
rather than meeting the service's 429, and a 429 that comes all the same is waited out and tried again.
Text requests take turns over the accounts. The key is added to the request on its way out and nowhere else: it is never logged, stored or
returned, and ``scrub`` removes it from any text that came back from upstream, as a second lock on the door.
Only a fixed list of the student's headers is passed on, so nothing the student sends reaches the service
unchecked (their own token, above all, never does).
"""

from __future__ import annotations

import itertools
import json
import random
import time
from http.cookiejar import DefaultCookiePolicy

import requests
from requests.adapters import HTTPAdapter

from .config import UpstreamKey
from .limits import Pace, SubmitWindow
from .protocol import GENERATION, ApiError

# Not "x-dashscope-datainspection": a student must never be able to turn the safety filter's setting down.
PASSED_HEADERS = ("accept", "x-dashscope-sse", "x-accel-buffering")
USER_AGENT = "storykit-gateway/1.0"


class Account:
    """One Alibaba Cloud account: its keys (used in turn), its image slots and its submission window."""

    def __init__(self, name: str, keys: list[str], *, jobs_at_once: int, submits: int, window: float,
                 text_per_minute: int = 600, lookups_per_second: float = 15.0):
        self.name = name
        self._keys = list(keys)
        self._turn = itertools.count()
        self.jobs_at_once = jobs_at_once
        self.window = SubmitWindow(submits, window)
        self.inflight: dict[str, float] = {}   # gateway job id -> when to ask about it next (scheduler only)
        self.started: dict[str, float] = {}    # gateway job id -> when it was sent (monotonic; scheduler only)
        self.typical = 3.0                      # seconds a job usually takes here, learnt as jobs finish
        self.busy_until = 0.0                   # after a 429 from the service: wait until then
        self.text_pace = Pace(text_per_minute / 60.0, burst=max(1, text_per_minute // 60))
        self.lookup_pace = Pace(lookups_per_second, burst=max(1, int(lookups_per_second // 2)))

    def __repr__(self) -> str:
        return f"Account({self.name!r}, {len(self._keys)} key(s))"

    def key(self) -> str:
        return self._keys[next(self._turn) % len(self._keys)]

    def can_submit(self, now: float) -> bool:
        return len(self.inflight) < self.jobs_at_once and now >= self.busy_until and self.window.next_free(now) <= now


class Upstream:
    def __init__(self, base: str, keys: list[UpstreamKey], fingerprint, *, jobs_at_once: int = 2,
                 submits_per_window: int = 2, window: float = 1.1, text_per_minute: int = 600,
                 lookups_per_second: float = 15.0):
        self.base = base.rstrip("/")
        self._secrets = sorted({k.key for k in keys}, key=len, reverse=True)
        grouped: dict[str, list[str]] = {}
        for key in keys:
            grouped.setdefault(key.account or f"key-{fingerprint(key.key)}", []).append(key.key)
        self.accounts = [Account(name, group, jobs_at_once=jobs_at_once, submits=submits_per_window,
                                 window=window, text_per_minute=text_per_minute,
                                 lookups_per_second=lookups_per_second) for name, group in grouped.items()]
        self._text_turn = itertools.count()
        self._session = _shared_session()

    # ---- choosing an account -------------------------------------------------------------------------

    def account(self, name: str | None) -> Account | None:
        return next((a for a in self.accounts if a.name == name), None)

    def for_text(self) -> Account:
        """Accounts take turns; one that the service just called busy sits out until it is free."""
        now = time.monotonic()
        start = next(self._text_turn)
        for i in range(len(self.accounts)):
            account = self.accounts[(start + i) % len(self.accounts)]
            if account.busy_until <= now:
                return account
        return self.accounts[start % len(self.accounts)]

    # ---- requests ------------------------------------------------------------------------------------

    def headers(self, account: Account, client_headers: dict | None = None, *, asynchronous: bool = False) -> dict:
        headers = {k: v for k, v in (client_headers or {}).items() if k in PASSED_HEADERS}
        agent = (client_headers or {}).get("user-agent", "")
        headers.update({
            "Authorization": f"Bearer {account.key()}",
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"{agent}; {USER_AGENT}".strip("; ")[:300],
        })
        headers.setdefault("accept", "application/json")
        if asynchronous:
            headers["X-DashScope-Async"] = "enable"
        return headers

    def post(self, account: Account, path: str, body: bytes, *, client_headers: dict | None = None,
             asynchronous: bool = False, stream: bool = False, timeout: float = 60.0) -> requests.Response:
        return self._session.post(self.base + path, data=body, stream=stream, timeout=(10, timeout),
                                    headers=self.headers(account, client_headers, asynchronous=asynchronous))

    def post_text(self, body: bytes, *, client_headers: dict, timeout: float, wait: float,
                  path: str = GENERATION) -> requests.Response:
        """Send a generation request at its account's pace; a 429 is waited out (with jitter, longer each
        time) and the request sent again, for up to ``wait`` seconds, before the 429 is passed on."""
        deadline, attempt = time.monotonic() + wait, 0
        while True:
            account = self.for_text()
            _sleep_until(account.text_pace.reserve())
            answer = self.post(account, path, body, client_headers=client_headers, stream=True,
                               timeout=timeout)
            if answer.status_code != 429:
                return answer
            pause = min(8.0, 0.5 * 2 ** attempt) * random.uniform(0.75, 1.25)
            account.busy_until = time.monotonic() + pause
            account.text_pace.hold_until(account.busy_until)
            if time.monotonic() + pause > deadline:
                return answer
            answer.close()
            attempt += 1

    def look_up(self, account: Account, path: str) -> requests.Response:
        """A task look-up, within the account's look-up budget (about 20 a second on Wanxiang)."""
        _sleep_until(account.lookup_pace.reserve())
        return self.get(account, path)

    def get(self, account: Account, path: str, *, timeout: float = 30.0) -> requests.Response:
        headers = self.headers(account)
        del headers["Content-Type"]  # the service's GETs carry no body
        return self._session.get(self.base + path, timeout=(10, timeout), headers=headers)

    def download(self, url: str, max_bytes: int, timeout: float = 60.0) -> bytes:
        """Fetch a finished picture once (no key: the service's result links are signed URLs)."""
        with self._session.get(url, timeout=(10, timeout), stream=True) as answer:
            if answer.status_code != 200:
                raise OSError(f"download answered {answer.status_code}")
            data = bytearray()
            for chunk in answer.iter_content(64 * 1024):
                data += chunk
                if len(data) > max_bytes:
                    raise OSError(f"picture larger than {max_bytes} bytes")
        if not data:
            raise OSError("empty picture")
        return bytes(data)

    # ---- keeping the key in ---------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "[key hidden]")
        return text

    def scrub_bytes(self, data: bytes) -> bytes:
        for secret in self._secrets:
            raw = secret.encode("utf-8")
            if raw in data:
                data = data.replace(raw, b"[key hidden]")
        return data

    def error_from(self, answer: requests.Response, body: bytes | None = None) -> ApiError:
        """The service's error, in its own shape, for the student (a rejected teacher key is the teacher's
        problem, so it is not passed on as "your key is wrong")."""
        raw = answer.content if body is None else body
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            data = None
        if isinstance(data, dict) and (data.get("code") or data.get("message") or data.get("msg")):
            code = str(data.get("code") or "Unknown")
            message = self.scrub(str(data.get("message") or data.get("msg") or ""))
        else:
            code = "Unknown" if answer.status_code < 500 else "BadGateway"
            message = f"The service answered HTTP {answer.status_code} without an error body."
        if answer.status_code == 401 or code.startswith("InvalidApiKey"):
            return upstream_key_rejected()
        retry = None
        if answer.status_code == 429:
            retry = _seconds(answer.headers.get("Retry-After"), default=1.0)
        return ApiError(answer.status_code, code, message, retry_after=retry)


def _sleep_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def _shared_session() -> requests.Session:
    """One connection pool for all the gateway's threads (each student connection has its own thread, so a
    session per thread would open a new connection upstream for every request). Cookies are refused: nothing
    one student's request brings back may ride along on another's."""
    session = requests.Session()
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=64)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def upstream_key_rejected() -> ApiError:
    return ApiError(502, "Gateway.UpstreamKeyRejected",
                    "The service did not accept the classroom gateway's key. Please tell your teacher.")


def unreachable(problem: Exception) -> ApiError:
    if isinstance(problem, requests.exceptions.Timeout):
        return ApiError(504, "RequestTimeOut", "The service took too long to answer. Try again.")
    return ApiError(502, "Gateway.UpstreamUnreachable",
                    "The classroom gateway cannot reach the service just now. Try again in a minute.")


def _seconds(value, default: float) -> float:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return default
