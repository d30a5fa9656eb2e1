"""The storybook builder: a storybook made page by page (the primary builder; the novel's is novel_builder.py).

    builder = kit.StoryBuilder(kit.Storybook("The Shy Panda", author="Mei"))
    builder          # in a notebook: idea -> ✨ draft pages -> edit -> 🖼 picture prompt -> 🎨 candidates -> ✅ use

A builder holds no story of its own: every change goes straight into the ``Storybook`` or ``Novel``, which saves
itself at once, records the child's hand edits and can undo. So a kernel restart loses nothing, and running
``kit.StoryBuilder(kit.Storybook("The Shy Panda"))`` again comes back with the same pages. What is not part of
the story (the idea, the character sheet, the style, each page's picture prompt) is kept in ``builder.json``
beside the story's own file (builder_common.py).

Every call to Qwen or Wanxiang goes through the public API (``kit.ask``, ``kit.draw``, ``kit.draw_many``), so it
is journaled, reused after a restart, and named in the "How I used AI" appendix. Each button's work is also a
small method (``draft()``, ``make_picture_prompt()``, ``draw_candidates()``, ``choose(i)`` ...) so tests and
papermill drive a builder exactly as a child's clicks do.
"""

from __future__ import annotations

import re

import ipywidgets as w

from .. import pictures, text
from ..errors import BadInput, KitError, ServiceProblem
from ..i18n import message
from ..settings import IMAGE_JOBS_AT_ONCE
from ..story import Storybook
from .base import big_text, heading, note, row
from .builder_common import Notes, hint_card, style_dropdown
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
from .playgrounds import _new_seed, _number
from .read_aloud import ReadAloud

MAX_PAGES = 12


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
        self.make_hero_button = action("builders.story.make_hero", "🦸", self.make_hero)
        self.hero_area = self._area()
        look = section(f"🧑‍🎨 2 · {pair('builders.story.look')}",
                       labelled("builders.story.sheet", self.sheet, "🧑‍🎨"),
                       labelled("builders.story.style", self.style, "🖌️"),
                       row(self.make_hero_button), *self.hero_area.widgets,
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
        self.alt_button = action("builders.story.fill_alt", "🔍", self.describe_pictures)
        self.page_area = self._area()
        words = w.VBox([heading(f"✏️ {pair('builders.story.words')}", size="16px"), self.page_text,
                        labelled("builders.story.alt", self.alt, "🗣️"), row(self.alt_button), self.page_note],
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
        self.check_hero_button = action("builders.story.check_hero", "🧐", self.check_hero)
        self.redraw_button = action("builders.story.redraw_drifted", "🔁", self.redraw_drifted)
        self.redraw_button.layout.display = "none"
        self.drifted: list[int] = []
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="320px", height="28px"))
        self.progress_label = big_text(w.Label(""))
        self.progress_row = row(self.progress, self.progress_label)
        self.progress_row.layout.display = "none"
        self.gallery = w.HBox(layout=w.Layout(flex_flow="row wrap", grid_gap="12px"))
        self.picture_area = self._area()
        picture_part = section(f"🎨 4 · {pair('builders.story.picture')}",
                               row(self.prompt_button), self.prompt, w.HTML(note(pair("builders.story.prompt.help"))),
                               row(self.how_many, self.draw_button, self.cover_button),
                               row(self.check_hero_button, self.redraw_button), self.progress_row,
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

    def describe_pictures(self) -> int:
        """Fill every missing picture description with ``kit.describe``'s short alt text (the child can edit it)."""
        from ..vision import describe

        filled = 0
        with self._busy("builders.story.describing", self.page_area, self.alt_button):
            for index, page in enumerate(self.book.pages):
                picture = page.picture
                if picture is not None and not page.alt.strip():
                    self.book.edit_page(index, alt=describe(picture).alt)
                    filled += 1
            self.page_area.message.value = hint_card("builders.story.alt_filled" if filled
                                                     else "builders.story.alt_none", n=filled)
        self.refresh()
        return filled

    def make_hero(self) -> pictures.Picture | None:
        """The "make my hero" step: draw the character sheet once as the book's hero; pages are drawn with it."""
        made = None
        with self._busy("builders.story.drawing", self.hero_area, self.make_hero_button):
            if not self.sheet.value.strip():
                self.hero_area.message.value = hint_card("builders.story.need_sheet")
                return None
            made = self.book.character(self.sheet.value.strip(), style=self.style.value or None)
            self.hero_area.message.value = picture_html(made, self.sheet.value.strip(), width=240)
        return made

    def check_hero(self) -> list[int]:
        """Ask ``kit.describe`` whether each page's picture shows the book's hero; flag the pages where it drifted."""
        from ..vision import describe

        self.drifted = []
        with self._busy("builders.story.checking_hero", self.picture_area, self.check_hero_button):
            hero = self.book.hero
            if hero is None:
                self.picture_area.message.value = hint_card("builders.story.need_hero")
                return []
            for index, page in enumerate(self.book.pages):
                picture = page.picture
                if picture is not None and describe(picture, hero=hero).same is False:
                    self.drifted.append(index)
            self.picture_area.message.value = hint_card(
                "builders.story.hero_drifted" if self.drifted else "builders.story.hero_same",
                pages=", ".join(str(i + 1) for i in self.drifted))
        self.redraw_button.layout.display = "" if self.drifted else "none"
        return self.drifted

    def redraw_drifted(self) -> int:
        """Draw the flagged pages again, with their own picture prompts and the hero as the reference."""
        done = 0
        with self._busy("builders.story.drawing", self.picture_area, self.redraw_button):
            for index in self.drifted:
                picture = self.book.pages[index].picture
                prompt = (picture.prompt if picture is not None else "") or self.book.pages[index].text
                self.book.draw_page(index, prompt, style=self.style.value or None, size=self.size)
                done += 1
            self.drifted = []
        self.redraw_button.layout.display = "none"
        self.refresh()
        return done

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

