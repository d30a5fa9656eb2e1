"""Lesson 11 · How does AI see my drawing? (AI4K12 big idea 1, perception). What the AI noticed and missed in a
drawing (11.1); a better question for ``kit.describe`` (11.2); how AI "sees": numbers and learned patterns (11.3).

The checkers read only the child's own words, never a model's reply, so they judge the same way offline and with
the real Qwen-VL. ``my_picture`` and ``pixel_grid`` are the lesson's small tools: they call no model.
"""

from __future__ import annotations

import re

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short, without, written


def my_picture(pad, fallback: str = "a red kite over a green hill"):
    """The child's drawing, or (while the pad is blank, as it is in a test run) a small picture the kit draws."""
    import kit

    drawing = getattr(pad, "picture", None)
    return drawing if drawing is not None else kit.draw(fallback, seed=1, size="small")


def pixel_grid(picture, size: int = 6) -> list[list[tuple[int, int, int]]]:
    """What a computer "sees": the picture shrunk to size x size squares, each three numbers (red, green, blue)."""
    from io import BytesIO

    from PIL import Image

    data = picture.data if hasattr(picture, "data") else picture
    image = Image.open(BytesIO(data)).convert("RGB").resize((size, size))
    return [[image.getpixel((x, y)) for x in range(size)] for y in range(size)]


def show_grid(picture, size: int = 6):
    """Draw the grid as coloured squares with their numbers, so the child sees the picture and the numbers at once."""
    import matplotlib.pyplot as plt

    grid = pixel_grid(picture, size)
    _figure, axes = plt.subplots(figsize=(5, 5))
    axes.imshow(grid)
    for y, row in enumerate(grid):
        for x, (r, g, b) in enumerate(row):
            ink = "black" if (r + g + b) > 380 else "white"
            axes.text(x, y, f"{r}\n{g}\n{b}", ha="center", va="center", fontsize=7, color=ink)
    axes.set_xticks([])
    axes.set_yticks([])
    plt.show()


# --- 11.1 · noticed and missed ------------------------------------------------------------------------------------

NOTICED = ("noticed", "notice", "saw", "sees", "see", "found", "got", "said", "knew", "spotted", "right", "correct",
           "看到", "注意到", "發現", "說對", "說了", "知道", "認出", "找到")
MISSED = ("missed", "miss", "didn't", "did not", "not", "never", "forgot", "wrong", "couldn't", "could not", "no",
          "沒有", "不知道", "看不到", "看不出", "漏了", "錯", "不", "忘記")
NEGATED = re.compile(r"\b(?:didn't|did not|not|never|couldn't|could not|can't|cannot)\s+\w+", re.IGNORECASE)
NEGATED_ZH = ("沒有看到", "沒有注意到", "沒有發現", "沒有說", "不知道", "看不到", "看不出")


