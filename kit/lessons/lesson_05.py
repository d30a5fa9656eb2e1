"""Lesson 05 · Same character, every page: a character sheet (5.1), asking Qwen to write a page's picture prompt
from the page and the sheet (5.2), and three pages locked to one style and one seed (5.3).

The checkers read the child's words and what is certain about the pictures (style, seed, prompt), never what a
picture looks like, so they judge the same way on the offline practice model and on the real Wanxiang.
"""

from __future__ import annotations

import re
from os.path import commonprefix

from . import Verdict, exercise
from .lesson_04 import SUBJECT_CUES
from .reading import NOT_YET, as_text, has_chinese, is_placeholder, mentions, too_short

COLOUR_CUES = (
    "red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black", "white", "grey",
    "gray", "silver", "gold", "golden", "navy", "turquoise", "rainbow", "striped", "spotty", "spotted",
    "紅", "橙", "黃", "綠", "藍", "紫", "粉紅", "啡", "咖啡色", "棕", "黑", "白", "灰", "銀", "金", "彩虹", "間條",
    "斑點",
)
FEATURE_CUES = (
    "hat", "cap", "scarf", "glasses", "sunglasses", "boots", "shoes", "dress", "shirt", "t-shirt", "jacket", "coat",
    "cape", "backpack", "bag", "bow", "ribbon", "crown", "helmet", "umbrella", "hair", "fur", "feathers", "scales",
    "eyes", "ears", "tail", "wings", "horns", "horn", "paws", "whiskers", "nose", "spots", "stripes", "belly",
    "freckles", "ponytail", "plaits", "braids", "beard", "smile", "uniform", "apron", "mask", "necklace", "badge",
    "small", "tiny", "little", "big", "tall", "round", "fluffy", "chubby", "skinny", "short", "long", "curly",
    "帽", "頸巾", "圍巾", "眼鏡", "太陽眼鏡", "靴", "鞋", "裙", "衫", "外套", "披風", "背囊", "書包", "袋", "蝴蝶結",
    "絲帶", "皇冠", "頭盔", "雨傘", "頭髮", "毛", "羽毛", "鱗", "眼睛", "耳朵", "尾巴", "翼", "翅膀", "角", "爪",
    "鬍鬚", "鼻", "斑點", "條紋", "肚", "雀斑", "馬尾", "辮", "鬍子", "笑容", "校服", "圍裙", "面具", "頸鏈",
    "細小", "小小", "大大", "高高", "圓圓", "毛茸茸", "胖胖", "瘦瘦", "短", "長", "曲髮", "細", "矮",
)
KIND_CUES = SUBJECT_CUES + ("creature", "animal", "person", "kid", "hamster", "hedgehog", "squirrel", "koala",
                            "動物", "人物", "刺蝟", "松鼠", "樹熊", "太空人", "小精靈")


NOT_COLOURS = ("黃昏", "白天", "黑暗", "黑夜", "明白", "金錢", "紅綠燈")


def sheet_parts(text: str) -> dict[str, list[str]]:
    """What a character sheet says: colours, looks (features), and what kind of character it is."""
    plain = text
    for word in NOT_COLOURS:
        plain = plain.replace(word, " ")
    return {"colour": mentions(plain, COLOUR_CUES), "feature": mentions(text, FEATURE_CUES),
            "kind": mentions(text, KIND_CUES)}


def _has_name(text: str) -> bool:
    if has_chinese(text):
        return bool(re.search(r"叫|名叫|名字|^[\u3400-\u9fff]{2,3}[，,是：:]", text))
    first = text.strip().split()[0] if text.strip() else ""
    named = re.search(r"\b(?:called|named)\b", text, re.IGNORECASE)
    return bool(named) or (first[:1].isupper() and first.rstrip(",:").lower() not in {"a", "an", "the", "my", "one"})


# --- 5.1 · A character sheet -------------------------------------------------------------------------------------

