"""``kit.Sketchpad()``: the child draws with mouse, finger or pen, and the drawing becomes a ``kit.Picture``.

    pad = kit.Sketchpad(name="my-dragon")     # draw in the cell's output; run it again after a restart: it is back
    pad.picture                               # the drawing, as a Picture (None while the page is blank)
    kit.draw("a dragon over Victoria Harbour", sketch=pad.picture, style="watercolour")

Why anywidget: one small ES module (``sketchpad_assets/sketchpad.js``) renders the same in JupyterLab, on a
JupyterHub and in Colab, where ipycanvas does not draw reliably. The page sends its PNG when a stroke ends (not on
every movement); undo lives in the page, where the pixels are. Every PNG that arrives is saved at once to
``<work folder>/sketches/<name>.png``, so a restarted kernel or a closed tab loses nothing.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import anywidget
import traitlets

from .i18n import current_language
from .journal import atomic_write
from .pictures import Picture
from .settings import current
from .widgets.parts import pair

ASSETS = Path(__file__).parent / "sketchpad_assets"
SKETCH_SIZE = (768, 512)       # enough for a child's drawing; small to send up (the service takes 384 px and up)
COLOURS = (("#111827", "black"), ("#dc2626", "red"), ("#2563eb", "blue"), ("#16a34a", "green"),
           ("#facc15", "yellow"), ("#9333ea", "purple"))
BRUSHES = (("big", 18), ("huge", 40))
EMOJI = {"eraser": "🧽", "undo": "↩️", "clear": "🗑️"}
COLOUR_EMOJI = {"black": "⚫", "red": "🔴", "blue": "🔵", "green": "🟢", "yellow": "🟡", "purple": "🟣"}


def both(key: str, language: str | None = None) -> str:
    """A label in both languages, the kit's language first (a helper who reads the other can still help)."""
    return pair(key, language=language or current_language())


def labels(language: str | None = None) -> dict[str, str]:
    return {key: (f"{EMOJI[key]} " if key in EMOJI else "") + both(f"sketch.{key}", language)
            for key in ("tools", "canvas", "eraser", "undo", "clear", "saved", "nothing_to_undo")}


def safe_name(name: str) -> str:
    """A file name from the child's name for the drawing: letters, digits, Chinese, dashes; never a path."""
    cleaned = re.sub(r"[^\w\-]+", "-", str(name or ""), flags=re.UNICODE).strip("-_")[:60]
    return cleaned or "my-drawing"


class _Png(traitlets.Bytes):
    """Bytes as the comm delivers them: a binary buffer from the page arrives as a memoryview."""

    def validate(self, obj, value):
        if isinstance(value, (memoryview, bytearray)):
            value = bytes(value)
        return super().validate(obj, value)


class Sketchpad(anywidget.AnyWidget):
    """A drawing surface with big brushes, bold colours, eraser, undo and clear; ``.picture`` is the drawing."""

    _esm = ASSETS / "sketchpad.js"
    _css = ASSETS / "sketchpad.css"
    png = _Png(b"").tag(sync=True)        # the drawing as the page last sent it
    strokes = traitlets.Int(0).tag(sync=True)         # how many times the page has sent it
    width = traitlets.Int(SKETCH_SIZE[0]).tag(sync=True)
    height = traitlets.Int(SKETCH_SIZE[1]).tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    colours = traitlets.List().tag(sync=True)
    brushes = traitlets.List().tag(sync=True)

    def __init__(self, name: str = "my-drawing", *, language: str | None = None, **kwargs) -> None:
        self.name = safe_name(name)
        self.path = current().workdir / "sketches" / f"{self.name}.png"
        saved = self.path.read_bytes() if self.path.is_file() else b""
        super().__init__(png=saved, labels=labels(language),
                         colours=[[value, f"{COLOUR_EMOJI[key]} {both('sketch.' + key, language)}"]
                                  for value, key in COLOURS],
                         brushes=[[f"🖌️ {both('sketch.' + key, language)}", size] for key, size in BRUSHES],
                         **kwargs)

    @traitlets.observe("png")
    def _autosave(self, change) -> None:
        if change["new"]:
            atomic_write(self.path, change["new"], durable=False)
        elif self.path.is_file():
            self.path.unlink()

    def clear(self) -> None:
        """Start on a blank page (the saved drawing goes too)."""
        self.png = b""

    @property
    def blank(self) -> bool:
        return not self.png or _is_blank(self.png)

    @property
    def picture(self) -> Picture | None:
        """The drawing as a ``kit.Picture`` (made by the child, not by AI), or None while the page is blank."""
        if self.blank:
            return None
        width, height = _size(self.png)
        return Picture(data=self.png, format="png", width=width, height=height, prompt=self.name,
                       backend="child", model="sketchpad", notes={"from_sketch": True, "sketch_name": self.name},
                       path=self.path)


def _size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _is_blank(data: bytes) -> bool:
    """True when nothing is drawn: every pixel the same colour (a cleared page is all white)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        low, high = zip(*image.convert("RGB").getextrema())
    return low == high
