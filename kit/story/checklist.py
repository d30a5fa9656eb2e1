"""A checklist before handing in: the judging criteria and the basics, each ✅ or ⚠️ with what to fix.

Rows are plain data (``ok``, the criterion, an English and a Chinese sentence), so a widget or a test can read
them; in a notebook the checklist shows as a bilingual table.

Some rows only advise (a cover, the file's size); others stop an entry (``MUST``): no pages, ✏️ example words,
a page without words, picture or description, no theme statement, a dead end. And a story made, even in part,
with the offline practice model is a rehearsal, not an entry: the competition asks for Qwen and Wanxiang.
``Checklist.entry()`` sums this up as plain data; the exported file carries it, so the hand-in check (10.1)
judges the file a pupil really hands in.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..classroom import class_theme
from ..i18n import message
from ..story_bundle import hand_in_note

CRITERIA = ("presentation", "theme", "ai", "creativity")
SIZE_ADVICE_MB = 8.0       # advice only: the organiser's rules say what the real limit is
MIN_PAGES = 2              # an empty or one-page book is not an entry
PLACEHOLDER = "✏"          # the lessons' example words all carry it
# Rows that stop an entry, the most basic first (the rest are advice). "story:..." rows (a novel's dead ends)
# stop it too, after the scenes.
MUST = ("pages", "scenes", "story:", "title", "placeholder", "text", "sentence", "picture", "picture_files", "alt",
        "theme_statement", "offline")


@dataclass
class Row:
    """One line of the checklist."""

    criterion: str          # presentation, theme, ai or creativity: what the judges score
    item: str               # a short name of what was checked, for code and tests
    ok: bool
    en: str
    zh: str

    @property
    def mark(self) -> str:
        return "✅" if self.ok else "⚠️"


def row(criterion: str, item: str, ok: bool, key: str, **fields) -> Row:
    """A row whose sentences come from ``checklist.<key>`` in the catalogue."""
    return Row(criterion, item, ok, message(f"checklist.{key}", "en", **fields),
               message(f"checklist.{key}", "zh-Hant", **fields))


class Checklist:
    """What to check before handing in. Iterate over it for the rows; ``.ok`` is True when nothing is left."""

    def __init__(self, rows: list[Row], title: str = ""):
        self.rows = rows
        self.title = title

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def to_fix(self) -> list[Row]:
        return [r for r in self.rows if not r.ok]

    @property
    def rehearsal(self) -> bool:
        """True when the offline practice model made some of it: a rehearsal, not an entry."""
        return any(r.item == "offline" for r in self.rows)

    @property
    def finished(self) -> bool:
        """Nothing left to do in the story itself (it may still be a rehearsal made offline)."""
        return all(r.ok for r in self.rows if r.item != "offline")

    @property
    def blocking(self) -> list[Row]:
        """The rows that stop an entry, the offline rehearsal last."""
        return sorted((r for r in self.to_fix if must(r)), key=_rank)

    def entry(self) -> dict:
        """Is it an entry? Plain data the exported file carries for the hand-in check (10.1)."""
        def plain(rows: list[Row]) -> list[dict]:
            return [{"item": r.item, "en": r.en, "zh": r.zh} for r in rows]

        blocking = self.blocking
        return {"ready": not blocking, "rehearsal": self.rehearsal, "blocking": plain(blocking),
                "advice": plain([r for r in self.to_fix if r not in blocking])}

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    def find(self, item: str) -> Row | None:
        return next((r for r in self.rows if r.item == item), None)

    def _repr_html_(self) -> str:
        from ..export.render import render_checklist

        return render_checklist(self)

    def __repr__(self) -> str:
        lines = [f"{message('checklist.heading', 'en')} · {message('checklist.heading', 'zh-Hant')}"]
        for r in self.rows:
            lines.append(f"{r.mark} [{message('checklist.criterion.' + r.criterion, 'en')}] {r.en}")
            lines.append(f"     {r.zh}")
        return "\n".join(lines)


def page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _rank(r: Row) -> int:
    return MUST.index("story:" if r.item.startswith("story:") else r.item)


def must(r: Row) -> bool:
    return r.item in MUST or r.item.startswith("story:")


def size_row(size_bytes: int) -> Row:
    """The file's size, as advice: the organiser's rules give the real limit."""
    megabytes = size_bytes / 1_000_000
    shown = f"{max(megabytes, 0.1):.1f}"
    if megabytes <= SIZE_ADVICE_MB:
        return row("presentation", "size", True, "size_ok", size=shown)
    return row("presentation", "size", False, "size_big", size=shown)


# The titles the lessons start a child's story with: still one of them means the child has not named it yet.
DEFAULT_TITLES = {"my storybook", "我的故事書", "my novel", "我的互動小說"}


def details_rows(state: dict) -> list[Row]:
    """Author, theme and the theme statement: shared by books and novels."""
    rows = []
    author, theme, statement = state.get("author", ""), state.get("theme", ""), state.get("theme_statement", "")
    title = state.get("title", "")
    rows.append(row("presentation", "title", False, "title_default", title=title)
                if title.strip().casefold() in DEFAULT_TITLES else
                row("presentation", "title", True, "title_ok", title=title))
    rows.append(row("presentation", "author", True, "author_ok", author=author) if author
                else row("presentation", "author", False, "author_missing"))
    rows.append(theme_row(theme, class_theme()))
    if statement:
        rows.append(row("theme", "theme_statement", True, "statement_ok"))
    elif theme:
        rows.append(row("theme", "theme_statement", False, "statement_missing_theme", theme=theme))
    else:
        rows.append(row("theme", "theme_statement", False, "statement_missing"))
    return rows


def theme_row(theme: str, designated: str) -> Row:
    """The story's theme, against the theme the teacher set for the class (the competition's designated one)."""
    if not designated:
        return row("theme", "theme", True, "theme_ok", theme=theme) if theme \
            else row("theme", "theme", False, "theme_missing")
    if not theme:
        return row("theme", "theme", False, "theme_missing_class", designated=designated)
    if theme.casefold().strip() != designated.casefold().strip():
        return row("theme", "theme", False, "theme_not_class", theme=theme, designated=designated)
    return row("theme", "theme", True, "theme_class_ok", theme=theme)


def ai_rows(appendix: dict) -> list[Row]:
    """Use of AI (the appendix has prompts in it) and creativity (the child's own words in it)."""
    summary = appendix.get("summary", {})
    prompts, edited = summary.get("prompts", 0), summary.get("hand_edited", 0)
    rows = [row("ai", "appendix", True, "ai_ok", count=prompts) if prompts
            else row("ai", "appendix", False, "ai_none")]
    if appendix.get("offline"):
        rows.append(offline_row(appendix))
    if summary.get("ai_text"):
        rows.append(row("creativity", "own_words", True, "own_words_ok", count=edited) if edited
                    else row("creativity", "own_words", False, "own_words_none"))
    return rows


def placeholder_row(texts: list[tuple[str, str, str]]) -> Row:
    """✏️ example words left anywhere (``texts``: English place, Chinese place, words): not an entry yet."""
    left = [(en, zh) for en, zh, text in texts if PLACEHOLDER in (text or "")]
    if left:
        return Row("presentation", "placeholder", False,
                   message("checklist.placeholder_left", "en", where=", ".join(en for en, _ in left)),
                   message("checklist.placeholder_left", "zh-Hant", where="、".join(zh for _, zh in left)))
    return row("presentation", "placeholder", True, "placeholder_none")


def detail_texts(state: dict) -> list[tuple[str, str, str]]:
    """The words a reader sees besides the pages: title, author, theme statement."""
    return [("the title", "書名", state.get("title", "")), ("your name", "作者名字", state.get("author", "")),
            ("the theme statement", "主題說明", state.get("theme_statement", ""))]


def offline_parts(appendix: dict) -> tuple[str, str]:
    """Which parts the offline practice model made, in English and in Chinese ("Page 1 (words, picture)")."""
    en, zh = [], []
    for item in appendix.get("items", []):
        made = [kind for kind in ("text", "picture") if (item.get(kind) or {}).get("offline")]
        if made:
            en.append(f"{item['label_en']} ({', '.join('words' if k == 'text' else 'picture' for k in made)})")
            zh.append(f"{item['label_zh']}（{'、'.join('文字' if k == 'text' else '圖畫' for k in made)}）")
    return "; ".join(en), "；".join(zh)


def offline_row(appendix: dict) -> Row:
    """Made (even in part) with the offline practice model: a rehearsal, and how to redo it for real."""
    en, zh = offline_parts(appendix)
    return Row("ai", "offline", False, message("checklist.offline_rehearsal", "en", parts=en or "-"),
               message("checklist.offline_rehearsal", "zh-Hant", parts=zh or "-"))


def export_with_note(data: dict, path, **options):
    """Write the story's file, then say whether it is an entry: the exporters' last word to a pupil."""
    from ..export import write_story

    target = write_story(data, path, **options)
    note = hand_in_note((data.get("appendix") or {}).get("entry"))
    if note:
        print(note)
    return target
