"""A named chat on disk (``<workdir>/chats/<name>.json``), kept as safely as a story: see ``kit.savefile``.

Two notebooks talking in one named chat keep both sides' turns; a damaged file is set aside and what still reads
of it comes back; a full disk says so kindly.
"""

from __future__ import annotations

from pathlib import Path

from . import savefile


def _fits(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("system"), (str, type(None))) \
        and isinstance(value.get("turns"), list) and all(_is_turn(turn) for turn in value["turns"])


def _is_turn(turn) -> bool:
    return isinstance(turn, list) and len(turn) == 2 and turn[0] in ("user", "assistant") and isinstance(turn[1], str)


def _recover(pieces) -> dict | None:
    """The whole question-and-answer pairs that still read, in order."""
    if not isinstance(pieces, dict) or not isinstance(pieces.get("turns"), list):
        return None
    turns = [turn for turn in pieces["turns"] if _is_turn(turn)]
    pairs = [pair for pair in zip(turns[::2], turns[1::2]) if [pair[0][0], pair[1][0]] == ["user", "assistant"]]
    system = pieces.get("system") if isinstance(pieces.get("system"), str) else None
    return {"system": system, "turns": [turn for pair in pairs for turn in pair]} if pairs else None


class ChatFile(savefile.SaveFile):
    """Load and save one named chat: its system prompt and its turns."""

    def __init__(self, path: Path):
        super().__init__(path, fits=_fits, merge=self._merge_turns, what="chat")
        self._told = False

    def load_chat(self) -> tuple[str | None, list[tuple[str, str]]] | None:
        saved = self.load(recover=_recover)
        return (saved["system"], [tuple(turn) for turn in saved["turns"]]) if saved else None

    def save_chat(self, system: str | None, turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Save, and give back the turns as now saved (another notebook's turns in this chat included)."""
        saved = self.save({"system": system, "turns": [list(turn) for turn in turns]})
        return [tuple(turn) for turn in saved["turns"]]

    def _merge_turns(self, base: dict, ours: dict, theirs: dict) -> dict:
        """Turns both notebooks added since they last agreed: theirs first, then ours. A cleared chat starts over."""
        agreed = base.get("turns", [])
        turns = ours["turns"]
        if ours["turns"][:len(agreed)] == agreed and theirs["turns"][:len(agreed)] == agreed:
            turns = theirs["turns"] + ours["turns"][len(agreed):]
            if not self._told and theirs["turns"] != agreed:
                self._told = True
                savefile.tell("save.merged", "chat", name=self.name, other=theirs.get("saved_by", "?"))
        return {**ours, "turns": turns}
