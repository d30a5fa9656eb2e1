"""Lesson 08 · Capstone: my picture card (special educational needs): a card with a picture, a title and a
sentence, made in the picture studio (8.1), and one sentence about the picture in the child's own words (8.2).

Every verdict is short, warm and plain: one thing to do next, never a list. The checkers read the card's saved
data and the child's words only, so they judge the same way offline and with the real Wanxiang.
"""

from __future__ import annotations

import re

from . import Verdict, exercise
from .reading import NOT_YET, as_text, chinese_chars, has_chinese, is_placeholder, words
from .using_ai import UNKIND

TITLE_WORDS, TITLE_CHARS = 8, 14
SENTENCE_WORDS, SENTENCE_CHARS = 25, 40
PRIVATE = re.compile(r"\d{8}|\d{4}[ -]\d{4}|@\w|\b(?:flat|room|block)\s+\d", re.IGNORECASE)   # phone, e-mail, address


def _size(text: str) -> int:
    return len(chinese_chars(text)) + len(words(text)) if has_chinese(text) else len(words(text))


# --- 8.1 · My picture card ----------------------------------------------------------------------------------

@exercise("8.1", hints=[
    ("Answer the six questions with the big buttons. One button each time.",
     "用大按鈕回答六條問題。每次按一個按鈕。"),
    ("Press 🎨 Draw my picture. Then type a short title in the ✏️ Title of my card box.",
     "按 🎨 畫我的圖畫。然後在 ✏️「圖畫卡的標題」那一格打一個短短的標題。"),
    ("Press 💾 Make my card. Then run this cell again.",
     "按 💾 製作我的圖畫卡。然後再執行這一格。"),
])
def picture_card(answer) -> Verdict:
    """A picture card with a picture, a short title and a sentence. The studio itself may be given."""
    if answer is None or isinstance(answer, str) and is_placeholder(answer):
        return NOT_YET
    if hasattr(answer, "make_card") and hasattr(answer, "card"):      # the studio: look at the card it made
        if answer.card is None:
            return Verdict(False,
                           "Not yet: your card is not made yet. Press 🎨 Draw my picture, type a title, then press 💾 "
                           "Make my card.",
                           "未完成：你的圖畫卡還未做好。按 🎨 畫我的圖畫，打一個標題，再按 💾 製作我的圖畫卡。")
        answer = answer.card
    if not (hasattr(answer, "title") and hasattr(answer, "sentence") and hasattr(answer, "picture")):
        return Verdict(False, "Not yet: give the check your card: kit.check(\"8.1\", studio).",
                       "未完成：把你的圖畫卡交給檢查：kit.check(\"8.1\", studio)。")
    title = str(answer.title or "").strip()
    if not title or "✏" in title:
        return Verdict(False, "Not yet: your card needs a title. Type a short title.",
                       "未完成：你的圖畫卡需要一個標題。打一個短短的標題。")
    if answer.picture is None:
        return Verdict(False, "Nearly! Your card needs a picture. Press 🎨 Draw my picture.",
                       "差不多了！你的圖畫卡需要一幅圖畫。按 🎨 畫我的圖畫。")
    if not str(answer.sentence or "").strip():
        return Verdict(False, "Nearly! Your card needs a sentence. Answer the questions in the studio.",
                       "差不多了！你的圖畫卡需要一句句子。在工作室回答問題。")
    if _size(title) > (TITLE_CHARS if has_chinese(title) else TITLE_WORDS):
        return Verdict(False, "Nearly! Lovely title. Make it shorter: two to five words are best.",
                       "差不多了！標題很好。短一點會更好：兩至七個字最合適。")
    return Verdict(True,
                   f"Well done! Your card has a picture, a title (\"{title}\") and a sentence. 🎉",
                   f"做得好！你的圖畫卡有圖畫、標題（「{title}」）和句子。🎉")


# --- 8.2 · My own words -------------------------------------------------------------------------------------

@exercise("8.2", hints=[
    ("Look at your picture. Who is in it?", "看看你的圖畫。圖畫裏有誰？"),
    ("How do they feel? What are they doing?", "他覺得怎樣？他在做甚麼？"),
    ("Try: \"Pan Pan is happy at the beach!\"", "試試：「盼盼在海灘很開心！」"),
])
def own_words(answer) -> Verdict:
    """One short, kind sentence about the picture, in the child's own words (a helper may write them down)."""
    if hasattr(answer, "sentence") and not isinstance(answer, str):
        answer = answer.sentence
    if is_placeholder(answer):
        return NOT_YET
    if not isinstance(answer, str):
        return Verdict(False, "Not yet: write your words between quotes: my_words = \"...\"",
                       "未完成：把你的話寫在引號裏面：my_words = \"...\"")
    text = as_text(answer)
    if PRIVATE.search(text):
        return Verdict(False, "Not yet: no phone numbers or addresses on a card. Say something about your picture.",
                       "未完成：圖畫卡上不可以寫電話號碼或地址。說說你的圖畫吧。")
    lowered = text.lower()
    if any(word in lowered for word in UNKIND if has_chinese(word)) or set(words(text)) & set(UNKIND):
        return Verdict(False, "Nearly! Use kind words. How does your friend in the picture feel?",
                       "差不多了！用友善的字詞。圖畫裏的朋友覺得怎樣？")
    size = _size(text)
    if size == 0:
        return Verdict(False, "Not yet: say one word about your picture, like \"Happy!\"",
                       "未完成：說一個關於你的圖畫的詞語，例如「開心！」")
    if size <= (4 if has_chinese(text) else 2):      # one word (「開心」, "Sad") is a whole answer for an SEN pupil
        return Verdict(True, "Lovely! One word can say it all. It is your own, and it will go on your card.",
                       "很好！一個詞語也可以說出很多。這是你自己的話，它會放在你的圖畫卡上。")
    if size > (SENTENCE_CHARS if has_chinese(text) else SENTENCE_WORDS):
        return Verdict(False, "Nearly! That is a lot of words. One short sentence fits the card best.",
                       "差不多了！字很多呢。一句短短的句子最適合圖畫卡。")
    return Verdict(True, "Lovely words! They are your own. They will go on your card.",
                   "很好的句子！這是你自己的話。它會放在你的圖畫卡上。")
