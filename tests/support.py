"""What several test modules share: the sentinel key and a way to search everything the kit wrote.

Kept out of conftest.py so that test modules import it by a name of its own (two conftest.py files, in
tests/ and tests/browser/, would otherwise compete for the module name ``conftest``).
"""

import os
import re

# A key that looks real, made at run time so no key-shaped string is committed. Tests search everything
# the kit wrote for it: it must never appear.
SENTINEL_KEY = "sk-" + "sentinel" * 4


def everything_written(folder) -> str:
    """All text in all files under a folder, for searching for a secret."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                out.append(handle.read().decode("utf-8", "replace"))
    return "\n".join(out)


# --- lesson checks: a verdict in both languages, and a teacher notebook run offline ---------------------------

SIMPLIFIED = re.compile(r"[这们说为么图画来过还时书会个对让问题选择场结]")   # only Simplified Chinese uses these


def verdict(exercise_id, answer):
    """``kit.check``'s result, after checking it speaks both languages (Traditional Chinese) and never gives up."""
    import kit

    result = kit.check(exercise_id, answer)
    assert result.verdict.en.strip() and re.search(r"[\u3400-\u9fff]", result.verdict.zh), result.verdict
    assert not SIMPLIFIED.search(result.verdict.zh), result.verdict.zh
    assert "could not read" not in result.verdict.en, (exercise_id, answer)
    return result


def passes(exercise_id, answer):
    result = verdict(exercise_id, answer)
    assert result.ok, f"{exercise_id} should pass {answer!r}: {result.verdict.en}"
    return result


def fails(exercise_id, answer, *words):
    """Not passed, said kindly ("Not yet" / "Nearly"), and naming each of ``words``."""
    result = verdict(exercise_id, answer)
    assert not result.ok, f"{exercise_id} should not pass {answer!r}"
    assert result.verdict.en.startswith(("Not yet", "Nearly")) and result.verdict.zh.startswith(("未完成", "差不多"))
    for word in words:
        assert word.lower() in result.verdict.en.lower(), result.verdict.en
    return result


def run_offline(notebook, tmp_path):
    """Run a notebook top to bottom offline with papermill; the ran notebook and its check results' text."""
    import nbformat
    import papermill

    out = tmp_path / "out.ipynb"
    before = os.environ.get("KIT_BACKEND")
    os.environ["KIT_BACKEND"] = "offline"
    try:
        papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", cwd=str(tmp_path),
                                   progress_bar=False)
    finally:
        if before is None:
            os.environ.pop("KIT_BACKEND", None)
        else:
            os.environ["KIT_BACKEND"] = before
    ran = nbformat.read(out, as_version=4)
    errors = [o for cell in ran.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
    checks = [o["data"]["text/plain"] for cell in ran.cells if cell.cell_type == "code" and "kit.check(" in cell.source
              for o in cell.outputs if "data" in o and "kit-check" in o["data"].get("text/html", "")]
    return ran, errors, checks
