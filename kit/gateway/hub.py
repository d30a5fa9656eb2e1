"""JupyterHub service authentication: a student on the hub is known by their hub identity, with no token to type.

Inside a single-user server JupyterHub puts the user's own API token in ``JUPYTERHUB_API_TOKEN``. The kit
sends it to the gateway as its "key"; the gateway asks the hub who owns it, the way JupyterHub's own
``HubAuth.user_for_token`` does: ``GET {JUPYTERHUB_API_URL}/user`` with ``Authorization: token <that token>``.
The hub answers with the user's model (name, groups, and the token's scopes), or 403 for a token it does not
know. This is done with ``requests``, so the gateway needs no ``jupyterhub`` package.

- The token must carry the scope ``access:services!service=<this service>`` (or ``access:services``), as
  HubAuth requires; see docs/gateway.md for the ``hub.loadRoles`` lines that grant it to user servers.
- The student's class is the first of their hub groups that is a gateway class, else ``--hub-class``.
  If the user model carries no groups (the token may not read them), the gateway asks
  ``GET /users/{name}`` with its own service token (``JUPYTERHUB_API_TOKEN`` of the service, which needs the
  ``read:users:groups`` scope).
- Answers are cached for a minute, keyed by a hash of the token, so the hub sees one question per student
  per minute, not one per request.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import requests

from .config import HubSettings
from .protocol import ApiError

CACHE_SECONDS = 60.0
CACHE_LIMIT = 10_000


@dataclass(frozen=True)
class HubUser:
    name: str
    groups: tuple[str, ...] = ()


class HubAuth:
    def __init__(self, settings: HubSettings, *, timeout: float = 5.0):
        self.settings = settings
        self.api_url = settings.api_url.rstrip("/")
        self.timeout = timeout
        self._cache: dict[str, tuple[float, HubUser | ApiError | None]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def user_for_token(self, token: str) -> HubUser | None:
        """The hub user who owns ``token``; None if the hub does not know it. Raises ApiError if the token
        lacks the scope to use this service, or if the hub cannot be asked."""
        key = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(key)
        if cached and cached[0] > now:
            found = cached[1]
        else:
            found = self._ask(token)
            with self._lock:
                if len(self._cache) >= CACHE_LIMIT:
                    self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
                    if len(self._cache) >= CACHE_LIMIT:
                        self._cache.clear()
                self._cache[key] = (now + _keep_for(found), found)
        if isinstance(found, ApiError):
            raise found
        return found

    def _ask(self, token: str) -> HubUser | ApiError | None:
        try:
            answer = self._session().get(f"{self.api_url}/user", timeout=self.timeout,
                                         headers={"Authorization": f"token {token}"})
        except requests.RequestException:
            return _hub_unreachable()
        if answer.status_code in (401, 403, 404):
            return None
        if answer.status_code != 200:
            return _hub_unreachable()
        try:
            model = answer.json()
        except ValueError:
            return _hub_unreachable()
        if not isinstance(model, dict) or model.get("kind", "user") != "user" or not model.get("name"):
            return None  # a service's token is not a student
        if not self._may_use_service(model):
            return ApiError(403, "Gateway.HubScopeMissing",
                            "This hub server may not use the classroom gateway yet: the hub admin must grant "
                            f"the scope access:services!service={self.settings.service_name}.")
        name = str(model["name"])
        groups = model.get("groups")
        if not isinstance(groups, list):
            groups = self._groups_of(name)
        return HubUser(name=name, groups=tuple(str(g) for g in groups))

    def _may_use_service(self, model: dict) -> bool:
        service = self.settings.service_name
        scopes = model.get("scopes")
        if not service or not isinstance(scopes, list):
            return True  # an older hub without scopes: the hub itself decided who may have a token
        return "access:services" in scopes or f"access:services!service={service}" in scopes

    def _groups_of(self, name: str) -> list[str]:
        if not self.settings.service_token:
            return []
        try:
            answer = self._session().get(f"{self.api_url}/users/{quote(name, safe='')}", timeout=self.timeout,
                                         headers={"Authorization": f"token {self.settings.service_token}"})
            groups = answer.json().get("groups") if answer.status_code == 200 else None
        except (requests.RequestException, ValueError, AttributeError):
            groups = None
        return groups if isinstance(groups, list) else []

    def class_for(self, user: HubUser, classes: list[str]) -> str | None:
        """The gateway class of a hub user: their first group that is a class, else the default class."""
        for group in user.groups:
            if group in classes:
                return group
        default = self.settings.default_class
        return default if default in classes else None


def _keep_for(found) -> float:
    """A known user is remembered for a minute; a refusal briefly; a hub that did not answer is asked again soon."""
    if isinstance(found, HubUser):
        return CACHE_SECONDS
    if isinstance(found, ApiError) and found.status == 502:
        return 2.0
    return 10.0


def _hub_unreachable() -> ApiError:
    return ApiError(502, "Gateway.HubUnreachable",
                    "The classroom gateway cannot check your hub login just now. Try again in a minute.")


# ---- the teacher page through the hub's own login (OAuth), as JupyterHub's HubOAuth does it ----------------

SESSION_SECONDS = 8 * 3600
TEACHERS_VARIABLE = "STORYKIT_HUB_TEACHERS"


@dataclass(frozen=True)
class HubLoginSettings:
    """What the hub gives a hub-managed service for OAuth, plus the teachers' hub names (the service's
    ``environment`` sets ``STORYKIT_HUB_TEACHERS``, comma-separated)."""
    client_id: str
    client_secret: str        # the service's own API token, as HubOAuth uses it
    api_url: str
    authorize_url: str        # a path on the hub's public address, for the browser
    callback: str             # the path the hub sends the browser back to (…/oauth_callback)
    teachers: frozenset[str]

    @classmethod
    def from_environment(cls, environ) -> HubLoginSettings | None:
        needed = ("JUPYTERHUB_CLIENT_ID", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL",
                  "JUPYTERHUB_OAUTH_CALLBACK_URL")
        if not all(environ.get(name) for name in needed):
            return None
        base = environ.get("JUPYTERHUB_BASE_URL", "/").rstrip("/")
        teachers = frozenset(n.strip() for n in environ.get(TEACHERS_VARIABLE, "").split(",") if n.strip())
        return cls(client_id=environ["JUPYTERHUB_CLIENT_ID"], client_secret=environ["JUPYTERHUB_API_TOKEN"],
                   api_url=environ["JUPYTERHUB_API_URL"].rstrip("/"),
                   authorize_url=f"{base}/hub/api/oauth2/authorize",
                   callback=environ["JUPYTERHUB_OAUTH_CALLBACK_URL"], teachers=teachers)


class HubLogin:
    """Send a browser to the hub's login, take the code it comes back with, and remember who it was.

    Sessions are random ids in an HttpOnly cookie, kept in memory only (a restart asks the hub again, which
    is silent while the teacher is logged in to the hub). A pupil who logs in is known, and refused."""

    def __init__(self, settings: HubLoginSettings, *, timeout: float = 5.0):
        self.settings = settings
        self.timeout = timeout
        self._lock = threading.Lock()
        self._states: dict[str, float] = {}
        self._sessions: dict[str, tuple[float, str]] = {}

    def authorize_url(self) -> tuple[str, str]:
        """Where to send the browser, and the state to keep in its cookie (against forged callbacks)."""
        state = secrets.token_urlsafe(24)
        with self._lock:
            now = time.monotonic()
            self._states = {s: t for s, t in self._states.items() if t > now}
            self._states[state] = now + 600
        query = urlencode({"client_id": self.settings.client_id, "redirect_uri": self.settings.callback,
                           "response_type": "code", "state": state})
        return f"{self.settings.authorize_url}?{query}", state

    def finish(self, code: str, state: str, cookie_state: str | None) -> str | None:
        """The new session id for the hub user who logged in; None if the callback is not the one we began."""
        with self._lock:
            expected = self._states.pop(state, None) if state else None
        if expected is None or expected < time.monotonic() or not cookie_state \
                or not secrets.compare_digest(state, cookie_state):
            return None
        try:
            token = requests.post(f"{self.settings.api_url}/oauth2/token", timeout=self.timeout, data={
                "client_id": self.settings.client_id, "client_secret": self.settings.client_secret,
                "grant_type": "authorization_code", "code": code, "redirect_uri": self.settings.callback,
            })
            access = token.json().get("access_token") if token.status_code == 200 else None
            model = requests.get(f"{self.settings.api_url}/user", timeout=self.timeout,
                                 headers={"Authorization": f"token {access}"}).json() if access else None
        except (requests.RequestException, ValueError):
            return None
        if not isinstance(model, dict) or not model.get("name"):
            return None
        session = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._sessions = {s: v for s, v in self._sessions.items() if v[0] > now}
            self._sessions[session] = (now + SESSION_SECONDS, str(model["name"]))
        return session

    def user(self, session: str | None) -> str | None:
        """The hub name behind a session cookie, while it lasts."""
        with self._lock:
            found = self._sessions.get(session or "")
        return found[1] if found and found[0] > time.monotonic() else None

    def is_teacher(self, name: str | None) -> bool:
        return bool(name) and name in self.settings.teachers
