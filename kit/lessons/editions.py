"""Teacher and student editions of the lesson notebooks, from one source.

The teacher edition in ``solutions/<lang>/NN-slug.ipynb`` is the only notebook anyone edits. The student edition
in ``notebooks/<lang>/`` is made from it by ``storykit build-notebooks`` and never edited by hand, so a fix is
made once and the two can never disagree. Making a student edition:

* drops cells tagged ``teacher`` (notes for the teacher) or ``solution-only``;
* in code cells, drops every block from a ``### BEGIN SOLUTION`` line to its ``### END SOLUTION`` line,
  inclusive, and strips a trailing ``### STUDENT`` marker. The student line comes first and runs in both
  editions; the solution block after it overrides it in the teacher edition only::

      my_prompt = "✏️ Write your prompt here"   ### STUDENT
      ### BEGIN SOLUTION
      my_prompt = "Write exactly three sentences about a panda who loves dim sum."
      ### END SOLUTION
      kit.check("1.1", my_prompt)

* clears outputs and execution counts, drops ``metadata.widgets`` (saved widget state) and run-time metadata,
  keeps the kernelspec, language_info and every other tag (``parameters`` matters to papermill);
* keeps each cell's id (so a cell is the same cell in both editions, and rebuilding gives the same bytes).

Teacher editions are committed without outputs too: a build refuses a solution with outputs and says how to
clean it (``--clean-solutions``), because outputs in the source would make every rebuild noisy to review.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..i18n import LANGUAGES

REMOVED_TAGS = frozenset({"teacher", "solution-only"})
BEGIN, END, STUDENT = "### BEGIN SOLUTION", "### END SOLUTION", "### STUDENT"
_STUDENT_MARK = re.compile(r"[ \t]*### STUDENT[ \t]*$")
RUN_METADATA = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")   # cell metadata from runs
NOTEBOOK_RUN_METADATA = ("widgets", "papermill")


class EditionError(ValueError):
    """A teacher notebook the builder cannot turn into a student edition (e.g. an unclosed solution block)."""


def student_source(source: str, where: str = "cell") -> str:
    """The student version of one code cell's source: solution blocks out, ``### STUDENT`` marks off."""
    kept: list[str] = []
    inside = False
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        marker = line.strip()
        if marker.startswith(BEGIN):
            if inside:
                raise EditionError(f"{where}, line {number}: {BEGIN} inside another solution block")
            inside = True
        elif marker.startswith(END):
            if not inside:
                raise EditionError(f"{where}, line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            ending = line[len(line.rstrip("\r\n")):]
            kept.append(_STUDENT_MARK.sub("", line.rstrip("\r\n")) + ending)
    if inside:
        raise EditionError(f"{where}: {BEGIN} is never closed with {END}")
    result = "".join(kept)
    return result if source.endswith("\n") else result.rstrip("\n")


def _cell_id(cell, notebook_name: str, index: int) -> str:
    """The cell's own id; a notebook saved before ids existed gets one made from its name and position."""
    if cell.get("id"):
        return cell["id"]
    return hashlib.sha1(f"{notebook_name}:{index}".encode()).hexdigest()[:8]


def _clean_cell(cell) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    for name in RUN_METADATA:
        cell.metadata.pop(name, None)


def _clean_notebook(nb, name: str) -> None:
    """Outputs, counts and run-time metadata off; ids present; nbformat 4.5, so the JSON is the same every time."""
    for key in NOTEBOOK_RUN_METADATA:
        nb.metadata.pop(key, None)
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    for index, cell in enumerate(nb.cells):
        cell["id"] = _cell_id(cell, name, index)
        _clean_cell(cell)


def student_edition(teacher, name: str = "notebook"):
    """A new notebook: the student edition of ``teacher`` (a NotebookNode); the teacher's is not changed."""
    nb = copy.deepcopy(teacher)
    kept = []
    for index, cell in enumerate(nb.cells):
        cell["id"] = _cell_id(cell, name, index)   # from the teacher's position, before cells are dropped
        tags = list(cell.metadata.get("tags", []))
        if REMOVED_TAGS & set(tags):
            continue
        if cell.cell_type == "code":
            cell.source = student_source(cell.source, f"{name}, cell {index}")
        remaining = [tag for tag in tags if tag not in REMOVED_TAGS]
        if remaining:
            cell.metadata["tags"] = remaining
        else:
            cell.metadata.pop("tags", None)
        kept.append(cell)
    nb.cells = kept
    _clean_notebook(nb, name)
    return nb


def has_outputs(nb) -> bool:
    """True when a notebook carries anything from a run: outputs, execution counts or saved widget state."""
    return bool(nb.metadata.get("widgets")) or any(
        cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
        for cell in nb.cells)


def notebook_text(nb) -> str:
    """The notebook as normalised JSON text (nbformat's writer, one trailing newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


@dataclass
class BuildReport:
    """What ``build`` did or, when checking, found: out of date and stale files, dirty solutions, problems."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    drifted: list[Path] = field(default_factory=list)    # check: would be rewritten
    stale: list[Path] = field(default_factory=list)      # check: would be removed
    dirty_solutions: list[Path] = field(default_factory=list)
    cleaned: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sources: int = 0

    @property
    def ok(self) -> bool:
        return not (self.drifted or self.stale or self.dirty_solutions or self.problems)


def solution_notebooks(root: Path) -> list[tuple[str, Path]]:
    """Every teacher edition under ``root/solutions``, as (language, path), in a stable order."""
    found = []
    for language in LANGUAGES:
        folder = root / "solutions" / language
        found += [(language, path) for path in sorted(folder.glob("*.ipynb"))]
    return found


def student_path(root: Path, language: str, solution: Path) -> Path:
    return root / "notebooks" / language / solution.name


def build(root: Path | str = ".", *, check: bool = False, clean_solutions: bool = False) -> BuildReport:
    """Write (or with ``check``, compare) every student edition under ``root/notebooks``.

    A solution with outputs is a problem unless ``clean_solutions`` is set, which strips it in place first.
    With ``check`` nothing is written: out-of-date and stale files are listed instead (for CI and tests).
    A student notebook whose teacher edition is gone is stale; a build deletes it, since nobody edits
    ``notebooks/`` by hand.
    """
    root = Path(root)
    report = BuildReport()
    expected: set[Path] = set()
    for language, source in solution_notebooks(root):
        report.sources += 1
        try:
            teacher = read(source)
        except (OSError, ValueError, nbformat.ValidationError) as problem:  # say which file, check the others
            report.problems.append(f"{source}: cannot be read as a notebook ({problem})")
            continue
        if has_outputs(teacher):
            if clean_solutions and not check:
                _clean_notebook(teacher, source.name)
                source.write_text(notebook_text(teacher), encoding="utf-8", newline="\n")
                report.cleaned.append(source)
            else:
                report.dirty_solutions.append(source)
                continue
        try:
            text = notebook_text(student_edition(teacher, source.name))
        except EditionError as problem:
            report.problems.append(str(problem))
            continue
        target = student_path(root, language, source)
        expected.add(target)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        if check:
            report.drifted.append(target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            report.written.append(target)
    for language in LANGUAGES:
        for path in sorted((root / "notebooks" / language).glob("*.ipynb")):
            if path not in expected and not (root / "solutions" / language / path.name).is_file():
                if check:
                    report.stale.append(path)
                else:
                    path.unlink()
                    report.removed.append(path)
    return report
