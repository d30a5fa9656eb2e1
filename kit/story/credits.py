"""Who made it: the team's members, who made which page, and the AI-use statement in the pupil's own words.

Competitions take team entries, and judges score the use of AI: so a story lists its team, the "How I used AI"
page says which member made each page, and the pupil's AI-use statement is printed inside the exported file (not
only beside it). ``merge`` brings pages a member made in their own notebook into the team's story, each with its
own journal entries, so its AI-use record stays whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..journal import Journal, write_json


def names(value) -> list[str]:
    """Team members from a list or a comma-separated string ("Mei, Ka Ho"), tidied, without repeats."""
    items = value.replace("、", ",").split(",") if isinstance(value, str) else list(value or [])
    seen: list[str] = []
    for item in (str(i).strip() for i in items):
        if item and item not in seen:
            seen.append(item)
    return seen


class Credits:
    """What Storybook, Novel and PictureCard share for handing in: ``team``, ``maker`` and ``ai_statement``."""

    @property
    def team(self) -> list[str]:
        """The team's members (first names or pen names). Empty for a pupil working alone."""
        return list(self._state.get("team") or [])

    @team.setter
    def team(self, value) -> None:
        with self._change() as state:
            state["team"] = names(value)

    @property
    def maker(self) -> str:
        """Who is making the pages now: new pages are credited to them ("" for the author alone)."""
        return self._state.get("maker", "")

    @maker.setter
    def maker(self, value: str) -> None:
        self._detail("maker", value)

    @property
    def ai_statement(self) -> str:
        """The pupil's own AI-use statement (lesson 10): printed on the "How I used AI" page of the file."""
        return self._state.get("ai_statement", "")

    @ai_statement.setter
    def ai_statement(self, value: str) -> None:
        self._detail("ai_statement", value)

    def _credit(self, part: dict) -> None:
        """Mark a new page or scene with who made it (when a team is making it)."""
        if self.maker and not part.get("by"):
            part["by"] = self.maker

    def _credits(self) -> dict:
        """What the appendix adds about people: the team and the pupil's statement."""
        return {"team": self.team, "statement": self.ai_statement}


def copy_made(source_workdir: Path, target_workdir: Path, part: dict, source_folder: Path,
              target_folder: Path) -> dict:
    """A page or scene from another member's work folder: its picture file and its journal entries come along."""
    part = dict(part)
    picture = part.get("picture")
    if picture and picture.get("file"):
        src = source_folder / picture["file"]
        if src.is_file():
            dst = target_folder / picture["file"]
            dst.parent.mkdir(parents=True, exist_ok=True)
            if not dst.exists():
                shutil.copy2(src, dst)
    source, target = Journal(source_workdir), Journal(target_workdir)
    for call_id in ((part.get("text_ai") or {}).get("call_id"), (picture or {}).get("call_id")):
        entry = source.call(call_id) if call_id else None
        if entry and target.call(call_id) is None:      # the journal record the appendix reads, kept whole
            write_json(target.root / "calls" / f"{call_id}.json", entry, durable=False)
    return part
