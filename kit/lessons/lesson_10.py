"""Lesson 10 · Hand it in: the exported file is there, is a web page (or the storybook's PDF), and is an entry
(10.1), and an AI-use statement to hand in with it (10.2, the same three questions as lesson 09's 9.3).

10.1 looks at the file on disk, the one a judge gets. The kit's exports carry the checklist's verdict on the entry
(``checklist.Checklist.entry``), so 10.1 refuses an empty or one-page book, ✏️ example words, a page without a
picture or description, no theme statement, and calls a project made (even in part) with the offline practice
model what it is: a rehearsal, with how to redo those parts with the real models. The size is advice: the
organiser's rules say what the real limit is.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from . import Verdict, exercise
from .reading import NOT_YET, is_placeholder
from .using_ai import ai_use_statement

ADVICE_MB = 8.0          # advice: a file this size opens quickly anywhere; the organiser's rules give the limit
OFFLINE_MARK = b'class="k-badge k-offline"'
ENTRY = re.compile(rb'<script type="application/json" class="kit-entry">(.*?)</script>', re.DOTALL)


def _size_text(size: int) -> str:
    """A size a child can read: "250 KB", "1.4 MB"."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(size // 1000, 1)} KB"


def _nearby(folder: Path) -> str:
    names = sorted(path.name for path in folder.glob("*.html"))[:4]
    return ", ".join(names)


# --- 10.1 · Check the file ----------------------------------------------------------------------------------

@exercise("10.1", hints=[
    ("Export first: my_file = project.export(). The cell shows the name of the file it wrote.",
     "先匯出：my_file = project.export()。那一格會顯示它寫了哪個檔案。"),
    ("Give the check the file's name, with its ending: \"my-storybook.storybook.html\" (or use my_file).",
     "把檔案的名字交給檢查，要連結尾：\"my-storybook.storybook.html\"（或者用 my_file）。"),
    (("Not an entry yet? Fix what the check names in your lesson 6, 7 or 8 notebook. A rehearsal? Set up with "
      "the real models (kit.setup(\"dashscope\")), draw and draft those pages again, then export again."),
     ("還不是參賽作品？在第 6、7 或 8 課的筆記本裏修改檢查指出的地方。是綵排？改用真正的模型"
      "（kit.setup(\"dashscope\")），重畫和重寫那些頁，再匯出一次。")),
])
def exported_file(answer) -> Verdict:
    """The exported file exists, is an HTML page (or a PDF), has no ✏️ example words, and is an entry."""
    if answer is None or isinstance(answer, str) and is_placeholder(answer):
        return NOT_YET
    if hasattr(answer, "export") and hasattr(answer, "checklist"):
        return Verdict(False,
                       "Not yet: that is your project, not its file. Export it first: my_file = project.export(), "
                       "then check my_file.",
                       "未完成：這是你的作品本身，不是它的檔案。先匯出：my_file = project.export()，再檢查 my_file。")
    if not isinstance(answer, (str, os.PathLike)):
        return Verdict(False, "Not yet: give the check the file's name: kit.check(\"10.1\", my_file).",
                       "未完成：把檔案的名字交給檢查：kit.check(\"10.1\", my_file)。")
    path = Path(answer)
    if not path.is_file():
        nearby = _nearby(path.parent if str(path.parent) else Path("."))
        also_en = f" HTML files here: {nearby}." if nearby else ""
        also_zh = f"這裏的 HTML 檔案：{nearby}。" if nearby else ""
        return Verdict(False,
                       f"Not yet: there is no file called \"{path.name}\" here. Run the export cell, and use the name "
                       f"it shows.{also_en}",
                       f"未完成：這裏沒有叫「{path.name}」的檔案。執行匯出的那一格，用它顯示的名字。{also_zh}")
    size = path.stat().st_size
    with path.open("rb") as handle:
        start = handle.read(4096)
    suffix = path.suffix.lower()
    if suffix == ".png":
        return Verdict(False,
                       "Nearly! A PNG is good for printing, but only the HTML file has the \"How I used AI\" page. "
                       "Export the .html file too, and hand that in.",
                       "差不多了！PNG 適合列印，但只有 HTML 檔案有「我如何使用 AI」一頁。也匯出 .html 檔案，交這一個。")
    is_pdf = start.startswith(b"%PDF")
    if not is_pdf and b"<html" not in start.lower():
        return Verdict(False,
                       f"Not yet: \"{path.name}\" is not a web page (HTML). Hand in the file the kit's export makes: "
                       "its name ends in .html.",
                       f"未完成：「{path.name}」不是網頁（HTML）。要交的是工具包匯出的檔案：名字以 .html 結尾。")
    content = path.read_bytes()
    if "✏".encode() in content:
        return Verdict(False,
                       "Nearly! Your file still has ✏️ example words in it. Find them (the checklist helps), write "
                       "your own, and export again.",
                       "差不多了！你的檔案裏仍然有 ✏️ 示範字句。找出它們（檢查清單會幫你），寫上你自己的，再匯出一次。")
    entry = read_entry(content)
    if entry is None and OFFLINE_MARK in content:   # an older export, or a file without the kit's verdict
        entry = {"ready": False, "blocking": [{"item": "offline", "en": REHEARSAL_EN, "zh": REHEARSAL_ZH}]}
    if entry and not entry.get("ready"):
        return _not_an_entry(path.name, entry["blocking"])
    kind_en, kind_zh = ("a PDF", "PDF") if is_pdf else ("a web page", "網頁")
    size_en, size_zh = _size_advice(size)
    if entry is None:   # a PDF, or a file the kit did not make: only the file itself could be checked
        also_en = " The check could read only the file: run project.checklist() too." if is_pdf else ""
        also_zh = "檢查只能讀到檔案本身：也執行 project.checklist() 吧。" if is_pdf else ""
    else:
        also_en = " It is an entry: made with the real models, and nothing is missing."
        also_zh = "它是參賽作品：用真正的模型製作，也沒有欠缺。"
    return Verdict(True,
                   f"Ready to hand in: \"{path.name}\" is {kind_en} of {_size_text(size)}.{also_en}{size_en} "
                   "Open it once, as a judge would.",
                   f"可以交了：「{path.name}」是一個{kind_zh}，有 {_size_text(size)}。{also_zh}{size_zh}"
                   "以評審的身分打開看一次吧。")