@exercise("5.1", hints=[
    (("A character sheet says how your hero LOOKS, so every page draws the same one. Start with who they are: "
     "a name and what kind of creature."),
     "角色設定表寫出主角的「樣子」，每一頁就會畫出同一個主角。先寫主角是誰：名字，還有是甚麼動物或人物。"),
    ("Add at least one colour: \"a purple dragon\", \"a red scarf\".",
     "加上最少一種顏色：「紫色的龍」、「紅色頸巾」。"),
    ("Add one or two things that are easy to spot: golden horns, round glasses, a yellow backpack.",
     "加上一兩樣容易認得的東西：金色的角、圓圓的眼鏡、黃色背囊。"),
    ("Try: my_hero = \"Lulu, a small purple dragon with golden horns and a red scarf\"",
     "試試：my_hero = \"露露，一條細小的紫色龍，有金色的角，戴着紅色頸巾\""),
])
def character_sheet(answer) -> Verdict:
    """A character sheet that names the character's looks (what kind, or a feature) and at least one colour."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    parts = sheet_parts(text)
    if too_short(text, english=4, chinese=6):
        return Verdict(False,
                       "Not yet: a character sheet needs a little more. Say what kind of character, one colour, "
                       "and one thing they wear or have.",
                       "未完成：角色設定表要多寫一點。說出是甚麼角色、一種顏色，還有一樣他戴着或擁有的東西。")
    if not parts["colour"]:
        return Verdict(False,
                       "Nearly! Add at least one colour, e.g. \"a purple dragon\" or \"a red scarf\". Colours are the "
                       "easiest way to spot the same hero on every page.",
                       "差不多了！加上最少一種顏色，例如「紫色的龍」或「紅色頸巾」。顏色最容易令每一頁都認得出同一個主角。")
    if not parts["kind"] and not parts["feature"]:
        return Verdict(False,
                       "Nearly! There is a colour. Now say what your hero looks like: what kind of creature, and one "
                       "thing they have (golden horns, round glasses).",
                       "差不多了！有顏色了。現在說出主角的樣子：是甚麼動物或人物，還有一樣特徵（金色的角、圓圓的眼鏡）。")
    name_en = "" if _has_name(text) else " Tip: give your hero a name too."
    name_zh = "" if _has_name(text) else " 小貼士：也給主角起個名字吧。"
    looks = ", ".join((parts["kind"] + parts["feature"])[:3])
    return Verdict(True,
                   f"A good character sheet: colour ({', '.join(parts['colour'][:3])}) and looks ({looks}). Put it "
                   f"in every picture prompt and your hero stays the same.{name_en}",
                   f"好的角色設定表：有顏色（{'、'.join(parts['colour'][:3])}），也有樣子（{'、'.join((parts['kind'] + parts['feature'])[:3])}）。"
                   f"把它放進每一個圖畫提示詞，主角就會保持一樣。{name_zh}")


# --- 5.2 · Qwen writes the picture prompt ------------------------------------------------------------------------

PICTURE_PROMPT_CUES = ("image prompt", "picture prompt", "drawing prompt", "prompt for a picture",
                       "prompt for an image", "prompt for a drawing", "prompt for an illustration",
                       "prompt for this page", "describe the picture", "describe a picture", "illustration",
                       "text-to-image", "for wanxiang", "for an image", "for a picture",
                       "圖像提示", "圖片提示", "圖畫提示", "繪畫提示", "畫圖提示", "插圖", "畫面", "萬相")
PAGE_CUES = ("page", "scene", "story", "頁", "場景", "故事")


@exercise("5.2", hints=[
    ("Ask Qwen for a picture prompt: start with \"Write an image prompt for this page:\".",
     "請 Qwen 寫圖畫提示詞：用「為這一頁寫一個圖畫提示詞：」開始。"),
    ("Qwen needs two things: the page (page_text) and your character sheet (my_hero). Join them with +.",
     "Qwen 需要兩樣東西：這一頁的文字（page_text）和你的角色設定表（my_hero）。用 + 把它們接起來。"),
    ("Names of boxes go OUTSIDE the quotes: \"... this page: \" + page_text, not \"... page_text\".",
     "盒子的名字要放在引號「外面」：\"……這一頁：\" + page_text，不是 \"……page_text\"。"),
    ("Try: my_request = \"Write an image prompt for this page: \" + page_text + \" Character: \" + my_hero",
     "試試：my_request = \"為這一頁寫一個圖像提示詞：\" + page_text + \"角色：\" + my_hero"),
])
def page_picture_request(answer) -> Verdict:
    """A request to Qwen that asks for a picture prompt and gives it the page and the character sheet."""
    text = as_text(answer)
    if is_placeholder(answer) or not text:
        if text and "✏" in text and mentions(text, PICTURE_PROMPT_CUES) and not text.lstrip().startswith("✏"):
            return Verdict(False,
                           "Not yet: your character sheet in 5.1 still has the ✏️ words. Write your hero there, run "
                           "5.1 again, then this cell.",
                           "未完成：5.1 的角色設定表仍然是 ✏️ 示範字句。先在那裏寫好你的主角，執行 5.1，再執行這一格。")
        return NOT_YET
    if re.search(r"\b(?:my_hero|page_text)\b", text):
        return Verdict(False,
                       "Not yet: the words my_hero or page_text are inside the quotes, so Qwen sees the name of the "
                       "box, not what is in it. Put them outside the quotes and join with +.",
                       "未完成：my_hero 或 page_text 寫了在引號裏面，Qwen 只會看到盒子的名字，看不到裏面的內容。"
                       "把它們放在引號外面，用 + 接起來。")
    if not mentions(text, PICTURE_PROMPT_CUES):
        return Verdict(False,
                       "Not yet: say what you want back: \"Write an image prompt for this page: ...\". Otherwise "
                       "Qwen may just continue the story.",
                       "未完成：說出你想要甚麼：「為這一頁寫一個圖畫提示詞：……」。不然 Qwen 可能只會繼續寫故事。")
    parts = sheet_parts(text)
    if not parts["colour"] or not (parts["kind"] or parts["feature"]):
        return Verdict(False,
                       "Nearly! Qwen knows to write a picture prompt, but not what your hero looks like. Add your "
                       "character sheet: + \" Character: \" + my_hero.",
                       "差不多了！Qwen 知道要寫圖像提示詞，但不知道主角的樣子。加上你的角色設定表：+ \"角色：\" + my_hero。")
    if not mentions(text, PAGE_CUES) and too_short(text, english=18, chinese=26):
        return Verdict(False,
                       "Nearly! The character is there. Now give Qwen the page too, so it knows what is happening: "
                       "\"... for this page: \" + page_text.",
                       "差不多了！主角有了。現在也把這一頁交給 Qwen，它才知道發生甚麼事：\"……這一頁：\" + page_text。")
    return Verdict(True,
                   "Great request! Qwen gets the page and your character sheet, and writes the picture prompt for "
                   "you. Run the next cell, and check that it kept your hero's colours.",
                   "很好的要求！Qwen 收到這一頁和你的角色設定表，會幫你寫圖畫提示詞。執行下一格，看看它有沒有保留主角的顏色。")


# --- 5.3 · Three pages, one look ---------------------------------------------------------------------------------

def _style_zh(name: str) -> str:
    """A style's Chinese name (水彩 for watercolour), for the Chinese half of a verdict."""
    from ..pictures import STYLE_ALIASES

    return next((alias for alias, canonical in STYLE_ALIASES.items()
                 if canonical == name and has_chinese(alias)), name)


