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


def hints_are_graded(exercise_id, samples=()):
    """``kit.hint`` gives 1, 2, ... up to the last and then repeats it, in both languages (Traditional Chinese);
    each of ``samples`` (English, Chinese) is in the last hint and passes the check."""
    import kit

    first = kit.hint(exercise_id)
    given = [first] + [kit.hint(exercise_id) for _ in range(first.total)]
    assert [h.number for h in given] == list(range(1, first.total + 1)) + [first.total]
    assert all(h.en and re.search(r"[\u3400-\u9fff]", h.zh) and not SIMPLIFIED.search(h.zh) for h in given)
    for sample, text in zip(samples, (given[-1].en, given[-1].zh)):
        assert sample in text and kit.check(exercise_id, sample).ok


def lesson_follows_the_template(nb, language, title, ids):
    """A teacher notebook in the lessons' shape: its title, the parameters cell, a check and a hint for each
    exercise, short student cells with ✏️ where a solution was, a reflection, and no simplified or variant
    characters in Chinese."""
    import nbformat

    from kit.lessons.editions import student_source

    nbformat.validate(nb)
    assert nb.cells[0].source.startswith(title)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[1].metadata.get("tags") == ["parameters"] and f'language = "{language}"' in code[1].source
    sources = "\n".join(cell.source for cell in code)
    for exercise_id in ids:
        assert f'kit.check("{exercise_id}", ' in sources and f'kit.hint("{exercise_id}")' in sources
    for cell in code[1:]:                                      # the set-up cell: tests/test_colab_setup.py
        student = student_source(cell.source)
        if "### BEGIN SOLUTION" in cell.source:
            assert "✏️" in student and "BEGIN" not in student
        assert len(student.splitlines()) <= 6, cell.source
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert ("## Reflection" in markdown) if language == "en" else ("## 反思" in markdown)
    if language == "zh-Hant":
        assert not SIMPLIFIED.search(markdown + sources)
        assert "裡" not in markdown + sources and "什麼" not in markdown + sources
    return sources


def same_shape(en, zh):
    """The two languages' notebooks have the same cells, kinds and tags."""
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in zh.cells]
    assert [c.metadata.get("tags") for c in en.cells] == [c.metadata.get("tags") for c in zh.cells]
