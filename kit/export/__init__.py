"""Handing in: a notebook (or a story object) becomes the one file a judge opens.

    jupyter nbconvert --to storybook my-book.ipynb          -> my-book.storybook.html
    jupyter nbconvert --to storybook_pdf my-book.ipynb      -> my-book.pdf        (needs chromium)
    jupyter nbconvert --to novel my-novel.ipynb             -> my-novel.novel.html (playable)
    jupyter nbconvert --to picture_card my-card.ipynb       -> my-card.card.html
    jupyter nbconvert --to picture_card_png my-card.ipynb   -> my-card.card.png

From Python: ``kit.export.export_notebook("my-book.ipynb")``, or ``book.export("book.html")`` straight from the
object. Files are written atomically: a failed export never leaves half a file where a good one was.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import disk_problems
from ..journal import atomic_write
from ..story_bundle import ExportProblem

FORMATS = ("storybook", "storybook_pdf", "novel", "picture_card", "picture_card_png")
SUFFIXES = {"storybook": ".storybook.html", "storybook_pdf": ".pdf", "novel": ".novel.html",
            "picture_card": ".card.html", "picture_card_png": ".card.png"}


def export_notebook(nb_path, to: str = "storybook", output=None, *, paper: str = "A5") -> Path:
    """Export a saved notebook with one of the kit's exporters and return the file written.

    ``output`` defaults to the notebook's name with the format's ending, beside the notebook.
    """
    if to not in FORMATS:
        raise ExportProblem("unknown_format", value=to, choices=", ".join(FORMATS))
    from .exporters import EXPORTERS

    nb_path = Path(nb_path)
    exporter = EXPORTERS[to](paper=paper)
    result, _resources = exporter.from_filename(str(nb_path))
    name = nb_path.name[:-len(".ipynb")] if nb_path.name.endswith(".ipynb") else nb_path.stem
    target = Path(output) if output else nb_path.with_name(name + SUFFIXES[to])
    _write(target, result if isinstance(result, bytes) else result.encode("utf-8"))
    return target


def write_story(data: dict, path, *, paper: str = "A5") -> Path:
    """Write a story's export data as HTML, or as PDF (``.pdf``), EPUB (``.epub``, storybooks) or PNG (``.png``,
    cards only)."""
    from ..story_bundle import validate
    from .render import render

    validate(data, data.get("kind", ""))
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .browser import html_to_pdf

        content = html_to_pdf(render(data, paper=paper))
    elif suffix == ".epub":
        if data["kind"] != "storybook":
            raise ExportProblem("unknown_format", value=".epub", choices=".html, .pdf")
        from .epub import build_epub

        content = build_epub(data)
    elif suffix == ".png":
        if data["kind"] != "card":
            raise ExportProblem("unknown_format", value=".png", choices=".html, .pdf")
        from .card_png import render_card_png

        content = render_card_png(data)
    else:
        content = render(data, paper=paper).encode("utf-8")
    _write(path, content)
    return path


def _write(path: Path, content: bytes) -> None:
    """Atomically, and readable like any file the user makes (a temporary file starts private, 0600)."""
    with disk_problems(path.parent):    # a full disk or a read-only folder: said kindly, the old file kept
        atomic_write(path, content)
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


__all__ = ["FORMATS", "ExportProblem", "export_notebook", "write_story"]
