"""What the two builders (story_builder.py, novel_builder.py) share: their notes file, hint card and style menu.

A builder's notes are what is not part of the story itself (the idea, the character sheet, the style, each page's
picture prompt, where the child was), kept in ``builder.json`` beside the story's own file.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from .. import pictures
from ..i18n import message
from ..journal import read_json, write_json
from .base import big_text
from .parts import pair
from .playgrounds import _style_label

NOTES_FILE = "builder.json"
HINT_STYLE = ("border:2px solid #2563eb;background:#eff6ff;border-radius:12px;padding:10px 14px;margin:6px 0;"
              "font-size:16px;line-height:1.5;color:#1f2937")


def hint_card(key: str, **fields) -> str:
    """A friendly "not yet" card in both languages: nothing went wrong, there is one more thing to do first."""
    return (f'<div class="kit-hint" role="status" style="{HINT_STYLE}">💡 '
            f"{html.escape(pair(key, **fields).replace(' · ', '  ·  '))}</div>")


class Notes:
    """What a builder remembers beside the story: idea, character sheet, style, picture prompts, where it was.

    Saved atomically in the story's folder after every change, like the story itself.
    """

    def __init__(self, folder: Path):
        self.path = Path(folder) / NOTES_FILE
        self.data: dict = read_json(self.path) or {}

    def get(self, key: str, default=""):
        return self.data.get(key, default)

    def set(self, key: str, value) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            write_json(self.path, self.data)

    def prompt(self, part_id: str | None) -> str:
        return (self.data.get("prompts") or {}).get(part_id or "", "")

    def set_prompt(self, part_id: str | None, value: str) -> None:
        if part_id:
            self.set("prompts", {**(self.data.get("prompts") or {}), part_id: value})


def style_dropdown(value: str) -> w.Dropdown:
    """kit.STYLES, named in the current language, with "none" first."""
    options = [(message("widgets.picture.no_style"), "")] + [(_style_label(name), name) for name in pictures.STYLES]
    chosen = value if value in pictures.STYLES else ""
    return big_text(w.Dropdown(options=options, value=chosen,  # type: ignore[return-value]
                               layout=w.Layout(width="320px")))
