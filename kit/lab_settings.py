"""JupyterLab set for a classroom: no news pop-up on first open, no extension manager, frequent autosave.

JupyterLab reads ``overrides.json`` in its application settings folder (``{sys.prefix}/share/jupyter/lab/settings``)
as the defaults of every user of that environment; a person can still change them in Settings. The kit ships its
classroom defaults here and ``storykit lab-settings`` (run by ``postBuild`` and the teacher's guide) merges them
into that file, keeping whatever a school put there already.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import entry_points
from pathlib import Path

OVERRIDES = {
    # "Would you like to receive official Jupyter news?" over the first notebook a class opens, and a request
    # to a website; the same switch stops the update check.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # Children do not install JupyterLab extensions; the manager's warnings are one more thing to dismiss.
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
    # Nothing a child made is lost: save every 30 seconds, not every 2 minutes.
    "@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": 30},
}
LANGUAGE_PLUGIN = "@jupyterlab/translation-extension:plugin"
LANGUAGE_PACK = "jupyterlab-language-pack-zh-TW"


def settings_dir(prefix: str | Path | None = None) -> Path:
    """Where JupyterLab in this environment looks for ``overrides.json``."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings"


def read(prefix: str | Path | None = None) -> dict:
    try:
        found = json.loads((settings_dir(prefix) / "overrides.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def install(prefix: str | Path | None = None, *, locale: str | None = None) -> Path:
    """Merge the classroom defaults (and, if given, JupyterLab's language, e.g. ``zh_TW``) into overrides.json."""
    merged = read(prefix)
    wanted = {**OVERRIDES, **({LANGUAGE_PLUGIN: {"locale": locale}} if locale else {})}
    for plugin, values in wanted.items():
        merged[plugin] = {**(merged.get(plugin) or {}), **values}
    path = settings_dir(prefix) / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def missing(prefix: str | Path | None = None) -> list[str]:
    """The classroom defaults not (or no longer) in force in overrides.json."""
    found = read(prefix)
    return [plugin for plugin, values in OVERRIDES.items()
            if any((found.get(plugin) or {}).get(key) != value for key, value in values.items())]


def language_packs() -> list[str]:
    """The JupyterLab language packs installed here (locale names such as ``zh_TW``)."""
    return sorted(entry.name for entry in entry_points(group="jupyterlab.languagepack"))
