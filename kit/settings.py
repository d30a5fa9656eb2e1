"""Where the kit's choices live: backend, region, models, language and work folder, read once, in one place.

``kit.setup()`` fills a ``Settings`` and makes it current; every call reads ``current()``. The API key is kept
here and only here: it is masked in every repr, never written to disk, and registered with ``errors.redact``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n, models
from .errors import BadInput, ServiceProblem, remember_secret

BACKENDS = ("offline", "dashscope", "replay")

# Native DashScope endpoints, from the catalogue (kit/models.py). Hong Kong schools use Singapore ("intl") by
# default. REGIONS holds the fixed ones; "workspace" needs the workspace id (env DASHSCOPE_WORKSPACE_ID).
REGIONS = {key: r.endpoint for key, r in models.REGIONS.items() if "{" not in r.endpoint}
REGION_NAMES = {key: r.label for key, r in models.REGIONS.items()}

# The classroom defaults of the default region; each region's own are in kit/models.py.
DEFAULT_TEXT_MODEL = models.REGIONS["intl"].default_text
DEFAULT_IMAGE_MODEL = models.REGIONS["intl"].default_image
OFFLINE_TEXT_MODEL = "offline-practice-text"
OFFLINE_IMAGE_MODEL = "offline-practice-pictures"

# The account-wide limits of Wanxiang: two jobs running at once and two submissions a second.
IMAGE_JOBS_AT_ONCE = 2
IMAGE_SUBMITS_PER_SECOND = 2.0


@dataclass
class Settings:
    backend: str = "offline"
    region: str = "intl"
    base_url: str | None = None
    workspace: str | None = None
    language: str = "en"
    text_model: str = DEFAULT_TEXT_MODEL
    image_model: str = DEFAULT_IMAGE_MODEL
    workdir: Path = field(default_factory=lambda: Path("kit-work"))
    show_tracebacks: bool = False
    _api_key: str | None = field(default=None, repr=False, compare=False)

    @property
    def api_key(self) -> str | None:
        """The key, for the backend only. Never print it: use ``masked_key``."""
        return self._api_key

    @property
    def has_key(self) -> bool:
        return bool(self._api_key)

    @property
    def masked_key(self) -> str:
        if not self._api_key:
            return "(none)"
        return f"sk-…{self._api_key[-2:]}" if len(self._api_key) > 12 else "(set)"

    @property
    def endpoint(self) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        return models.REGIONS[self.region].endpoint.format(workspace=self.workspace or "").rstrip("/")

    @property
    def offline(self) -> bool:
        return self.backend == "offline"

    @property
    def models(self) -> tuple[str, str]:
        """The model names a person should see (offline shows its own honest names)."""
        if self.backend == "offline":
            return OFFLINE_TEXT_MODEL, OFFLINE_IMAGE_MODEL
        return self.text_model, self.image_model

    def __repr__(self) -> str:
        text_model, image_model = self.models
        return (
            f"Settings(backend={self.backend!r}, region={self.region!r}, endpoint={self.endpoint!r}, "
            f"language={self.language!r}, text_model={text_model!r}, image_model={image_model!r}, "
            f"workdir={str(self.workdir)!r}, key={self.masked_key})"
        )


_current: dict[str, Settings | None] = {"settings": None}


def current() -> Settings:
    """The settings in force; the first call without ``kit.setup()`` sets up quietly from the environment."""
    if _current["settings"] is None:
        make_current(resolve(ask_for_key=False, quiet=True)[0])
    return _current["settings"]  # type: ignore[return-value]


def make_current(settings: Settings) -> Settings:
    _current["settings"] = settings
    i18n.set_language(settings.language)
    remember_secret(settings.api_key)
    return settings


def _choose(name: str, value, choices):
    if value not in choices:
        raise BadInput("choice", name=name, value=value, choices=", ".join(choices))
    return value


def _in_notebook_with_a_person() -> bool:
    """True in a Jupyter kernel (not papermill/nbval/CI), where a masked prompt can reach a person."""
    if os.environ.get("CI") or os.environ.get("KIT_NO_PROMPT") or "PAPERMILL_EXECUTION" in os.environ:
        return False
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def _ask_for_key() -> str | None:
    """A masked prompt. In a kernel that cannot take input (papermill, nbval) this fails fast: go offline."""
    import getpass

    try:
        typed = getpass.getpass(i18n.t("key.ask"))
    except Exception:  # noqa: BLE001 - StdinNotImplementedError and friends: nobody can type here
        return None
    typed = (typed or "").strip()
    return typed or None


def _region(region, base_url) -> tuple[str, str | None]:
    """The region's key and, for a per-workspace endpoint, the workspace id (which must then be known)."""
    region = _choose("region", (region or os.environ.get("KIT_REGION") or "intl").lower(), tuple(models.REGIONS))
    workspace = os.environ.get("DASHSCOPE_WORKSPACE_ID") or None
    if region == "workspace" and not workspace and not base_url and not os.environ.get("KIT_BASE_URL"):
        raise ServiceProblem("workspace")
    return region, workspace


