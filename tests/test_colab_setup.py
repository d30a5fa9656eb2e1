"""Colab (or a fresh hub): a student notebook opened on its own installs the kit and works.

The only Colab-only step is the set-up cell at the top of every lesson: when ``kit`` cannot be found it runs
``%pip install --quiet {source}`` with ``source`` from ``KIT_PIP_SOURCE`` (default: the PyPI name). Here:

* every lesson notebook, student and teacher edition, starts with exactly that cell;
* the cell runs in a real IPython shell (in a subprocess, kit hidden) with the ``%pip`` magic replaced by a
  recorder: it asks pip for the right thing, only when kit is missing, and then imports kit;
* the real thing, once: a new virtual environment that has every dependency but not the kit, lesson 0 copied
  alone into an empty folder, run top to bottom in a kernel of that environment with ``KIT_PIP_SOURCE`` pointing
  at a local copy of this repository (``pip install`` from a folder, ``--no-index``: no network).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*/*.ipynb")) + sorted((ROOT / "solutions").glob("*/*.ipynb"))

def archive_url() -> str:
    """The kit's own archive, named once: in the package metadata (pyproject.toml's [project.urls] Download)."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Download"]


ARCHIVE = archive_url()
KIND_MESSAGE = {
    "en": "The kit is not on the package index here, so it comes from its home page instead. Please wait a minute.",
    "zh-Hant": "套件索引上找不到工具包，現在改從它自己的網頁安裝，請等一分鐘。",
}
SETUP_CELLS = {
    "en": textwrap.dedent(f"""\
        # Set-up: run this cell first. It works with or without an API key.
        import importlib.util, os
        if importlib.util.find_spec("kit") is None:   # Colab or a fresh hub: install the kit
            source = os.environ.get("KIT_PIP_SOURCE", "qwen-storybook-kit")
            %pip install --quiet {{source}}
        if importlib.util.find_spec("kit") is None:   # not on the package index: take it from the kit's own home page
            print("{KIND_MESSAGE['en']}")
            %pip install --quiet {ARCHIVE}
        import kit"""),
    "zh-Hant": textwrap.dedent(f"""\
        # 設定：請先執行這一格。有沒有 API 金鑰都可以用。
        import importlib.util, os
        if importlib.util.find_spec("kit") is None:   # Colab 或新的 JupyterHub：先安裝工具包
            source = os.environ.get("KIT_PIP_SOURCE", "qwen-storybook-kit")
            %pip install --quiet {{source}}
        if importlib.util.find_spec("kit") is None:   # 套件索引上沒有它：改從工具包自己的網頁安裝
            print("{KIND_MESSAGE['zh-Hant']}")
            %pip install --quiet {ARCHIVE}
        import kit"""),
}


def statements_of(language: str) -> list[str]:
    """The statements of the cell, comments aside, as the lesson template defines them."""
    return [
        "import importlib.util, os",
        'if importlib.util.find_spec("kit") is None:',
        'source = os.environ.get("KIT_PIP_SOURCE", "qwen-storybook-kit")',
        "%pip install --quiet {source}",
        'if importlib.util.find_spec("kit") is None:',
        f'print("{KIND_MESSAGE[language]}")',
        f"%pip install --quiet {ARCHIVE}",
        "import kit",
    ]


def first_code_cell(path: Path) -> str:
    nb = nbformat.read(str(path), as_version=4)
    return next(cell.source for cell in nb.cells if cell.cell_type == "code")


def statements(source: str) -> list[str]:
    out = []
    for line in source.splitlines():
        code = line.split("  #")[0].strip() if not line.lstrip().startswith("#") else ""
        if code:
            out.append(code)
    return out


def test_there_are_lessons_in_both_languages():
    names = {(path.parts[-3], path.parts[-2]) for path in LESSONS}
    assert {("notebooks", "en"), ("notebooks", "zh-Hant"), ("solutions", "en"), ("solutions", "zh-Hant")} <= names
    assert len(LESSONS) >= 8


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parts[-3]}/{p.parts[-2]}/{p.stem}")
def test_every_lesson_starts_with_the_setup_cell_in_its_own_language(path):
    language = path.parts[-2]
    source = first_code_cell(path)
    assert source == SETUP_CELLS[language]
    assert statements(source) == statements_of(language)
    comments = [line.split("#", 1)[1] for line in source.splitlines() if "#" in line]
    if language == "zh-Hant":
        assert all(re.search(r"[\u4e00-\u9fff]", comment) for comment in comments)


