"""nbconvert exporters: ``jupyter nbconvert --to storybook|storybook_pdf|novel|picture_card|picture_card_png``.

Each finds the kit's own output in the notebook (the last one wins), reads the story as it is saved now in the
work folder that output names (else keeps the output), checks it is whole, and renders the kit's template. The notebook's code, prompts and ``teacher`` cells never reach the file. When something is wrong the
exporter raises a kind, bilingual ``ExportProblem`` before anything is written, so an earlier good file stays.
They are registered as entry points in pyproject.toml and so also appear in JupyterLab's export menu.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from nbconvert.utils.exceptions import ConversionException
from traitlets import Unicode, default

from ..errors import KitError
from ..story_bundle import ExportProblem, hand_in_note, saved_now
from . import bundle
from .render import render


class ExportFailed(ExportProblem, ConversionException):
    """An ExportProblem nbconvert understands: it prints our sentence and exits 1, without writing a file."""

    kind = "export"


def _for_nbconvert(problem: ExportProblem) -> ExportFailed:
    if isinstance(problem, ExportFailed):
        return problem
    return ExportFailed(problem.reason, detail=problem.detail, **problem.fields)


EMPTY = {"storybook": "pages", "novel": "scenes"}   # a story with none of these has nothing to hand in
SHOW = {"storybook": "book.show()", "novel": "novel.show()", "card": "card.show()"}


def as_saved_now(shown, kind: str, notebook_dir: str | None):
    """The story as it is saved in the work folder now; else the one the notebook shows.

    A preview shown before the child used the builder (Run All runs it first) is out of date: handing it in
    would hand in an empty book. The output says where the story is saved, so the exporter reads it from there.
    A notebook that travelled without its work folder carries only its output, and that is what is exported.
    """
    where = shown.get("saved_in") if isinstance(shown, dict) else None
    if not isinstance(where, dict):
        return shown
    workdir = Path(str(where.get("workdir") or "kit-work"))
    if not workdir.is_absolute():
        workdir = Path(notebook_dir or ".") / workdir
    try:
        saved = saved_now(kind, str(where.get("name") or ""), workdir)
    except (KitError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ExportProblem("unreadable_saved", detail=type(error).__name__, show=SHOW[kind]) from None
    return shown if saved is None else saved


class KitExporter(Exporter):
    """Common ground: read the notebook kindly, find the story, render it."""

    story = "storybook"            # which kind of story this exporter looks for
    output_mimetype = "text/html"
    export_from_notebook = None

    paper = Unicode("A5", help="Paper size for printing: A5 or A4.").tag(config=True)

    def from_filename(self, filename, resources=None, **kw):
        # Problems are re-raised from here so nbconvert's log shows two lines of traceback, not twenty.
        if not os.path.isfile(filename):
            failure = _for_nbconvert(ExportProblem("not_found", path=filename))
        else:
            try:
                return super().from_filename(filename, resources, **kw)
            except ExportProblem as problem:
                failure = _for_nbconvert(problem)
        raise failure.with_traceback(None)

    def from_file(self, file_stream, resources=None, **kw):
        try:
            nb = nbformat.read(file_stream, as_version=4)
        except (ValueError, KeyError, TypeError, AttributeError, OSError) as error:  # all "damaged" to a child
            raise _for_nbconvert(ExportProblem("damaged", detail=type(error).__name__)) from None
        return self.from_notebook_node(nb, resources, **kw)

    def from_notebook_node(self, nb, resources=None, **kw):
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)   # runs --execute if asked
        shown = bundle.last_output(nb_copy, self.story)
        data = bundle.validate(as_saved_now(shown, self.story, resources.get("metadata", {}).get("path")), self.story)
        if self.story in EMPTY and not data[EMPTY[self.story]]:
            raise ExportProblem(f"empty_{self.story}")
        result = self.make(data)
        note = hand_in_note((data.get("appendix") or {}).get("entry"))   # the last word: entry or rehearsal?
        if note:
            self.log.warning(note)
        return result, resources

    def make(self, data: dict):
        return render(data, paper=self.paper)


class StorybookExporter(KitExporter):
    """The storybook as one self-contained HTML file: cover, pages, the end, "How I used AI"."""

    story = "storybook"
    export_from_notebook = "Storybook (HTML)"

    @default("file_extension")
    def _file_extension_default(self):
        return ".storybook.html"


class StorybookPDFExporter(StorybookExporter):
    """The storybook printed to PDF by headless Chromium, one sheet per page."""

    output_mimetype = "application/pdf"
    export_from_notebook = "Storybook (PDF)"
    chromium = Unicode("", help="Path of the Chromium browser (else $KIT_CHROMIUM, else found on PATH).").tag(
        config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    def make(self, data: dict) -> bytes:
        from .browser import html_to_pdf

        return html_to_pdf(render(data, paper=self.paper), browser=self.chromium or None)


class StorybookEPUBExporter(StorybookExporter):
    """The storybook as a reflowable EPUB 3 for e-readers and libraries (narrated pages read along)."""

    output_mimetype = "application/epub+zip"
    export_from_notebook = "Storybook (EPUB)"

    @default("file_extension")
    def _file_extension_default(self):
        return ".epub"

    def make(self, data: dict) -> bytes:
        from .epub import build_epub

        return build_epub(data)


class NovelExporter(KitExporter):
    """The interactive novel as one playable HTML file (plain links without JavaScript)."""

    story = "novel"
    export_from_notebook = "Interactive novel (HTML)"

    @default("file_extension")
    def _file_extension_default(self):
        return ".novel.html"


class PictureCardExporter(KitExporter):
    """The picture card as one HTML file."""

    story = "card"
    export_from_notebook = "Picture card (HTML)"

    @default("file_extension")
    def _file_extension_default(self):
        return ".card.html"


class PictureCardPNGExporter(KitExporter):
    """The picture card as a PNG picture."""

    story = "card"
    output_mimetype = "image/png"
    export_from_notebook = "Picture card (PNG)"

    @default("file_extension")
    def _file_extension_default(self):
        return ".card.png"

    def make(self, data: dict) -> bytes:
        from .card_png import render_card_png

        return render_card_png(data)


EXPORTERS = {"storybook": StorybookExporter, "storybook_pdf": StorybookPDFExporter, "novel": NovelExporter,
             "picture_card": PictureCardExporter, "picture_card_png": PictureCardPNGExporter,
             "storybook_epub": StorybookEPUBExporter}
