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
MENU_PLUGIN = "@jupyterlab/mainmenu-extension:plugin"
EXPORT_SUBMENU = "jp-mainmenu-file-notebookexport"
# File > Save and Export Notebook As: JupyterLab 4 lists every nbconvert exporter under its format name,
# capitalised ("Storybook_pdf"); its export command takes the menu label as an argument, so the lessons' words
# come in as menu items of their own, first in the submenu. (JupyterLab offers no setting to rename or hide the
# automatic items, so those stay below.) English, and Chinese for a room whose JupyterLab speaks zh_TW.
EXPORTS = (("storybook", "Storybook (HTML)", "故事書（HTML）"), ("storybook_pdf", "Storybook (PDF)", "故事書（PDF）"),
           ("storybook_epub", "Storybook (EPUB e-book)", "故事書（EPUB 電子書）"),
           ("novel", "Interactive novel (HTML)", "互動小說（HTML）"),
           ("picture_card", "Picture card (HTML)", "圖畫卡（HTML）"),
           ("picture_card_png", "Picture card (PNG)", "圖畫卡（PNG）"))
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


def export_menu(locale: str | None = None) -> dict:
    """The main menu's settings that put the exporters' friendly names first in the File menu's export submenu."""
    chinese = (locale or "").startswith("zh")
    items = [{"command": "notebook:export-to-format", "rank": 0,
              "args": {"format": format_, "label": zh if chinese else en, "isPalette": False}}
             for format_, en, zh in EXPORTS]
    return {"menus": [{"id": "jp-mainmenu-file", "items": [
        {"type": "submenu", "submenu": {"id": EXPORT_SUBMENU, "items": items}}]}]}


def install(prefix: str | Path | None = None, *, locale: str | None = None) -> Path:
    """Merge the classroom defaults (and, if given, JupyterLab's language, e.g. ``zh_TW``) into overrides.json.

    The export menu's friendly names follow that language; a school's own main-menu settings are replaced.
    """
    merged = read(prefix)
    wanted = {**OVERRIDES, MENU_PLUGIN: export_menu(locale),
              **({LANGUAGE_PLUGIN: {"locale": locale}} if locale else {})}
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
