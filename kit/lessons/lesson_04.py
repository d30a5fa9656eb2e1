"""Lesson 04 · Drawing with Wanxiang: a picture prompt with a subject, a setting and a style (4.1), a negative
prompt that leaves things out (4.2), and a picture of the asked size, a wide banner (4.3).

The checkers read the child's prompt and what is certain about a ``Picture`` (its negative prompt, its style, its
width and height), never what the picture looks like, so they judge the same way offline and online. The word
lists are the lesson's own (English and Hong Kong Chinese), not the offline painter's vocabulary, so a child who
names something the practice model cannot draw ("a pangolin in a cha chaan teng") still passes.
"""

from __future__ import annotations

import re

from . import Verdict, exercise
from .reading import NOT_YET, as_text, has_chinese, is_placeholder, mentions, too_short, words

# --- word lists ------------------------------------------------------------------------------------------------

STYLE_CUES = (
    "watercolour", "watercolor", "sketch", "pencil", "cartoon", "ink painting", "ink", "chinese painting",
    "pixel art", "pixel", "oil painting", "oil", "crayon", "flat illustration", "flat", "comic", "anime", "manga",
    "3d", "clay", "claymation", "photo", "photograph", "realistic", "picture book", "storybook", "papercut",
    "paper cut", "collage", "chalk", "pastel", "origami", "pop art", "stained glass", "mosaic", "graffiti",
    "illustration", "style", "vector", "lego", "marker", "felt tip", "woodcut", "ukiyo-e",
    "水彩", "素描", "鉛筆", "卡通", "水墨", "國畫", "中國畫", "像素", "油畫", "蠟筆", "木顏色", "平面", "漫畫", "動漫",
    "插畫", "繪本", "剪紙", "黏土", "立體", "照片", "相片", "寫實", "粉彩", "版畫", "拼貼", "風格", "畫風", "粉筆",
)
PLACE_CUES = (
    "forest", "woods", "jungle", "beach", "seaside", "sea", "ocean", "harbour", "harbor", "river", "lake", "pond",
    "mountain", "hill", "park", "garden", "school", "classroom", "playground", "street", "road", "city", "town",
    "village", "market", "shop", "restaurant", "kitchen", "bedroom", "room", "home", "house", "castle", "palace",
    "space", "moon", "planet", "sky", "clouds", "underwater", "desert", "island", "farm", "field", "meadow", "snow",
    "cave", "library", "museum", "zoo", "station", "train", "bus", "ferry", "boat", "ship", "temple", "bridge",
    "rooftop", "roof", "tower", "pier", "cha chaan teng", "hong kong", "victoria harbour", "lion rock", "the peak",
    "mong kok", "sai kung", "lantau", "cheung chau", "tsim sha tsui", "stanley", "central", "night market",
    "country park", "waterfall", "volcano", "swimming pool", "stage", "tent", "treehouse", "nest", "igloo",
    "森林", "樹林", "叢林", "海邊", "沙灘", "海灘", "大海", "海港", "海", "河", "湖", "池塘", "山", "公園", "花園",
    "學校", "課室", "操場", "街", "街道", "馬路", "城市", "市區", "村", "市場", "街市", "商店", "茶餐廳", "餐廳", "酒樓",
    "廚房", "睡房", "房間", "家", "屋", "城堡", "宮殿", "太空", "月球", "月亮上", "星球", "天空", "雲上", "海底", "水底",
    "沙漠", "島", "農場", "田野", "草地", "草原", "雪地", "山洞", "圖書館", "博物館", "動物園", "車站", "火車", "巴士",
    "渡輪", "天星小輪", "船", "廟", "橋", "天台", "塔", "碼頭", "香港", "維港", "維多利亞港", "獅子山", "山頂", "旺角",
    "西貢", "大嶼山", "長洲", "尖沙咀", "赤柱", "中環", "夜市", "郊野公園", "瀑布", "火山", "泳池", "舞台", "帳篷",
)
PLACE_PHRASE = re.compile(r"\b(?:in|at|on|under|inside|near|by|over|above|beside|through|across|around|into|"
                          r"outside|among|behind)\s+(?:an?|the|some|my|our|his|her|their)?\s*[a-z]{3,}",
                          re.IGNORECASE)
