"""The novel builder: an interactive novel made scene by scene (the secondary builder).

It works as the storybook builder does (story_builder.py): every change goes straight into the ``Novel``, which
saves itself at once; the builder's own notes live in ``builder.json`` (builder_common.py); every call to Qwen or
Wanxiang goes through the public API; each button's work is a small method (``new_scene()``, ``draft_scene()``,
``draw_picture()``, ``play()`` ...) so tests and papermill drive it as a child's clicks do.
"""

from __future__ import annotations

import re
from collections import deque

import ipywidgets as w

from .. import pictures, text
from ..errors import BadInput, ServiceProblem
from ..i18n import message
from ..story import Novel
from ..story.novel import check_id
from ..story.play import scene_html
from .base import big_text, heading, note, row
from .builder_common import Notes, hint_card, style_dropdown
from .compare import chart_png
from .parts import (
    Builder,
    action,
    as_reply,
    empty_picture_html,
    find_json,
    first_list,
    first_sentence,
    labelled,
    pair,
    picture_html,
    replace_children,
    section,
    text_line,
    words_of,
)
from .read_aloud import ReadAloud


def scene_id_for(label: str, taken: set[str], common: frozenset[str] = frozenset()) -> str:
    """A short id from a choice's words ("Follow the glowing path" -> "follow-glowing-path"), not yet taken.

    ``common`` are words every choice of the scene shares ("Mei could ..."): they tell the choices apart badly.
    """
    words = [word for word in re.findall(r"[A-Za-z0-9]+", label.lower()) if word not in _STOP and word not in common]
    base = "-".join(words[:3]) or "".join(re.findall(r"[\u4e00-\u9fff]", label))[:6] or "scene"
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    return found


_STOP = {"a", "an", "the", "to", "and", "or", "of", "for", "with", "into", "in", "on", "at", "you", "your", "could",
         "can", "will", "should", "would", "may", "might", "go", "let", "lets", "i", "we", "they", "he", "she"}


def _shared_words(labels: list[str]) -> frozenset[str]:
    sets = [set(re.findall(r"[a-z0-9]+", label.lower())) for label in labels]
    return frozenset(set.intersection(*sets)) if len(sets) > 1 else frozenset()


def parse_scene(reply: str) -> tuple[str, list[str | tuple[str, str]]]:
    """Scene words and choices from Qwen's reply: its JSON when it gave some, else its numbered lines."""
    data = find_json(reply)
    if isinstance(data, dict):
        words = next((data[key] for key in ("text", "scene", "story", "content", "文字", "場景", "內容")
                      if isinstance(data.get(key), str)), "")
        items = first_list(data, "choices", "options", "選擇", "選項") or []
        choices: list[str | tuple[str, str]] = []
        for item in items:
            label = words_of(item)
            target = item.get("target") or item.get("id") if isinstance(item, dict) else None
            if label:
                choices.append((label, str(target)) if target else label)
        if words or choices:
            return words.strip(), choices
    lines = str(reply or "").splitlines()
    choices = [re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line).strip() for line in lines
               if re.match(r"^\s*(?:\d+[.)]|[-*•])\s+\S", line)]
    words = "\n".join(line for line in lines if not re.match(r"^\s*(?:\d+[.)]|[-*•])\s+\S", line)).strip()
    return words, choices


def _tidy_label(label: str) -> str:
    label = " ".join(label.split()).rstrip(".。")
    return label if len(label) <= 80 else label[:79].rstrip() + "…"


