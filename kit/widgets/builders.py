"""The builders: a storybook made page by page (primary), an interactive novel made scene by scene (secondary).

    builder = kit.StoryBuilder(kit.Storybook("The Shy Panda", author="Mei"))
    builder          # in a notebook: idea -> ✨ draft pages -> edit -> 🖼 picture prompt -> 🎨 candidates -> ✅ use

A builder holds no story of its own: every change goes straight into the ``Storybook`` or ``Novel``, which saves
itself at once, records the child's hand edits and can undo. So a kernel restart loses nothing, and running
``kit.StoryBuilder(kit.Storybook("The Shy Panda"))`` again comes back with the same pages. What is not part of
the story (the idea, the character sheet, the style, each page's picture prompt) is kept in ``builder.json``
beside the story's own file.

Every call to Qwen or Wanxiang goes through the public API (``kit.ask``, ``kit.draw``, ``kit.draw_many``), so it
is journaled, reused after a restart, and named in the "How I used AI" appendix. Each button's work is also a
small method (``draft()``, ``make_picture_prompt()``, ``draw_candidates()``, ``choose(i)`` ...) so tests and
papermill drive a builder exactly as a child's clicks do.
"""

from __future__ import annotations

import html
import re
from collections import deque
from pathlib import Path

import ipywidgets as w

from .. import pictures, text
from ..errors import BadInput, KitError, ServiceProblem
from ..i18n import message
from ..journal import read_json, write_json
from ..settings import IMAGE_JOBS_AT_ONCE
from ..story import Novel, Storybook
from ..story.novel import check_id
from ..story.play import scene_html
from .base import big_text, heading, note, row
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
    retitle,
    section,
    sentences,
    spread,
    text_line,
    words_of,
)
from .playgrounds import _new_seed, _number, _style_label
from .read_aloud import ReadAloud

MAX_PAGES = 12
NOTES_FILE = "builder.json"
HINT_STYLE = ("border:2px solid #2563eb;background:#eff6ff;border-radius:12px;padding:10px 14px;margin:6px 0;"
              "font-size:16px;line-height:1.5;color:#1f2937")


def hint_card(key: str, **fields) -> str:
    """A friendly "not yet" card in both languages: nothing went wrong, there is one more thing to do first."""
    return (f'<div class="kit-hint" role="status" style="{HINT_STYLE}">💡 '
            f"{html.escape(pair(key, **fields).replace(' · ', '  ·  '))}</div>")


class Notes:
    """What a builder remembers beside the story: idea, character sheet, style, picture prompts, where it was.

    Saved atomically in the story's folder after every change, like the story itself.
    """

    def __init__(self, folder: Path):
        self.path = Path(folder) / NOTES_FILE
        self.data: dict = read_json(self.path) or {}

    def get(self, key: str, default=""):
        return self.data.get(key, default)

    def set(self, key: str, value) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            write_json(self.path, self.data)

    def prompt(self, part_id: str | None) -> str:
        return (self.data.get("prompts") or {}).get(part_id or "", "")

    def set_prompt(self, part_id: str | None, value: str) -> None:
        if part_id:
            self.set("prompts", {**(self.data.get("prompts") or {}), part_id: value})


def style_dropdown(value: str) -> w.Dropdown:
    """kit.STYLES, named in the current language, with "none" first."""
    options = [(message("widgets.picture.no_style"), "")] + [(_style_label(name), name) for name in pictures.STYLES]
    chosen = value if value in pictures.STYLES else ""
    return big_text(w.Dropdown(options=options, value=chosen,  # type: ignore[return-value]
                               layout=w.Layout(width="320px")))


def style_words(style: str, language: str) -> list[str]:
    """The ways a picture prompt may already name ``style`` (English and Chinese aliases)."""
    return [alias for alias, name in pictures.STYLE_ALIASES.items() if name == style] + [style]


