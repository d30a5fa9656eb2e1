"""Lesson 09b · AI and me: what every child should know. Where my words go, and what never to type (9b.1); whose
picture it is, famous characters and originality (9b.2); fakes and made-up news (9b.3); how AI sees (numbers) and
learns (from examples), with a tiny model the child teaches (9b.4).

The checkers read only the child's own words or examples, never a model's reply, so they judge the same way on
the offline practice model and on the real Qwen and Wanxiang. ``where_my_words_go``, ``see_numbers`` and ``teach``
are the lesson's small tools: they run on this computer and call no model.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..i18n import current_language
from ..settings import REGION_NAMES, REGIONS, current
from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short

# --- Step 1 · Where my words go --------------------------------------------------------------------------------


def where_my_words_go() -> str:
    """Where a prompt typed now really goes, from the kit's settings, in both languages."""
    settings = current()
    if settings.backend != "dashscope":
        return ("Offline mode: your prompts stay on this computer. Nothing is sent anywhere.\n"
                "離線模式：你的提示詞留在這部電腦，不會傳送到任何地方。")
    region = REGION_NAMES.get(settings.region, settings.region)
    if settings.base_url and settings.base_url.rstrip("/") != REGIONS.get(settings.region, "").rstrip("/"):
        return ("Through your class's gateway: your teacher can read every prompt you type. From there your words "
                f"go to Alibaba Cloud's servers (Model Studio) in the region your teacher chose ({region} by "
                "default).\n"
                "經過班上的課室閘道：老師可以看到你打的每一個提示詞。然後你的文字會傳送到阿里雲（Model Studio）在老師"
                f"選擇的地區的伺服器（預設是 {region}）。")
    return (f"The real Qwen and Wanxiang: every prompt goes over the internet to Alibaba Cloud's servers in "
            f"{region}, where the models run.\n"
            f"真正的通義千問和通義萬相：每一個提示詞都會經互聯網傳送到阿里雲在 {region} 的伺服器，模型在那裏運行。")


# Things a prompt never needs. Each: a pattern, and what it is in both languages.
PRIVATE = (
    (re.compile(r"\b[A-Za-z]{1,2}\d{6}\s*\(?[0-9A]\)?", re.IGNORECASE), "an ID card number", "身份證號碼"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "an e-mail address", "電郵地址"),
    (re.compile(r"(?<!\d)(?:\+?852[\s-]?)?[2-9]\d{3}[\s-]?\d{4}(?!\d)"), "a phone number", "電話號碼"),
    (re.compile(r"\d+\s*(?:號|樓|室)|\b\d+[A-Za-z]?\s+\w+\s+(?:road|street|avenue|lane|path|rd|st)\b|"
                r"\b(?:flat|room|block|floor)\s+\w+", re.IGNORECASE), "a home address", "住址"),
    (re.compile(r"\b(?:school|college|primary|secondary)\b|學校|小學|中學|書院", re.IGNORECASE), "a school's name",
     "學校名稱"),
    (re.compile(r"\bpassword\b|密碼|\bapi[\s_-]?key\b|金鑰", re.IGNORECASE), "a password or key", "密碼或金鑰"),
)
STORY_ASKS = ("story", "write", "poem", "picture", "draw", "card", "birthday", "tell", "make", "describe",
              "故事", "寫", "詩", "圖畫", "畫", "卡", "生日", "講", "描述", "做")


def private_things(text: str) -> list[tuple[str, str]]:
    """What in ``text`` should never be typed into a prompt: (English, Chinese) names of it."""
    return [(en, zh) for pattern, en, zh in PRIVATE if pattern.search(text)]