@exercise("11.1", hints=[
    (("Read what the AI said. Which part was right about your drawing? Which part of your drawing did it not talk "
      "about?"), "讀一讀 AI 說了甚麼。哪一部分說對了你的畫？你的畫有哪一部分它沒有說到？"),
    ("Write two things: one it noticed (\"It noticed ...\") and one it missed (\"It missed ...\").",
     "寫兩樣東西：一樣它注意到的（「它注意到……」），一樣它沒有看到的（「它沒有看到……」）。"),
    ("Try: \"It noticed the green hill. It missed that my kite is flying in the wind.\"",
     "試試：「它注意到綠色的山。它沒有看到我的風箏在風中飛。」"),
])
def noticed_and_missed(answer) -> Verdict:
    """One thing the AI noticed in the drawing and one it missed, in the child's own words."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if too_short(text, english=5, chinese=7):
        return Verdict(False, "Not yet: write a whole sentence: one thing the AI noticed, and one thing it missed.",
                       "未完成：寫一句完整的句子：一樣 AI 注意到的東西，和一樣它沒有看到的東西。")
    noticed = mentions(without(NEGATED.sub(" ", text), NEGATED_ZH), NOTICED)   # "did not see" is not noticing
    missed = mentions(text, MISSED)
    if not noticed or not missed:
        half = "one it missed" if noticed else "one it noticed"
        half_zh = "一樣它沒有看到的" if noticed else "一樣它注意到的"
        return Verdict(False, f"Nearly! Now add the other half: {half}.", f"差不多了！再加上另一半：{half_zh}。")
    return Verdict(True,
                   "Good looking! You compared what the AI said with what you meant. People see ideas and stories; "
                   "the AI only finds what its numbers and patterns show.",
                   "看得很仔細！你比較了 AI 說的和你想畫的。人看到的是意思和故事；AI 只找到數字和規律顯示的東西。")


# --- 11.2 · a better question -------------------------------------------------------------------------------------

QUESTION_WORDS = ("what", "where", "which", "who", "how", "why", "is", "are", "does", "do", "can",
                  "甚麼", "哪裏", "哪", "誰", "怎樣", "為甚麼", "嗎", "幾", "是不是", "有沒有")
VAGUE = re.compile(r"^\W*(?:what (?:is|'s) (?:this|that|it)|what do you see|what can you see|describe (?:it|this))"
                   r"\W*$|^\W*(?:這|那|它)?(?:是)?(?:甚麼|你看到甚麼)[來的呀啊呢㗎嘢]*\W*$", re.IGNORECASE)


@exercise("11.2", hints=[
    ("\"What is this?\" lets the AI guess anything. Ask about ONE part of your drawing.",
     "「這是甚麼？」讓 AI 隨便估。問你的畫的「一個」部分吧。"),
    ("Name the thing and ask about it: its colour, where it is, what it is doing or feeling.",
     "說出那樣東西，再問它的事：顏色、在哪裏、在做甚麼、有甚麼感受。"),
    ("Try: \"What is the animal in the middle of my drawing doing?\"",
     "試試：「我的畫中間的動物在做甚麼？」"),
])
def better_question(answer) -> Verdict:
    """A question for ``kit.describe(picture, question=...)`` about one named part of the drawing."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if VAGUE.search(written(text)):
        return Verdict(False,
                       "Not yet: that question lets the AI guess anything. Ask about one thing in your drawing.",
                       "未完成：這個問題讓 AI 隨便估。問你的畫裏的一樣東西吧。")
    if not ("?" in text or "？" in text or mentions(text, QUESTION_WORDS)):
        return Verdict(False, "Not yet: write a question the AI can answer, ending with \"?\".",
                       "未完成：寫一個 AI 可以回答的問題，用「？」結尾。")
    if too_short(text, english=5, chinese=7):
        return Verdict(False,
                       "Nearly! Say which part of the drawing you mean: its colour, its place, what it is doing.",
                       "差不多了！說出你指的是畫的哪一部分：顏色、位置、它在做甚麼。")
    return Verdict(True,
                   "A clear question: it tells the AI where to look and what to say. Clear questions get more "
                   "useful answers, from people and from AI.",
                   "清楚的問題：它告訴 AI 看哪裏、要說甚麼。問題清楚，人和 AI 的答案都會更有用。")


# --- 11.3 · how AI sees -------------------------------------------------------------------------------------------

CHOICES = {
    "a": ("Not yet: the AI does not know what you meant. It never saw your idea, only your picture.",
          "未完成：AI 不知道你想畫甚麼。它從來沒有看到你的想法，只看到你的畫。"),
    "c": ("Not yet: nobody looks at your drawing for it. A computer does it all, with numbers.",
          "未完成：沒有人替它看你的畫。全部由電腦用數字完成。"),
}


@exercise("11.3", hints=[
    ("Remember the grid of numbers. What does the computer get from your drawing?",
     "記得那個數字方格嗎？電腦從你的畫得到的是甚麼？"),
    ("It learned from many, many pictures. When it sees new numbers, it guesses from the patterns it learned.",
     "它從很多很多圖畫學習。看到新的數字時，它根據學過的規律去估。"),
    ("The answer is \"b\".", "答案是「b」。"),
])
def how_ai_sees(answer) -> Verdict:
    """The choice: AI sees numbers and guesses from patterns it learned (b)."""
    if is_placeholder(answer) or not isinstance(answer, str):
        return NOT_YET
    choice = answer.strip().strip("()（）.。").lower()
    if choice == "b":
        return Verdict(True,
                       "Yes: a drawing is numbers to a computer, and the AI guesses from patterns it learned. So it "
                       "can be wrong, and you know your drawing best.",
                       "對：在電腦眼中，畫就是數字，AI 根據學過的規律去估。所以它可能會錯，最明白你的畫的是你。")
    if choice in CHOICES:
        return Verdict(False, *CHOICES[choice])
    return Verdict(False, "Not yet: answer with one letter: \"a\", \"b\" or \"c\".",
                   "未完成：用一個字母回答：「a」、「b」或「c」。")
