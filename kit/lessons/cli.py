"""``storykit build-notebooks`` and ``storykit run-lessons``: make the student editions, and prove every lesson runs.

    storykit build-notebooks [--check] [--clean-solutions]
        write notebooks/<lang>/*.ipynb from solutions/<lang>/*.ipynb (see kit.lessons.editions);
        --check writes nothing and exits 1 listing what is out of date (CI runs this)
    storykit run-lessons [--edition student|teacher|both] [--language en|zh-Hant|both] [--out DIR] [NAME ...]
        run each lesson top to bottom with papermill on the offline backend, in a temporary copy of its
        folder, and report the time and any error of each; exits 1 if any lesson fails

``kit/cli.py`` calls ``add_commands`` so the lesson tools live beside the lessons they serve.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import LANGUAGES  # the editions module loads nbformat (seconds): import it only when used

EDITION_FOLDERS = {"student": "notebooks", "teacher": "solutions"}
RUN_ENVIRONMENT = {
    "KIT_BACKEND": "offline",            # no key, no network, no cost: the same answers on every machine
    "KIT_OFFLINE_STREAM_DELAY": "0",     # streaming is for children watching, not for CI
    "KIT_NO_PROMPT": "1",                # never wait for a key to be typed
    "PYTHONHASHSEED": "0",
}
UNSET = ("MPLBACKEND",)                   # a test run's "Agg" would hide the lessons' charts from their outputs
DEFAULT_TIMEOUT = 300


# --- build-notebooks --------------------------------------------------------------------------------------------

def cmd_build_notebooks(args: argparse.Namespace) -> int:
    root = Path(args.root)
    from .editions import build

    report = build(root, check=args.check, clean_solutions=args.clean_solutions)
    for path in report.cleaned:
        print(f"cleaned outputs from {_show(path, root)}")
    for path in report.written:
        print(f"wrote {_show(path, root)}")
    for path in report.removed:
        print(f"removed {_show(path, root)} (its teacher edition is gone)")
    for path in report.drifted:
        print(f"{'out of date' if path.exists() else 'missing'}: {_show(path, root)}")
    for path in report.stale:
        print(f"stale (no teacher edition): {_show(path, root)}")
    for path in report.dirty_solutions:
        print(f"has outputs (or execution counts): {_show(path, root)}", file=sys.stderr)
    if report.dirty_solutions:
        print("Teacher editions are committed without outputs. Clear them with\n"
              "    storykit build-notebooks --clean-solutions\n"
              "(or: jupyter nbconvert --clear-output --inplace <notebook>).", file=sys.stderr)
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if args.check and (report.drifted or report.stale):
        print("notebooks/ is out of date: run  storykit build-notebooks  and commit the result.", file=sys.stderr)
    if report.ok:
        state = "up to date" if args.check or not report.written else f"{len(report.written)} written"
        print(f"{report.sources} teacher editions, student editions {state}.")
    return 0 if report.ok else 1


def _show(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# --- run-lessons ------------------------------------------------------------------------------------------------

@dataclass
class LessonRun:
    """One notebook run: which, how long, and the errors it showed (empty when it ran clean)."""

    notebook: Path
    edition: str
    language: str
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def line(self) -> str:
        mark = "✔" if self.ok else "✘"
        first = f"  {self.errors[0]}" if self.errors else ""
        return f"{mark} {self.seconds:6.1f} s  {self.edition:7}  {self.language:7}  {self.notebook.name}{first}"


def lessons_to_run(root: Path, edition: str = "student", language: str = "both",
                   names: list[str] | None = None) -> list[tuple[str, str, Path]]:
    """(edition, language, path) of every notebook chosen, in a stable order; ``names`` filter by prefix."""
    editions = list(EDITION_FOLDERS) if edition == "both" else [edition]
    languages = list(LANGUAGES) if language == "both" else [language]
    chosen = []
    for each_edition in editions:
        for each_language in languages:
            folder = root / EDITION_FOLDERS[each_edition] / each_language
            for path in sorted(folder.glob("*.ipynb")):
                if not names or any(path.name.startswith(name) for name in names):
                    chosen.append((each_edition, each_language, path))
    return chosen


@contextmanager
def _environment(values: dict[str, str], unset: tuple[str, ...] = UNSET) -> Iterator[None]:
    """Set (and unset) environment variables for the kernels started inside, which inherit this environment."""
    saved = {name: os.environ.get(name) for name in (*values, *unset)}
    os.environ.update(values)
    for name in unset:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def error_outputs(nb) -> list[str]:
    """Every error output in an executed notebook, as "cell N: Name: message"."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
    return found


