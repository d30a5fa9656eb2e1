"""A storybook: a cover, pages of words and pictures, and an honest page on how AI helped. Primary pupils hand it in.

    book = kit.Storybook("The Brave Little Dragon", author="Mei", theme="Friendship")
    book.add_page(kit.ask("Write the first page of ..."), kit.draw("a little dragon ...", seed=1))
    book.pages[0].text = "My own words"         # saved at once; book.undo() takes it back
    book.show()                                  # a page-turning preview, and what the exporter needs

Everything is saved in the work folder after every change, so running the cell again after a restart gives the
same book back. ``jupyter nbconvert --to storybook my.ipynb`` then makes the file a judge opens.
"""

from __future__ import annotations

from pathlib import Path

from ..classroom import class_theme
from ..errors import BadInput
from ..i18n import message
from ..story_bundle import STORYBOOK_MIME, header, produced
from . import appendix as provenance
from . import checklist as checks
from . import media
from .credits import Credits, copy_made, names
from .narration import Narrated
from .store import Saved, check_title, fresh_state

MIME = STORYBOOK_MIME
_UNSET = object()


class Page:
    """One page, seen through its book: setting ``text``, ``picture`` or ``alt`` saves the book (and can be undone)."""

    def __init__(self, book: Storybook, page_id: str):
        self._book = book
        self.id = page_id

    def _data(self) -> dict:
        return self._book._page_data(self.id)

    @property
    def index(self) -> int:
        """Where the page is now (0 is the first page)."""
        return self._book._index_of(self.id)

    @property
    def text(self) -> str:
        return self._data().get("text", "")

    @text.setter
    def text(self, value) -> None:
        self._book.edit_page(self.index, text=value)

    @property
    def picture(self):
        """The page's picture as a ``kit.Picture`` (None when it has none, or its file has gone)."""
        return self._book._picture(self._data().get("picture"))

    @picture.setter
    def picture(self, value) -> None:
        self._book.edit_page(self.index, picture=value)

    @property
    def alt(self) -> str:
        """A few words describing the picture, for readers who cannot see it."""
        return self._data().get("alt", "")

    @alt.setter
    def alt(self, value) -> None:
        self._book.edit_page(self.index, alt=value)

    @property
    def text_call_id(self) -> str | None:
        """The journal call that wrote the AI draft of the words (None when the child typed them)."""
        return (self._data().get("text_ai") or {}).get("call_id")

    @property
    def picture_call_id(self) -> str | None:
        return (self._data().get("picture") or {}).get("call_id")

    @property
    def ai_text(self) -> str | None:
        """The AI's own words before any change by hand."""
        return (self._data().get("text_ai") or {}).get("text")

    @property
    def text_drafts(self) -> int:
        return self._data().get("text_drafts", 0)

    @property
    def picture_drafts(self) -> int:
        return self._data().get("picture_drafts", 0)

    @property
    def hand_edited(self) -> bool:
        """True when the child changed the AI's words."""
        return provenance.hand_edited(self._data())

    def __repr__(self) -> str:
        picture = "picture" if self._data().get("picture") else "no picture"
        return f"Page({self.index}, {self.text[:40]!r}, {picture})"


