"""The contract between a story and its exports: the custom MIME types and the shape of a story's bundle.

A story object writes its whole content into the notebook as one JSON bundle under its kind's MIME type; the
exporters find it there and check it before anything is written. Both sides import this one module, and the
producer checks what it writes against the same ``validate`` the exporter reads with, so they cannot drift.
"""

from __future__ import annotations

import base64
import binascii
import io
import re

from .errors import KitError
from .i18n import message

KIT = "qwen-storybook-kit"
FORMAT = 1                  # the bundle's format (not the save file's)
MIMES = {
    "storybook": "application/vnd.qwen-storybook-kit.storybook+json",
    "novel": "application/vnd.qwen-storybook-kit.novel+json",
    "card": "application/vnd.qwen-storybook-kit.card+json",
}
STORYBOOK_MIME, NOVEL_MIME, CARD_MIME = MIMES["storybook"], MIMES["novel"], MIMES["card"]
IMAGE_MIMES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
MAX_PIXELS = 40_000_000   # about 6300 x 6300: ~120 MB to decode. A story never needs more; 20000 x 20000 is an attack


class ExportProblem(KitError):
    """The notebook has no story in it, is damaged, misses a picture, or the PDF browser is not installed.

    Nothing is written when this is raised, so a good file from an earlier export is never replaced by half of one.
    """

    kind = "export"


_SAVED_READERS: dict = {}


def register_saved_reader(kind: str, read) -> None:
    """``kit.story`` says how each kind reads itself as saved now (``read(name, workdir) -> dict | None``).

    The exporter hands in the story as it is saved now, not an older preview, without importing the story
    package: the story side registers its readers here when ``kit`` is imported (as every exporter is).
    """
    _SAVED_READERS[kind] = read


def saved_now(kind: str, name, workdir) -> dict | None:
    """The export data of the story of this kind saved as ``name`` in ``workdir``, or None when none is."""
    read = _SAVED_READERS.get(kind)
    return read(name, workdir) if read else None


def header(kind: str, title: str) -> dict:
    """The fields every bundle starts with."""
    return {"kit": KIT, "kind": kind, "format": FORMAT, "title": title}


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


def _picture(picture, where: str, missing_ok: bool, **fields) -> None:
    """A picture must be a real image in the data; a missing one is named so the child can find it."""
    if picture is None:
        return
    if not isinstance(picture, dict):
        raise ExportProblem("damaged", detail=f"picture ({where})")
    if picture.get("missing"):
        if missing_ok:
            return
        raise ExportProblem(f"missing_picture_{where}", **fields)
    if picture.get("mime") not in IMAGE_MIMES or not isinstance(picture.get("data"), str):
        raise ExportProblem("damaged", detail=f"picture ({where})")
    try:
        raw = base64.b64decode(picture["data"], validate=True)
    except (binascii.Error, ValueError):
        raise ExportProblem("damaged", detail=f"picture ({where})") from None
    check_picture_size(raw, where)


def validate(data, kind: str, *, missing_ok: bool = False) -> dict:
    """Check the bundle's shape and that every picture is really there, before anything is written.

    ``missing_ok``: the story itself may show a picture whose file is gone (marked ``missing``); only an
    export refuses it, naming the page so the child can find it.
    """
    if not isinstance(data, dict) or data.get("kind") != kind or not isinstance(data.get("title"), str):
        raise ExportProblem("damaged", detail=MIMES.get(kind, str(kind)))
    try:
        if kind == "storybook":
            if not isinstance(data.get("pages"), list):
                raise ExportProblem("damaged", detail="pages")
            _picture(data.get("cover"), "cover", missing_ok)
            for number, page in enumerate(data["pages"], start=1):
                if not isinstance(page.get("text", ""), str):
                    raise ExportProblem("damaged", detail=f"page {number}")
                _picture(page.get("picture"), "page", missing_ok, number=number)
        elif kind == "novel":
            if not isinstance(data.get("scenes"), list):
                raise ExportProblem("damaged", detail="scenes")
            for scene in data["scenes"]:
                if not isinstance(scene.get("text", ""), str) or not isinstance(scene.get("choices", []), list):
                    raise ExportProblem("damaged", detail="scene")
                _picture(scene.get("picture"), "scene", missing_ok, scene=scene.get("title"))
        else:
            _picture(data.get("picture"), "card", missing_ok)
    except AttributeError:
        raise ExportProblem("damaged", detail=kind) from None
    return data


def produced(data: dict) -> dict:
    """What a story object hands over, checked against the contract as it is made (a slip shows at once)."""
    return validate(data, data.get("kind", ""), missing_ok=True)


def hand_in_note(entry: dict | None) -> str:
    """The last thing an export says: ready, not ready yet (and the first thing to fix), or a rehearsal."""
    if not entry:
        return ""
    if entry.get("ready"):
        return f"✅ {message('checklist.entry_ready', 'en')}\n   {message('checklist.entry_ready', 'zh-Hant')}"
    first = entry["blocking"][0]
    key = "checklist.entry_rehearsal" if first["item"] == "offline" else "checklist.entry_not_ready"
    more = len(entry["blocking"]) - 1
    return (f"⚠️ {message(key, 'en', more=more)} {first['en']}\n"
            f"   {message(key, 'zh-Hant', more=more)}{first['zh']}")
