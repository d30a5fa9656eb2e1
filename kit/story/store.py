"""Saving a story: one JSON file in the work folder, rewritten after every change, with undo.

A child's book must survive a kernel restart, a closed laptop and a crashed browser. So every change is written
at once, atomically (old file or new file, never half of one), to ``<workdir>/books/<name>/<kind>.json``, and
``Storybook("My book")`` run again picks the saved book up. The whole state is plain JSON-able data, so undo is
a stack of earlier states and a widget can drive a story with small method calls.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BadInput
from ..journal import read_json, write_json
from ..settings import current
from . import media

UNDO_STEPS = 50
FORMAT = 1


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
        saved = read_json(self.path)
        if saved and saved.get("kind") == self.kind:
            self._state = saved
            return True
        self._state = {}
        return False

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
        write_json(self.path, self._state)

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
        return None if value is None else media.take_picture(value, self.folder)

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


def fresh_state(kind: str, **fields) -> dict:
    return {"kind": kind, "format": FORMAT, "created": now(), **fields}
