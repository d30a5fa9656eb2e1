"""A checklist before handing in: the judging criteria and the basics, each ✅ or ⚠️ with what to fix.

Rows are plain data (``ok``, the criterion, an English and a Chinese sentence), so a widget or a test can read
them; in a notebook the checklist shows as a bilingual table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import message

CRITERIA = ("presentation", "theme", "ai", "creativity")
SIZE_LIMIT_MB = 8.0


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


def size_row(size_bytes: int) -> Row:
    megabytes = size_bytes / 1_000_000
    shown = f"{max(megabytes, 0.1):.1f}"
    if megabytes <= SIZE_LIMIT_MB:
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
    rows.append(row("theme", "theme", True, "theme_ok", theme=theme) if theme
                else row("theme", "theme", False, "theme_missing"))
    rows.append(row("theme", "theme_statement", True, "statement_ok") if statement
                else row("theme", "theme_statement", False, "statement_missing"))
    return rows


def ai_rows(appendix: dict) -> list[Row]:
    """Use of AI (the appendix has prompts in it) and creativity (the child's own words in it)."""
    summary = appendix.get("summary", {})
    prompts, edited = summary.get("prompts", 0), summary.get("hand_edited", 0)
    rows = [row("ai", "appendix", True, "ai_ok", count=prompts) if prompts
            else row("ai", "appendix", False, "ai_none")]
    if appendix.get("offline"):
        rows.append(row("ai", "offline", True, "offline_note"))
    if summary.get("ai_text"):
        rows.append(row("creativity", "own_words", True, "own_words_ok", count=edited) if edited
                    else row("creativity", "own_words", False, "own_words_none"))
    return rows
