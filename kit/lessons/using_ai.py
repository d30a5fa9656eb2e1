"""What lessons 8, 9 and 10 share about using AI well: kind words (8.2, 9.1) and the AI-use statement (9.3).

Lesson 9 teaches the statement; lesson 10's hand-in check reads it again, so it lives here rather than in
either lesson. Registered as exercise 9.3 when lesson 9 (or 10) is imported.
"""

from __future__ import annotations

import re

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short

UNKIND = ("ugly", "stupid", "dumb", "fat", "lazy", "evil", "dirty", "weird", "smelly", "useless",
          "醜", "蠢", "笨", "肥", "懶", "邋遢", "臭", "廢")


# --- 9.3 · My AI-use statement -----------------------------------------------------------------------------

TOOLS = ("qwen", "wanxiang", "wan", "tongyi", "ai", "a.i.", "artificial intelligence", "chatbot", "chatgpt",
         "practice model", "offline model", "offline mode", "language model", "picture model", "the kit",
         "通義", "千問", "萬相", "人工智能", "練習模型", "離線模式", "離線練習", "語言模型", "聊天機械人", "工具包")
AI_DID = ("help", "helped", "helps", "suggest", "suggested", "suggests", "idea", "ideas", "gave", "give", "wrote",
          "write", "writes", "drew", "draw", "draws", "drawing", "drawings", "picture", "pictures", "made", "make",
          "created", "generated", "checked", "fixed", "corrected", "translated", "answered", "explained",
          "improved", "check", "spelling", "spell", "grammar", "first draft", "draft", "outline", "title", "titles", "names", "plan", "story", "words",
          "幫", "協助", "提供", "建議", "點子", "主意", "寫", "畫", "圖畫", "生成", "製作", "修改", "檢查", "翻譯",
          "解釋", "錯字", "文法", "初稿", "草稿", "大綱", "書名", "名字", "故事", "文字")
NO_AI = re.compile(r"\b(?:did ?n[o']t|do ?n[o']t|never|no)\s+(?:use\s+)?(?:any\s+)?(?:ai|a\.i\.|qwen|wanxiang)\b"
                   r"|沒有(?:使)?用(?:任何)?\s*(?:ai|AI|人工智能|通義)|冇用(?:任何)?\s*(?:ai|AI|人工智能|通義)|沒有使用 ?AI",
                   re.IGNORECASE)
OWN_EN = re.compile(
    r"\bI\s+(?:also\s+|then\s+|myself\s+|later\s+|finally\s+)?(?:wrote|write|chose|choose|changed|change|edited|"
    r"drew|draw|checked|decided|picked|added|made|fixed|rewrote|planned|typed|designed|coloured|colored|named|"
    r"created|invented|corrected|removed|kept|deleted|improved|read|thought|came up|put|told|took out|cut|"
    r"shortened|translated|recorded|painted|built)\b"
    r"|\bmy own\b|\bmyself\b|\bby hand\b|\bon my own\b|\bI did\b",
    re.IGNORECASE)
OWN_ZH = re.compile(r"我自己|我親手|自己(?:寫|想|畫|揀|選|改|修改|決定|加|完成|做)|由我|親手"
                    r"|(?<![幫替為給俾同請叫讓])我(?:再|也|然後|最後|又)?(?:寫|揀|選|改|修改|刪|加|決定|畫|檢查|想出|構思"
                    r"|設計|命名|讀|改寫|縮短|翻譯|錄)")
PRONOUN = re.compile(r"(?:it|they)\b|[它佢]", re.IGNORECASE)   # "It drew the pictures." / 「它畫了圖畫。」
CLAUSES = re.compile(r"[.;!?。；！？，,、\n]+|\s+(?:and|but|then|so)\s+|然後|但是|而且|不過|所以")


