"""The offline practice model: a tiny, deterministic stand-in for Qwen's text model.

Why it exists: many classrooms have no API key or no network, yet children still need to SEE a
model react to their words and settings. This is not a language model. It spots keywords in the
chat (animals, places, names, numbers, formats, a persona), then fills small sentence templates
from word tables, English and Traditional Chinese side by side.

What a lesson can rely on:
- Same messages + settings + seed -> the same text (a private ``random.Random`` seeded by sha256).
- temperature 0 always takes the most common choice, so the seed does not matter. Higher
  temperature picks rarer words; from 1.2 up, whimsical words join in. A small top_p keeps only
  the most common choices, exactly like nucleus sampling does.
- It follows length ("3 sentences", "under 50 words"), formats (lists, JSON, titles, outlines,
  choices, picture prompts), language (Hong Kong Traditional Chinese) and the system persona.
- A picture prompt keeps the character sheet and the page (in either order), the child's own places and
  named style, and takes its light from the page's time of day and weather.
- Worked examples with an open last item (few-shot) get that one item back, in the examples' shape.
- When it does not know something it says it is the offline practice model. It knows one kind, gender-neutral
  sentence about each of a dozen community jobs ("What does a nurse do?").
- The people, food, festivals, transport, places and things a child names (``offline_text_words``) are kept in
  the child's own words, with what the prompt says they do ("a grandmother who taught her grandson to make dim
  sum"; a Chinese premise such as 「婆婆教孫仔整點心」 opens the story), and lists of ideas are about the topic asked.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import offline_text_words as world

__all__ = ["OfflineText", "compose_reply", "count_tokens"]


@dataclass(frozen=True)
class OfflineText:
    text: str
    finish_reason: str      # "stop", or "length" when max_tokens cut it
    input_tokens: int
    output_tokens: int


# --- tokens ------------------------------------------------------------------------------------------
# Weights are in twentieths of a token so the sum stays exact: a CJK character is 1 token, an English
# word 1.3, a punctuation mark 0.25. Real tokenizers differ, but this is close enough to show a child
# that Chinese text "costs" more per character and that max_tokens cuts a reply short.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"[{_HAN}]|[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\s{_HAN}A-Za-z0-9]")
_IS_HAN = re.compile(rf"[{_HAN}]")


def _weight(piece: str) -> int:
    if _IS_HAN.match(piece):
        return 20
    return 26 if piece[0].isalnum() else 5


def count_tokens(text: str) -> int:
    """Rough token count: CJK character 1, other word ~1.3 (total rounded up), punctuation cheap."""
    total = sum(_weight(m.group()) for m in _PIECE.finditer(text or ""))
    return -(-total // 20)


def _cut_to_tokens(text: str, limit: int) -> str:
    """The longest start of ``text`` that fits in ``limit`` tokens (what max_tokens does online)."""
    total, end = 0, 0
    for m in _PIECE.finditer(text):
        total += _weight(m.group())
        if -(-total // 20) > limit:
            break
        end = m.end()
    return text[:end].rstrip()


# --- Traditional Chinese, Hong Kong usage ------------------------------------------------------------
# Children sometimes type Simplified characters; the kit must never answer with them. Each pair is
# "simplified traditional"; ambiguous characters (里, 后, 只, 干, 面 ...) are left alone on purpose.
_S2T_PAIRS = """
机機 这這 个個 们們 说說 为為 么麼 东東 车車 马馬 鸟鳥 鱼魚 龙龍 猫貓 对對 会會 来來 过過 还還 进進
远遠 运運 边邊 国國 图圖 园園 话話 语語 读讀 让讓 谁誰 请請 讲講 体體 丽麗 电電 脑腦 师師 宝寶 鸡雞
猪豬 风風 云雲 阳陽 红紅 绿綠 蓝藍 黄黃 颜顏 结結 给給 经經 难難 欢歡 观觀 视視 觉覺 杀殺 枪槍 战戰
险險 飞飛 节節 梦夢 样樣 岛島 湾灣 维維 亚亞 厅廳 楼樓 医醫 药藥 钱錢 铁鐵 银銀 钟鐘 门門 闻聞 问問
间間 闪閃 时時 书書 学學 写寫 爱愛 乐樂 开開 关關 发發 长長 见見 贝貝 儿兒 几幾 头頭 兴興 认認 识識
习習 惯慣 实實 现現 声聲 处處 听聽 总總 从從 众眾 伤傷 养養 动動 华華 单單 卖賣 买買 历歷 变變 叶葉
号號 吗嗎 吓嚇 员員 团團 场場 坏壞 块塊 够夠 奖獎 妈媽 导導 岁歲 带帶 帮幫 应應 张張 强強 归歸 当當
忆憶 态態 惊驚 戏戲 护護 报報 换換 摇搖 数數 无無 旧舊 显顯 杂雜 条條 极極 树樹 桥橋 气氣 汉漢 没沒
泪淚 满滿 灯燈 灵靈 点點 热熱 狮獅 环環 画畫  礼禮 离離 种種 笔筆 简簡 紧緊 级級 纸紙 线線 练練
组組 细細 终終 绘繪 续續 编編 罗羅 聪聰 脚腳 艺藝 获獲 虫蟲 虽雖 虾蝦 装裝 计計 记記 许許 设設 词詞
试試 诗詩 该該 课課 谈談 谢謝 贵貴 费費 赛賽 赢贏 赶趕 轮輪 轻輕 辆輛 达達 选選 邮郵 针針 钥鑰 锁鎖
错錯 镜鏡 队隊 随隨 静靜 页頁 顶頂 顺順 须須 预預 领領 题題 饭飯 饺餃 饼餅 馆館 骑騎 鲸鯨 鸭鴨 鹰鷹
麦麥 龟龜 亲親 伙夥 双雙 击擊 别別 剧劇 办辦 区區 启啟 响響 围圍 坚堅 复復 奋奮 宠寵 层層 币幣 庆慶
庙廟 异異 忧憂 恶惡 扫掃 扬揚 择擇 挂掛 挥揮 晒曬 暂暫 构構 样樣 欧歐 毕畢 沟溝 洒灑 测測 浓濃 涛濤
渐漸 温溫 湿濕 滚滾 滩灘 炉爐 爷爺 独獨 疗療 盘盤 确確 积積 穷窮 筑築 粮糧 约約 纯純 纹紋 绳繩 缓緩
肤膚 肠腸 舰艦 苏蘇 荣榮 萝蘿 虑慮 触觸 训訓 议議 讯訊 详詳 谜謎 贴貼 转轉 载載 辉輝 输輸 连連 适適
递遞 释釋 钓釣 钢鋼 铃鈴 链鏈 锅鍋 闭閉 闹鬧 阴陰 阵陣 阶階 陆陸 险險 雾霧 颗顆 飘飄 驶駛 骄驕 鲨鯊
鸦鴉 鹤鶴 齐齊 齿齒 丰豐 尽盡 广廣 亿億 仓倉 码碼 础礎 赞讚 鉴鑑 闲閒 韩韓 频頻 饱飽 鸽鴿 鹅鵝 钻鑽
"""
_S2T = dict(pair for pair in _S2T_PAIRS.split())
_HK_WORDS = {"機器人": "機械人", "計算機": "電腦", "程序": "程式", "軟體": "軟件", "信息": "資訊", "視頻": "影片",
             "冰淇淋": "雪糕", "巧克力": "朱古力", "出租車": "的士", "公交車": "巴士", "自行車": "單車",
             "土豆": "薯仔", "質量": "質素", "網路": "網絡", "默認": "預設", "打印": "列印"}
_S2T_TABLE = str.maketrans(_S2T)


def _traditional(text: str) -> str:
    """Simplified -> Traditional, then mainland words -> Hong Kong words (機器人 -> 機械人)."""
    text = text.translate(_S2T_TABLE)
    for mainland, hk in _HK_WORDS.items():
        text = text.replace(mainland, hk)
    return text


# A few written-Cantonese swaps, only when a child asks for Cantonese.
_CANTONESE = [("他們", "佢哋"), ("她們", "佢哋"), ("牠們", "佢哋"), ("我們", "我哋"), ("你們", "你哋"),
              ("沒有", "冇"), ("很", "好"), ("看", "睇"), ("吃", "食"), ("的", "嘅")]


# --- word tables (English, 中文) ----------------------------------------------------------------------
class Animal(NamedTuple):
    words: tuple      # what a child might type, English and Chinese
    en: str
    zh: str
    mw: str           # Chinese measure word: 一隻貓, 一條魚, 一個機械人
    fact: tuple       # one thing the practice model "knows" (English, 中文)


class Place(NamedTuple):
    words: tuple
    en: str           # "the moon"
    prep: str         # "on" -> "on the moon"
    zh: str           # 月亮
    loc: str          # 上 -> 在月亮上


class Thing(NamedTuple):
    words: tuple
    en: str
    zh: str
    mw: str


class Named(NamedTuple):
    """A person, food, event or means of transport from a Hong Kong child's world (offline_text_words)."""
    kind: str         # person, food, event, transport
    words: tuple
    en: str
    zh: str


ANIMALS = [
    Animal(("cat", "cats", "kitten", "kittens", "kitty", "小貓", "貓咪", "貓"), "cat", "貓", "隻",
           ("cats sleep for about 15 hours a day and feel their way with their whiskers.",
            "貓每天大約睡十五個小時，還會用鬍鬚感覺四周。")),
    Animal(("dog", "dogs", "puppy", "puppies", "狗", "小狗"), "dog", "狗", "隻",
           ("dogs have a super sense of smell, many times stronger than ours.", "狗的嗅覺非常靈敏，比我們強很多倍。")),
    Animal(("rabbit", "rabbits", "bunny", "bunnies", "兔", "兔子", "小兔"), "rabbit", "兔子", "隻",
           ("a rabbit's teeth never stop growing, so rabbits chew lots of hay.", "兔子的牙齒會一直生長，所以牠們要咬很多乾草。")),
    Animal(("dragon", "dragons", "龍"), "dragon", "龍", "條",
           ("dragons are not real, but they live in many stories, like the dragon dance at Chinese New Year.",
            "龍不是真實的動物，但很多故事都有牠，例如農曆新年的舞龍。")),
    Animal(("panda", "pandas", "熊貓"), "panda", "熊貓", "隻",
           ("giant pandas spend up to 12 hours a day eating bamboo.", "大熊貓每天可以花十二個小時吃竹子。")),
    Animal(("bird", "birds", "鳥", "小鳥", "雀仔"), "bird", "小鳥", "隻",
           ("birds have light, hollow bones, which helps many of them fly.", "雀鳥的骨頭又輕又空心，幫助牠們飛翔。")),
    Animal(("fish", "goldfish", "魚", "金魚"), "fish", "魚", "條",
           ("fish breathe with gills that take oxygen from the water.", "魚用鰓呼吸，從水中吸取氧氣。")),
    Animal(("elephant", "elephants", "大象"), "elephant", "大象", "隻",
           ("elephants use their trunks to drink, to smell and even to give hugs.", "大象用長鼻子喝水、聞氣味，甚至擁抱。")),
    Animal(("tiger", "tigers", "老虎"), "tiger", "老虎", "隻",
           ("every tiger has its own pattern of stripes, like a fingerprint.", "每隻老虎的斑紋都不一樣，好像指紋一樣。")),
    Animal(("dolphin", "dolphins", "海豚"), "dolphin", "海豚", "條",
           ("Chinese white dolphins, which look pink, swim in the sea near Lantau.",
            "中華白海豚看起來粉紅色，在大嶼山附近的海裏游泳。")),
    Animal(("dinosaur", "dinosaurs", "恐龍"), "dinosaur", "恐龍", "隻",
           ("dinosaurs lived millions of years ago, and today's birds are their relatives.",
            "恐龍生活在幾千萬年前，今天的雀鳥就是牠們的親戚。")),
    Animal(("robot", "robots", "機械人"), "robot", "機械人", "個",
           ("robots are machines that follow programs written by people.", "機械人是一種機器，會跟着人寫的程式工作。")),
    Animal(("unicorn", "unicorns", "獨角獸"), "unicorn", "獨角獸", "隻",
           ("unicorns are magical animals from old stories, not real ones.", "獨角獸是古老故事裏的神奇動物，並不是真的。")),
    Animal(("owl", "owls", "貓頭鷹"), "owl", "貓頭鷹", "隻",
           ("owls can turn their heads almost all the way round.", "貓頭鷹的頭幾乎可以轉一整個圈。")),
    Animal(("monkey", "monkeys", "猴子", "馬騮"), "monkey", "猴子", "隻",
           ("monkeys live in groups and love to groom each other.", "猴子喜歡一群群生活，還會互相整理毛髮。")),
    Animal(("turtle", "turtles", "tortoise", "烏龜", "海龜"), "turtle", "烏龜", "隻",
           ("green sea turtles still lay eggs on a beach in Hong Kong.", "綠海龜至今仍會在香港的沙灘上產卵。")),
    Animal(("butterfly", "butterflies", "蝴蝶"), "butterfly", "蝴蝶", "隻",
           ("butterflies taste with their feet.", "蝴蝶是用腳來嚐味道的。")),
]
_ANIMAL = {a.en: a for a in ANIMALS}

PLACES = [
    Place(("moon", "月亮", "月球"), "the moon", "on", "月亮", "上"),
    Place(("forest", "woods", "森林", "樹林"), "the forest", "in", "森林", "裏"),
    Place(("sea", "ocean", "海", "大海", "海洋"), "the sea", "by", "大海", "邊"),
    Place(("school", "學校"), "school", "at", "學校", "裏"),
    Place(("hong kong", "香港"), "Hong Kong", "in", "香港", ""),
    Place(("victoria harbour", "victoria harbor", "維多利亞港", "維港"), "Victoria Harbour", "by", "維多利亞港", "邊"),
    Place(("lantau island", "lantau", "大嶼山"), "Lantau Island", "on", "大嶼山", "上"),
    Place(("the peak", "太平山頂"), "the Peak", "on", "太平山頂", "上"),
    Place(("ocean park", "海洋公園"), "Ocean Park", "at", "海洋公園", ""),
    Place(("cheung chau", "長洲"), "Cheung Chau", "on", "長洲", ""),
    Place(("mong kok", "旺角"), "Mong Kok", "in", "旺角", ""),
    Place(("mtr", "港鐵"), "the MTR", "on", "港鐵", "上"),
    Place(("mountain", "mountains", "高山", "山"), "the mountains", "in", "高山", "上"),
    Place(("city", "城市"), "the city", "in", "城市", "裏"),
    Place(("castle", "城堡"), "the castle", "in", "城堡", "裏"),
    Place(("outer space", "space", "太空"), "outer space", "in", "太空", "中"),
    Place(("park", "公園"), "the park", "in", "公園", "裏"),
    Place(("beach", "沙灘"), "the beach", "on", "沙灘", "上"),
    Place(("garden", "花園"), "the garden", "in", "花園", "裏"),
    Place(("library", "圖書館"), "the library", "in", "圖書館", "裏"),
    Place(("farm", "農場"), "the farm", "on", "農場", ""),
    Place(("jungle", "叢林"), "the jungle", "in", "叢林", "裏"),
    Place(("island", "小島"), "a little island", "on", "小島", "上"),
    Place(("river", "小河", "河流"), "the river", "by", "小河", "邊"),
    Place(("sky", "天空"), "the sky", "in", "天空", "中"),
    Place(("desert", "沙漠"), "the desert", "in", "沙漠", "裏"),
]
PLACES += [Place(*p) for p in world.PLACES]
_PLACE = {p.en: p for p in PLACES}

THINGS = [
    Thing(("kite", "kites", "風箏"), "kite", "風箏", "隻"),
    Thing(("ball", "balls", "皮球"), "ball", "皮球", "個"),
    Thing(("book", "books", "故事書", "書本"), "book", "故事書", "本"),
    Thing(("umbrella", "雨傘"), "umbrella", "雨傘", "把"),
    Thing(("treasure", "寶藏", "寶箱"), "treasure chest", "寶箱", "個"),
    Thing(("balloon", "balloons", "氣球"), "balloon", "氣球", "個"),
    Thing(("hat", "帽子"), "hat", "帽子", "頂"),
    Thing(("map", "地圖"), "map", "地圖", "張"),
    Thing(("lantern", "lanterns", "燈籠"), "lantern", "燈籠", "個"),
    Thing(("key", "鎖匙", "鑰匙"), "key", "鎖匙", "條"),
    Thing(("bicycle", "bike", "單車"), "bicycle", "單車", "架"),
    Thing(("spaceship", "rocket", "太空船", "火箭"), "rocket", "火箭", "枝"),
    Thing(("boat", "ferry", "船"), "boat", "小船", "隻"),
    Thing(("cake", "蛋糕"), "cake", "蛋糕", "個"),
    Thing(("egg tart", "egg tarts", "蛋撻"), "egg tart", "蛋撻", "個"),
    Thing(("mooncake", "mooncakes", "月餅"), "mooncake", "月餅", "個"),
    Thing(("scarf", "頸巾", "圍巾"), "scarf", "頸巾", "條"),
    Thing(("crayon", "crayons", "蠟筆"), "crayon", "蠟筆", "枝"),
    Thing(("shell", "seashell", "貝殼"), "shell", "貝殼", "個"),
    Thing(("flower", "flowers", "花朵", "花"), "flower", "花", "朵"),
]
THINGS += [Thing(*t) for t in world.THINGS]

FEELINGS = [  # (words, English, 中文)
    (("happy", "開心", "快樂"), "happy", "開心"), (("sad", "傷心", "難過"), "sad", "傷心"),
    (("scared", "afraid", "害怕"), "scared", "害怕"),
    (("lonely", "孤單", "寂寞"), "lonely", "孤單"), (("excited", "興奮"), "excited", "興奮"),
    (("angry", "生氣", "嬲"), "angry", "生氣"), (("curious", "好奇"), "curious", "好奇"),
    (("shy", "害羞"), "shy", "害羞"), (("proud", "自豪"), "proud", "自豪"), (("calm", "平靜"), "calm", "平靜"),
    (("worried", "擔心"), "worried", "擔心"),
] + world.FEELINGS
MOODS = [("happy", "開心"), ("excited", "興奮"), ("calm", "平靜"), ("curious", "好奇")]  # when no feeling is named
WORRIES = [("a little worried", "有點擔心"), ("unsure", "不太肯定"), ("shy", "害羞")]

# Describing words a child might put before an animal; the Chinese side works in 一隻＿＿的貓.
ADJECTIVES = [("brave", "勇敢"), ("kind", "善良"), ("small", "小小"), ("little", "小小"), ("tiny", "小小"),
              ("big", "大大"), ("giant", "巨大"), ("clever", "聰明"), ("sleepy", "愛睡覺"), ("hungry", "肚餓"),
              ("friendly", "友善"), ("funny", "有趣"), ("magic", "神奇"), ("magical", "神奇"), ("gentle", "溫柔"),
              ("cheeky", "頑皮"), ("fluffy", "毛茸茸"), ("red", "紅色"), ("orange", "橙色"), ("yellow", "黃色"),
              ("green", "綠色"), ("blue", "藍色"), ("purple", "紫色"), ("pink", "粉紅色"), ("white", "白色"),
              ("black", "黑色"), ("golden", "金色"), ("silver", "銀色"), ("brown", "啡色")]
ADJECTIVES += [(en, zh) for _w, en, zh in FEELINGS]
_ADJ_ZH = dict(ADJECTIVES)

# Choice tables: most common first. The WILD tables join in at temperature >= 1.2.
HERO_ADJ = [("curious", "好奇"), ("brave", "勇敢"), ("kind", "善良"), ("clever", "聰明"), ("cheerful", "開朗")]
HERO_ADJ_WILD = [("sparkly", "閃閃發亮"), ("giggly", "愛咯咯笑"), ("moon-dusted", "沾滿月塵"),
                 ("jelly-legged", "腳軟軟")]
NAMES = [("Pip", "小波"), ("Mimi", "咪咪"), ("Coco", "可可"), ("Leo", "小獅"), ("Kiki", "琪琪"),
         ("Ah Fai", "阿輝"), ("Ka Yan", "嘉欣"), ("Bo Bo", "寶寶")]
NAMES_WILD = [("Captain Noodle", "麵條船長"), ("Sir Wobbles", "搖搖爵士"), ("Professor Puddle", "水窪教授")]
TIMES = [("sunny morning", "陽光燦爛的早上"), ("starry night", "星光閃閃的晚上"), ("rainy afternoon", "下雨的下午"),
         ("windy day", "颳大風的日子"), ("quiet evening", "寧靜的黃昏")]
TIMES_WILD = [("upside-down Tuesday", "顛倒過來的星期二"), ("day when it rained jelly beans", "天上落下啫喱糖的日子")]
FRIENDS = [  # (English, English later, 中文, 中文 later)
    ("a wise old owl", "the owl", "一隻聰明的老貓頭鷹", "貓頭鷹"),
    ("a friendly panda", "the panda", "一隻友善的熊貓", "熊貓"),
    ("a tiny firefly", "the firefly", "一隻小螢火蟲", "螢火蟲"),
    ("a chatty parrot", "the parrot", "一隻愛說話的鸚鵡", "鸚鵡"),
    ("a gentle pink dolphin", "the dolphin", "一條溫柔的粉紅海豚", "海豚"),
]
FRIENDS_WILD = [("a tap-dancing octopus", "the octopus", "一隻會跳踢躂舞的八爪魚", "八爪魚"),
                ("a teapot that could sing", "the teapot", "一個會唱歌的茶壺", "茶壺"),
                ("a cloud shaped like a noodle", "the cloud", "一朵像麵條的雲", "那朵雲")]
THING_ADJ = [("glowing", "發光的"), ("tiny", "小小的"), ("golden", "金色的"), ("mysterious", "神秘的"),
             ("shiny", "閃亮的")]
THING_ADJ_WILD = [("giggling", "會咯咯笑的"), ("invisible", "隱形的"), ("wobbly jelly", "啫喱做的")]
DEFAULT_THINGS = ["map", "lantern", "key", "shell", "kite"]
DEFAULT_HEROES = ["rabbit", "cat", "panda", "dragon", "robot"]
DEFAULT_PLACES = ["the forest", "Hong Kong", "the sea", "the moon", "the park"]
DEFAULT_PLACES_WILD = ["outer space", "the castle", "the jungle"]
EVENTS = [("followed a trail of twinkling stars", "跟着一串閃閃的星星走"),
          ("built a tiny bridge out of leaves", "用葉子搭了一道小橋"),
          ("solved a tricky riddle", "解開了一個難猜的謎語"),
          ("shared a picnic of dim sum and egg tarts", "享受了一頓點心和蛋撻野餐"),
          ("sang a song to cheer everyone up", "唱了一首歌為大家打氣")]
