"""Finding a story in a saved notebook, and checking it is whole before anything is written.

The story objects put their whole content in a custom MIME output, so a notebook saved in JupyterLab, a
JupyterHub or Colab carries the book with it. If the notebook shows the book several times, the last output
wins (it is the newest). Outputs of cells tagged ``teacher`` (or ``remove``) are never used.
"""

from __future__ import annotations

import base64
import binascii
import json

from .problems import ExportProblem

MIMES = {
    "storybook": "application/vnd.qwen-storybook-kit.storybook+json",
    "novel": "application/vnd.qwen-storybook-kit.novel+json",
    "card": "application/vnd.qwen-storybook-kit.card+json",
}
SKIP_TAGS = {"teacher", "remove"}
IMAGE_MIMES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


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


def _picture(picture, where: str, **fields) -> None:
    """A picture must be a real image in the data; a missing one is named so the child can find it."""
    if picture is None:
        return
    if not isinstance(picture, dict):
        raise ExportProblem("damaged", detail=f"picture ({where})")
    if picture.get("missing"):
        raise ExportProblem(f"missing_picture_{where}", **fields)
    if picture.get("mime") not in IMAGE_MIMES or not isinstance(picture.get("data"), str):
        raise ExportProblem("damaged", detail=f"picture ({where})")
    try:
        base64.b64decode(picture["data"], validate=True)
    except (binascii.Error, ValueError):
        raise ExportProblem("damaged", detail=f"picture ({where})") from None


def validate(data, kind: str) -> dict:
    """Check the story's shape and that every picture is really there, before anything is written."""
    if not isinstance(data, dict) or data.get("kind") != kind or not isinstance(data.get("title"), str):
        raise ExportProblem("damaged", detail=MIMES.get(kind, str(kind)))
    try:
        if kind == "storybook":
            if not isinstance(data.get("pages"), list):
                raise ExportProblem("damaged", detail="pages")
            _picture(data.get("cover"), "cover")
            for number, page in enumerate(data["pages"], start=1):
                if not isinstance(page.get("text", ""), str):
                    raise ExportProblem("damaged", detail=f"page {number}")
                _picture(page.get("picture"), "page", number=number)
        elif kind == "novel":
            if not isinstance(data.get("scenes"), list):
                raise ExportProblem("damaged", detail="scenes")
            for scene in data["scenes"]:
                if not isinstance(scene.get("text", ""), str) or not isinstance(scene.get("choices", []), list):
                    raise ExportProblem("damaged", detail="scene")
                _picture(scene.get("picture"), "scene", scene=scene.get("title"))
        else:
            _picture(data.get("picture"), "card")
    except AttributeError:
        raise ExportProblem("damaged", detail=kind) from None
    return data
