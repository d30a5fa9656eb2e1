"""Lesson 10 · Hand it in: the exported file is there, is a web page (or the storybook's PDF) and is under 8 MB
(10.1), and an AI-use statement to hand in with it (10.2, the same three questions as lesson 09's 9.3).

10.1 looks only at the file on disk, so it judges the same way whether the project was made offline or with the
real models; it says when the file admits that the offline practice model made parts of it.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import Verdict, exercise
from .lesson_09 import ai_use_statement
from .reading import NOT_YET, is_placeholder

LIMIT_MB = 8.0
OFFLINE_MARK = b'class="k-badge k-offline"'


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
    (("Over 8 MB? Use fewer pages with pictures, or draw them smaller (size=\"small\"), then export again. "
      "A PNG? Hand in the .html file too: it has the \"How I used AI\" page."),
     ("超過 8 MB？減少有圖畫的頁數，或者畫小一點的圖（size=\"small\"），再匯出一次。是 PNG？也要交 .html 檔案："
      "它有「我如何使用 AI」一頁。")),
])
def exported_file(answer) -> Verdict:
    """The exported file exists, is an HTML page (or a PDF), is under 8 MB and has no ✏️ example words left."""
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
    if size > LIMIT_MB * 1_000_000:
        return Verdict(False,
                       f"Nearly! The file is {_size_text(size)}, over {LIMIT_MB:.0f} MB, and may be too big to hand "
                       "in. Use fewer or smaller pictures, then export again.",
                       f"差不多了！檔案有 {_size_text(size)}，超過 {LIMIT_MB:.0f} MB，可能太大交不到。減少圖畫或用小一點的圖畫，"
                       "再匯出一次。")
    content = path.read_bytes()
    if "✏".encode() in content:
        return Verdict(False,
                       "Nearly! Your file still has ✏️ example words in it. Find them (the checklist helps), write "
                       "your own, and export again.",
                       "差不多了！你的檔案裏仍然有 ✏️ 示範字句。找出它們（檢查清單會幫你），寫上你自己的，再匯出一次。")
    kind_en, kind_zh = ("a PDF", "PDF") if is_pdf else ("a web page", "網頁")
    offline_en = (" It says honestly that the offline practice model made parts of it."
                  if OFFLINE_MARK in content else "")
    offline_zh = "檔案如實說明了部分內容由離線練習模型製作。" if OFFLINE_MARK in content else ""
    return Verdict(True,
                   f"Ready to hand in: \"{path.name}\" is {kind_en} of {_size_text(size)}, under {LIMIT_MB:.0f} MB."
                   f"{offline_en} Open it once, as a judge would.",
                   f"可以交了：「{path.name}」是一個{kind_zh}，有 {_size_text(size)}，少於 {LIMIT_MB:.0f} MB。"
                   f"{offline_zh}以評審的身分打開看一次吧。")


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
                   "A clear, honest AI-use statement: which tool, what it did, and what you did yourself. Save it "
                   "and hand it in with your file.",
                   "清楚又誠實的 AI 使用聲明：用了哪個工具、它做了甚麼、你自己做了甚麼。把它儲存起來，和檔案一起交。")