@exercise("9b.1", hints=[
    ("Read the prompt again: which parts could tell a stranger who Chan Tai Man is, or where to find him?",
     "再讀一次提示詞：哪些部分會讓陌生人知道陳大文是誰，或者去哪裏找到他？"),
    (("Take out the phone number, the address and the school. Change the full name to a first name or a "
      "made-up name. Keep the story idea: a birthday story for a friend who likes football."),
     "刪去電話號碼、地址和學校。把全名改成名字或者虛構的名字。保留故事的點子：為一個喜歡足球的朋友寫生日故事。"),
    ("Try: \"Write a birthday story for my friend Leo, who loves football.\"",
     "試試：「為我的好朋友阿樂寫一個生日故事，他很喜歡踢足球。」"),
])
def safe_prompt(answer) -> Verdict:
    """The birthday prompt rewritten so that it asks for the same story and gives away nothing private."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    found = private_things(text)
    if found:
        return Verdict(False,
                       f"Not yet: your prompt still has {found[0][0]}. Your prompt travels to a computer far "
                       "away: take it out, the story does not need it.",
                       f"未完成：你的提示詞仍然有{found[0][1]}。提示詞會傳送到很遠的電腦：刪去它吧，故事不需要它。")
    if "chan tai man" in text.lower() or "陳大文" in text:
        return Verdict(False,
                       "Nearly! A full name tells a stranger exactly who someone is. Use a first name or a made-up "
                       "name instead.",
                       "差不多了！全名會讓陌生人知道那個人是誰。改用名字或者虛構的名字吧。")
    if too_short(text, english=5, chinese=8) or not mentions(text, STORY_ASKS):
        return Verdict(False,
                       "Not yet: keep asking for the story: \"Write a birthday story for my friend ...\"",
                       "未完成：仍然要請它寫故事：「為我的朋友……寫一個生日故事」。")
    return Verdict(True,
                   "Safe to send: it asks for the same story and gives away nothing that could find a real person. "
                   "That is the rule for every prompt you type.",
                   "可以傳送了：它請 AI 寫同一個故事，卻沒有透露任何可以找到真實的人的資料。每一個提示詞都要這樣。")


# --- Step 2 · Whose picture is it? ----------------------------------------------------------------------------

FAMOUS = (
    "doraemon", "pikachu", "pokemon", "pokémon", "mickey", "minnie", "hello kitty", "mcdull", "mcmug", "snoopy",
    "elsa", "anna", "olaf", "spider-man", "spiderman", "batman", "superman", "mario", "luigi", "sonic",
    "peppa", "bluey", "shin-chan", "shin chan", "conan", "totoro", "kirby", "minion", "minions", "stitch",
    "harry potter", "winnie", "pooh", "sanrio", "my melody", "kuromi", "lego", "disney", "marvel", "nintendo",
    "多啦a夢", "叮噹", "比卡超", "寵物小精靈", "米奇", "米妮", "吉蒂貓", "麥兜", "麥嘜", "史努比", "冰雪奇緣",
    "蜘蛛俠", "蝙蝠俠", "超人", "孖寶", "蠟筆小新", "柯南", "龍貓", "小黃人", "哈利波特", "小熊維尼", "迪士尼",
)
DESCRIBING = (
    "with", "who", "wearing", "loves", "likes", "has", "small", "big", "little", "tiny", "giant", "brave", "shy",
    "red", "blue", "green", "yellow", "purple", "orange", "pink", "striped", "spotted", "fluffy", "named", "called",
    "戴", "穿", "喜歡", "愛", "有", "小", "大", "勇敢", "害羞", "紅", "藍", "綠", "黃", "紫", "橙", "粉紅", "條紋",
    "斑點", "毛茸茸", "叫", "名叫", "一隻", "一個", "一位",
)


@exercise("9b.2", hints=[
    ("A famous character belongs to the people who made it. Judges look for YOUR idea. Invent a new hero instead.",
     "有名的角色屬於創作它的人。評審想看「你」的點子。自己創作一個新的主角吧。"),
    ("Say what your hero is, and two things that make it different: a colour, something it wears, something it loves.",
     "說出你的主角是甚麼，再加兩樣令它與別不同的東西：顏色、穿戴甚麼、喜歡甚麼。"),
    ("Try: \"a small blue robot with a yellow umbrella who loves Hong Kong egg tarts, flying over Victoria Harbour\"",
     "試試：「一個拿着黃色雨傘、很喜歡吃蛋撻的藍色小機械人，在維多利亞港上空飛」"),
])
def own_character(answer) -> Verdict:
    """A picture prompt with a hero the child invented: no famous character, and two or more things that make it
    theirs."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    famous = mentions(text.lower(), FAMOUS)
    if famous:
        return Verdict(False,
                       f"Not yet: \"{famous[0]}\" belongs to the people who made it. The safety filter may stop it, "
                       "and judges look for your own idea. Invent your own hero.",
                       f"未完成：「{famous[0]}」屬於創作它的人。安全過濾可能會阻止它，而且評審想看你自己的點子。"
                       "創作你自己的主角吧。")
    if too_short(text, english=6, chinese=10) or len(mentions(text.lower(), DESCRIBING)) < 2:
        return Verdict(False,
                       "Nearly! Tell more about your hero, so it is really yours: a colour, something it wears, "
                       "something it loves.",
                       "差不多了！多說一點你的主角，讓它真正屬於你：顏色、穿戴甚麼、喜歡甚麼。")
    return Verdict(True,
                   "An original hero: nobody else has this one. That is what judges mean by creativity and "
                   "originality, and it is yours.",
                   "原創的主角：別人沒有這一個。評審說的創意和原創性就是這樣，而且它是屬於你的。")


