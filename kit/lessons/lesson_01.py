"""Lesson 01 · Talking to Qwen: a clear, specific prompt (1.1), a role in a system prompt (1.2), and asking
again to make a reply better (1.3).

Every checker reads the child's own words (the prompt, the system prompt, the follow-up), so it gives the same
verdict on the offline practice model and on the real Qwen.
"""

from __future__ import annotations

import re

from . import Verdict, exercise
from .reading import (
    NOT_YET,
    as_text,
    chinese_chars,
    has_chinese,
    is_placeholder,
    mentions,
    too_short,
    without,
    words,
)

# --- 1.1 · A clear and specific prompt ---------------------------------------------------------------------

NUMBER_WORDS = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                r"forty|fifty|hundred|a few|a couple of|single|an?")
UNITS = (r"sentences?|words?|lines?|points?|paragraphs?|facts?|items?|ideas?|names?|bullets?|questions?|steps?|"
         r"reasons?|jokes?|verses?|tips?|examples?|things?|pages?|riddles?|characters?|choices?|endings?|"
         r"scenes?|titles?|rhymes?|options?|clues?|words?|emojis?")
LENGTH_EN = re.compile(rf"\b(?:{NUMBER_WORDS})[\s-]+(?:[a-z]+[\s-]+){{0,2}}?(?:{UNITS})\b", re.IGNORECASE)
LIMIT_EN = re.compile(r"\b(?:under|at most|no more than|fewer than|less than|up to|maximum of)\s+\d+\b",
                      re.IGNORECASE)
ZH_NUMBER = "一二三四五六七八九十兩百千零幾0-9０-９"
LENGTH_ZH = re.compile(rf"[{ZH_NUMBER}]+\s*(?:句|行|點|段|字|項|頁|步|題|則|幕|個|首|種|件|款|條)")
ONE_OF_A_KIND = re.compile(r"^一\s*(?:個|首|種|件|款|條|點)$")   # 「一個故事」 is "a story", 「一點」 "a bit"

EN_FILLER = {
    "a", "an", "the", "about", "of", "to", "in", "on", "for", "with", "and", "or", "me", "my", "i", "you", "your",
    "please", "write", "tell", "give", "make", "exactly", "only", "just", "that", "this", "is", "are", "it", "be",
    "some", "story", "stories", "poem", "joke", "jokes", "fact", "facts", "thing", "things", "something", "who",
    "which", "what", "can", "could", "would", "short", "long", "list", "using", "use", "at", "most", "under",
    "no", "more", "than", "up", "new", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "sentence", "sentences", "words", "word", "lines", "line", "kid", "kids", "child", "children",
}
ZH_FILLER = ("故事", "文章", "笑話", "知識", "事情", "東西", "關於", "一個", "一隻", "一些", "寫", "請", "用", "給",
             "俾", "我", "你", "的", "了", "是", "在", "和", "與", "及", "把", "有", "這", "那", "也", "都", "就", "很",
             "講", "說", "介", "紹", "詩", "首", "篇", "段")


def _length_cue(text: str) -> str | None:
    """The words that say how long the reply should be ("three sentences", 「三句」), if any."""
    for match in LENGTH_EN.finditer(text):
        return match.group(0)
    match = LIMIT_EN.search(text)
    if match:
        return match.group(0)
    for match in LENGTH_ZH.finditer(text):
        if not ONE_OF_A_KIND.match(match.group(0).strip()):
            return match.group(0)
    return None


def _detail(text: str, cue: str | None) -> int:
    """How many words (English) or characters (Chinese) name who or what, once length and filler are taken out."""
    rest = text.replace(cue, " ") if cue else text
    if has_chinese(rest):
        for filler in ZH_FILLER:
            rest = rest.replace(filler, "")
        return len(chinese_chars(rest)) + len([w for w in words(rest) if w not in EN_FILLER])
    return len([w for w in words(rest) if w not in EN_FILLER and not w.isdigit()])


NUMBER_VALUES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "一": 1, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9, "十": 10}
SENTENCES_ASKED = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:short\s+|funny\s+)?"
                             r"sentences?\b|(\d+|[一兩二三四五六七八九十])\s*句", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?。！？]+[\"'」』”’)]*")


def _reply_note(answer, text: str) -> tuple[str, str]:
    """When the real Qwen answered a prompt that asked for N sentences: did the reply keep to it? (A note, never a
    "not yet": the prompt is good either way; counting is the model's job. The offline model always keeps to it.)"""
    reply = getattr(answer, "text", None)
    asked = SENTENCES_ASKED.search(text)
    if not isinstance(reply, str) or getattr(answer, "backend", "offline") == "offline" or not asked:
        return "", ""
    word = (asked.group(1) or asked.group(2)).lower()
    wanted = int(word) if word.isdigit() else NUMBER_VALUES[word]
    got = len([piece for piece in SENTENCE_END.split(reply) if piece.strip()])
    if got == wanted:
        return (f" And Qwen kept to it: the reply has {got} sentences.", f"Qwen 也做到了：回覆剛好有 {got} 句。")
    return ((f" Qwen's reply has {got} sentences, not {wanted}: a real model does not always count well. Ask again, "
             f"e.g. \"Exactly {wanted} sentences, please.\""),
            f"Qwen 的回覆有 {got} 句，不是 {wanted} 句：真正的模型不一定數得準。再問一次，例如「請剛好寫 {wanted} 句。」")