def _key(api_key, base_url, backend, ask_for_key: bool) -> str | None:
    """The key from the argument, the environment, a hub token for a gateway, or (only when asked for) a prompt."""
    key = api_key or os.environ.get("DASHSCOPE_API_KEY") or None
    if key is None and base_url and os.environ.get("JUPYTERHUB_API_TOKEN"):
        # On a JupyterHub with the classroom gateway, the student's own hub token identifies them to the
        # gateway: no key to hand out. Never sent unless a base_url (the gateway) was chosen.
        key = os.environ["JUPYTERHUB_API_TOKEN"]
    # The hidden box only for a child who chose "dashscope": a prompt nobody expects would stop Run All.
    if backend == "dashscope" and key is None and ask_for_key and _in_notebook_with_a_person():
        key = _ask_for_key()
    return key


def _chosen_message(settings: Settings) -> str:
    """One line saying which backend answers (and, online, which models in which region)."""
    if settings.backend == "offline":
        return i18n.message("offline.chosen", settings.language)
    if settings.backend == "replay":
        return i18n.message("replay.chosen", settings.language)
    return i18n.message("online.chosen", settings.language, text_model=settings.text_model,
                        image_model=settings.image_model,
                        region=settings.base_url or REGION_NAMES[settings.region])


def resolve(backend=None, *, api_key=None, region=None, base_url=None, language=None, text_model=None,
            image_model=None, workdir=None, ask_for_key=True, quiet=False) -> tuple[Settings, str]:
    """Work out the settings from arguments, then the environment, then sensible defaults.

    Returns the settings and a one-line explanation for the person (empty when quiet).
    """
    language = i18n.normalise_language(language or os.environ.get("KIT_LANGUAGE") or "en")
    region, workspace = _region(region, base_url)
    place = models.region(region)
    backend = (backend or os.environ.get("KIT_BACKEND") or "").strip().lower() or None
    if backend is not None:
        _choose("backend", backend, BACKENDS)
    base_url = base_url or os.environ.get("KIT_BASE_URL") or None
    key = _key(api_key, base_url, backend, ask_for_key)
    explanation = ""
    if backend is None:
        backend = "dashscope" if key else "offline"
        if backend == "offline":
            explanation = i18n.message("offline.explain", language)
    settings = Settings(
        backend=backend,
        region=region,
        base_url=base_url,
        workspace=workspace,
        language=language,
        text_model=text_model or os.environ.get("KIT_TEXT_MODEL") or place.default_text,
        image_model=image_model or os.environ.get("KIT_IMAGE_MODEL") or place.default_image,
        workdir=Path(workdir or os.environ.get("KIT_WORKDIR") or "kit-work"),
        show_tracebacks=bool(os.environ.get("KIT_TRACEBACKS")),
        _api_key=key if backend == "dashscope" else None,
    )
    if not explanation and not quiet:
        explanation = _chosen_message(settings)
    return settings, ("" if quiet else explanation)
