"""Pictures in a story: taken in as files in the book's folder, and re-encoded small enough to hand in.

A page keeps a small dict about its picture (file, size, and how it was made), never the bytes: the book's
JSON stays small, and a picture used twice is stored once (files are named by their content).
Exports get JPEG copies at most 900 px on the longest side, so a 20-page book stays a few MB.
"""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from ..errors import BadInput
from ..journal import atomic_write
from ..pictures import Picture
from ..story_bundle import picture_size, too_big

EXPORT_STEPS = ((900, 82), (800, 76), (700, 70), (600, 64), (500, 60))   # longest side, JPEG quality
PREVIEW = (480, 72)
EXPORT_BUDGET = 7_000_000          # bytes of base64 for all pictures: leaves room under the 8 MB promise
_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif", "BMP": "bmp"}


def _describe_bad(value) -> str:
    text = value if isinstance(value, (str, Path)) else type(value).__name__
    return str(text)[:80]


def take_picture(value, folder: Path) -> dict:
    """Store a ``kit.Picture``, bytes or a file path in ``folder/pictures`` and return what the page keeps."""
    from PIL import Image, UnidentifiedImageError

    meta: dict = {}
    if isinstance(value, Picture) or (hasattr(value, "data") and hasattr(value, "prompt")):
        data = bytes(value.data)
        meta = {"call_id": getattr(value, "call_id", None), "prompt": getattr(value, "prompt", "") or "",
                "negative": getattr(value, "negative", None), "style": getattr(value, "style", None),
                "seed": getattr(value, "seed", None), "model": getattr(value, "model", "") or "",
                "backend": getattr(value, "backend", "") or ""}
    elif isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    elif isinstance(value, (str, Path)):
        path = Path(value).expanduser()
        if not path.is_file():
            raise BadInput("picture", value=_describe_bad(value))
        data = path.read_bytes()
    else:
        raise BadInput("picture", value=_describe_bad(value))
    huge = too_big(picture_size(data) or (0, 0))   # from the header alone: a picture that big is never decoded
    if huge:
        raise BadInput("picture_too_big", **huge)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            fmt = _FORMATS.get(image.format or "", "png")
    except (UnidentifiedImageError, OSError, ValueError):
        raise BadInput("picture", value=_describe_bad(value)) from None
    digest = hashlib.sha256(data).hexdigest()[:20]
    name = f"pictures/{digest}.{fmt}"
    target = folder / name
    if not target.is_file():
        atomic_write(target, data)
    return {"file": name, "sha": digest, "width": width, "height": height, "format": fmt, **meta}


def load_picture(folder: Path, meta: dict | None) -> Picture | None:
    """The stored picture as a ``kit.Picture`` again (None when there is none or its file is gone)."""
    if not meta:
        return None
    path = folder / meta["file"]
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Picture(data=data, format=meta.get("format", "png"), width=meta.get("width", 0),
                   height=meta.get("height", 0), prompt=meta.get("prompt", ""), backend=meta.get("backend", ""),
                   model=meta.get("model", ""), negative=meta.get("negative"), style=meta.get("style"),
                   seed=meta.get("seed"), call_id=meta.get("call_id"), path=path)


def picture_exists(folder: Path, meta: dict | None) -> bool:
    return bool(meta) and (folder / meta["file"]).is_file()


@lru_cache(maxsize=256)
def _encode(path: str, mtime: int, max_side: int, quality: int) -> dict:
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        else:
            image = image.convert("RGB")
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
        return {"mime": "image/jpeg", "data": base64.b64encode(out.getvalue()).decode("ascii"),
                "width": image.width, "height": image.height}


def encode(path: Path, max_side: int, quality: int) -> dict:
    """A JPEG copy as base64 with its size: what an export or a preview embeds."""
    return dict(_encode(str(path), path.stat().st_mtime_ns, max_side, quality))


def encode_all(paths: list[Path], budget: int = EXPORT_BUDGET) -> dict[Path, dict]:
    """Encode every picture at the best step that keeps them all within ``budget`` bytes together."""
    unique = list(dict.fromkeys(paths))
    result: dict[Path, dict] = {}
    for max_side, quality in EXPORT_STEPS:
        result = {path: encode(path, max_side, quality) for path in unique}
        if sum(len(item["data"]) for item in result.values()) <= budget:
            break
    return result


def preview(path: Path) -> dict:
    return encode(path, *PREVIEW)


def data_uri(item: dict | None) -> str | None:
    return f"data:{item['mime']};base64,{item['data']}" if item else None
