"""How different are some replies? A number a child can read, and a bar chart of it for each setting.

The measure is deliberately simple so a teacher can explain it on a whiteboard: take the words of two replies,
count the words they share, divide by all the words either used (Jaccard similarity), and subtract from 1.
0 means "the same words", 1 means "no word in common". Chinese has no spaces, so each Chinese character counts
as a word; that is rough, but it treats both languages the same way and needs no dictionary.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from itertools import combinations

from ..i18n import both

# One CJK character, or a run of letters/digits (with apostrophes, as in "don't"); punctuation is ignored.
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:'[^\W_]+)*")
CJK_FONTS = ["Noto Sans CJK TC", "Noto Sans CJK JP", "DejaVu Sans"]


def words(text: str) -> set[str]:
    """The set of words in ``text``: lower-case words, and single Chinese characters."""
    return {token.lower() for token in _TOKEN.findall(text or "")}


def word_difference(first: str, second: str) -> float:
    """1 − Jaccard similarity of the two replies' words: 0 the same, 1 nothing in common."""
    a, b = words(first), words(second)
    if not a and not b:
        return 0.0
    return 1.0 - len(a & b) / len(a | b)


def average_difference(texts: Sequence[str]) -> float:
    """The average ``word_difference`` over every pair of replies (0 when there are fewer than two)."""
    pairs = list(combinations(texts, 2))
    if not pairs:
        return 0.0
    return sum(word_difference(a, b) for a, b in pairs) / len(pairs)


def _font_families() -> list[str]:
    try:  # the story module also teaches matplotlib a Noto CJK file installed after its font cache was built
        from ..fonts import matplotlib_families

        return matplotlib_families()
    except ImportError:
        return list(CJK_FONTS)


def difference_chart(labels: Sequence[str], scores: Sequence[float], *, xlabel: str | None = None):
    """A bar chart of how different the replies are at each setting, labelled in English and Chinese.

    Returns a ``matplotlib.figure.Figure`` made without pyplot, so it never pops up a second copy in a
    notebook and leaves no global state behind; ``chart_png`` turns it into bytes for an Image widget.
    """
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": _font_families(), "font.size": 11}):
        figure = Figure(figsize=(max(4.5, 1.3 * len(labels) + 1.5), 3.6), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        bars = axes.bar(list(labels), list(scores), color="#60a5fa", edgecolor="#1d4ed8")
        axes.bar_label(bars, labels=[f"{score:.2f}" for score in scores], padding=2)
        axes.set_ylim(0, 1.1)
        axes.set_title(both("widgets.dials.chart_title"), fontsize=13)
        axes.set_ylabel(both("widgets.dials.chart_y", sep="\n"), fontsize=10)
        axes.set_xlabel(xlabel or both("widgets.dials.chart_x"))
        axes.spines[["top", "right"]].set_visible(False)
    return figure


def chart_png(figure) -> bytes:
    """The figure as PNG bytes, with no timestamp or version inside, so the same chart is the same bytes."""
    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context({"font.family": _font_families()}):
        figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
