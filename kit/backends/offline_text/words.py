"""Word tables and story templates, English and 中文 side by side (data only)."""

from __future__ import annotations

import re
from typing import NamedTuple

from . import world


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
    """A person, food, event or means of transport from a Hong Kong child's world (``world``)."""
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
