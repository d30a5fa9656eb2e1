"""Chinese that reads as one book: the character variants, terms and written forms of ../shared/conventions.md,
checked (and fixed) in every Chinese string the kit and the notebooks show.

    python -m tests.chinese_variants          list what breaks the rules
    python -m tests.chinese_variants --fix    fix it in place (safe to run again, e.g. after a merge)

The rules, from the glossary of the conventions:

- 裏 not 裡; 甚麼 not 什麼; 着 not 著 as a verb suffix (著名, 顯著, 著作 ... keep 著);
- 圖畫提示詞, not 圖像提示詞 / 圖片提示; 圖畫, not 圖像 / 圖片, in children's text (teacher notes and lesson
  plans may say 圖像);
- written Chinese in instructions: 少少, 幼 (thin), 兜圈, 估估下, 穩陣 become 一點, 細, 繞圈, 猜測, 穩妥, except
  inside quotes (「」『』“”, or `code` in notebooks and plans: what a child may type, quoted speech) and on lines
  marked ``variants: example``; the offline practice model's replies may be Cantonese when asked;
- no conversion table turns 着 into 著 (the pair 着著 is taken out);
- 中三乙班, not 三年乙班 (小五甲班 in the primary lessons 06 and 08).

What the kit *understands* keeps every variant a child may type: in Python, a string is left alone when its line
also has the right form (a list of spellings: ``("按這裏", "按這裡")``), when it is a word list (four or more
words, no sentence punctuation), or when its line says ``variants: understood``. A pattern (with ``|``) or a list
of words (a set, or five or more short words) that reads an old form (``圖片提示|圖像提示``, ``{"這裡", ...}``)
gets the right form added beside it, so it reads both what children type and what the lessons now say.
"""

from __future__ import annotations

import ast
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")

# 著 stays in words where it is read zhù (famous, notable, writings); 幼 stays where it means young.
ZHU = ("著名", "顯著", "著作", "著者", "原著", "名著", "巨著", "鉅著", "著述", "編著", "合著", "專著", "土著", "著稱",
       "卓著", "昭著", "論著", "遺著", "譯著", "拙著", "著錄", "撰著", "著書")
YOUNG = ("幼稚", "幼兒", "幼童", "年幼", "幼小", "幼年", "幼苗", "幼蟲", "幼貓", "幼犬", "幼鳥")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    replacement: str
    right: str                # the right form: a line of code that has it lists spellings on purpose
    scope: str                # "all", "children" (not teacher text) or "instructions" (not replies, not quotes)
    keep: tuple[str, ...] = ()   # words in which the match is right as it is


RULES = (
    Rule("裏 not 裡", re.compile("裡"), "裏", "裏", "all"),
    Rule("甚麼 not 什麼", re.compile("什麼"), "甚麼", "甚麼", "all"),
    Rule("着 not 著", re.compile("著"), "着", "着", "all", ZHU),
    Rule("圖畫提示詞 not 圖像/圖片提示", re.compile("圖[像片]提示"), "圖畫提示", "圖畫提示", "all"),
    Rule("圖畫 not 圖像/圖片", re.compile("圖[像片]"), "圖畫", "圖畫", "children"),
    Rule("一點 not 少少", re.compile("少少"), "一點", "一點", "instructions"),
    Rule("細 not 幼 (thin)", re.compile("幼"), "細", "細", "instructions", YOUNG),
    Rule("繞圈 not 兜圈", re.compile("兜圈"), "繞圈", "繞圈", "instructions"),
    Rule("猜測 not 估估下", re.compile("估估下"), "猜測", "猜測", "instructions"),
    Rule("穩妥 not 穩陣", re.compile("穩陣"), "穩妥", "穩妥", "instructions"),
    Rule("中三乙班 not 三年乙班", re.compile("(?<![中小])([一二三四五六])年([甲乙丙丁戊])班"), r"中\1\2班", "中", "all"),
)
# The primary lessons (the storybook, the picture studio) name a primary class: 小五甲班.
PRIMARY_LESSONS = ("06-", "08-")

# In a table of simplified -> traditional pairs ("机機 这這 ..."), the pair 着著 would turn the right 着 into 著.
TO_ZHU = re.compile(r"(?<!\S)着著(?!\S)")

QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”")
CODE_SPAN = re.compile(r"`[^`\n]*`")             # in notebooks and plans: code a child types


@dataclass
class Place:
    """Where a piece of text lives, which decides the rules that apply to it."""

    teacher: bool = False     # teacher notes and lesson plans
    primary: bool = False     # a primary lesson: its classes are 小五甲班, not 中五甲班
    reply: bool = False       # the offline practice model's replies (Cantonese when asked)
    code: bool = False        # a Python string of the kit (its own quotes are not "quoted speech")


def _protected(text: str, place: Place) -> list[tuple[int, int]]:
    spans = [m.span() for m in QUOTED.finditer(text)]
    if not place.code:
        spans += [m.span() for m in CODE_SPAN.finditer(text)]
    return spans


def _in_word(text: str, at: int, keep: tuple[str, ...]) -> bool:
    """Is the character at ``at`` part of one of the ``keep`` words (著 in 著名, 幼 in 幼稚園)?"""
    return any(text[at - i:at - i + len(word)] == word for word in keep for i in range(len(word)) if at - i >= 0)


def fix_text(text: str, place: Place, line: str = "") -> tuple[str, list[str]]:
    """The text with the rules applied, and the names of the rules it broke."""
    broken = []
    line = line or text
    for rule in RULES:
        if rule.scope == "children" and place.teacher:
            continue
        if rule.scope == "instructions" and (place.reply or "variants: example" in line):
            continue
        if place.code and rule.right in line and rule.pattern.search(line):
            continue                                      # a list of spellings the kit understands
        spans = _protected(text, place) if rule.scope == "instructions" else []

        def replace(match, spans=spans, rule=rule, text=text):
            if any(start <= match.start() < end for start, end in spans) or _in_word(text, match.start(), rule.keep):
                return match.group(0)
            return match.expand(rule.replacement.replace("中", "小") if place.primary else rule.replacement)

        fixed = rule.pattern.sub(replace, text)
        if fixed != text:
            broken.append(rule.name)
            text = fixed
    return text, broken


# --- files -------------------------------------------------------------------------------------------------

def files(root: Path = ROOT) -> list[Path]:
    """Every file whose Chinese a child or a teacher reads."""
    found = list((root / "kit").rglob("*.py")) + list((root / "kit" / "i18n").glob("*.json"))
    found += [p for p in (root / "kit" / "export" / "templates").rglob("*") if p.is_file()]
    found += list((root / "solutions").rglob("*.ipynb")) + list((root / "notebooks").rglob("*.ipynb"))
    found += list((root / "lessons").glob("*.md"))
    return sorted(p for p in found if "__pycache__" not in p.parts)


def _python_understands(token: str, line: str) -> bool:
    """A pattern, a word list or a marked line: text the kit reads, not text it shows."""
    body = token.strip("rRbBuUfF\"'")
    if "variants: understood" in line or "|" in body or "(?" in body or "\\" in body:
        return True
    return len(body.split()) >= 4 and not re.search(r"[，。！？：、]", body)


def _understand_right_forms(token: str) -> tuple[str, list[str]]:
    """A pattern that reads the old forms (「圖片提示|圖像提示」) must read the right form too: add it beside them.
    Only plain alternatives are touched (no brackets in them), so the pattern stays valid."""
    pieces = token.split("|")
    added = []
    for piece in list(pieces):
        if not CJK.search(piece) or re.search(r"[()\[\]{}\\\"']", piece):
            continue
        fixed, names = fix_text(piece, Place(code=True, teacher=True, reply=True), piece)   # variants and terms
        if names and not re.search(rf"(?<![^|(:\"']){re.escape(fixed)}(?![^|)\"'])", token):
            pieces.insert(pieces.index(piece) + 1, fixed)
            added += [f"{name} (the pattern should also read {fixed})" for name in names]
    return "|".join(pieces), added