PLACE_ZH = re.compile(r"[在喺][^，。,.！？]{1,12}?(?:上|裏|裡|中|內|下|邊|旁|外|前|後|頂|底|附近|之間)")
MOOD_CUES = (
    "happy", "cheerful", "joyful", "cosy", "cozy", "calm", "peaceful", "quiet", "scary", "spooky", "exciting",
    "magical", "dreamy", "sad", "lonely", "funny", "silly", "brave", "gentle", "warm", "bright", "dark", "sunny",
    "rainy", "snowy", "stormy", "foggy", "night", "sunset", "sunrise", "morning", "evening", "cute", "mysterious",
    "開心", "快樂", "歡樂", "溫馨", "平靜", "寧靜", "安靜", "恐怖", "可怕", "刺激", "神奇", "夢幻", "傷心", "孤單",
    "好笑", "有趣", "勇敢", "溫柔", "溫暖", "明亮", "黑暗", "晴天", "下雨", "雨", "下雪", "雪", "霧", "晚上", "夜晚",
    "黃昏", "日落", "日出", "早上", "可愛", "神秘",
)
SUBJECT_CUES = (
    "cat", "kitten", "dog", "puppy", "rabbit", "bunny", "bird", "parrot", "owl", "fish", "dragon", "panda",
    "elephant", "robot", "child", "children", "kid", "girl", "boy", "friend", "grandma", "grandpa", "teacher",
    "tiger", "lion", "monkey", "bear", "fox", "turtle", "dolphin", "whale", "shark", "penguin", "frog", "duck",
    "horse", "unicorn", "dinosaur", "monster", "fairy", "wizard", "princess", "prince", "knight", "pirate",
    "astronaut", "alien", "ghost", "snowman", "butterfly", "bee", "ant", "mouse", "pig", "cow", "sheep", "chicken",
    "hamster", "pangolin", "porcupine", "car", "taxi", "tram", "rocket", "spaceship", "kite", "balloon", "tree",
    "flower", "cake", "egg tart", "dim sum", "lantern", "mooncake", "house", "castle", "boat",
    "貓", "狗", "兔", "鳥", "鸚鵡", "貓頭鷹", "魚", "龍", "熊貓", "大象", "機械人", "機器人", "小朋友", "小孩", "女孩",
    "男孩", "女仔", "男仔", "朋友", "婆婆", "公公", "老師", "老虎", "獅子", "猴子", "熊", "狐狸", "烏龜", "海龜",
    "海豚", "鯨魚", "鯊魚", "企鵝", "青蛙", "鴨", "馬", "獨角獸", "恐龍", "怪獸", "仙女", "巫師", "公主", "王子", "騎士",
    "海盜", "太空人", "外星人", "鬼", "雪人", "蝴蝶", "蜜蜂", "螞蟻", "老鼠", "豬", "牛", "羊", "雞", "倉鼠", "穿山甲",
    "車", "的士", "電車", "火箭", "太空船", "風箏", "氣球", "樹", "花", "蛋糕", "蛋撻", "點心", "燈籠", "月餅",
)
ARTICLE_START = re.compile(r"^\s*(?:an?|the|one|two|three|four|five|some|my|our)\s+[a-z]", re.IGNORECASE)
COUNT_ZH = re.compile(r"[一兩二三四五六七八九十幾][隻個條位架艘棵朵座輛頭群班對粒顆間]")


def style_cue(text: str, picture=None) -> list[str]:
    found = mentions(text, STYLE_CUES)
    style = getattr(picture, "style", None)
    return found + [style] if style else found