def test_the_archive_is_named_once_and_is_an_archive_of_this_repository():
    assert ARCHIVE.startswith("https://") and ARCHIVE.endswith((".zip", ".tar.gz"))
    cells = "\n".join(SETUP_CELLS.values())
    assert cells.count(ARCHIVE) == len(SETUP_CELLS)       # once per cell, from one place


def test_the_setup_cell_is_the_one_the_authoring_guide_shows():
    guide = (ROOT / "docs" / "authoring-lessons.md").read_text(encoding="utf-8")
    assert textwrap.indent(SETUP_CELLS["en"], "   ") in guide


# --- the cell in a real IPython shell, %pip recorded -------------------------------------------------------------

DRIVER = textwrap.dedent("""\
    import importlib.util, json, os, sys
    if os.environ.get("HIDE_KIT") == "1":
        # What a fresh Colab runtime is like: nothing called "kit" can be found (the editable install's finder gone,
        # and the repository is not the current folder).
        sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.environ["REPO"]]
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    calls = []
    def fake_pip(line):
        calls.append(line)
        works_for = os.environ.get("PIP_WORKS_FOR")
        works = os.environ.get("PIP_WORKS") == "1" or bool(works_for and works_for in line)
        if works:
            sys.path.insert(0, os.environ["REPO"])     # what a real install achieves: kit can be imported
    shell.register_magic_function(fake_pip, "line", "pip")
    found_before = importlib.util.find_spec("kit") is not None
    import contextlib, io
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = shell.run_cell(open(sys.argv[1], encoding="utf-8").read())
    kit = sys.modules.get("kit")
    print(json.dumps({"calls": calls, "printed": printed.getvalue(), "ok": result.success, "found_before": found_before,
                      "error": type(result.error_in_exec).__name__ if result.error_in_exec else None,
                      "kit": getattr(kit, "__file__", None), "version": getattr(kit, "__version__", None)}))
    """)


