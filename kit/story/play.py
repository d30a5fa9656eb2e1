"""Reading an interactive novel in the notebook: the reader's place as plain state, and big buttons over it.

``Player`` knows nothing of widgets, so tests and other front ends can drive it; ``play_widget`` draws it with
core ipywidgets only (they work in JupyterLab, a JupyterHub and Colab): large buttons with words on them.
"""

from __future__ import annotations

import html

from ..errors import BadInput
from ..i18n import message


class Player:
    """Where the reader is: the current scene, the way back, and the choices from here."""

    def __init__(self, scenes: dict[str, dict], start: str | None):
        if not start:
            raise BadInput("no_scenes")
        self.scenes = scenes
        self.start = start
        self.current = start
        self.history: list[str] = []

    @property
    def scene(self) -> dict:
        return self.scenes[self.current]

    @property
    def choices(self) -> list[dict]:
        """Each choice with ``label``, ``target`` and ``ok`` (False when its scene is not written yet)."""
        return [{**choice, "ok": choice["target"] in self.scenes} for choice in self.scene["choices"]]

    @property
    def at_ending(self) -> bool:
        return bool(self.scene.get("ending"))

    def choose(self, choice: str | int) -> str:
        """Follow a choice, by its label or its number (0 is the first). Returns the new scene's id."""
        options = self.choices
        if isinstance(choice, int) and not isinstance(choice, bool) and 0 <= choice < len(options):
            picked = options[choice]
        else:
            picked = next((c for c in options if c["label"] == str(choice)), None)
        if picked is None or not picked["ok"]:
            labels = ", ".join(c["label"] for c in options if c["ok"]) or "-"
            raise BadInput("choice_here", choice=choice, choices=labels)
        self.history.append(self.current)
        self.current = picked["target"]
        return self.current

    def back(self) -> str:
        if self.history:
            self.current = self.history.pop()
        return self.current

    def restart(self) -> str:
        self.history.clear()
        self.current = self.start
        return self.current


def scene_html(scene: dict, ending: bool) -> str:
    """One scene as HTML for the widget: every word escaped."""
    picture = (f'<img src="{scene["picture"]}" alt="{html.escape(scene.get("alt", ""))}" '
               'style="max-width:100%;width:440px;border-radius:12px;display:block;margin:8px 0">'
               if scene.get("picture") else "")
    text = html.escape(scene.get("text", "")).replace("\n", "<br>")
    end = (f'<div style="margin-top:12px;font-size:20px;font-weight:700;color:#b45309">★ '
           f'{html.escape(message("novel.the_end", "en"))} · <span lang="zh-Hant">'
           f'{html.escape(message("novel.the_end", "zh-Hant"))}</span></div>' if ending else "")
    return (f'<div style="font-size:18px;line-height:1.7;max-width:640px;color:#1f2937;font-family:system-ui,'
            f'\'Noto Sans CJK TC\',sans-serif"><h3 style="margin:4px 0">{html.escape(scene.get("title", ""))}</h3>'
            f'{picture}<div>{text}</div>{end}</div>')


def play_widget(scenes: dict[str, dict], start: str | None):
    """An ipywidgets box to read the novel: the scene, one big button per choice, Back and Restart."""
    import ipywidgets as widgets

    player = Player(scenes, start)
    view = widgets.HTML()
    choice_box = widgets.VBox()
    big = widgets.Layout(width="auto", min_width="220px", height="auto", min_height="48px", margin="4px 0")

    def button(label: str, on_click, style: str = "") -> widgets.Button:
        b = widgets.Button(description=label, tooltip=label, layout=big, button_style=style)
        if hasattr(b.style, "font_size"):
            b.style.font_size = "17px"
        b.on_click(lambda _b: on_click())
        return b

    back = button(f"◀ {message('novel.back', 'en')} · {message('novel.back', 'zh-Hant')}", lambda: go(player.back))
    again = button(f"↺ {message('novel.restart', 'en')} · {message('novel.restart', 'zh-Hant')}",
                   lambda: go(player.restart))

    def go(step) -> None:
        step()
        render()

    def render() -> None:
        view.value = scene_html(player.scene, player.at_ending)
        buttons = []
        for index, choice in enumerate(player.choices):
            if choice["ok"]:
                buttons.append(button(choice["label"], lambda i=index: go(lambda: player.choose(i)), "info"))
            else:
                b = button(f"{choice['label']} {message('novel.not_written', 'en')}", lambda: None)
                b.disabled = True
                buttons.append(b)
        choice_box.children = buttons
        back.disabled = not player.history

    render()
    box = widgets.VBox([view, choice_box, widgets.HBox([back, again])])
    box.player = player  # for tests and for teachers poking at it
    return box
