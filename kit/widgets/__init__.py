"""Playgrounds: small widget apps where a child tries an idea freely, at the end of each lesson.

``kit.playground(kind, **start)`` is the only entry point notebooks use. The kinds and what each ``start``
option sets (every kind also takes ``run=True``: press the main button once at creation, so a notebook run
by papermill or nbconvert saves a result to look at):

    "ask"      prompt=, system=, temperature=, keep=        ask Qwen; the last ``keep`` replies stay to compare
    "chat"     system=, temperature=, name=, message=       a conversation shown as speech bubbles
    "dials"    prompt=, system=, temperatures=, seeds=, top_p=   one prompt at every setting: table and chart
    "picture"  prompt=, negative=, style=, size=, seed=, keep=   draw; pictures side by side with their recipe
    "pages"    hero=, pages=, style=, seed=         lesson 5 without loops: Qwen writes each page's picture
                                                    prompt, every page drawn with one style and one seed

ipywidgets is imported only when a playground is made, so ``import kit`` stays quick in a terminal.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from ..errors import BadInput

if TYPE_CHECKING:
    from .base import Playground

KIND_NAMES = ("ask", "chat", "dials", "picture", "pages")


def playground(kind: str = "ask", **start: Any) -> Playground:
    """Make a playground of ``kind`` ("ask", "chat", "dials", "picture" or "pages"), filled in with ``start``.

    A misspelt kind or option is a ``BadInput`` card that lists the right names, not a Python traceback.
    """
    from .pages import PagesPlayground
    from .playgrounds import KINDS

    kinds = {**KINDS, "pages": PagesPlayground}
    name = str(kind).strip().lower()
    if name not in kinds:
        raise BadInput("choice", name="kind", value=kind, choices=", ".join(KIND_NAMES))
    maker = kinds[name]
    options = [option for option in inspect.signature(maker).parameters if option != "self"]
    for option in start:
        if option not in options:
            raise BadInput("choice", name=f'kit.playground("{name}") option', value=option,
                           choices=", ".join(options))
    return maker(**start)


__all__ = ["KIND_NAMES", "playground"]