EVENTS_WILD = [("danced with a choir of singing teapots", "和一群會唱歌的茶壺跳舞"),
               ("rode a giant jelly bean across the sky", "騎着一顆巨型啫喱糖飛過天空"),
               ("had a pillow fight with a cloud", "和一朵雲玩枕頭大戰")]
TRAITS = [("brave", "勇敢"), ("kind", "善良"), ("patient", "有耐性"), ("honest", "誠實"), ("curious", "好奇")]
# Picture prompts: what the writer adds around the page is chosen so a painter reads it as meant. No words for
# people (a "children's book illustration" style made the offline painter draw extra children), and no light
# or colours that fight the page: the time of day and the weather come from the page, never from a table.
STYLES = [("picture-book style", "繪本風格"), ("watercolour painting", "水彩畫"),
          ("bright cartoon style", "明亮卡通風格"), ("crayon drawing", "蠟筆畫")]
STYLES_WILD = [("papercut collage", "剪紙拼貼"), ("stained-glass window style", "彩繪玻璃風格"),
               ("claymation diorama", "黏土動畫場景")]
PALETTES = {  # by the page's weather, else its time of day ("" when it names neither)
    "": [("bright colours", "明亮的色彩"), ("soft pastel colours", "柔和的粉彩色")],
    "sunset": [("warm orange and pink", "溫暖的橙色和粉紅色")],
    "night": [("dark blue and silver", "深藍色和銀色")],
    "rain": [("grey and blue", "灰色和藍色")], "storm": [("grey and blue", "灰色和藍色")],
    "fog": [("misty grey and blue", "灰色和藍色")], "snow": [("white and light blue", "白色和淺藍色")],
}
PALETTES_WILD = [("neon pink and gold", "霓虹粉紅和金色"), ("glittery purple and gold", "閃亮的紫色和金色")]
PAGE_LIGHTS = {"night": ("gentle moonlight", "柔和的月光"), "sunset": ("golden sunset glow", "金色的夕陽"),
               "morning": ("golden morning light", "金色的晨光"), "day": ("bright daylight", "明亮的日光"),
               "rain": ("soft rainy light", "雨天柔和的光線"), "storm": ("dark stormy light", "陰暗的暴風雨光線"),
               "fog": ("soft misty light", "柔和的霧光"), "snow": ("soft snowy light", "下雪天柔和的光線"),
               "sunny": ("bright sunshine", "明亮的陽光")}
NEUTRAL_LIGHT = ("soft light", "柔和的光線")     # a page that says nothing about light: nothing to contradict
NEUTRAL_MOOD = ("warm and friendly mood", "溫暖友善的氣氛")   # nor about feelings
PAGE_TIMES = [  # (key, words in a page): first match wins, so "night" beats a "sunset" that came earlier
    ("night", (r"\b(?:night|tonight|midnight|starry|moonlit|moonlight|under the (?:full |bright )?moon|"
              r"stars (?:shine|shone|twinkle\w*)|twinkling stars)\b|晚上|夜晚|夜裡|夜裏|深夜|半夜|星空|今晚|夜空|月光下|月亮下")),
    ("sunset", (r"\b(?:sunset|evening|dusk|twilight|setting sun|sun (?:was |is )?(?:setting|going down))\b|"
               r"黃昏|日落|傍晚|夕陽")),
    ("morning", (r"\b(?:morning|sunrise|dawn|rising sun|sun (?:was |is )?rising|sun rose|sun came up)\b|"
                r"早上|清晨|早晨|日出|朝早")),
    ("day", r"\b(?:afternoon|noon|midday|daytime)\b|下午|中午|白天")]
PAGE_WEATHER = [
    ("storm", r"\b(?:storm|stormy|thunder\w*|lightning|typhoon)\b|暴風雨|打雷|閃電|颱風|雷暴"),
    ("rain", r"\b(?:rain(?!bow)\w*|drizzl\w*)\b|雨(?!傘)"),
    ("snow", r"\b(?:snow|snowy|snowing|snowflakes?)\b|雪(?!糕)"),
    ("fog", r"\b(?:fog|foggy|mist|misty)\b|霧"),
    ("wind", r"\b(?:wind|windy|breeze|breezy)\b|大風|颳風|微風"),
    ("sunny", r"\b(?:sunny|sunshine)\b|晴天|晴朗|陽光")]
PAGE_MOODS = [(("sleepy", "tired", "yawn", "yawned", "睏", "想睡", "疲倦"), "sleepy", "想睡")]  # besides FEELINGS
TIME_PHRASES = {"night": ("at night", "在晚上"), "sunset": ("at sunset", "在黃昏"),
                "morning": ("in the morning", "在早上"), "day": ("in the daytime", "在白天")}
WEATHER_PHRASES = {"rain": ("in the rain", "在雨中"), "snow": ("in the snow", "在雪中"),
                   "storm": ("in a storm", "在暴風雨中"), "fog": ("in the fog", "在霧中"),
                   "wind": ("on a windy day", "在大風的日子"), "sunny": ("on a sunny day", "在晴天")}
# Styles a child may name in a request; the named one is kept instead of one from STYLES.
_STYLE_NAMES = (r"water[\s-]?colou?rs?|pencil sketch|sketch|pencil drawing|cartoon|comic|anime|manga|"
                r"(?:chinese )?ink(?: wash)?(?: painting)?|chinese painting|pixel art|oil painting|crayons?|"
                r"flat illustration|paper[\s-]?cut|claymation|clay|3d|pastel drawing|collage|picture[\s-]book")
_STYLE_NAMES_ZH = "水彩|素描|鉛筆畫|卡通|漫畫|動漫|水墨|國畫|像素|油畫|蠟筆|平面插畫|剪紙|黏土|粉彩|繪本"
_STYLE_ASKS = [  # each with one group: the style in the child's words
    re.compile(r"\b(?:art\s+)?style\s*[:：]\s*([^.\n。,，;；]+)", re.IGNORECASE),
    re.compile(rf"\b(?:in\s+(?:the\s+style\s+of\s+|an?\s+)?|as\s+(?:an?\s+)?)"
               rf"((?:{_STYLE_NAMES})(?:\s+(?:style|painting|drawing|art))?)\b", re.IGNORECASE),
    re.compile(rf"\b((?:{_STYLE_NAMES})\s+style)\b", re.IGNORECASE),
    re.compile(rf"((?:{_STYLE_NAMES_ZH})[\u4e00-\u9fff]?(?:風格|畫風))"),
    re.compile(r"(?:風格|畫風)\s*[:：]\s*([^\n。，,；;]+)"),
    re.compile(rf"(?:用|以)((?:{_STYLE_NAMES_ZH})畫?)"),
]
_PAGE_LABEL = re.compile(r"(?:\b(?:this|the)\s+)?\b(?:page(?:\s+text)?|scene|story|text)\s*[:：]|"
                         r"(?:這一頁|這頁|本頁|頁面|場景|內容|故事)\s*[:：]", re.IGNORECASE)
_HERO_WORDS = re.compile(r"\b(?:[Oo]ur|[Tt]he|[Mm]y) (?:hero|heroine|main character)\b|主角")
ONE_WORDS = [("Magical", "神奇"), ("Peaceful", "寧靜"), ("Sparkly", "閃亮"), ("Wonderful", "美妙"), ("Dreamy", "夢幻")]
ONE_WORDS_WILD = [("Wibbly-wobbly", "搖搖晃晃"), ("Bubbletastic", "泡泡滿天")]
FOODS = [("egg tarts", "蛋撻"), ("dim sum", "點心"), ("mango pudding", "芒果布甸"), ("pineapple buns", "菠蘿包")]
COLOURS = [("red", "紅色"), ("blue", "藍色"), ("yellow", "黃色"), ("green", "綠色"), ("purple", "紫色"),
           ("orange", "橙色"), ("pink", "粉紅色"), ("white", "白色")]

# --- story templates: (English, 中文). Slots are filled from the cast of the story. -----------------
OPENINGS = [
    ("Once upon a time, {hero} lived {at}.", "從前，{hero}住{at}。"),
    ("One {time}, {hero} went exploring {at}.", "一個{time}，{hero}{at}探險。"),
    ("There was once {hero} who loved {place} more than anything.", "從前有{hero}，最喜歡{place}。"),
    ("Every {time}, {hero} looked out over {place} and dreamed of adventure.",
     "每個{time}，{hero}都望着{place}，夢想去冒險。"),
]
MIDDLES = [  # the first item names what a template shows, so the child's own ideas can be forced in
    ("obj", "Suddenly, {ref} found {obj} hidden behind a rock.", "突然，{ref}在一塊石頭後面發現了{obj}。"),
    ("friend", "Soon {ref} met {friend}, who wanted to help.", "不久，{ref}遇見了{friend}，{friend_ref}很想幫忙。"),
    ("feeling", "For a moment {ref} felt {worry}, but then a clever idea began to glow.",
     "有一刻{ref}覺得{worry}，但很快就想到一個好主意。"),
    ("event", "Then {ref} {event}.", "然後{ref}{event}。"),
    ("obj", "The wind grew strong and {the_obj} nearly blew away.", "風愈吹愈大，{the_obj}差點被吹走了。"),
    ("trait", "{ref} took a deep breath and remembered to be {trait}.", "{ref}深深吸了一口氣，提醒自己要{trait}。"),
    ("event", "Along the way, {ref} {event2}.", "一路上，{ref}{event2}。"),
    ("place2", "Later, {ref} travelled {to2} to see what was there.", "後來，{ref}去了{place2}看看。"),
]
ENDINGS = [
    ("In the end, {ref} went home feeling happy, with a heart full of good memories.",
     "最後，{ref}開開心心地回家，心裏滿是美好的回憶。"),
    ("From that day on, {ref} knew that being {trait} makes every adventure shine.",
     "從那天起，{ref}明白了：只要{trait}，每次冒險都會閃閃發亮。"),
    ("That night, {ref} fell asleep smiling and dreaming about {place}.",
     "那天晚上，{ref}帶着笑容睡着了，還夢見了{place}。"),
]
ENDINGS_WILD = [("Then everyone had a giant bubble tea party that lasted until Thursday.",
                 "然後大家開了一個超大的珍珠奶茶派對，一直開到星期四。")]
SINGLE = ("{hero} explored {place}, found {obj} and went home with a big smile.",
          "{hero}到{place}探險，找到了{obj}，笑着回家了。")
SIMPLE = [  # for "a 5-year-old" / "young children": short sentences, easy words
    ("{hero} lived {at}.", "{hero}住{at}。"), ("{ref} saw {obj}.", "{ref}看見{obj}。"),
    ("{ref} met {friend}.", "{ref}遇見{friend}。"), ("They played all day.", "他們玩了一整天。"),
    ("{ref} felt {feeling}.", "{ref}覺得很{feeling}。"), ("They ate a yummy snack.", "他們吃了好吃的小食。"),
    ("{ref} helped {friend_ref} carry {the_obj}.", "{ref}幫{friend_ref}拿着{the_obj}。"),
    ("They sang a happy song together.", "他們一起唱了一首快樂的歌。"),
    ("Then {ref} went home to sleep.", "然後{ref}回家睡覺了。"),
]
COUPLETS = [  # for poems and the poet persona: each couplet is one sentence
    ("{ref} looked up at the sky,\nand wished that one day it could fly.", "{ref}抬頭望天上，\n希望有天飛去遠方。"),
    ("{at_cap} the stars were shining bright,\nand {ref} felt {feeling} all through the night.",
     "{place}星星閃閃亮，\n{ref}心裡暖洋洋。"),
    ("It found {obj} beside a tree,\nas lovely as a thing could be.", "找到{obj}在樹旁，\n好像寶物發金光。"),
    ("With {friend} it ran and played,\nin sunshine and in cool green shade.", "和{friend}一起玩，\n太陽下面樂無疆。"),
    ("And when the day came to an end,\n{ref} said goodnight to every friend.",
     "一天過去月兒彎，\n{ref}說聲晚安回家鄉。"),
]
CONTINUE_OPENERS = [("Next, {ref} {event}.", "接着，{ref}{event}。"),
                    ("The next morning, {ref} set off again.", "第二天早上，{ref}又出發了。"),
                    ("Just then, {ref} heard a soft knock.", "就在這時，{ref}聽到輕輕的敲門聲。")]
CHOICES = [  # "could" keeps the grammar right for one hero or two
    ("{ref} could follow the glowing path deeper into {place}.", "{ref}可以沿着發光的小路，走進{place}深處。"),
    ("{ref} could ask {friend} for help.", "{ref}可以請{friend}幫忙。"),
    ("{ref} could keep {the_obj} safe and look for clues.", "{ref}可以好好保管{the_obj}，再找找線索。"),
    ("{ref} could go home to tell everyone about the adventure.", "{ref}可以回家把這次冒險告訴大家。"),
    ("{ref} could climb to the highest point to look around.", "{ref}可以爬到最高的地方看看四周。"),
]
FUNNY = [("Then {ref} sneezed so loudly that a hat flew all the way to the moon and back.",
          "然後{ref}打了一個超大的噴嚏，把一頂帽子噴到月亮又彈了回來。"),
         ("Everyone laughed when a duck in sunglasses waddled past, humming a tune.",
          "一隻戴太陽眼鏡的鴨子哼着歌搖搖擺擺經過，大家都笑了。")]
SPOOKY = [("Suddenly the lights flickered and a long shadow crept across the wall.",  # spooky, never scary
           "突然，燈光一閃一閃，一個長長的影子慢慢爬過牆壁。"),
          ("A soft tap, tap, tap came from the dark, but it was only a friendly owl.",
           "黑暗中傳來嗒、嗒、嗒的聲音，原來只是一隻友善的貓頭鷹。")]
IDEAS = [("A {adj} {animal} who wants to visit {place}", "一{mw}想去{place}的{adj}{animal}"),
         ("{name} finds {a_thing} that can talk", "{name}發現了一{tmw}會說話的{thing}"),
         ("A secret door {at} leads to a land made of sweets", "{at}有一道秘密的門，通往糖果王國"),
         ("{name} and {friend} race to save {place} before sunset", "{name}和{friend}要在日落前拯救{place}"),
         ("A {animal} opens a tiny café {at}", "一{mw}{animal}{at}開了一間小小的咖啡店"),
         ("A lost {thing} tries to find its way home", "一{tmw}迷路的{thing}努力找路回家"),
         ("{name} swaps places with a {animal} for one day", "{name}和一{mw}{animal}交換身份一天"),
         ("The night the stars fell {at}", "星星掉落{at}的那一夜")]
TITLES = [("The {Adj} {Animal} {Prep} {Place}", "{place_at}的{adj}{animal}"),
          ("{Name} and the {Thing}", "{name}和{thing}"),
          ("The Secret of {Place}", "{place}的秘密"), ("{Name}'s Big Day", "{name}的大日子")]

# --- questions: a little real knowledge, child-sized ------------------------------------------------
FACTS = [  # (keywords, English sentences, 中文句子): four child-sized sentences each
    (("volcano", "volcanoes", "火山"),
     ["A volcano is an opening in the ground where hot melted rock, called magma, comes up from deep inside.",
      "When the magma reaches the surface it is called lava, and it can flow out or burst up in an eruption.",
      "Over many years, cooled lava and ash pile up and build the mountain shape we see.",
      "Hong Kong has no active volcanoes, but the rock columns in Sai Kung were made by a volcano long ago."],
     ["火山是地面上的一個開口，地底深處熾熱的岩漿會從那裏冒出來。",
      "岩漿到達地面後叫做熔岩，可能慢慢流出來，也可能猛烈噴發。",
      "很多年來，冷卻了的熔岩和火山灰一層層堆起來，就變成了我們看到的山。",
      "香港沒有活火山，但西貢的六角形岩柱，是很久以前一座火山留下來的。"]),
    (("rainbow", "rainbows", "彩虹"),
     ["A rainbow appears when sunlight shines through tiny raindrops in the air.",
      "Each raindrop bends the light and splits it into red, orange, yellow, green, blue, indigo and violet.",
      "You usually see a rainbow when the sun is behind you and the rain is in front of you.",
      "You can even make a small rainbow with a water hose on a sunny day."],
     ["陽光穿過空氣中的小水點時，就會出現彩虹。",
      "每一滴水點都會把光線折射，分成紅、橙、黃、綠、藍、靛、紫七種顏色。",
      "通常太陽在你背後、雨在你前面的時候，最容易看見彩虹。",
      "晴天時用水喉噴水，你也可以自己造一條小彩虹。"]),
    (("rain", "下雨", "落雨", "雨水"),
     ["Rain comes from clouds, which are made of billions of tiny water droplets.",
      "When the droplets bump together they grow bigger and heavier.",
      "When they are too heavy to float, they fall to the ground as rain.",
      "Then the sun warms the water again, it rises into the sky, and the water cycle starts all over."],
     ["雨來自雲，而雲是由數以億計的小水點組成的。",
      "小水點互相碰撞，就會愈變愈大、愈變愈重。",
      "當它們重得浮不起來，就會變成雨落到地上。",
      "然後太陽又把水曬熱，水汽升上天空，水循環又重新開始。"]),
    (("moon", "月亮", "月球"),
     ["The Moon is Earth's closest neighbour in space, about 384,000 kilometres away.",
      "It does not make its own light, it shines because sunlight bounces off it.",
      "Its shape seems to change during the month because we see different parts of its sunny side.",
      "Twelve astronauts have walked on the Moon, and their footprints are still there."],
     ["月亮是地球在太空中最近的鄰居，距離大約三十八萬公里。",
      "月亮自己不會發光，我們看到的是陽光照在它身上反射出來的光。",
      "一個月裏月亮的形狀好像在改變，因為我們看到它被陽光照亮的部分不同。",
      "曾經有十二位太空人在月球上行走，他們的腳印到今天還在。"]),
    (("sun", "太陽"),
     ["The Sun is a star, a giant ball of hot glowing gas.",
      "It is so big that about a million Earths could fit inside it.",
      "Its light takes about eight minutes to reach us.",
      "Never look straight at the Sun, because it can hurt your eyes."],
     ["太陽是一顆恆星，是一個巨大、熾熱、會發光的氣體球。",
      "它非常大，大約可以放得下一百萬個地球。",
      "太陽的光大約要八分鐘才到達地球。",
      "千萬不要直望太陽，因為會傷害眼睛。"]),
    (("typhoon", "typhoons", "颱風"),
     ["A typhoon is a huge spinning storm that forms over warm sea water.",
      "It brings very strong winds and heavy rain.",
      "In Hong Kong, the Observatory raises signals like Signal 8 so people know to stay safe indoors.",
      "When a typhoon comes, stay inside, keep away from windows and listen to the news with your family."],
     ["颱風是在溫暖海面上形成的巨大旋轉風暴。",
      "它會帶來非常強的風和大雨。",
      "在香港，天文台會發出八號風球等信號，提醒大家留在室內。",
      "颱風來的時候，要留在家裏、遠離窗戶，和家人一起留意新聞。"]),
    (("temperature", "seed", "溫度", "種子"),
     ["Temperature is a setting that controls how surprising the model's word choices are.",
      "At temperature 0 the model always picks the most likely words, so you get the same answer every time.",
      "Higher temperatures let it pick less common words, so the answers become more varied and creative.",
      "The seed is like a numbered dice roll, so the same seed and settings give the same answer again."],
     ["溫度是一個設定，控制模型選字有多出人意表。",
      "溫度是 0 的時候，模型總是選最有可能的字，所以每次答案都一樣。",
      "溫度愈高，模型愈會選不常見的字，答案就愈多變、愈有創意。",
      "種子好像有編號的擲骰子，同一個種子加上同樣的設定，就會得到同樣的答案。"]),
    (("prompt", "prompts", "提示"),
     ["A prompt is the message you give an AI model to tell it what you want.",
      "Clear prompts say who the story is about, where it happens and how long it should be.",
      "You can also give the model a role, like a pirate or a teacher, to change its voice.",
      "Try changing one word at a time and watch how the answer changes."],
     ["提示就是你給人工智能模型的訊息，告訴它你想要甚麼。",
      "清楚的提示會說明故事的主角是誰、在哪裏發生、要寫多長。",
      "你也可以給模型一個角色，例如海盜或老師，改變它說話的語氣。",
      "試試每次只改一個字詞，看看答案有甚麼變化。"]),
    (("qwen", "ai", "artificial intelligence", "language model", "人工智能", "通義千問", "語言模型"),
     ["Qwen is a large language model made by Alibaba, a computer program that learned from lots of text.",
      "When you type a prompt, it predicts good words to come next, one small piece at a time.",
      "It can be very helpful, but it can also make mistakes, so always check important facts.",
      "Right now you are using the offline practice model, a tiny pretend version that needs no internet."],
     ["通義千問是阿里巴巴製作的大型語言模型，是一個從大量文字中學習的電腦程式。",
      "你輸入提示時，它會一小段一小段地預測接下來適合的字詞。",
      "它很有用，但也會出錯，所以重要的事實一定要再檢查。",
      "你現在用的是離線練習模型，一個不用上網的迷你模擬版本。"]),
    (("hong kong", "香港"),
     ["Hong Kong is a busy city in southern China, with tall buildings, green hills and over 200 islands.",
      "Victoria Harbour lies between Hong Kong Island and Kowloon, and the Star Ferry crosses it every day.",
      "Most people in Hong Kong speak Cantonese, and many also speak English and Mandarin.",
      "Favourite foods include dim sum, egg tarts and milk tea."],
     ["香港是中國南部一個繁忙的城市，有高樓大廈、綠色山丘和二百多個島嶼。",
      "維多利亞港位於香港島和九龍之間，天星小輪在這裏來回了超過一百年。",
      "大部分香港人說廣東話，很多人也會說英文和普通話。",
      "大家喜愛的食物有點心、蛋撻和奶茶。"]),
    (("sea", "ocean", "oceans", "大海", "海洋", "海"),
     ["The sea covers about seventy percent of our planet.",
      "Sea water is salty because rivers carry tiny bits of salt from rocks into it.",
      "The deepest place, the Mariana Trench, is deeper than Mount Everest is tall.",
      "Millions of creatures live there, from tiny plankton to giant blue whales."],
     ["海洋覆蓋了地球大約七成的面積。",
      "海水是鹹的，因為河流把岩石裏的少量鹽分帶到海裏。",
      "最深的馬里亞納海溝，比珠穆朗瑪峰還要深。",
      "海裏住着數以百萬計的生物，由微小的浮游生物到巨大的藍鯨都有。"]),
    (("star", "stars", "星星"),
     ["Stars are giant balls of glowing gas, like our Sun, but very far away.",
      "They twinkle because their light wobbles as it passes through the air around Earth.",
      "Long ago, people joined stars into pictures called constellations.",
      "On a clear night away from city lights you can see thousands of them."],
     ["星星是巨大的發光氣體球，好像太陽一樣，只是離我們非常遠。",
      "星光穿過地球的空氣時會晃動，所以星星看起來一閃一閃。",
      "很久以前，人們把星星連成圖案，叫做星座。",
      "在遠離城市燈光的晴朗晚上，你可以看到幾千顆星星。"]),
]
# Community jobs, for "What does a nurse do?" / 「護士做甚麼？」: one kind sentence each, with no he, she or they
# (lesson 09 counts those words to look for bias), so nobody is told who may do a job.
JOBS = [  # (words a child might type, English, 中文, English sentence, 中文句子)
    (("doctor", "doctors", "醫生"), "doctor", "醫生",
     "A doctor finds out why people feel unwell and helps them get healthy again.",
     "醫生會找出病人為甚麼不舒服，幫助病人回復健康。"),
    (("nurse", "nurses", "護士"), "nurse", "護士",
     "A nurse helps sick people get better, checks how each patient is feeling and cares for everyone kindly.",
     "護士照顧生病的人，留意每位病人的情況，幫助大家早日康復。"),
    (("teacher", "teachers", "老師", "教師"), "teacher", "老師",
     "A teacher helps children learn new things, from reading and numbers to being a good friend.",
     "老師幫助學生學習新知識，由閱讀、數學到怎樣做個好朋友。"),
    (("firefighter", "firefighters", "fireman", "firemen", "消防員"), "firefighter", "消防員",
     "A firefighter puts out fires and rescues people and animals who are in danger.",
     "消防員會撲滅火警，還會拯救遇到危險的人和動物。"),
    (("police officer", "police officers", "policeman", "policemen", "policewoman", "police", "警察", "警員"),
     "police officer", "警察",
     "A police officer helps keep the community safe and helps people who are lost or in trouble.",
     "警察保護社區安全，也會幫助迷路或遇到困難的人。"),
    (("chef", "chefs", "廚師"), "chef", "廚師",
     "A chef cooks tasty food in a kitchen and plans the dishes on the menu.",
     "廚師在廚房裏煮美味的食物，還會設計餐牌上的菜式。"),
    (("farmer", "farmers", "農夫", "農民"), "farmer", "農夫",
     "A farmer grows fruit and vegetables or looks after farm animals, so everyone has food to eat.",
     "農夫種植蔬菜水果或飼養動物，讓大家有食物吃。"),
    (("pilot", "pilots", "機師", "飛機師"), "pilot", "機師",
     "A pilot flies aeroplanes and takes passengers safely from one place to another.",
     "機師駕駛飛機，把乘客安全地送到目的地。"),
    (("bus driver", "bus drivers", "巴士司機", "巴士車長", "車長"), "bus driver", "巴士司機",
     "A bus driver drives a bus along its route and helps passengers get on and off safely.",
     "巴士司機駕駛巴士，沿着路線接載乘客，讓大家安全上落車。"),
    (("scientist", "scientists", "科學家"), "scientist", "科學家",
     "A scientist asks questions about the world and does careful experiments to find the answers.",
     "科學家會對世界提出問題，再做仔細的實驗找出答案。"),
    (("librarian", "librarians", "圖書館管理員", "圖書館員"), "librarian", "圖書館管理員",
     "A librarian looks after the books in a library and helps people find something good to read.",
     "圖書館管理員打理圖書館的書，幫助大家找到好書。"),
    (("vet", "vets", "veterinarian", "animal doctor", "獸醫"), "vet", "獸醫",
     "A vet is an animal doctor who helps pets and other animals stay healthy.",
     "獸醫是動物的醫生，幫助寵物和其他動物保持健康。"),
    (("dentist", "dentists", "牙醫"), "dentist", "牙醫",
     "A dentist checks and cleans teeth and shows us how to keep them strong.",
     "牙醫會檢查和清潔牙齒，教我們怎樣保護牙齒。"),
    (("postal worker", "postal workers", "postman", "postwoman", "mail carrier", "郵差"), "postal worker", "郵差",
     "A postal worker sorts letters and parcels and delivers them to homes and offices.",
     "郵差會分好信件和包裹，再送到大家的家和辦公室。"),
]
ANYONE_CAN = ("Anyone who learns and practises can become a {job}.", "只要用心學習和練習，任何人都可以成為{job}。")
UNKNOWN = ([("I'm the offline practice model, so I only know a little about {topic}, but it is a great thing to "
             "ask about."),
            "When the real Qwen model is connected, ask again for a fuller answer.",
            "You could also look it up in a library book or ask your teacher."],
           ["我是離線練習模型，所以只知道一點點：{topic}是一個很值得好奇的題目。",
            "連接上真正的通義千問後，再問一次就會有更完整的答案。",
            "你也可以在圖書館找書，或者問問老師。"])