NOT_PLACES = {"style", "colour", "colours", "color", "colors", "black", "white", "front", "love", "time", "mood",
              "pencil", "crayon", "crayons", "pixels"}


def place_cue(text: str) -> list[str]:
    """Where the picture happens: a place word, "in/at/on the ...", or 「在……上／裏」 (not "in watercolour")."""
    found = mentions(text, PLACE_CUES)
    for match in PLACE_PHRASE.finditer(text):
        noun = match.group(0).split()[-1].lower()
        if noun not in NOT_PLACES and not mentions(noun, STYLE_CUES):
            found.append(match.group(0))
    found += [m.group(0) for m in PLACE_ZH.finditer(text)]
    return found


def subject_cue(text: str) -> bool:
    """Is someone or something in the picture? A known subject word, "a ..." at the start, 「一隻……」, or
    enough words left once the setting, style and mood are taken out."""
    if mentions(text, SUBJECT_CUES) or ARTICLE_START.match(text) or COUNT_ZH.search(text):
        return True
    rest = text.lower()
    for cue in sorted(STYLE_CUES + PLACE_CUES + MOOD_CUES, key=len, reverse=True):
        rest = rest.replace(cue, " ")
    rest = PLACE_PHRASE.sub(" ", rest)
    filler = {"a", "an", "the", "in", "at", "on", "of", "with", "and", "draw", "picture", "painting", "style"}
    if has_chinese(rest):
        return len(re.findall(r"[\u3400-\u9fff]", re.sub(r"[的在喺和與畫一幅張]", "", rest))) >= 2
    return len([w for w in words(rest) if w not in filler]) >= 1


# --- 4.1 · Subject, setting, style -----------------------------------------------------------------------------