def _parts(text: str) -> tuple[bool, bool, bool]:
    """(names a tool, says what the AI did, says what I did myself), clause by clause."""
    tool = bool(mentions(text, TOOLS))
    ai_did = own = False
    last_was_tool = False
    for clause in (c.strip() for c in CLAUSES.split(text)):
        if not clause:
            continue
        mine = bool(OWN_EN.search(clause) or OWN_ZH.search(clause))
        names_tool = bool(mentions(clause, TOOLS)) or bool(PRONOUN.match(clause))
        if mine and not names_tool:
            own = True
            last_was_tool = False
            continue
        if mine:          # "I used Qwen for ideas but I wrote the story myself" in one clause
            own = True
        if (names_tool or last_was_tool) and mentions(clause, AI_DID):
            ai_did = True
        last_was_tool = names_tool or (last_was_tool and not mine)
    return tool, ai_did, own


@exercise("9.3", hints=[
    ("An AI-use statement answers three questions: Which AI tool? What did it do? What did I do myself?",
     "AI 使用聲明要回答三條問題：用了哪個 AI 工具？它做了甚麼？我自己做了甚麼？"),
    (("Name the tool (Qwen, Wanxiang, or the kit's offline practice model), then one sentence for the AI's part "
      "and one for yours: \"I wrote ...\", \"I chose ...\", \"I changed ...\"."),
     ("寫出工具的名字（通義千問、通義萬相，或者工具包的離線練習模型），再用一句寫 AI 做的部分，一句寫你自己做的部分："
      "「我自己寫了……」、「我選了……」、「我修改了……」。")),
    (("Try: \"I used Qwen to suggest ideas and Wanxiang to draw the pictures. I wrote the story in my own words "
      "and chose which pictures to keep.\""),
     "試試：「我用了通義千問幫我想故事點子，用通義萬相畫圖畫。故事是我自己寫的，圖畫也是我自己選的。」"),
])
def ai_use_statement(answer) -> Verdict:
    """An honest statement: which AI tool, what it did, and what the student did themselves."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if too_short(text, english=5, chinese=8):
        return Verdict(False,
                       "Not yet: a statement needs a few sentences. Say which AI tool you used, what it did, and "
                       "what you did yourself.",
                       "未完成：聲明要寫幾句。說明你用了哪個 AI 工具、它做了甚麼，以及你自己做了甚麼。")
    tool, ai_did, own = _parts(text)
    if NO_AI.search(text) and own:
        return Verdict(True,
                       "Honest and clear: you made it yourself. If you use AI later, add which tool and what it did.",
                       "誠實又清楚：全部由你自己完成。如果之後用了 AI，記得加上是哪個工具、它做了甚麼。")
    if not tool:
        return Verdict(False,
                       "Not yet: say which AI tool you used: Qwen (for words), Wanxiang (for pictures), or the "
                       "kit's offline practice model.",
                       "未完成：說明你用了哪個 AI 工具：通義千問（寫文字）、通義萬相（畫圖畫），或者工具包的離線練習模型。")
    if not ai_did:
        return Verdict(False,
                       "Nearly! You named the tool. Now say what it did for you: ideas? a first draft? the pictures?",
                       "差不多了！你寫了工具的名字。現在說明它為你做了甚麼：想點子？寫初稿？畫圖畫？")
    if not own:
        return Verdict(False,
                       "Nearly! You said what the AI did. Now say what YOU did yourself: \"I wrote ...\", \"I chose "
                       "...\", \"I changed ...\". Your part matters most.",
                       "差不多了！你說了 AI 做了甚麼。現在說說你自己做了甚麼：「我自己寫了……」、「我選了……」、"
                       "「我修改了……」。你的部分最重要。")
    return Verdict(True,
                   "A clear, honest AI-use statement: which tool, what it did, and what you did yourself. Keep it "
                   "for your project.",
                   "清楚又誠實的 AI 使用聲明：用了哪個工具、它做了甚麼、你自己做了甚麼。把它留給你的作品用吧。")