class NovelBuilder(Builder):
    """Write an interactive novel scene by scene: words, choices that lead to other scenes, endings, pictures.

    "✨ Draft scene" asks Qwen for a scene and 2–3 choices given the story so far; "🔍 Check story" finds paths
    that lead nowhere; "🗺 Map" draws the story; "▶ Play" reads it as a reader will.
    """

    kind = "novel"

    def __init__(self, novel: Novel, *, size="landscape") -> None:
        super().__init__()
        if not isinstance(novel, Novel):
            raise BadInput("choice", name="kit.NovelBuilder(novel)", value=type(novel).__name__,
                           choices='kit.Novel("My story")')
        self.novel = novel
        pictures.parse_size(size)
        self.size = size
        self.notes = Notes(novel.folder)
        self._loading = False
        self.player = None
        if not len(novel):      # a blank first scene to write in: nobody has to find "add a scene" first
            novel.add_scene("start", "", title=message("builders.novel.first_title", novel.language))
        self.current = self.notes.get("scene") or novel.start
        if self.current not in novel.scenes:
            self.current = novel.start
        self._build()
        self.refresh()

    # -- the widgets -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.scene_list = big_text(w.Dropdown(options=[], description=f"📜 {pair('builders.novel.scene')}",
                                              layout=w.Layout(width="420px")))
        self.scene_list.observe(lambda change: self._picked(change["new"]), names="value")
        self.new_button = action("builders.novel.new", "➕", self.new_scene)
        self.delete_button = action("builders.novel.delete", "🗑", self.delete_scene)
        self.undo_button = action("builders.novel.undo", "↩", self.undo)
        self.scene_id = text_line(width="260px")
        self.scene_id.observe(lambda change: self._rename(change["new"]), names="value")
        self.scene_title = text_line(width="420px")
        self.scene_title.observe(lambda change: self._save(title=change["new"]), names="value")
        self.scene_text = big_text(w.Textarea(rows=7, continuous_update=False,
                                              placeholder=message("builders.novel.text.placeholder"),
                                              layout=w.Layout(width="100%", max_width="760px")))
        self.scene_text.observe(lambda change: self._save(text=change["new"]), names="value")
        self.scene_note = w.HTML()
        self.ending = big_text(w.Checkbox(value=False, description=f"🏁 {pair('builders.novel.ending')}",
                                          indent=False, layout=w.Layout(height="44px", width="auto")))
        self.ending.observe(lambda change: self._save(ending=change["new"]), names="value")
        self.choice_rows = w.VBox()
        self.add_choice_button = action("builders.novel.add_choice", "➕", self.add_choice_row)
        self.choices_note = w.HTML()
        self.draft_button = action("builders.novel.draft", "✨", self.draft_scene, primary=True)
        self.scene_area = self._area()
        scene = section(f"✏️ {pair('builders.novel.write')}",
                        row(self.scene_list, self.new_button, self.delete_button, self.undo_button),
                        row(labelled("builders.novel.id", self.scene_id, "🏷️"),
                            labelled("builders.novel.title", self.scene_title, "📌")),
                        heading(f"📝 {pair('builders.novel.text')}", size="16px"), self.scene_text, self.scene_note,
                        row(self.draft_button), w.HTML(note(pair("builders.novel.draft.help"))),
                        *self.scene_area.widgets,
                        heading(f"🔀 {pair('builders.novel.choices')}", size="17px"), self.choice_rows,
                        row(self.add_choice_button, self.ending), self.choices_note)

        self.style = style_dropdown(self.notes.get("style"))
        self.style.observe(lambda change: self._remember("style", change["new"]), names="value")
        self.prompt = text_line(placeholder=message("builders.novel.prompt.placeholder"))
        self.prompt.observe(lambda change: self._save_prompt(change["new"]), names="value")
        self.picture_button = action("builders.novel.picture", "🎨", self.draw_picture, primary=True)
        self.picture = w.HTML()
        self.picture_area = self._area()
        picture = section(f"🎨 {pair('builders.novel.picture_part')}",
                          labelled("builders.novel.prompt", self.prompt, "🖼"),
                          row(labelled("builders.story.style", self.style, "🖌️"), self.picture_button),
                          *self.picture_area.widgets, self.picture)

        self.check_button = action("builders.novel.check", "🔍", self.check)
        self.map_button = action("builders.novel.map", "🗺", self.show_map)
        self.play_button = action("builders.novel.play", "▶", self.play, primary=True)
        self.problems = w.HTML()
        self.map_image = w.Image(format="png", layout=w.Layout(max_width="900px", display="none"))
        self.play_box = w.VBox()
        self.tools_area = self._area()
        tools = section(f"🧭 {pair('builders.novel.tools')}", row(self.check_button, self.map_button, self.play_button),
                        *self.tools_area.widgets, self.problems, self.map_image, self.play_box)
        self.read_aloud = ReadAloud(self, self.novel)
        tools.children = (*tools.children, *self.read_aloud.widgets)
        self._assemble(f"🔀 {pair('builders.novel.title_bar')}: {self.novel.title}", [scene, picture, tools])
        self.main_button = self.draft_button

    # -- scenes ------------------------------------------------------------------------------------------
    def _remember(self, key: str, value) -> None:
        if not self._loading:
            self.notes.set(key, value)

    @property
    def scene(self):
        """The scene being edited (a ``kit.Novel`` scene)."""
        return self.novel.scene(self.current)

    def _picked(self, scene_id) -> None:
        if not self._loading and scene_id:
            self.select(scene_id)

    def select(self, scene_id: str) -> None:
        """Edit scene ``scene_id``."""
        with self._busy("builders.saving", self.scene_area):
            self.novel.scene(scene_id)
            self.current = scene_id
            self.notes.set("scene", scene_id)
        self.refresh()

    def _save(self, **fields) -> None:
        if self._loading:
            return
        with self._busy("builders.saving", self.scene_area):
            self.novel.edit_scene(self.current, **fields)
        self._show_scene_list()
        self._show_notes()

    def _rename(self, new: str) -> None:
        if self._loading or new.strip() == self.current:
            return
        with self._busy("builders.saving", self.scene_area):
            self.novel.rename_scene(self.current, new.strip())
            prompts = self.notes.get("prompts", {}) or {}
            if self.current in prompts:
                self.notes.set("prompts", {**prompts, new.strip(): prompts[self.current]})
            self.current = new.strip()
            self.notes.set("scene", self.current)
        self.refresh()

    def write(self, words: str) -> None:
        """Type ``words`` as the scene's text, as a child would in the box."""
        self.scene_text.value = words

    def new_scene(self, scene_id: str | None = None, title: str | None = None) -> str:
        """Add a scene and edit it. With no id: the first scene a choice leads to that is not written yet."""
        scenes = self.novel.scenes
        waiting = [(target, label) for scene in scenes.values() for label, target in scene.choices.items()
                   if target not in scenes]
        if scene_id is None and waiting:
            scene_id, label = waiting[0]
            title = label if title is None else title
        scene_id = scene_id or scene_id_for(f"scene {len(scenes) + 1}", set(scenes))
        with self._busy("builders.saving", self.scene_area):
            self.novel.add_scene(check_id(scene_id), "", title=title or "")
            self.current = check_id(scene_id)
            self.notes.set("scene", self.current)
        self.refresh()
        return self.current

    def delete_scene(self) -> None:
        """Take this scene out (↩ Undo puts it back); choices that led here show up in 🔍 Check story."""
        if len(self.novel) <= 1:
            self.scene_area.message.value = hint_card("builders.novel.last_scene")
            return
        with self._busy("builders.saving", self.scene_area):
            self.novel.delete_scene(self.current)
            self.current = self.novel.start
        self.refresh()

    def undo(self) -> bool:
        done = self.novel.undo()
        if done and not len(self.novel):    # the blank first scene stays: a builder always has a scene to edit
            self.novel.redo()
            done = False
        if not done:
            self.scene_area.message.value = hint_card("builders.nothing_to_undo")
        if self.current not in self.novel.scenes:
            self.current = self.novel.start
        self.refresh()
        return done

    # -- choices -----------------------------------------------------------------------------------------
    def _choice_row(self, label: str = "", target: str = "") -> w.HBox:
        words = text_line(label, placeholder=message("builders.novel.choice.placeholder"), width="480px")
        leads = text_line(target, placeholder=message("builders.novel.target.placeholder"), width="220px")
        for box in (words, leads):
            box.observe(lambda _change: self._save_choices(), names="value")
        arrow = big_text(w.Label(f"➜ {message('builders.novel.leads_to')}"))
        return w.HBox([words, arrow, leads], layout=w.Layout(flex_flow="row wrap", align_items="center",
                                                              grid_gap="8px"))

    def _rows(self) -> list[tuple[w.Text, w.Text]]:
        return [(each.children[0], each.children[2]) for each in self.choice_rows.children]

    def add_choice_row(self, label: str = "", target: str = "") -> None:
        """One more empty choice (words on the button, and the id of the scene it leads to)."""
        self.choice_rows.children = (*self.choice_rows.children, self._choice_row(label, target))
        if label and target:
            self._save_choices()

    def set_choices(self, choices: dict[str, str]) -> None:
        """Replace this scene's choices, ``{words on the button: scene id}``, as if typed in the rows."""
        self._loading = True
        try:
            replace_children(self.choice_rows, [self._choice_row(label, target) for label, target in choices.items()])
        finally:
            self._loading = False
        self._save_choices()

    def _save_choices(self) -> None:
        if self._loading:
            return
        pairs = [(label.value.strip(), target.value.strip()) for label, target in self._rows()
                 if label.value.strip() and target.value.strip()]
        with self._busy("builders.saving", self.scene_area):
            self.novel.edit_scene(self.current, choices=pairs)
        self._show_scene_list()
        self._show_notes()

    # -- Qwen and Wanxiang -------------------------------------------------------------------------------
    def _story_so_far(self) -> list[str]:
        """The scenes on the shortest path from the start to this one, with the choice taken at each step."""
        scenes = self.novel.scenes
        came_from: dict[str, tuple[str, str] | None] = {self.novel.start: None}
        todo = deque([self.novel.start])
        while todo:
            here = todo.popleft()
            for label, target in scenes[here].choices.items():
                if target in scenes and target not in came_from:
                    came_from[target] = (here, label)
                    todo.append(target)
        steps, at = [], came_from.get(self.current)
        while at is not None:
            here, label = at
            steps.append((scenes[here], label))
            at = came_from.get(here)
        language = self.novel.language
        lines = []
        for scene, label in reversed(steps[-6:] if len(steps) > 6 else steps):
            lines.append(f"- {scene.title}: {' '.join(scene.text.split())[:500]}")
            lines.append(f"  {message('builders.novel.ask_chose', language, choice=label)}")
        return lines

    def draft_scene(self) -> dict | None:
        """Ask Qwen for this scene's words and 2–3 choices (JSON), given the story so far; put them in the scene.

        The choices lead to new scenes, to write next (➕ New scene opens the first). An ending gets no choices,
        and a scene whose choices already lead to written scenes keeps them.
        """
        made = None
        with self._busy("builders.novel.drafting", self.scene_area, self.draft_button):
            reply = text.ask(self._draft_prompt())
            words, choices = parse_scene(reply.text)
            if not words:
                raise ServiceProblem("generic", detail="no scene text in the reply")
            fields: dict = {"text": as_reply(reply, words)}
            scenes, scene = self.novel.scenes, self.scene
            keeps = any(target in scenes for target in scene.choices.values())
            if choices and not scene.ending and not keeps:
                fields["choices"] = self._new_choices(choices)
            self.novel.edit_scene(self.current, **fields)
            made = {"text": self.scene.text, "choices": self.scene.choices}
        self.refresh()
        return made

    def _new_choices(self, choices: list) -> list[tuple[str, str]]:
        """Qwen's choices with ids for the scenes they lead to: new ones, never one another scene already uses."""
        scenes = self.novel.scenes
        taken = set(scenes) | {target for each in scenes.values() for target in each.choices.values()}
        given = [choice if isinstance(choice, tuple) else (choice, "") for choice in choices]
        labels = list(dict.fromkeys(_tidy_label(label) for label, _target in given))[:3]
        common = _shared_words(labels)
        pairs = []
        for label in labels:
            target = next((t.strip() for lab, t in given if _tidy_label(lab) == label), "")
            if not target or len(target) > 60 or target in taken:
                target = scene_id_for(label, taken, common)
            taken.add(target)
            pairs.append((label, target))
        return pairs

    def _draft_prompt(self) -> str:
        language, scene = self.novel.language, self.scene
        lines = [message("builders.novel.ask_intro", language, title=self.novel.title)]
        if self.novel.theme:
            lines.append(message("builders.ask.theme", language, theme=self.novel.theme))
        so_far = self._story_so_far()
        if so_far:
            lines += [message("builders.novel.ask_so_far", language), *so_far]
        else:
            lines.append(message("builders.novel.ask_first", language))
        lines.append(message("builders.novel.ask_scene", language, scene=scene.title))
        if scene.text.strip():
            lines.append(message("builders.novel.ask_ideas", language, ideas=" ".join(scene.text.split())[:600]))
        key = "builders.novel.ask_ending" if scene.ending else "builders.novel.ask_choices"
        lines.append(message(key, language))
        return "\n".join(lines)

    def _save_prompt(self, value: str) -> None:
        if not self._loading:
            self.notes.set_prompt(self.current, value)

    def draw_picture(self) -> pictures.Picture | None:
        """Draw a picture for this scene (the prompt box, or the scene's first sentence) and put it in the scene."""
        made = None
        with self._busy("builders.novel.drawing", self.picture_area, self.picture_button):
            scene = self.scene
            prompt = self.prompt.value.strip() or first_sentence(scene.text, 300)
            if not prompt:
                self.picture_area.message.value = hint_card("builders.novel.need_words")
                return None
            made = pictures.draw(prompt, style=self.style.value or None, size=self.size)
            self.novel.edit_scene(self.current, picture=made, alt=scene.alt or first_sentence(scene.text) or prompt)
        self.refresh()
        return made

    # -- checking, the map, playing ----------------------------------------------------------------------
    def check(self):
        """The story's problems in plain words (an empty list: every path works), shown under the buttons."""
        problems = self.novel.check()
        self.problems.value = problems._repr_html_()
        return problems

    def show_map(self):
        """Draw the story's map; returns the matplotlib Figure."""
        figure = None
        with self._busy("builders.novel.mapping", self.tools_area, self.map_button):
            figure = self.novel.map()
            self.map_image.value = chart_png(figure)
            self.map_image.layout.display = None
        return figure

    def play(self):
        """Read the story from the start, with big buttons: one per choice, ◀ Back and 🔁 Restart."""
        with self._busy("builders.saving", self.tools_area, self.play_button):
            self.player = self.novel.player()
            self._show_player()
        return self.player

    def _show_player(self) -> None:
        player = self.player
        view = w.HTML(scene_html(player.scene, player.at_ending))
        buttons = []
        for index, choice in enumerate(player.choices):
            if choice["ok"]:
                each = w.Button(description=f"👉 {choice['label']}", button_style="info",
                                layout=w.Layout(width="auto", min_width="260px", height="56px", margin="4px 0"))
                each.on_click(lambda _button, i=index: self._go(lambda: player.choose(i)))
            else:
                each = w.Button(description=f"🚧 {choice['label']} {message('novel.not_written')}", disabled=True,
                                layout=w.Layout(width="auto", min_width="260px", height="56px", margin="4px 0"))
            buttons.append(big_text(each))
        back = action("builders.novel.back", "◀", lambda: self._go(player.back))
        back.disabled = not player.history
        again = action("builders.novel.restart", "🔁", lambda: self._go(player.restart))
        replace_children(self.play_box, [w.VBox([view, *buttons, row(back, again)],
                                         layout=w.Layout(border="3px solid #f59e0b", padding="10px 14px",
                                                         max_width="760px"))])

    def _go(self, step) -> None:
        with self._busy("builders.saving", self.tools_area):
            step()
        self._show_player()

    def play_choose(self, choice) -> str:
        """In the play view: follow a choice (its words or its number) as a reader's click would."""
        if self.player is None:
            self.play()
        found = self.player.choose(choice)
        self._show_player()
        return found

    # -- showing -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the scene being edited, as the novel has it now."""
        self._loading = True
        try:
            scene = self.scene
            self.scene_id.value, self.scene_title.value = scene.id, scene.title if scene.title != scene.id else ""
            self.scene_text.value, self.ending.value = scene.text, scene.ending
            rows = list(scene.choices.items()) or [("", "")]
            replace_children(self.choice_rows, [self._choice_row(label, target) for label, target in rows])
            self.prompt.value = self.notes.prompt(scene.id)
            picture = scene.picture
            self.picture.value = (picture_html(picture, scene.alt or picture.prompt, width=360) if picture is not None
                                  else empty_picture_html(pair("builders.novel.no_picture"), width=360, height=120))
            self._show_scene_list()
        finally:
            self._loading = False
        self._show_notes()

    def _show_scene_list(self) -> None:
        loading, self._loading = self._loading, True
        try:
            options = []
            for scene_id, scene in self.novel.scenes.items():
                marks = ("⭐ " if scene_id == self.novel.start else "") + ("🏁 " if scene.ending else "")
                name = scene.title if scene.title == scene_id else f"{scene.title} ({scene_id})"
                options.append((f"{marks}{name}", scene_id))
            self.scene_list.options = options
            self.scene_list.value = self.current
        finally:
            self._loading = loading
        self.undo_button.disabled = not self.novel.can_undo
        self.delete_button.disabled = len(self.novel) <= 1

    def _show_notes(self) -> None:
        scene, scenes = self.scene, self.novel.scenes
        if scene.text_call_id:
            key = "builders.story.hand_edited" if scene.hand_edited else "builders.story.ai_words"
            self.scene_note.value = note(pair(key))
        else:
            self.scene_note.value = ""
        waiting = [target for target in scene.choices.values() if target not in scenes]
        lines = [pair("builders.novel.scenes_you_have", scenes=", ".join(scenes))]
        if waiting:
            lines.append(pair("builders.novel.waiting", scenes=", ".join(waiting)))
        lines.append(pair("builders.novel.choice.help"))
        self.choices_note.value = "".join(note(line) for line in lines)
        self.undo_button.disabled = not self.novel.can_undo
