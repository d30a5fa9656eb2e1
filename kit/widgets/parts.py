"""What the builders and the picture studio share on top of ``base``: two-language labels, a busy line and an
error card for each part of a long widget, reading a model's JSON, and pictures shown as HTML with alt text.

Builders are long (idea, pages, pictures, preview), so a problem shown at the top of the widget could be far
from the button a child pressed. Each part therefore has its own busy line and error card (``Area``), and
``Builder._busy`` points the shared ``Playground._working`` at the part in use.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import ipywidgets as w

from ..display import thumbnail
from ..i18n import current_language, message
from .base import STYLE_SHEET, Playground, big_text, button, heading, screen_reader_label

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A child's story is not code: words in the boxes in a reading font (JupyterLab gives text areas its code font),
# and a check box as big as a finger. Every rule is under .kit-builder, so nothing else in the notebook changes.
BUILDER_STYLE = """<style>
.kit-builder textarea, .kit-builder input[type="text"], .kit-builder select {
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans", sans-serif !important;
  line-height: 1.5; }
.kit-builder .widget-checkbox input[type="checkbox"] { width: 28px; height: 28px; margin-right: 8px; }
.kit-builder .widget-checkbox label { display: flex; align-items: center; min-height: 44px; cursor: pointer; }
</style>"""


def other_language(language: str) -> str:
    return "en" if language == "zh-Hant" else "zh-Hant"


def pair(key: str, *, language: str | None = None, **fields) -> str:
    """The catalogue text of ``key`` in the chosen language, then in the other: "Draft pages · 起草"."""
    first = language or current_language()
    return f"{message(key, first, **fields)} · {message(key, other_language(first), **fields)}"


def action(key: str, emoji: str, handler: Callable[[], None] | None = None, *, primary: bool = False,
           language: str | None = None, emoji_last: bool = False, **fields) -> w.Button:
    """``base.button`` (same size, look and click wiring) with a label in both languages, for a mixed class."""
    widget = button(key, emoji, handler, primary=primary, **fields)
    words = pair(key, language=language, **fields)
    widget.description = f"{words} {emoji}" if emoji_last else f"{emoji} {words}"
    return widget


def retitle(widget: w.HTML, words: str) -> None:
    """New words in a ``base.heading``, keeping its look."""
    widget.value = re.sub(r">[^<]*</div>$", lambda _m: f">{html.escape(words)}</div>", widget.value)


def labelled(key: str, widget: w.Widget, emoji: str, *, language: str | None = None) -> w.VBox:
    """A widget with its label above it in big type (a ``description`` would squeeze a long label); the same
    words are also the box's own label for screen readers (``base.screen_reader_label``)."""
    screen_reader_label(widget, pair(key, language=language))
    return w.VBox([heading(f"{emoji} {pair(key, language=language)}", size="16px"), big_text(widget)])


def text_line(value: str = "", *, placeholder: str = "", width: str = "100%") -> w.Text:
    """A one-line text box that saves when the child leaves it (not on every key)."""
    box = w.Text(value=value, placeholder=placeholder, continuous_update=False,
                 layout=w.Layout(width=width, max_width="760px"))
    return big_text(box)  # type: ignore[return-value]


def replace_children(box: w.Box, children) -> None:
    """Show ``children`` in ``box`` and close the widgets it showed before (each open widget costs the kernel and
    the browser a little, and a builder redraws its gallery, choice rows and player many times)."""
    new = list(children)
    old = [each for each in box.children if all(each is not kept for kept in new)]
    box.children = tuple(new)
    for each in old:
        close_all(each)


def close_all(widget: w.Widget) -> None:
    """Close a widget, its children, and their own layout and style models.

    Closing a widget leaves its Layout and Style behind in the kernel: each redraw of a gallery left a dozen
    orphans, thousands in a lesson, and a browser reload must fetch and rebuild every one before a builder shows.
    """
    for child in getattr(widget, "children", ()):
        close_all(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, w.Widget):
            part.close()
    widget.close()


def section(title: str, *children: w.Widget) -> w.VBox:
    """A part of a builder, in a soft box with its heading."""
    box = w.VBox([heading(title, size="19px"), *children],
                 layout=w.Layout(border="1px solid #cbd5e1", padding="6px 12px 10px", margin="6px 0",
                                 width="100%", max_width="980px"))
    box.add_class("kit-builder-section")
    return box


@dataclass
class Area:
    """The busy line and the error card of one part of a builder."""

    status: w.HTML
    message: w.HTML

    @classmethod
    def new(cls) -> Area:
        return cls(w.HTML(""), w.HTML(""))

    @property
    def widgets(self) -> list[w.HTML]:
        return [self.status, self.message]


