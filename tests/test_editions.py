"""Student editions from teacher editions: markers, tags, outputs, determinism, and the repository in sync."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kit.lessons.cli import add_commands
from kit.lessons.editions import (
    EditionError,
    build,
    has_outputs,
    notebook_text,
    solution_notebooks,
    student_edition,
    student_path,
    student_source,
)

REPO = Path(__file__).resolve().parents[1]

EXERCISE = '''my_prompt = "✏️ Write your prompt here"   ### STUDENT
### BEGIN SOLUTION
my_prompt = "Write exactly three sentences about a panda who loves dim sum."
### END SOLUTION
kit.check("1.1", my_prompt)'''


def storykit(argv: list[str]) -> int:
    """The lesson commands as ``storykit`` runs them (kit/cli.py adds them with the same ``add_commands``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="storykit")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def teacher_notebook():
    """A small teacher edition with every feature the builder has to handle."""
    ran = new_code_cell("print('hi')", execution_count=3, outputs=[new_output("stream", name="stdout", text="hi\n")])
    ran.metadata["execution"] = {"iopub.status.busy": "2025-01-01T00:00:00"}
    nb = new_notebook(cells=[
        new_markdown_cell("# Lesson 1 · Talking to Qwen"),
        tagged(new_markdown_cell("**Teacher:** give them five minutes here."), "teacher"),
        tagged(new_code_cell('backend = None\nlanguage = "en"'), "parameters"),
        new_code_cell(EXERCISE),
        tagged(new_code_cell("kit.ask(my_prompt)"), "solution-only"),
        tagged(new_code_cell("kit.hint('1.1')"), "teacher", "nbval-skip"),
        tagged(new_code_cell("x = 1"), "nbval-ignore-output", "teacher-friendly"),
        ran,
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}, "widgets": {"application/vnd.jupyter.widget-state+json": {}}})
    return nb


def write(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_text(nb), encoding="utf-8")
    return path


