"""Help for code typed with a Chinese input method on: “ ” 「 」 （ ） ， in code, a missing closing quote, words
without quotes.

A child who types ``my_prompt = “請寫三句關於熊貓的故事。”`` would meet an English ``SyntaxError`` traceback. When
``kit`` is imported, an IPython input transformer reads each cell before it runs:

- full-width punctuation *outside* the quotes is changed to plain punctuation when that is the only change needed
  and the cell then compiles; a short note says what was changed;
- otherwise a kind, bilingual card (a ``KitError``) points at the character and shows the corrected line: a
  full-width character that cannot simply be swapped, a missing closing quote, or Chinese words without quotes
  (which Python would read as the name of a box and answer with ``NameError``).

Anything else is left to Python. The transformer never raises: if it cannot help, the cell runs as typed.
"""

from __future__ import annotations

import ast
import builtins
import re
import unicodedata

from .errors import KitError

# Quote marks a Chinese keyboard types, and the plain quote Python needs.
OPEN_QUOTES = {"“": '"', "「": '"', "『": '"', "„": '"', "＂": '"', "‘": "'", "＇": "'"}
CLOSE_QUOTES = {"”": '"', "」": '"', "』": '"', "’": "'"}
OTHER = {"\u3000": " ", "、": ","}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FLAGS = ast.PyCF_ONLY_AST | getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)


def _plain(char: str) -> str | None:
    """The plain character for a full-width one typed outside quotes, or None."""
    if char in OPEN_QUOTES:
        return OPEN_QUOTES[char]
    if char in CLOSE_QUOTES:
        return CLOSE_QUOTES[char]
    if char in OTHER:
        return OTHER[char]
    if "\uff01" <= char <= "\uff5e":          # full-width ASCII: （）， ： ＝ ［ ］ ０-９ ...
        return unicodedata.normalize("NFKC", char)
    return None


def parses(source: str) -> bool:
    try:
        compile(source, "<cell>", "exec", FLAGS)
    except (SyntaxError, ValueError):
        return False
    return True