KNOWN_A_LITTLE = ("I'm the offline practice model, so I only know a little: {fact}",
                  "我是離線練習模型，所以只知道一點點：{fact}")
PADS = [  # tiny sentences that top a story up to the asked number of words
    ("The wind hummed a happy tune.", "風兒輕輕唱着快樂的歌。"), ("Nobody would ever forget it.", "大家永遠都不會忘記。"),
    ("It was truly magical.", "一切都很神奇。"), ("Everyone cheered loudly.", "大家都拍手歡呼。"),
    ("What a day!", "真好！"), ("The end.", "完。"), ("Wow!", "嘩！")]
FILLERS = [("That is what makes it so interesting.", "這就是它有趣的地方。"),
           ("Scientists are still learning more about it.", "科學家仍在不斷研究。"),
           ("You could draw a picture to remember it.", "你可以畫一幅畫幫助記憶。")]

# --- fixed replies -----------------------------------------------------------------------------------
EMPTY = ("Type a prompt and I'll write something for you!", "請輸入提示，我就會為你寫點東西！")
REDIRECT = (("Let's keep our stories kind and safe. How about a story where {ref} solves the problem with "
             "kindness and teamwork instead? I can write a gentle adventure {at} if you like."),
            "我們的故事要保持友善和安全。不如寫{ref}用善良和合作解決問題的故事？我可以寫一個{at}發生的溫馨冒險。")
NO_PREVIOUS = ("There is no earlier reply to change yet. Ask me for a story first, then try again!",
               "還沒有之前的回覆可以修改。先請我寫一個故事，再試一次吧！")
GREETING = ("Hello! I'm the offline practice model. Ask me for a story, a list of ideas or a picture prompt!",
            "你好！我是離線練習模型。你可以請我寫故事、列出點子，或者寫圖畫提示！")
CHAT = (("Thanks for your message! I'm the offline practice model, so I can't chat about everything. "
         "Try asking me for a story about {ref} {at}."),
        "謝謝你的訊息！我是離線練習模型，不能甚麼都談。試試請我寫一個關於{ref}{at}的故事吧。")

# --- personas: (English, 中文) openers woven into the first sentence, closers added when length is free
PERSONAS = {
    "pirate": ([("Arr, matey, ", "呀哈，夥伴，"), ("Ahoy, matey, ", "啊嘿，夥伴，")],
               ("Now hoist the sails and keep exploring, matey!", "好啦夥伴，揚帆繼續冒險吧！")),
    "teacher": ([("Well done for asking, my dear student: ", "問得好，親愛的同學：")],
                ("You are doing really well, so keep asking questions!", "你做得很好，繼續發問吧！")),
    "robot": ([("Beep boop, ", "嗶嗶嘟嘟，")], ("Beep boop, task complete.", "嗶嗶嘟嘟，任務完成。")),
    "child": ([("Guess what, ", "你知道嗎，")], ("That's my favourite part!", "我最喜歡這部分！")),
    "poet": ([("", "")], ("And so my little rhyme is done,\nI hope you found it full of fun.",
                          "我的小詩寫完啦，\n願你開心笑哈哈。")),
    "other": ([("As {who}, here is what I say: ", "作為{who}，我想說：")], None),
}
_PERSONA_WORDS = [("pirate", r"pirate|海盜"), ("teacher", r"teacher|老師|教師"), ("robot", r"robot|機械人"),
                  ("poet", r"poet|詩人"),
                  ("child", r"\d+[- ]?year[- ]old|five-year-old|toddler|幼稚園|[三四五六]歲")]
_NEUTRAL = re.compile(r"assistant|helper|chatbot|助手|助理|^(?:an? )?ai\b", re.IGNORECASE)
_SIMPLE = re.compile(r"young children|little kids|for kids|simple words|easy words|special needs|"
                     r"小朋友|簡單的字|淺白|幼兒|\d+[- ]?year[- ]old|five-year-old|幼稚園|[三四五六]歲")
_EASY_WORDS = {"opening": "hole", "melted": "runny", "eruption": "big burst", "enormous": "very big",
               "giant": "very big", "creatures": "animals", "constellations": "star pictures",
               "predicts": "guesses", "approximately": "about", "surface": "top", "billions": "lots and lots",
               "glowing": "shiny", "mysterious": "strange"}
_EASY_RE = re.compile(r"\b(?:([Aa])n? )?(" + "|".join(_EASY_WORDS) + r")\b")
_PIRATE_WORDS = {"you": "ye", "your": "yer", "my": "me", "friends": "mateys", "hello": "ahoy"}
_PIRATE_RE = re.compile(r"\b(?:" + "|".join(_PIRATE_WORDS) + r")\b", re.IGNORECASE)

# Clearly unsafe words get a gentle redirection (the online safety filter is simulated elsewhere).
_UNSAFE = re.compile(r"\b(?:kill\w*|murder\w*|blood\w*|guns?|shoot\w*|stab\w*|knife|knives|bombs?|weapons?|"
                     r"suicide|drugs?)\b|殺|血|槍|炸彈|謀殺|刀", re.IGNORECASE)

# The practice model is small: it writes at most this much, however much a child asks for.
MAX_SENTENCES, MAX_WORDS, MAX_ITEMS = 60, 800, 50

# --- reading the request -----------------------------------------------------------------------------
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "a single": 1, "a couple of": 2, "single": 1}
_NUM_WORD = r"(\d+|a single|a couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUM = r"([0-9]+|[一二兩三四五六七八九十百]+)"


def _number(word: str) -> int:
    """'3', 'three', '三', '十二', '一百' -> an int (Chinese numerals up to the hundreds)."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _NUM:
        return _NUM[word]
    total, digit = 0, 0
    for ch in word:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _ZH_DIGITS.get(ch, 0)
    return total + digit


@dataclass
class _Request:
    prompt: str                  # the last user message, normalised
    low: str                     # lower-case, for keyword tests
    system: str = ""
    prev: str = ""               # the previous assistant reply, which edits act on
    context: list = field(default_factory=list)
    sheets: list = field(default_factory=list)   # "Character: Mimi, a small orange cat ..."
    lang: str = "en"
    persona: str = "neutral"
    who: str = ""                # the unknown persona's name, "a space explorer"
    simple: bool = False
    cantonese: bool = False
    verbatim: bool = False       # a reply in a shape the prompt showed: no sentence-case fixing


def _content(value) -> str:
    """Message content as text; content may also be a list of {"text": ...} parts."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in value)
    return str(value)


def _looks_chinese(text: str) -> bool:
    """Mainly Chinese: Han characters outnumber 1.5 x the English words."""
    han = len(_IS_HAN.findall(text))
    words = len(re.findall(r"[A-Za-z]+", text))
    return han > 0 and han > 1.5 * words


def _language(prompt: str, low: str, fallback: str | None) -> str:
    if re.search(r"\bin english\b|用英文|英文版|英文寫|寫英文|英文故事", low):
        return "en"
    if re.search(r"\bin (?:traditional )?(?:chinese|cantonese)\b|用中文|中文|繁體|廣東話|粵語", low):
        return "zh"
    return fallback or ("zh" if _looks_chinese(prompt) else "en")


_SHEET = re.compile(r"(?:\bcharacter(?:\s+sheet)?|角色(?:設定)?|主角)\s*[:：]\s*([^\n]+)", re.IGNORECASE)
# Other labels a request may put after a character sheet on the same line ("Character: ... Page: ..."):
# the sheet ends where they start.
_LABEL = re.compile(r"(?:\b(?:this|the)\s+)?\b(?:page(?:\s+text)?|scene|text|style|art\s+style)\s*[:：]|"
                    r"(?:這一頁|這頁|本頁|頁面|場景|內容|畫風|風格)\s*[:：]", re.IGNORECASE)


def _sheet_text(found: str) -> str:
    """The character sheet after 'Character:': everything up to another label on the same line
    ("Character: Mimi, a cat. She wears a scarf. Page: ..."), else its first sentence."""
    label = _LABEL.search(found)
    desc = found[:label.start()] if label else re.split(r"(?<=[.!?。！？])\s*", found.strip())[0]
    return desc.strip().rstrip(".。 ,，")


def _read(messages: list) -> _Request:
    """Split the chat into what a reply needs: prompt, system, previous reply, character sheets, language."""
    turns = [(str(m.get("role", "user")), _traditional(_content(m.get("content"))))
             for m in messages if isinstance(m, dict)]
    system = "\n".join(c for r, c in turns if r == "system")
    last = max((i for i, (r, _c) in enumerate(turns) if r == "user"), default=-1)
    prompt = turns[last][1].strip() if last >= 0 else ""
    earlier = [c for r, c in turns[:max(last, 0)] if r in ("user", "assistant")]
    prev = next((c for r, c in reversed(turns[:max(last, 0)]) if r == "assistant"), "")
    req = _Request(prompt, prompt.lower(), system, prev, list(reversed(earlier)))
    for text in [system, *earlier, prompt]:
        for m in _SHEET.finditer(text):
            desc = _sheet_text(m.group(1))
            if desc and desc not in req.sheets:
                req.sheets.append(desc)
    _read_persona(req)
    editing = _edit_kind(req.low) or _wants_continue(req.low)
    fallback = ("zh" if _looks_chinese(prev) else "en") if editing and prev else None
    req.lang = _language(prompt, req.low, fallback)
    req.cantonese = req.lang == "zh" and bool(re.search(r"cantonese|廣東話|粵語", req.low))
    return req


def _read_persona(req: _Request) -> None:
    """The system prompt's "You are X" (or "answer like a pirate" in the prompt) sets the voice."""
    system = re.sub(r"(?im)^.*(?:character(?:\s+sheet)?|角色|主角)\s*[:：].*$", "", req.system)
    m = re.search(r"(?:you are|you're|act as|pretend to be|speak like|talk like|你是|扮演|扮)\s*"
                  r"(.+?)(?:[.!?。！？\n]|$)", system, re.IGNORECASE)
    clause = m.group(1).strip() if m else system.strip()
    asked = re.search(r"\b(?:like|as) an? (pirate|teacher|robot|poet)\b", req.low)
    if asked:
        clause = asked.group(1)
    req.simple = bool(_SIMPLE.search(req.system.lower() + " " + req.low))
    for name, pattern in _PERSONA_WORDS:
        if re.search(pattern, clause, re.IGNORECASE):
            req.persona = name
            req.simple = req.simple or name == "child"
            return
    for_children = re.search(r"for (?:young children|kids)", clause, re.IGNORECASE)
    if m and clause and not _NEUTRAL.search(clause) and not for_children:
        who = re.split(r",|，| who | that | and |、", clause)[0].strip()
        req.persona, req.who = "other", " ".join(who.split()[:6])


# --- spotting characters, places, things and feelings ------------------------------------------------
# Small words that end a run of describing words ("about a brave cat" -> brave) and are never names.
_STOP_WORDS = """
a an the my your his her their our its and or of about with to in on at for from by is are was were be story
stories write tell me named called who that this these those some draw describe make give imagine create
meet meets met find finds found see sees saw like likes love loves help helps has have had want wants
picture image prompt where when while into onto than please also which what how why if but then so as
not no there here it they we you he she i
"""
_STOP = set(_STOP_WORDS.split())
# Capitalised words that start sentences and prompts: not names either ("Write", "Once", "Suddenly").
_START_WORDS = """
once one every suddenly together soon along later after next first finally beep arr ahoy guess great well
yes oh wow look all everyone can could would should will do does did list turn continue explain use show add
change keep let say answer translate rewrite shorten put pick choose think name character title chapter page
choice option beginning middle end hi hello hey thanks thank dear now today just only maybe never always
each both because up out over under near behind before during without instead outline json poem kind brave
little big small super magic happy sad that's it's i'm let's don't can't chinese english cantonese
traditional simplified qwen ai ok okay sentence sentences words return reply respond output format generate
produce provide send print suggest recommend compose invent design plan fill complete finish start begin try
remember read go come play ask call get set need
"""
_COMMON_START = set(_START_WORDS.split()) | _STOP


@dataclass
class _Spotted:
    names: list = field(default_factory=list)       # "Mei", "Ah Ming", "小明"
    animals: list = field(default_factory=list)     # (Animal, [(en, zh) adjectives], name or "")
    places: list = field(default_factory=list)
    things: list = field(default_factory=list)      # (Thing, [(en, zh) adjectives])
    feelings: list = field(default_factory=list)    # (en, zh)
    world: list = field(default_factory=list)       # (Named, the child's own word), people first