def _word_lists(source: str) -> dict[tuple[int, int], set[str]]:
    """The strings of word lists the kit reads (a set, or five or more short words in a tuple or list), by
    (line, column) of each word, with all the words of its list."""
    found: dict[tuple[int, int], set[str]] = {}
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            continue
        items = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(items) != len(node.elts) or not items or any(len(e.value) > 6 for e in items):
            continue
        if isinstance(node, ast.Set) or len(items) >= 5:
            words = {e.value for e in items}
            for e in items:
                column = len(lines[e.lineno - 1].encode("utf-8")[:e.col_offset].decode("utf-8", "ignore"))
                found[(e.lineno, column)] = words
    return found


def _fix_python(source: str, path: Path) -> tuple[str, list[tuple[int, str]]]:
    place = Place(reply="backends" in path.parts, code=True)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text))
    kinds = {tokenize.STRING} | ({tokenize.FSTRING_MIDDLE} if hasattr(tokenize, "FSTRING_MIDDLE") else set())
    edits, broken = [], []
    word_lists = _word_lists(source)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in kinds or not CJK.search(token.string):
            continue
        if TO_ZHU.search(token.string):
            start = starts[token.start[0] - 1] + token.start[1]
            edits.append((start, start + len(token.string), TO_ZHU.sub("", token.string)))
            broken.append((token.start[0], "着 not 著 (a conversion pair 着著)"))
            continue
        if token.start[0] != token.end[0]:
            continue
        line = lines[token.start[0] - 1]
        if token.start in word_lists:           # a word the kit reads: add the right form beside it
            fixed, names = fix_text(token.string, Place(code=True, teacher=True, reply=True))
            value = ast.literal_eval(fixed)
            if names and value not in word_lists[token.start] and "variants: understood" not in line:
                start = starts[token.start[0] - 1] + token.start[1]
                edits.append((start, start + len(token.string), f"{token.string}, {fixed}"))
                broken += [(token.start[0], f"{name} (the word list should also read {value})") for name in names]
            continue
        if "|" in token.string and "variants: understood" not in line:
            fixed, names = _understand_right_forms(token.string)
        elif _python_understands(token.string, line):
            continue
        else:
            fixed, names = fix_text(token.string, place, line)
        if names:
            start = starts[token.start[0] - 1] + token.start[1]
            edits.append((start, start + len(token.string), fixed))
            broken += [(token.start[0], name) for name in names]
    for start, end, fixed in reversed(edits):
        source = source[:start] + fixed + source[end:]
    return source, broken


def _fix_lines(text: str, place: Place) -> tuple[str, list[tuple[int, str]]]:
    out, broken = [], []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        fixed, names = fix_text(line, place) if CJK.search(line) else (line, [])
        out.append(fixed)
        broken += [(number, name) for name in names]
    return "".join(out), broken


def _fix_notebook(text: str, primary: bool) -> tuple[str, list[tuple[int, str]]]:
    notebook = json.loads(text)
    broken = []
    for number, cell in enumerate(notebook["cells"]):
        place = Place(teacher="teacher" in cell.get("metadata", {}).get("tags", []), primary=primary)
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        fixed, names = _fix_lines(source, place)
        if names:
            cell["source"] = fixed.splitlines(keepends=True)
            broken += [(f"cell {number}", name) for _line, name in names]
    if not broken:
        return text, []
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", broken


def check_file(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """(the fixed text, [(line or cell, rule broken)]) for one file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return _fix_python(text, path)
    primary = path.name.startswith(PRIMARY_LESSONS)
    if path.suffix == ".ipynb":
        return _fix_notebook(text, primary)
    return _fix_lines(text, Place(teacher=path.parent.name == "lessons", primary=primary))


def problems(root: Path = ROOT) -> list[str]:
    found = []
    for path in files(root):
        _fixed, broken = check_file(path)
        found += [f"{path.relative_to(root)}:{where}: {name}" for where, name in broken]
    return found


def fix_all(root: Path = ROOT) -> list[Path]:
    """Fix every file in place; return the files changed. Running it again changes nothing."""
    changed = []
    for path in files(root):
        fixed, broken = check_file(path)
        if broken:
            path.write_text(fixed, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    if "--fix" in argv:
        for path in fix_all():
            print(f"fixed {path.relative_to(ROOT)}")
        return 0
    found = problems()
    print("\n".join(found) or "Chinese reads as one book.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