class Builder(Playground):
    """A Playground (big buttons, friendly errors, one root box) whose parts each show their own problems."""

    kind = "builder"

    def __init__(self) -> None:
        super().__init__()
        self._areas: list[Area] = []

    def _area(self) -> Area:
        area = Area.new()
        self._areas.append(area)
        return area

    @contextmanager
    def _busy(self, busy_key: str, area: Area, *buttons: w.Button) -> Iterator[None]:
        """``Playground._working`` (busy line, greyed buttons, a KitError as its card) in the part ``area``."""
        for each in self._areas:
            each.message.value = ""
        self.status, self.message = area.status, area.message
        with self._working(busy_key, *buttons):
            yield

    def _assemble(self, title: str, parts: list[w.Widget], *, style: str = "") -> None:
        self.widget = w.VBox([w.HTML(STYLE_SHEET + BUILDER_STYLE + style), heading(title, size="24px"), *parts],
                             layout=w.Layout(padding="4px 0"))
        for name in ("kit-playground", "kit-builder", f"kit-builder-{self.kind}"):
            self.widget.add_class(name)

    def __repr__(self) -> str:
        return f"<kit {type(self).__name__}>"


# --- what a model wrote -----------------------------------------------------------------------------------

def find_json(text: str):
    """The first JSON object or list in a reply, even inside ```json fences or after a sentence; else None."""
    cleaned = re.sub(r"```(?:json|JSON)?", " ", str(text or ""))
    cleaned = cleaned.replace("“", '"').replace("”", '"')
    decoder = json.JSONDecoder()
    for match in re.finditer(r"[\[{]", cleaned):
        try:
            value, _end = decoder.raw_decode(cleaned[match.start():])
        except ValueError:
            continue
        if isinstance(value, (dict, list)) and value:
            return value
    return None


_LABEL = re.compile(r"^\s*(?:[-*•]\s*|\d+[.)]\s*|(?:page|scene)\s*\d+\s*[:：.]\s*|第\s*[\d一二三四五六七八九十]+\s*頁\s*[:：]?\s*)",
                    re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Sentences of English or Chinese text, without list marks or "Page 1:" labels."""
    pieces = []
    for line in re.split(r"\n+", str(text or "")):
        line = _LABEL.sub("", line).strip()
        pieces += [piece.strip(" ,，;；") for piece in re.split(r"(?<=[.!?。！？])\s*", line)]
    return [piece for piece in pieces if piece and re.search(rf"[A-Za-z{_HAN}]", piece)]


def join(pieces: list[str]) -> str:
    """Sentences back into a paragraph: a space after English ones, nothing after Chinese ones."""
    out = ""
    for piece in pieces:
        if out and not re.search(rf"[{_HAN}。！？，」』]$", out):
            out += " "
        out += piece
    return out


def spread(pieces: list[str], count: int) -> list[str]:
    """``pieces`` shared out, in order, over at most ``count`` pages (earlier pages get any extra one)."""
    pieces = [piece for piece in pieces if piece.strip()]
    if not pieces:
        return []
    count = max(1, min(count, len(pieces)))
    size, extra = divmod(len(pieces), count)
    out, start = [], 0
    for index in range(count):
        take = size + (1 if index < extra else 0)
        out.append(join(pieces[start:start + take]))
        start += take
    return out


def words_of(item) -> str:
    """A page or a choice as the model gave it: a string, or an object with its words in some field."""
    if isinstance(item, dict):
        for key in ("text", "words", "content", "label", "choice", "page", "story", "文字", "內容", "選擇"):
            if isinstance(item.get(key), str):
                return item[key].strip()
        found = [value for value in item.values() if isinstance(value, str)]
        return found[0].strip() if found else ""
    return "" if item is None else str(item).strip()


def first_list(data, *names: str) -> list | None:
    """``data[name]`` for the first of ``names`` that is a list, or the first list in ``data``, or ``data``."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for name in names:
            if isinstance(data.get(name), list):
                return data[name]
        return next((value for value in data.values() if isinstance(value, list)), None)
    return None


def as_reply(reply, words: str):
    """The ``Reply`` with only ``words`` as its text: a page keeps the call, the prompt and the model it came
    from (the appendix shows them), and a later change by hand is counted against these words."""
    return replace(reply, text=words, _shown_at=None)


def first_sentence(text: str, limit: int = 160) -> str:
    found = sentences(text)
    words = found[0] if found else str(text or "").strip()
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


# --- pictures ---------------------------------------------------------------------------------------------

def picture_html(picture, alt: str, *, width: int = 300, side: int = 480) -> str:
    """A picture as an ``<img>`` with its alt text: it shows headless, in a kernel and in saved widget state."""
    mime, small = thumbnail(picture.data, side)
    source = f"data:{mime};base64,{base64.b64encode(small).decode('ascii')}"
    return (f'<img src="{source}" alt="{html.escape(alt[:300])}" style="width:{width}px;max-width:100%;'
            f'border-radius:12px;display:block;border:1px solid #cbd5e1">')


def empty_picture_html(words: str, *, width: int = 300, height: int = 200) -> str:
    return (f'<div style="width:{width}px;max-width:100%;height:{height}px;border:2px dashed #94a3b8;'
            f'border-radius:12px;display:flex;align-items:center;justify-content:center;text-align:center;'
            f'color:#475569;font-size:16px;padding:10px;box-sizing:border-box">{html.escape(words)}</div>')