# --- Step 3 · Real or made up? --------------------------------------------------------------------------------

CAREFUL = (
    "stop", "check", "ask", "tell", "not share", "don't share", "do not share", "won't share", "wouldn't share",
    "not forward", "don't forward", "do not forward", "delete", "report", "source", "not send", "don't send",
    "do not send", "think", "find out",
    "停", "查", "問", "告訴", "不分享", "不要分享", "不會分享", "不轉發", "不要轉發", "不會轉發", "刪除", "舉報", "來源",
    "想一想", "不傳",
)
SPREAD = re.compile(r"(?<!not )(?<!n't )(?<!never )\b(?:share|forward|send it|post)\b|(?<![不沒別])(?:分享|轉發|傳給|上載)",
                    re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|never|don't|won't|wouldn't|no)\b[^.!?]{0,20}\b(?:share|forward|send|post)\b|"
                     r"[不沒別][會要]?(?:分享|轉發|傳|上載)", re.IGNORECASE)


@exercise("9b.3", hints=[
    ("A computer can make a picture of something that never happened, in seconds. What do you do before you believe it?",
     "電腦可以在幾秒內畫出從來沒有發生過的事。相信之前，你會做甚麼？"),
    ("Stop, think, check: who made it? Is it somewhere trusted? And who could it hurt if you send it on?",
     "停一停、想一想、查一查：誰做的？可信的地方有沒有報道？轉發的話會傷害誰？"),
    ("Try: \"I would not share it. I would ask my teacher or a grown-up whether it is real.\"",
     "試試：「我不會轉發。我會問老師或大人這是不是真的。」"),
])
def before_sharing(answer) -> Verdict:
    """What I do with a surprising picture of a real person: stop, check, tell an adult; not spread it."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if too_short(text, english=4, chinese=6):
        return Verdict(False, "Not yet: write a whole sentence: what would you do, and what would you NOT do?",
                       "未完成：寫一句完整的句子：你會做甚麼？不會做甚麼？")
    if SPREAD.search(text) and not NEGATED.search(text):
        return Verdict(False,
                       "Not yet: if it is fake, sending it on spreads the lie and can hurt the person in it. Stop "
                       "first: what would you check, and whom would you ask?",
                       "未完成：如果它是假的，轉發就會散播謊言，也會傷害圖中的人。先停一停：你會查甚麼？會問誰？")
    if not mentions(text.lower(), CAREFUL):
        return Verdict(False,
                       "Nearly! Say what you would do: stop, check where it came from, or ask a grown-up.",
                       "差不多了！說出你會做甚麼：停一停、查查它從哪裏來，或者問大人。")
    return Verdict(True,
                   "Stop, think, check: that is what careful people do with a surprising picture or news. A fake of "
                   "a real person can hurt them, so it is never shared and never made.",
                   "停一停、想一想、查一查：細心的人看到驚人的圖畫或新聞都會這樣做。真實的人的假圖畫會傷害他們，所以不轉發，"
                   "也不製作。")


# --- Step 4 · How AI sees and learns --------------------------------------------------------------------------

def see_numbers(picture, size: int = 8) -> list[list[int]]:
    """What a computer "sees": the picture as a small grid of brightness numbers (0 black .. 255 white)."""
    from io import BytesIO

    from PIL import Image

    data = picture.data if hasattr(picture, "data") else picture
    image = Image.open(BytesIO(data)).convert("L").resize((size, size))
    return [[image.getpixel((x, y)) for x in range(size)] for y in range(size)]


def brightness(picture) -> int:
    """The average of those numbers: one clue a computer can "see" (day pictures are brighter than night ones)."""
    grid = see_numbers(picture, 16)
    return round(sum(map(sum, grid)) / (16 * 16))


_WORD = re.compile(r"[a-z']+|[\u3400-\u9fff]")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(str(text).lower())


@dataclass
class TinyModel:
    """A model the child teaches: it counts which words came with which label, and guesses from those counts."""

    counts: dict[str, Counter]

    def guess(self, sentence: str) -> str:
        scores = {label: sum(counter[t] for t in _tokens(sentence)) for label, counter in self.counts.items()}
        best = max(scores.values(), default=0)
        winners = [label for label, score in scores.items() if score == best]
        return winners[0] if best and len(winners) == 1 else "?"

    def __repr__(self) -> str:
        learned = ", ".join(f"{label}: {', '.join(w for w, _ in c.most_common(5))}" for label, c in self.counts.items())
        return f"TinyModel(learned {learned})"


def teach(examples: dict[str, list[str]]) -> TinyModel:
    """Learn from labelled examples, e.g. ``{"happy": [...], "sad": [...]}``: the words each label comes with."""
    return TinyModel({str(label): Counter(t for s in sentences for t in _tokens(s))
                      for label, sentences in (examples or {}).items()})


# New sentences the model never saw, in the lesson's language: it must get them right from what it learned.
TEST = {
    "en": {"happy": ("We laughed and played all day at the beach.", "What a fun party, we smiled and laughed."),
           "sad": ("She cried because her kite was lost.", "He was sad and alone when his dog was lost.")},
    "zh-Hant": {"happy": ("今天很開心，我們一起笑着玩。", "生日會很好玩，大家都笑了。"),
                "sad": ("他很傷心，哭了，因為小狗不見了。", "她一個人哭，很難過。")},
}


@exercise("9b.4", hints=[
    ("A model learns only from the examples you give it. Give it at least three happy and three sad sentences.",
     "模型只會從你給它的例子學習。給它最少三句開心的句子和三句傷心的句子。"),
    (("It learns WORDS: use the words happy and sad sentences really use: laughed, played, smiled, fun; cried, "
      "lost, alone, tears."),
     "它學的是「字詞」：用開心和傷心的句子真正會用的字：笑、玩、開心；哭、傷心、不見了、孤單。"),
    (("Try: {\"happy\": [\"We laughed and played.\", \"I smiled at the fun party.\", \"We played all day.\"], "
      "\"sad\": [\"I cried when my toy was lost.\", \"He cried alone.\", \"She was sad and cried.\"]}"),
     ("試試：{\"happy\": [\"我們一起笑着玩。\", \"生日會很開心。\", \"我開心得笑了。\"], "
     "\"sad\": [\"我哭了，因為玩具不見了。\", \"他很傷心，哭了。\", \"她一個人哭。\"]}")),
])
def taught_model(answer) -> Verdict:
    """Examples that teach the tiny model well enough to label new happy and sad sentences it never saw."""
    if is_placeholder(answer):
        return NOT_YET
    if not isinstance(answer, dict) or set(answer) != {"happy", "sad"}:
        return Verdict(False, "Not yet: give two lists of examples: {\"happy\": [...], \"sad\": [...]}.",
                       "未完成：給兩組例子：{\"happy\": [...], \"sad\": [...]}。")
    if any(is_placeholder(str(s)) for items in answer.values() if isinstance(items, (list, tuple)) for s in items):
        return NOT_YET
    small = [label for label, items in answer.items()
             if not isinstance(items, (list, tuple)) or len([s for s in items if str(s).strip()]) < 3]
    if small:
        return Verdict(False,
                       f"Not yet: \"{small[0]}\" needs at least three example sentences. A model with few examples "
                       "learns very little.",
                       f"未完成：「{small[0]}」最少要有三句例句。例子太少，模型學到的就很少。")
    model = teach(answer)
    tests = TEST["zh-Hant" if current_language() == "zh-Hant" else "en"]
    wrong = [(label, s) for label, sentences in tests.items() for s in sentences if model.guess(s) != label]
    if wrong:
        label, sentence = wrong[0]
        return Verdict(False,
                       f"Nearly! Your model learned, but it got \"{sentence}\" wrong (it is {label}). Add examples "
                       "with the words such sentences use.",
                       f"差不多了！你的模型學到了一些，但「{sentence}」答錯了（它是 {label}）。加一些用上這類字詞的例子吧。")
    return Verdict(True,
                   "Your model learned from your examples and labelled four sentences it never saw. That is machine "
                   "learning: good examples in, good guesses out; poor or unfair examples, poor guesses.",
                   "你的模型從你的例子學習，並為四句從未見過的句子分類。這就是機器學習：例子好，猜得好；例子差或不公平，"
                   "就猜得差。")
