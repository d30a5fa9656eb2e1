"""An interactive novel: scenes joined by choices, with endings. Secondary students hand it in.

    novel = kit.Novel("The Lost Key", author="Ka Ho", theme="Honesty")
    novel.add_scene("gate", kit.ask("..."), kit.draw("..."), choices={"Go in": "hall", "Run home": "home"})
    novel.add_scene("home", "You are safe at home.", ending=True)
    novel.check()      # choices that lead nowhere, scenes nobody reaches, loops with no way out ...
    novel.map()        # the story as a drawing
    novel.play()       # read it as a reader will

The first scene added is the start. Running a cell again updates the scene with the same id instead of adding
a copy. Saved after every change, like a Storybook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..classroom import class_theme
from ..errors import BadInput
from ..i18n import message
from ..story_bundle import NOVEL_MIME, header, produced
from . import appendix as provenance
from . import checklist as checks
from . import media
from .credits import Credits, copy_made, names
from .narration import Narrated
from .store import Saved, check_title, fresh_state

MIME = NOVEL_MIME
_UNSET = object()
MAX_ID = 60


def check_id(scene_id) -> str:
    if scene_id is None or not str(scene_id).strip() or len(str(scene_id).strip()) > MAX_ID:
        raise BadInput("scene_id", value=str(scene_id)[:80])
    return str(scene_id).strip()


def parse_choices(choices) -> list[dict]:
    """``{"Go left": "cave"}`` or ``[("Go left", "cave")]`` as a list of ``{"label", "target"}``."""
    if choices is None:
        return []
    try:
        pairs = list(choices.items()) if isinstance(choices, dict) else [tuple(pair) for pair in choices]
        out = []
        for label, target in pairs:
            if not str(label).strip():
                raise ValueError
            out.append({"label": str(label).strip(), "target": check_id(target)})
        return out
    except (TypeError, ValueError, AttributeError):
        raise BadInput("choices") from None


@dataclass
class Problem:
    """Something in the story's shape a reader would trip over, in plain words in both languages."""

    kind: str                   # missing_target, unreachable, dead_end, trap, no_ending, no_scenes
    scenes: tuple[str, ...]
    en: str
    zh: str

    def __str__(self) -> str:
        return f"{self.en}\n{self.zh}"


class Problems(list):
    """The list ``check()`` gives: empty when the story works. Shows as a short bilingual list."""

    def _repr_html_(self) -> str:
        from ..export.render import render_problems

        return render_problems(self)

    def __repr__(self) -> str:
        if not self:
            return f"✅ {message('novel.ok', 'en')}\n   {message('novel.ok', 'zh-Hant')}"
        return "\n".join(f"⚠️ {p.en}\n   {p.zh}" for p in self)


def _problem(kind: str, ids, **fields) -> Problem:
    return Problem(kind, tuple(ids), message(f"novel.problem.{kind}", "en", **fields),
                   message(f"novel.problem.{kind}", "zh-Hant", **fields))


def _quote_all(ids) -> str:
    return ", ".join(f"“{scene}”" for scene in ids)


def find_problems(scenes: list[dict]) -> Problems:
    """The story's shape checked: where a reader would get lost, stuck or go round for ever."""
    problems = Problems()
    if not scenes:
        problems.append(_problem("no_scenes", ()))
        return problems
    ids = [scene["id"] for scene in scenes]
    known = set(ids)
    edges = {scene["id"]: [c["target"] for c in scene.get("choices", []) if c["target"] in known]
             for scene in scenes}
    for scene in scenes:
        for choice in scene.get("choices", []):
            if choice["target"] not in known:
                problems.append(_problem("missing_target", (scene["id"],), scene=scene["id"],
                                         label=choice["label"], target=choice["target"]))
    reached = reachable(ids[0], edges)
    for scene_id in ids:
        if scene_id not in reached:
            problems.append(_problem("unreachable", (scene_id,), scene=scene_id))
    for scene in scenes:
        if not scene.get("choices") and not scene.get("ending"):
            problems.append(_problem("dead_end", (scene["id"],), scene=scene["id"]))
    endings = [scene["id"] for scene in scenes if scene.get("ending")]
    if not endings:
        problems.append(_problem("no_ending", ()))
        return problems
    # Scenes from which no ending can be reached, and which go round in a loop: a trap for the reader.
    backwards: dict[str, list[str]] = {scene_id: [] for scene_id in ids}
    for source, targets in edges.items():
        for target in targets:
            backwards[target].append(source)
    can_finish = set()
    for ending in endings:
        can_finish |= reachable(ending, backwards)
    stuck = [scene_id for scene_id in ids if scene_id in reached and scene_id not in can_finish]
    for group in loops(stuck, edges):
        problems.append(_problem("trap", group, scenes=_quote_all(group)))
    return problems


def reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in edges.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def loops(nodes: list[str], edges: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Groups of ``nodes`` that lead round to each other (strongly connected, with a cycle), in story order."""
    inside = set(nodes)
    sub = {node: [t for t in edges.get(node, []) if t in inside] for node in nodes}
    groups, done = [], set()
    for node in nodes:
        if node in done:
            continue
        ahead = reachable(node, sub)
        group = tuple(other for other in nodes if other in ahead and node in reachable(other, sub))
        done |= set(group)
        if len(group) > 1 or node in edges.get(node, []):
            groups.append(group)
    return groups


class Scene:
    """One scene, seen through its novel: setting a field saves the novel (and can be undone)."""

    def __init__(self, novel: Novel, scene_id: str):
        self._novel = novel
        self.id = scene_id

    def _data(self) -> dict:
        return self._novel._scene_data(self.id)

    @property
    def text(self) -> str:
        return self._data().get("text", "")

    @text.setter
    def text(self, value) -> None:
        self._novel.edit_scene(self.id, text=value)

    @property
    def title(self) -> str:
        """The heading readers see; the id when no title was given."""
        return self._data().get("title") or self.id

    @title.setter
    def title(self, value: str) -> None:
        self._novel.edit_scene(self.id, title=value)

    @property
    def picture(self):
        return self._novel._picture(self._data().get("picture"))

    @picture.setter
    def picture(self, value) -> None:
        self._novel.edit_scene(self.id, picture=value)

    @property
    def alt(self) -> str:
        return self._data().get("alt", "")

    @alt.setter
    def alt(self, value: str) -> None:
        self._novel.edit_scene(self.id, alt=value)

    @property
    def choices(self) -> dict[str, str]:
        """``{label: scene id}``; set a new dict to change them all."""
        return {c["label"]: c["target"] for c in self._data().get("choices", [])}

    @choices.setter
    def choices(self, value) -> None:
        self._novel.edit_scene(self.id, choices=value)

    @property
    def ending(self) -> bool:
        return bool(self._data().get("ending"))

    @ending.setter
    def ending(self, value: bool) -> None:
        self._novel.edit_scene(self.id, ending=value)

    @property
    def text_call_id(self) -> str | None:
        return (self._data().get("text_ai") or {}).get("call_id")

    @property
    def picture_call_id(self) -> str | None:
        return (self._data().get("picture") or {}).get("call_id")

    @property
    def text_drafts(self) -> int:
        return self._data().get("text_drafts", 0)

    @property
    def hand_edited(self) -> bool:
        return provenance.hand_edited(self._data())

    def __repr__(self) -> str:
        end = ", ending" if self.ending else ""
        return f"Scene({self.id!r}, {self.text[:40]!r}, choices={self.choices}{end})"


class Novel(Narrated, Credits, Saved):
    """An interactive novel saved in ``<workdir>/books/<name>/``; the same name reloads it."""

    kind = "novel"
    mime = MIME

    def __init__(self, title: str, author: str = "", theme: str = "", language: str | None = None,
                 name: str | None = None):
        title = check_title(title)
        if self._open(name or title):
            with self._change() as state:
                state["title"] = title
                for key, value in (("author", author), ("theme", theme), ("language", language)):
                    if value:
                        state[key] = str(value).strip()
            self._undo.clear()
        else:
            self._state = fresh_state(self.kind, title=title, author=str(author or "").strip(),
                                      theme=str(theme or class_theme()).strip(), theme_statement="",
                                      language=language or "", scenes=[])
            self._save()

    @classmethod
    def load(cls, name: str, workdir=None) -> Novel:
        """The novel saved under ``name``, or a kind error listing the saved ones."""
        return cls._load(name, workdir)

    # -- details (as for a Storybook) ----------------------------------------------------------------
    title = property(lambda self: self._state["title"],
                     lambda self, value: self._detail("title", value, required=True))
    author = property(lambda self: self._state.get("author", ""), lambda self, value: self._detail("author", value))
    theme = property(lambda self: self._state.get("theme", ""), lambda self, value: self._detail("theme", value))
    theme_statement = property(lambda self: self._state.get("theme_statement", ""),
                               lambda self, value: self._detail("theme_statement", value),
                               doc="A sentence or two on how the story fits the theme.")

    @property
    def language(self) -> str:
        return self._language()

    # -- scenes --------------------------------------------------------------------------------------
    @property
    def scenes(self) -> dict[str, Scene]:
        """The scenes in order, by id. The first is the start."""
        return {scene["id"]: Scene(self, scene["id"]) for scene in self._state["scenes"]}

    @property
    def start(self) -> str | None:
        """The id of the first scene, where every reader begins."""
        return self._state["scenes"][0]["id"] if self._state["scenes"] else None

    def scene(self, scene_id: str) -> Scene:
        self._scene_data(scene_id)
        return Scene(self, scene_id)

    def _narrated_parts(self) -> list[tuple[str, dict, str]]:
        return [(scene["id"], scene, scene.get("text", "")) for scene in self._state["scenes"]]

    def __len__(self) -> int:
        return len(self._state["scenes"])

    def add_scene(self, id: str, text="", picture=None, choices=None, ending: bool = False, *,
                  alt: str | None = None, title: str | None = None) -> Scene:
        """Add a scene (or update the one with this id). ``choices`` is ``{label: scene id}``.

        ``text`` may be a ``kit.Reply`` and ``picture`` a ``kit.Picture``, bytes or a file. When the scene exists
        (a cell run again), its words and ending are updated; a picture or choices not given here are kept.
        """
        scene_id = check_id(id)
        if self._find(scene_id) is not None:
            given = {key: value for key, value in (("picture", picture), ("choices", choices), ("alt", alt),
                                                   ("title", title)) if value is not None}
            return self.edit_scene(scene_id, text=text, ending=ending, **given)
        parsed = parse_choices(choices)
        meta = self._take_picture(picture)
        with self._change() as state:
            scene = {"id": scene_id, "title": str(title or "").strip(), "text": "", "alt": str(alt or "").strip(),
                     "picture": None, "choices": parsed, "ending": bool(ending)}
            self._credit(scene)
            provenance.set_text(scene, text)
            provenance.set_picture(scene, meta)
            state["scenes"].append(scene)
        return Scene(self, scene_id)

    def merge(self, other: Novel) -> int:
        """Add the scenes another member made (their own novel, in their own notebook) to this one.

        Each scene keeps its AI-use record and says who made it; the member joins the team. A scene whose id is
        already here is not added (rename one of them first if they differ). Returns how many scenes were added.
        """
        if not isinstance(other, Novel):
            raise BadInput("merge_kind", got=type(other).__name__)
        member = other.maker or other.author
        added = 0
        with self._change() as state:
            state["team"] = names(self.team + other.team + ([member] if member else []))
            have = {scene["id"] for scene in state["scenes"]}
            for scene in other._state["scenes"]:
                if scene["id"] in have:
                    continue
                copied = copy_made(other.workdir, self.workdir, scene, other.folder, self.folder)
                copied["by"] = scene.get("by") or member
                state["scenes"].append(copied)
                added += 1
        return added

    def edit_scene(self, id: str, *, text=_UNSET, picture=_UNSET, choices=_UNSET, ending=_UNSET, alt=_UNSET,
                   title=_UNSET) -> Scene:
        """Change some fields of scene ``id``; the others stay as they are. ``picture=None`` removes it."""
        scene = self._scene_data(id)
        parsed = parse_choices(choices) if choices is not _UNSET else None
        meta = self._take_picture(picture) if picture is not _UNSET else None
        with self._change():
            scene = self._scene_data(id)
            if text is not _UNSET:
                provenance.set_text(scene, text)
            if picture is not _UNSET:
                provenance.set_picture(scene, meta)
            if parsed is not None:
                scene["choices"] = parsed
            if ending is not _UNSET:
                scene["ending"] = bool(ending)
            if alt is not _UNSET:
                scene["alt"] = str(alt or "").strip()
            if title is not _UNSET:
                scene["title"] = str(title or "").strip()
        return Scene(self, scene["id"])

    def add_choice(self, scene_id: str, label: str, target: str) -> None:
        """Add one choice to a scene (a choice with the same label is replaced)."""
        new = parse_choices({label: target})[0]
        self._scene_data(scene_id)
        with self._change():
            scene = self._scene_data(scene_id)
            scene["choices"] = [c for c in scene["choices"] if c["label"] != new["label"]] + [new]

    def remove_choice(self, scene_id: str, label: str) -> None:
        self._scene_data(scene_id)
        with self._change():
            scene = self._scene_data(scene_id)
            scene["choices"] = [c for c in scene["choices"] if c["label"] != str(label).strip()]

    def rename_scene(self, old: str, new: str) -> None:
        """Give a scene a new id; choices that led to it follow."""
        new = check_id(new)
        self._scene_data(old)
        if self._find(new) is not None:
            raise BadInput("scene_exists", scene=new)
        with self._change() as state:
            for scene in state["scenes"]:
                if scene["id"] == old:
                    scene["id"] = new
                for choice in scene["choices"]:
                    if choice["target"] == old:
                        choice["target"] = new

    def delete_scene(self, id: str) -> None:
        """Take a scene out (``check()`` then shows any choice that still leads to it)."""
        scene = self._scene_data(id)
        with self._change() as state:
            state["scenes"].remove(scene)

    def set_start(self, id: str) -> None:
        """Make scene ``id`` the start, by moving it first."""
        scene = self._scene_data(id)
        with self._change() as state:
            state["scenes"].remove(scene)
            state["scenes"].insert(0, scene)

    def _find(self, scene_id) -> dict | None:
        return next((s for s in self._state["scenes"] if s["id"] == str(scene_id).strip()), None)

    def _scene_data(self, scene_id) -> dict:
        scene = self._find(scene_id)
        if scene is None:
            names = ", ".join(s["id"] for s in self._state["scenes"]) or "-"
            raise BadInput("scene", scene=scene_id, scenes=names)
        return scene

    # -- checking, drawing, playing ------------------------------------------------------------------
    def check(self) -> Problems:
        """Problems a reader would hit, in plain words: an empty list means every path works."""
        return find_problems(self._state["scenes"])

    def map(self, *, size: tuple[float, float] | None = None):
        """Draw the story as a map (a matplotlib Figure): start at the top, endings in gold, choices on arrows."""
        from .storymap import draw_map

        return draw_map(self._state["scenes"], self.check(), title=self.title, size=size)

    def play(self):
        """Read the novel as a reader will, with big buttons for the choices, Back and Restart."""
        from .play import play_widget

        return play_widget(self._player_scenes(), self.start)

    def player(self):
        """The reading state with no widgets: ``.choose(label)``, ``.back()``, ``.restart()``, ``.current``."""
        from .play import Player

        return Player(self._player_scenes(), self.start)

    def _player_scenes(self) -> dict[str, dict]:
        scenes = {}
        for scene in self._state["scenes"]:
            path = self._picture_file(scene.get("picture"))
            scenes[scene["id"]] = {"title": scene.get("title") or scene["id"], "text": scene.get("text", ""),
                                   "alt": scene.get("alt") or (scene.get("picture") or {}).get("prompt", ""),
                                   "picture": media.data_uri(media.preview(path)) if path else None,
                                   "choices": [dict(c) for c in scene["choices"]], "ending": scene["ending"]}
        return scenes

    def _parts(self) -> list[tuple[dict, str, str]]:
        return [(scene, f"{message('novel.scene', 'en')} “{scene.get('title') or scene['id']}”",
                 f"{message('novel.scene', 'zh-Hant')}「{scene.get('title') or scene['id']}」")
                for scene in self._state["scenes"]]

    def appendix(self) -> provenance.Appendix:
        """"How I used AI" for every scene."""
        return provenance.Appendix(provenance.build(self.workdir, self._parts()))

    def checklist(self) -> checks.Checklist:
        """What to check before handing in: the story's shape, pictures, alt text, theme, AI use."""
        state, scenes = self._state, self._state["scenes"]
        rows = checks.details_rows(state)
        endings = sum(1 for s in scenes if s.get("ending"))
        rows.append(checks.row("presentation", "scenes", True, "scenes_ok", count=len(scenes), endings=endings)
                    if scenes else checks.row("presentation", "scenes", False, "scenes_none"))
        problems = self.check()
        if problems:
            rows += [checks.Row("creativity", f"story:{p.kind}", False, p.en, p.zh) for p in problems]
        else:
            rows.append(checks.row("creativity", "story", True, "story_ok"))
        if scenes:
            no_text = [s["id"] for s in scenes if not s.get("text", "").strip()]
            no_picture = [s["id"] for s in scenes if not s.get("picture")]
            lost = [s["id"] for s in scenes if s.get("picture") and not self._picture_file(s["picture"])]
            no_alt = [s["id"] for s in scenes if s.get("picture") and not s.get("alt", "").strip()]
            for item, missing, ok_key, bad_key in (("text", no_text, "scene_text_ok", "scene_text_missing"),
                                                   ("picture", no_picture, "scene_picture_ok",
                                                    "scene_picture_missing"),
                                                   ("alt", no_alt, "scene_alt_ok", "scene_alt_missing")):
                rows.append(checks.row("presentation", item, not missing, ok_key if not missing else bad_key,
                                       scenes=_quote_all(missing)))
            if lost:
                rows.append(checks.row("presentation", "picture_files", False, "scene_picture_lost",
                                       scenes=_quote_all(lost)))
        rows.append(checks.placeholder_row(checks.detail_texts(state) + [
            (f"scene “{s['id']}”", f"場景「{s['id']}」", s.get("text", "") + s.get("alt", "")) for s in scenes]))
        appendix = provenance.build(self.workdir, self._parts())
        rows += checks.ai_rows(appendix)
        rows.append(checks.size_row(sum(len(i["data"]) for i in media.encode_all(self._files()).values())
                                    + 40_000))
        return checks.Checklist(rows, self.title)

    def _files(self) -> list[Path]:
        return [p for p in (self._picture_file(s.get("picture")) for s in self._state["scenes"]) if p is not None]

    # -- showing and handing in ----------------------------------------------------------------------
    def export_data(self, *, small: bool = False) -> dict:
        """Everything the ``novel`` exporter needs as plain JSON, with pictures re-encoded small."""
        files = self._files()
        encoded = {path: media.preview(path) for path in files} if small else media.encode_all(files)
        anchors = {scene["id"]: f"scene-{n}" for n, scene in enumerate(self._state["scenes"], start=1)}
        scenes = []
        for scene in self._state["scenes"]:
            meta = scene.get("picture")
            alt = scene.get("alt") or (meta or {}).get("prompt", "")
            path = self._picture_file(meta)
            picture = None if not meta else ({"missing": True, "alt": alt} if path is None
                                             else {**encoded[path], "alt": alt})
            offline = provenance.is_offline((meta or {}).get("backend"), None) or \
                provenance.is_offline((scene.get("text_ai") or {}).get("backend"), None)
            scenes.append({"id": scene["id"], "anchor": anchors[scene["id"]],
                           "title": scene.get("title") or scene["id"], "text": scene.get("text", ""),
                           "picture": picture, "ending": bool(scene.get("ending")), "offline": offline,
                           "choices": [{"label": c["label"], "target": c["target"],
                                        "anchor": anchors.get(c["target"])} for c in scene["choices"]]})
            narration = None if small else self.export_narration(scene, scene.get("text", ""))
            if narration:
                scenes[-1]["narration"] = narration
        appendix = provenance.for_file(provenance.build(self.workdir, self._parts()), self.checklist(),
                                       self._credits())
        data = {**header(self.kind, self._state["title"]),
                "author": self.author, "team": self.team, "theme": self.theme, "theme_statement": self.theme_statement,
                "language": self.language, "start": anchors.get(self.start) if self.start else None,
                "scenes": scenes, "appendix": appendix, "problems": [str(p) for p in self.check()],
                "offline": appendix["offline"] or any(s["offline"] for s in scenes)}
        if self.narration_voice:
            data["narration_voice"] = self.narration_voice
        return produced(provenance.clean(data))

    @property
    def file_name(self) -> str:
        """The one name the file to hand in has, from the making lesson to lesson 10: "<name>.novel.html"."""
        return f"{self.name}.novel.html"

    def export(self, path=None) -> Path:
        """Write the playable single HTML file, as ``jupyter nbconvert --to novel`` would."""
        return checks.export_with_note(self.export_data(), path or self.file_name)

    def __repr__(self) -> str:
        endings = sum(1 for s in self._state["scenes"] if s.get("ending"))
        return (f"Novel({self.title!r}, author={self.author!r}, scenes={len(self)}, endings={endings}, "
                f"start={self.start!r}, saved in {str(self.folder)!r})")

