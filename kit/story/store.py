"""Saving a story: one JSON file in the work folder, rewritten after every change, with undo.

A child's book must survive a kernel restart, a closed laptop and a crashed browser. So every change is written
at once, atomically (old file or new file, never half of one), to ``<workdir>/books/<name>/<kind>.json``, and
``Storybook("My book")`` run again picks the saved book up. The whole state is plain JSON-able data, so undo is
a stack of earlier states and a widget can drive a story with small method calls.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .. import savefile
from ..errors import BadInput, disk_problems
from ..journal import Journal
from ..settings import current
from . import media

UNDO_STEPS = 50
FORMAT = 1
SHAPES = {"storybook": {"pages": list, "next_id": int}, "novel": {"scenes": list}, "card": {}}


def safe_name(text: str) -> str:
    """A folder name from a title: letters (any script), digits and dashes."""
    name = re.sub(r"[^\w\-]+", "-", str(text or "").strip().lower()).strip("-_")
    return name[:60] or "story"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_title(title) -> str:
    if title is None or not str(title).strip():
        raise BadInput("story_title")
    return str(title).strip()


class Saved:
    """What Storybook, Novel and PictureCard share: a folder, a JSON state saved on every change, and undo."""

    kind = "story"
    mime = ""  # each kind's custom MIME type: the exporters find the story in a notebook by it

    def export_data(self, *, small: bool = False) -> dict:
        """Everything an exporter needs, as plain data; each kind of story builds its own."""
        raise NotImplementedError

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The notebook keeps the full data (for export) and shows a light preview.

        The data also says where the story is saved, so an exporter can hand in the story as it is now, not as
        it was when this output was made (a builder may have changed it since).
        """
        from ..export.render import render_preview

        data = {**self.export_data(), "saved_in": {"workdir": str(self.workdir), "name": self.name}}
        return {self.mime: data, "text/html": render_preview(self.export_data(small=True)), "text/plain": repr(self)}

    def show(self) -> None:
        """Show the preview (and store in the notebook what the exporter needs)."""
        from IPython.display import display

        display(self)

    def _open(self, name: str, workdir: Path | None = None) -> bool:
        """Point at ``<workdir>/books/<name>`` and load what is saved there. True when something was."""
        self.name = safe_name(name)
        self.workdir = Path(workdir or current().workdir)
        self.folder = self.workdir / "books" / self.name
        self._undo: list[dict] = []
        self._redo: list[dict] = []
        self._depth = 0
        self._merged_told = False
        self._file = savefile.SaveFile(self.path, fits=self._fits, merge=self._merge)
        saved = self._file.load(recover=self._recover)
        self._state = saved or {}
        return bool(saved)

    def _fits(self, value) -> bool:
        """Is this the saved state of a story of this kind (and not a damaged or foreign file)?"""
        return isinstance(value, dict) and value.get("kind") == self.kind and isinstance(value.get("title"), str) \
            and all(isinstance(value.get(key), kind) for key, kind in SHAPES[self.kind].items())

    def _recover(self, pieces) -> dict | None:
        """Rebuild a damaged story from what still reads of it, its pictures folder and the journal."""
        state = pieces if isinstance(pieces, dict) else {}
        state.update(kind=self.kind, format=FORMAT)
        if not isinstance(state.get("title"), str) or not state["title"].strip():
            state["title"] = self.name
        for key, kind in SHAPES[self.kind].items():
            if kind is list:
                items = state.get(key) if isinstance(state.get(key), list) else []
                state[key] = [item for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]
        if "pages" in state:
            self._recover_pages(state)
        recovered = bool(pieces) or any(state.get(key) for key in SHAPES[self.kind])
        return state if recovered else None

    def _recover_pages(self, state: dict) -> None:
        """Words the AI wrote come back from the journal; pictures no page names come back as pages of their own."""
        journal = Journal(self.workdir)
        for page in state["pages"]:
            call_id = (page.get("text_ai") or {}).get("call_id")
            if not page.get("text") and call_id and (journal.call(call_id) or {}).get("text"):
                page["text"] = journal.call(call_id)["text"]
        numbers = [int(n) for page in state["pages"] for n in re.findall(r"^p(\d+)$", page["id"])]
        state["next_id"] = max([state.get("next_id", 1) if isinstance(state.get("next_id"), int) else 1,
                                *(n + 1 for n in numbers)])
        named = {(page.get("picture") or {}).get("file") for page in state["pages"]}
        named.add(((state.get("cover") or {}).get("picture") or {}).get("file"))
        orphans = [path for path in sorted((self.folder / "pictures").glob("*.*"))
                   if f"pictures/{path.name}" not in named and not path.name.startswith(".")]  # not half-written
        calls = _picture_calls(journal) if orphans else {}
        for path in orphans:
            try:
                meta = media.take_picture(path, self.folder)
            except BadInput:
                continue
            made = calls.get(meta["sha"])
            if made:
                meta.update(call_id=made["id"], prompt=(made.get("request") or {}).get("prompt", ""),
                            model=made.get("model", ""), backend=made.get("backend", ""))
            state["pages"].append({"id": f"p{state['next_id']}", "text": "", "alt": meta.get("prompt", ""),
                                   "picture": meta})
            state["next_id"] += 1

    def _merge(self, base: dict, ours: dict, theirs: dict) -> dict:
        """Another kernel saved this story since this one last did: keep both sides' changes (see ``savefile``)."""
        _renumber(base, ours, theirs)
        self._undo = [copy.deepcopy(savefile.merge(base, state, theirs)) for state in self._undo]
        self._redo = [copy.deepcopy(savefile.merge(base, state, theirs)) for state in self._redo]
        if not self._merged_told:
            self._merged_told = True
            savefile.tell("save.merged", "story", name=self.name, other=theirs.get("saved_by", "?"))
        return copy.deepcopy(savefile.merge(base, ours, theirs))

    @classmethod
    def _load(cls, name: str, workdir: Path | None = None):
        story = cls.__new__(cls)
        if not story._open(name, workdir):
            folder = Path(workdir or current().workdir) / "books"
            saved = ", ".join(cls.saved_names(folder.parent)) or "-"
            raise BadInput("not_saved", name=name, folder=folder, saved=saved)
        return story

    @classmethod
    def saved_names(cls, workdir: Path | None = None) -> list[str]:
        """The names of the stories of this kind saved in the work folder."""
        books = Path(workdir or current().workdir) / "books"
        return sorted(path.parent.name for path in books.glob(f"*/{cls.kind}.json"))

    @property
    def path(self) -> Path:
        """Where this story is saved."""
        return self.folder / f"{self.kind}.json"

    def _save(self) -> None:
        self._state["saved"] = now()
        self._state = self._file.save(self._state)

    @contextmanager
    def _change(self) -> Iterator[dict]:
        """Change the state inside ``with``: saved when it ends, undone as one step, rolled back on error."""
        self._depth += 1
        before = copy.deepcopy(self._state) if self._depth == 1 else None
        try:
            yield self._state
        except BaseException:
            if before is not None:
                self._state = before
            raise
        finally:
            self._depth -= 1
        if before is not None and self._state != before:
            self._undo = (self._undo + [before])[-UNDO_STEPS:]
            self._redo.clear()
            self._save()

    @contextmanager
    def together(self) -> Iterator[Saved]:
        """Several changes inside ``with story.together():`` are saved once and undone as one step.

        A builder's "Draft pages" writes every page at once; one press of Undo should take all of it back.
        """
        with self._change():
            yield self

    def undo(self) -> bool:
        """Go back one change (up to 50). False when there is nothing left to undo."""
        if not self._undo:
            return False
        self._redo.append(self._state)
        self._state = self._undo.pop()
        self._save()
        return True

    def redo(self) -> bool:
        """Put back the change ``undo`` took away. False when there is none."""
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._state = self._redo.pop()
        self._save()
        return True

    @property
    def can_undo(self) -> int:
        """How many steps ``undo`` can go back."""
        return len(self._undo)

    # -- pictures ------------------------------------------------------------------------------------
    def _take_picture(self, value) -> dict | None:
        if value is None:
            return None
        with disk_problems(self.folder):
            return media.take_picture(value, self.folder)

    def _picture(self, meta: dict | None):
        return media.load_picture(self.folder, meta)

    def _picture_file(self, meta: dict | None) -> Path | None:
        return self.folder / meta["file"] if media.picture_exists(self.folder, meta) else None

    # -- shared details ------------------------------------------------------------------------------
    def _detail(self, key: str, value, *, required: bool = False) -> None:
        value = check_title(value) if required else ("" if value is None else str(value).strip())
        with self._change() as state:
            state[key] = value

    def _language(self) -> str:
        return self._state.get("language") or current().language


def _renumber(base: dict, ours: dict, theirs: dict) -> None:
    """Pages both kernels added got the same number (``p3``): ours move on to numbers neither side has used."""
    if not isinstance(ours.get("next_id"), int):
        return
    number = max(ours["next_id"], theirs.get("next_id", 1) if isinstance(theirs.get("next_id"), int) else 1)
    for key in (key for key, kind in SHAPES.get(ours.get("kind"), {}).items() if kind is list):
        old = {item["id"] for item in base.get(key) or []}
        taken = old | {item["id"] for item in theirs.get(key) or []}
        for item in ours.get(key) or []:
            if item["id"] not in old and item["id"] in taken and re.fullmatch(r"p\d+", item["id"]):
                item["id"] = f"p{number}"
                number += 1
    ours["next_id"] = number


def _picture_calls(journal: Journal) -> dict[str, dict]:
    """The journal's picture calls by their picture's content (``sha`` as a book names its picture files)."""
    calls = {}
    for entry in journal.entries("image"):
        data = journal.picture_bytes(entry)
        if data:
            calls[hashlib.sha256(data).hexdigest()[:20]] = entry
    return calls


def fresh_state(kind: str, **fields) -> dict:
    return {"kind": kind, "format": FORMAT, "created": now(), **fields}