def clean(nb):
    """The same notebook as it is committed: no outputs."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


# --- one cell ---------------------------------------------------------------------------------------------------

def test_the_solution_block_goes_and_the_student_line_stays():
    assert student_source(EXERCISE) == 'my_prompt = "✏️ Write your prompt here"\nkit.check("1.1", my_prompt)'


def test_indented_blocks_and_several_blocks_in_one_cell():
    source = ("def helper():\n    answer = None  ### STUDENT\n    ### BEGIN SOLUTION\n    answer = 42\n"
              "    ### END SOLUTION\n    return answer\n### BEGIN SOLUTION\nprint('teacher only')\n### END SOLUTION\n")
    assert student_source(source) == "def helper():\n    answer = None\n    return answer\n"


def test_a_cell_without_markers_is_unchanged():
    source = "# a comment with ### inside\nkit.ask('hi')  # not a ### STUDENT marker here"
    assert student_source(source) == source


@pytest.mark.parametrize("source, problem", [
    ("### BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n### END SOLUTION", "without"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
])
def test_broken_markers_are_reported_with_the_place(source, problem):
    with pytest.raises(EditionError, match=problem) as raised:
        student_source(source, "01-x.ipynb, cell 4")
    assert "01-x.ipynb, cell 4" in str(raised.value)


# --- one notebook -----------------------------------------------------------------------------------------------

def test_student_edition_drops_teacher_cells_and_keeps_other_tags():
    teacher = teacher_notebook()
    student = student_edition(teacher, "01-talking-to-qwen.ipynb")
    sources = [cell.source for cell in student.cells]
    assert sources == ["# Lesson 1 · Talking to Qwen", 'backend = None\nlanguage = "en"',
                       'my_prompt = "✏️ Write your prompt here"\nkit.check("1.1", my_prompt)', "x = 1",
                       "print('hi')"]
    assert student.cells[1].metadata["tags"] == ["parameters"]
    assert student.cells[3].metadata["tags"] == ["nbval-ignore-output", "teacher-friendly"]
    assert "tags" not in student.cells[0].metadata
    assert len(teacher.cells) == 8 and "BEGIN SOLUTION" in teacher.cells[3].source   # the source is untouched


def test_student_edition_has_no_outputs_counts_or_widget_state():
    student = student_edition(teacher_notebook(), "01.ipynb")
    last = student.cells[-1]
    assert last.outputs == [] and last.execution_count is None and "execution" not in last.metadata
    assert "widgets" not in student.metadata
    assert student.metadata["kernelspec"]["name"] == "python3" and student.metadata["language_info"]
    assert not has_outputs(student) and has_outputs(teacher_notebook())
    assert (student.nbformat, student.nbformat_minor) == (4, 5)
    nbformat.validate(student)


def test_cell_ids_come_from_the_teacher_edition_and_rebuild_byte_identical():
    teacher = teacher_notebook()
    student = student_edition(teacher, "01.ipynb")
    teacher_ids = {cell.id for cell in teacher.cells}
    assert {cell.id for cell in student.cells} <= teacher_ids
    assert notebook_text(student) == notebook_text(student_edition(nbformat.reads(notebook_text(teacher), 4),
                                                                   "01.ipynb"))


def test_old_notebooks_without_ids_get_stable_ones():
    old = teacher_notebook()
    old.nbformat_minor = 4
    for cell in old.cells:
        del cell["id"]
    first, second = student_edition(old, "02.ipynb"), student_edition(old, "02.ipynb")
    ids = [cell.id for cell in first.cells]
    assert ids == [cell.id for cell in second.cells] and len(set(ids)) == len(ids)
    nbformat.validate(first)


# --- the folders ------------------------------------------------------------------------------------------------

def make_root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root / "solutions" / "en" / "01-talking-to-qwen.ipynb", clean(teacher_notebook()))
    zh = clean(teacher_notebook())
    zh.cells[0].source = "# 第 1 課 · 和 Qwen 說話"
    write(root / "solutions" / "zh-Hant" / "01-talking-to-qwen.ipynb", zh)
    return root


def test_build_writes_student_editions_then_check_passes(tmp_path):
    root = make_root(tmp_path)
    report = build(root)
    assert report.ok and len(report.written) == 2
    en = root / "notebooks" / "en" / "01-talking-to-qwen.ipynb"
    text = en.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "### STUDENT" not in text and "Teacher:" not in text
    assert "第 1 課" in (root / "notebooks" / "zh-Hant" / "01-talking-to-qwen.ipynb").read_text(encoding="utf-8")
    again = build(root)
    assert again.ok and again.written == [] and en.read_text(encoding="utf-8") == text
    assert build(root, check=True).ok
    assert storykit(["build-notebooks", "--check", "--root", str(root)]) == 0


def test_check_finds_hand_edits_missing_and_stale_files(tmp_path, capsys):
    root = make_root(tmp_path)
    build(root)
    edited = root / "notebooks" / "en" / "01-talking-to-qwen.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Lesson 1", "Lesson One"), encoding="utf-8")
    (root / "notebooks" / "zh-Hant" / "01-talking-to-qwen.ipynb").unlink()
    stale = write(root / "notebooks" / "en" / "09-renamed.ipynb", clean(teacher_notebook()))
    report = build(root, check=True)
    assert sorted(p.name for p in report.drifted) == ["01-talking-to-qwen.ipynb"] * 2
    assert report.stale == [stale] and stale.exists()                     # --check changes nothing
    assert storykit(["build-notebooks", "--check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "out of date: notebooks/en/01-talking-to-qwen.ipynb" in out and "09-renamed.ipynb" in out
    report = build(root)
    assert report.removed == [stale] and not stale.exists() and build(root, check=True).ok


def test_a_solution_with_outputs_is_refused_until_cleaned(tmp_path, capsys):
    root = make_root(tmp_path)
    dirty = write(root / "solutions" / "en" / "02-creativity-dials.ipynb", teacher_notebook())
    assert storykit(["build-notebooks", "--root", str(root)]) == 1
    assert "has outputs (or execution counts): solutions/en/02-creativity-dials.ipynb" in capsys.readouterr().err
    assert not (root / "notebooks" / "en" / "02-creativity-dials.ipynb").exists()
    assert storykit(["build-notebooks", "--clean-solutions", "--root", str(root)]) == 0
    cleaned = nbformat.read(str(dirty), as_version=4)
    assert not has_outputs(cleaned) and "BEGIN SOLUTION" in cleaned.cells[3].source   # solutions stay
    assert (root / "notebooks" / "en" / "02-creativity-dials.ipynb").exists()


def test_a_broken_marker_fails_the_build_and_names_the_notebook(tmp_path, capsys):
    root = make_root(tmp_path)
    broken = clean(teacher_notebook())
    broken.cells[3].source = "### BEGIN SOLUTION\nx = 1"
    write(root / "solutions" / "en" / "03-shaping-a-story.ipynb", broken)
    assert storykit(["build-notebooks", "--root", str(root)]) == 1
    assert "03-shaping-a-story.ipynb, cell 3" in capsys.readouterr().err


# --- this repository ----------------------------------------------------------------------------------------------

def test_every_solution_in_the_repo_has_an_up_to_date_student_edition():
    """solutions/ is the source; notebooks/ must be exactly what ``storykit build-notebooks`` makes from it."""
    report = build(REPO, check=True)
    assert not report.dirty_solutions, f"teacher editions with outputs: {report.dirty_solutions}"
    assert not report.problems, report.problems
    assert not report.drifted and not report.stale, (
        f"run `storykit build-notebooks`: out of date {report.drifted}, stale {report.stale}")
    for language, solution in solution_notebooks(REPO):
        assert student_path(REPO, language, solution).is_file(), f"no student edition of {solution}"


def test_the_storykit_command_checks_the_repo():
    done = subprocess.run([sys.executable, "-m", "kit.cli", "build-notebooks", "--check", "--root", str(REPO)],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout
