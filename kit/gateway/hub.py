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
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote

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
