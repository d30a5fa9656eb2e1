"""Finding a story in a saved notebook, and checking it is whole (``kit.story_bundle``) before anything is written.

The story objects put their whole content in a custom MIME output, so a notebook saved in JupyterLab, a
JupyterHub or Colab carries the book with it. If the notebook shows the book several times, the last output
wins (it is the newest). Outputs of cells tagged ``teacher`` (or ``remove``) are never used.
"""

from __future__ import annotations

import json
import re

from ..story_bundle import MIMES, ExportProblem, validate

SKIP_TAGS = {"teacher", "remove"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Words as an export shows them: no NUL or other control characters, a lone surrogate as U+FFFD, and the
    Unicode line and paragraph separators (U+2028, U+2029) as the newlines they mean."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", text))


def clean(value):
    """Every string of a story's export data cleaned (``clean_text``); picture data (base64) is left as it is."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: item if key == "data" else clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value


def no_story(kind: str) -> ExportProblem:
    return ExportProblem(f"no_{kind}")


def find(nb, kind: str) -> dict:
    """The last output of this kind of story in the notebook (a dict), or a kind ``ExportProblem``."""
    return validate(last_output(nb, kind), kind)


def last_output(nb, kind: str):
    """The last output of this kind of story, not yet checked (the exporter may find a newer saved story)."""
    mime = MIMES[kind]
    found = None
    try:
        for cell in nb.get("cells", []):
            tags = set((cell.get("metadata") or {}).get("tags") or [])
            if cell.get("cell_type") != "code" or tags & SKIP_TAGS:
                continue
            for output in cell.get("outputs") or []:
                data = (output.get("data") or {}) if isinstance(output, dict) else {}
                if mime in data:
                    found = data[mime]
    except (AttributeError, TypeError):
        raise ExportProblem("damaged", detail="cells") from None
    if found is None:
        raise no_story(kind)
    if isinstance(found, str):
        try:
            found = json.loads(found)
        except json.JSONDecodeError:
            raise ExportProblem("damaged", detail=mime) from None
    return found
