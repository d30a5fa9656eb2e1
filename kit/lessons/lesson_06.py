"""Lesson 06 · Capstone: my storybook (primary): a theme statement that names the theme and says how the story
shows it (6.1), and a book ready to hand in: at least four pages, each with words, a picture and a description,
and nothing left on its checklist (6.2).

The checkers read the child's own words and the book's saved data (pages, pictures, alt text, the checklist the
judges' criteria come from), never what a model wrote or what a picture looks like, so they judge the same way on
the offline practice model and on the real Qwen and Wanxiang.
"""

from __future__ import annotations

import re
from itertools import pairwise
from os.path import commonprefix
from typing import Any

from . import Verdict, exercise
from .reading import (
    NOT_YET,
    as_text,
    chinese_chars,
    has_chinese,
    is_placeholder,
    mentions,
    too_short,
    words,
)

MIN_PAGES = 4

# Words that say HOW a story fits a theme: a reason, an example, what a character does or learns.
HOW_CUES = (
    "because", "shows", "show", "showing", "when", "so", "by", "how", "helps", "helping", "help",
    "helped", "learn", "learns", "learned", "learnt", "teaches", "means", "through", "who", "where",
    "finds", "gives", "shares", "cares", "looks after", "makes friends", "for example", "like",
    "因為", "講述", "表現", "顯示", "說明", "所以", "令", "讓", "幫", "學會", "明白", "告訴",
    "透過", "通過", "例如", "照顧", "分享", "關心", "送", "陪", "當", "怎樣", "教", "帶",
)
THEME_WORD_CUES = ("theme", "主題")
STOP = {
    "the", "a", "an", "in", "on", "of", "my", "our", "your", "and", "to", "for", "with", "at", "is", "are", "be",
    "we", "us", "it", "its", "this", "that", "from", "into", "all", "every",
}
CJK_FUNCTION = set("的之裡裏在和與及我你他她們是了着著一")
# Words that only say "my story is about the theme": they do not say how.
FILLER_EN = STOP | {"story", "book", "storybook", "novel", "card", "theme", "fits", "fit", "is", "about", "shows",
                    "show", "i", "me", "think", "really", "very", "because", "so",
                    "they", "them", "he", "she", "good", "nice", "great", "fun", "cool", "bad"}
FILLER_ZH = ("故事書", "故事", "主題", "這個", "關於", "切合", "表現", "顯示", "因為", "所以", "我的", "這本", "本書",
             "是", "的", "裡", "裏", "了", "和", "我", "這", "很")


def _theme_and_statement(answer: Any) -> tuple[str, str, bool]:
    """(theme, statement, from_a_story) from a Storybook or Novel, a (theme, statement) pair, a dict or a string."""
    if hasattr(answer, "theme_statement") and hasattr(answer, "theme"):
        return str(answer.theme or "").strip(), str(answer.theme_statement or "").strip(), True
    if isinstance(answer, dict):
        return (str(answer.get("theme") or "").strip(),
                str(answer.get("statement") or answer.get("theme_statement") or "").strip(), False)
    if isinstance(answer, (tuple, list)) and len(answer) == 2 and all(isinstance(x, str) for x in answer):
        return answer[0].strip(), answer[1].strip(), False
    return "", as_text(answer), False


def theme_words(theme: str) -> list[str]:
    """The words of a theme worth finding in a statement: "kindness", "neighbourhood"; 「社區」「關愛」."""
    found = [w for w in words(theme) if w not in STOP and len(w) >= 3]
    chars = chinese_chars(theme)
    for first, second in pairwise(chars):
        if first not in CJK_FUNCTION and second not in CJK_FUNCTION:
            found.append(first + second)
    if len(chars) == 1:
        found += chars
    return found


def names_theme(statement: str, theme: str) -> list[str]:
    """Which theme words the statement uses. English words match on a shared start ("kind" for "kindness",
    "neighbours" for "neighbourhood"), Chinese ones as they are."""
    said = words(statement)
    hits = []
    for cue in theme_words(theme):
        if has_chinese(cue):
            found = cue in statement
        else:
            found = any(w == cue or (min(len(w), len(cue)) >= 4 and len(commonprefix([w, cue])) >= 4)
                        for w in said)
        if found:
            hits.append(cue)
    return hits


def _without(statement: str, cues: list[str]) -> str:
    out = statement
    for cue in cues:
        out = re.sub(re.escape(cue), " ", out, flags=re.IGNORECASE)
    return out