def _keyword_regex(words) -> re.Pattern:
    parts = [re.escape(w) if _IS_HAN.search(w) else r"\b" + re.escape(w) + r"\b" for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


# People, jobs, food, festivals and transport a child names: kept in the story in the child's own words.
NAMED = ([Named("person", *p) for p in world.PEOPLE] + [Named("job", *job[:3]) for job in JOBS]
         + [Named("food", *f) for f in world.FOODS] + [Named("event", *e) for e in world.EVENTS]
         + [Named("transport", *t[:3]) for t in world.TRANSPORT])
# Longest keyword first, so 熊貓 is a panda (not a cat) and Victoria Harbour is not just "harbour".
_KEYWORDS = sorted([(w, "animal", a) for a in ANIMALS for w in a.words]
                   + [(w, "place", p) for p in PLACES for w in p.words]
                   + [(w, "thing", t) for t in THINGS for w in t.words]
                   + [(w, "named", n) for n in NAMED for w in n.words], key=lambda k: -len(k[0]))
# "a story for kids", 「給小朋友的故事」: the audience, not a character.
_AUDIENCE = re.compile(r"(?i)(?:\bfor(?:\s+(?:young|little|small))?|給|適合|俾)$")
_KEYWORD_RES = [(w.lower(), _keyword_regex([w]), kind, item) for w, kind, item in _KEYWORDS]
_ZH_TO_ADJ = {zh: (en, zh) for en, zh in reversed(ADJECTIVES)}
_WORLD_WORDS = {w for w, kind, _item in _KEYWORDS if kind == "named"}


def _describing(text: str, start: int) -> list:
    """Describing words just before a noun: 'a small orange cat', '一隻勇敢的小貓'."""
    found = []
    before = re.search(r"(?:[A-Za-z-]+[ \t]+){1,3}$", text[max(0, start - 40):start])     # right before it only
    for word in reversed(before.group().split() if before else []):
        if word.lower() in _STOP or (word[0].isupper() and word.lower() not in _ADJ_ZH):   # "the Kind Panda"
            break
        if word.lower() in _WORLD_WORDS or (word.lower().endswith("s") and word.lower() not in _ADJ_ZH):
            break                        # "my sister plays piano": a person and a verb, not describing words
        found.insert(0, (word.lower(), _ADJ_ZH.get(word.lower(), "")))
    window = text[max(0, start - 8):start]
    for zh, pair in _ZH_TO_ADJ.items():
        if zh in window and pair not in found:
            found.append(pair)
    return found


# Places the word tables do not know are kept in the child's own words: "in Sai Kung", "to Tai O", 「在西貢的」.
# English: capitalised words after a place preposition (after "to" only with a verb of going, so "says hello
# to Pip" keeps Pip a character). Chinese: two to four characters after 在/去/到 that end before 的/上/裡 ...
_PLACE_EN = re.compile(r"\b(?i:(in|at|on|near|from|around|across|over|through|above|inside|outside)|"
                       r"(?:go|goes|went|going|gone|travel\w*|fl(?:y|ies|ew|ying)|sail\w*|walk\w*|ran|run|"
                       r"runs|running|move\w*|return\w*|come|comes|came|coming|trip|journey|way|back|off|"
                       r"swim\w*|swam|drove|drive\w*|ride|rides|rode|hik\w*|climb\w*|then)\s+(?:to|towards?)|"
                       r"visit\w*|explor\w*|reach\w*)"
                       r"\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?!['’]s)")
_NOT_PLACES = {"christmas", "easter", "halloween", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "spring", "summer", "autumn", "winter"}
_PLACE_ZH = re.compile(r"(?<![正現實存好自所])(?:住在|來到|飛到|飛過|飛越|遊覽|參觀|在|去|到|喺)"
                       r"([\u4e00-\u9fff]{2,4}?)(?=的|上|裡|裏|邊|中|附近|度|[，。、！？,.!?]|$)")
_NOT_PLACES_ZH = {  # words after 在 that are times or directions, not places
    "晚上", "早上", "上午", "下午", "中午", "黃昏", "傍晚", "夜晚", "夜裡", "夜裏", "半夜", "深夜", "清晨", "白天", "一起", "這裡", "這裏", "那裡", "那裏",
    "這兒", "那兒", "哪裡", "哪裏", "心裡", "心裏", "家裡", "家裏", "旁邊", "身邊", "外面", "裡面", "裏面", "上面", "下面", "前面", "後面", "中間", "途中", "路上",
    "附近", "雨中", "夢中", "黑暗", "空中", "水中", "一旁", "時候", "之前", "之後", "以前", "以後", "最後", "最初", "今天", "明天",
    "昨天", "今晚", "那天", "那晚", "一天", "每天"}
_VERB_START_ZH = "看玩吃飛跑睡找做想說哭笑等寫畫讀唱跳游走坐站放拿打聽喝洗開關幫救追爬教學"


def _unknown_places(work: str) -> list:
    """(place words, preposition) the tables do not know, in the child's own words, in order."""
    found = []
    for m in _PLACE_EN.finditer(work):
        words = m.group(2).split()
        while words and words[-1].lower() in _COMMON_START | _NOT_PLACES:
            words.pop()                                  # "to Tai O Then ..." stops before "Then"
        if words and words[0].lower() not in _COMMON_START | _NOT_PLACES:
            prep = (m.group(1) or "in").lower()
            found.append((" ".join(words), prep if prep in ("in", "at", "on", "near") else "in", m.start(2)))
    for m in _PLACE_ZH.finditer(work):
        word = m.group(1)
        if word[0] not in _VERB_START_ZH and not any(word.startswith(n) for n in _NOT_PLACES_ZH):   # 這裡寫你
            found.append((word, "", m.start(1)))
    return sorted(found, key=lambda f: f[2])


def _spot(text: str) -> _Spotted:
    """Find what a piece of text talks about. Matches are blanked so nothing is counted twice."""
    seen, work, low = [], text, text.lower()
    for word, regex, kind, item in _KEYWORD_RES:
        if word not in low:                              # most keywords are not there: skip their regex
            continue
        for m in regex.finditer(work):
            seen.append((m.start(), kind, item, m))
            work = work[:m.start()] + " " * (m.end() - m.start()) + work[m.end():]
    spotted = _Spotted()
    places = []                                          # (position, Place), known and unknown together
    for start, kind, item, m in sorted(seen, key=lambda s: s[0]):
        if kind == "place" and item not in [p for _i, p in places]:
            places.append((start, item))
        elif kind == "thing" and item not in [t for t, _a in spotted.things]:
            spotted.things.append((item, _describing(text, start)))
        elif kind == "named" and item not in [n for n, _w in spotted.world]:
            if not (item.kind in ("person", "job") and _AUDIENCE.search(text[max(0, start - 20):start].rstrip())):
                spotted.world.append((item, m.group()))
        elif kind == "animal" and item not in [a for a, _d, _n in spotted.animals]:
            name = re.match(r"\s+(?:named|called)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)", text[m.end():])
            zh_name = re.search(r"(?:名叫|叫做|叫)([^\s，。、的]{1,4})[的、]", text[max(0, start - 10):start])
            after = text[m.end():m.end() + 2]            # 小貓咪咪: a doubled name right after the animal
            doubled = after if len(after) == 2 and after[0] == after[1] and _IS_HAN.match(after) else ""
            name = (name or zh_name).group(1) if (name or zh_name) else doubled
            if name:
                work = work.replace(name, " " * len(name))
            spotted.animals.append((item, _describing(text, start), name))
    for words, en, zh in FEELINGS:
        if _keyword_regex(words).search(text):
            spotted.feelings.append((en, zh))
    animal_names = [a[2] for a in spotted.animals if a[2]]
    for word, prep, start in _unknown_places(work):
        if word in animal_names or any(word in (p.en, p.zh) for _i, p in places):
            continue
        places.append((start, Place((word,), word, prep, word, "")))
        work = work.replace(word, " " * len(word))
    spotted.places = [p for _i, p in sorted(places, key=lambda ip: ip[0])]
    spotted.names = [n for n in _names(work, _segments(text)) if n not in animal_names]
    return spotted


# 小明 and 阿明 are names; 小貓, 小朋友, 小小 and 阿姨 are not. A name also needs a word break before it.
_NOT_NAME_AFTER_SIU = "貓狗鳥兔魚熊龍朋孩學時心島河山花樹屋雞鴨豬象虎獅羊馬牛蟲蛇猴女男子姐弟妹哥友船路村鎮城鼠狐鹿一些的點小食吃說姨婆公爺媽爸不巧型題組"
_ZH_NAME = re.compile(r"(?:名叫|叫做|叫)([\u4e00-\u9fff]{2,3}?)(?=的|，|。|、|和|跟|去|在|是|\s|$)"
                      r"|(?<![^\s，。、！？：和跟與叫是的給同及請讓找幫於位有])[小阿][\u4e00-\u9fff]")


# Ordinary words that a child capitalises at the start of a sentence, in a title ("The Brave Little Star") or in a
# theme ("Friendship in Hong Kong"): they are never characters. Real names (Pip, Mei, Ah Ming) are not in it.
_ORDINARY_WORDS = """
friendship kindness hope love courage bravery honesty sharing caring helping teamwork respect patience trust
loyalty empathy gratitude forgiveness belonging diversity fairness curiosity imagination creativity confidence
joy peace fun faith grace charity honour honor family families home nature adventure adventures dream dreams
wish wishes journey quest secret secrets mystery magic wonder wonders light lights day days night nights star
stars sun sunny sky world land kingdom treasure song songs gift gifts party festival tale tales legend legends
book books story stories lesson lessons moral theme topic idea ideas friend friends best new old last lost found
grand amazing wonderful special hidden missing rainbow garden house tree trees forest river mountain island city
town village street road way heart hearts smile smiles change changes growing learning helping hands team
together alone courageous hopeful kindest brave bravest biggest smallest tiniest very true truly rain storm snow
winter summer spring autumn morning evening afternoon holiday holidays birthday christmas easter halloween
cheerful honest patient gentle clever friendly funny silly sleepy hungry proud shy calm lonely scared excited
curious worried angry sad happy
"""
# ... of which these are also given names: a name in the middle of a sentence ("Mei and Hope went home"), but
# ordinary at the start of a sentence, in a title or in a theme.
_NAME_LIKE = {"hope", "joy", "grace", "faith", "patience", "charity", "honour", "honor", "star", "sunny", "sky",
              "river", "rain", "storm", "summer", "autumn", "may", "june", "april", "happy", "lucky", "snow"}
_ORDINARY = set(_ORDINARY_WORDS.split()) | {en for en, _zh in ADJECTIVES + HERO_ADJ + TRAITS + THING_ADJ + COLOURS}
_ORDINARY |= {w for item in ANIMALS + THINGS for w in item.words if not _IS_HAN.search(w)}
_ORDINARY |= {w for place in PLACES for w in place.words if " " not in w and not _IS_HAN.search(w)}
# Parts of a prompt whose capitals are Title Case, not names: "title: ...", "The theme is: ...", "a story called
# The Lost Kite", and words in quotes.
_SEGMENTS = [
    re.compile(r"(?i)\b(?:title|theme|topic|moral|lesson|message|subject)\b(?:\s+(?:is|was|will be|would be)\b)?"
               r"\s*[:：]\s*([^\n.!?。！？]*)"),
    re.compile(r"(?i)\b(?:title|theme|topic|moral|lesson|message)\s+(?:is|was|will be|would be)\s+([^\n.!?。！？]*)"),
    re.compile(r"(?i)\b(?:(?:story|book|storybook|tale|poem|song|chapter|film|movie|play|game|comic)\s+"
               r"(?:called|named)|titled|entitled)\s+([^\n.!?。！？]*)"),
    re.compile(r'"([^"\n]+)"|“([^”\n]+)”|「([^」\n]+)」|『([^』\n]+)』'),
]


def _segments(text: str) -> list:
    """(start, end) of the Title-Case parts of a text: titles, themes and quotes."""
    spans = []
    for regex in _SEGMENTS:
        for m in regex.finditer(text):
            group = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i) is not None) if m.lastindex else 0
            spans.append(m.span(group))
    return spans


def _ordinary(word: str, strict: bool) -> bool:
    """Whether a capitalised word is an ordinary word, not a name. ``strict``: it starts a sentence or is in a
    title, a theme or quotes, where every word may be capitalised."""
    low = re.sub(r"['’]s$", "", word.lower()).strip("'’")
    if low in _COMMON_START or (low in _ORDINARY and (strict or low not in _NAME_LIKE)):
        return True
    if len(low) > 5 and re.search(r"(?:ness|ship|hood|ment|tion|sion|dom)$", low):     # Friendship, Kindness
        return True
    return strict and bool(re.search(r"(?:ity|ful|less|ous)$|^.{4,}ing$", low))       # Curiosity, Whispering


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text, a line, a list item or a sentence."""
    before = text[max(0, start - 12):start]
    if start <= 12 and re.fullmatch(r"\s*(?:[-*•]|\d+[.)])?\s*", before):
        return True
    return bool(re.search(r"(?:[.!?:;。！？：\"“「(]|\n[ \t]*(?:[-*•]|\d+[.)])?)\s*$", before))


def _names(work: str, segments: list = ()) -> list:
    """Capitalised names that are not ordinary words ('Mei', 'Ah Ming'), and 小明 / 阿明 / 叫X. Words that start a
    sentence or sit in a title, a theme or quotes are names only when they are not ordinary words."""
    names = []
    for m in re.finditer(r"\b(?:named|called)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", work):
        if any(a <= m.start(1) < b for a, b in segments):
            continue                     # "a story called The Lost Kite" is a title
        names.append(m.group(1))
    for m in re.finditer(r"[A-Z][a-z'’-]+(?:[ ][A-Z][a-z'’-]+)*", work):
        run, at = [], m.start()
        for word in m.group().split(" "):
            start = work.index(word, at)
            at = start + len(word)
            strict = _starts_sentence(work, start) or any(a <= start < b for a, b in segments)
            if _ordinary(word, strict):
                run.append(None)
            else:
                run.append(word)
        for key, group in itertools.groupby(run, key=lambda w: w is not None):
            name = " ".join(list(group)[:3]) if key else ""
            if name and name not in names:
                names.append(name)
    for m in _ZH_NAME.finditer(work):
        name = m.group(1) or m.group()
        if len(name) == 2 and name[0] in "小阿" and name[1] in _NOT_NAME_AFTER_SIU:
            continue
        if name not in names:
            names.append(name)
    return names


# --- choosing words: temperature, top_p and seed in one small class --------------------------------
class _Picker:
    """Picks from a list ordered most-common-first, the way a model samples its next word.

    Rank i gets weight exp(-i * 0.5 / temperature); top_p keeps only the most likely options
    whose probabilities add up to top_p; temperature 0 always takes the first (greedy).
    At temperature >= 1.2 the whimsical WILD options are mixed in near the top.
    """

    def __init__(self, rng: random.Random, temperature: float, top_p: float | None):
        self.rng, self.temperature = rng, temperature
        self.top_p = 1.0 if top_p is None else top_p
        self.wild = temperature >= 1.2 and self.top_p >= 0.3

    def pool(self, options, wild=()):
        if not (self.wild and wild):
            return list(options)
        mixed = []
        for i in range(max(len(options), len(wild))):
            mixed += list(wild[i:i + 1]) + list(options[i:i + 1])
        return mixed

    def pick(self, options, wild=()):
        return self.sample(options, 1, wild)[0]

    def sample(self, options, k, wild=()):
        pool = self.pool(options, wild)
        if self.temperature <= 0:
            return pool[:k]
        chosen = []
        while pool and len(chosen) < k:
            weights = [math.exp(-i * 0.5 / self.temperature) for i in range(len(pool))]
            total, keep, running = sum(weights), 0, 0.0
            for keep, w in enumerate(weights, 1):
                running += w / total
                if running >= self.top_p:
                    break
            i = self.rng.choices(range(keep), weights=weights[:keep])[0]
            chosen.append(pool.pop(i))
        return chosen


def _seed(messages: list, temperature: float, top_p: float | None, seed: int | None) -> int:
    """A stable seed (hashlib, not hash(): Python salts hash() per run). Temperature 0 ignores the seed."""
    turns = [[str(m.get("role", "")), _content(m.get("content"))] for m in messages if isinstance(m, dict)]
    settings = None if temperature <= 0 else [round(temperature, 4), top_p, seed]
    blob = json.dumps([turns, settings], ensure_ascii=False, sort_keys=True)
    return int.from_bytes(hashlib.sha256(blob.encode("utf-8")).digest()[:8], "big")


# --- the cast of a story -----------------------------------------------------------------------------
def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _lang(pair, lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


# --- a Hong Kong child's world: the people, food, festivals and transport a prompt names ----------------
_PLURAL_ONLY = {"children", "kids", "old people", "elderly", "families", "babies", "pupils", "students"}


def _en_word(item: Named, said: str) -> str:
    """The child's English word for one of them ("grandma", "friend" for "friends"), else the table's."""
    low = said.lower()
    if not said.isascii():
        return item.en
    for word in (low, low[:-1], low[:-3] + "y"):
        if word in item.words and word not in _PLURAL_ONLY and not (word.endswith("s") and word[:-1] in item.words):
            return word
    return item.en


def _zh_word(item: Named, said: str) -> str:
    """The child's Chinese word (嫲嫲, 孫仔), else the table's."""
    return said if _IS_HAN.search(said) else item.zh


def _past(clause: str) -> str:
    """"teaches her grandson to make dim sum" -> "taught her grandson to make dim sum" (the first verb only)."""
    words = clause.split()
    if not words:
        return clause
    verb = words[0].lower()
    stem = verb[:-2] if verb.endswith(("ches", "shes", "sses", "xes")) else verb[:-3] + "y" if \
        verb.endswith("ies") else verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
    if stem in world.PAST or verb in world.PAST:
        words[0] = world.PAST.get(stem) or world.PAST[verb]
    elif verb.endswith("s") and not verb.endswith("ss"):
        words[0] = stem + ("d" if stem.endswith("e") else "ed")
    return " ".join(words[:14])


def _first_at(text: str, words) -> int:
    """Where the first of ``words`` is in ``text`` (len(text) when none is)."""
    low = text.lower()
    return min([low.find(w.lower()) for w in words if w.lower() in low] or [len(text)])


def _clause(prompt: str, said: str) -> str | None:
    """What the prompt says someone does: "a doctor in a hospital who helps a sick dog" -> "helps a sick dog"."""
    if not said.isascii():
        return None
    m = re.search(rf"(?i)\b{re.escape(said)}\b(?:\s+(?:in|at|on|from|of)\s+(?:the\s+|an?\s+)?[\w-]+"
                  r"(?:\s+[\w-]+)?)?\s+(?:who|that)\s+([^,.!?;\n]+)", prompt)
    return m.group(1).strip() if m else None


def _world_heroes(prompt: str, found: list) -> tuple:
    """([(hero, ref)], items used) for the people a prompt names, with what they do: "a grandmother who taught
    her grandson to make dim sum", "my dad, a firefighter", 「當消防員的爸爸」."""
    people = [(item, said) for item, said in found if item.kind in ("person", "job")]
    heroes, used = [], []
    for item, said in people:
        if (item, said) in used or len(heroes) >= 2:
            continue
        en, zh = _en_word(item, said), _zh_word(item, said)
        mine = re.search(rf"(?i)\bmy\s+(?:\w+\s+)?{re.escape(said)}", prompt)
        hero_en, ref_en = (f"my {en}", f"my {en}") if mine else (_a(en), f"the {en}")
        hero_zh = ("一位" + zh) if item.kind == "job" else zh
        used.append((item, said))
        for other, other_said in people:            # "my dad he is a firefighter", 「爸爸係消防員」
            if (other, other_said) in used or other.kind != "job":
                continue
            if re.search(rf"(?i){re.escape(said)}\W+(?:(?:he|she)\s+)?(?:is|was|works as)\s+an?\s+"
                         rf"{re.escape(other_said)}|{re.escape(said)}(?:係|是|做|當)(?:一個|一名|一位)?"
                         rf"{re.escape(other_said)}", prompt):
                hero_en += f", {_a(_en_word(other, other_said))},"
                hero_zh = f"當{_zh_word(other, other_said)}的{zh}"
                used.append((other, other_said))
        clause = _clause(prompt, said)
        if clause:
            hero_en = hero_en.rstrip(",") + " who " + _past(clause)
            used += [(o, w) for o, w in people if w in clause and (o, w) not in used]
        heroes.append(((hero_en, hero_zh), (ref_en, zh)))
    return heroes, used


# 「寫一個婆婆教孫仔整點心的故事」: what the story is about, in the child's own words.
_PREMISE_ZH = [re.compile(r"關於(.+?)(?:的|嘅)(?:故事|小說|童話|點子|詩|兒歌)"),
               re.compile(r"(?:故事|小說)\s*[:：]\s*(.+)$"),
               re.compile(r"^(?:請|幫我|我想)?(?:寫|講|作)?(?:一個|個|篇|一篇)?(.+?)(?:的|嘅)(?:故事|小說|童話)"),
               re.compile(r"關於(.+)$")]
_PREMISE_ASK = re.compile(r"寫|(?:一個|個|篇|的|嘅)(?:故事|小說)|(?:故事|小說)\s*[:：]|點子|主意|列出|詩|句|字|[?？]|"
                          r"甚麼|點解|為何|json|提示", re.IGNORECASE)


def _premise(prompt: str) -> str | None:
    """The story's premise when a Chinese prompt states one: 婆婆教孫仔整點心. A prompt that asks for nothing
    (「媽媽喺廚房煮飯，我幫手洗菜」) is all premise."""
    text = prompt.strip().rstrip("。！!")
    for pattern in _PREMISE_ZH:
        m = pattern.search(text)
        if m:
            premise = re.sub(r"^(?:寫|講)?(?:三|四|五|兩|[0-9]+)句", "", m.group(1)).strip("，, ")
            premise = re.sub(r"^(?:一個|個)(?=[\u4e00-\u9fff]{2})", "", premise)
            return _written(premise) if 2 <= len(premise) <= 40 else None
    if not _PREMISE_ASK.search(text) and 4 <= len(text) <= 40 and _looks_chinese(text):
        return _written(text)
    return None


def _written(text: str) -> str:
    """Spoken Cantonese words in a child's premise -> written Chinese, as the rest of the story is written."""
    for spoken, written in world.WRITTEN:
        text = text.replace(spoken, written)
    return re.sub(r"同(?![學事伴樣時意])", "和", text)


_JIEBA: list = []


def _zh_nouns(text: str) -> list:
    """The nouns of a Chinese phrase, in order, cut by jieba (loaded on first use: about half a second) with the
    kit's own word tables added, so 天星小輪 and 消防員 stay whole. Without jieba installed: none."""
    if not _JIEBA:
        try:
            import jieba
            import jieba.posseg
        except ImportError:
            _JIEBA.append(None)
        else:
            jieba.setLogLevel(60)
            tok = jieba.posseg.POSTokenizer(jieba.Tokenizer())
            for item in [*ANIMALS, *PLACES, *THINGS, *NAMED]:
                for word in item.words:
                    if _IS_HAN.search(word) and len(word) > 1:
                        tok.tokenizer.add_word(word, 2000, "n")
            _JIEBA.append(tok)
    tok = _JIEBA[0]
    if tok is None:
        return []
    return [p.word for p in tok.cut(text) if p.flag.startswith("n") and len(p.word) > 1 and _IS_HAN.search(p.word)]



class _Cast:
    """Who, where and what: each slot is an (English, 中文) pair, ready for the templates."""

    def __init__(self, req: _Request, pick: _Picker, source: str | None = None):
        texts = [source] if source is not None else [req.prompt]
        # A character sheet is its own hero: the cat, scarf and name it describes are not more characters and
        # things. What a request says about itself ("a picture storybook") is not in the story either.
        spotted = [_spot(_bare(t, req.sheets)) for t in texts]
        history = source is not None
        own_sheet = any(sheet in t for t in texts for sheet in req.sheets)
        if source is None and not own_sheet and not any(s.animals or s.names for s in spotted):
            spotted += [_spot(_bare(t, req.sheets)) for t in req.context]   # "give it a title": the last story
            history = True
        sheets = [_sheet(s) for s in req.sheets]
        sheet_spots = [_spot(s) for s in req.sheets]
        sheet_animals = [s.animals[0] for s in sheet_spots if s.animals]
        spotted.append(_Spotted(places=[p for s in sheet_spots for p in s.places]))
        first = _Spotted()
        for s in spotted:
            for animal, adjs, name in s.animals:
                known = next((i for i, a in enumerate(first.animals) if a[0] == animal), None)
                if known is None:
                    first.animals.append((animal, adjs, name))
                elif name and not first.animals[known][2]:
                    first.animals[known] = (animal, first.animals[known][1] or adjs, name)
            for attr in ("names", "places", "things", "feelings"):
                items = getattr(first, attr)
                items.extend(x for x in getattr(s, attr) if x not in items)
        first.names = [n for n in first.names if n not in {a[2] for a in first.animals}]
        self.user_thing, self.user_feeling = bool(first.things), bool(first.feelings)
        self.user_place = bool(first.places)
        heroes, refs = [], []                   # (English, 中文) pairs, in the order the child named them
        sheet_names = {name for name, _d in sheets}
        for name, desc in sheets[:2]:
            heroes.append((f"{name}, {desc}," if desc else name, _zh_sheet_hero(name, desc)))
            refs.append((name, name))
        for name in first.names:
            if name not in sheet_names and len(heroes) < 3:
                heroes.append((name, name))
                refs.append((name, name))
        # The people the prompt itself names (a grandmother, my dad, 消防員) lead the story, with what the
        # prompt says they do; the animals it names are met on the way. Earlier turns never add people.
        self.world = spotted[0].world if source is None else []
        people, used = _world_heroes(req.prompt, self.world) if not heroes else ([], [])
        if people and first.animals and _first_at(req.prompt, first.animals[0][0].words) < \
                _first_at(req.prompt, [w for item, w in used]):
            people, used = [], []                # "a robot that helps old people": the robot leads
        for hero, ref in people[:2]:
            heroes.append(hero)
            refs.append(ref)
        self.world = [w for w in self.world if w not in used]
        self.premise = _premise(req.prompt) if source is None and req.lang == "zh" else None
        self.prompt = req.prompt
        if req.lang == "zh" and not heroes and not first.animals and self.premise:
            named = {w for _kw, kind, item in _KEYWORDS if kind != "animal" for w in item.words}
            nouns = [n for n in _zh_nouns(self.premise) if not any(w in n for w in named)]
            noun = nouns[0] if nouns else "大家"             # 外星人學煮飯 -> 外星人 leads
            heroes.append((noun, noun))
            refs.append((noun, noun))
        self.animal, self.adj = None, pick.pick(HERO_ADJ, HERO_ADJ_WILD)
        if sheet_animals:                       # "Pip, a small rabbit ...": the hero is a rabbit
            self.animal = sheet_animals[0][0]
            self.adj = next((a for a in sheet_animals[0][1] if a[1]), self.adj)
        # In a story we wrote before, the first animal is the hero; later ones are friends met on the way.
        # An animal the sheet already is ("a shy panda" for Pip the panda) is the sheet's hero, not another one.
        kinds = {a for a, _d, _n in sheet_animals}
        animals = [a for a in first.animals if a[0] not in kinds][:1 if history else 2]
        self.met = animals if people else []
        animals = [] if people else animals
        if not animals and not heroes:
            animals = [(_ANIMAL[pick.pick(DEFAULT_HEROES)], [], "")]
        for animal, adjs, name in animals:
            if name in sheet_names:
                continue
            if not self.animal:
                self.animal, self.adj = animal, (adjs[0] if adjs else self.adj)
            if not adjs and not heroes:
                adjs = [self.adj]
            if not name and not heroes and not history and not self.premise:   # sometimes a name: one more choice
                name = pick.pick([("", "")] + NAMES, NAMES_WILD)[0]
            hero = self._animal(animal, adjs, name)
            clause = _clause(req.prompt, animal.en) if source is None else None
            heroes.append((hero[0] + " who " + _past(clause), hero[1]) if clause else hero)
            zh_name = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
            short_zh = animal.zh if len(animal.zh) > 1 else "小" + animal.zh      # 小貓, 熊貓
            refs.append((name or f"the {animal.en}", zh_name or short_zh))
        self.names = [r[0] for r in refs]
        self.named = not refs[0][0].startswith("the ")
        self.hero = (" and ".join(h[0] for h in heroes), "和".join(h[1] for h in heroes))
        self.ref = (" and ".join(r[0] for r in refs), "和".join(r[1] for r in refs))
        places = first.places or [_PLACE[pick.pick(DEFAULT_PLACES, DEFAULT_PLACES_WILD)]]
        self.place, self.place2 = places[0], (places[1] if len(places) > 1 else None)
        default_thing = pick.pick(DEFAULT_THINGS)
        default = (next(t for t in THINGS if t.en == default_thing), [])
        thing, adjs = first.things[0] if first.things else default
        adj = adjs[0] if adjs else pick.pick(THING_ADJ, THING_ADJ_WILD)
        adj_zh = adj[1] + ("" if adj[1].endswith("的") or not adj[1] else "的")
        self.thing = thing
        self.obj = (_a(f"{adj[0]} {thing.en}"), f"一{thing.mw}{adj_zh}{thing.zh}")
        self.the_obj = (f"the {thing.en}", f"那{thing.mw}{thing.zh}")
        self.feeling = first.feelings[0] if first.feelings else pick.pick(MOODS)
        worries = [f for f in first.feelings if f[0] in ("sad", "scared", "lonely", "worried", "angry", "nervous")]
        self.worry = worries[0] if worries else pick.pick(WORRIES)
        in_story = {a.en for a in kinds} | {a[0].en for a in animals}
        self.friend = pick.pick([f for f in FRIENDS if f[1][4:] not in in_story] or FRIENDS, FRIENDS_WILD)
        if self.met:                            # "my dad saves a cat": the cat is the one met on the way
            animal, adjs, name = self.met[0]
            en, zh = self._animal(animal, adjs, name)
            self.friend = (en, name or f"the {animal.en}", zh, name or animal.zh)
        self.extra_things = [t for t, _a in first.things[1:]] if source is None else []
        self.weather = _page_weather(req.prompt) if source is None else None
        self.time = pick.pick(TIMES, TIMES_WILD)
        self.trait = pick.pick(TRAITS)
        self.events = pick.sample(EVENTS, 2, EVENTS_WILD)

    @staticmethod
    def _animal(animal: Animal, adjs: list, name: str) -> tuple:
        words = " ".join(en for en, _zh in adjs)
        en = _a(f"{words} {animal.en}".strip()) + (f" named {name}" if name else "")
        zh_adj = "又".join(dict.fromkeys(zh for _en, zh in adjs if zh))
        zh_name = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
        zh = f"一{animal.mw}" + (f"名叫{zh_name}、" if name else "") + (f"{zh_adj}的" if zh_adj else "")
        return en, zh + animal.zh

    def slots(self, lang: str) -> dict:
        """The template slots in one language: {hero}, {ref}, {place}, {at}, {obj}, {friend} ..."""
        p, p2 = self.place, self.place2 or self.place
        pairs = {"hero": self.hero, "ref": self.ref, "obj": self.obj, "the_obj": self.the_obj,
                 "feeling": self.feeling, "worry": self.worry, "time": self.time, "trait": self.trait,
                 "event": self.events[0], "event2": self.events[-1],
                 "friend": (self.friend[0], self.friend[2]), "friend_ref": (self.friend[1], self.friend[3]),
                 "place": (p.en, p.zh), "place2": (p2.en, p2.zh), "to2": (f"to {p2.en}", p2.zh),
                 "at": (f"{p.prep} {p.en}", f"在{p.zh}{p.loc}")}
        slots = {key: pair[lang == "zh"] for key, pair in pairs.items()}
        slots["at_cap"] = slots["at"][:1].upper() + slots["at"][1:]
        return slots