@exercise("1.1", hints=[
    ("A clear prompt says two things: WHAT it is about, and HOW LONG the reply should be.",
     "清楚的提示詞要講兩樣東西：內容是甚麼，回覆要多長。"),
    (("Say how long with a number, e.g. \"in three sentences\" or \"in 20 words\". Then add a detail about who "
      "or what: not just \"a cat\" but \"a cat who is scared of water\"."),
     "用數字說明長度，例如「用三句」或者「二十字以內」。再加一個細節：不只是「一隻貓」，而是「一隻怕水的貓」。"),
    ("Try: \"Write exactly three sentences about a panda who loves dim sum.\"",
     "試試：「用三句寫一隻愛吃點心的熊貓。」"),
])
def specific_prompt(answer) -> Verdict:
    """Clear and specific: the prompt names what it is about (with a detail) and how long the reply should be."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    cue = _length_cue(text)
    enough_detail = _detail(text, cue) >= (4 if has_chinese(text) else 2)
    if too_short(text):
        return Verdict(False,
                       "Not yet: this prompt is very short, so Qwen has to guess. Say what it is about and how long "
                       "the reply should be.",
                       "未完成：提示詞太短，Qwen 只好猜測。說明內容是甚麼，回覆要多長。")
    if cue is None and not enough_detail:
        return Verdict(False,
                       "Not yet: Qwen does not know how long to write, or what exactly about. Add a number (\"in "
                       "three sentences\") and a detail (who? what do they like?).",
                       "未完成：Qwen 不知道要寫多長，也不知道要寫甚麼細節。加一個數字（「用三句」）和一個細節"
                       "（是誰？喜歡甚麼？）。")
    if cue is None:
        return Verdict(False,
                       "Nearly! The topic is clear. Now say how long: add a number, like \"in three sentences\" or "
                       "\"in 30 words\".",
                       "差不多了！內容很清楚。現在說明長度：加一個數字，例如「用三句」或者「三十字以內」。")
    if not enough_detail:
        return Verdict(False,
                       f"Nearly! \"{cue}\" tells Qwen how long. Now add a detail about who or what, e.g. not just "
                       "\"a cat\" but \"a cat who is scared of water\".",
                       f"差不多了！「{cue}」說明了長度。現在加一個細節：不只是「一隻貓」，而是「一隻怕水的貓」。")
    note_en, note_zh = _reply_note(answer, text)
    return Verdict(True,
                   f"Clear and specific! \"{cue}\" says how long, and your details say what about. Qwen has much "
                   f"less to guess now.{note_en}",
                   f"清楚又具體！「{cue}」說明了長度，你的細節說明了內容。Qwen 不用再猜測了。{note_zh}")


# --- 1.2 · Giving a role with a system prompt --------------------------------------------------------------

ROLE_CUES = ("you are", "you're", "act as", "pretend to be", "pretend you are", "play the role", "your role",
             "you will be", "be a", "be an", "as a", "as an", "role:",
             "你是", "扮演", "你的角色", "當一個", "做一個", "化身", "假裝你是", "你現在是", "你做", "角色：")
HOW_CUES = ("short", "simple", "easy", "friendly", "kind", "funny", "gentle", "polite", "cheerful", "patient",
            "children", "child", "kids", "kid", "students", "student", "year-old", "year old", "beginners",
            "sentence", "sentences", "words", "always", "never", "only", "don't", "do not", "avoid", "answer",
            "reply", "speak", "talk", "explain", "cantonese", "english", "chinese", "emoji", "emojis", "rhyme",
            "questions", "encourage", "calm", "exciting",
            "簡單", "短", "親切", "友善", "溫柔", "有禮", "有趣", "好笑", "耐心", "開心", "小朋友", "小學生", "學生",
            "兒童", "歲", "句", "字", "總是", "永遠", "不要", "唔好", "只", "回答", "回覆", "講", "說話", "解釋",
            "廣東話", "粵語", "英文", "中文", "語氣", "表情", "鼓勵", "押韻", "淺白")


def _system_text(answer) -> str:
    if not isinstance(answer, str) and hasattr(answer, "system"):   # a Chat remembers its system prompt
        return str(answer.system or "").strip()
    return as_text(answer)


@exercise("1.2", hints=[
    ("A system prompt starts by saying who Qwen is: \"You are ...\".",
     "系統提示詞先講 Qwen 是誰：「你是……」。"),
    ("Then say how to talk: who is listening, how long, and in what mood.",
     "再講要怎樣說話：聽的人是誰、說多長、用甚麼語氣。"),
    ("Try: \"You are a friendly museum guide. Answer in two short sentences for children.\"",
     "試試：「你是一位親切的博物館導賞員。用兩句簡單的話回答小朋友。」"),
])
def role_system_prompt(answer) -> Verdict:
    """A system prompt that gives a role ("You are ...") and says how to answer (who listens, how long, mood)."""
    text = _system_text(answer)
    if is_placeholder(text):
        return NOT_YET
    role = mentions(text, ROLE_CUES)
    how = mentions(text, HOW_CUES)
    if too_short(text):
        return Verdict(False,
                       "Not yet: say who Qwen is (\"You are a ...\") and how it should answer.",
                       "未完成：說出 Qwen 是誰（「你是……」），以及要怎樣回答。")
    if not role or too_short(without(text, ROLE_CUES + HOW_CUES + ("一個", "一位", "a", "an", "the")),
                             english=1, chinese=2):
        return Verdict(False,
                       "Not yet: give Qwen a role. Start with \"You are ...\", e.g. \"You are a pirate captain.\"",
                       "未完成：給 Qwen 一個角色。用「你是……」開始，例如「你是一位海盜船長。」")
    if not how:
        return Verdict(False,
                       "Nearly! Qwen knows who it is. Now say how to answer: who is listening, how long, or in what "
                       "mood (e.g. \"Use two short sentences for children.\").",
                       "差不多了！Qwen 知道自己是誰。現在說明要怎樣回答：聽的人是誰、說多長、用甚麼語氣"
                       "（例如「用兩句簡單的話回答小朋友。」）。")
    return Verdict(True,
                   "Great system prompt! It gives Qwen a role and says how to answer. Every reply will now follow it.",
                   "好的系統提示詞！它給了 Qwen 一個角色，又說明了怎樣回答。之後每個回覆都會跟着它。")


# --- 1.3 · Asking again: a follow-up that says what to change ----------------------------------------------

CHANGE_CUES = ("shorter", "longer", "funnier", "simpler", "easier", "sadder", "happier", "scarier", "sillier",
               "kinder", "braver", "calmer", "more", "less", "fewer", "add", "remove", "change", "rename", "turn",
               "rewrite", "replace", "end", "ending", "title", "poem", "rhyme", "rhyming", "instead", "only",
               "sentence", "sentences", "words", "lines", "year-old", "year old", "english", "chinese", "cantonese",
               "emoji", "emojis", "happy", "sad", "funny", "name", "called", "without", "keep", "give",
               "短", "長", "簡單", "淺白", "有趣", "好笑", "開心", "傷心", "可怕", "加", "刪", "改", "換", "變成",
               "句", "字", "結局", "名字", "標題", "詩", "押韻", "英文", "中文", "廣東話", "表情", "歲", "不要",
               "只", "保留", "多啲", "少啲", "多一點", "少一點", "叫做")
VAGUE = re.compile(r"^(?:please\s+)?(?:make it |do it |try )?(?:better|good|nicer|again|more|another one|"
                   r"one more time|redo|retry)[.!]*$|^(?:請)?(?:再)?(?:好啲|好一點|更好|再來|再試|再寫|重寫|"
                   r"再一次|改好啲|寫好啲)[。！]*$", re.IGNORECASE)


@exercise("1.3", hints=[
    ("The chat remembers the story, so you can say \"it\" or 「它」. Say what to change.",
     "對話會記得剛才的故事，所以你可以說「它」。說明要改甚麼。"),
    ("\"Make it better\" is too vague: Qwen has to guess. Say HOW: shorter, funnier, a new ending, for a 6-year-old.",
     "「寫好啲」太含糊，Qwen 只好估。要說明怎樣改：短一點、好笑一點、換一個結局、給六歲小朋友看。"),
    ("Try: \"Make it shorter: two sentences, and give it a happy ending.\"",
     "試試：「把它改短一點，只用兩句，再加一個開心的結局。」"),
])
def follow_up(answer) -> Verdict:
    """A follow-up in a chat that says exactly what to change, not just "again" or "better"."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if VAGUE.match(text.strip()):
        return Verdict(False,
                       "Not yet: Qwen will write a new reply, but it has to guess what you want. Say how to change "
                       "it: shorter? funnier? a different ending?",
                       "未完成：Qwen 會再寫一次，但它要估你想要甚麼。說明怎樣改：短一點？好笑一點？換個結局？")
    changes = mentions(text, CHANGE_CUES)
    if not changes or too_short(text, english=2, chinese=3):
        return Verdict(False,
                       "Not yet: say what to change in the reply, e.g. \"Make it shorter\" or \"Give it a happy "
                       "ending\".",
                       "未完成：說明回覆要改甚麼，例如「改短一點」或者「換一個開心的結局」。")
    return Verdict(True,
                   "Nice follow-up! It says what to change, and the chat remembers the story, so Qwen knows what "
                   "\"it\" is. Run the next cell and compare the two replies.",
                   "很好的追問！它說明了要改甚麼，而對話記得剛才的故事，所以 Qwen 知道「它」是甚麼。執行下一格，"
                   "比較兩個回覆。")
