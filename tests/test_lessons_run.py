"""Every lesson runs top to bottom on the offline backend, in both editions, with no error output.

Two ways, because teachers and CI meet both: papermill (what ``storykit run-lessons`` uses; it injects
``backend = "offline"`` into the ``parameters`` cell) and nbval-lax (run every cell in the kernel of this venv).
nbval runs in a subprocess on a copy of the notebooks, because it is a pytest plugin that collects ``.ipynb``
files: putting ``--nbval-lax`` in the project's ``addopts`` would make every ``pytest`` call collect notebooks,
and a copy keeps the lessons' work folders out of the repository. By hand, the same check is
``KIT_BACKEND=offline pytest --nbval-lax --nbval-current-env notebooks/``.

A tiny sample lesson, written here into a temporary folder, always runs too: it exercises the marker
conventions, the builder and the runner end to end even before the real lessons exist.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.lessons.cli import RUN_ENVIRONMENT, UNSET, add_commands, run_notebook
from kit.lessons.editions import build, notebook_text

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "sample-lesson"
LESSONS = [SAMPLE] + sorted(str(path.relative_to(REPO)) for folder in ("notebooks", "solutions")
                            for path in (REPO / folder).glob("*/*.ipynb"))


def storykit(argv: list[str]) -> int:
    """The lesson commands as ``storykit`` runs them (kit/cli.py adds them with the same ``add_commands``)."""
    parser = argparse.ArgumentParser(prog="storykit")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def write_sample_lesson(root: Path) -> Path:
    """A teacher edition in ``root/solutions/en`` that uses every convention, then its student edition."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Sample lesson · 示範課\n\nIn this lesson I can press a button and compare replies."),
        tagged(new_markdown_cell("**Teacher:** this cell is not in the student edition."), "teacher"),
        tagged(new_code_cell('backend = None\nlanguage = "en"'), "parameters"),
        new_code_cell("import kit\n\nkit.setup(backend, language=language, quiet=True)"),
        new_code_cell('my_prompt = "✏️ Write your prompt here"   ### STUDENT\n### BEGIN SOLUTION\n'
                      'my_prompt = "Write two sentences about a panda who loves dim sum."\n### END SOLUTION\n'
                      "kit.ask(my_prompt, seed=1)"),
        # temperature 0: one reply, not a random seed's (about 1 in 60 of those says "dim sum" to the student too)
        new_code_cell('kit.playground("ask", prompt=my_prompt, temperature=0, run=True)'),
        new_code_cell('kit.playground("dials", prompt="用一句寫一架電車。", temperatures=(0, 1.2), seeds=(1, 2), '
                      "run=True)"),
        new_code_cell('kit.playground("picture", prompt="a red panda on a tram", size="small", seed=3, run=True)'),
        tagged(new_code_cell('assert "panda" in my_prompt'), "solution-only"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}})
    teacher = root / "solutions" / "en" / "00-sample.ipynb"
    teacher.parent.mkdir(parents=True)
    teacher.write_text(notebook_text(nb), encoding="utf-8")
    assert build(root).ok
    return teacher


def widget_html(executed: Path) -> str:
    """The HTML the saved widget state shows (what a teacher sees when opening the executed notebook)."""
    nb = nbformat.read(str(executed), as_version=4)
    states = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return "\n".join(str(model["state"].get("value", "")) for model in states.values()
                     if model.get("model_name") == "HTMLModel")


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_clean(lesson, tmp_path):
    if lesson == SAMPLE:
        path = write_sample_lesson(tmp_path / "kit").parent.parent.parent / "notebooks" / "en" / "00-sample.ipynb"
    else:
        path = REPO / lesson
    edition = "teacher" if "solutions" in path.parts else "student"
    run = run_notebook(path, tmp_path / "executed.ipynb", edition=edition, language=path.parent.name)
    assert run.ok, "\n".join(run.errors)


def test_run_lessons_runs_both_editions_and_reports(tmp_path, capsys):
    root = tmp_path / "kit"
    write_sample_lesson(root)
    out = tmp_path / "out"
    assert storykit(["run-lessons", "--edition", "both", "--language", "en", "--root", str(root),
                     "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 ran clean, 0 failed" in printed and "student" in printed and "teacher" in printed
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(entry["edition"], entry["ok"]) for entry in report] == [("student", True), ("teacher", True)]
    assert all(entry["seconds"] > 0 for entry in report)
    student = widget_html(out / "student" / "en" / "00-sample.ipynb")
    teacher = widget_html(out / "teacher" / "en" / "00-sample.ipynb")
    assert "kit-reply" in student and "✏️ Write your prompt here" in student   # run=True saved the result
    assert "dim sum" in teacher and "dim sum" not in student
    assert "kit-dials" in student and "kit-gallery-item" in student
    assert not (root / "notebooks" / "en" / "kit-work").exists()               # ran in a temporary copy


def test_a_failing_lesson_is_reported_with_its_cell(tmp_path, capsys):
    root = tmp_path / "kit"
    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("x / 0")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    target = root / "notebooks" / "en" / "99-broken.ipynb"
    target.parent.mkdir(parents=True)
    target.write_text(notebook_text(nb), encoding="utf-8")
    run = run_notebook(target)
    assert not run.ok and "ZeroDivisionError" in run.errors[0]
    assert storykit(["run-lessons", "--root", str(root)]) == 1
    assert "0 ran clean, 1 failed" in capsys.readouterr().out


def test_student_notebooks_pass_nbval_lax(tmp_path):
    root = tmp_path / "kit"
    write_sample_lesson(root)
    copy = tmp_path / "nbval"
    shutil.copytree(root / "notebooks", copy / "sample")
    if (REPO / "notebooks").is_dir():
        shutil.copytree(REPO / "notebooks", copy / "notebooks", ignore=shutil.ignore_patterns("kit-work"))
    env = {name: value for name, value in {**os.environ, **RUN_ENVIRONMENT}.items() if name not in UNSET}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                           "--nbval-current-env", "--nbval-cell-timeout=300", str(copy)],
                          check=False, cwd=copy, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
