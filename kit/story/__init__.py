"""What children hand in: a Storybook (primary), a Novel (secondary) or a PictureCard (special needs).

Each is plain data saved in the work folder after every change, shows itself in a notebook, and carries in its
notebook output everything the exporters in ``kit.export`` need, so a judge's file never re-runs code.
"""

from .card import PictureCard
from .novel import Novel, Scene
from .storybook import Page, Storybook

__all__ = ["Novel", "Page", "PictureCard", "Scene", "Storybook"]
