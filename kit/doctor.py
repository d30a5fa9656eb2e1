"""``storykit doctor``: what a facilitator checks before a room of children arrives, each line with its fix.

Every check returns a ``Check`` (ok / warn / fail, what was found, how to fix it). Nothing here prints the
key: only whether one is present, masked.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import models
from .errors import KitError
from .settings import Settings

# What a child's kernel needs (the kit's own dependencies), then what each extra adds: a missing extra is a
# warning that names it, since a student's install (Colab, a hub's kernel) rightly has neither.
PACKAGES = ("dashscope", "ipywidgets", "matplotlib", "nbconvert", "numpy", "requests", "PIL")
EXTRAS = {"teacher": ("jupyterlab", "papermill", "nbval"), "gateway": ("aiohttp",)}


@dataclass
class Check:
    name: str
    status: str          # "ok", "warn" or "fail"
    found: str
    fix: str = ""

    def line(self) -> str:
        mark = {"ok": "✅ PASS", "warn": "⚠️  WARN", "fail": "❌ FAIL"}[self.status]
        text = f"{mark}  {self.name}: {self.found}"
        return text + (f"\n          fix: {self.fix}" if self.fix and self.status != "ok" else "")


def check_python() -> Check:
    """The kit installs only on Python 3.10 to 3.13, so reaching here means the version is fine."""
    return Check("Python", "ok", ".".join(map(str, sys.version_info[:3])))


def check_package(name: str, extra: str | None = None) -> Check:
    try:
        module = importlib.import_module(name)
        return Check(f"package {name}", "ok", getattr(module, "__version__", "installed"))
    except Exception as exc:  # noqa: BLE001 - a broken install shows here, not as a crash
        if extra is None:
            return Check(f"package {name}", "fail", f"missing ({type(exc).__name__})",
                         "pip install -e . (or: pip install qwen-storybook-kit)")
        return Check(f"package {name}", "warn", f"missing: the {extra} extra is not installed",
                     f"pip install -e '.[{extra}]' (or: pip install 'qwen-storybook-kit[{extra}]')")


def check_packages() -> list[Check]:
    return [*(check_package(name) for name in PACKAGES),
            *(check_package(name, extra) for extra, names in EXTRAS.items() for name in names)]


def check_fonts() -> Check:
    try:
        from matplotlib import font_manager

        names = {f.name for f in font_manager.fontManager.ttflist}
        for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",):
            if "Noto Sans CJK TC" not in names and os.path.exists(path):
                font_manager.fontManager.addfont(path)
                names = {f.name for f in font_manager.fontManager.ttflist}
    except Exception:  # noqa: BLE001 - any failure here has one kind answer
        names = set()
    if "Noto Sans CJK TC" in names:
        return Check("Chinese fonts", "ok", "Noto Sans CJK TC")
    if any("CJK" in n for n in names):
        return Check("Chinese fonts", "warn", "a CJK font, but not the Traditional Chinese face",
                     "upgrade matplotlib to 3.11 or newer")
    return Check("Chinese fonts", "warn", "no Noto CJK font: charts and PDFs will show boxes for Chinese",
                 "sudo apt-get install fonts-noto-cjk")


def find_chromium() -> str | None:
    from .export.browser import which_browser  # the exporters' own finder: doctor says what export will use

    return which_browser()


def check_chromium() -> Check:
    path = find_chromium()
    if path:
        return Check("Chromium (for PDF export)", "ok", path)
    return Check("Chromium (for PDF export)", "warn", "not found; HTML export still works",
                 "sudo apt-get install chromium (or set KIT_CHROMIUM to a Chrome/Chromium program)")


def check_exporters() -> Check:
    try:
        from nbconvert.exporters import get_export_names

        names = set(get_export_names())
    except Exception:  # noqa: BLE001 - any failure here has one kind answer
        names = set()
    wanted = {"storybook", "novel"}
    if wanted <= names:
        return Check("nbconvert exporters", "ok", ", ".join(sorted(n for n in names if n in
                                                                   {"storybook", "storybook_pdf", "novel",
                                                                    "picture_card"})))
    return Check("nbconvert exporters", "fail", "the kit's exporters are not registered",
                 "pip install -e . in the kit folder (entry points come with the install)")


def check_workdir(settings: Settings) -> Check:
    folder = Path(settings.workdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
        return Check("work folder", "ok", f"{folder.resolve()} (writable)")
    except OSError as exc:
        return Check("work folder", "fail", f"{folder} is not writable ({exc.strerror})",
                     "kit.setup(workdir='a folder in your home')")


WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
DISK_WARN = 1_000_000_000      # bytes: a class of 30 with picture-rich books needs a few hundred MB
DISK_FAIL = 200_000_000
LESSON_ZERO = ("en/00-start-here.ipynb", "zh-Hant/00-start-here.ipynb")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent      # the kit's folder, in an editable install


def check_widgets_extension() -> Check:
    """JupyterLab draws the playgrounds, builders and studio only with the ipywidgets extension installed."""
    import json

    try:
        from jupyter_core.paths import jupyter_path

        folders = jupyter_path("labextensions")
    except Exception:  # noqa: BLE001 - no jupyter_core: JupyterLab is not installed properly
        folders = []
    for folder in folders:
        package = Path(folder) / WIDGETS_EXTENSION / "package.json"
        if package.is_file():
            try:
                version = json.loads(package.read_text(encoding="utf-8")).get("version", "?")
            except (OSError, ValueError):
                version = "?"
            return Check("JupyterLab widgets extension", "ok", f"{WIDGETS_EXTENSION} {version}")
    return Check("JupyterLab widgets extension", "fail",
                 "not installed: buttons and playgrounds will show as plain text",
                 "pip install 'ipywidgets>=8' (it brings jupyterlab_widgets), then restart JupyterLab")


def check_lab_settings() -> list[Check]:
    """JupyterLab's own menus in Chinese, and no news pop-up over a class's first notebook."""
    from . import lab_settings

    packs = lab_settings.language_packs()
    language = (Check("JupyterLab language pack", "ok", ", ".join(packs)) if "zh_TW" in packs else
                Check("JupyterLab language pack", "warn", "no Traditional Chinese menus (zh_TW not installed)",
                      f"pip install 'qwen-storybook-kit[teacher]' (or {lab_settings.LANGUAGE_PACK}), then "
                      "Settings > Language > Chinese (Traditional)"))
    left = lab_settings.missing()
    classroom = (Check("JupyterLab classroom settings", "ok", "no news pop-up, autosave every 30 s") if not left else
                 Check("JupyterLab classroom settings", "warn", "not set: " + ", ".join(left),
                       "storykit lab-settings"))
    return [language, classroom]


def find_notebooks(start: Path | None = None) -> Path | None:
    """The lessons folder (``notebooks/`` with lesson 0 in both languages) near ``start`` or the kit, if any."""
    start = Path(start or Path.cwd())
    for folder in (start / "notebooks", start, start.parent / "notebooks", PACKAGE_ROOT / "notebooks"):
        if all((folder / lesson).is_file() for lesson in LESSON_ZERO):
            return folder
    return None


def check_notebooks(start: Path | None = None) -> Check:
    folder = find_notebooks(start)
    if folder is None:
        return Check("lesson notebooks", "warn", "no notebooks/ folder with lesson 0 (en and zh-Hant) here",
                     "run storykit doctor in the kit's folder, or give each child the lessons with the "
                     "nbgitpuller link in the README (a JupyterHub) or the Binder badge")
    lessons = sorted(folder.glob("*/*.ipynb"))
    if not os.access(folder, os.W_OK):
        return Check("lesson notebooks", "warn", f"{folder} ({len(lessons)} lessons) is read-only",
                     "children need their own writable copy: use the nbgitpuller link in the README, "
                     "which copies the lessons into each home folder")
    return Check("lesson notebooks", "ok", f"{folder} ({len(lessons)} lessons)")


def check_disk(settings: Settings) -> Check:
    """Free space where the work folder lives: pictures, journals and exported books all go there."""
    folder = Path(settings.workdir).resolve()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return Check("free disk space", "warn", f"cannot measure at {folder} ({exc.strerror})")
    found = f"{free / 1e9:.1f} GB free at {folder}"
    fix = "free some space, or put the work folder on a bigger disk: KIT_WORKDIR=... or kit.setup(workdir=...)"
    if free < DISK_FAIL:
        return Check("free disk space", "fail", found + " (a class needs at least 0.2 GB)", fix)
    if free < DISK_WARN:
        return Check("free disk space", "warn", found + " (1 GB or more is comfortable for a class)", fix)
    return Check("free disk space", "ok", found)


def sdk_floor() -> str | None:
    """The lowest dashscope the kit's pin allows, read from the installed kit's own requirements."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        wanted = requires("qwen-storybook-kit") or []
    except PackageNotFoundError:
        return None
    for line in wanted:
        found = re.match(r"dashscope\s*>=\s*([0-9.]+)", line)
        if found:
            return found.group(1)
    return None