def _shared_sheet(prompts: list[str]) -> str:
    """The words every page's prompt starts with (the character sheet, when it is reused)."""
    start = commonprefix([p.strip() for p in prompts]).strip(" ,，")
    return start


@exercise("5.3", hints=[
    ("Every page should use the SAME style and the SAME seed. Right now they are None: nothing is locked.",
     "每一頁都要用「同一個」風格和「同一個」隨機種子。現在它們是 None：甚麼都沒有鎖定。"),
    ("Pick a style from kit.STYLES (in quotes) and any whole number for the seed.",
     "從 kit.STYLES 選一個風格（要加引號），再選一個整數做隨機種子。"),
    ("Try: my_style, my_seed = \"watercolour\", 11", "試試：my_style, my_seed = \"水彩\", 11"),
])
def locked_pages(answer) -> Verdict:
    """Pages that look like one book: the same character sheet, one style and one seed on every page."""
    if is_placeholder(answer):
        return NOT_YET
    if hasattr(answer, "page_boxes"):                     # the page maker: the pages it drew
        if not answer.pages:
            return Verdict(False,
                           "Not yet: the page maker has not drawn your pages. Write your hero and your pages, press "
                           "🎨 Draw my pages, then run this cell again.",
                           "未完成：頁面製作器還未畫出你的每一頁。寫好主角和每一頁，按 🎨 畫出我的每一頁，再執行這一格。")
        answer = answer.pages
    pages = list(answer) if isinstance(answer, (list, tuple)) else []
    if len(pages) < 2 or not all(hasattr(p, "seed") and hasattr(p, "prompt") for p in pages):
        return Verdict(False,
                       "Not yet: give the check all your pages as a list: kit.check(\"5.3\", [page1, page2, page3]).",
                       "未完成：把所有頁面用清單交給檢查：kit.check(\"5.3\", [page1, page2, page3])。")
    prompts = [str(p.prompt) for p in pages]
    if any("✏" in p for p in prompts):
        return Verdict(False,
                       "Not yet: your character sheet in 5.1 still has the ✏️ words. Write your hero there, run 5.1 "
                       "again, then these cells.",
                       "未完成：5.1 的角色設定表仍然是 ✏️ 示範字句。先在那裏寫好你的主角，執行 5.1，再執行這幾格。")
    sheet = _shared_sheet(prompts)
    if too_short(sheet, english=3, chinese=4):
        return Verdict(False,
                       "Not yet: the pages do not share a character sheet. Start every prompt with my_hero, so the "
                       "same hero is drawn on every page.",
                       "未完成：各頁沒有用同一張角色設定表。每個提示詞都用 my_hero 開始，每一頁就會畫出同一個主角。")
    styles = [p.style for p in pages]
    if any(style is None for style in styles):
        missing = ", ".join(str(i) for i, style in enumerate(styles, 1) if style is None)
        return Verdict(False,
                       f"Not yet: page {missing} has no style, so Wanxiang picks a different look each time. Lock "
                       "the style: give my_style a style from kit.STYLES.",
                       f"未完成：第 {missing} 頁沒有風格，通義萬相每次都會畫得不一樣。鎖定風格：給 my_style 一個 kit.STYLES "
                       "裏的風格。")
    if len(set(styles)) > 1:
        return Verdict(False,
                       f"Not yet: the pages use different styles ({', '.join(dict.fromkeys(styles))}). Use one style "
                       "for the whole book.",
                       f"未完成：各頁用了不同的風格（{'、'.join(_style_zh(s) for s in dict.fromkeys(styles))}）。整本書用同一個風格。")
    seeds = [p.seed for p in pages]
    if len(set(seeds)) > 1:
        return Verdict(False,
                       f"Nearly! One style, well done. But the seeds are different ({', '.join(map(str, seeds))}). "
                       "Use the same seed on every page: give my_seed a whole number.",
                       f"差不多了！風格統一了，做得好。但隨機種子不同（{'、'.join(map(str, seeds))}）。每一頁用同一個隨機"
                       "種子：給 my_seed 一個整數。")
    return Verdict(True,
                   f"They look like one book: the same hero, one style ({styles[0]}) and one seed ({seeds[0]}) on "
                   f"every page. Line them up and compare!",
                   f"看起來就是同一本書：同一個主角、同一個風格（{_style_zh(styles[0])}）、同一個隨機種子（{seeds[0]}）。把它們排在"
                   "一起比較一下！")