def says_how(rest: str) -> bool:
    """Beyond naming the theme, does the statement say how: a reason or an example, with some content to it?"""
    if not mentions(rest, HOW_CUES):
        return False
    if has_chinese(rest):
        plain = rest
        for filler in FILLER_ZH:
            plain = plain.replace(filler, "")
        return len(chinese_chars(plain)) + len([w for w in words(plain) if w not in FILLER_EN]) >= 5
    return len([w for w in words(rest) if w not in FILLER_EN]) >= 3


# --- 6.1 · My theme statement ------------------------------------------------------------------------------

@exercise("6.1", hints=[
    ("A theme statement is one or two sentences for the judges. First, name the theme in your sentence.",
     "主題說明是寫給評審看的一兩句話。首先，在句子裏寫出主題。"),
    (("Then say HOW your story shows the theme: who does what? Use \"because\": \"... because Pip helps three "
      "neighbours.\""),
     "然後說明你的故事「怎樣」表現這個主題：誰做了甚麼？用「因為」：「……因為皮皮幫助了三位街坊。」"),
    (("Try: my_statement = \"My book fits the theme Kindness in my neighbourhood because Pip helps three "
      "neighbours on her street.\""),
     "試試：my_statement = \"我的故事切合「社區裏的關愛」這個主題，因為皮皮幫助了街上三位街坊。\""),
])
def theme_statement(answer) -> Verdict:
    """One or two sentences that name the book's theme and say how the story shows it."""
    theme, statement, from_story = _theme_and_statement(answer)
    if is_placeholder(statement) or (answer is None):
        return NOT_YET
    if from_story and not theme:
        return Verdict(False,
                       "Not yet: your book has no theme yet. Give it the theme first: my_book.theme = \"...\".",
                       "未完成：你的故事書還沒有主題。先寫上主題：my_book.theme = \"...\"。")
    if too_short(statement, english=7, chinese=10):
        return Verdict(False,
                       "Not yet: that is very short. Write one or two whole sentences: name the theme, and say how "
                       "your story shows it.",
                       "未完成：太短了。寫一兩句完整的句子：寫出主題，並說明你的故事怎樣表現它。")
    hits = names_theme(statement, theme) if theme else mentions(statement, THEME_WORD_CUES)
    if not hits:
        shown = f" ({theme})" if theme else ""
        return Verdict(False,
                       f"Nearly! Name the theme{shown} in your sentence, so the judges see at once that your story "
                       "is about it.",
                       f"差不多了！在句子裏寫出主題{f'（{theme}）' if theme else ''}，評審就會一眼看到你的故事和主題有關。")
    rest = _without(statement, hits + list(THEME_WORD_CUES) + ([theme] if theme else []))
    if not says_how(rest):
        return Verdict(False,
                       "Nearly! You named the theme. Now say HOW your story shows it: who does what? "
                       "\"... because Pip helps three neighbours.\"",
                       "差不多了！你寫出了主題。現在說明你的故事「怎樣」表現它：誰做了甚麼？「……因為皮皮幫助了三位街坊。」")
    return Verdict(True,
                   "A clear theme statement: it names the theme and says how your story shows it. The judges score "
                   "relevance to the theme, and this sentence helps them see it.",
                   "清楚的主題說明：寫出了主題，也說明了故事怎樣表現它。評審會評「切合主題」，這句話幫助他們看到這一點。")


# --- 6.2 · Ready to hand in ---------------------------------------------------------------------------------

def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _has_mark(value: str) -> bool:
    return "✏" in (value or "")