def run_setup_cell(tmp_path: Path, *, hide: bool, pip_works: bool = True, source: str | None = None,
                   works_for: str = "", language: str = "en") -> dict:
    cell = tmp_path / "setup_cell.ipy"
    cell.write_text(first_code_cell(ROOT / "notebooks" / language / "00-start-here.ipynb"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_PIP_SOURCE", "PYTHONPATH")}
    env.update(REPO=str(ROOT), HIDE_KIT="1" if hide else "0", PIP_WORKS="1" if pip_works else "0",
               IPYTHONDIR=str(tmp_path / "ipython"), KIT_NO_PROMPT="1", PIP_WORKS_FOR=works_for)
    if source is not None:
        env["KIT_PIP_SOURCE"] = source
    done = subprocess.run([sys.executable, "-c", DRIVER, str(cell)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_with_kit_installed_the_cell_only_imports_it(tmp_path):
    result = run_setup_cell(tmp_path, hide=False)
    assert result["found_before"] and result["calls"] == [] and result["ok"]
    assert result["kit"].startswith(str(ROOT / "kit"))


def test_without_kit_the_cell_installs_it_from_pypi_by_name_then_imports_it(tmp_path):
    result = run_setup_cell(tmp_path, hide=True)
    assert not result["found_before"]
    assert result["calls"] == ["install --quiet qwen-storybook-kit"]
    assert result["ok"] and result["kit"].startswith(str(ROOT / "kit")) and result["version"]


def test_kit_pip_source_chooses_what_pip_installs(tmp_path):
    wheel = "/srv/wheels/qwen_storybook_kit-0.1.0-py3-none-any.whl"
    result = run_setup_cell(tmp_path, hide=True, source=wheel)
    assert result["calls"] == [f"install --quiet {wheel}"] and result["ok"]
    result = run_setup_cell(tmp_path, hide=True, source="--no-index --find-links /srv/wheels qwen-storybook-kit")
    assert result["calls"] == ["install --quiet --no-index --find-links /srv/wheels qwen-storybook-kit"]


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_when_the_index_has_no_kit_the_cell_says_so_kindly_and_installs_the_archive(tmp_path, language):
    result = run_setup_cell(tmp_path, hide=True, pip_works=False, works_for=ARCHIVE, language=language)
    assert result["calls"] == ["install --quiet qwen-storybook-kit", f"install --quiet {ARCHIVE}"]
    assert result["printed"].strip() == KIND_MESSAGE[language]
    assert result["ok"] and result["kit"].startswith(str(ROOT / "kit"))


def test_when_every_install_fails_the_cell_stops_with_the_import_error(tmp_path):
    result = run_setup_cell(tmp_path, hide=True, pip_works=False)
    assert result["calls"] == ["install --quiet qwen-storybook-kit", f"install --quiet {ARCHIVE}"]
    assert not result["ok"] and result["error"] == "ModuleNotFoundError"


# --- the real install into a fresh environment, no network -------------------------------------------------------

def environment_without_kit(tmp_path: Path) -> Path:
    """A venv whose site-packages reach every installed dependency of the kit, but not the kit itself.

    A folder of links to this environment's site-packages, leaving out the kit (and its editable-install hooks),
    is added with a .pth file: the dependencies are there as on Colab, and pip must really install the kit.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    ours = Path(sysconfig.get_paths()["purelib"])
    farm = tmp_path / "dependencies"
    farm.mkdir()
    for entry in ours.iterdir():
        name = entry.name.lower()
        if name.endswith(".pth") or "__editable__" in name or name.startswith(("qwen_storybook_kit", "kit")):
            continue
        (farm / entry.name).symlink_to(entry)
    (purelib / "zz_dependencies.pth").write_text(f"{farm}\n")
    return python


def build_kit_wheel(folder: Path) -> Path:
    """A wheel of the kit, built from a clean copy of this repository (what PyPI would serve).

    Offline when this environment can build one (setuptools >= 70.1, or the ``wheel`` package); otherwise pip
    fetches only the build backend (setuptools) from the package index, exactly as ``make`` does on install.
    Installing the wheel afterwards never needs the network.
    """
    source = folder / "kit-source"
    shutil.copytree(ROOT / "kit", source / "kit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = folder / "dist"
    tried = []
    for isolation in (["--no-build-isolation"], []):
        done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "-w",
                               str(out), str(source)], capture_output=True, text=True, timeout=300, check=False)
        wheels = sorted(out.glob("qwen_storybook_kit-*.whl"))
        if done.returncode == 0 and wheels:
            return wheels[0]
        tried.append(done.stderr[-600:])
    pytest.skip("cannot build a wheel of the kit here:\n" + "\n".join(tried))


@pytest.mark.slow
@pytest.mark.notebook
def test_a_student_notebook_opened_alone_installs_the_kit_and_runs(tmp_path):
    python = environment_without_kit(tmp_path)
    wheel = build_kit_wheel(tmp_path)
    alone = tmp_path / "class"
    alone.mkdir()
    shutil.copy2(ROOT / "notebooks" / "en" / "00-start-here.ipynb", alone / "lesson.ipynb")
    probe = subprocess.run([str(python), "-c", "import importlib.util; print(importlib.util.find_spec('kit'))"],
                           cwd=alone, capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "None"                           # the kit is really missing

    runner = textwrap.dedent("""\
        import sys, nbformat
        from nbclient import NotebookClient
        nb = nbformat.read("lesson.ipynb", as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("import sys; print('KIT-FROM', kit.__file__, 'PREFIX', sys.prefix)"))
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
        nbformat.write(nb, "ran.ipynb")
        """)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIT_", "DASHSCOPE", "PYTHON", "JUPYTER"))}
    env.update(HOME=str(tmp_path / "home"), JUPYTER_DATA_DIR=str(tmp_path / "jupyter"),
               IPYTHONDIR=str(tmp_path / "ipython"), KIT_BACKEND="offline", KIT_OFFLINE_STREAM_DELAY="0",
               KIT_NO_PROMPT="1", MPLBACKEND="Agg", PIP_DISABLE_PIP_VERSION_CHECK="1",
               KIT_PIP_SOURCE=f"--no-index {wheel}")          # a local file, and no index: no network
    done = subprocess.run([str(python), "-c", runner], cwd=alone, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    nb = nbformat.read(str(alone / "ran.ipynb"), as_version=4)
    outputs = [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]
    texts = "\n".join(output.get("text", "") + json.dumps(output.get("data", {}), ensure_ascii=False)
                      for output in outputs)
    assert not [output for output in outputs if output.output_type == "error"]
    venv = python.parent.parent
    assert f"KIT-FROM {venv}" in texts and f"PREFIX {venv}" in texts   # installed into the fresh environment
    assert "Offline" in texts and "Why do we see rainbows?" in texts     # and the lesson really ran
    assert (alone / "kit-work").is_dir()                                  # its work folder beside the notebook
