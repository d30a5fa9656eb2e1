"""Lesson 02 · Creativity dials: a steady temperature (2.1), what a seed repeats (2.2), and dials for a story
that is lively and can be made again (2.3).

The answers are numbers and a letter, so the checkers never call a model: the same verdict offline and online.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder

MAX_SEED = 2**31 - 1


ZH_DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "兩": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9", "點": "."}


def as_number(value: Any) -> float | None:
    """A number from a number or from text like "0.2", 「零」, 「零點二」 or full-width「０.５」 (children type the
    quotes too, and a Chinese input method gives Chinese numbers and full-width digits)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().strip("\"'「」“”")
    text = "".join(ZH_DIGITS.get(char, char) for char in text).replace("，", ".").replace("。", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _range_problem(temperature: float) -> Verdict | None:
    if temperature < 0 or temperature >= 2:
        return Verdict(False,
                       f"Not yet: {temperature:g} is off the dial. Temperature goes from 0 up to (but not including) 2.",
                       f"未完成：{temperature:g} 超出了刻度。溫度由 0 開始，要小於 2。")
    return None


# --- 2.1 · A steady temperature ----------------------------------------------------------------------------

@exercise("2.1", hints=[
    ("Low temperature: Qwen picks the most likely words, so the reply stays the same. High: it takes chances.",
     "溫度低：Qwen 選最有可能的字，回覆保持一樣。溫度高：它會冒險，選不常見的字。"),
    ("For an answer key you want no surprises. Which end of the dial is that: near 0 or near 2?",
     "答案紙不可以有驚喜。那是刻度的哪一邊：接近 0 還是接近 2？"),
    ("Try: my_temperature = 0", "試試：my_temperature = 0"),
])
def steady_temperature(answer) -> Verdict:
    """A temperature for a quiz answer key: the same reply every time means 0 (or very close to it)."""
    if is_placeholder(answer):
        return NOT_YET
    temperature = as_number(answer)
    if temperature is None:
        return Verdict(False,
                       "Not yet: write a number, like 0.5, on the ✏️ line.",
                       "未完成：在 ✏️ 那一行寫一個數字，例如 0.5。")
    problem = _range_problem(temperature)
    if problem:
        return problem
    if temperature <= 0.3:
        return Verdict(True,
                       f"Yes! At temperature {temperature:g} Qwen picks the safest words, so the answer key comes out "
                       "the same every time.",
                       f"答對了！溫度 {temperature:g} 時，Qwen 會選最穩妥的字，所以答案紙每次都一樣。")
    return Verdict(False,
                   f"Not yet: at {temperature:g} Qwen takes some chances, so the answer key could change each time. "
                   "Turn the dial down, close to 0.",
                   f"未完成：溫度 {temperature:g} 時，Qwen 會冒一點險，答案紙每次都可能不同。把溫度調低，接近 0。")


# --- 2.2 · What a seed repeats -----------------------------------------------------------------------------

def _letter(text: str) -> str:
    """The one letter A, B or C an answer chooses: "B", "(b)", 「答案是 B」, "I think B"; "" if none or several."""
    text = unicodedata.normalize("NFKC", text)       # a Chinese input method may type a full-width Ｂ
    alone = re.findall(r"(?<![A-Za-z])[ABC](?![A-Za-z])", text) or re.findall(r"(?<![A-Za-z])[abc](?![A-Za-z])", text)
    return alone[0].upper() if len({a.upper() for a in alone}) == 1 else ""


@exercise("2.2", hints=[
    (("A seed is like the number on a dice roll you can repeat. Same roll, same answer, but only if NOTHING "
      "else changed."),
     "隨機種子好像一次可以重來的擲骰子。同一次擲骰，同一個答案；但其他東西都要一模一樣。"),
    ("Compare each choice with the first call, letter by letter: the prompt, the temperature and the seed.",
     "把每個選擇和第一個程式逐個字比較：提示詞、溫度、隨機種子。"),
    ("A has a different seed. C has a different prompt. Which one is left?",
     "A 的隨機種子不同。C 的提示詞不同。剩下哪一個？"),
])
def same_seed(answer) -> Verdict:
    """Which call gives the same reply again: only the one with the same prompt, temperature AND seed (B)."""
    if is_placeholder(answer):
        return NOT_YET
    letter = _letter(as_text(answer)) if isinstance(answer, str) else ""
    if letter == "B":
        return Verdict(True,
                       "Yes! B has the same prompt, the same temperature and the same seed, so it is the same dice "
                       "roll: the same reply comes back.",
                       "答對了！B 的提示詞、溫度和隨機種子都一樣，等於同一次擲骰，所以回覆也一樣。")
    if letter == "A":
        return Verdict(False,
                       "Not yet: A changes the seed from 5 to 6. A new seed is a new dice roll, so the reply can "
                       "change. Look again.",
                       "未完成：A 把隨機種子由 5 改成 6。新的隨機種子即是重新擲骰，回覆可能不同。再看一次。")
    if letter == "C":
        return Verdict(False,
                       "Not yet: C looks the same, but its prompt has one more word. A different prompt gives a "
                       "different reply, even with the same seed. Look again.",
                       "未完成：C 看起來一樣，但它的提示詞多了一個字。提示詞不同，即使隨機種子一樣，回覆也會不同。"
                       "再看一次。")
    return Verdict(False,
                   "Not yet: answer with one letter: \"A\", \"B\" or \"C\".",
                   "未完成：用一個字母回答：\"A\"、\"B\" 或 \"C\"。")


# --- 2.3 · Dials for a story -------------------------------------------------------------------------------

@exercise("2.3", hints=[
    ("You need two numbers: a temperature that makes the story lively, and a seed so you can get it again.",
     "你需要兩個數字：一個令故事生動的溫度，和一個隨機種子，讓你可以再得到同一個故事。"),
    (("Lively but still sensible is in the middle of the dial: between 0.7 and 1.5. Any whole number works "
      "as a seed."),
     "生動又合理的溫度在刻度中間：0.7 至 1.5 之間。隨機種子用任何整數都可以。"),
    ("Try: my_dials = {\"temperature\": 1.0, \"seed\": 42}",
     "試試：my_dials = {\"temperature\": 1.0, \"seed\": 42}"),
])
def story_dials(answer) -> Verdict:
    """Dials for a story: a lively temperature (0.7 to 1.5), a whole-number seed, and top_p (if any) in (0, 1]."""
    if is_placeholder(answer):
        return NOT_YET
    if not isinstance(answer, dict):
        return Verdict(False,
                       "Not yet: keep the shape of the example: {\"temperature\": ..., \"seed\": ...}, and put "
                       "numbers where the ✏️ are.",
                       "未完成：保留例子的樣子：{\"temperature\": ..., \"seed\": ...}，把數字放在 ✏️ 的位置。")
    dials = {str(key).strip().lower(): value for key, value in answer.items()}
    temperature = as_number(dials.get("temperature"))
    seed = dials.get("seed")
    if temperature is None:
        return Verdict(False, "Not yet: give \"temperature\" a number, like 1.0.",
                       "未完成：給 \"temperature\" 一個數字，例如 1.0。")
    problem = _range_problem(temperature)
    if problem:
        return problem
    if "top_p" in dials:
        top_p = as_number(dials["top_p"])
        if top_p is None or not 0 < top_p <= 1:
            return Verdict(False, "Not yet: top_p must be a number above 0 and at most 1, like 0.9.",
                           "未完成：top_p 要大過 0，最多是 1，例如 0.9。")
    seed_number = as_number(seed)
    if seed_number is None or seed_number != int(seed_number) or not 0 <= seed_number <= MAX_SEED:
        return Verdict(False,
                       "Not yet: the seed must be a whole number, like 7 or 2024 (no decimal point, not negative).",
                       "未完成：隨機種子要是整數，例如 7 或 2024（不可以有小數點，不可以是負數）。")
    if temperature < 0.7:
        return Verdict(False,
                       f"Nearly! The seed is fine. But at temperature {temperature:g} the story plays it safe and "
                       "can feel flat. Turn it up to between 0.7 and 1.5.",
                       f"差不多了！隨機種子沒問題。但溫度 {temperature:g} 時，故事太穩妥，可能有點悶。把溫度調高到 "
                       "0.7 至 1.5 之間。")
    if temperature > 1.5:
        return Verdict(False,
                       f"Nearly! The seed is fine. But at temperature {temperature:g} the words can start to make "
                       "no sense. Turn it down to between 0.7 and 1.5.",
                       f"差不多了！隨機種子沒問題。但溫度 {temperature:g} 時，句子可能開始亂七八糟。把溫度調低到 "
                       "0.7 至 1.5 之間。")
    return Verdict(True,
                   f"Good dials! Temperature {temperature:g} gives a lively story, and seed {int(seed_number)} lets "
                   "you get the very same story back tomorrow.",
                   f"調得好！溫度 {temperature:g} 令故事生動，隨機種子 {int(seed_number)} 讓你明天也可以取回同一個"
                   "故事。")