def run_notebook(path: Path, output: Path | None = None, *, edition: str = "student", language: str = "en",
                 timeout: int = DEFAULT_TIMEOUT) -> LessonRun:
    """Run one notebook with papermill (``-p backend offline``, kernel python3) in a temporary copy of its folder.

    A copy, because a lesson writes its work folder (journal, pictures) beside itself, and a test run must
    leave the repository as it found it. The executed notebook goes to ``output`` when given.
    """
    import nbformat
    import papermill

    result = LessonRun(Path(path), edition, language, output=output)
    with tempfile.TemporaryDirectory(prefix="storykit-run-") as temp:
        work = Path(temp) / "lesson"
        shutil.copytree(Path(path).parent, work,
                        ignore=shutil.ignore_patterns("kit-work", ".ipynb_checkpoints", "*.ipynb"))
        shutil.copy2(path, work / Path(path).name)
        executed = output or Path(temp) / "executed.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        failure = None
        try:
            with _environment(RUN_ENVIRONMENT):
                papermill.execute_notebook(str(work / Path(path).name), str(executed),
                                           parameters={"backend": "offline"}, kernel_name="python3", cwd=str(work),
                                           execution_timeout=timeout, progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as problem:
            failure = f"cell {problem.cell_index}: {problem.ename}: {problem.evalue}"
        except (TimeoutError, RuntimeError, OSError) as problem:  # a kernel that died or timed out fails the lesson
            failure = f"{type(problem).__name__}: {problem}"
        result.seconds = time.monotonic() - started
        if executed.is_file():
            result.errors = error_outputs(nbformat.read(str(executed), as_version=4))
        if failure and not result.errors:
            result.errors.append(failure)
    return result


def run_lessons(root: Path | str = ".", *, edition: str = "student", language: str = "both",
                out: Path | str | None = None, names: list[str] | None = None,
                timeout: int = DEFAULT_TIMEOUT, echo: bool = False) -> list[LessonRun]:
    """Run every chosen lesson; with ``out``, keep the executed notebooks there and write ``report.json``."""
    root = Path(root)
    out = Path(out) if out else None
    runs = []
    for each_edition, each_language, path in lessons_to_run(root, edition, language, names):
        target = out / each_edition / each_language / path.name if out else None
        run = run_notebook(path, target, edition=each_edition, language=each_language, timeout=timeout)
        runs.append(run)
        if echo:
            print(run.line(), flush=True)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        report = [{"notebook": str(run.notebook), "edition": run.edition, "language": run.language,
                   "seconds": round(run.seconds, 2), "ok": run.ok, "errors": run.errors} for run in runs]
        (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return runs


def cmd_run_lessons(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not lessons_to_run(root, args.edition, args.language, args.names):
        print(f"No lesson notebooks found under {root.resolve()} for edition={args.edition}, "
              f"language={args.language}.")
        return 0
    runs = run_lessons(root, edition=args.edition, language=args.language, out=args.out, names=args.names,
                       timeout=args.timeout, echo=True)
    failed = [run for run in runs if not run.ok]
    total = sum(run.seconds for run in runs)
    print(f"\n{len(runs) - len(failed)} ran clean, {len(failed)} failed, {total:.1f} s in all.")
    for run in failed:
        print(f"\n✘ {run.notebook}", file=sys.stderr)
        for error in run.errors:
            print(f"    {error}", file=sys.stderr)
    return 1 if failed else 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``build-notebooks`` and ``run-lessons`` to the ``storykit`` command line."""
    builder = commands.add_parser("build-notebooks", help="make the student editions from solutions/")
    builder.add_argument("--check", action="store_true", help="change nothing; exit 1 if notebooks/ is out of date")
    builder.add_argument("--clean-solutions", action="store_true",
                         help="first clear outputs from teacher editions in solutions/ (in place)")
    builder.add_argument("--root", default=".", help="the kit's folder (default: here)")
    builder.set_defaults(func=cmd_build_notebooks)

    runner = commands.add_parser("run-lessons", help="run every lesson on the offline backend and report")
    runner.add_argument("names", nargs="*", help="only notebooks whose name starts with these (e.g. 01 02)")
    runner.add_argument("--edition", choices=("student", "teacher", "both"), default="student")
    runner.add_argument("--language", choices=(*LANGUAGES, "both"), default="both")
    runner.add_argument("--out", help="keep the executed notebooks and report.json in this folder")
    runner.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds per cell (default 300)")
    runner.add_argument("--root", default=".", help="the kit's folder (default: here)")
    runner.set_defaults(func=cmd_run_lessons)