@exercise("4.1", hints=[
    ("A picture prompt is like a recipe: WHO or WHAT is in the picture, WHERE it is, and HOW it is drawn.",
     "圖畫提示詞就像食譜：圖畫裏有「誰或甚麼」、在「哪裏」、用「甚麼風格」畫。"),
    ("Add a setting with a place word: \"in a forest\", \"on the Star Ferry\", \"at the beach at night\".",
     "用地方的字詞加上場景：「在森林裏」、「在天星小輪上」、「晚上在沙灘上」。"),
    ("Add a style at the end: watercolour, cartoon, crayon, pixel art, ink painting ... (see kit.STYLES).",
     "在最後加上風格：水彩、卡通、蠟筆、像素畫、水墨畫……（看看 kit.STYLES）。"),
    ("Try: \"a happy orange cat on the Star Ferry at sunset, watercolour\"",
     "試試：「一隻開心的橙色貓，黃昏時坐在天星小輪上，水彩畫」"),
])
def picture_recipe(answer) -> Verdict:
    """A picture prompt that names a subject, a setting and a style (a mood is a bonus)."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if too_short(text, english=3, chinese=4):
        return Verdict(False,
                       "Not yet: that is very short. Say who or what is in the picture, where it is, and the style.",
                       "未完成：太短了。說出圖畫裏有誰或甚麼、在哪裏，還有用甚麼風格。")
    has_subject = subject_cue(text)
    has_place = bool(place_cue(text))
    has_style = bool(style_cue(text, answer))
    missing_en = [name for name, ok in (("who or what (the subject)", has_subject),
                                        ("where (the setting)", has_place), ("how it is drawn (a style)", has_style))
                  if not ok]
    missing_zh = [name for name, ok in (("誰或甚麼（主體）", has_subject), ("在哪裏（場景）", has_place),
                                        ("怎樣畫（風格）", has_style)) if not ok]
    if missing_en:
        return Verdict(False,
                       f"Nearly! Your recipe still needs: {', '.join(missing_en)}. "
                       "E.g. \"a red kite over Lion Rock, crayon\".",
                       f"差不多了！你的食譜還欠：{'、'.join(missing_zh)}。例如「一隻紅色風箏在獅子山上空，蠟筆畫」。")
    if mentions(text, MOOD_CUES):
        return Verdict(True,
                       "A full recipe: subject, setting, style, and even a mood or a time of day. Wanxiang knows "
                       "exactly what to draw. Run the next cell to see it.",
                       "完整的食譜：主體、場景、風格，還有氣氛或時間。通義萬相清楚知道要畫甚麼。執行下一格看看。")
    return Verdict(True,
                   "Great recipe: subject, setting and style! Next time, add a mood or a time of day too (happy, "
                   "at night, in the rain). Run the next cell to see it.",
                   "很好的食譜：主體、場景、風格都有！下次再加上氣氛或時間（開心、晚上、下雨）。執行下一格看看。")


# --- 4.2 · A negative prompt ------------------------------------------------------------------------------------

NO_WORDS = re.compile(r"^\s*(?:no|not|without|don't|do not|不要|唔要|沒有|冇|無)\b\s*", re.IGNORECASE)
ITEM_SPLIT = re.compile(r"[,，、;；/]|\band\b|\bor\b|和|及|與|或")


def _items(negative: str) -> list[str]:
    items = []
    for piece in ITEM_SPLIT.split(negative):
        piece = NO_WORDS.sub("", piece.strip()).strip(" .。!！")
        if piece:
            items.append(piece)
    return items


def _also_in_prompt(items: list[str], prompt: str) -> list[str]:
    """Things that are both asked for and left out: the picture gets mixed messages."""
    low = prompt.lower()
    clash = []
    for item in items:
        if has_chinese(item):
            if item in prompt:
                clash.append(item)
        else:
            item_words = [w for w in words(item) if len(w) > 2]
            if item_words and all(re.search(rf"(?<![a-z]){re.escape(w)}s?(?![a-z])", low) for w in item_words):
                clash.append(item)
    return clash


@exercise("4.2", hints=[
    ("A negative prompt is a list of things you do NOT want in the picture. Give it to kit.draw as negative=.",
     "反向提示詞是一張「不想要」的清單。用 negative= 交給 kit.draw。"),
    ("Just list the things, with commas: \"clouds, rain\". You do not need the word \"no\".",
     "直接列出東西，用逗號分開：「雲、雨」。不用寫「不要」。"),
    ("Do not put the same thing in the prompt AND in the negative prompt: Wanxiang gets mixed messages.",
     "不要把同一樣東西同時放進提示詞和反向提示詞：通義萬相會不知道聽哪一個。"),
    ("Try: my_negative = \"clouds\"", "試試：my_negative = \"雲\""),
])
def negative_prompt(answer) -> Verdict:
    """A negative prompt was used: not empty, not the placeholder, and not asking for the same thing as the prompt."""
    if isinstance(answer, str) or answer is None:
        negative, prompt = (answer or ""), ""
    else:
        negative, prompt = (getattr(answer, "negative", None) or ""), as_text(answer)
    if is_placeholder(negative):
        if not negative.strip() and not isinstance(answer, str) and answer is not None:
            return Verdict(False,
                           "Not yet: this picture has no negative prompt. Put the things to leave out in "
                           "my_negative, then run the cell again.",
                           "未完成：這幅圖畫沒有反向提示詞。把不想要的東西寫進 my_negative，再執行一次。")
        return NOT_YET
    items = _items(negative)
    if not items:
        return Verdict(False,
                       "Not yet: name the things to leave out, e.g. \"clouds\".",
                       "未完成：寫出不想要的東西，例如「雲」。")
    clash = _also_in_prompt(items, prompt) if prompt else []
    if clash:
        return Verdict(False,
                       f"Not yet: \"{', '.join(clash)}\" is in the prompt AND in the negative prompt, so Wanxiang "
                       "gets mixed messages. Take it out of one of them.",
                       f"未完成：「{'、'.join(clash)}」同時在提示詞和反向提示詞裏，通義萬相會不知道聽哪一個。從其中一個刪走它。")
    left_out = (getattr(answer, "notes", None) or {}).get("left_out") or []
    seen_en = f" The picture card says it left out: {', '.join(left_out)}." if left_out else ""
    seen_zh = f" 圖畫卡上寫着它略去了：{'、'.join(left_out)}。" if left_out else ""
    tip_en = tip_zh = ""
    if NO_WORDS.match(negative):
        tip_en = " Tip: a negative prompt needs no \"no\": just list the things."
        tip_zh = " 小貼士：反向提示詞不用寫「不要」，直接列出東西就可以。"
    return Verdict(True,
                   f"Well done! You used a negative prompt to leave out: {', '.join(items)}.{seen_en}{tip_en}",
                   f"做得好！你用反向提示詞略去了：{'、'.join(items)}。{seen_zh}{tip_zh}")


# --- 4.3 · The asked size: a wide banner -----------------------------------------------------------------------

def _shape_words(width: int, height: int) -> tuple[str, str]:
    if width == height:
        return "square", "正方形"
    return ("wide (landscape)", "橫向（闊）") if width > height else ("tall (portrait)", "直向（高）")


@exercise("4.3", hints=[
    ("A banner for the class wall is wide: wider than it is tall.",
     "貼在課室牆上的橫額是闊的：闊過高。"),
    ("Look at kit.SIZES: which name is wide? \"square\", \"portrait\" or \"landscape\"?",
     "看看 kit.SIZES：哪一個是闊的？\"square\"（正方形）、\"portrait\"（直向）還是 \"landscape\"（橫向）？"),
    ("Change size=\"small\" to size=\"landscape\" in the line with ✏️, and write your own prompt.",
     "把有 ✏️ 那一行的 size=\"small\" 改成 size=\"landscape\"，再寫你自己的提示詞。"),
    ("Try: banner = kit.draw(\"a dragon boat race on a river at sunrise, cartoon\", size=\"landscape\", seed=8)",
     "試試：banner = kit.draw(\"龍舟在河上比賽，日出，卡通\", size=\"橫向\", seed=8)"),
])
def wide_banner(answer) -> Verdict:
    """A wide picture (landscape) for a banner, with a prompt of the child's own."""
    if isinstance(answer, str):
        from ..errors import KitError
        from ..pictures import parse_size

        if is_placeholder(answer):
            return NOT_YET
        try:
            width, height = parse_size(answer)
        except (KitError, ValueError):
            return Verdict(False, "Not yet: choose one of the sizes in kit.SIZES, e.g. \"landscape\".",
                           "未完成：從 kit.SIZES 選一個尺寸，例如 \"landscape\"（橫向）。")
        prompt = ""
    else:
        width, height = getattr(answer, "width", None), getattr(answer, "height", None)
        if not isinstance(width, int) or not isinstance(height, int):
            return Verdict(False,
                           "Not yet: give the check your picture, the one kit.draw made: kit.check(\"4.3\", banner).",
                           "未完成：把 kit.draw 畫好的圖畫交給檢查：kit.check(\"4.3\", banner)。")
        prompt = as_text(answer)
        if is_placeholder(prompt):
            return Verdict(False,
                           "Not yet: the prompt still has the ✏️ words. Write what your banner shows, and make it "
                           "wide.",
                           "未完成：提示詞仍然是 ✏️ 示範字句。寫出你的橫額要畫甚麼，再把它變闊。")
    en, zh = _shape_words(width, height)
    if width <= height:
        return Verdict(False,
                       f"Not yet: this picture is {width}×{height}, {en}. A banner is wide: use size=\"landscape\".",
                       f"未完成：這幅圖畫是 {width}×{height}，{zh}。橫額要闊：用 size=\"landscape\"（橫向）。")
    return Verdict(True,
                   f"A wide banner: {width}×{height}! Its seed is on the card: use it again to get the very same "
                   "banner.",
                   f"一幅闊闊的橫額：{width}×{height}！圖畫卡上有它的隨機種子：再用同一個隨機種子，就會得到一模一樣的橫額。")
