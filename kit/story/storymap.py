"""The map of an interactive novel: scenes in rows by how many choices they are from the start.

A child sees at a glance where the story branches, which scenes are endings (gold), which no path reaches
(grey, at the bottom) and which choices lead to a scene that is not written yet (red, dashed). Labels may be
in Traditional Chinese, so every text uses the CJK font list from ``fonts``.
"""

from __future__ import annotations

import textwrap

from ..fonts import matplotlib_families
from ..i18n import message

START, ENDING, PLAIN, LOST, MISSING = "#dbeafe", "#fde68a", "#ffffff", "#e5e7eb", "#fee2e2"


def layers(scenes: list[dict]) -> tuple[dict[str, int], list[str]]:
    """Row of each scene: its distance in choices from the start; scenes no path reaches go in a last row."""
    ids = [scene["id"] for scene in scenes]
    edges = {scene["id"]: [c["target"] for c in scene.get("choices", [])] for scene in scenes}
    row = {ids[0]: 0} if ids else {}
    todo = list(row)
    while todo:
        node = todo.pop(0)
        for target in edges.get(node, []):
            if target in edges and target not in row:
                row[target] = row[node] + 1
                todo.append(target)
    lost = [scene_id for scene_id in ids if scene_id not in row]
    last = max(row.values(), default=-1) + 1
    for scene_id in lost:
        row[scene_id] = last
    return row, lost


def _wrap(text: str, width: int = 16) -> str:
    text = str(text)
    if any("\u3400" <= ch <= "\u9fff" for ch in text):
        width = 8  # Chinese characters are about twice as wide
    return "\n".join(textwrap.wrap(text, width, break_long_words=True)[:3]) or "?"


def draw_map(scenes: list[dict], problems, *, title: str = "", size=None):
    """A matplotlib Figure of the story graph (not shown by pyplot, so it appears once in a notebook)."""
    from matplotlib.figure import Figure

    family = matplotlib_families()
    row, lost = layers(scenes)
    known = {scene["id"] for scene in scenes}
    missing = sorted({c["target"] for s in scenes for c in s.get("choices", []) if c["target"] not in known})
    for target in missing:  # show the scene a choice wants, where it would go
        sources = [row[s["id"]] for s in scenes if any(c["target"] == target for c in s.get("choices", []))]
        row[target] = min(sources) + 1
    by_row: dict[int, list[str]] = {}
    for node in [s["id"] for s in scenes] + missing:
        by_row.setdefault(row[node], []).append(node)
    widest = max((len(nodes) for nodes in by_row.values()), default=1)
    rows = max(by_row, default=0) + 1
    figure = Figure(figsize=size or (max(6.0, 2.7 * widest), max(3.5, 1.9 * rows + 1.2)), dpi=100)
    ax = figure.add_axes((0, 0.08, 1, 0.84))
    ax.set_axis_off()
    ax.set_xlim(-0.5, widest - 0.5)
    ax.set_ylim(-(rows - 1) - 0.6, 0.6)
    position = {}
    for r, nodes in by_row.items():
        offset = (widest - len(nodes)) / 2
        for i, node in enumerate(nodes):
            position[node] = (offset + i, -r)

    trapped = {scene for p in problems if p.kind in ("trap", "dead_end") for scene in p.scenes}
    scene_by_id = {scene["id"]: scene for scene in scenes}
    boxes = {}
    start = scenes[0]["id"] if scenes else None
    for node, (x, y) in position.items():
        scene = scene_by_id.get(node)
        if scene is None:
            face, edge, style, label = MISSING, "#dc2626", "--", f"? {_wrap(node)}"
        else:
            label = _wrap(scene.get("title") or node)
            face, edge, style = PLAIN, "#475569", "-"
            if node == start:
                face, label = START, f"▶ {label}"
            if scene.get("ending"):
                face, edge, label = ENDING, "#b45309", f"★ {label}"
            if node in lost:
                face, edge, style = LOST, "#9ca3af", "--"
            elif node in trapped:
                edge = "#ea580c"
        boxes[node] = ax.text(x, y, label, ha="center", va="center", fontsize=11, family=family, zorder=3,
                              bbox={"boxstyle": "round,pad=0.6", "facecolor": face, "edgecolor": edge,
                                    "linewidth": 2.4 if scene and scene.get("ending") else 1.4,
                                    "linestyle": style})

    for scene in scenes:
        for number, choice in enumerate(scene.get("choices", [])):
            source, target = scene["id"], choice["target"]
            (x1, y1), (x2, y2) = position[source], position[target]
            # Straight down to the next row; a curve when a choice goes sideways or back up (a loop).
            bend = 0.0 if y2 < y1 and abs(x2 - x1) < 0.01 else 0.3 if y2 >= y1 else 0.08
            arrow = {"arrowstyle": "-|>,head_length=0.7,head_width=0.35", "linewidth": 1.3,
                     "color": "#dc2626" if target in missing else "#334155"}
            if source == target:   # a choice that stays in the same scene: a little loop on the box's corner
                ax.annotate("", xy=(0.8, 1.3), xycoords=boxes[target], xytext=(1.12, 0.5), textcoords=boxes[source],
                            arrowprops={**arrow, "connectionstyle": "arc3,rad=1.4"}, zorder=4)
                mx, my = x1 + 0.6, y1 + 0.16
            else:
                ax.annotate("", xy=(0.5, 0.5), xycoords=boxes[target], xytext=(0.5, 0.5), textcoords=boxes[source],
                            arrowprops={**arrow, "shrinkA": 2, "shrinkB": 3, "connectionstyle": f"arc3,rad={bend}",
                                        "patchA": boxes[source].get_bbox_patch(),
                                        "patchB": boxes[target].get_bbox_patch()},
                            zorder=4)
                # The label sits halfway along the curve (for arc3: the middle plus half the bend).
                mx, my = (x1 + x2) / 2 + 0.5 * bend * (y2 - y1), (y1 + y2) / 2 - 0.5 * bend * (x2 - x1)
            ax.text(mx, my + 0.12 * (number % 2) - 0.06, _wrap(choice["label"], 18), ha="center", va="center",
                    fontsize=9, family=family, color="#1e293b", zorder=5,
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})

    if title:
        figure.text(0.5, 0.965, title, ha="center", va="center", fontsize=15, weight="bold", family=family)
    legend = "   ".join(f"{mark} {message(key, 'en')} {message(key, 'zh-Hant')}"
                       for mark, key in (("▶", "novel.start"), ("★", "novel.ending"), ("- -", "novel.unreachable"),
                                         ("?", "novel.missing")))
    figure.text(0.5, 0.035, legend, ha="center", va="center", fontsize=9, family=family, color="#475569")
    figure._repr_png_ = lambda: _png(figure)  # shows as a picture in any kernel, no %matplotlib needed
    return figure


def _png(figure) -> bytes:
    import io

    out = io.BytesIO()
    figure.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()
