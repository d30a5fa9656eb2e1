"""A child's work on disk, kept safe: one JSON file for each story or named chat, shared by every kernel that opens it.

- Saved atomically (a temporary file renamed over the old one), never by truncating the good file first, and a
  second copy (``<file>.bak``) is kept beside it, so a file damaged from outside can be rebuilt.
- Two kernels on one work folder (two notebooks open, or a team): before each save the file is read again under a
  lock (``<file>.lock``), and what the other kernel saved in between is merged in, never overwritten.
- A damaged file (cut short, not JSON, binary, the wrong shape) is never silently replaced: it is kept as
  ``<file>.damaged``, the child is told in both languages, and what can be recovered is.
- A full disk or a read-only folder becomes a kind ``SaveProblem``; what was saved before stays as it was.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import disk_problem, disk_problems
from .i18n import message
from .journal import atomic_write, json_bytes

_MISSING = object()


def notebook() -> str:
    """Which notebook this kernel runs (Jupyter tells its kernels), so another writer can be named to the child."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    return Path(session).name if session else f"process {os.getpid()}"


def tell(key: str, what: str, **fields) -> None:
    """A short note for the child in both languages (not an error: the work goes on). ``what`` is "story" or "chat"."""
    lines = [message(key, language, what=message(f"save.{what}", language), **fields) for language in ("en", "zh-Hant")]
    print(f"💡 {lines[0]}\n   {lines[1]}")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold ``<path>.lock`` while reading and writing, so two kernels save one after the other, not over each other."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as handle:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)   # retries for 10 s, then OSError
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def merge(base, ours, theirs):
    """Three-way merge of JSON data: what each side changed since ``base`` is kept; where both changed one value,
    ours wins. Lists of items with an ``id`` (pages, scenes) keep both sides' additions."""
    if ours == base or ours == theirs:
        return theirs
    if theirs == base:
        return ours
    if all(isinstance(value, dict) for value in (base, ours, theirs)):
        merged = {}
        for key in [*theirs, *(key for key in ours if key not in theirs)]:
            value = merge(base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING))
            if value is not _MISSING:
                merged[key] = value
        return merged
    if base is _MISSING and isinstance(ours, list) and isinstance(theirs, list):
        base = []      # both started the list at once (two kernels making the same new book)
    if all(_is_items(value) for value in (base, ours, theirs)):
        return _merge_items(base, ours, theirs)
    return ours


def _is_items(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) and isinstance(item.get("id"), str)
                                           for item in value)


def _merge_items(base: list, ours: list, theirs: list) -> list:
    old = {item["id"]: item for item in base}
    mine = {item["id"]: item for item in ours}
    other = {item["id"]: item for item in theirs}
    # Whoever reordered the shared items leads the order; the other side's new items follow at the end.
    shared = [item["id"] for item in base if item["id"] in mine and item["id"] in other]
    lead, follow = (ours, theirs) if [i for i in mine if i in shared] != shared else (theirs, ours)
    merged = []
    for item in lead + [item for item in follow if item["id"] not in old and item["id"] not in
                        {lead_item["id"] for lead_item in lead}]:
        key = item["id"]
        if key in old and (key not in mine or key not in other):
            continue   # one side took it out
        value = merge(old.get(key, _MISSING), mine.get(key, _MISSING), other.get(key, _MISSING))
        if value is not _MISSING:
            merged.append(value)
    return merged


def salvage_json(text: str):
    """What still reads of damaged JSON: the longest start that parses once its open brackets are closed, trying
    from each of the first few brackets in turn (something may have been written before the real start)."""
    for start in [match.start() for match in re.finditer(r"[{\[]", text)][:20]:
        value = _salvage_from(text[start:])
        if value:
            return value
    return None


def _salvage_from(text: str):
    try:
        return json.loads(text)
    except ValueError as error:
        limit = getattr(error, "pos", len(text))
    stack: list[str] = []
    cuts: list[tuple[int, str]] = []
    in_string = escaped = False
    for index, char in enumerate(text[:limit]):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]" and stack:
            stack.pop()
            cuts.append((index + 1, "".join(reversed(stack))))
        elif char == ",":
            cuts.append((index, "".join(reversed(stack))))
    for end, closing in reversed(cuts[-100:]):
        try:
            return json.loads(text[:end] + closing)
        except ValueError:
            continue
    return None


class SaveFile:
    """One JSON file of a child's work. ``load`` and ``save`` remember the bytes last read or written, so a save can
    tell (by comparing bytes, which costs nothing) whether another kernel saved in between, and merge its changes."""

    def __init__(self, path: Path, *, fits: Callable[[object], bool], merge: Callable = merge,
                 what: str = "story"):
        self.path = Path(path)
        self.fits = fits            # is this value the right shape for the file?
        self.merge = merge
        self.what = what            # "story" or "chat", for the messages
        self._known: bytes | None = None   # the file as this kernel last read or wrote it
        self._aside: bytes | None = None    # the damaged bytes already kept, so they are kept once

    @property
    def name(self) -> str:
        """The name the child gave: a story's folder, or a chat's file."""
        return self.path.parent.name if self.what == "story" else self.path.stem

    @property
    def backup(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def load(self, recover: Callable[[object], dict | None] | None = None) -> dict | None:
        """What is saved, or None. A damaged file is set aside, told about, and ``recover``-ed as far as it goes:
        first from the backup copy, else from whatever part of the damaged file still reads."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise disk_problem(error, self.path.parent) from None
        value = _parse(raw)
        if self.fits(value):
            self._known = raw
            return value
        aside = self._set_aside(raw)
        backup = _parse(_read(self.backup))
        if self.fits(backup):
            value, source = backup, "backup"
        else:
            value, source = (recover or (lambda _: None))(salvage_json(raw.decode("utf-8", "ignore"))), "pieces"
        tell(f"save.damaged_{source}" if value else "save.damaged_lost", self.what, name=self.name, copy=aside)
        if value:
            self.save(value)
        return value

    def save(self, state: dict) -> dict:
        """Write ``state``, merged with what another kernel saved since this one last read or wrote the file."""
        with disk_problems(self.path.parent), locked(self.path):
            raw = _read(self.path)
            if raw is not None and raw != self._known:
                theirs = _parse(raw)
                if not self.fits(theirs):   # damaged from outside since: keep it, and write the good state we hold
                    aside = self._set_aside(raw)
                    if aside:
                        tell("save.damaged_backup", self.what, name=self.name, copy=aside)
                else:
                    state = self.merge(_parse(self._known) or {}, state, theirs)
            state["saved_by"] = notebook()
            data = json_bytes(state)
            atomic_write(self.path, data)
            atomic_write(self.backup, data, durable=False)
        self._known = data
        return state

    def _set_aside(self, raw: bytes) -> Path | None:
        """Keep the damaged bytes as ``<file>.damaged`` (``.damaged-2``, ... when earlier copies are there)."""
        if raw == self._aside:
            return None
        self._aside = raw
        aside, number = self.path.with_name(self.path.name + ".damaged"), 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{number}")
        with disk_problems(self.path.parent):
            aside.write_bytes(raw)
        return aside


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse(raw: bytes | None):
    if raw is None:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
