"""``storykit doctor``: the facilitator's checks before a room of children arrives, each failure with its fix.

The widgets extension (without it JupyterLab shows the playgrounds as plain text), the lessons folder, and free
disk space for the work folder. The core checks (packages, key, region) are in test_doctor_core.py.
"""

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kit import doctor
from kit.settings import resolve

ROOT = Path(__file__).resolve().parents[1]
Usage = collections.namedtuple("Usage", "total used free")


@pytest.fixture
def settings(workdir):
    return resolve("offline", workdir=workdir, ask_for_key=False, quiet=True)[0]


def lessons_in(folder: Path) -> Path:
    for language in ("en", "zh-Hant"):
        (folder / "notebooks" / language).mkdir(parents=True)
        (folder / "notebooks" / language / "00-start-here.ipynb").write_text("{}")
    return folder / "notebooks"


def test_the_widgets_extension_of_this_environment_is_found():
    check = doctor.check_widgets_extension()
    assert check.status == "ok" and "@jupyter-widgets/jupyterlab-manager" in check.found


def test_a_missing_widgets_extension_fails_with_the_install_command(monkeypatch, tmp_path):
    import jupyter_core.paths

    monkeypatch.setattr(jupyter_core.paths, "jupyter_path", lambda *parts: [str(tmp_path / "nothing-here")])
    check = doctor.check_widgets_extension()
    assert check.status == "fail" and "ipywidgets>=8" in check.fix and "restart JupyterLab" in check.fix
    assert "fix:" in check.line()


def test_the_lessons_folder_is_found_from_the_kit_folder_or_beside_it(tmp_path):
    folder = lessons_in(tmp_path / "kit-copy")
    assert doctor.find_notebooks(tmp_path / "kit-copy") == folder
    assert doctor.find_notebooks(folder) == folder
    assert doctor.check_notebooks(tmp_path / "kit-copy").status == "ok"
    assert doctor.find_notebooks(ROOT) == ROOT / "notebooks"


def test_no_lessons_folder_is_a_warning_that_points_at_nbgitpuller(monkeypatch, tmp_path):
    monkeypatch.setattr(doctor, "PACKAGE_ROOT", tmp_path / "installed-somewhere")
    check = doctor.check_notebooks(tmp_path / "empty")
    assert check.status == "warn" and "nbgitpuller" in check.fix and "README" in check.fix


def test_read_only_lessons_are_a_warning(monkeypatch, tmp_path):
    folder = lessons_in(tmp_path)
    real_access = os.access
    monkeypatch.setattr(doctor.os, "access", lambda path, mode: False if Path(path) == folder else
                        real_access(path, mode))
    check = doctor.check_notebooks(tmp_path)
    assert check.status == "warn" and "read-only" in check.found and "home" in check.fix


@pytest.mark.parametrize(("free", "status"), [(50_000_000, "fail"), (600_000_000, "warn"), (5_000_000_000, "ok")])
def test_free_disk_space_where_the_work_folder_lives(monkeypatch, settings, free, status):
    seen = []

    def usage(path):
        seen.append(Path(path))
        return Usage(10 * free, 9 * free, free)

    monkeypatch.setattr(doctor.shutil, "disk_usage", usage)
    check = doctor.check_disk(settings)
    assert check.status == status and "GB free" in check.found
    assert seen and Path(settings.workdir).resolve().is_relative_to(seen[0])   # the nearest folder that exists
    if status != "ok":
        assert "KIT_WORKDIR" in check.fix and "fix:" in check.line()


def test_run_checks_includes_the_facilitator_checks(settings):
    names = [check.name for check in doctor.run_checks(settings)]
    for name in ("JupyterLab widgets extension", "lesson notebooks", "free disk space"):
        assert name in names
    assert all(check.fix for check in doctor.run_checks(settings) if check.status == "fail")


def test_storykit_doctor_prints_every_check_and_passes_here(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIT_", "DASHSCOPE"))}
    env["KIT_WORKDIR"] = str(tmp_path / "kit-work")
    done = subprocess.run([sys.executable, "-m", "kit.cli", "doctor", "--backend", "offline"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "JupyterLab widgets extension" in done.stdout and "lesson notebooks" in done.stdout
    assert "free disk space" in done.stdout
    assert done.returncode == 0, done.stdout + done.stderr