class Storybook(Narrated, Credits, Saved):
    """A storybook saved in ``<workdir>/books/<name>/``. ``name`` defaults to the title; the same name reloads.

    A team: ``book.team = ["Mei", "Ka Ho"]``; each member sets ``book.maker = "Mei"`` in their own notebook, and
    ``team_book.merge(kit.Storybook.load("pages-by-ka-ho", workdir=...))`` brings their pages in.
    """

    kind = "storybook"
    mime = MIME

    def __init__(self, title: str, author: str = "", theme: str = "", language: str | None = None,
                 name: str | None = None):
        title = check_title(title)
        if self._open(name or title):
            with self._change() as state:   # the cell's words win for what it gives
                state["title"] = title
                for key, value in (("author", author), ("theme", theme), ("language", language)):
                    if value:
                        state[key] = str(value).strip()
            self._undo.clear()
        else:
            self._state = fresh_state(self.kind, title=title, author=str(author or "").strip(),
                                      theme=str(theme or class_theme()).strip(), theme_statement="",
                                      language=language or "", cover=None, pages=[], next_id=1)
            self._save()

    @classmethod
    def load(cls, name: str, workdir=None) -> Storybook:
        """The book saved under ``name`` (its folder name), or a kind error listing the saved ones."""
        return cls._load(name, workdir)

    # -- details -------------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self._state["title"]

    @title.setter
    def title(self, value: str) -> None:
        self._detail("title", value, required=True)

    @property
    def author(self) -> str:
        return self._state.get("author", "")

    @author.setter
    def author(self, value: str) -> None:
        self._detail("author", value)

    @property
    def theme(self) -> str:
        return self._state.get("theme", "")

    @theme.setter
    def theme(self, value: str) -> None:
        self._detail("theme", value)

    @property
    def theme_statement(self) -> str:
        """A sentence or two on how the book fits the theme (the judges score relevance)."""
        return self._state.get("theme_statement", "")

    @theme_statement.setter
    def theme_statement(self, value: str) -> None:
        self._detail("theme_statement", value)

    @property
    def language(self) -> str:
        """The language the book is written in: "en" or "zh-Hant" (default: the kit's language)."""
        return self._language()

    @language.setter
    def language(self, value: str) -> None:
        from ..i18n import normalise_language

        self._detail("language", normalise_language(value))

    @property
    def cover(self):
        """The cover picture as a ``kit.Picture``, or None."""
        return self._picture((self._state.get("cover") or {}).get("picture"))

    @cover.setter
    def cover(self, picture) -> None:
        self.set_cover(picture)

    def set_cover(self, picture, alt: str | None = None) -> None:
        """Use ``picture`` (a ``kit.Picture``, bytes or a file) on the cover; None takes it away."""
        meta = self._take_picture(picture)
        with self._change() as state:
            part = state.get("cover") or {"alt": ""}
            provenance.set_picture(part, meta)
            if alt is not None:
                part["alt"] = str(alt).strip()
            state["cover"] = part

    # -- the hero: drawn once, a reference for every page's picture --------------------------------------
    def character(self, description: str, *, style: str | None = None, seed: int | None = None):
        """Draw the hero once from ``description`` and keep it as the book's hero picture (returned).

        ``book.draw_page(i, prompt)`` then draws every page with it as a reference, so the hero looks the same.
        """
        from .. import pictures

        picture = pictures.draw(description, style=style, seed=seed)
        meta = self._take_picture(picture)
        with self._change() as state:
            state["hero"] = {"description": str(description).strip(), "picture": meta}
        return picture

    @property
    def hero(self):
        """The hero picture from ``book.character(...)`` as a ``kit.Picture``, or None."""
        return self._picture((self._state.get("hero") or {}).get("picture"))

    def draw_page(self, index: int, prompt: str, **options):
        """Draw page ``index``'s picture with the hero as its reference (``kit.draw(..., reference=hero)``),
        put it on the page and return it. Without a hero it is an ordinary ``kit.draw``."""
        from .. import pictures

        self._page_at(index)   # a page that is not there: the kind error, before anything is drawn
        picture = pictures.draw(prompt, reference=self.hero, **options)
        self.edit_page(index, picture=picture)
        return picture

    # -- pages ---------------------------------------------------------------------------------------
    @property
    def pages(self) -> tuple[Page, ...]:
        """The pages in order. Change one with ``book.pages[i].text = ...`` or ``book.edit_page(i, ...)``."""
        return tuple(Page(self, page["id"]) for page in self._state["pages"])

    def __len__(self) -> int:
        return len(self._state["pages"])

    def add_page(self, text="", picture=None, alt: str | None = None) -> Page:
        """Add a page at the end. ``text`` may be a ``kit.Reply``; ``picture`` a ``kit.Picture``, bytes or a file.

        Running the same cell twice does not add the same page twice: an identical page is given back instead.
        """
        meta = self._take_picture(picture)
        words, _source = provenance.new_text(text)
        for page in self._state["pages"]:
            if (words or meta) and page.get("text", "") == words and \
                    (page.get("picture") or {}).get("sha") == (meta or {}).get("sha") and \
                    (alt is None or page.get("alt", "") == str(alt).strip()):
                return Page(self, page["id"])
        with self._change() as state:
            page = {"id": f"p{state['next_id']}", "text": "", "alt": str(alt or "").strip(), "picture": None}
            state["next_id"] += 1
            self._credit(page)
            provenance.set_text(page, text)
            provenance.set_picture(page, meta)
            state["pages"].append(page)
        return Page(self, page["id"])

    def edit_page(self, index: int, *, text=_UNSET, picture=_UNSET, alt=_UNSET) -> Page:
        """Change the words, the picture (None removes it) or the alt text of page ``index`` (0 is the first)."""
        page_id = self._page_at(index)["id"]
        meta = self._take_picture(picture) if picture is not _UNSET else None
        with self._change():
            page = self._page_data(page_id)
            if text is not _UNSET:
                provenance.set_text(page, text)
            if picture is not _UNSET:
                provenance.set_picture(page, meta)
            if alt is not _UNSET:
                page["alt"] = str(alt or "").strip()
        return Page(self, page_id)

    def move_page(self, index: int, to: int) -> None:
        """Move page ``index`` so that it becomes page ``to``."""
        page = self._page_at(index)
        self._page_at(to)
        with self._change() as state:
            state["pages"].remove(page)
            state["pages"].insert(to % (len(state["pages"]) + 1) if to < 0 else to, page)

    def delete_page(self, index: int) -> None:
        """Take page ``index`` out of the book (``undo()`` puts it back)."""
        page = self._page_at(index)
        with self._change() as state:
            state["pages"].remove(page)

    def merge(self, other: Storybook) -> int:
        """Add the pages another member made (their own book, in their own notebook) at the end of this one.

        Each page keeps its AI-use record (the journal entries and picture come along) and says who made it; the
        member joins the team. A page already here is not added twice. Returns how many pages were added.
        """
        if not isinstance(other, Storybook):
            raise BadInput("merge_kind", got=type(other).__name__)
        member = other.maker or other.author
        added = 0
        with self._change() as state:
            state["team"] = names(self.team + other.team + ([member] if member else []))
            have = {(p.get("text", ""), (p.get("picture") or {}).get("sha")) for p in state["pages"]}
            for page in other._state["pages"]:
                if (page.get("text", ""), (page.get("picture") or {}).get("sha")) in have:
                    continue
                copied = copy_made(other.workdir, self.workdir, page, other.folder, self.folder)
                copied["id"] = f"p{state['next_id']}"
                copied["by"] = page.get("by") or member
                state["next_id"] += 1
                state["pages"].append(copied)
                added += 1
        return added

    def _narrated_parts(self) -> list[tuple[str, dict, str]]:
        return [(page["id"], page, page.get("text", "")) for page in self._state["pages"]]

    def _page_at(self, index) -> dict:
        pages = self._state["pages"]
        try:
            if isinstance(index, bool):
                raise TypeError
            return pages[int(index)]
        except (IndexError, TypeError, ValueError):
            raise BadInput("page", number=index, count=len(pages), last=len(pages) - 1) from None

    def _page_data(self, page_id: str) -> dict:
        for page in self._state["pages"]:
            if page["id"] == page_id:
                return page
        raise BadInput("page_gone")

    def _index_of(self, page_id: str) -> int:
        return self._state["pages"].index(self._page_data(page_id))

    # -- what AI did, and what is left to do ---------------------------------------------------------
    def _parts(self) -> list[tuple[dict, str, str]]:
        parts = []
        if (self._state.get("cover") or {}).get("picture"):
            parts.append((self._state["cover"], message("story.cover", "en"),
                          message("story.cover", "zh-Hant")))
        for number, page in enumerate(self._state["pages"], start=1):
            parts.append((page, message("story.page", "en", n=number), message("story.page", "zh-Hant", n=number)))
        return parts

    def appendix(self) -> provenance.Appendix:
        """"How I used AI": models, the prompt behind every page, drafts, and what was changed by hand."""
        return provenance.Appendix(provenance.build(self.workdir, self._parts()))

    def checklist(self) -> checks.Checklist:
        """What to check before handing in, against the judging criteria. Shows as a table; rows are data."""
        state = self._state
        pages = state["pages"]
        rows = checks.details_rows(state)
        cover = (state.get("cover") or {}).get("picture")
        rows.append(checks.row("presentation", "cover", True, "cover_ok") if self._picture_file(cover)
                    else checks.row("presentation", "cover", False, "cover_missing"))
        if not pages:
            rows.append(checks.row("presentation", "pages", False, "pages_none"))
        elif len(pages) < checks.MIN_PAGES:
            rows.append(checks.row("presentation", "pages", False, "pages_few", count=len(pages),
                                   least=checks.MIN_PAGES))
        else:
            rows.append(checks.row("presentation", "pages", True, "pages_ok", count=len(pages)))
        if pages:
            numbered = list(enumerate(pages, start=1))
            no_text = [n for n, p in numbered if not p.get("text", "").strip()]
            no_picture = [n for n, p in numbered if not p.get("picture")]
            lost = [n for n, p in numbered if p.get("picture") and not self._picture_file(p["picture"])]
            no_alt = [n for n, p in numbered if p.get("picture") and not p.get("alt", "").strip()]
            rows.append(_each("text", no_text, "text_ok", "text_missing"))
            rows.append(_each("picture", no_picture, "picture_ok", "picture_missing"))
            if lost:
                rows.append(checks.row("presentation", "picture_files", False, "picture_lost",
                                       pages=checks.page_list(lost), indexes=_indexes(lost)))
            rows.append(_each("alt", no_alt, "alt_ok", "alt_missing"))
        rows.append(checks.placeholder_row(self._texts()))
        appendix = provenance.build(self.workdir, self._parts())
        rows += checks.ai_rows(appendix)
        rows.append(checks.size_row(self._size_estimate()))
        return checks.Checklist(rows, self.title)

    def _texts(self) -> list[tuple[str, str, str]]:
        """Every piece of words a reader sees, by where it is (for the ✏️ example-words check)."""
        texts = checks.detail_texts(self._state)
        texts.append(("the cover", "封面", (self._state.get("cover") or {}).get("alt", "")))
        for number, page in enumerate(self._state["pages"], start=1):
            texts.append((f"page {number}", f"第 {number} 頁", page.get("text", "") + page.get("alt", "")))
        return texts

    def _files(self) -> list[Path]:
        metas = [(self._state.get("cover") or {}).get("picture")] + [page.get("picture") for page in self._state["pages"]]
        return [path for path in (self._picture_file(meta) for meta in metas) if path is not None]

    def _size_estimate(self) -> int:
        pictures = media.encode_all(self._files())
        words = sum(len(page.get("text", "").encode("utf-8", "replace")) for page in self._state["pages"])
        return sum(len(item["data"]) for item in pictures.values()) + 3 * words + 40_000

    # -- showing and handing in ----------------------------------------------------------------------
    def export_data(self, *, small: bool = False) -> dict:
        """Everything an exporter needs, as plain JSON: words, alt text, pictures re-encoded small, appendix.

        This is what ``_repr_mimebundle_`` puts in the notebook, so exporting never runs code or calls a model.
        """
        state = self._state
        files = self._files()
        encoded = {path: media.preview(path) for path in files} if small else media.encode_all(files)

        def picture(meta: dict | None, alt: str, fallback: str) -> dict | None:
            if not meta:
                return None
            path = self._picture_file(meta)
            if path is None:
                return {"missing": True, "alt": alt or fallback}
            return {**encoded[path], "alt": alt or fallback}

        pages = []
        for page in state["pages"]:
            meta = page.get("picture")
            offline = provenance.is_offline((meta or {}).get("backend"), (meta or {}).get("model")) or \
                provenance.is_offline((page.get("text_ai") or {}).get("backend"), None)
            drawn = provenance.sketch_file(self.workdir, meta)   # the child's drawing it began as, if any
            pages.append({"text": page.get("text", ""), "alt": page.get("alt", ""),
                          "picture": picture(meta, page.get("alt", ""), (meta or {}).get("prompt", "")),
                          "offline": offline,
                          "sketch": {**media.preview(drawn), "alt": message("story.my_drawing", "en")} if drawn
                          else None})
            narration = None if small else self.export_narration(page, page.get("text", ""))
            if narration:
                pages[-1]["narration"] = narration
        cover_meta = (state.get("cover") or {}).get("picture")
        cover_alt = (state.get("cover") or {}).get("alt", "")
        appendix = provenance.for_file(provenance.build(self.workdir, self._parts()), self.checklist(),
                                       self._credits())
        data = {**header(self.kind, state["title"]),
                "author": state.get("author", ""), "team": self.team, "theme": state.get("theme", ""),
                "theme_statement": state.get("theme_statement", ""), "language": self.language,
                "cover": picture(cover_meta, cover_alt, (cover_meta or {}).get("prompt", "") or state["title"]),
                "pages": pages, "appendix": appendix, "offline": appendix["offline"] or any(p["offline"] for p in pages)}
        if self.narration_voice:
            data["narration_voice"] = self.narration_voice
        return produced(provenance.clean(data))

    @property
    def file_name(self) -> str:
        """The one name the file to hand in has, from the making lesson to lesson 10: "<name>.storybook.html"."""
        return f"{self.name}.storybook.html"

    def export(self, path=None, *, paper: str = "A5") -> Path:
        """Write the book as one HTML file (or a PDF when ``path`` ends in .pdf), as the exporter would."""
        return checks.export_with_note(self.export_data(), path or self.file_name, paper=paper)

    def __repr__(self) -> str:
        pictures = sum(1 for page in self._state["pages"] if page.get("picture"))
        offline = " [OFFLINE 離線]" if any(provenance.is_offline((p.get("picture") or {}).get("backend"), None)
                                          for p in self._state["pages"]) else ""
        return (f"Storybook({self.title!r}, author={self.author!r}, pages={len(self)}, pictures={pictures}, "
                f"saved in {str(self.folder)!r}){offline}")


def _indexes(numbers: list[int]) -> str:
    return ", ".join(f"book.pages[{n - 1}]" for n in numbers)


def _each(item: str, missing: list[int], ok_key: str, missing_key: str) -> checks.Row:
    if not missing:
        return checks.row("presentation", item, True, ok_key)
    return checks.row("presentation", item, False, missing_key, pages=checks.page_list(missing),
                      indexes=_indexes(missing))
