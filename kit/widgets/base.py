"""The shared look and behaviour of every playground: big labelled buttons, friendly errors, one root box.

Children click with a trackpad, a touch screen or a switch, so every button is at least 44 px high (the usual
touch-target size) with a word AND an emoji: the emoji helps early readers, the word helps screen readers and
everyone who does not know what 🔁 means. Labels come from the i18n catalogue in the current language.

Only core ipywidgets that exist in both 7.7 (Colab) and 8 are used, and results are shown by assigning
``HTML.value`` / ``Image.value``: that works in a kernel, in headless tests (no kernel, no ``with out:``) and in
the widget state that nbconvert and papermill save, so an executed notebook still shows what was made.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as w

from ..errors import BadInput, KitError
from ..i18n import t

BUTTON_HEIGHT = "48px"            # >= 44 px: a comfortable touch target
BUTTON_MIN_WIDTH = "150px"
FONT_SIZE = "17px"

# ipywidgets 7.7 has no font_size trait on most styles, so a class on the root box and one small style sheet
# make the text big there too (JupyterLab's own rules are more specific, hence !important); on 8 the style
# traits set in ``big_text`` do the same job without CSS.
STYLE_SHEET = f"""<style>
.kit-playground button, .kit-playground input, .kit-playground textarea, .kit-playground select,
.kit-playground .widget-label, .kit-playground label {{ font-size: {FONT_SIZE} !important; }}
.kit-playground button {{ border-radius: 10px; }}
.kit-playground .kit-sr-label > .widget-label {{ position: absolute !important; width: 1px !important;
  height: 1px !important; margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0); white-space: nowrap; }}
</style>"""


def big_text(widget: w.Widget) -> w.Widget:
    """Big text (16–18 px) and labels never cut short, on ipywidgets 8; the style sheet covers 7.7."""
    style = getattr(widget, "style", None)
    if style is not None and "font_size" in style.trait_names():  # ipywidgets 8
        style.font_size = FONT_SIZE
    if style is not None and "description_width" in style.trait_names():
        style.description_width = "initial"  # never cut a label short
    return widget


def button(key: str, emoji: str, handler: Callable[[], None] | None = None, *, primary: bool = False,
           **fields) -> w.Button:
    """A big button saying ``emoji`` and the catalogue text of ``key``; ``handler`` runs on click."""
    widget = w.Button(description=f"{emoji} {t(key, **fields)}", button_style="primary" if primary else "",
                      layout=w.Layout(height=BUTTON_HEIGHT, min_width=BUTTON_MIN_WIDTH, width="auto"))
    big_text(widget)
    if handler is not None:
        widget.on_click(lambda _button: handler())
    return widget


def toggle(key: str, emoji: str, value: bool = False) -> w.ToggleButton:
    """An on/off button with the same look as ``button``."""
    widget = w.ToggleButton(value=value, description=f"{emoji} {t(key)}",
                            layout=w.Layout(height=BUTTON_HEIGHT, min_width=BUTTON_MIN_WIDTH, width="auto"))
    return big_text(widget)  # type: ignore[return-value]


def screen_reader_label(widget: w.Widget, words: str) -> w.Widget:
    """Give a box whose visible label is a heading above it its own ``<label for=...>`` too, for screen readers.

    The words go in ``description`` (ipywidgets ties that label to the input); the class hides it from sight, so
    the big heading above stays the one label people see. A placeholder is not a label (WCAG 1.3.1, 4.1.2).
    """
    if "description" in widget.trait_names() and not widget.description:
        widget.description = words
        widget.add_class("kit-sr-label")
    return widget


def text_box(label_key: str, value: str = "", *, placeholder_key: str | None = None, rows: int = 3,
             emoji: str = "✏️") -> tuple[w.HTML, w.Textarea]:
    """A labelled text area: the label sits above the box (a ``description`` would squeeze it)."""
    label = heading(f"{emoji} {t(label_key)}", size="16px")
    box = w.Textarea(value=value or "", placeholder=t(placeholder_key) if placeholder_key else "", rows=rows,
                     layout=w.Layout(width="100%", max_width="760px"))
    screen_reader_label(box, t(label_key))
    return label, big_text(box)  # type: ignore[return-value]


def heading(text: str, *, size: str = "20px") -> w.HTML:
    return w.HTML(f'<div style="font-size:{size};font-weight:700;margin:6px 0 2px">{html.escape(text)}</div>')


def note(text: str) -> str:
    """Grey helper text, as HTML."""
    return f'<div style="color:#475569;font-size:15px;margin:4px 0">{html.escape(text)}</div>'


def row(*children: w.Widget) -> w.HBox:
    """Widgets side by side (wrapping on a narrow screen); a button in a row keeps its own width."""
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="8px"))


class Playground:
    """One playground: ``.widget`` is the root box, ``.run()`` presses the main button.

    A subclass builds its controls in ``__init__``, sets ``self.main_button``, defines ``_main`` (what the main
    button does) and calls ``self._finish(...)``. Handlers stay small: read the controls, call the public API inside
    ``self._working(...)``, and write the result into an HTML or Image widget.
    """

    kind = ""

    def __init__(self) -> None:
        self.status = w.HTML("")     # "Qwen is thinking…" while a call runs
        self.message = w.HTML("")    # a KitError card, when something needs fixing
        self.main_button: w.Button
        self.widget: w.VBox

    def _finish(self, title_key: str, controls: list[w.Widget], results: list[w.Widget]) -> None:
        """Put the root box together: title, controls, the busy line and error card, then the results."""
        self.widget = w.VBox([w.HTML(STYLE_SHEET), heading(f"🧪 {t(title_key)}"), *controls, self.status,
                              self.message, *results], layout=w.Layout(padding="4px 0"))
        self.widget.add_class("kit-playground")
        self.widget.add_class(f"kit-playground-{self.kind}")

    def _main(self) -> None:
        raise NotImplementedError

    def run(self) -> Playground:
        """Do what the main button does, now (for papermill, tests and ``run=True``).

        It calls the same handler the button calls, rather than ``button.click()``, because ipywidgets
        swallows exceptions raised in click handlers: a bug in the kit must fail a test, not vanish.
        """
        self._main()
        return self

    @contextmanager
    def _working(self, busy_key: str, *buttons: w.Button) -> Iterator[None]:
        """Show a busy line and grey out the buttons while a call runs; a KitError becomes its card."""
        self.message.value = ""
        self.status.value = note(f"⏳ {t(busy_key)}")
        for each in buttons:
            each.disabled = True
        try:
            yield
        except KitError as problem:
            self.message.value = self._in_widget_words(problem, buttons)._repr_html_()
        finally:
            self.status.value = ""
            for each in buttons:
                each.disabled = False

    def _in_widget_words(self, problem: KitError, buttons) -> KitError:
        """An empty prompt told as a widget tells it: the box and the button, not quotes and cells."""
        if isinstance(problem, BadInput) and problem.reason == "empty_prompt":
            pressed = buttons[0] if buttons else getattr(self, "main_button", None)
            return BadInput("empty_prompt_box", button=getattr(pressed, "description", "").strip())
        return problem

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        return f"<kit playground {self.kind!r}>"
