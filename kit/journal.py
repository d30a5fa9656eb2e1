"""The journal: every call the kit makes, written to the work folder as it happens. Nothing lost, nothing paid twice.

Layout of ``<workdir>/journal``::

    calls/<id>.json       one file a call: request, status, task id, reply or picture file, usage, times
    keys/<key>.json       points at the newest call for an exact request (reuse, and resuming image jobs)
    loose/<key>.json      points at the newest call for the same words, whatever the settings (replay)
    <workdir>/pictures/<id>.<fmt>   the pictures themselves, downloaded at once (service URLs expire in 24 h)

Every write goes to a temporary file first and is then renamed over the old one, so a kernel that dies
mid-write leaves the previous good file, never half a file. The API key is never given to the journal,
and every string is passed through ``redact`` before it is written, as a second lock on the same door.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from .errors import disk_problems, redact

_lock = threading.Lock()
_CALL_ID = re.compile(r"[\w\-]+")


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write bytes so that readers see the old file or the new one, never a torn one.

    ``durable`` also waits for the disk (fsync), which guards against the machine losing power, not the kernel
    dying, and costs milliseconds a file: the journal, written several times a call, does without it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def json_bytes(value: dict) -> bytes:
    """The file's bytes: readable JSON, the key never in it."""
    text = redact(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True))
    # A lone surrogate (only ever inside a JSON string) is written as its \uXXXX escape, which reads back the same.
    return text.encode("utf-8", "backslashreplace")


def write_json(path: Path, value: dict, *, durable: bool = True) -> None:
    atomic_write(path, json_bytes(value), durable=durable)


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Journal:
    """Read and write the record of calls in one work folder."""

    def __init__(self, workdir: Path | str):
        self.workdir = Path(workdir)
        self.root = self.workdir / "journal"
        self.pictures = self.workdir / "pictures"

    # -- writing -------------------------------------------------------------------------------------
    def start(self, *, kind: str, backend: str, model: str, request: dict, key: str, loose: str,
              also_keys: tuple[str, ...] = ()) -> dict:
        """Record that a call is starting (before any waiting), and return its entry.

        ``key`` is the request as the child asked it (seed or not); ``also_keys`` name the same call
        another way, e.g. with the seed the kit chose, so asking again with that seed finds it too.
        """
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        entry = {
            "id": f"{stamp}-{uuid.uuid4().hex[:6]}",
            "kind": kind,
            "backend": backend,
            "model": model,
            "request": request,
            "key": key,
            "also_keys": [k for k in also_keys if k != key],
            "loose": loose,
            "status": "pending",
            "started": _now(),
            "t0": time.time(),
        }
        self._save(entry)
        return entry

    def update(self, entry: dict, **fields) -> dict:
        entry.update(fields)
        if entry.get("status") in ("done", "failed"):
            entry.setdefault("finished", _now())
            entry["seconds"] = round(time.time() - entry.get("t0", time.time()), 3)
        self._save(entry)
        return entry

    def save_picture(self, entry: dict, data: bytes, fmt: str) -> str:
        """Store picture bytes beside the journal and return the path relative to the work folder."""
        return self.save_file(entry, data, fmt, folder="pictures")

    def save_file(self, entry: dict, data: bytes, fmt: str, *, folder: str) -> str:
        """Store what a call made (a picture, a sound) in ``folder`` of the work folder, named by the call;
        the path returned, relative to the work folder, is what the entry keeps."""
        name = f"{folder}/{entry['id']}.{fmt}"
        with disk_problems(self.workdir):
            atomic_write(self.workdir / name, data, durable=False)
        return name

    def _save(self, entry: dict) -> None:
        # Not fsynced: the rename alone keeps every file whole when a kernel dies or restarts, which is what a
        # classroom meets; an fsync for each of the 5 to 10 files of a call cost more than the rest of the kit.
        with _lock, disk_problems(self.workdir):
            write_json(self.root / "calls" / f"{entry['id']}.json", entry, durable=False)
            if entry["status"] in ("pending", "done"):
                # A pending image job is pointed at too: after a restart the same request resumes it.
                pointer = {"call": entry["id"], "status": entry["status"]}
                for key in [entry["key"], *entry.get("also_keys", [])]:
                    write_json(self.root / "keys" / f"{key}.json", pointer, durable=False)
                if entry["status"] == "done":
                    write_json(self.root / "loose" / f"{entry['loose']}.json", pointer, durable=False)

    # -- reading -------------------------------------------------------------------------------------
    def call(self, call_id: str) -> dict | None:
        entry = read_json(self.root / "calls" / f"{call_id}.json")
        return entry if isinstance(entry, dict) else None

    def find(self, key: str) -> dict | None:
        """The newest call for exactly this request, or None."""
        return self._follow(self.root / "keys" / f"{key}.json")

    def find_loose(self, loose: str) -> dict | None:
        return self._follow(self.root / "loose" / f"{loose}.json")

    def _follow(self, pointer_path: Path) -> dict | None:
        """The call a pointer names. A pointer of the wrong shape (a string, ``{}``) counts as no pointer."""
        pointer = read_json(pointer_path)
        call_id = pointer.get("call") if isinstance(pointer, dict) else None
        return self.call(call_id) if isinstance(call_id, str) and _CALL_ID.fullmatch(call_id) else None

    def picture_bytes(self, entry: dict) -> bytes | None:
        return self.file_bytes(entry, "picture")

    def file_bytes(self, entry: dict, field: str) -> bytes | None:
        """The bytes of the file the entry's ``field`` names, or None when there is none (any more)."""
        path = entry.get(field)
        if not path:
            return None
        try:
            return (self.workdir / path).read_bytes()
        except FileNotFoundError:
            return None

    def entries(self, kind: str | None = None) -> Iterator[dict]:
        """Every call, oldest first (the ids sort by time)."""
        folder = self.root / "calls"
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.json")):
            entry = read_json(path)
            if isinstance(entry, dict) and (kind is None or entry.get("kind") == kind):
                yield entry