def finish_prompt(words: str, sheet: str, style: str, language: str) -> str:
    """Qwen's picture prompt made safe to draw with: one paragraph, with the character sheet and the style in it.

    Qwen usually keeps both, but "usually" is not enough for a book whose hero must look the same on every page,
    so whatever is missing is put back: the sheet at the start, the style at the end.
    """
    prompt = re.sub(r"^\s*(?:picture prompt|image prompt|prompt|圖畫提示詞|提示詞)\s*[:：]\s*", "", str(words or ""),
                    flags=re.IGNORECASE)
    prompt = " ".join(prompt.replace("```", " ").split()).strip(" \"'“”「」")
    sheet = " ".join(str(sheet or "").split()).rstrip(".。 ")
    if sheet and _letters(sheet) not in _letters(prompt):
        prompt = f"{sheet}{'，' if language == 'zh-Hant' else ', '}{prompt}"
    if style and not any(alias.lower() in prompt.lower() for alias in style_words(style, language)):
        prompt += f"，{_chinese_style(style)}風格" if language == "zh-Hant" else f", {style} style"
    return prompt[:780]


def _letters(value: str) -> str:
    """Only the letters and digits, lower case: "Pip, a small panda." and "pip a small panda" are the same."""
    return re.sub(r"[\W_]+", "", value.lower())


def _chinese_style(style: str) -> str:
    return next((alias for alias, name in pictures.STYLE_ALIASES.items()
                 if name == style and re.search(r"[\u4e00-\u9fff]", alias)), style)


def parse_pages(reply: str, count: int) -> list[str]:
    """``count`` page texts from Qwen's reply: its JSON pages when it gave them, else its sentences shared out.

    Fewer pages than asked: the sentences of all of them are shared out again; more: whole pages are grouped.
    """
    data = find_json(reply)
    items = first_list(data, "pages", "頁") if data is not None else None
    found = [words for words in (words_of(item) for item in items or []) if words]
    if len(found) == count:
        return found
    if len(found) > count:
        return spread(found, count)
    if found:
        return spread(sentences("\n".join(found)), count)
    loose = re.sub(r'"[\w\u4e00-\u9fff]+"\s*:|[{}\[\]"]', " ", reply) if data is None and "{" in reply else reply
    return spread(sentences(loose), count)


# =============================================================================================================
# The storybook builder
# =============================================================================================================