@exercise("6.2", hints=[
    ("Look at my_book.checklist(): every ⚠️ line says what to do, and the judges' criterion it is for.",
     "看看 my_book.checklist()：每一行 ⚠️ 都說明要做甚麼，以及它屬於哪一項評審準則。"),
    (("Every page needs words, a picture and a few words describing the picture (alt text). In the builder: "
      "🎨 Draw candidates, then ✅ Use this; the 🗣️ box is the description."),
     "每一頁都要有文字、圖畫，還有幾個字描述圖畫（替代文字）。在故事書製作器裏：按 🎨 畫幾幅來選，再按 ✅ 用這幅；🗣️ 那一格就是描述。"),
    (("Then the book itself: your name (my_book.author = \"...\"), a cover (📕 Use as cover), and some AI words "
      "changed into your own."),
     "然後是整本書：你的名字（my_book.author = \"...\"）、封面（📕 用作封面），還有把一些 AI 的文字改成你自己的話。"),
])
def book_ready(answer) -> Verdict:
    """A storybook with at least four pages, each with words, a picture and alt text, and a clean checklist."""
    if answer is None or isinstance(answer, str) and is_placeholder(answer):
        return NOT_YET
    if not (hasattr(answer, "pages") and hasattr(answer, "checklist") and hasattr(answer, "set_cover")):
        if hasattr(answer, "scenes"):
            return Verdict(False,
                           "Not yet: that is an interactive novel. Lesson 6 checks a storybook: "
                           "kit.check(\"6.2\", my_book).",
                           "未完成：這是互動小說。第 6 課檢查的是故事書：kit.check(\"6.2\", my_book)。")
        return Verdict(False,
                       "Not yet: give the check your book itself: kit.check(\"6.2\", my_book).",
                       "未完成：把你的故事書本身交給檢查：kit.check(\"6.2\", my_book)。")
    pages = list(answer.pages)
    if len(pages) < MIN_PAGES:
        count = len(pages)
        return Verdict(False,
                       f"Not yet: your book has {count} page{'s' if count != 1 else ''}. A storybook needs at least "
                       f"{MIN_PAGES}: use ✨ Draft pages or ➕ Add page in the builder, or my_book.add_page(...).",
                       f"未完成：你的故事書有 {count} 頁。故事書最少要有 {MIN_PAGES} 頁：在故事書製作器按 ✨ 起草或 ➕ 加一頁，"
                       "或者用 my_book.add_page(...)。")
    numbered = list(enumerate(pages, start=1))
    marked = [n for n, p in numbered if _has_mark(p.text) or _has_mark(p.alt)]
    for field_en, field_zh, value in (("the title", "書名", answer.title), ("your name", "作者名字", answer.author),
                                      ("the theme statement", "主題說明", answer.theme_statement)):
        if _has_mark(value):
            return Verdict(False,
                           f"Not yet: {field_en} still has the ✏️ example words. Write your own, then check again.",
                           f"未完成：{field_zh}仍然是 ✏️ 示範字句。寫上你自己的，再檢查一次。")
    if marked:
        return Verdict(False,
                       f"Not yet: page {_page_list(marked)} still has the ✏️ example words. Write your own.",
                       f"未完成：第 {_page_list(marked)} 頁仍然是 ✏️ 示範字句。寫上你自己的。")
    for missing, en, zh in (
            ([n for n, p in numbered if not p.text.strip()], "has no words yet",
             "還沒有文字"),
            ([n for n, p in numbered if p.picture is None], "has no picture yet: 🎨 Draw candidates, then ✅ Use this",
             "還沒有圖畫：按 🎨 畫幾幅來選，再按 ✅ 用這幅"),
            ([n for n, p in numbered if not p.alt.strip()],
             "has no description of its picture (alt text) for readers who cannot see it",
             "的圖畫還沒有描述（替代文字），方便看不到圖畫的讀者")):
        if missing:
            return Verdict(False, f"Not yet: page {_page_list(missing)} {en}.",
                           f"未完成：第 {_page_list(missing)} 頁{zh}。")
    checklist = answer.checklist()
    left = [r for r in checklist.to_fix if r.item != "offline"]   # made offline: lesson 10 says "rehearsal"
    if left:
        first = left[0]
        more_en = f" ({len(left) - 1} more after that.)" if len(left) > 1 else ""
        more_zh = f"（之後還有 {len(left) - 1} 項。）" if len(left) > 1 else ""
        return Verdict(False,
                       f"Nearly! Every page is ready. The checklist still says: {first.en}{more_en}",
                       f"差不多了！每一頁都準備好了。檢查清單還說：{first.zh}{more_zh}")
    if checklist.rehearsal:
        return Verdict(True,
                       f"Finished as a rehearsal: {len(pages)} pages, each with words, a picture and a description. "
                       "The offline practice model made parts of it, so it is not an entry yet: with the real models "
                       "(kit.setup(\"dashscope\")), draw and draft those pages again before you hand it in.",
                       f"綵排完成：共 {len(pages)} 頁，每一頁都有文字、圖畫和描述。部分內容由離線練習模型製作，所以還不是"
                       "參賽作品：提交前改用真正的模型（kit.setup(\"dashscope\")），重畫和重寫那些頁。")
    return Verdict(True,
                   f"Ready to hand in: {len(pages)} pages, each with words, a picture and a description, and nothing "
                   "left on the checklist. Export it and be proud!",
                   f"可以交了：共 {len(pages)} 頁，每一頁都有文字、圖畫和描述，檢查清單上也沒有要改的了。匯出它，"
                   "為自己驕傲吧！")