def check_sdk() -> Check:
    """An older dashscope kept by a school hub reads errors differently (docs/service-facts.md)."""
    try:
        from dashscope.version import __version__ as installed
    except Exception as exc:  # noqa: BLE001 - a broken install shows here, not as a crash
        return Check("dashscope version", "fail", f"missing ({type(exc).__name__})", "pip install -e .")
    floor = sdk_floor()
    if floor and _version(installed) < _version(floor):
        return Check("dashscope version", "fail", f"{installed}, older than the kit needs ({floor})",
                     f"pip install 'dashscope>={floor},<2'")
    return Check("dashscope version", "ok", installed + (f" (the kit needs {floor} or newer)" if floor else ""))


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def check_models(settings: Settings) -> Check:
    """The chosen models against the region's catalogue: a model the region does not serve fails here."""
    text_model, image_model = settings.models
    place = models.region(settings.region)
    try:
        models.check_served(settings.region, "text", text_model)
        models.check_served(settings.region, "image", image_model)
    except KitError as problem:
        fix = (f"choose models this region serves (kit/models.py): text {place.default_text}, "
               f"pictures {place.default_image}, or another region")
        if problem.reason == "format":
            fix = "for pictures use region='intl' (Singapore), or let the class draw offline"
        return Check("models", "fail", f"{text_model}, {image_model} in {place.label}: {problem.en}", fix)
    unconfirmed = [kind for kind in ("text", "image") if kind not in place.checked]
    note = f" (this region's {' and '.join(unconfirmed)} list is not confirmed: the service decides)" if unconfirmed else ""
    return Check("models", "ok", f"{text_model}, {image_model} in {place.label}{note}")


