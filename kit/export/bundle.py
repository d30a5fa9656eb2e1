"""Finding a story in a saved notebook, and checking it is whole before anything is written.

The story objects put their whole content in a custom MIME output, so a notebook saved in JupyterLab, a
JupyterHub or Colab carries the book with it. If the notebook shows the book several times, the last output
wins (it is the newest). Outputs of cells tagged ``teacher`` (or ``remove``) are never used.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re

from .problems import ExportProblem

MIMES = {
    "storybook": "application/vnd.qwen-storybook-kit.storybook+json",
    "novel": "application/vnd.qwen-storybook-kit.novel+json",
    "card": "application/vnd.qwen-storybook-kit.card+json",
}
SKIP_TAGS = {"teacher", "remove"}
IMAGE_MIMES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
MAX_PIXELS = 40_000_000   # about 6300 x 6300: ~120 MB to decode. A story never needs more; 20000 x 20000 is an attack
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
        raw = base64.b64decode(picture["data"], validate=True)
    except (binascii.Error, ValueError):
        raise ExportProblem("damaged", detail=f"picture ({where})") from None
    check_picture_size(raw, where)


def picture_size(raw: bytes) -> tuple[int, int] | None:
    """Width and height from the picture's header alone (nothing is decoded); None when it is not a picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as image:
            return image.size
    except Image.DecompressionBombError as error:     # Pillow's own refusal, far above our limit
        found = re.search(r"\((\d+) pixels\)", str(error))
        return (int(found.group(1)) if found else MAX_PIXELS + 1, 1)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def too_big(size: tuple[int, int]) -> dict | None:
    """The message fields for a picture over ``MAX_PIXELS``, or None when its size is fine."""
    pixels = size[0] * size[1]
    if pixels <= MAX_PIXELS:
        return None
    return {"megapixels": round(pixels / 1e6), "limit": MAX_PIXELS // 1_000_000}


def check_picture_size(raw: bytes, where: str) -> None:
    """Refuse, before anything decodes it, a picture too big to decode safely (a few bytes can claim 20000 x 20000)."""
    size = picture_size(raw)
    if size is None:
        raise ExportProblem("damaged", detail=f"picture ({where})")
    fields = too_big(size)
    if fields:
        raise ExportProblem("picture_too_big", **fields)


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
