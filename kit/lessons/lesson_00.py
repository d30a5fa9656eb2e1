"""Lesson 00 · Start here: which mode am I in (0.1), and a first prompt (0.2).

The checkers read the answer with the shared reading of ``reading.py`` (English, written Chinese, Cantonese,
filler) and look only at the answer itself, never at a model's reply, so they judge the same way on the offline
practice model and on the real Qwen.
"""

from __future__ import annotations

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short

# --- 0.1 · Which mode am I in? -----------------------------------------------------------------------------

OFFLINE_WORDS = ("offline", "off line", "off-line", "practice", "離線", "練習模型", "練習", "沒有網", "冇網", "🔌")
ONLINE_WORDS = ("online", "on line", "on-line", "dashscope", "qwen", "connected", "real", "internet", "cloud",
                "key", "連線", "在線", "網上", "上網", "真", "金鑰", "通義", "千問")
REPLAY_WORDS = ("replay", "recording", "recorded", "重播", "錄")


def _current_backend() -> str:
    from ..settings import current

    return current().backend


@exercise("0.1", hints=[
    ("Look at the message kit.setup printed, and at the top line of a reply card.",
     "看看 kit.setup 印出的訊息，還有回覆卡最上面的一行。"),
    ("A yellow 🔌 badge on the card means the practice model on this computer answered, with no internet.",
     "卡上有黃色的 🔌 標籤，即是這部電腦裏的練習模型回答，不用上網。"),
    ("If you see the 🔌 badge, type: my_mode = \"offline\". If there is no badge, type: my_mode = \"online\".",
     "見到 🔌 標籤就寫：my_mode = \"離線\"。沒有標籤就寫：my_mode = \"連線\"。"),
])
def which_mode(answer) -> Verdict:
    """Does the child know who answered: the offline practice model or the real Qwen?"""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer).lower()
    said = {
        "offline": bool(mentions(text, OFFLINE_WORDS)),
        "dashscope": bool(mentions(text, ONLINE_WORDS)) and not mentions(text, OFFLINE_WORDS),
        "replay": bool(mentions(text, REPLAY_WORDS)),
    }
    backend = _current_backend()
    if said.get(backend) and sum(said.values()) == 1:
        if backend == "offline":
            return Verdict(True,
                           "Yes! You are in offline mode. The practice model on this computer answers. It is not "
                           "Qwen, but it reacts to your words, so you can learn everything here.",
                           "答對了！你正在用離線模式。回答你的是這部電腦裏的練習模型。它不是 Qwen，但它會跟着你的字詞"
                           "回應，所以這裏的東西你都學得到。")
        if backend == "replay":
            return Verdict(True, "Yes! Replay mode: the answers were recorded earlier by your teacher.",
                           "答對了！這是重播模式：答案是老師之前錄下來的。")
        return Verdict(True, "Yes! You are connected: the real Qwen answers, through your teacher's API key.",
                       "答對了！你已經連線：回答你的是真正的 Qwen，用的是老師的 API 金鑰。")
    if not any(said.values()):
        return Verdict(False,
                       "Not yet: write one word, \"offline\" or \"online\", to say who answered you.",
                       "未完成：寫一個詞，「離線」或者「連線」，說出是誰回答你。")
    if backend == "offline":
        return Verdict(False,
                       "Not yet: look at the reply card again. Do you see the yellow 🔌 offline badge? That means "
                       "the practice model answered, not Qwen.",
                       "未完成：再看看回覆卡。見到黃色的 🔌 離線標籤嗎？即是練習模型回答，不是 Qwen。")
    return Verdict(False,
                   "Not yet: look at the reply card again. It has no 🔌 offline badge, so the real Qwen answered.",
                   "未完成：再看看回覆卡。卡上沒有 🔌 離線標籤，所以是真正的 Qwen 回答。")


# --- 0.2 · My first prompt ---------------------------------------------------------------------------------

ASKING_WORDS = (
    "?", "？", "tell", "write", "what", "who", "why", "how", "when", "where", "which", "can", "could", "would",
    "please", "give", "make", "list", "explain", "describe", "name", "invent", "suggest", "share", "teach",
    "help", "imagine", "create", "draw", "is", "are", "do", "does", "say", "show", "find", "think", "compose",
    "want", "need", "let's", "i'd like",
    "請", "寫", "講", "說", "告訴", "甚麼", "什麼", "乜", "點樣", "怎樣", "為甚麼", "為什麼", "嗎", "呢", "邊",
    "哪", "幾", "介紹", "給", "俾", "畀", "作", "創作", "列出", "解釋", "描述", "想", "可以", "幫", "教",
)
GREETINGS = {"hi", "hello", "hey", "qwen", "你好", "哈囉", "hi qwen", "hello qwen"}


@exercise("0.2", hints=[
    ("Think of something you like: an animal, a food, a game, a place in Hong Kong.",
     "想一樣你喜歡的東西：一種動物、一種食物、一個遊戲、香港一個地方。"),
    ("Now ask Qwen to do something with it: tell, write, explain or list.",
     "然後請 Qwen 為它做一件事：講、寫、解釋，或者列出。"),
    ("Try: \"Tell me a fun fact about pandas.\"",
     "試試：「請告訴我一個關於熊貓的有趣知識。」"),
])
def first_prompt(answer) -> Verdict:
    """A first prompt: a few words that ask for something, not only a greeting."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if text.lower().strip(" !.,?！。，？") in GREETINGS or too_short(text):
        return Verdict(False,
                       "Not yet: that is very short. Qwen can say hello back, but a prompt works best when it asks "
                       "for something. Add what you want, e.g. \"Tell me a fun fact about pandas.\"",
                       "未完成：太短了。Qwen 可以回你一句你好，但提示詞最好是請它做一件事。加上你想要甚麼，例如"
                       "「請告訴我一個關於熊貓的有趣知識。」")
    if not mentions(text, ASKING_WORDS):
        return Verdict(False,
                       "Not yet: say what you want Qwen to do. Start with a word like Tell, Write, Explain or "
                       "What, or end with a question mark.",
                       "未完成：說出你想 Qwen 做甚麼。用「請告訴我」、「寫」、「解釋」或「甚麼」開始，或者用問號結尾。")
    return Verdict(True,
                   "Well done! That is a real prompt: it asks Qwen for something. Run the next cell to read the reply.",
                   "做得好！這是一個真正的提示詞：它請 Qwen 做一件事。執行下一格，看看回覆。")
