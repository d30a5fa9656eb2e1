"""The builders' "Read my book aloud": the story narrated (only what changed), then a player for each part.

A small part a builder adds to itself (``ReadAloud(builder, story).widgets``), so the builders stay as they are.
The narration is saved with the story (``Narrated.narrate``), so a restart keeps it and the export plays it.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n import message
from .base import row
from .parts import action


def players_html(story) -> str:
    """One labelled audio player per narrated part, in order (the words it reads beside it)."""
    rows = []
    for number, (_part_id, part, words) in enumerate(story._narrated_parts(), start=1):
        narration = story.export_narration(part, words)
        if not narration:
            continue
        source = f"data:{narration['audio']['mime']};base64,{narration['audio']['data']}"
        label = "🔊 " + html.escape(f"{number} · {narration['voice']}")
        rows.append(f'<div style="margin:6px 0"><div style="font-size:15px">{label}</div>'
                    f'<audio controls preload="none" src="{html.escape(source)}"></audio>'
                    f'<div style="font-size:15px;color:#374151">{html.escape(words[:120])}</div></div>')
    return "".join(rows)


class ReadAloud:
    """A button that reads the story aloud and the players that follow it."""

    def __init__(self, builder, story, key: str = "builders.read_aloud"):
        self.builder, self.story = builder, story
        self.button = action(key, "🔊", self.read)
        self.area = builder._area()
        self.player = w.HTML(players_html(story))
        self.widgets = [row(self.button), *self.area.widgets, self.player]

    def read(self) -> int:
        """Narrate what changed since the last time; show the players. Returns how many parts were read now."""
        made = 0
        with self.builder._busy("builders.reading", self.area, self.button):   # a problem shows as its card
            made = self.story.narrate()
        self.player.value = players_html(self.story) or html.escape(message("builders.read_aloud.nothing"))
        return made
