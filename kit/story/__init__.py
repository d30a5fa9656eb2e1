"""What children hand in: a Storybook (primary), a Novel (secondary) or a PictureCard (special needs).

Each is plain data saved in the work folder after every change, shows itself in a notebook, and carries in its
notebook output everything the exporters in ``kit.export`` need, so a judge's file never re-runs code.
"""

from pathlib import Path

from ..story_bundle import register_saved_reader
from .card import PictureCard
from .novel import Novel, Scene
from .store import safe_name
from .storybook import Page, Storybook


def _saved_reader(story_class):
    def read(name, workdir) -> dict | None:
        name = safe_name(name)
        if not (Path(workdir) / "books" / name / f"{story_class.kind}.json").is_file():
            return None
        return story_class.load(name, Path(workdir)).export_data()
    return read


for _story_class in (Storybook, Novel, PictureCard):
    register_saved_reader(_story_class.kind, _saved_reader(_story_class))

__all__ = ["Novel", "Page", "PictureCard", "Scene", "Storybook"]
