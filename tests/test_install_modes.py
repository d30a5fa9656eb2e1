"""Where a school runs the kit: a JupyterHub image with a read-only install and a home folder per child, and Binder
(repo2docker building ``environment.yml`` then running ``postBuild``).

* Read-only install: the kit is installed with ``pip install --target`` into a folder that is then made read-only
  (``chmod -R a-w``), as in a hub's shared image. Two children, each with their own HOME, set up offline, ask,
  draw and export a storybook (with the kit's API and with ``jupyter nbconvert --to storybook``), all under their
  own HOME. Nothing is written into the install, and neither child sees the other's work.
* repo2docker: ``environment.yml`` is valid YAML in the shape repo2docker reads (name, conda-forge, a pinned Python
  the kit supports, every runtime dependency of pyproject.toml), and ``postBuild`` is an executable script that
  installs the kit from the repository. Docker is not run here.
* The student's install is only what a kernel needs: JupyterLab, papermill and nbval are the teacher extra's, the
  gateway's server (aiohttp) the gateway extra's; every package the kit imports is declared; without aiohttp the
  kit still imports and works, and the gateway and ``storykit doctor`` name the extra to install.
* The README gives the Binder badge and the nbgitpuller link pattern a teacher copies.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from test_colab_setup import build_kit_wheel, environment_without_kit

ROOT = Path(__file__).resolve().parents[1]


# --- a read-only install and a home folder per child --------------------------------------------------------------

CHILD = textwrap.dedent("""\
    import json, os, subprocess, sys
    from pathlib import Path
    import nbformat
    import kit

    home = Path.home()
    work = home / "kit-work"
    settings = kit.setup("offline", workdir=work, quiet=True)
    reply = kit.ask("Write one sentence about a dragon who visits Tai O.", seed=int(sys.argv[1]))
    picture = kit.draw("a friendly dragon at Tai O, watercolour", seed=int(sys.argv[1]), size="small")
    book = kit.Storybook("Dragon at Tai O", author=os.environ["CHILD"])
    book.add_page(reply, picture, alt="A dragon at Tai O")
    exported = book.export(home / "books" / "dragon.storybook.html")

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("book.show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data=book._repr_mimebundle_(), metadata={})]
    nb.cells = [cell]
    nbformat.write(nb, str(home / "my-book.ipynb"))
    done = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "storybook", "my-book.ipynb"], cwd=home,
                          capture_output=True, text=True)
    print(json.dumps({"kit": kit.__file__, "workdir": str(settings.workdir.resolve()), "offline": settings.offline,
                      "reply": reply.text, "picture": [picture.width, picture.height],
                      "exported": str(exported), "nbconvert": done.returncode, "nbconvert_err": done.stderr[-800:]}))
    """)


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*"))}


def make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.mark.slow
def test_a_read_only_install_with_a_home_folder_per_child(tmp_path):
    python = environment_without_kit(tmp_path)
    wheel = build_kit_wheel(tmp_path)
    shared = tmp_path / "opt" / "kit"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target",
                    str(shared), str(wheel)], check=True, timeout=300)
    assert (shared / "kit" / "__init__.py").is_file() and (shared / "kit" / "export" / "templates").is_dir()
    subprocess.run(["chmod", "-R", "a-w", str(shared)], check=True)
    before = tree(shared)
    results = {}
    try:
        for number, child in enumerate(("pupil-ming", "pupil-wing"), 1):
            home = tmp_path / "home" / child
            home.mkdir(parents=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("KIT_", "DASHSCOPE", "PYTHON", "JUPYTER",
                                                                           "XDG_"))}
            env.update(HOME=str(home), PYTHONPATH=str(shared), CHILD=child, KIT_OFFLINE_STREAM_DELAY="0",
                       KIT_NO_PROMPT="1", MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
            done = subprocess.run([str(python), "-c", CHILD, str(number)], cwd=home, env=env, capture_output=True,
                                  text=True, timeout=300, check=False)
            assert done.returncode == 0, done.stderr[-3000:]
            results[child] = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        after = tree(shared)
        make_writable(shared)                                   # so pytest can clean up

    assert after == before                                      # nothing written into the install
    for child, result in results.items():
        home = tmp_path / "home" / child
        assert result["kit"].startswith(str(shared))            # the read-only copy, not this repository
        assert result["offline"] and result["reply"] and result["picture"][0] > 0
        assert result["workdir"] == str(home / "kit-work")
        assert Path(result["exported"]).is_file() and Path(result["exported"]).is_relative_to(home)
        assert result["nbconvert"] == 0, result["nbconvert_err"]
        html = (home / "my-book.storybook.html").read_text(encoding="utf-8")
        assert "Dragon at Tai O" in html and child in html
        journal = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                            for p in (home / "kit-work").rglob("*") if p.is_file() and p.suffix in (".json", ".jsonl"))
        assert "Tai O" in journal
        other = "pupil-wing" if child == "pupil-ming" else "pupil-ming"
        assert other not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                    for p in (home / "kit-work").rglob("*.json"))


# --- repo2docker / Binder --------------------------------------------------------------------------------------------

def requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def conda_names(dependencies: list) -> set[str]:
    names = set()
    for item in dependencies:
        if isinstance(item, str):
            names.add(requirement_name(item))
        elif isinstance(item, dict) and "pip" in item:
            names |= {requirement_name(each) for each in item["pip"]}
    return names


def test_environment_yml_is_what_repo2docker_reads():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert isinstance(environment, dict) and set(environment) <= {"name", "channels", "dependencies", "variables"}
    assert environment["name"] and "conda-forge" in environment["channels"]
    dependencies = environment["dependencies"]
    python = [each for each in dependencies if isinstance(each, str) and re.match(r"python\s*[=<>]", each)]
    assert python, "repo2docker picks the Python version from a python= pin"
    version = tuple(int(part) for part in re.findall(r"\d+", python[0])[:2])
    tomllib = pytest.importorskip("tomllib")                   # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    low, high = (tuple(int(p) for p in v.split(".")) for v in re.findall(r"[\d.]+", project["requires-python"]))
    assert low <= version < high
    assert "pip" in dependencies and any(isinstance(each, dict) and each.get("pip") for each in dependencies)
    # The teacher's / hub image keeps everything: the student's install and the teacher and gateway extras.
    wanted = {requirement_name(each) for each in
              [*project["dependencies"], *project["optional-dependencies"]["teacher"],
               *project["optional-dependencies"]["gateway"]]}
    have = conda_names(dependencies)
    assert wanted - have == set(), f"in pyproject.toml but not in environment.yml: {sorted(wanted - have)}"
    # ipywidgets 8 brings the JupyterLab widgets extension, prebuilt: no build step in the image.
    assert any(isinstance(each, str) and each.replace(" ", "").startswith("ipywidgets>=8") for each in dependencies)


def test_postbuild_installs_the_kit_from_the_repository():
    script = ROOT / "postBuild"
    assert os.access(script, os.X_OK), "repo2docker runs postBuild only when it is executable"
    index = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True,
                           check=False).stdout
    if index:                                     # in a git checkout, the executable bit is committed too
        assert index.startswith("100755")
    text = script.read_text(encoding="utf-8")
    assert text.startswith(("#!/bin/bash", "#!/usr/bin/env bash"))
    assert re.search(r"^set -e", text, re.MULTILINE)
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    installs = [line for line in commands if re.match(r"(python -m )?pip install", line)]
    assert installs and any(re.search(r"(\s|^)(-e\s+)?\.(\s|$)", line) for line in installs)
    # The dependencies come from environment.yml (conda-forge); postBuild must not pull a second set from PyPI.
    assert all("--no-deps" in line for line in installs)
    subprocess.run(["bash", "-n", str(script)], check=True)


# --- what a teacher copies from the README ----------------------------------------------------------------------

def test_the_readme_gives_a_binder_badge_and_an_nbgitpuller_link():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/v2/gh/"
                      r"[^)\s]+)\)", readme)
    assert badge, "a Binder badge"
    assert badge.group(1).endswith("?urlpath=lab/tree/notebooks/en/00-start-here.ipynb")
    assert (ROOT / "notebooks" / "en" / "00-start-here.ipynb").is_file()
    puller = re.search(r"https://[^\s`]+/hub/user-redirect/git-pull\?repo=[^\s`]+", readme)
    assert puller and "urlpath=lab%2Ftree%2F" in puller.group(0) and "branch=main" in puller.group(0)
    for placeholder in ("<owner>", "<repo>", "<your-hub>"):
        assert placeholder in readme
    for shot in re.findall(r"\]\((docs/screenshots/[^)]+\.png)\)", readme):
        path = ROOT / shot
        assert path.is_file() and path.stat().st_size < 300_000, shot
    assert len(re.findall(r"\]\((docs/screenshots/[^)]+\.png)\)", readme)) >= 3


def test_binder_start_script_defaults_to_offline_and_runs_the_command():
    import subprocess

    script = ROOT / "start"
    assert os.access(script, os.X_OK)
    env = {k: v for k, v in os.environ.items() if k != "KIT_BACKEND"}
    shown = subprocess.run([str(script), "sh", "-c", "echo $KIT_BACKEND"], capture_output=True, text=True,
                           env=env, check=True).stdout.strip()
    assert shown == "offline"
    kept = subprocess.run([str(script), "sh", "-c", "echo $KIT_BACKEND"], capture_output=True, text=True,
                          env={**env, "KIT_BACKEND": "dashscope"}, check=True).stdout.strip()
    assert kept == "dashscope"


# --- the student's install, the teacher's and the gateway's extras ---------------------------------------------------

def project_metadata() -> dict:
    tomllib = pytest.importorskip("tomllib")                   # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_student_install_is_only_what_a_kernel_needs():
    project = project_metadata()
    student = {requirement_name(each) for each in project["dependencies"]}
    extras = {name: {requirement_name(each) for each in wanted}
              for name, wanted in project["optional-dependencies"].items()}
    assert not student & {"jupyterlab", "papermill", "nbval", "pytest", "aiohttp"}, student
    assert {"jupyterlab", "papermill", "nbval", "jupyterlab-language-pack-zh-tw"} <= extras["teacher"]
    assert extras["gateway"] == {"aiohttp"}
    test_extra = " ".join(project["optional-dependencies"]["test"])
    assert re.search(r"qwen-storybook-kit\[[^\]]*teacher[^\]]*\]", test_extra)
    assert re.search(r"qwen-storybook-kit\[[^\]]*gateway[^\]]*\]", test_extra)


# Imported by the kit, installed by a package it declares (nbconvert brings Jinja and the notebook format).
BROUGHT_BY = {"PIL": "pillow", "IPython": "ipykernel", "jinja2": "nbconvert", "markupsafe": "nbconvert",
              "nbformat": "nbconvert", "traitlets": "nbconvert", "jupyter_core": "nbconvert"}


def imported_packages() -> dict[str, set[str]]:
    """Every third-party top-level module the kit's source imports, with the files importing it."""
    import ast

    found: dict[str, set[str]] = {}
    for path in (ROOT / "kit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "kit" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_package_the_kit_imports_is_declared():
    project = project_metadata()
    declared = {requirement_name(each) for each in project["dependencies"]}
    for extra in ("teacher", "gateway"):
        declared |= {requirement_name(each) for each in project["optional-dependencies"][extra]}
    imported = imported_packages()
    assert {"requests", "numpy"} <= set(imported)
    undeclared = {name: files for name, files in imported.items()
                  if BROUGHT_BY.get(name, name).lower().replace("_", "-") not in declared}
    assert undeclared == {}


HIDE_AIOHTTP = textwrap.dedent("""\
    import importlib.abc, io, json, sys
    from contextlib import redirect_stderr

    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("aiohttp", "papermill", "nbval", "jupyterlab"):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    sys.meta_path.insert(0, Hide())
    import kit
    kit.setup("offline", quiet=True)
    reply = kit.ask("Write one sentence about a dragon.", seed=1)
    from kit import doctor
    from kit.cli import main as storykit
    said = io.StringIO()
    with redirect_stderr(said):
        code = storykit(["gateway", "serve", "--data", sys.argv[1]])
    checks = {check.name: [check.status, check.fix] for check in doctor.check_packages()}
    print(json.dumps({"reply": reply.text, "code": code, "said": said.getvalue(), "checks": checks,
                      "loaded": sorted(name for name in sys.modules if name.startswith("aiohttp"))}))
    """)


def test_without_aiohttp_the_kit_works_and_the_gateway_names_its_extra(tmp_path):
    env = {**os.environ, "KIT_OFFLINE_STREAM_DELAY": "0", "KIT_NO_PROMPT": "1", "MPLBACKEND": "Agg",
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", HIDE_AIOHTTP, str(tmp_path / "gateway")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["reply"] and result["loaded"] == []
    assert result["code"] != 0 and "qwen-storybook-kit[gateway]" in result["said"]
    checks = result["checks"]
    assert checks["package aiohttp"][0] == "warn" and "[gateway]" in checks["package aiohttp"][1]
    for name in ("jupyterlab", "papermill", "nbval"):
        assert checks[f"package {name}"][0] == "warn" and "[teacher]" in checks[f"package {name}"][1]
    # (dashscope 1.x itself imports aiohttp, so a real student install has it: hidden here, the SDK is missing too)
    assert all(checks[f"package {name}"][0] == "ok" for name in ("numpy", "requests", "matplotlib", "nbconvert"))