class StoryBuilder(Builder):
    """Make a storybook step by step: idea, drafted pages, your own words, a picture for each page, a preview.

    ``pages`` is how many pages "✨ Draft pages" asks Qwen for; ``size`` the picture size (as for ``kit.draw``);
    ``candidates`` how many pictures "🎨 Draw" makes to choose from (2 to 4).
    """

    kind = "story"

    def __init__(self, book: Storybook, *, pages: int = 4, size="landscape", candidates: int = 3) -> None:
        super().__init__()
        if not isinstance(book, Storybook):
            raise BadInput("choice", name="kit.StoryBuilder(book)", value=type(book).__name__,
                           choices='kit.Storybook("My book")')
        self.book = book
        pictures.parse_size(size)
        self.size = size
        self.notes = Notes(book.folder)
        self.candidates: list[pictures.Picture] = []
        self.chosen: int | None = None
        self._candidates_for: str | None = None       # the page id the candidates were drawn for
        self._loading = False
        self.at = min(int(self.notes.get("page", 0) or 0), max(len(book) - 1, 0))
        self._given = self._keep_what_was_typed()
        self._build(int(_number("pages", pages, 1, MAX_PAGES)), int(_number("candidates", candidates, 2, 4)))
        self.refresh()

    def _keep_what_was_typed(self) -> dict:
        """Put back the details the child typed in the builder, unless the code has given new words since.

        Run All after a restart runs ``kit.Storybook("My storybook", ...)`` again, and the cell's words win there;
        but a title typed in the builder is the child's newer choice. The notes remember each typed detail with
        the words the code gave before it: while the code still gives those same words, the typed ones come back.
        """
        typed = dict(self.notes.get("typed", {}) or {})
        for field, entry in list(typed.items()):
            if not isinstance(entry, dict) or getattr(self.book, field, None) != entry.get("given"):
                typed.pop(field)              # the code changed its words: they win
            elif entry.get("value") and getattr(self.book, field) != entry["value"]:
                setattr(self.book, field, entry["value"])
        self.notes.set("typed", typed)
        return {field: entry["given"] for field, entry in typed.items()}

    # -- the widgets -------------------------------------------------------------------------------------
    def _build(self, pages: int, candidates: int) -> None:
        book = self.book
        # 1. the idea, and Qwen's draft of the pages
        self.idea = big_text(w.Textarea(value=self.notes.get("idea"), rows=3, continuous_update=False,
                                        placeholder=message("builders.story.idea.placeholder"),
                                        layout=w.Layout(width="100%", max_width="760px")))
        self.idea.observe(lambda change: self._remember("idea", change["new"]), names="value")
        self.page_count = big_text(w.IntText(value=pages, description=f"📄 {pair('builders.story.pages')}",
                                             layout=w.Layout(width="260px")))
        self.draft_button = action("builders.story.draft", "✨", self.draft, primary=True)
        self.idea_area = self._area()
        idea = section(f"💡 1 · {pair('builders.story.idea')}", self.idea,
                       row(self.page_count, self.draft_button),
                       w.HTML(note(pair("builders.story.draft.help"))), *self.idea_area.widgets)

        # 2. the same look on every page
        self.sheet = big_text(w.Textarea(value=self.notes.get("sheet"), rows=2, continuous_update=False,
                                         placeholder=message("builders.story.sheet.placeholder"),
                                         layout=w.Layout(width="100%", max_width="760px")))
        self.sheet.observe(lambda change: self._remember("sheet", change["new"]), names="value")
        self.style = style_dropdown(self.notes.get("style"))
        self.style.observe(lambda change: self._remember("style", change["new"]), names="value")
        look = section(f"🧑‍🎨 2 · {pair('builders.story.look')}",
                       labelled("builders.story.sheet", self.sheet, "🧑‍🎨"),
                       labelled("builders.story.style", self.style, "🖌️"),
                       w.HTML(note(pair("builders.story.look.help"))))

        # 3. one page at a time
        self.page_heading = heading("📄 3", size="19px")
        self.previous_button = action("builders.story.previous", "◀", self.previous_page)
        self.next_button = action("builders.story.next", "▶", self.next_page, emoji_last=True)
        self.page_text = big_text(w.Textarea(rows=6, continuous_update=False,
                                             placeholder=message("builders.story.page.placeholder"),
                                             layout=w.Layout(width="100%")))
        self.page_text.observe(lambda change: self._save_text(change["new"]), names="value")
        self.alt = text_line(placeholder=message("builders.story.alt.placeholder"))
        self.alt.observe(lambda change: self._save_alt(change["new"]), names="value")
        self.page_picture = w.HTML()
        self.page_note = w.HTML()
        self.up_button = action("builders.story.up", "⬆", self.move_up)
        self.down_button = action("builders.story.down", "⬇", self.move_down)
        self.add_button = action("builders.story.add", "➕", self.add_page)
        self.delete_button = action("builders.story.delete", "🗑", self.delete_page)
        self.undo_button = action("builders.story.undo", "↩", self.undo)
        self.page_area = self._area()
        words = w.VBox([heading(f"✏️ {pair('builders.story.words')}", size="16px"), self.page_text,
                        labelled("builders.story.alt", self.alt, "🗣️"), self.page_note],
                       layout=w.Layout(flex="1 1 380px", min_width="300px", max_width="560px"))
        picture = w.VBox([heading(f"🖼 {pair('builders.story.this_picture')}", size="16px"), self.page_picture],
                         layout=w.Layout(flex="0 1 340px"))
        page = w.VBox([self.page_heading, row(self.previous_button, self.next_button),
                       w.HBox([words, picture], layout=w.Layout(flex_flow="row wrap", grid_gap="16px")),
                       row(self.up_button, self.down_button, self.add_button, self.delete_button, self.undo_button),
                       *self.page_area.widgets],
                      layout=w.Layout(border="2px solid #93c5fd", padding="6px 12px 10px", margin="6px 0",
                                      width="100%", max_width="980px"))
        page.add_class("kit-builder-section")

        # 4. a picture for the page: a prompt from Qwen, candidates from Wanxiang, the child chooses
        self.prompt_button = action("builders.story.prompt", "🖼", self.make_picture_prompt)
        self.prompt = big_text(w.Textarea(rows=3, continuous_update=False,
                                          placeholder=message("builders.story.prompt.placeholder"),
                                          layout=w.Layout(width="100%", max_width="760px")))
        self.prompt.observe(lambda change: self._save_prompt(change["new"]), names="value")
        self.how_many = big_text(w.Dropdown(options=[2, 3, 4], value=candidates,
                                            description=f"🔢 {pair('builders.story.how_many')}",
                                            layout=w.Layout(width="300px")))
        self.draw_button = action("builders.story.draw", "🎨", self.draw_candidates, primary=True)
        self.cover_button = action("builders.story.cover", "📕", self.use_as_cover)
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="320px", height="28px"))
        self.progress_label = big_text(w.Label(""))
        self.progress_row = row(self.progress, self.progress_label)
        self.progress_row.layout.display = "none"
        self.gallery = w.HBox(layout=w.Layout(flex_flow="row wrap", grid_gap="12px"))
        self.picture_area = self._area()
        picture_part = section(f"🎨 4 · {pair('builders.story.picture')}",
                               row(self.prompt_button), self.prompt, w.HTML(note(pair("builders.story.prompt.help"))),
                               row(self.how_many, self.draw_button, self.cover_button), self.progress_row,
                               *self.picture_area.widgets, self.gallery)

        # 5. the book's details: the checklist asks for them
        self.title = text_line(book.title, width="300px")
        self.author = text_line(book.author, placeholder=message("builders.story.author.placeholder"), width="240px")
        self.theme = text_line(book.theme, placeholder=message("builders.story.theme.placeholder"), width="240px")
        self.statement = big_text(w.Textarea(value=book.theme_statement, rows=2, continuous_update=False,
                                             placeholder=message("builders.story.statement.placeholder"),
                                             layout=w.Layout(width="100%", max_width="760px")))
        for box, field in ((self.title, "title"), (self.author, "author"), (self.theme, "theme"),
                           (self.statement, "theme_statement")):
            box.observe(lambda change, field=field: self._save_detail(field, change["new"]), names="value")
        self.details_area = self._area()
        details = section(f"📕 5 · {pair('builders.story.details')}",
                          row(labelled("builders.story.title", self.title, "📕"),
                              labelled("builders.story.author", self.author, "🧒"),
                              labelled("builders.story.theme", self.theme, "🎯")),
                          labelled("builders.story.statement", self.statement, "💬"), *self.details_area.widgets)

        # 6. the book so far, and what is left to do
        self.preview = w.HTML(layout=w.Layout(max_height="760px", overflow="auto"))
        self.checklist = w.HTML()
        self.read_aloud = ReadAloud(self, book)
        shown = section(f"👀 6 · {pair('builders.story.preview')}", self.checklist, self.preview,
                        *self.read_aloud.widgets)
        self._assemble(f"📖 {pair('builders.story.title_bar')}", [idea, look, page, picture_part, details, shown])
        self.main_button = self.draft_button

    # -- the story's details and the builder's notes ----------------------------------------------------
    def _remember(self, key: str, value) -> None:
        if not self._loading:
            self.notes.set(key, value)

    def _save_detail(self, field: str, value: str) -> None:
        if self._loading:
            return
        with self._busy("builders.saving", self.details_area):
            given = self._given.setdefault(field, getattr(self.book, field))
            setattr(self.book, field, value)
            self.notes.set("typed", {**(self.notes.get("typed", {}) or {}),
                                     field: {"value": getattr(self.book, field), "given": given}})
        self._loading = True
        try:
            self.title.value = self.book.title          # an empty title is refused: show the saved one again
        finally:
            self._loading = False
        self._show_book()

    # -- pages -------------------------------------------------------------------------------------------
    @property
    def page(self):
        """The page being edited (a ``kit.Storybook`` page), or None when the book has no pages."""
        pages = self.book.pages
        return pages[self.at] if pages else None

    def _need_page(self):
        page = self.page
        if page is None:
            raise BadInput("page", number=0, count=0, last=-1)
        return page

    def draft(self, idea: str | None = None, pages: int | None = None) -> list | None:
        """Ask Qwen for the words of every page (one call, JSON pages) and put them in the book.

        Pages the book already has get the new words (one Undo brings the old ones back); missing ones are added.
        """
        if idea is not None:
            self.idea.value = idea
        if pages is not None:
            self.page_count.value = pages
        made = None
        with self._busy("builders.story.drafting", self.idea_area, self.draft_button):
            count = int(_number(pair("builders.story.pages"), self.page_count.value, 1, MAX_PAGES))
            if not self.idea.value.strip():
                self.idea_area.message.value = hint_card("builders.story.need_idea")
                return None
            reply = text.ask(self._draft_prompt(count))
            words = parse_pages(reply.text, count)
            if not words:
                raise ServiceProblem("generic", detail="no pages in the reply")
            with self.book.together():
                for index, page_words in enumerate(words):
                    part = as_reply(reply, page_words)
                    if index < len(self.book):
                        self.book.edit_page(index, text=part)
                    else:
                        self.book.add_page(part)
            self.at = 0
            made = list(self.book.pages[:len(words)])
        self.refresh()
        return made

    def _draft_prompt(self, count: int) -> str:
        language = self.book.language
        sheet, theme = self.sheet.value.strip(), self.book.theme.strip()
        lines = [message("builders.story.ask_draft", language, count=count, idea=self.idea.value.strip())]
        if sheet:
            lines.append(message("builders.ask.character", language, sheet=sheet))
        if theme:
            lines.append(message("builders.ask.theme", language, theme=theme))
        lines.append(message("builders.story.ask_draft_shape", language))
        lines.append(message("builders.story.ask_draft_json", language))
        return "\n".join(lines)

    def _save_text(self, value: str) -> None:
        if self._loading or self.page is None:
            return
        with self._busy("builders.saving", self.page_area):
            self.book.edit_page(self.at, text=value)
        self._show_page_note()
        self._show_book()

    def _save_alt(self, value: str) -> None:
        if self._loading or self.page is None:
            return
        with self._busy("builders.saving", self.page_area):
            self.book.edit_page(self.at, alt=value)
        self._show_book()

    def write(self, words: str) -> None:
        """Type ``words`` on the current page, as a child would in the box (saved, counted as a hand edit)."""
        self.page_text.value = words

    def go_to(self, index: int) -> None:
        self.at = max(0, min(int(index), len(self.book) - 1))
        self.notes.set("page", self.at)
        self.refresh()

    def next_page(self) -> None:
        self.go_to(self.at + 1)

    def previous_page(self) -> None:
        self.go_to(self.at - 1)

    def move_up(self) -> None:
        """Swap this page with the one before it."""
        if self.page is not None and self.at > 0:
            with self._busy("builders.saving", self.page_area):
                self.book.move_page(self.at, self.at - 1)
                self.at -= 1
        self.go_to(self.at)

    def move_down(self) -> None:
        """Swap this page with the one after it."""
        if self.page is not None and self.at < len(self.book) - 1:
            with self._busy("builders.saving", self.page_area):
                self.book.move_page(self.at, self.at + 1)
                self.at += 1
        self.go_to(self.at)

    def add_page(self, words: str = "") -> None:
        """A new page just after this one (or the first page of an empty book)."""
        with self._busy("builders.saving", self.page_area):
            with self.book.together():
                self.book.add_page(words)
                if len(self.book) > 1:
                    self.book.move_page(len(self.book) - 1, self.at + 1)
            self.at = self.at + 1 if len(self.book) > 1 else 0
        self.go_to(self.at)

    def delete_page(self) -> None:
        """Take this page out of the book (↩ Undo puts it back)."""
        if self.page is None:
            return
        with self._busy("builders.saving", self.page_area):
            self.book.delete_page(self.at)
        self.go_to(min(self.at, len(self.book) - 1))

    def undo(self) -> bool:
        """Go back one change to the book (words, pictures, order, details)."""
        done = self.book.undo()
        if not done:
            self.page_area.message.value = hint_card("builders.nothing_to_undo")
        self.go_to(self.at)
        return done

    # -- pictures ----------------------------------------------------------------------------------------
    def _save_prompt(self, value: str) -> None:
        if not self._loading and self.page is not None:
            self.notes.set_prompt(self.page.id, value)

    def make_picture_prompt(self) -> str | None:
        """Ask Qwen to turn this page into a picture prompt with the character sheet and the style in it."""
        made = None
        with self._busy("builders.story.prompting", self.picture_area, self.prompt_button, self.draw_button):
            made = self._picture_prompt()
        return made

    def _picture_prompt(self) -> str | None:
        page = self._need_page()
        if not page.text.strip():
            self.picture_area.message.value = hint_card("builders.story.need_words")
            return None
        language = self.book.language
        sheet, style = self.sheet.value.strip(), self.style.value
        lines = [message("builders.story.ask_prompt", language, page=page.text.strip())]
        if sheet:
            lines.append(message("builders.ask.character", language, sheet=sheet))
        if style:
            lines.append(message("builders.ask.style", language,
                                 style=_chinese_style(style) if language == "zh-Hant" else style))
        lines.append(message("builders.story.ask_prompt_shape", language))
        reply = text.ask("\n".join(lines))
        self.prompt.value = finish_prompt(reply.text, sheet, style, language)
        return self.prompt.value

    def draw_candidates(self, how_many: int | None = None) -> list[pictures.Picture]:
        """Draw 2 to 4 pictures of this page's prompt (new seeds), side by side, to choose one from."""
        if how_many is not None:
            self.how_many.value = how_many
        with self._busy("builders.story.drawing", self.picture_area, self.draw_button, self.prompt_button):
            page = self._need_page()
            if not self.prompt.value.strip() and self._picture_prompt() is None:
                return []
            self.candidates, self.chosen, self._candidates_for = [], None, page.id
            self._show_candidates()
            total, seed = int(self.how_many.value), _new_seed()
            self.progress.max, self.progress.value = total, 0
            self.progress_row.layout.display = None
            for start in range(0, total, IMAGE_JOBS_AT_ONCE):    # as many at once as the account allows
                chunk = [self.prompt.value] * min(IMAGE_JOBS_AT_ONCE, total - start)
                self.progress_label.value = message("progress.drawing", done=start + 1, total=total)
                try:
                    drawn = pictures.draw_many(chunk, style=self.style.value or None, size=self.size,
                                               seed=seed + start, _progress=False)
                except KitError as problem:                 # keep the pictures that did come
                    self.candidates += [each for each in getattr(problem, "pictures", None) or [] if each]
                    self._show_candidates()
                    raise
                self.candidates += drawn
                self.progress.value = len(self.candidates)
                self._show_candidates()
            self.progress_label.value = message("progress.done", total=total)
        return list(self.candidates)

    def choose(self, index: int):
        """Put candidate ``index`` (0 is the first) on this page; its alt text starts as the page's first sentence."""
        page_now = None
        with self._busy("builders.saving", self.picture_area):
            page = self._need_page()
            if self._candidates_for != page.id or not 0 <= int(index) < len(self.candidates):
                raise BadInput("choice", name="choose(i)", value=index,
                               choices=", ".join(str(i) for i in range(len(self.candidates))) or "-")
            picture = self.candidates[int(index)]
            alt = page.alt or first_sentence(page.text) or first_sentence(picture.prompt)
            page_now = self.book.edit_page(self.at, picture=picture, alt=alt)
            self.chosen = int(index)
        self.refresh()
        return page_now

    def use_as_cover(self) -> None:
        """This page's picture on the cover too."""
        with self._busy("builders.saving", self.picture_area):
            picture = self._need_page().picture
            if picture is None:
                self.picture_area.message.value = hint_card("builders.story.need_picture")
                return
            self.book.set_cover(picture, alt=self.book.title)
        self._show_book()

    # -- showing -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the book as it is now (after a change made here, in another cell, or by Undo)."""
        self._loading = True
        try:
            page, count = self.page, len(self.book)
            retitle(self.page_heading, f"📄 3 · {pair('builders.story.page_of', n=self.at + 1, total=count)}"
                    if page is not None else f"📄 3 · {pair('builders.story.no_pages')}")
            self.page_text.value = page.text if page is not None else ""
            self.alt.value = page.alt if page is not None else ""
            self.prompt.value = self.notes.prompt(page.id) if page is not None else ""
            for widget in (self.page_text, self.alt, self.prompt):
                widget.disabled = page is None
            picture = page.picture if page is not None else None
            self.page_picture.value = (picture_html(picture, page.alt or picture.prompt) if picture is not None
                                       else empty_picture_html(pair("builders.story.no_picture")))
            self.previous_button.disabled = self.up_button.disabled = page is None or self.at == 0
            self.next_button.disabled = self.down_button.disabled = page is None or self.at >= count - 1
            for each in (self.delete_button, self.prompt_button, self.draw_button, self.cover_button):
                each.disabled = page is None
            self.undo_button.disabled = not self.book.can_undo
            self.title.value, self.author.value = self.book.title, self.book.author
            self.theme.value, self.statement.value = self.book.theme, self.book.theme_statement
        finally:
            self._loading = False
        self._show_page_note()
        self._show_candidates()
        self._show_book()

    def _show_page_note(self) -> None:
        page = self.page
        if page is not None and page.ai_text is not None:
            key = "builders.story.hand_edited" if page.hand_edited else "builders.story.ai_words"
            self.page_note.value = note(pair(key))
        else:
            self.page_note.value = ""
        self.undo_button.disabled = not self.book.can_undo

    def _show_candidates(self) -> None:
        page = self.page
        if page is None or self._candidates_for != page.id:
            replace_children(self.gallery, ())
            self.progress_row.layout.display = "none"
            return
        cards = []
        for index, picture in enumerate(self.candidates):
            chosen = index == self.chosen
            use = action("builders.story.use", "✅", lambda i=index: self.choose(i), primary=not chosen)
            if chosen:
                use.description = f"✔ {pair('builders.story.used')}"
            caption = note(f"🎲 {message('widgets.seed')} {picture.seed}")
            cards.append(w.VBox([w.HTML(picture_html(picture, picture.prompt, width=260)), w.HTML(caption), use],
                                layout=w.Layout(width="276px", padding="6px",
                                                border="3px solid #2563eb" if chosen else "1px solid #cbd5e1")))
        replace_children(self.gallery, cards)

    def _show_book(self) -> None:
        from ..export.render import render_preview

        self.preview.value = render_preview(self.book.export_data(small=True))
        self.checklist.value = self.book.checklist()._repr_html_()
        self.undo_button.disabled = not self.book.can_undo


# =============================================================================================================
# The novel builder
# =============================================================================================================

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
