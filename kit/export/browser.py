"""PDFs and screenshots with the system's headless Chromium (Debian's ``chromium`` package), offline.

nbconvert's own ``webpdf`` cannot be pointed at a system browser, so the kit runs Chromium itself with the flags
checked in the reference notes. The browser is found from an explicit path, then ``$KIT_CHROMIUM``, then
``chromium`` / ``chromium-browser`` / ``google-chrome`` on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..story_bundle import ExportProblem

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--mute-audio")


def which_browser(explicit: str | None = None) -> str | None:
    """The Chromium to use (an explicit path, then ``$KIT_CHROMIUM``, then the usual names on the PATH), or None.

    The one finder: the exporters, ``storykit doctor`` and the browser tests all ask here.
    """
    for candidate in (explicit, os.environ.get("KIT_CHROMIUM")):
        if candidate:
            return shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_browser(explicit: str | None = None) -> str:
    """The Chromium to use, or a kind ``ExportProblem`` that says how to install one."""
    found = which_browser(explicit)
    if found:
        return found
    named = explicit or os.environ.get("KIT_CHROMIUM")
    raise ExportProblem("no_browser", **({"detail": f"not found: {named}"} if named else {}))


def _run(browser: str, args: list[str], workdir: Path, timeout: float) -> None:
    command = [browser, *FLAGS, f"--user-data-dir={workdir / 'profile'}", *args]
    try:
        done = subprocess.run(command, check=False, capture_output=True, timeout=timeout, text=True,
                              errors="replace")
    except subprocess.TimeoutExpired:
        raise ExportProblem("browser_failed", detail=f"no answer after {timeout:.0f} s") from None
    except OSError as error:
        raise ExportProblem("browser_failed", detail=str(error)) from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if "bus" not in line and "unexpected operator" not in line]
        raise ExportProblem("browser_failed", detail=" ".join(lines[-3:])[:300] or f"exit {done.returncode}")


def html_to_pdf(html: str, *, browser: str | None = None, timeout: float = 120) -> bytes:
    """Print the HTML to PDF; the page size comes from the file's ``@page`` rule."""
    chromium = find_browser(browser)
    with tempfile.TemporaryDirectory(prefix="kit-pdf-") as tmp:
        folder = Path(tmp)
        page, pdf = folder / "book.html", folder / "book.pdf"
        page.write_text(html, encoding="utf-8")
        _run(chromium, ["--no-pdf-header-footer", "--virtual-time-budget=3000", f"--print-to-pdf={pdf}",
                        page.as_uri()], folder, timeout)
        data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF"):
        raise ExportProblem("browser_failed", detail="no PDF was written")
    return data


def screenshot(page: Path, png: Path, *, size: tuple[int, int] = (900, 1400), browser: str | None = None,
               timeout: float = 120) -> Path:
    """A PNG of a page as a browser shows it (with its scripts run), for docs and checks."""
    chromium = find_browser(browser)
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kit-shot-") as tmp:
        _run(chromium, [f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=3000", "--force-device-scale-factor=1",
                        f"--screenshot={png}", Path(page).resolve().as_uri()], Path(tmp), timeout)
    if not png.is_file():
        raise ExportProblem("browser_failed", detail="no screenshot was written")
    return png
