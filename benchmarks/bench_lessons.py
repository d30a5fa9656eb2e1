"""Figure 6: the whole lesson suite, run top to bottom with papermill on the offline backend
(``kit.lessons.cli.run_lessons``, what ``storykit run-lessons --edition both --language both`` does).

Baseline: a one-cell notebook through the same runner (copy the folder, start a kernel, papermill, stop it), the
fixed cost of any notebook. Both editions in both languages are run: the student editions are what children
open; the teacher editions hold the lessons whose student editions are still being written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchlib import ROOT, median, row

FIGURE = 6
TITLE = "Lesson suite on the offline backend"


def empty_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('backend = "offline"')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, nbformat.v4.new_code_cell("1 + 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, str(path))
    return path


def measure(quick: bool) -> list[dict]:
    from kit.lessons.cli import lessons_to_run, run_lessons, run_notebook

    edition, language, names = ("student", "en", ["00"]) if quick else ("both", "both", None)
    suites = 1 if quick else 2
    chosen = lessons_to_run(ROOT, edition, language, names)
    teacher = {(lang, p.name) for ed, lang, p in lessons_to_run(ROOT, "teacher", "both")}
    student = {(lang, p.name) for ed, lang, p in lessons_to_run(ROOT, "student", "both")}
    not_yet = sorted(f"{lang}/{name}" for lang, name in teacher - student)
    numbers = {int(name[:2]) for _lang, name in teacher | student if name[:2].isdigit()}
    gaps = sorted(set(range(min(numbers), max(numbers) + 1)) - numbers) if numbers else []

    per_notebook: dict[str, list[float]] = {}
    totals, empty_times, failures = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-lessons-") as temp:
        empty = empty_notebook(Path(temp))
        run_notebook(empty)                                   # warm up: first kernel start, disk cache
        for _ in range(suites):
            empty_times.append(run_notebook(empty).seconds)
            runs = run_lessons(ROOT, edition=edition, language=language, names=names)
            totals.append(sum(r.seconds for r in runs))
            for run in runs:
                per_notebook.setdefault(f"{run.edition}/{run.language}/{run.notebook.name}", []).append(run.seconds)
                failures += [f"{run.notebook.name}: {e}" for e in run.errors]
            empty_times.append(run_notebook(empty).seconds)

    count = len(chosen)
    medians = {name: median(times) for name, times in per_notebook.items()}
    slowest = max(medians, key=medians.get)
    empty_median = median(empty_times)
    total = row(FIGURE, "6a", f"Lesson suite: {count} notebooks, total", unit="s", digits=1, kit=totals,
                base=[t * count for t in empty_times], kit_label="lessons", base_label=f"{count} × empty notebook",
                goal="every lesson runs clean", met=not failures,
                extra={"edition": edition, "language": language, "suites": suites, "failures": failures,
                       "per_notebook_s": {k: round(v, 2) for k, v in sorted(medians.items())},
                       "student_editions_not_yet_written": not_yet,
                       "lesson_numbers_not_present_yet": gaps})
    total["meaning"] = (f"CI checks every lesson in {median(totals):.0f} s; {empty_median * count:.0f} s of it "
                        f"is starting kernels. A child's run-all of a lesson takes seconds, not minutes.")
    slow = row(FIGURE, "6b", f"Slowest notebook: {slowest}", unit="s", digits=1, kit=per_notebook[slowest],
               base=empty_times, kit_label="slowest lesson", base_label="empty notebook",
               goal="no goal (informational)")
    slow["meaning"] = (f"The slowest lesson runs top to bottom in {medians[slowest]:.0f} s on the offline "
                       f"backend (the empty notebook takes {empty_median:.1f} s).")
    return [total, slow]