# What a request says about itself, never part of the story: 「寫一本圖畫故事書」 is not a book in the story.
_REQUEST_WORDS = re.compile(r"(?:寫|創作|做|製作)(?:一本|一個)?(?:圖畫|兒童)?(?:故事書|繪本)|圖畫故事書|"
                            r"(?i:\b(?:picture |children's |a )?(?:story ?book|picture book)s?\b)")


def _bare(text: str, sheets: list) -> str:
    """``text`` with its character sheets and the request's words about itself blanked (same length)."""
    for sheet in sheets:
        text = text.replace(sheet, " " * len(sheet))
    return _REQUEST_WORDS.sub(lambda m: " " * len(m.group()), text)


def _zh_sheet_hero(name: str, desc: str) -> str:
    """A sheet's hero in a Chinese sentence: 「小寶，一隻戴紅色頸巾的小熊貓」 -> 一隻戴紅色頸巾的小熊貓小寶."""
    if desc and _looks_chinese(desc) and not re.search(r"[，,、；;。]", desc) and _IS_HAN.match(desc[-1]) \
            and len(desc) <= 24:
        return desc + name
    return name


def _sheet(desc: str) -> tuple:
    """'Mimi, a small orange cat with a blue scarf' -> ('Mimi', 'a small orange cat with a blue scarf')."""
    parts = re.split(r"\s*[,，:：]\s*", desc, maxsplit=1)
    name, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    if len(name.split()) > 3 or len(name) > 24:
        return desc, ""
    return name, rest


def _fill(pair, slots: dict, lang: str) -> str:
    text = _lang(pair, lang).format(**slots)
    return text[:1].upper() + text[1:]


# --- plans: a first sentence, as many middle ones as needed, and an ending --------------------------
@dataclass
class _Plan:
    first: str
    last: str | None
    single: str
    more: Callable[[int], str]       # the n-th middle sentence
    kind: str = "prose"
    pair_first: str | None = None    # the opening when only two sentences are wanted

    def take(self, n: int) -> list:
        if n <= 1:
            return [self.single]
        if n == 2 and self.last and self.pair_first:
            return [self.pair_first, self.last]
        middle = [self.more(i) for i in range(n - (2 if self.last else 1))]
        return [self.first, *middle] + ([self.last] if self.last else [])


def _cycle(items: list, lang: str) -> Callable[[int], str]:
    """Middle sentences on demand; when the list runs out it starts again with 'After that,' (long texts)."""
    def more(i: int) -> str:
        text = items[i % len(items)]
        if i < len(items):
            return text
        return ("之後，" + text) if lang == "zh" else "After that, " + text[:1].lower() + text[1:]
    return more


def _story_plan(cast: _Cast, pick: _Picker, lang: str, simple: bool) -> _Plan:
    """Opening, middle events (the child's own object, feeling and second place come first), ending."""
    slots = cast.slots(lang)
    if simple:
        lines = [_fill(t, slots, lang) for t in SIMPLE]
        return _Plan(lines[0], lines[-1], lines[0], _cycle(lines[1:-1], lang))
    forced = ["obj"] * cast.user_thing + ["feeling"] * cast.user_feeling + ["place2"] * bool(cast.place2) \
        + ["friend"] * bool(cast.met)
    usable = [m for m in MIDDLES if m[0] != "place2" or cast.place2]
    must = [next(m for m in usable if m[0] == f) for f in forced]
    rest = pick.sample([m for m in usable if m not in must], len(usable) - len(must))
    middles = sorted(must + rest[:3], key=usable.index) + rest[3:]
    first = _fill(pick.pick(OPENINGS), slots, lang)
    if cast.premise:                    # 「婆婆教孫仔整點心」: the child's own premise opens the story
        about = re.search(rf"關於{re.escape(cast.premise[:4])}", _written(cast.prompt))
        first = f"這是一個關於{cast.premise}的故事。" if about else f"有一次，{cast.premise}。"
    # A two-sentence story has no middle, so the child's object, feeling or second place joins the opening.
    extra = [t for flag, t in [(cast.user_thing, ("with {obj} close by", "身邊還有{obj}")),
                                (cast.user_feeling, ("feeling {feeling}", "心裏覺得很{feeling}")),
                                (cast.place2, ("dreaming of {place2}", "夢想去{place2}"))] if flag]
    joined = (", " if lang == "en" else "，").join(_fill(t, slots, lang) for t in extra)
    pair_first = (first[:-1] + (", " if lang == "en" else "，") + joined + first[-1]) if extra else first
    last = _fill(pick.pick(ENDINGS, ENDINGS_WILD), slots, lang)
    single = _fill(SINGLE, slots, lang)
    lines = [_fill(m[1:], slots, lang) for m in middles]
    told = [_fill(m[1:], slots, lang) for m in middles if m in must]
    more = _cycle(told + _world_lines(cast, pick, lang) + [line for line in lines if line not in told], lang)
    return _Plan(first, last, single, more, pair_first=pair_first)


def _world_lines(cast: _Cast, pick: _Picker, lang: str) -> list:
    """A middle sentence for each person, food, festival, means of transport, further thing and weather the
    prompt names and the opening has not said yet, in the child's own words."""
    slots, lines = cast.slots(lang), []
    festival = re.compile(r"Festival|New Year|Christmas")
    named = [(item.kind, item, said) for item, said in cast.world]
    named += [("thing", Named("thing", t.words, t.en, t.zh), t.en) for t in cast.extra_things]
    for kind, item, said in named:
        if lang == "zh":
            word = _zh_word(item, said)
        elif kind in ("person", "job"):
            word = (_a(_en_word(item, said)) if kind == "job" else f"the {_en_word(item, said)}")
        elif kind == "event":
            word = item.en                  # "the Mid-Autumn Festival", not "mid autumn"
        else:
            word = said.lower() if said.isascii() else item.en
        templates = world.MIDDLES["person" if kind == "job" else kind]
        if kind == "event":                 # "It was the lion dance" would not do: only festivals are days
            templates = templates[:1] if festival.search(item.en) else templates[1:]
        template = pick.pick(templates)
        lines.append(_lang(template, lang).format(ref=slots["ref"], it=word, it_cap=word[:1].upper() + word[1:]))
    if cast.weather in world.WEATHER_LINES:
        lines.append(_lang(world.WEATHER_LINES[cast.weather], lang))
    return [line[:1].upper() + line[1:] for line in lines]


def _poem_plan(cast: _Cast, lang: str) -> _Plan:
    slots = cast.slots(lang)
    lines = [_fill(c, slots, lang) for c in COUPLETS]
    for item, said in cast.world[:2]:          # a poem about the Mid-Autumn Festival says so
        word = _zh_word(item, said) if lang == "zh" else (item.en if item.kind == "event" else said.lower())
        lines.insert(1, _fill(world.POEM_LINE, {**slots, "it": word}, lang))
    return _Plan(lines[0], lines[-1], lines[0], _cycle(lines[1:-1], lang), kind="poem")


def _continue_plan(cast: _Cast, pick: _Picker, lang: str, prev: str) -> _Plan:
    """What happens next: new events for the same hero, skipping any the story already told."""
    told = _split(prev, lang)
    story = _story_plan(cast, pick, lang, False).take(12)
    fresh = [s for s in dict.fromkeys(story[1:]) if all(_overlap(s, old) < 0.5 for old in told)] or story[1:]
    first = _fill(pick.pick(CONTINUE_OPENERS), cast.slots(lang), lang)
    last = next((s for s in reversed(fresh) if s in story[-1:]), fresh[-1])
    middles = [s for s in fresh if s != last] or fresh
    return _Plan(first, last, first, _cycle(middles, lang))


def _answer_plan(req: _Request) -> _Plan:
    """A job gets its kind sentence, a known topic its facts, an animal its one fact, anything else an honest
    'I know a little'."""
    lang, fillers = req.lang, [_lang(f, req.lang) for f in FILLERS]
    subject = _topic(req)
    job = _job(subject)
    if job is not None:
        _words, en, zh, en_says, zh_says = job
        says = en_says[:1].lower() + en_says[1:] if lang == "en" else zh_says
        lines = [_lang(KNOWN_A_LITTLE, lang).format(fact=says),
                 _lang(ANYONE_CAN, lang).format(job=en if lang == "en" else zh)] + _lang(UNKNOWN, lang)[1:]
        return _Plan(lines[0], None, lines[0], _cycle(lines[1:] + fillers, lang))
    topic = req.low
    for word in (w for a in ANIMALS for w in a.words if _IS_HAN.search(w)):
        topic = topic.replace(word, " ")         # 海豚 is a dolphin question, not a sea (海) question
    known = (_lang((en, zh), lang) for words, en, zh in FACTS if _keyword_regex(words).search(topic))
    lines = next(known, None)
    if lines is None:
        spotted = _spot(req.prompt)
        if spotted.animals:
            fact = _lang(spotted.animals[0][0].fact, lang)
            lines = [_lang(KNOWN_A_LITTLE, lang).format(fact=fact)] + _lang(UNKNOWN, lang)[1:]
        else:
            lines = [line.format(topic=subject) for line in _lang(UNKNOWN, lang)]
    return _Plan(lines[0], None, lines[0], _cycle(lines[1:] + fillers, lang))


_JOB_RES = [(_keyword_regex(sorted(job[0], key=len, reverse=True)), job) for job in JOBS]


def _job(topic: str):
    """The community job a question's topic names ('a nurse', 'police officers', '護士'), or None."""
    return next((job for regex, job in _JOB_RES if regex.search(topic)), None)


# After "What does a nurse ..." the subject ends at its verb: "do", "wear", "start running" ...
_TOPIC_VERB_WORDS = """
do make mean eat wear use need have look like say help work live sound feel become study learn carry drive cook
grow fly teach want think know see smell play build keep find fix give get go bring start begin open happen come
leave arrive end finish stop run sleep hunt move travel talk sing cost weigh belong hold save protect
"""
_TOPIC_VERBS = set(_TOPIC_VERB_WORDS.split())
_AUX = r"is|are|was|were|does|do|did|can|could|will|would|should"


def _topic(req: _Request) -> str:
    """The thing a question is about: 'What is gravity?' -> 'gravity', 'What does a nurse do?' -> 'a nurse',
    「護士做甚麼？」 -> '護士'."""
    text = req.prompt.strip().rstrip("?？!！。. ")
    if req.lang == "zh":
        text = re.sub(r"^(?:請問|你知道|告訴我|介紹一下|介紹|說說|講講)", "", text)
        text = re.sub(r"^(?:甚麼是|什麼是|乜嘢係|咩係|咩嘢係)", "", text)
        text = re.sub(r"(?:嗎|呢|呀|啊|㗎)$", "", text)
        text = re.sub(r"(?:每天|平時|平日)?(?:的工作)?(?:是|係)?(?:在|喺)?(?:做|負責|幹)?(?:甚麼|什麼|乜嘢|乜|咩)"
                      r"(?:工作|事情|事|嘢|意思|東西)?(?:的|㗎|嘅)?$", "", text)
        text = re.sub(r"為甚麼|為什麼|點解|是甚麼|是什麼|係乜嘢|乜嘢係|[？?。，,]", "", text)
        text = re.sub(r"^(?:一個|一位|一名|一隻)", "", text)
        return text[:12] or "這個題目"
    m = re.match(rf"(?i)(?:(what|who|why|how|where|when|which)(?:['’]s)?\s+(?:({_AUX})\s+)?|"
                 r"tell me about\s+|explain\s+|describe\s+)", text)
    ask, aux = (m.group(1) or "", m.group(2) or "") if m else ("", "")
    if ask.lower() in ("why", "how") and aux.lower() not in ("do", "does", "did"):
        return "that"                    # "Why is the sky blue?": no one thing to name
    words = text[m.end():].split() if m else text.split()
    if aux.lower() in ("do", "does", "did", "can", "could", "will", "would", "should") and len(words) > 1:
        cut = next((i for i, w in enumerate(words) if i and w.lower() in _TOPIC_VERBS), len(words) - 1)
        words = words[:cut]              # "a nurse do all day" -> "a nurse"
    topic = " ".join(words[:6])
    topic = re.sub(r"['’]s (?:job|work)$", "", topic)
    if topic[:4] in ("The ", "An ", "A "):
        topic = topic[:1].lower() + topic[1:]
    return topic or "that"


# --- shaping prose: persona voice, length and language ----------------------------------------------
# Words that stay capitalised after a persona opener ("Arr, matey, Hong Kong is ...").
_PROPER = {"Hong", "Victoria", "Lantau", "Ocean", "Cheung", "Mong", "Qwen", "I", "Chinese", "Sai", "Star"}


def _join(sentences: list, lang: str, poem: bool = False) -> str:
    if lang == "zh":
        return ("\n\n" if poem else "").join(sentences)
    return ("\n\n" if poem else " ").join(sentences)


def _voice(sentences: list, req: _Request, opener: tuple, closing: bool, names: list) -> list:
    """Weave the persona into the first sentence, so exact sentence counts stay exact."""
    lang, out = req.lang, list(sentences)
    if opener and out and _lang(opener, lang):
        head = _lang(opener, lang).format(who=req.who)
        first = out[0]
        word = first.split()[0].strip(",") if first.split() else ""
        if lang == "en" and word not in _PROPER and not any(first.startswith(n) for n in names):
            first = first[:1].lower() + first[1:]
        out[0] = head + first
    closer = PERSONAS.get(req.persona, (None, None))[1]
    if closing and closer:
        out.append(_lang(closer, lang))
    if lang == "en" and (req.simple or req.persona == "pirate"):
        out = [_reword(s, req.simple, req.persona == "pirate") for s in out]
    return out


def _easy(m: re.Match) -> str:
    word = _EASY_WORDS[m.group(2)]
    return (m.group(1) + ("n " if word[0] in "aeiou" else " ") if m.group(1) else "") + word


def _pirate(m: re.Match) -> str:
    word = _PIRATE_WORDS[m.group().lower()]
    return word.capitalize() if m.group()[0].isupper() else word


@functools.lru_cache(maxsize=4096)
def _reword(sentence: str, simple: bool, pirate: bool) -> str:
    """Easy words for young children ("an eruption" -> "a big burst"), pirate words for pirates."""
    if simple:
        sentence = _EASY_RE.sub(_easy, sentence)
    return _PIRATE_RE.sub(_pirate, sentence) if pirate else sentence


def _count_words(text: str, lang: str) -> int:
    return len(_IS_HAN.findall(text)) if lang == "zh" else len(text.split())


def _trim_words(text: str, limit: int, lang: str) -> str:
    """Cut to ``limit`` words (Chinese: characters), ending neatly with a full stop."""
    if _count_words(text, lang) <= limit:
        return text
    if lang == "zh":
        seen, end = 0, 0
        for i, ch in enumerate(text):
            if _IS_HAN.match(ch):
                seen += 1
                if seen > limit:
                    break
            end = i + 1
        return text[:end].rstrip("，、：；,\n ") + "。"
    words = text.split()[:max(limit, 1)]
    while len(words) > 1 and words[-1].strip(",;:").lower() in _STOP | {"a", "an", "the", "and", "but", "so"}:
        words.pop()
    return " ".join(words).rstrip(",;:—-") .rstrip(".!?") + "."


def _shape(plan: _Plan, req: _Request, pick: _Picker, names: list, default_n: int) -> str:
    """Apply the asked length: a sentence count, a word limit, or the default 3-5 sentences."""
    lang, low, poem = req.lang, req.low, plan.kind == "poem" or req.persona == "poet"
    opener = pick.pick(PERSONAS[req.persona][0]) if req.persona in PERSONAS else None
    n, words = _ask_sentences(low), _ask_words(low)
    if n is None and words is None:
        if re.search(r"\bshort\b|\bbrief(?:ly)?\b|簡短|短故事|短篇|簡單講", low):
            n = 2
        elif re.search(r"\blong\b|長篇|長故事", low):
            n = 8
    if poem and plan.kind != "poem":     # a poet answering a question: short lines, broken at commas
        def lines(text):
            return text.replace(", ", ",\n") if text else text
        plan = _Plan(lines(plan.first), lines(plan.last), lines(plan.single),
                     lambda i, more=plan.more: lines(more(i)), kind="poem")
    if words is None or n is not None:
        count = n or default_n
        text = _join(_voice(plan.take(count), req, opener, n is None and words is None, names), lang, poem)
        return text if words is None else _trim_words(text, words[1], lang)
    low_w, high_w = words

    def build(count: int) -> list:
        return _voice(plan.take(count), req, opener, False, names)

    def size(parts: list) -> int:
        return _count_words(_join(parts, lang, poem), lang)

    good, bad = 1, 2          # the most sentences that fit: double, then halve the gap (a binary search)
    while bad < 256 and size(build(bad)) <= high_w:
        good, bad = bad, bad * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if size(build(mid)) <= high_w else (good, mid)
    best = build(good)
    for pad in PADS:          # top up with tiny sentences before the ending, so the length lands in range
        if size(best) >= low_w:
            break
        padded = best[:-1] + [_lang(pad, lang)] + best[-1:] if len(best) > 1 else best + [_lang(pad, lang)]
        if size(padded) <= high_w:
            best = padded
    if low_w <= size(best) <= high_w:
        return _join(best, lang, poem)
    return _trim_words(_join(build(bad if size(best) < low_w else good), lang, poem), high_w, lang)


def _ask_sentences(low: str) -> int | None:
    m = re.search(rf"\b{_NUM_WORD}[\s-]+(?:short\s+|simple\s+|long\s+)?(?:sentences?|lines?)\b", low)
    m = m or re.search(rf"{_ZH_NUM}\s*句", low)
    return min(max(1, _number(m.group(1))), MAX_SENTENCES) if m else None


def _ask_words(low: str) -> tuple | None:
    """(at least, at most) words. 'about' allows +-20% (we aim inside 10%); 'under' means at most."""
    m = re.search(r"\b(under|less than|fewer than|at most|no more than|not more than|maximum of|max|up to|"
                  rf"within|about|around|roughly|approximately|exactly)?\s*{_NUM_WORD}[\s-]+words?\b", low)
    zh = re.search(rf"(大約|大概|約|不超過|最多|少於)?\s*{_ZH_NUM}\s*個?字\s*(以內|以下|之內|內|左右)?", low)
    if m and _number(m.group(2)) > 1:
        how, n = m.group(1) or "in", _number(m.group(2))
    elif zh and _number(zh.group(2)) > 1:
        n = _number(zh.group(2))
        how = "about" if (zh.group(1) or "").startswith(("大", "約")) or zh.group(3) == "左右" else (
            "under" if zh.group(1) or zh.group(3) else "in")
    else:
        return None
    n = min(n, MAX_WORDS)
    if how in ("about", "around", "roughly", "approximately"):
        return max(1, round(n * 0.92)), max(1, round(n * 1.08))
    if how in ("under", "less than", "fewer than"):
        return max(1, round(n * 0.7)), max(1, n - 1)
    if how in ("at most", "no more than", "not more than", "maximum of", "max", "up to", "within"):
        return max(1, round(n * 0.7)), n
    return max(1, n - max(1, n // 10)), n


# --- formats -----------------------------------------------------------------------------------------
_LIST_NOUNS = {"names": "names", "animals": "animals", "places": "places", "colours": "colours",
               "colors": "colours", "titles": "titles", "facts": "facts", "choices": "choices",
               "options": "choices",
               "名字": "names", "動物": "animals", "地方": "places", "顏色": "colours", "書名": "titles", "事實": "facts",
               "選擇": "choices", "選項": "choices"}


def _ask_list(low: str) -> tuple:
    """(how many, what kind) for '5 ideas', 'list of 3 names', '列出五個動物', '2 options'."""
    m = re.search(rf"\b(?:list of|top)\s+{_NUM_WORD}\b(?:\s+(?:[a-z'-]+\s+){{0,2}}?(\w+))?", low)
    m = m or re.search(rf"\b{_NUM_WORD}\s+(?:[a-z'-]+\s+){{0,2}}?(ideas?|items?|things|names|animals|"
                       r"places|tips|ways|facts|reasons|titles|examples|colou?rs|choices|options|steps|"
                       r"questions|points|endings|jokes|parts|sections|stages)\b", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), _LIST_NOUNS.get(m.group(2) or "", "ideas")
    m = re.search(rf"(?:列出|寫|給我|提供)?\s*{_ZH_NUM}\s*(?:個|項|種|款|條|點)[^，。！？0-9]{{0,8}}?"
                  r"(主意|點子|名字|動物|地方|建議|方法|原因|問題|書名|角色|選擇|選項|想法|顏色|例子|事實)", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), _LIST_NOUNS.get(m.group(2), "ideas")
    m = re.search(rf"列出\s*{_ZH_NUM}", low) or re.search(rf"(?:點子|主意|想法)\W{{0,2}}{_ZH_NUM}\s*個", low)
    if m:
        return min(_number(m.group(1)), MAX_ITEMS), "ideas"
    if re.search(r"\bideas\b|點子|主意", low):         # "ideas for a story about plastic": three of them
        return 3, "ideas"
    return None, None


def _list_items(kind: str, n: int, req: _Request, pick: _Picker, cast: _Cast) -> list:
    """n distinct items: names, animals, places, colours, titles, facts, choices, or story ideas."""
    lang = req.lang
    tables = {"names": NAMES + NAMES_WILD, "animals": [(a.en, a.zh) for a in ANIMALS],
              "places": [(p.en, p.zh) for p in PLACES], "colours": COLOURS}
    if kind in tables:
        items = [_lang(x, lang) for x in pick.sample(tables[kind], n)]
        items = [i[:1].upper() + i[1:] for i in items]
        return items + (_list_items("ideas", n - len(items), req, pick, cast) if len(items) < n else [])
    if kind == "titles":
        return [_title(req, pick, cast, i) for i in range(n)]
    if kind == "facts":
        return _answer_plan(req).take(n)
    if kind == "choices":
        return _choice_lines(n, req, pick, cast)
    topic = _idea_topic(req)
    if topic:
        return _topic_ideas(topic, n, req, pick)
    # Story ideas: each list is shuffled once (by the seed), then item i takes the i-th of each, so even
    # at temperature 0 a long list never repeats itself. The first idea uses the child's own hero.
    slots = cast.slots(lang)
    hero_slot = "{animal}" if cast.animal else "{name}"
    first = pick.pick([t for t in IDEAS if hero_slot in t[0]])
    templates = [first] + pick.sample([t for t in IDEAS if t != first], len(IDEAS))
    animals, places = pick.sample(ANIMALS, len(ANIMALS)), pick.sample(PLACES, len(PLACES))
    names, things = pick.sample(NAMES, len(NAMES), NAMES_WILD), pick.sample(THINGS, len(THINGS))
    adjs = pick.sample(HERO_ADJ, len(HERO_ADJ), HERO_ADJ_WILD)
    out = []
    for i in range(n):
        animal = cast.animal if (cast.animal and i == 0) else animals[i % len(animals)]
        thing, place = things[i % len(things)], (cast.place if cast.user_place else places[i % len(places)])
        extra = {"adj": _lang(adjs[i % len(adjs)], lang), "animal": _lang((animal.en, animal.zh), lang),
                 "mw": animal.mw,
                 "name": cast.ref[lang == "zh"] if i == 0 else _lang(names[(i + i // 8) % len(names)], lang),
                 "thing": _lang((thing.en, thing.zh), lang), "tmw": thing.mw, "a_thing": _a(thing.en),
                 "place": _lang((place.en, place.zh), lang),
                 "at": f"在{place.zh}{place.loc}" if lang == "zh" else f"{place.prep} {place.en}"}
        item = _lang(templates[i % len(templates)], lang).format(**{**slots, **extra})
        out.append(item[:1].upper() + item[1:])
    return out


_TOPIC_EN = re.compile(r"(?i)\b(?:about|on)\s+(?:the\s+(?=topic|theme)(?:topic|theme)\s+(?:of\s+)?)?([^.,!?;:\n]+)")
_TOPIC_ZH = re.compile(r"關於(.+?)(?:的|嘅|[，。,]|$)")


def _idea_topic(req: _Request) -> str | None:
    """What a list of ideas is about ("ideas for a novel about climate change", 「關於氣候變化的點子」), when it is
    a topic rather than an animal or a named hero, who lead the ideas the usual way."""
    m = (_TOPIC_ZH if req.lang == "zh" else _TOPIC_EN).search(req.prompt)
    if not m:
        return None
    topic = re.sub(r"(?i)\s+(?:for|in)\s+(?:kids|children|primary|secondary|class|english|chinese)\b.*$", "",
                   m.group(1)).strip()
    spotted = _spot(topic)
    if not topic or spotted.animals or spotted.names or len(topic) > 40:
        return None
    return _written(topic) if req.lang == "zh" else topic


def _topic_ideas(topic: str, n: int, req: _Request, pick: _Picker) -> list:
    """n story ideas about the child's topic, each one a different angle on it."""
    lang = req.lang
    templates = pick.sample(world.TOPIC_IDEAS, len(world.TOPIC_IDEAS))
    animals, places = pick.sample(ANIMALS, len(ANIMALS)), pick.sample(PLACES[:26], 26)
    names = pick.sample(NAMES, len(NAMES), NAMES_WILD)
    out = []
    for i in range(n):
        animal, place = animals[i % len(animals)], places[i % len(places)]
        slots = {"topic": topic, "name": _lang(names[i % len(names)], lang), "mw": animal.mw,
                 "animal": _lang((animal.en, animal.zh), lang), "place": place.zh,
                 "at": f"{place.prep} {place.en}"}
        item = _lang(templates[i % len(templates)], lang).format(**slots)
        if i >= len(templates):
            item += f"（第{i // len(templates) + 1}個版本）" if lang == "zh" else f" (version {i // len(templates) + 1})"
        out.append(item[:1].upper() + item[1:])
    return out


def _choice_lines(n: int, req: _Request, pick: _Picker, cast: _Cast) -> list:
    slots = cast.slots(req.lang)
    lines = [_fill(c, slots, req.lang) for c in pick.sample(CHOICES, len(CHOICES))]
    while len(lines) < n:       # more choices than templates: the same ideas, numbered as new ways
        again = _fill(pick.pick(CHOICES), slots, req.lang).rstrip(".。")
        number = len(lines) + 1
        lines.append(again + (f"（第{number}個方法）。" if req.lang == "zh" else f", in way number {number}."))
    return [line[:1].upper() + line[1:] for line in lines[:n]]


def _title(req: _Request, pick: _Picker, cast: _Cast, nth: int = 0) -> str:
    """A short title, like 'The Brave Cat on the Moon' or '月亮上的勇敢貓'."""
    lang, p = req.lang, cast.place
    animal = cast.animal or _ANIMAL["rabbit"]
    adj = cast.adj if nth == 0 else pick.pick(HERO_ADJ, HERO_ADJ_WILD)
    name = cast.names[0] if cast.named else pick.pick(NAMES, NAMES_WILD)[0]
    name_zh = next((z for e, z in NAMES + NAMES_WILD if e == name), name)
    # The first title must match the story: no made-up name for an unnamed cat, no animal for Mei.
    fits = [t for t in TITLES if ("{Name}" not in t[0] or cast.named)
            and ("{Animal}" not in t[0] or cast.animal)]
    templates = pick.sample(fits if nth == 0 else TITLES, len(TITLES))
    t = templates[nth % len(templates)]
    if lang == "zh":
        return t[1].format(place_at=p.zh + p.loc, adj=adj[1], animal=animal.zh, name=name_zh,
                           thing=cast.thing.zh, place=p.zh)
    text = t[0].format(Adj=adj[0], Animal=animal.en, Prep=p.prep, Place=p.en, Name=name, Thing=cast.thing.en)
    small = {"a", "an", "the", "of", "on", "in", "and", "to", "at", "by", "with"}
    words = text.split()
    return " ".join(w if (i and w.lower() in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _outline(n: int, req: _Request, pick: _Picker, cast: _Cast) -> str:
    labels = {3: ["Beginning", "Middle", "End"], 4: ["Beginning", "Problem", "Adventure", "End"],
              5: ["Beginning", "Problem", "Adventure", "Big moment", "End"]}
    zh_labels = {"Beginning": "開頭", "Middle": "中間", "End": "結局", "Problem": "難題", "Adventure": "冒險",
                 "Big moment": "高潮"}
    names = labels.get(n) or ["Beginning"] + ["Adventure"] * (n - 2) + ["End"]
    sentences = _story_plan(cast, pick, req.lang, req.simple).take(n)
    sep = "：" if req.lang == "zh" else ": "
    return "\n".join(f"{i}. {zh_labels[lab] if req.lang == 'zh' else lab}{sep}{s}"
                     for i, (lab, s) in enumerate(zip(names, sentences), 1))


_JSON_FILLER = {"a", "an", "the", "keys", "key", "fields", "field", "only", "with", "its", "some", "called"}
_JSON_STOP = {"about", "for", "that", "which", "please", "in", "using", "so", "json", "format", "where", "to"}


def _json_keys(prompt: str) -> list:
    """Keys a child asked for: 'JSON with keys title, mood', 'JSON with title and pages', '{"title": ..}'."""
    quoted = re.findall(r"[\"']([\w\u4e00-\u9fff]+)[\"']\s*:", prompt)
    if quoted:
        return list(dict.fromkeys(quoted))
    low = prompt.lower()
    near_json = prompt[max(0, low.find("json") - 60):] if "json" in low else prompt
    m = re.search(r"(?:\bkeys?|\bfields?|\bproperties|\bwith|\bcontaining|\bincluding|json\s*[:：]|包括|包含|鍵|欄位)"
                  r"\s*[:：]?\s*([^.!?。！？\n]+)", near_json, re.IGNORECASE)
    keys = []
    for part in re.split(r"[,，、/;；]|\band\b|\bor\b|和|及|與|或", m.group(1) if m else ""):
        tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[\u4e00-\u9fff]+", part)
        stop = next((i for i, t in enumerate(tokens) if t.lower() in _JSON_STOP), len(tokens))
        key = next((t for t in tokens[:stop] if t.lower() not in _JSON_FILLER), None)
        if key and len(key) <= 24:
            keys.append(key)
        if stop < len(tokens):     # "title and mood for a story about ..." ends at "for"
            break
    return list(dict.fromkeys(keys))


def _per_page(low: str) -> int:
    """Sentences on each page: 'Each page has 2 or 3 sentences' -> 2, 「每頁寫兩至三句」 -> 2, else 1."""
    m = re.search(rf"\b(?:each|every|per) page\b[^.\n]{{0,30}}?\b{_NUM_WORD}\b(?:\s*(?:or|to|-|–)\s*\w+)?"
                  r"[^.\n]{0,20}?\bsentences?\b", low) or \
        re.search(rf"每頁[^。\n]{{0,6}}?{_ZH_NUM}\s*(?:至|到|或|-|–)?\s*[0-9一二兩三四五六七八九十]*\s*句", low)
    return min(max(1, _number(m.group(1))), 4) if m else 1


def _json_reply(req: _Request, pick: _Picker, cast: _Cast) -> str:
    lang, low = req.lang, req.low
    keys = _json_keys(req.prompt) or ["title", "mood", "story"]
    pages = re.search(rf"{_NUM_WORD}\s+(?:pages|scenes|paragraphs|chapters)|{_ZH_NUM}\s*頁", low)
    n_pages = _number(pages.group(1) or pages.group(2)) if pages else 3
    story = _story_plan(cast, pick, lang, req.simple)
    out = {}
    for key in keys:
        k = key.lower()
        if re.search(r"title|name_of|書名|標題", k):
            out[key] = _title(req, pick, cast)
        elif re.search(r"^(?:mood|feeling|emotion)|心情|感受", k):
            out[key] = cast.feeling[lang == "zh"]
        elif re.search(r"setting|place|location|where|地點|地方", k):
            out[key] = cast.place.zh if lang == "zh" else cast.place.en
        elif re.search(r"page|paragraph|scene|chapter|sentence|頁", k):
            per = _per_page(low) if re.search(r"page|paragraph|scene|chapter|頁", k) else 1
            told = story.take(max(1, n_pages) * per)
            out[key] = [_join(told[i:i + per], lang) for i in range(0, len(told), per)]
        elif re.search(r"choice|option|選擇|選項", k):
            out[key] = _choice_lines(2 if k.endswith("s") or len(key) > 2 else 1, req, pick, cast)
        elif re.search(r"character|hero|friend|角色|主角", k):
            names = [cast.ref[lang == "zh"]] if lang == "zh" else [n for n in cast.names if n]
            many = k.endswith("s") or k == "角色"
            out[key] = names + [cast.friend[2 if lang == "zh" else 0]] if many else cast.ref[lang == "zh"]
        elif re.search(r"moral|lesson|道理", k):
            out[key] = f"Being {cast.trait[0]} helps us." if lang == "en" else f"做人要{cast.trait[1]}。"
        elif re.search(r"colou?r|顏色", k):
            out[key] = _lang(pick.pick(COLOURS), lang)
        elif re.search(r"^(?:age|count|number|score|year|length)$|年齡|數目", k):
            out[key] = pick.pick([7, 8, 9, 6, 10])
        elif re.search(r"animal|動物", k):
            animal = cast.animal or _ANIMAL["rabbit"]
            out[key] = _lang((animal.en, animal.zh), lang)
        elif re.search(r"story|text|summary|content|plot|body|description|故事|內容", k):
            out[key] = _join(story.take(3), lang)
        elif re.search(r"food|snack|eat|食物", k):
            out[key] = _lang(pick.pick(FOODS), lang)
        elif k == "name" or k.endswith("_name") or k == "名字":
            out[key] = cast.ref[lang == "zh"] if cast.named else _lang(pick.pick(NAMES, NAMES_WILD), lang)
        elif k.endswith("s") and not k.endswith(("ss", "us", "is")):
            out[key] = _list_items("ideas", 3, req, pick, cast)
        else:                  # a key we do not know: a short, friendly phrase
            out[key] = cast.obj[lang == "zh"]
    return json.dumps(out, ensure_ascii=False, indent=2)


def _named_style(text: str) -> tuple:
    """(the style the request names, the text without it): "in watercolour", "style: pixel art", 「水彩風格」."""
    for pattern in _STYLE_ASKS:
        m = pattern.search(text)
        if m:
            style = m.group(1).strip()
            if _IS_HAN.search(style):
                style = style if re.search(r"風格|畫風|畫$", style) else style + "風格"
            elif not re.search(r"(?i)(?:style|painting|drawing|art|illustration|sketch|collage)$", style):
                style += " style"
            return style, (text[:m.start()] + text[m.end():]).strip()
    return None, text


def _picture_request(req: _Request) -> tuple:
    """(page, subject, named style) from a picture-prompt request, whatever the order of its parts:
    "Write an image prompt for this page: <page> Character: <sheet>", "Character: <sheet>. Page: <page>",
    「角色：…。這一頁：…」, "Describe a picture of <subject>". The sheets are in req.sheets already."""
    text = req.prompt
    def without_sheet(m: re.Match) -> str:
        desc = _sheet_text(m.group(1))
        rest = m.group(1)[m.group(1).find(desc) + len(desc):] if desc else m.group(1)
        return "\n" + rest.lstrip(" .。,，")
    text = _SHEET.sub(without_sheet, text)
    style, text = _named_style(text)
    label = _PAGE_LABEL.search(text)
    page = None
    if label:
        page, text = text[label.end():], text[:label.start()]
    else:
        colon = re.search(r"[:：]", text)
        if colon and (_IMAGE_ASK.search(text[:colon.start()].lower()) or _this_page(text[:colon.start()])):
            page, text = text[colon.end():], text[:colon.start()]
    page = _page_only(page or "").strip().strip("\"'“”「」")
    if len(page) < 2:
        page = req.prev if (req.prev and _this_page(req.prompt)) else None
    subject = None
    if page is None:
        m = re.search(r"(?:picture|image|illustration|drawing|painting|prompt)\s+(?:of|for|showing|about)\s+"
                      r"([^.!?\n]+)", text, re.IGNORECASE) or \
            re.search(r"\b(?:draw|paint|illustrate)\s+(?:me\s+)?([^.!?\n]+)", text, re.IGNORECASE)
        if m:
            subject = re.sub(r"(?i)\s+(?:in|as) (?:chinese|english|cantonese)$", "", m.group(1).strip())
            subject = re.sub(r"(?i)^(?:an? |the )?(?:story|page|scene|book)\s+(?:about|of|where)\s+", "", subject)
        elif req.lang == "zh" and re.search(r"畫|圖", text):
            scene = re.sub(r"請|幫我|寫|一個|一段|圖片|圖像|插圖|畫面|提示詞|提示|描述|畫一幅|畫一張|"
                           r"的(?:圖畫|圖|畫)(?=[，。！？]|$)|[，。！？:：]", "", text)
            subject = scene[:30] or None
    return page, subject, style


# A line after the page that tells the writer what to do ("Describe what we see: ...", 「寫一段，最多 80 字。」)
# is the request's, not the page's: the page ends before it.
_INSTRUCTION = re.compile(r"(?i)^\s*(?:describe|reply|respond|answer|write|use|include|keep|make sure|give|return|"
                          r"only|do not|don't|please|remember|add|mention|show)\b|^\s*(?:描述|寫|只回覆|只用|回覆|請|"
                          r"不要|記得|加上|用一段|畫面要)")


def _page_only(page: str) -> str:
    """The page's own lines: everything before the first line of instructions that follows it."""
    lines = page.strip().split("\n")
    end = next((i for i, line in enumerate(lines) if i and _INSTRUCTION.search(line)), len(lines))
    return "\n".join(lines[:end])


def _unsheet(page: str, sheets: list) -> str:
    """The page with each sheet's description said once, by the sheet's name: the prompt starts with the sheet,
    so "Pip, a small panda with a red scarf, sits" becomes "Pip sits" and 一隻戴紅色頸巾的小熊貓小寶 becomes 小寶."""
    for sheet in sheets:
        name, desc = _sheet(sheet)
        if not desc or len(desc) < 6:
            continue
        d = re.escape(desc)
        page = re.sub(rf"{re.escape(name)}\s*[,，]\s*{d}\s*[,，]?", name, page, flags=re.IGNORECASE)
        page = re.sub(rf"{d}\s*{re.escape(name)}|{d}", name, page, flags=re.IGNORECASE)
    return page


def _this_page(text: str) -> bool:
    return bool(re.search(r"(?i)this page|this story|the story|this scene|it into|這一頁|這個故事|這頁", text))


def _page_time(text: str) -> str | None:
    return next((key for key, pattern in PAGE_TIMES if re.search(pattern, text, re.IGNORECASE)), None)


def _page_weather(text: str) -> str | None:
    return next((key for key, pattern in PAGE_WEATHER if re.search(pattern, text, re.IGNORECASE)), None)


def _scene(sentence: str, names: list, after_sheet: bool) -> str:
    """The page's first sentence as a picture: 'Our hero' becomes the sheet's name, and a name the sheet
    has just given is not said twice ("Lulu, a small purple dragon, has a picnic ...")."""
    scene = sentence.strip().rstrip(".。!！?？")
    if _IS_HAN.search(scene):
        scene = scene[:60]
    else:
        scene = " ".join(scene.split()[:30])
    if names:
        scene = _HERO_WORDS.sub(names[0], scene)
        for name in names:                  # "At night, Lulu flies ..." -> "flies ... at night"
            m = re.match(rf"([^,，]{{1,30}})[,，]\s*{re.escape(name)}\s*(\S.*)$", scene)
            if m and _IS_HAN.search(name):
                scene = m.group(1) + m.group(2)
            elif m and len(m.group(1).split()) <= 4:
                scene = f"{m.group(2)} {m.group(1)[:1].lower()}{m.group(1)[1:]}"
                return scene
        for name in names:
            if scene.startswith(name + " ") and not _IS_HAN.search(name):
                return scene[len(name):].strip()
            if scene.startswith(name) and _IS_HAN.search(name) and scene[len(name):len(name) + 1] in \
                    "和跟同在正坐站飛走跑看找有是住遇覺回發想玩吃睡笑哭唱跳游爬抬望拿帶":
                return scene[len(name):]
    first = scene.split()[0] if scene.split() else ""
    if after_sheet and first.lower().strip(",") in _COMMON_START:
        scene = scene[:1].lower() + scene[1:]
    return scene


def _image_prompt(req: _Request, pick: _Picker) -> str:
    """One comma-separated paragraph: the character sheets, the page's own scene, what the page says
    elsewhere (place, time, weather), then a style (the named one if any), colours and light that agree with
    the page's time and weather, the page's mood, and "high detail, no text"."""
    lang, zh = req.lang, req.lang == "zh"
    page, subject, style = _picture_request(req)
    page = _unsheet(page, req.sheets) if page else page
    names = [_sheet(sheet)[0] for sheet in req.sheets]
    sheet_kinds = {a for sheet in req.sheets for a, _d, _n in _spot(sheet).animals[:1]}
    parts = list(req.sheets)
    told = page or subject or ""
    spotted = _spot(told) if told else None
    extras = []
    if page:
        page_zh = _looks_chinese(page)
        sentences = [x for x in _split(page, "zh" if page_zh else "en")       # not the request's own words
                     if not (_IMAGE_ASK.search(x.lower()) or _this_page(x))] or [page]
        scene = _scene(sentences[0], names, bool(parts))
        for more in sentences[1:]:                       # a short page is kept whole
            more = more.strip().rstrip(".。!！?？")
            if _count_words(scene + " " + more, "zh" if page_zh else "en") > (50 if page_zh else 35):
                break
            first = more.split()[0].strip(",") if more.split() else ""
            if first.lower() in _COMMON_START:
                more = more[:1].lower() + more[1:]
            scene += ("，" if page_zh else ", ") + more
        parts.append(scene)
        said = scene.lower()
        for place in spotted.places[:2]:                 # a place named later in the page
            if not any(w.lower() in said for w in place.words + (place.en, place.zh)):
                extras.append(f"在{place.zh}{place.loc}" if zh else f"{place.prep} {place.en}")
                break
        for animal, _adjs, _name in spotted.animals:      # and who else is in it (the sheet's hero is there)
            if animal not in sheet_kinds and not any(w in said for w in animal.words if len(w) > 1 or _IS_HAN.match(w)):
                extras.append(f"還有一{animal.mw}{animal.zh}" if zh else f"with {_a(animal.en)}")
        time, weather = _page_time(page), _page_weather(page)
        if time and not re.search(dict(PAGE_TIMES)[time], scene, re.IGNORECASE):
            extras.append(_lang(TIME_PHRASES[time], lang))
        if weather and not re.search(dict(PAGE_WEATHER)[weather], scene, re.IGNORECASE):
            extras.append(_lang(WEATHER_PHRASES[weather], lang))
    elif subject:
        scene = _scene(subject, names, bool(parts))
        parts.append(scene)
        time, weather = _page_time(subject), _page_weather(subject)
    else:                                                 # nothing given: the practice model makes one up
        cast = _Cast(req, pick)
        parts.append(cast.hero[zh].rstrip(","))
        place = cast.place
        parts.append(f"在{place.zh}{place.loc}" if zh else f"{place.prep} {place.en}")
        time, weather = None, None
    parts += extras
    rough = weather if weather in ("rain", "storm", "fog", "snow") else None
    palette = PALETTES.get(rough or time or "", PALETTES[""])
    light = PAGE_LIGHTS.get(rough or time or weather or "", NEUTRAL_LIGHT)
    parts += [style or _lang(pick.pick(STYLES, STYLES_WILD), lang), _lang(pick.pick(palette, PALETTES_WILD), lang),
              _lang(light, lang)]
    moods = [(en, zh_) for words, en, zh_ in PAGE_MOODS if _keyword_regex(words).search(told)] if told else []
    feeling = spotted.feelings[0] if spotted and spotted.feelings else (moods[0] if moods else None)
    if feeling:
        parts.append(f"{feeling[1]}的氣氛" if zh else f"{feeling[0]} mood")
    else:
        parts.append(_lang(NEUTRAL_MOOD, lang))
    parts.append("高細節，不要文字" if zh else "high detail, no text")
    return ("，" if zh else ", ").join(p.strip().rstrip(",，") for p in parts if p.strip())


# --- few-shot: continuing a pattern ------------------------------------------------------------------
# A prompt that shows worked examples in one shape and leaves the last one open ("cat → a fluffy cat who loves
# naps / rabbit → ... / dog →", "Plain: ... Exciting: ...", "Q: ... A: ...", JSON objects one per line) gets
# just the open item back, in the same shape: that is what few-shot prompting teaches. The new answer is
# written fresh from word tables in the examples' style (length, describing words, a "who ..." clause), never
# copied from an example.
HABITS = {  # (English, 中文): what an animal loves doing, for "a playful dog who ..." / 「一隻愛……的小狗」
    "cat": [("naps in sunny windows", "愛在窗邊曬太陽"), ("chases paper balls", "愛追紙球")],
    "dog": [("chases bubbles in the park", "愛追泡泡"), ("guards the front door", "愛守在門口")],
    "rabbit": [("collects crunchy carrots", "愛收集紅蘿蔔"), ("hops over puddles", "愛跳過水窪")],
    "dragon": [("breathes warm sparkles", "會噴出暖暖火花"), ("guards a hill of mooncakes", "守護一座月餅山")],
    "panda": [("munches bamboo all day", "整天咬竹子"), ("rolls down grassy hills", "愛滾下草坡")],
    "bird": [("sings at sunrise", "愛在日出時唱歌"), ("collects shiny buttons", "愛收集閃亮鈕扣")],
    "fish": [("blows giant bubbles", "愛吹大泡泡"), ("races the waves", "愛和浪花賽跑")],
    "elephant": [("sprays rainbow showers", "愛用鼻子灑水"), ("never forgets a friend", "永遠記得朋友")],
    "tiger": [("tiptoes through tall grass", "愛在草叢裏踮腳走"), ("purrs like thunder", "打呼嚕像打雷")],
    "dolphin": [("jumps over the waves", "愛跳過浪花"), ("whistles silly songs", "愛吹口哨唱歌")],
    "dinosaur": [("stomps to the music", "愛跟着音樂踏步"), ("hides behind tiny trees", "愛躲在小樹後面")],
    "robot": [("beeps a happy tune", "愛嗶嗶唱歌"), ("fixes broken toys", "會修理玩具")],
    "unicorn": [("paints rainbows", "會畫彩虹"), ("grants small wishes", "會實現小願望")],
    "owl": [("reads books at midnight", "愛在半夜看書"), ("knows every star", "認得每一顆星")],
    "monkey": [("swings from tree to tree", "愛在樹上盪來盪去"), ("tells banana jokes", "愛講香蕉笑話")],
    "turtle": [("takes slow, happy walks", "愛慢慢散步"), ("carries snacks in its shell", "把零食藏在殼裏")],
    "butterfly": [("dances between flowers", "愛在花間跳舞"), ("paints the sky with colours", "愛把天空塗上顏色")],
}
GENERIC_HABITS = [("loves to explore", "愛探險"), ("hums little songs", "愛哼歌"),
                  ("collects shiny pebbles", "愛收集閃亮的小石頭")]
PATTERN_ADJ = [("playful", "活潑"), ("clever", "聰明"), ("cheeky", "頑皮"), ("gentle", "溫柔"), ("brave", "勇敢"),
               ("curious", "好奇"), ("sleepy", "愛睡覺"), ("fluffy", "毛茸茸"), ("shy", "害羞"), ("cheerful", "開朗"),
               ("bouncy", "彈跳跳"), ("proud", "自豪")]
PET_NAMES = {  # (English, 中文) fun names, for a name pattern or a JSON "name" key
    "dragon": ("Blaze", "火火"), "dog": ("Waggles", "汪汪"), "cat": ("Whiskers", "咪咪"), "panda": ("Bao Bao", "包包"),
    "rabbit": ("Hoppity", "跳跳"), "bird": ("Tweety", "啾啾"), "fish": ("Bubbles", "泡泡"), "robot": ("Bolt", "叮叮"),
    "elephant": ("Trumpet", "噴噴"), "tiger": ("Stripes", "虎虎"), "dolphin": ("Splash", "浪浪"),
    "dinosaur": ("Stompy", "咚咚"), "unicorn": ("Sparkles", "閃閃"), "owl": ("Hooty", "咕咕"),
    "monkey": ("Cheeky", "吱吱"), "turtle": ("Pebble", "慢慢"), "butterfly": ("Flutter", "飄飄")}
FUN_TITLES = [("Captain", "隊長"), ("Professor", "教授"), ("Sir", "爵士"), ("Doctor", "博士"), ("Admiral", "將軍"),
              ("Chef", "大廚"), ("King", "大王"), ("Lady", "小姐")]
ANIMAL_COLOURS = {"cat": ("orange", "橙色"), "dog": ("brown", "啡色"), "rabbit": ("white", "白色"),
                  "dragon": ("red and gold", "紅色和金色"), "panda": ("black and white", "黑白色"),
                  "bird": ("blue", "藍色"), "fish": ("gold", "金色"), "elephant": ("grey", "灰色"),
                  "tiger": ("orange and black", "橙色和黑色"), "dolphin": ("pink", "粉紅色"), "dinosaur": ("green", "綠色"),
                  "robot": ("silver", "銀色"), "unicorn": ("white", "白色"), "owl": ("brown", "啡色"),
                  "monkey": ("brown", "啡色"), "turtle": ("green", "綠色"), "butterfly": ("purple", "紫色")}
COLOUR_OF = {  # what colour things are, for "Q: What colour is the sky? A: Blue, like ..."
    "sky": "blue", "sea": "blue", "ocean": "blue", "grass": "green", "leaf": "green", "leaves": "green",
    "tree": "green", "frog": "green", "sun": "yellow", "banana": "yellow", "lemon": "yellow", "egg tart": "yellow",
    "apple": "red", "strawberry": "red", "fire": "red", "lantern": "red", "tomato": "red", "snow": "white",
    "cloud": "white", "milk": "white", "rice": "white", "night": "black", "panda": "black and white",
    "orange": "orange", "carrot": "orange", "pumpkin": "orange", "flamingo": "pink", "chocolate": "brown",
    "moon": "silver", "grape": "purple", "grapes": "purple"}
COLOUR_ZH = dict(COLOURS + [("black", "黑色"), ("brown", "啡色"), ("silver", "銀色"), ("black and white", "黑白色"),
                            ("grey", "灰色"), ("gold", "金色")])
SIMILES = {"blue": ("like a big swimming pool", "好像一個大泳池"), "green": ("like a fresh lettuce leaf", "好像新鮮的生菜葉"),
           "yellow": ("like a warm egg tart", "好像一個暖暖的蛋撻"), "red": ("like a Chinese New Year lantern", "好像一個新年燈籠"),
           "white": ("like a fluffy cloud", "好像一朵軟綿綿的雲"), "black": ("like a cosy blanket", "好像一張暖暖的被"),
           "orange": ("like a juicy mandarin", "好像一個多汁的柑"), "pink": ("like a peach bun", "好像一個壽桃包"),
           "purple": ("like a bunch of grapes", "好像一串提子"), "brown": ("like a chocolate biscuit", "好像一塊朱古力餅乾"),
           "silver": ("like a shiny coin", "好像一個閃亮的硬幣"), "black and white": ("like a piano's keys", "好像鋼琴的琴鍵")}
SOUNDS = {"cat": ("meow", "喵喵"), "dog": ("woof", "汪汪"), "duck": ("quack", "呱呱"), "cow": ("moo", "哞哞"),
          "sheep": ("baa", "咩咩"), "pig": ("oink", "嚕嚕"), "bird": ("tweet", "吱吱喳喳"), "owl": ("hoot", "咕咕"),
          "lion": ("roar", "吼"), "tiger": ("roar", "吼"), "dragon": ("roar", "吼"), "snake": ("hiss", "嘶嘶"),
          "bee": ("buzz", "嗡嗡"), "horse": ("neigh", "嘶嘶"), "mouse": ("squeak", "吱吱"), "frog": ("ribbit", "呱呱"),
          "robot": ("beep boop", "嗶嗶"), "elephant": ("toot", "嗚嗚"), "monkey": ("ooh ooh ah ah", "吱吱"),
          "rabbit": ("sniff sniff", "嗅嗅"), "fish": ("blub blub", "啵啵"), "dolphin": ("click click", "吱吱"),
          "panda": ("munch munch", "嚼嚼"), "dinosaur": ("stomp", "咚咚")}
OPPOSITES = [("big", "small"), ("hot", "cold"), ("day", "night"), ("up", "down"), ("happy", "sad"), ("fast", "slow"),
             ("old", "new"), ("light", "dark"), ("loud", "quiet"), ("tall", "short"), ("open", "closed"), ("in", "out"),
             ("wet", "dry"), ("full", "empty"), ("black", "white"), ("yes", "no"), ("high", "low"), ("early", "late"),
             ("hard", "soft"), ("left", "right"), ("first", "last"), ("brave", "scared"), ("near", "far"),
             ("大", "小"), ("熱", "冷"), ("日", "夜"), ("上", "下"), ("開心", "傷心"), ("快", "慢"), ("高", "矮"),
             ("多", "少"), ("長", "短"), ("黑", "白"), ("早", "晚"), ("新", "舊"), ("光", "暗"), ("前", "後"),
             ("左", "右"), ("遠", "近"), ("冷", "熱")]
_OPPOSITE = {a: b for a, b in OPPOSITES} | {b: a for a, b in OPPOSITES}
# Transformations by what the open label asks for: (words in the label, how to write it)
EXCITED_OPENERS = [("Whoosh", "嗖"), ("Zoom", "呼"), ("Kaboom", "轟"), ("Whoa", "嘩"), ("Splash", "嘩啦"), ("Wow", "哇")]
FLOURISHES = [  # (English verb stems, Chinese verbs, English, 中文): a bigger ending for an exciting sentence
    (("fl", "soar"), "飛", "higher than the clouds", "飛得比雲還要高"),
    (("sang", "sing", "shout", "roar", "call"), "唱叫喊", "louder than thunder", "聲音比雷聲還要響"),
    (("ran", "run", "race", "came", "come", "went", "go", "rode", "drove", "zoom", "rush", "hurr"), "跑走來去衝",
     "faster than a rocket", "快得像火箭一樣"),
    (("ate", "eat", "munch", "gobble", "drank", "drink"), "吃喝食", "in one enormous gulp", "一口就吞掉了"),
    (("jump", "leap", "hop", "climb"), "跳爬", "higher than a house", "跳得比屋頂還要高"),
    (("swam", "swim", "dive", "dove"), "游潛", "faster than a speedboat", "游得比快艇還要快"),
    ((), "", "like never before", "前所未有地厲害"),
]
STRONG_ADJ = [("mighty", "威風的"), ("fearless", "無所畏懼的"), ("amazing", "神奇的"), ("daring", "大膽的")]
FUNNY_ENDINGS = [("and then it sneezed a rainbow", "然後打了一個彩虹噴嚏"),
                 ("while wearing a tiny teapot as a hat", "頭上還戴着一個小茶壺當帽子"),
                 ("and everyone laughed so hard they hiccupped", "大家笑到打嗝")]
SPOOKY_OPENERS = [("In the creaky dark", "在吱吱作響的黑暗中"), ("Under a pale, flickering moon", "在閃爍的蒼白月光下")]
FANCY_ENDINGS = [("in the golden morning light", "在金色的晨光中"), ("under a sky full of twinkling stars", "在滿天星星下"),
                 ("beside a garden of sleepy flowers", "在開滿花的花園旁")]
FANCY_ADJ = [("little", "小小的"), ("sparkly", "閃閃發亮的"), ("cheerful", "開朗的"), ("gentle", "溫柔的")]
_LABEL_KINDS = [  # label words -> transformation
    ("exciting", r"excit|dramatic|thrill|epic|action|adventur|刺激|精彩|興奮|緊張|厲害"),
    ("funny", r"funny|silly|fun\b|joke|搞笑|好笑|有趣|滑稽"),
    ("spooky", r"spooky|scary|creepy|恐怖|可怕|嚇人"),
    ("short", r"short|simple|plain|tiny|簡單|簡短|短|普通"),
    ("fancy", r"fancy|descriptive|detail|long|beautiful|colourful|colorful|poetic|生動|詳細|華麗|優美|長"),
    ("opposite", r"opposite|反義|相反"),
    ("answer", r"^(?:a|answer|ans|reply|答|答案|回答)$"),
]
_QUESTION_LABEL = r"^(?:q|question|ask|問|問題)$"
_ARROW_SEP = re.compile(r"\s*(→|->|=>|⇒|➡️?|=|:|：)\s*")


def _item_animal(key: str):
    """The animal a pattern's key names ('dog', 'puppy', '狗'), or None."""
    spotted = _spot(key)
    return spotted.animals[0][0] if spotted.animals else None


def _translation(word: str) -> str | None:
    """A word in the other language, from the word tables ('dog' -> '狗', '紅色' -> 'red')."""
    low = word.strip().lower()
    pairs = [(a.en, a.zh) for a in ANIMALS] + [(p.en.removeprefix("the "), p.zh) for p in PLACES] + \
        [(t.en, t.zh) for t in THINGS] + list(COLOURS) + [(en, zh) for en, zh in ADJECTIVES] + list(FOODS)
    words = {w: item for item in ANIMALS + THINGS for w in item.words}
    if low in words:
        item = words[low]
        return item.en if _IS_HAN.search(low) else item.zh
    for en, zh in pairs:
        if low == en.lower():
            return zh
        if low == zh:
            return en
    return None


def _shape_of(examples: list) -> str:
    """What the examples do with their keys: sound, opposite, translate, colour, describe, name or words."""
    def share(test) -> bool:
        return sum(1 for k, v in examples if test(k, v)) * 2 > len(examples) - 0.5

    def animal_of(k):
        a = _item_animal(k)
        return a.en if a else k.lower()
    if share(lambda k, v: animal_of(k) in SOUNDS and any(s in v.lower() for s in SOUNDS[animal_of(k)])):
        return "sound"
    if share(lambda k, v: _OPPOSITE.get(k.lower()) == v.lower().strip(".!")):
        return "opposite"
    if share(lambda k, v: bool(_IS_HAN.search(k)) != bool(_IS_HAN.search(v)) and _translation(k) is not None):
        return "translate"
    colour_words = {en for en, _zh in COLOURS} | {"black", "brown", "grey", "gray", "silver", "gold", "golden"}
    if share(lambda k, v: v.lower().split()[0].strip(",.") in colour_words if v.split() else False):
        return "colour"
    if share(lambda k, v: k.lower() in v.lower() or (_item_animal(k) is not None and any(
            w in v.lower() for w in _item_animal(k).words))):
        return "describe"
    if share(lambda k, v: all(w[:1].isupper() for w in v.split()) and not _IS_HAN.search(v) and len(v.split()) <= 4):
        return "name"
    if share(lambda k, v: _IS_HAN.search(v) and len(v) <= 6 and k not in v):
        return "name"
    return "words"


def _new_value(shape: str, examples: list, key: str, pick: _Picker) -> str:
    """The open key's value, written like the examples' values."""
    zh = bool(_IS_HAN.search(" ".join(v for _k, v in examples)))
    animal = _item_animal(key)
    sample = examples[0][1]
    used = " ".join(v.lower() for _k, v in examples)
    if shape == "sound":
        sound = SOUNDS.get(animal.en if animal else key.lower(), ("hmm", "嗯"))[zh]
        sound = sound.capitalize() if sample[:1].isupper() else sound
        return sound + ("!" if sample.rstrip().endswith("!") else "")
    if shape == "opposite":
        word = _OPPOSITE.get(key.lower(), "")
        return word or ("不知道" if zh else "not sure")
    if shape == "translate":
        return _translation(key) or ("？" if zh else "?")
    if shape == "colour":
        thing = (animal.en if animal else key.lower().removeprefix("the "))
        colour = COLOUR_OF.get(thing) or (ANIMAL_COLOURS.get(thing, (None,))[0]) or pick.pick(COLOURS)[0]
        word = COLOUR_ZH.get(colour, colour) if zh else colour
        return word.capitalize() if sample[:1].isupper() else word
    if shape == "name":
        fresh = [t for t in FUN_TITLES if t[zh].lower() not in used] or FUN_TITLES
        title = _lang(pick.pick(fresh), "zh" if zh else "en")
        pet = PET_NAMES.get(animal.en) if animal else None
        if zh:
            name = pet[1] if pet else (key[-1] * 2 if _IS_HAN.search(key) else key)
            ends_with_title = any(sample.endswith(t[1]) for t in FUN_TITLES) or len(sample) >= 3
            return name + title if ends_with_title else name
        name = pet[0] if pet else key.strip().capitalize() + ("" if key.endswith("y") else "y")
        titled = sample.split()[0] in {t[0] for t in FUN_TITLES} or len(sample.split()) > 1
        return f"{title} {name}" if titled else name
    # describe (and anything else): describing words + the key + a clause, sized like the examples
    habits = HABITS.get(animal.en, []) if animal else []
    fresh_habits = [h for h in habits + GENERIC_HABITS if h[zh].lower() not in used] or GENERIC_HABITS
    habit = _lang(pick.pick(fresh_habits), "zh" if zh else "en")
    fresh_adj = [a for a in PATTERN_ADJ if a[zh].lower() not in used] or PATTERN_ADJ
    if zh:
        adj = pick.pick(fresh_adj)[1]
        noun = key.strip() if len(key.strip()) > 1 else "小" + key.strip()
        mw = animal.mw if animal else "個"
        if re.match(r"一.", sample) and "的" in sample:
            return f"一{mw}{habit}的{adj}{noun}"
        return f"{adj}的{noun}"
    words = sample.split()
    low_words = [w.lower().strip(",.") for w in words]
    noun = key.strip()
    own = examples[0][0].strip().lower()                  # where the example says its own key
    own_animal = _item_animal(own)
    at = next((i for i, w in enumerate(low_words) if w == own or (own_animal and w in own_animal.words)), None)
    if at is None:                                         # values that do not say their key
        n = round(sum(len(v.split()) for _k, v in examples) / len(examples))
        text = f"{pick.pick(fresh_adj)[0]} {noun} who {habit}"
        return " ".join(text.split()[:max(1, n)]) if n < 3 else text
    before = [w for w in low_words[:at] if w not in ("a", "an", "the")]
    n_adj = max(0, min(3, len(before)))
    adjs = [a[0] for a in pick.sample(fresh_adj, n_adj)] if n_adj else []
    after = words[at + 1:]
    clause = ""
    if after:
        link = after[0].lower()
        clause = f" {link} {habit}" if link in ("who", "that", "which") else f" who {habit}"
    article = low_words[0] in ("a", "an") and words[0]
    head = " ".join(adjs + [noun])
    text = (_a(head) if article else ("the " + head if low_words[0] == "the" else head)) + clause
    if words[0][:1].isupper():
        text = text[:1].upper() + text[1:]
    return text + ("." if sample.rstrip().endswith(".") else "")


def _arrow_items(text: str):
    """(separator, [(key, value)], open key) for 'cat → ...' lines, or None."""
    counts = {}
    for m in _ARROW_SEP.finditer(text):
        sep = "：" if m.group(1) == ":" else m.group(1)
        counts[sep] = counts.get(sep, 0) + 1
    arrows = [s for s in counts if s not in ("=", "：")]
    sep = max(arrows, key=counts.get) if arrows else ("=" if counts.get("=", 0) >= 3 else
                                                        ("：" if counts.get("：", 0) >= 3 else None))
    if sep is None:
        return None
    seps = (":", "：") if sep == "：" else (sep,)
    lines = [line for line in text.splitlines() if any(s in line for s in seps)]
    if len(lines) < 2:
        lines = [p for p in re.split(r"(?<=[.。!?！？;；])\s*", text) if any(s in p for s in seps)]
    items = []
    for line in lines:
        m = re.search("|".join(re.escape(s) for s in seps), line)
        key = re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line[:m.start()]).strip()
        key = key.split(". ")[-1].split("。")[-1].strip()
        value = line[m.end():].strip()
        if not key or len(key.split()) > 4 or len(key) > 24:
            return None
        items.append((key, value, line[m.start() - (line[m.start() - 1:m.start()] == " "):
                      m.end() + (line[m.end():m.end() + 1] == " ")]))
    open_items = [i for i, (_k, v, _s) in enumerate(items) if re.fullmatch(r"[?？.…_\s]*|\(\s*\)|（\s*）", v)]
    if not open_items or open_items[-1] != len(items) - 1:
        return None
    examples = [(k, v.rstrip(" .。") if not v.rstrip().endswith(("!", "！")) else v) for k, v, _s in items[:-1]]
    examples = [(k, v) for k, v in examples if re.search(r"\w", v)]
    if len(examples) < (1 if sep not in ("=", "：") else 2):
        return None
    return items[0][2], examples, items[-1][0]


def _label_groups(text: str):
    """([labels], [{label: value}] examples, open {label: value}, missing label) for 'Plain: ... Exciting: ...'."""
    found = [(m.group(1), m.start(), m.end()) for m in
             re.finditer(r"(?:^|(?<=[\s.!?。！？]))([A-Z][A-Za-z']{0,15}(?: [A-Za-z']{1,15}){0,2}|[\u4e00-\u9fff]{1,4})"
                         r"\s*[:：]", text)]
    names = [f[0].strip() for f in found]
    repeated = [n for n in dict.fromkeys(names) if names.count(n) >= 2]
    if len(repeated) < 2:
        return None
    marks = [(n, s, e) for n, s, e in found if n.strip() in repeated]
    cycle = list(dict.fromkeys(n.strip() for n, _s, _e in marks))
    seq = [n.strip() for n, _s, _e in marks]
    if any(seq[i] != cycle[i % len(cycle)] for i in range(len(seq))):
        return None
    values = [text[e:(marks[i + 1][1] if i + 1 < len(marks) else len(text))].strip() for i, (_n, _s, e) in
              enumerate(marks)]
    groups = [dict(zip(seq[i:i + len(cycle)], values[i:i + len(cycle)])) for i in range(0, len(seq), len(cycle))]
    last = groups[-1]
    missing = next((lab for lab in cycle if not last.get(lab, "").strip(" ?？.…_")), None)
    examples = [g for g in groups[:-1] if len(g) == len(cycle) and all(g.values())]
    if missing is None or len(examples) < 2 or cycle.index(missing) == 0:
        return None
    return cycle, examples, last, missing


def _transform(kind: str, source: str, examples: list, pick: _Picker) -> str:
    """Rewrite the open group's sentence the way the label asks: exciting, funny, spooky, short, fancy."""
    zh = bool(_IS_HAN.search(source))
    body = source.strip().rstrip(".。!！")
    end = "！" if zh else "!"
    samples = " ".join(examples)
    if kind == "short":
        words = body if zh else body.split()
        target = max(2, round(sum(len(e if zh else e.split()) for e in examples) / max(1, len(examples))))
        cut = words[:target] if zh else " ".join(words[:target])
        return cut + ("。" if zh else ".")
    if kind == "funny":
        return f"{body}，{pick.pick(FUNNY_ENDINGS)[1]}！" if zh else f"{body}, {pick.pick(FUNNY_ENDINGS)[0]}!"
    if kind == "spooky":
        opener = pick.pick(SPOOKY_OPENERS)
        return f"{opener[1]}，{body}……" if zh else f"{opener[0]}, {body[:1].lower()}{body[1:]}..."
    if kind == "fancy":
        ending = pick.pick(FANCY_ENDINGS)
        if zh:
            return f"{ending[1]}，{body}。"
        adj = pick.pick(FANCY_ADJ)[0]
        body = re.sub(r"^(The|A|An|the|a|an) ", lambda m: f"{m.group(1)} {adj} ", body, count=1)
        return f"{body} {ending[0]}."
    # exciting: an opener like the examples', a stronger subject and a bigger ending
    fresh = [o for o in EXCITED_OPENERS if o[zh].lower() not in samples.lower()] or EXCITED_OPENERS
    opener = _lang(pick.pick(fresh), "zh" if zh else "en")
    shouty = re.search(r"\b[A-Z]{3,}!", samples)
    if not zh and shouty:
        opener = opener.upper()
    words = body.lower().split()
    verbs = words[2:5] if words and words[0] in ("the", "a", "an", "my", "our") else words[1:4]
    flourish = next(f for f in FLOURISHES if not f[0] or (any(ch in body for ch in f[1]) if zh else
                                                          any(v.startswith(st) for v in verbs for st in f[0])))
    if zh:
        return f"{opener}！{body}，{flourish[3]}{end}"
    body = re.sub(r"^(The|A|An) ", lambda m: f"{m.group(1)} {pick.pick(STRONG_ADJ)[0]} ", body, count=1)
    return f"{opener}! {body} {flourish[2]}{end}"


def _answer_like(question: str, examples: list, lang: str) -> str:
    """Answer an open Q in the examples' style: 'What colour is the sun?' -> 'Yellow, like a warm egg tart.'"""
    zh = lang == "zh"
    m = re.search(r"(?i)what colou?r (?:is|are) (?:the |a |an )?([a-z ]+?)\??$", question.strip()) or \
        re.search(r"(.+?)是(?:甚麼|什麼|乜嘢)顏色", question)
    if m:
        thing = m.group(1).strip().lower()
        thing_en = _translation(thing) if _IS_HAN.search(thing) else thing
        colour = COLOUR_OF.get(thing_en or "", None)
        animal = _item_animal(thing)
        if colour is None and animal:
            colour = ANIMAL_COLOURS.get(animal.en, ("", ""))[0] or None
        if colour:
            word = COLOUR_ZH.get(colour, colour) if zh else colour.capitalize()
            simile = SIMILES.get(colour)
            likes = any(re.search(r"\blike\b|好像", e) for e in examples)
            if simile and likes:
                return f"{word}，{simile[1]}。" if zh else f"{word}, {simile[0]}."
            return f"{word}。" if zh else f"{word}."
    plan = _answer_plan(_Request(question, question.lower(), lang=lang))
    return plan.take(1)[0]


def _json_examples(text: str):
    """([example objects], partial open object, the text around them) when the prompt shows two or more."""
    objects, spans = [], []
    for m in re.finditer(r"\{[^{}]*\}", text):
        try:
            obj = json.loads(m.group())
        except ValueError:
            try:
                obj = json.loads(m.group().replace("'", '"'))
            except ValueError:
                continue
        if isinstance(obj, dict) and obj:
            objects.append(obj)
            spans.append(m.span())
    if len(objects) < 2:
        return None
    tail = text[spans[-1][1]:]
    partial = {}
    if "{" in tail:
        for k, v in re.findall(r"[\"']([^\"']+)[\"']\s*:\s*[\"']([^\"']*)[\"']", tail[tail.find("{"):]):
            partial[k] = v
        tail = tail[:tail.find("{")]
    around = text[:spans[0][0]] + " " + " ".join(text[a[1]:b[0]] for a, b in itertools.pairwise(spans)) + " " + tail
    return objects, partial, around


def _json_pattern(found, req: _Request, pick: _Picker) -> str:
    """One more JSON object with the examples' keys and sensible values for the new item."""
    objects, partial, around = found
    keys = list(dict.fromkeys(k for obj in objects for k in obj))
    taken = " ".join(json.dumps(list(obj.values()), ensure_ascii=False).lower() for obj in objects)
    known = {a.en for obj in objects for v in obj.values() if isinstance(v, str) for a in [_item_animal(v)] if a}
    animal = next((_item_animal(v) for v in partial.values() if _item_animal(v)), None)
    asked = [a for a, _d, _n in _spot(around).animals if a.en not in known]
    animal = animal or (asked[0] if asked else None) or next(
        (_ANIMAL[name] for name in DEFAULT_HEROES + [a.en for a in ANIMALS] if name not in known), _ANIMAL["dragon"])
    out = {}
    for key in keys:
        if key in partial:
            out[key] = partial[key]
            continue
        values = [obj[key] for obj in objects if key in obj]
        out[key] = _json_value(key, values, animal, taken, pick)
    return json.dumps(out, ensure_ascii=False)


def _json_value(key: str, values: list, animal: Animal, taken: str, pick: _Picker):
    """A value for one key, of the same kind as the examples' values (animal, colour, name, mood, number ...)."""
    zh = any(isinstance(v, str) and _IS_HAN.search(v) for v in values)
    k = key.lower()
    if values and all(isinstance(v, bool) for v in values):
        return values[0]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return round(sum(values) / len(values)) if all(isinstance(v, int) for v in values) else \
            round(sum(values) / len(values), 1)
    if values and all(isinstance(v, list) for v in values):
        n = max(1, round(sum(len(v) for v in values) / len(values)))
        return [_lang(h, "zh" if zh else "en") for h in (HABITS.get(animal.en, []) + GENERIC_HABITS)[:n]]
    strings = [v for v in values if isinstance(v, str)]
    if strings and all(_item_animal(v) for v in strings) or re.search(r"animal|kind|species|type|動物|種類", k):
        return animal.zh if zh else animal.en
    colour_words = {en for en, _zh in COLOURS} | {"black", "brown", "grey", "gray", "silver", "gold", "golden"}
    if re.search(r"colou?r|顏色", k) or (strings and all(v.split() and v.lower().split()[0] in colour_words
                                                         for v in strings)):
        return _lang(ANIMAL_COLOURS.get(animal.en, pick.pick(COLOURS)), "zh" if zh else "en")
    feelings = {en for _w, en, _z in FEELINGS} | {en for en, _z in PATTERN_ADJ} | {en for en, _z in HERO_ADJ}
    if re.search(r"mood|feeling|emotion|personality|trait|心情|性格", k) or (
            strings and all(v.lower() in feelings or v in _ADJ_ZH.values() for v in strings)):
        fresh = [a for a in PATTERN_ADJ if a[zh].lower() not in taken] or PATTERN_ADJ
        return _lang(pick.pick(fresh), "zh" if zh else "en")
    if re.search(r"name|hero|名字|名稱|主角", k) or (strings and all(re.fullmatch(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)?", v)
                                                                  for v in strings)):
        pet = PET_NAMES.get(animal.en)
        fresh = [n for n in ([pet] if pet else []) + NAMES if n[zh].lower() not in taken] or NAMES
        return _lang(fresh[0], "zh" if zh else "en")
    if re.search(r"place|home|where|setting|地點|地方|家", k):
        fresh = [p for p in PLACES if p.en.lower() not in taken and p.zh not in taken] or PLACES
        place = pick.pick(fresh)
        return place.zh if zh else place.en
    if re.search(r"food|snack|eat|食物|零食", k):
        fresh = [f for f in FOODS if f[zh].lower() not in taken] or FOODS
        return _lang(pick.pick(fresh), "zh" if zh else "en")
    habit = _lang(pick.pick(HABITS.get(animal.en, GENERIC_HABITS)), "zh" if zh else "en")
    return habit


def _pattern(req: _Request, pick: _Picker) -> str | None:
    """The open item of a few-shot prompt, in the examples' shape, or None when the prompt has no pattern."""
    text = req.prompt
    found = _json_examples(text)
    if found:
        return _json_pattern(found, req, pick)
    labels = _label_groups(text)
    if labels:
        cycle, examples, last, missing = labels
        before = cycle[cycle.index(missing) - 1]
        source = last.get(before, "")
        lang = "zh" if _IS_HAN.search(source) else "en"
        sep = "：" if _IS_HAN.search(missing) else ": "
        if re.search(_QUESTION_LABEL, before.lower()) or re.search(r"^(?:a|answer|答|答案)$", missing.lower()):
            answer = _answer_like(source, [g[missing] for g in examples], lang)
            return f"{missing}{sep}{answer}"
        kind = next((k for k, pattern in _LABEL_KINDS if re.search(pattern, missing.lower())), None)
        if kind == "opposite":
            return f"{missing}{sep}{_OPPOSITE.get(source.lower().strip('.。'), source)}"
        if kind is None or kind == "answer":         # learn it from the examples: longer, shorter, louder?
            ratio = sum(len(g[missing]) for g in examples) / max(1, sum(len(g[before]) for g in examples))
            kind = "exciting" if "!" in "".join(g[missing] for g in examples) else (
                "fancy" if ratio > 1.3 else "short" if ratio < 0.8 else "fancy")
        return f"{missing}{sep}{_transform(kind, source, [g[missing] for g in examples], pick)}"
    arrows = _arrow_items(text)
    if arrows:
        sep, examples, key = arrows
        return f"{key}{sep}{_new_value(_shape_of(examples), examples, key, pick)}"
    return None


# --- edits that act on the previous reply -----------------------------------------------------------
def _edit_kind(low: str) -> str | None:
    for kind, pattern in [("shorter", r"\bshorter\b|\bshorten\b|短一點|短一些|改短|縮短|短些|精簡"),
                          ("longer", r"\blonger\b|長一點|長一些|加長|寫長|詳細一點"),
                          ("funnier", r"\bfunnier\b|more funny|sillier|搞笑一點|好笑一點|有趣一點|更有趣"),
                          ("scarier", r"\bscarier\b|spookier|more scary|恐怖一點|可怕一點|驚險一點|嚇人一點")]:
        if re.search(pattern, low):
            return kind
    return None


def _wants_continue(low: str) -> bool:
    return bool(re.search(r"\bcontinue\b|\bkeep going\b|\bwhat happens next\b|\bnext page\b|"
                          r"繼續|接下來|之後發生|然後呢|後來呢|下一頁", low))


def _split(text: str, lang: str) -> list:
    if lang == "zh":
        return [s for s in re.findall(r"[^。！？]+[。！？]?", text.strip()) if s.strip()]
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _overlap(a: str, b: str) -> float:
    """How alike two sentences are (shared words, or characters in Chinese), from 0 to 1."""
    a_set, b_set = (set(re.findall(rf"[{_HAN}]|[a-z]+", x.lower())) for x in (a, b))
    return len(a_set & b_set) / max(1, len(a_set | b_set))


def _edit(kind: str, req: _Request, pick: _Picker) -> str:
    """Shorter keeps the opening and the ending; longer, funnier, scarier add sentences before the end."""
    lang = req.lang
    items = [line for line in req.prev.splitlines() if re.match(r"\s*(?:\d+\.|[-*•])\s", line)]
    if kind == "shorter" and len(items) >= 2:        # a list gets fewer items
        return "\n".join(items[:_ask_sentences(req.low) or max(1, len(items) // 2)])
    sentences = _split(req.prev, lang)
    cast = _Cast(req, pick, req.prev)
    slots = cast.slots(lang)
    n = _ask_sentences(req.low)
    if kind == "shorter":
        keep = n or max(1, len(sentences) // 2)
        if keep >= len(sentences) and len(sentences) <= 1:
            return _trim_words(req.prev, max(2, _count_words(req.prev, lang) * 6 // 10), lang)
        keep = min(keep, max(1, len(sentences) - 1))
        kept = sentences[:keep - 1] + sentences[-1:] if keep > 1 else sentences[:1]
        text = _join(kept, lang)
    else:
        if kind == "longer":   # new middle sentences, skipping any that repeat what the story already says
            fresh = [s for s in _story_plan(cast, pick, lang, req.simple).take(12)[1:-1]
                     if all(_overlap(s, old) < 0.5 for old in sentences)]
            extra = list(dict.fromkeys(fresh))[:3]
        else:
            extra = [_fill(t, slots, lang) for t in (FUNNY if kind == "funnier" else SPOOKY)]
        body = sentences[:-1] + extra + sentences[-1:] if len(sentences) > 1 else sentences + extra
        text = _join(body, lang)
    words = _ask_words(req.low)
    return _trim_words(text, words[1], lang) if words else text


# --- the main entry ----------------------------------------------------------------------------------
def compose_reply(messages: list[dict], *, temperature: float | None = None, top_p: float | None = None,
                  seed: int | None = None, max_tokens: int | None = None) -> OfflineText:
    """Write the offline practice model's reply to a chat. Pure: same input, same output."""
    messages = list(messages or [])
    temp = 0.7 if temperature is None else max(0.0, float(temperature))
    pick = _Picker(random.Random(_seed(messages, temp, top_p, seed)), temp, top_p)
    req = _read(messages)
    text = _write(req, pick).strip()
    if req.lang == "zh":
        text = _traditional(text)
        if req.cantonese:
            for written, spoken in _CANTONESE:
                text = text.replace(written, spoken)
    if req.lang == "en" and not req.verbatim:
        text = re.sub(r"(^|[.!?]\s+|\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    finish = "stop"
    if max_tokens is not None and count_tokens(text) > max(0, int(max_tokens)):
        text, finish = _cut_to_tokens(text, max(0, int(max_tokens))), "length"
    used = sum(count_tokens(_content(m.get("content"))) for m in messages if isinstance(m, dict))
    return OfflineText(text, finish, used, count_tokens(text))


_IMAGE_ASK = re.compile(r"image prompt|picture prompt|prompt for (?:an? )?(?:image|picture|illustration)|"
                        r"describe (?:a|an|the) (?:picture|image)|illustration of|\bdraw\b|"
                        r"圖片提示|圖像提示|圖畫提示|畫面|插圖|畫一幅|畫一張|繪畫提示")
_STORY_ASK = re.compile(r"\bstory\b|\bstories\b|\btale\b|\bfable\b|\bwrite\b|\bmake up\b|\bimagine\b|故事|寫|創作")
_QUESTION = re.compile(r"[?？]\s*$|^(?:what|why|how|who|where|when|which|is|are|can|do|does|tell me about|"
                       r"explain|describe)\b|甚麼|什麼|為甚麼|為什麼|點解|乜嘢|點樣|如何|怎樣|介紹|嗎$|呢$")


def _write(req: _Request, pick: _Picker) -> str:
    """Decide what kind of reply the prompt asks for, then write it. The order matters: safety first,
    then edits of the last reply, then a pattern shown by examples (few-shot), then formats (JSON, picture
    prompt, choices, title, outline, lists), then prose (a continuation, a poem, an answer or a story)."""
    low, lang = req.low, req.lang
    if not req.prompt:
        return _lang(EMPTY, lang)
    if _UNSAFE.search(low):
        return _fill(REDIRECT, _Cast(req, pick).slots(lang), lang)
    edit = _edit_kind(low)
    if edit:
        return _edit(edit, req, pick) if req.prev else _lang(NO_PREVIOUS, lang)
    pattern = _pattern(req, pick)
    if pattern is not None:
        req.verbatim = True                     # the examples' own capitals, not sentence case
        return pattern
    cast = _Cast(req, pick)
    count, kind = _ask_list(low)
    if "json" in low:
        return _json_reply(req, pick, cast)
    if _IMAGE_ASK.search(low):
        return _image_prompt(req, pick)
    if kind == "choices" or re.search(r"\bchoices\b|\boptions\b|選擇|選項", low):
        m = re.search(rf"{_NUM_WORD}\s+(?:choices|options)|{_ZH_NUM}\s*個?(?:選擇|選項)", low)
        n = count or (min(_number(m.group(1) or m.group(2)), MAX_ITEMS) if m else 3)
        return "\n".join(f"{i}. {line}" for i, line in enumerate(_choice_lines(n, req, pick, cast), 1))
    wants_title = re.search(r"\btitle\b|書名|標題|起個名|改個名", low) and kind != "titles"
    if wants_title and not re.search(r"\b(?:with|and) (?:a|give it a) title\b", low):
        return _title(req, pick, cast)
    if re.search(r"\boutline\b|大綱", low):
        return _outline(count or _ask_sentences(low) or 3, req, pick, cast)
    bullets = re.search(r"bullet|要點|點列", low)
    if count or bullets or re.search(r"numbered list|\blist\b|列出|清單", low):
        items = _list_items(kind or "ideas", count or 3, req, pick, cast)
        about_last = re.search(r"\b(?:it|this|the story|above)\b|這個故事|上面", low)
        if req.prev and about_last and not _spot(req.prompt).animals:     # "turn it into bullet points"
            told = _split(req.prev, "zh" if _looks_chinese(req.prev) else "en")
            items = [s.rstrip(".。") for s in told][:count or MAX_ITEMS]
        return "\n".join(("- " if bullets else f"{i}. ") + item for i, item in enumerate(items, 1))
    if re.search(r"\b(?:in )?(?:one|a single) word\b|一個詞|一個字|一個詞語", low):
        word = pick.pick(ONE_WORDS, ONE_WORDS_WILD)
        if cast.user_feeling:                       # "in one word, how does the lonely dragon feel?"
            word = (cast.feeling[0].capitalize(), cast.feeling[1])
        return _lang(word, lang) + ("。" if lang == "zh" else ".")
    text = _prose(req, pick, cast)
    return _title(req, pick, cast) + "\n\n" + text if wants_title else text


def _prose(req: _Request, pick: _Picker, cast: _Cast) -> str:
    low, lang = req.low, req.lang
    is_story, is_question = _STORY_ASK.search(low), _QUESTION.search(low)
    if _wants_continue(low) and req.prev:
        return _shape(_continue_plan(cast, pick, lang, req.prev), req, pick, cast.names, 3)
    if re.search(r"\bpoem\b|\brhyme\b|\bpoetry\b|詩|兒歌", low) or (req.persona == "poet" and not is_question):
        return _shape(_poem_plan(cast, lang), req, pick, cast.names, 3)
    if is_question and not is_story:
        return _shape(_answer_plan(req), req, pick, cast.names, 2 if req.simple else 3)
    spotted = _spot(req.prompt)
    greeting = re.search(r"^(?:hi|hello|hey|good morning)\b|你好|哈囉|早晨", low)
    if is_story or spotted.animals or spotted.names or (spotted.world and not greeting):
        # A prompt that names many things gets room for each of them (up to 7 sentences).
        named = len(cast.world) + len(cast.extra_things) + cast.user_thing + bool(cast.weather) + bool(cast.met)
        return _shape(_story_plan(cast, pick, lang, req.simple), req, pick, cast.names,
                      min(7, max(pick.pick([4, 5]), 2 + named)))
    if re.search(r"^(?:hi|hello|hey|good morning)\b|你好|哈囉|早晨", low):
        return _lang(GREETING, lang)
    return _fill(CHAT, cast.slots(lang), lang)