REHEARSAL_EN = ("The offline practice model made parts of it. Set up with the real models (kit.setup(\"dashscope\")), "
                "draw and draft those parts again, then export again.")
REHEARSAL_ZH = "部分內容由離線練習模型製作。改用真正的模型（kit.setup(\"dashscope\")），重畫和重寫那些部分，再匯出一次。"


def read_entry(content: bytes) -> dict | None:
    """The checklist's verdict the kit's export wrote into the file, or None (a PDF, another file)."""
    found = ENTRY.search(content)
    if not found:
        return None
    try:
        entry = json.loads(found.group(1).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return entry if isinstance(entry, dict) and isinstance(entry.get("blocking"), list) else None


def _not_an_entry(name: str, blocking: list[dict]) -> Verdict:
    """Not ready: the first thing to fix; a rehearsal made offline says so and how to redo it for real."""
    first = blocking[0]
    if first["item"] == "offline":
        return Verdict(False,
                       f"Nearly! \"{name}\" is a rehearsal, not an entry. {first['en']}",
                       f"差不多了！「{name}」是綵排，還不是參賽作品。{first['zh']}")
    rest = [item for item in blocking[1:] if item["item"] != "offline"]
    more_en = f" ({len(rest)} more after that.)" if rest else ""
    more_zh = f"（之後還有 {len(rest)} 項。）" if rest else ""
    offline = any(item["item"] == "offline" for item in blocking)
    rehearsal_en = " And it is a rehearsal: the offline practice model made parts of it." if offline else ""
    rehearsal_zh = "而且這是綵排：部分內容由離線練習模型製作。" if offline else ""
    return Verdict(False,
                   f"Not yet: \"{name}\" is not an entry yet. {first['en']}{more_en}{rehearsal_en} "
                   "Fix it in your project's notebook, then export again.",
                   f"未完成：「{name}」還不是參賽作品。{first['zh']}{more_zh}{rehearsal_zh}"
                   "在作品的筆記本裏修改，再匯出一次。")


def _size_advice(size: int) -> tuple[str, str]:
    """Size is advice, never a rule we invent: the organiser's rules say what the limit is."""
    if size <= ADVICE_MB * 1_000_000:
        return "", ""
    return ((f" It is big (over {ADVICE_MB:.0f} MB, our advice): check the organiser's rules for their limit, and "
             "use fewer or smaller pictures if it is too big."),
            f"檔案很大（超過我們建議的 {ADVICE_MB:.0f} MB）：請查看主辦機構的比賽規則有沒有大小上限；太大就減少圖畫或用小一點的圖畫。")


# --- 10.2 · My AI-use statement -----------------------------------------------------------------------------

@exercise("10.2", hints=[
    ("Your statement from lesson 9 answers three questions: Which AI tool? What did it do? What did I do myself?",
     "你在第 9 課寫的聲明回答三條問題：用了哪個 AI 工具？它做了甚麼？我自己做了甚麼？"),
    (("Now make it about THIS project. Read the \"How I used AI\" page above: which parts did AI make? Made in "
      "offline mode? Say \"the kit's offline practice model\"."),
     "現在寫「這一份」作品。看看上面「我如何使用 AI」一頁：哪些部分由 AI 製作？用了離線模式？就寫「工具包的離線練習模型」。"),
    (("Try: \"I used Qwen to draft the pages and Wanxiang to draw the pictures. I rewrote the words myself and "
      "chose every picture.\""),
     "試試：「我用通義千問幫我寫故事初稿，用通義萬相畫圖畫。文字是我自己改寫的，每幅圖畫也是我自己選的。」"),
])
def hand_in_statement(answer) -> Verdict:
    """The AI-use statement for the project: which tool, what it did, what I did (lesson 09's checker)."""
    verdict = ai_use_statement(answer)
    if not verdict.ok:
        return verdict
    return Verdict(True,
                   "A clear, honest AI-use statement: which tool, what it did, and what you did yourself. Put it "
                   "inside your file: project.ai_statement = my_statement, then export again.",
                   "清楚又誠實的 AI 使用聲明：用了哪個工具、它做了甚麼、你自己做了甚麼。把它放進你的檔案裏："
                   "project.ai_statement = my_statement，再匯出一次。")