def check_backend(settings: Settings) -> list[Check]:
    out = [Check("backend", "ok", settings.backend + (" (built-in practice model, no network)"
                                                      if settings.offline else ""))]
    if settings.backend != "dashscope":
        key_state = "present (not used offline)" if os.environ.get("DASHSCOPE_API_KEY") else "none"
        out.append(Check("API key", "ok" if settings.offline else "warn", key_state))
        return out
    if not settings.has_key:
        out.append(Check("API key", "fail", "none found for the dashscope backend",
                         "set DASHSCOPE_API_KEY (or a gateway token) for the class, or use offline mode"))
        return out
    out.append(Check("API key", "ok", f"present, {settings.masked_key}"))
    out.append(check_sdk())
    out.append(check_models(settings))
    out.append(check_reachable(settings))
    return out


def check_reachable(settings: Settings, timeout: float = 5.0) -> Check:
    """Ask the endpoint about a task that does not exist: free, and tells apart no network and a bad key."""
    import requests

    where = settings.base_url or f"{settings.region} ({settings.endpoint})"
    try:
        answer = requests.get(f"{settings.endpoint}/tasks/storykit-doctor-check", timeout=timeout,
                              headers={"Authorization": f"Bearer {settings.api_key}"})
    except requests.RequestException as exc:
        return Check("region reachable", "fail", f"{where}: no answer ({type(exc).__name__})",
                     "check the network or proxy; the class can keep going with kit.setup('offline')")
    if answer.status_code == 401:
        return Check("region reachable", "fail", f"{where} answered, but refused the key",
                     "the key may be wrong or from another region: try region='cn' or 'us', or a new key")
    return Check("region reachable", "ok", f"{where} answered ({answer.status_code})")


def run_checks(settings: Settings) -> list[Check]:
    checks = [check_python(), *check_packages(), check_fonts(), check_chromium(), check_exporters(),
              check_widgets_extension(), *check_lab_settings(), check_notebooks(), check_workdir(settings), check_disk(settings),
              *check_backend(settings)]
    return checks