def plain_punctuation(source: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The source with full-width punctuation outside strings and comments made plain, and the changes as
    (line, column, typed, plain). Text inside quotes is never touched, except a full-width quote that closes a
    string a full-width quote opened, or that ends a line whose string is still open."""
    out: list[str] = []
    changes: list[tuple[int, int, str, str]] = []
    delimiter = ""          # the quote that closes the string we are in ("" outside strings)
    fullwidth_open = False
    line, column, i = 1, 0, 0
    while i < len(source):
        char = source[i]
        if not delimiter:
            if char == "#":                                   # a comment: copy to the end of the line
                end = source.find("\n", i)
                end = len(source) if end < 0 else end
                out.append(source[i:end])
                column += end - i
                i = end
                continue
            if source.startswith(('"""', "'''"), i):
                delimiter, fullwidth_open = source[i:i + 3], False
                out.append(delimiter)
                i, column = i + 3, column + 3
                continue
            if char in "\"'":
                delimiter, fullwidth_open = char, False
            else:
                plain = _plain(char)
                if plain is not None:
                    changes.append((line, column, char, plain))
                    if char in OPEN_QUOTES or char in CLOSE_QUOTES:
                        delimiter, fullwidth_open = plain, True
                    char = plain
        else:
            if char == "\\":
                out.append(source[i:i + 2])
                i, column = i + 2, column + 2
                continue
            if source.startswith(delimiter, i):
                out.append(delimiter)
                i, column = i + len(delimiter), column + len(delimiter)
                delimiter = ""
                continue
            closes = CLOSE_QUOTES.get(char) == delimiter
            at_line_end = len(delimiter) == 1 and source[i + 1:i + 2] in ("", "\n")
            if closes and (fullwidth_open or at_line_end):
                changes.append((line, column, char, delimiter))
                char, delimiter = delimiter, ""
            elif char == "\n" and len(delimiter) == 1:
                delimiter = ""                                # an unclosed string: Python will say so
        out.append(char)
        if char == "\n":
            line, column = line + 1, 0
        else:
            column += 1
        i += 1
    return "".join(out), changes


class TypingSlip(KitError):
    """A slip of the keyboard in code: a full-width character, a missing quote, words without quotes."""

    kind = "typing"

    def __init__(self, reason: str, *, source_line: str = "", column: int = 0, corrected: str = "", **fields):
        super().__init__(reason, **fields)
        self.source_line, self.column, self.corrected = source_line, column, corrected

    def _repr_html_(self) -> str:
        import html

        pointer = " " * _width(self.source_line[:self.column]) + "^"
        fixed = f"\n✅ {self.corrected}" if self.corrected else ""
        code = (f'<pre style="font-size:16px;background:#fff;border-radius:8px;padding:6px 10px;margin:6px 0">'
                f"{html.escape(self.source_line)}\n{pointer}{html.escape(fixed)}</pre>")
        card = super()._repr_html_()
        return card[:-len("</div>")] + code + "</div>"


def _width(text: str) -> int:
    """Columns a line takes in a monospace font: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _slip(reason: str, lines: list[str], line: int, column: int, corrected: str, **fields) -> TypingSlip:
    return TypingSlip(reason, source_line=lines[line - 1], column=column, corrected=corrected, line=line, **fields)


def _unclosed(source: str, error: SyntaxError) -> TypingSlip | None:
    """A string with no closing quote: suggest the quote before any closing brackets at the end of the line."""
    if "unterminated string" not in str(error.msg) or not error.lineno:
        return None
    lines = source.split("\n")
    text = lines[error.lineno - 1]
    start = (error.offset or 1) - 1
    quote = text[start:start + 1] if text[start:start + 1] in "\"'" else '"'
    body = text.rstrip()
    tail = len(body) - len(body.rstrip(")]},:"))
    candidates = [body[:len(body) - tail] + quote + body[len(body) - tail:], body + quote]
    corrected = next((c for c in candidates if parses("\n".join(lines[:error.lineno - 1] + [c]))), candidates[0])
    return _slip("unclosed", lines, error.lineno, start, corrected, char=quote)


def _quote_words(text: str, start: int) -> str:
    """The line with quotes around the run of words that starts at ``start`` and ends before a bracket or comma."""
    end = start
    while end < len(text) and text[end] not in ")]},=#\n" and not (text[end] == " " and text[end + 1:end + 2] == "#"):
        end += 1
    words = text[start:end].rstrip()
    return text[:start] + '"' + words + '"' + text[start + len(words):]


def _bad_character(source: str, error: SyntaxError) -> TypingSlip | None:
    """A character Python cannot read (after the plain-punctuation pass): Chinese words outside quotes, or a
    full-width character that could not simply be swapped."""
    match = re.search(r"invalid character '(.)'", str(error.msg))
    if not match or not error.lineno:
        return None
    lines = source.split("\n")
    text = lines[error.lineno - 1]
    char = match.group(1)
    column = max(text.find(char), 0)
    since = max(text.rfind(mark, 0, column) for mark in "\"'([{=,") + 1      # the words just before it
    words = CJK.search(text, since, column + 1)
    if words:
        corrected = _quote_words(text, words.start())
        return _slip("unquoted", lines, error.lineno, words.start(), corrected,
                     words=corrected[words.start() + 1:].split('"')[0])
    plain = _plain(char)
    if plain is None:               # 。 and friends have no place in code: delete it
        return _slip("stray", lines, error.lineno, column, (text[:column] + text[column + 1:]).rstrip(), char=char)
    return _slip("fullwidth", lines, error.lineno, column, text.replace(char, plain), char=char, plain=plain)


def _unquoted_names(source: str, namespace: dict) -> TypingSlip | None:
    """Chinese words used as a name nobody defined: almost always words that needed quotes (a NameError)."""
    tree = ast.parse(source)
    defined = set(namespace) | set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.alias):
            defined.add((node.asname or node.name).split(".")[0])
    lines = source.split("\n")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and CJK.search(node.id) \
                and node.id not in defined:
            text = lines[node.lineno - 1]
            column = len(text.encode("utf-8")[:node.col_offset].decode("utf-8", "ignore"))
            corrected = text[:column] + '"' + text[column:].replace(node.id, node.id + '"', 1)
            return _slip("unquoted", lines, node.lineno, column, corrected, words=node.id)
    return None


def read_cell(source: str, namespace: dict | None = None) -> tuple[str, list, TypingSlip | None]:
    """(the source to run, the changes made to it, a slip to show instead of running it)."""
    if parses(source):
        return source, [], _unquoted_names(source, namespace or {})
    fixed, changes = plain_punctuation(source)
    if changes and parses(fixed):
        return fixed, changes, _unquoted_names(fixed, namespace or {})
    try:
        compile(fixed, "<cell>", "exec", FLAGS)
    except SyntaxError as error:
        return source, [], _bad_character(fixed, error) or _unclosed(fixed, error)
    except ValueError:
        pass
    return source, [], None


def _note(changes) -> None:
    """Say, in both languages, what was changed, so the child learns it and is never surprised."""
    from .display import reading_order
    from .i18n import message

    lines = ", ".join(str(n) for n in dict.fromkeys(line for line, _c, _t, _p in changes))
    shown = "  ".join(dict.fromkeys(f"{typed} → {plain}" for _l, _c, typed, plain in changes))
    print("\n".join(text for _lang, text in reading_order(
        message("typing.fixed", "en", lines=lines, changes=shown),
        message("typing.fixed", "zh-Hant", lines=lines, changes=shown))))


def transform(lines: list[str]) -> list[str]:
    """IPython input transformer: the cell, made runnable or turned into a kind card. Never raises."""
    source = "".join(lines)
    try:
        from IPython import get_ipython

        shell = get_ipython()
        fixed, changes, slip = read_cell(source, getattr(shell, "user_ns", {}) or {})
    except Exception:  # noqa: BLE001 - a helper must never stop a cell from running
        return lines
    if slip is not None:
        fields = {"source_line": slip.source_line, "column": slip.column, "corrected": slip.corrected,
                  **slip.fields}
        return [f"raise __import__('kit.typing_help').typing_help.TypingSlip({slip.reason!r}, **{fields!r})\n"]
    if changes:
        _note(changes)
        return fixed.splitlines(keepends=True)
    return lines


def install_typing_help() -> None:
    """Register the transformer once in the running IPython, if there is one."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    mine = [f for f in shell.input_transformers_post if getattr(f, "__module__", "") == __name__]
    for old in mine:             # a reloaded kit replaces its transformer instead of adding a second one
        shell.input_transformers_post.remove(old)
    shell.input_transformers_post.append(transform)
