"""The words the offline picture engine knows, in English and Traditional Chinese (Hong Kong usage).

Each known word maps to an ``Entry``: what kind of word it is and what it means to the painter. The
tables are data only; ``reading.py`` turns a prompt into a plan with them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    kind: str          # subject, colour, count, size, time, weather, mood, light, setting, style, action,
    #                    part, prop, accessory, fly_kite, banned (negative-only), stop,
    #                    unknown (a known compound the engine cannot draw)
    value: object = None


STYLES = ("watercolour", "sketch", "cartoon", "ink painting", "pixel art", "oil painting", "crayon",
          "flat illustration")

# ---- subjects ---------------------------------------------------------------------------------------------
# A subject's concept is what gets drawn. "girl" and "boy" are drawn as variants of "child"; the grown-ups and
# a baby are people too (a negative prompt's "people" leaves them out, and any of them can hold an umbrella).
PEOPLE = ("mum", "dad", "grandma", "grandpa", "baby", "doctor", "nurse", "firefighter", "teacher", "police", "chef")
FAMILY = {"girl": "child", "boy": "child", **{p: "child" for p in PEOPLE}}

SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "cat": ("cat", "kitten", "kitty", "kitties", "花貓", "貓", "貓咪", "貓貓", "猫", "猫咪"),
    "dog": ("dog", "puppy", "puppies", "doggy", "doggie", "pup", "狗", "狗狗", "狗仔", "小狗"),
    "rabbit": ("rabbit", "bunny", "bunnies", "hare", "兔", "兔子", "兔仔"),
    "bird": ("bird", "birdie", "parrot", "robin", "鸚鵡", "鳥", "雀", "雀仔", "小鳥", "鸟"),
    "fish": ("fish", "fishes", "goldfish", "魚", "魚仔", "鱼"),
    "dragon": ("dragon", "龍", "龙"),
    "panda": ("panda", "熊貓", "熊猫"),
    "elephant": ("elephant", "大象", "象"),
    "robot": ("robot", "android", "機械人", "機器人", "机器人", "机械人"),
    "child": ("child", "children", "kid", "kids", "person", "people", "friend", "friends", "student",
              "students", "man", "men", "woman", "women", "human", "humans", "小朋友", "小孩", "小童", "兒童",
              "孩子", "人", "學生", "朋友", "人們", "人哋", "cousin", "classmate", "pupil", "patient", "表哥", "表姐",
              "表弟", "表妹", "同學", "病人"),
    "girl": ("girl", "女孩", "女仔", "女孩子", "小女孩", "姐姐", "妹妹", "sister", "家姐", "細妹", "granddaughter",
             "孫女"),
    "boy": ("boy", "男孩", "男仔", "男孩子", "小男孩", "哥哥", "弟弟", "brother", "細佬", "大佬", "grandson", "孫仔",
            "孫兒", "孫子"),
    "tree": ("tree", "樹", "樹木", "树", "大樹"),
    "flower": ("flower", "blossom", "rose", "tulip", "daisy", "花", "花朵", "鮮花", "小花"),
    "house": ("house", "home", "cottage", "hut", "屋", "房子", "屋仔", "房屋", "家", "小屋", "屋企"),
    "castle": ("castle", "palace", "城堡", "宮殿", "皇宮"),
    "boat": ("boat", "ship", "sailboat", "junk", "船", "帆船", "小船", "船仔", "龍舟", "海盜船"),
    "car": ("car", "taxi", "cab", "車", "汽車", "的士", "私家車", "車仔"),
    "rocket": ("rocket", "spaceship", "spacecraft", "火箭", "太空船"),
    "butterfly": ("butterfly", "butterflies", "蝴蝶", "蝴蝶仔"),
    "star": ("star", "流星", "星", "星星", "星仔"),
    "sun": ("sun", "太陽", "日頭", "太阳"),
    "moon": ("moon", "月亮", "月", "月光", "月球"),
    "cloud": ("cloud", "雲", "雲朵", "云", "雲彩"),
    "rainbow": ("rainbow", "彩虹"),
    "mountain": ("mountain", "hill", "peak", "山", "高山", "山峰", "山丘", "獅子山", "山頂"),
    "sea": ("sea", "ocean", "harbour", "harbor", "wave", "海", "大海", "海洋", "海港", "海浪"),
    "river": ("river", "stream", "creek", "河", "河流", "小河", "江", "溪", "小溪"),
    "city": ("city", "building", "buildings", "skyline", "skyscraper", "town", "downtown", "城市", "大廈",
             "高樓", "高樓大廈", "摩天大樓", "香港", "都市", "市區"),
    "bridge": ("bridge", "橋", "大橋", "青馬大橋"),
    "lake": ("lake", "pond", "湖", "湖邊", "湖泊", "池塘", "水塘"),
    "balloon": ("balloon", "氣球", "气球"),
    # a few extra friends the engine can draw
    "snowman": ("snowman", "雪人"),
    "kite": ("kite", "風箏", "纸鸢"),
    "planet": ("planet", "saturn", "earth", "行星", "星球", "地球", "土星"),
}
# A Hong Kong child's world: family, jobs, transport, food, festivals, things at home and school, city places.
HK_SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "mum": ("mum", "mom", "mother", "mummy", "mommy", "mama", "媽媽", "媽咪", "阿媽", "母親", "妈妈"),
    "dad": ("dad", "daddy", "father", "papa", "爸爸", "爹哋", "阿爸", "父親", "爸比"),
    "grandma": ("grandma", "grandmother", "granny", "nana", "old lady", "婆婆", "嫲嫲", "外婆", "奶奶", "祖母",
                "阿嫲"),
    "grandpa": ("grandpa", "grandfather", "grandad", "granddad", "old man", "公公", "爺爺", "外公", "祖父", "阿爺",
                "伯伯", "老人家", "長者"),
    "baby": ("baby", "babies", "嬰兒", "bb", "bb仔", "BB"),
    "doctor": ("doctor", "醫生"), "nurse": ("nurse", "護士"),
    "firefighter": ("firefighter", "fireman", "firemen", "消防員"),
    "teacher": ("teacher", "principal", "headmaster", "headteacher", "老師", "教師", "校長"),
    "police": ("police officer", "policeman", "policewoman", "police", "警察", "警員", "差人"),
    "chef": ("chef", "廚師"),
    "bus": ("bus", "buses", "double decker", "double-decker", "巴士", "雙層巴士"),
    "minibus": ("minibus", "mini bus", "light bus", "小巴", "紅van", "綠van"),
    "tram": ("tram", "ding ding", "電車", "叮叮"),
    "train": ("train", "mtr", "subway", "metro", "港鐵", "地鐵", "列車", "火車"),
    "ferry": ("ferry", "star ferry", "渡輪", "天星小輪", "小輪"),
    "fire_engine": ("fire engine", "fire truck", "消防車"),
    "ambulance": ("ambulance", "ambulence", "救護車"),
    "plane": ("plane", "aeroplane", "airplane", "飛機"),
    "dim_sum": ("dim sum", "har gow", "siu mai", "點心", "蝦餃", "燒賣"),
    "egg_tart": ("egg tart", "蛋撻"), "mooncake": ("mooncake", "moon cake", "月餅"),
    "dumpling": ("dumpling", "餃子", "水餃", "餃"), "noodles": ("noodle", "noodles", "wonton noodles", "wonton", "麵", "麵條", "雲吞麵",
                                                               "雲吞", "公仔麵"),
    "rice": ("rice", "fried rice", "飯", "白飯", "炒飯"), "milk_tea": ("milk tea", "奶茶"),
    "ice_cream": ("ice cream", "ice-cream", "icecream", "雪糕"), "cake": ("cake", "birthday cake", "蛋糕", "生日蛋糕"),
    "candle": ("candle", "蠟燭"), "fish_ball": ("fish ball", "fishball", "魚蛋"),
    "bun": ("pineapple bun", "bun", "bread", "菠蘿包", "麵包"), "red_packet": ("red packet", "lai see", "利是", "紅包"),
    "lantern": ("lantern", "燈籠", "花燈"), "lion": ("lion dance", "舞獅", "醒獅"),
    "piano": ("piano", "鋼琴"), "table": ("table", "desk", "枱", "檯", "桌子", "餐桌", "書枱"),
    "tv": ("tv", "television", "電視"), "wallet": ("wallet", "purse", "銀包", "錢包"),
    "phone": ("phone", "mobile phone", "手機", "電話"), "schoolbag": ("schoolbag", "school bag", "backpack", "書包"),
    "book": ("book", "homework", "書", "故事書", "功課", "書本"), "bed": ("bed", "床"), "sofa": ("sofa", "couch", "梳化", "沙發"),
    "hospital": ("hospital", "clinic", "醫院", "診所"), "bus_stop": ("bus stop", "巴士站", "車站", "小巴站"),
    "neon": ("neon", "neon sign", "sign", "shop sign", "招牌", "霓虹燈"),
    "stall": ("stall", "market", "wet market", "街市", "市場", "小販"),
    "xmas_tree": ("christmas tree", "xmas tree", "聖誕樹"), "present": ("present", "gift", "禮物"),
}
SUBJECT_WORDS.update(HK_SUBJECT_WORDS)

# phrases mapping to several subjects at once
MULTI_SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "family": ("dad", "mum", "child"), "一家人": ("dad", "mum", "child"), "家人": ("dad", "mum", "child"),
    "一家四口": ("dad", "mum", "boy", "girl"),
    "mid autumn festival": ("lantern", "mooncake", "moon"), "mid autumn": ("lantern", "mooncake", "moon"),
    "moon festival": ("lantern", "mooncake", "moon"), "中秋節": ("lantern", "mooncake", "moon"),
    "中秋": ("lantern", "mooncake", "moon"),
    "chinese new year": ("lantern", "red_packet"), "lunar new year": ("lantern", "red_packet"),
    "new year": ("lantern", "red_packet"), "新年": ("lantern", "red_packet"), "農曆新年": ("lantern", "red_packet"),
    "過年": ("lantern", "red_packet"), "春節": ("lantern", "red_packet"),
    "birthday": ("cake", "balloon"), "birthday party": ("cake", "balloon"), "生日": ("cake", "balloon"),
    "生日會": ("cake", "balloon"), "mong kok": ("neon",), "旺角": ("neon",),
    "christmas": ("xmas_tree", "present"), "xmas": ("xmas_tree", "present"), "聖誕節": ("xmas_tree", "present"),
    "聖誕": ("xmas_tree", "present"), "hiking": ("mountain",), "hike": ("mountain",), "行山": ("mountain",),
    "victoria harbour": ("city", "sea"), "victoria harbor": ("city", "sea"), "維港": ("city", "sea"),
    "維多利亞港": ("city", "sea"), "hong kong": ("city",),
}

# Things that belong in the sky, the land, or that fly by nature.
SKY_THINGS = ("sun", "moon", "star", "cloud", "rainbow", "planet")
LAND_THINGS = ("mountain", "sea", "river", "city", "bridge", "lake")
FLIERS = ("bird", "butterfly", "balloon", "kite", "dragon", "plane")
BACK_THINGS = ("house", "castle", "tree", "hospital", "bus_stop", "neon", "stall")   # behind the characters
# Food and small things sit on a table; lanterns hang on a string across the top of the picture.
TABLE_THINGS = ("dim_sum", "egg_tart", "mooncake", "dumpling", "noodles", "rice", "milk_tea", "ice_cream", "cake",
                "candle", "fish_ball", "bun", "red_packet", "wallet", "phone", "book")
HANGING = ("lantern",)
SCENERY = ("neon",)       # one of them is the whole street: "Mong Kok ... lots of signs" is still one street
VEHICLES = ("car", "bus", "minibus", "tram", "train", "fire_engine", "ambulance")
CHARACTERS = ("cat", "dog", "rabbit", "bird", "fish", "dragon", "panda", "elephant", "robot", "child",
              "girl", "boy", "snowman", "butterfly", "lion") + PEOPLE
# Who stands on the ground and can hold a kite's or a balloon's string ("a panda flying a kite").
HOLDERS = ("cat", "dog", "rabbit", "panda", "elephant", "robot", "child", "girl", "boy", "snowman") + PEOPLE
HELD = ("kite", "balloon")           # what they hold
# Who can wear a scarf, horns or a hat ("a small panda with a red scarf", "a dragon with golden horns").
WEARERS = HOLDERS + ("dragon",)

# English names for descriptions: (singular, plural)
NAMES = {
    "cat": ("cat", "cats"), "dog": ("dog", "dogs"), "rabbit": ("rabbit", "rabbits"), "bird": ("bird", "birds"),
    "fish": ("fish", "fish"), "dragon": ("dragon", "dragons"), "panda": ("panda", "pandas"),
    "elephant": ("elephant", "elephants"), "robot": ("robot", "robots"), "child": ("child", "children"),
    "girl": ("girl", "girls"), "boy": ("boy", "boys"), "tree": ("tree", "trees"),
    "flower": ("flower", "flowers"), "house": ("house", "houses"), "castle": ("castle", "castles"),
    "boat": ("boat", "boats"), "car": ("car", "cars"), "rocket": ("rocket", "rockets"),
    "butterfly": ("butterfly", "butterflies"), "star": ("star", "stars"), "sun": ("sun", "suns"),
    "moon": ("moon", "moons"), "cloud": ("cloud", "clouds"), "rainbow": ("rainbow", "rainbows"),
    "mountain": ("mountain", "mountains"), "sea": ("sea", "seas"), "river": ("river", "rivers"),
    "city": ("city skyline", "city skylines"), "bridge": ("bridge", "bridges"),
    "balloon": ("balloon", "balloons"), "snowman": ("snowman", "snowmen"), "kite": ("kite", "kites"),
    "planet": ("planet", "planets"), "lake": ("lake", "lakes"),
    "mum": ("mum", "mums"), "dad": ("dad", "dads"), "grandma": ("grandma", "grandmas"),
    "grandpa": ("grandpa", "grandpas"), "baby": ("baby", "babies"), "doctor": ("doctor", "doctors"),
    "nurse": ("nurse", "nurses"), "firefighter": ("firefighter", "firefighters"), "teacher": ("teacher", "teachers"),
    "police": ("police officer", "police officers"), "chef": ("chef", "chefs"),
    "bus": ("double-decker bus", "double-decker buses"), "minibus": ("minibus", "minibuses"),
    "tram": ("tram", "trams"), "train": ("train", "trains"), "ferry": ("Star Ferry", "ferries"),
    "fire_engine": ("fire engine", "fire engines"), "ambulance": ("ambulance", "ambulances"),
    "plane": ("plane", "planes"), "dim_sum": ("basket of dim sum", "baskets of dim sum"),
    "egg_tart": ("egg tart", "egg tarts"), "mooncake": ("mooncake", "mooncakes"),
    "dumpling": ("dumpling", "dumplings"), "noodles": ("bowl of noodles", "bowls of noodles"),
    "rice": ("bowl of rice", "bowls of rice"), "milk_tea": ("cup of milk tea", "cups of milk tea"),
    "ice_cream": ("ice cream", "ice creams"), "cake": ("birthday cake", "birthday cakes"),
    "candle": ("candle", "candles"), "fish_ball": ("skewer of fish balls", "skewers of fish balls"),
    "bun": ("pineapple bun", "pineapple buns"), "red_packet": ("red packet", "red packets"),
    "lantern": ("red lantern", "red lanterns"), "lion": ("lion dance lion", "lion dance lions"),
    "piano": ("piano", "pianos"), "table": ("table", "tables"), "tv": ("television", "televisions"),
    "wallet": ("wallet", "wallets"), "phone": ("phone", "phones"), "schoolbag": ("schoolbag", "schoolbags"),
    "book": ("book", "books"), "bed": ("bed", "beds"), "sofa": ("sofa", "sofas"),
    "hospital": ("hospital", "hospitals"), "bus_stop": ("bus stop", "bus stops"),
    "neon": ("street of neon signs", "street of neon signs"), "xmas_tree": ("Christmas tree", "Christmas trees"),
    "present": ("present", "presents"), "stall": ("market stall", "market stalls"),
}
# plurals without a number: how many to draw
PLURAL_COUNT = {"bird": 3, "butterfly": 3, "flower": 4, "star": 4, "balloon": 3, "fish": 3, "cloud": 3,
                "tree": 3, "mountain": 3, "kite": 2, "lantern": 4, "mooncake": 3, "egg_tart": 3, "dumpling": 3,
                "candle": 3, "red_packet": 2}

# ---- colours -----------------------------------------------------------------------------------------------
COLOURS = {
    "red": (226, 52, 58), "orange": (246, 146, 38), "yellow": (255, 212, 45), "green": (70, 176, 82),
    "blue": (52, 118, 226), "purple": (140, 72, 190), "pink": (255, 138, 186), "brown": (150, 96, 56),
    "black": (48, 46, 54), "white": (246, 246, 244), "grey": (150, 152, 160), "gold": (232, 182, 40),
}
COLOUR_WORDS: dict[str, tuple[str, ...]] = {
    "red": ("red", "scarlet", "crimson", "紅", "紅色", "红", "红色", "大紅色"),
    "orange": ("orange", "橙", "橙色", "橘色"),
    "yellow": ("yellow", "黃", "黃色", "黄", "黄色"),
    "green": ("green", "綠", "綠色", "绿", "绿色"),
    "blue": ("blue", "navy", "藍", "藍色", "蓝", "蓝色", "天藍色", "淺藍色", "深藍色", "深藍"),
    "purple": ("purple", "violet", "lilac", "紫", "紫色"),
    "pink": ("pink", "粉紅", "粉紅色", "粉红", "粉红色", "粉色"),
    "brown": ("brown", "啡", "啡色", "咖啡色", "棕色", "褐色"),
    "black": ("black", "黑", "黑色"),
    "white": ("white", "白", "白色"),
    "grey": ("grey", "gray", "silver", "灰", "灰色", "銀色", "銀"),
    "gold": ("gold", "golden", "金", "金色", "金黃色"),
}

# ---- counts and sizes ----------------------------------------------------------------------------------------
EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twin": 2, "twins": 2, "pair": 2, "couple": 2, "few": 3, "several": 3,
              "many": 4, "lots": 4, "lot": 4, "group": 4, "flock": 4, "bunch": 3, "some": 3,
              "a few": 3, "a pair of": 2, "a couple of": 2, "a lot of": 4, "lots of": 4, "a group of": 4,
              "a flock of": 4, "a bunch of": 3}
ZH_NUMBERS = {"一": 1, "兩": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "幾": 3, "几": 3}
ZH_MEASURES = ("隻", "只", "個", "个", "條", "条", "棵", "朵", "架", "艘", "座", "間", "间", "輛", "辆", "粒",
               "顆", "颗", "位", "名", "頭", "头", "匹", "片", "尾", "枝", "部", "幢", "棟")
ZH_COUNT_WORDS = {"很多": 4, "好多": 4, "許多": 4, "許多的": 4, "一群": 4, "一班": 4, "一對": 2, "一双": 2,
                  "一雙": 2, "一些": 3, "幾個": 3, "一堆": 3}
SIZE_WORDS = {
    "big": 1.2, "large": 1.2, "huge": 1.35, "giant": 1.35, "enormous": 1.35, "tall": 1.15,
    "small": 0.8, "little": 0.85, "tiny": 0.7, "baby": 0.8, "mini": 0.75, "cute": 1.0,
    "大": 1.2, "巨大": 1.35, "好大": 1.3, "大大": 1.25, "高大": 1.2, "細": 0.8, "小": 0.85, "細小": 0.75,
    "迷你": 0.75, "可愛": 1.0, "可爱": 1.0, "得意": 1.0,
}

# ---- time, weather, mood, light, setting, style ----------------------------------------------------------------
TIME_WORDS = {
    "morning": ("morning", "dawn", "sunrise", "daybreak", "早上", "朝早", "清晨", "日出", "早晨", "黎明", "晨光"),
    "day": ("day", "daytime", "daylight", "noon", "midday", "afternoon", "白天", "中午", "下午", "日間", "晏晝",
            "日光"),
    "sunset": ("sunset", "evening", "dusk", "twilight", "sundown", "黃昏", "日落", "傍晚", "夕陽", "黄昏"),
    "night": ("night", "nighttime", "midnight", "tonight", "moonlight", "moonlit", "starry", "晚上", "夜晚",
              "夜", "夜空", "黑夜", "半夜", "晚間", "夜晚的", "深夜", "星空", "夜景"),
}
WEATHER_WORDS = {
    "sunny": ("sunny", "sunshine", "sunlight", "clear", "晴天", "晴朗", "陽光", "阳光", "天晴"),
    "rain": ("rain", "rainy", "raining", "rainfall", "drizzle", "shower", "雨", "下雨", "下雨天", "落雨天", "雨天", "落雨", "細雨"),
    "snow": ("snow", "snowy", "snowing", "snowfall", "snowflake", "雪", "下雪", "雪花", "落雪", "雪天"),
    "storm": ("storm", "stormy", "thunder", "thunderstorm", "lightning", "typhoon", "雷", "打雷", "閃電",
              "雷雨", "暴風雨", "颱風", "雷暴", "行雷"),
    "fog": ("fog", "foggy", "mist", "misty", "haze", "hazy", "霧", "大霧", "薄霧", "霧氣", "雾"),
    "wind": ("wind", "windy", "breeze", "breezy", "gust", "風", "大風", "颳風", "微風", "有風", "风"),
}
MOOD_WORDS = {
    "happy": ("happy", "joyful", "cheerful", "smiling", "smile", "fun", "funny", "glad", "merry", "friendly", "開心",
              "友善",
              "快樂", "高興", "歡樂", "笑", "微笑", "快乐", "开心"),
    "sad": ("sad", "unhappy", "crying", "lonely", "gloomy", "upset", "worried", "傷心", "難過", "悲傷", "唔開心",
            "哭", "孤單", "伤心", "擔心"),
    "scary": ("scary", "spooky", "creepy", "haunted", "frightening", "horror", "eerie", "halloween", "scared",
              "afraid", "frightened", "可怕", "恐怖", "嚇人", "陰森", "鬼屋", "驚", "害怕"),
    "calm": ("calm", "peaceful", "quiet", "relaxing", "relaxed", "serene", "gentle", "cosy", "cozy",
             "平靜", "寧靜", "安靜", "和平", "舒服", "平静", "溫馨", "tired", "攰", "疲倦", "好攰"),
    "exciting": ("exciting", "excited", "adventure", "thrilling", "energetic", "刺激", "興奮", "冒險", "熱鬧",
                 "proud", "自豪"),
    "angry": ("angry", "mad", "furious", "grumpy", "嬲", "好嬲", "激嬲", "生氣", "發脾氣", "憤怒"),
}
MOOD_WORDS["sad"] += ("nervous", "緊張", "bored", "悶")
LIGHT_WORDS = {"dark": ("dark", "darkness", "dim", "黑暗", "暗", "陰暗"),
               "bright": ("bright", "light", "sunlit", "colourful", "colorful", "glow", "明亮", "光", "光亮", "光線",
                          "色彩繽紛", "繽紛", "鮮艷")}
SETTING_WORDS = {
    "forest": ("forest", "woods", "wood", "jungle", "森林", "樹林", "叢林", "树林"),
    "beach": ("beach", "seaside", "shore", "seashore", "coast", "沙灘", "海灘", "海邊", "沙滩", "swim", "swimming",
              "游水", "游泳"),
    "space": ("space", "outer space", "galaxy", "universe", "cosmos", "太空", "外太空", "宇宙", "銀河"),
    "underwater": ("underwater", "under the sea", "undersea", "seabed", "sea bed", "sea floor", "海底",
                   "水底", "水中", "海底世界"),
    "garden": ("garden", "backyard", "yard", "花園", "花园", "後花園"),
    "school": ("school", "playground", "學校", "学校", "校園", "操場"),
    "park": ("park", "公園", "公园", "遊樂場"),
    "desert": ("desert", "sand dunes", "沙漠"),
    "snowland": ("snow land", "snowland", "snowfield", "snowy land", "winter", "arctic", "north pole",
                 "antarctica", "雪地", "冬天", "雪山", "北極", "南極"),
    "meadow": ("meadow", "field", "grassland", "countryside", "farm", "草地", "草原", "田野", "郊外"),
    "city": ("harbour city", "harbourfront", "海旁"),
    # a Hong Kong street, and rooms: indoors there is a wall and a floor instead of sky and land
    "street": ("city street", "street", "road", "街", "街道", "馬路", "街頭", "街上"),
    "kitchen": ("kitchen", "廚房"), "bedroom": ("bedroom", "room", "睡房", "房間"),
    "living_room": ("living room", "sitting room", "客廳"), "classroom": ("classroom", "課室", "班房"),
    "stage": ("stage", "concert", "school hall", "hall", "舞台", "台上", "表演", "音樂會", "禮堂"),
    "restaurant": ("restaurant", "cha chaan teng", "cafe", "café", "canteen", "茶餐廳", "酒樓", "餐廳", "飯堂"),
    "station": ("station", "mtr station", "platform", "港鐵站", "地鐵站", "月台", "車站月台"),
}
INDOORS = ("kitchen", "bedroom", "living_room", "classroom", "stage", "station", "restaurant")
# Ages: "80 years old", 「八十歲」: a grown-up that old is drawn with grey hair, a child that young as a baby.
AGE_WORDS = ("years old", "year old", "yrs old", "歲")
PART_WORDS = {"sky": ("sky", "天空", "天", "藍天"), "grass": ("grass", "lawn", "草", "草坪")}

STYLE_WORDS = {
    "watercolour": ("watercolour", "watercolor", "watercolours", "watercolors", "water colour", "water color",
                    "水彩", "水彩畫"),
    "sketch": ("sketch", "pencil", "pencil sketch", "pencil drawing", "line drawing", "sketched", "素描",
               "鉛筆", "鉛筆畫", "速寫"),
    "cartoon": ("cartoon", "cartoons", "comic", "comics", "anime", "manga", "卡通", "漫畫", "動漫", "動畫"),
    "ink painting": ("ink painting", "ink", "chinese painting", "ink wash", "chinese ink", "sumi-e", "sumie",
                     "水墨", "水墨畫", "國畫", "中國畫", "水墨画", "国画"),
    "pixel art": ("pixel art", "pixel", "pixels", "pixelated", "8 bit", "8bit", "retro game", "像素",
                  "像素畫", "像素風"),
    "oil painting": ("oil painting", "oil", "oils", "impasto", "油畫", "油画"),
    "crayon": ("crayon", "crayons", "wax crayon", "蠟筆", "蠟筆畫", "蜡笔", "木顏色", "顏色筆"),
    "flat illustration": ("flat illustration", "flat", "flat design", "vector", "vector art", "minimalist",
                          "平面", "平面插畫", "扁平", "扁平插畫", "向量"),
}
# props a figure can carry: drawn only when someone is there to carry them
PROP_WORDS = {"umbrella": ("umbrella", "brolly", "雨傘", "遮", "雨遮")}
# things a character wears, drawn on the nearest character before them (or the next one, as in 戴紅色頸巾的熊貓)
ACCESSORY_WORDS = {"scarf": ("scarf", "scarves", "頸巾", "圍巾", "围巾", "颈巾"),
                   "horns": ("horn", "horns", "角", "犄角", "龍角"),
                   "hat": ("hat", "cap", "beanie", "帽", "帽子", "鴨舌帽", "冷帽")}
# Chinese says "release a kite" (放風箏): one word that means someone is flying a kite, not flying themselves
KITE_FLYING_WORDS = ("放風箏", "放纸鸢", "放紙鳶", "放风筝", "玩風箏")
ACTION_WORDS = {"flying": ("flying", "fly", "flies", "flew", "soaring", "飛", "飛翔", "在飛", "飛行", "飞"),
                "sleeping": ("sleeping", "asleep", "sleep", "sleepy", "napping", "睡覺", "瞓覺", "睡", "瞓",
                             "熟睡", "睡着", "睡著")}
# words a negative prompt may use for things the engine could draw that are not subjects
BANNED_WORDS = {"text": ("text", "words", "letters", "writing", "letter", "caption", "文字", "字", "寫字")}

def _words(text: str) -> set[str]:
    return set(text.split())


STOP_EN = _words("""
a an the and or with of in on at under over above below near by to for from is are was were be been being
it its this that these those there here very so as into onto through behind beside besides next front top
bottom inside outside up down out while who which what where when his her their my our your i you he she
they we me us him them has have had having am do does did can could would should will just also too
not no but if then than all any each every both own same such only other another more most much around
between against along across beneath toward towards upon via among like about after before during off
one's someone something thing things kind sort please draw drawing make making show create generate
picture pictures image images photo photograph scene painting art artwork illustration style styled
render rendered background foreground view wallpaper poster card look looks looking full lovely
it's that's there's let let's get gets got put holding hold holds carrying carry wearing wears wear
soft warm pastel mood atmosphere colours colour colors color palette detail detailed
""")
STOP_ZH = _words("""
的 之 在 喺 和 與 与 及 跟 同 同埋 還有 还有 有 是 係 个 了 着 著 很 好 非常 十分 上 下 裏 裡 里 內 中 上面
下面 裡面 裏面 前面 後面 旁邊 附近 一起 一齊 正在 緊 咗 嘅 啲 佢 佢哋 我 你 他 她 它 們 我們 我哋 這 这 那 呢
嗰 度 喺度 也 都 又 而 或 而且 把 被 給 讓 令 得 地 太 最 更 吧 呀 啊 嗎 喇 啦 囉 咁 就 去 來 嚟 到 對 向 從 由
畫 画 畫出 幫我 帮我 請 请 一幅 一張 幅 張 圖 图 圖片 图片 圖畫 畫面 風格 风格 樣式 風景 景色 場景 插畫 照片 作品
背景 今天 今日 每天 明天 一樣 一个 一個 個 隻 只 條 邊 面 前 後 外 旁 周圍 四周 中間 正 要 想 會 可以 能 看 睇
望 見 着 住 一 為 为 其他 一張 美麗 漂亮 好靚 靚 拎住 揸住 拿着 拿著 手拿 拎 揸 戴 戴着 戴著 戴住 穿 穿着 穿著 穿住
繪本 繪本風格 柔和 溫暖 氣氛 色彩 色調 顏色 粉彩 粉彩色 高細節 細節 主角 角色 上空
因為 所以 但係 但是 不過 因
""")
# Meta phrases a picture prompt writer adds ("high detail, no text"): instructions about the picture, not things
# in it, like "illustration" above.
STOP_PHRASES = ("picture book", "picture-book", "storybook", "story book", "high detail", "highly detailed",
                "no text", "without text", "no words", "no letters", "不要文字", "沒有文字", "無文字")
# meta words (picture, drawing ...) are stop-words above; these compounds are reported whole as unknown so
# that a character inside them is not mistaken for a known word (風箏 holds 風, 火山 holds 山 ...)
ZH_UNKNOWN_COMPOUNDS = ("火山", "山洞", "星期", "花生", "風車", "大家", "人生", "天使",
                        "恐龍", "雞蛋", "金魚缸", "老虎", "獅子", "猴子", "長頸鹿",
                        "海豚", "鯨魚", "烏龜", "青蛙", "蛋糕", "天鵝", "馬", "牛", "羊", "豬", "雞", "鴨", "熊",
                        "狐狸", "老鼠", "蛇", "企鵝", "公主", "王子", "仙女", "怪獸", "美人魚", "人魚",
                        "外星人", "超人", "巨人", "海龜", "鯊魚", "煙花", "花瓶", "單車",
                        "貓頭鷹", "熱狗", "大家", "角落", "三角", "牛角包")


def build_tables() -> tuple[dict[str, Entry], dict[str, Entry], int]:
    """Return (english phrase table, chinese word table, longest chinese word)."""
    en: dict[str, Entry] = {}
    zh: dict[str, Entry] = {}

    def add(word: str, entry: Entry) -> None:
        table = zh if any("\u3400" <= ch <= "\u9fff" for ch in word) else en
        table.setdefault(word, entry)

    for concept, words in MULTI_SUBJECT_WORDS.items():
        add(concept, Entry("subject", words))
    groups = [("subject", SUBJECT_WORDS), ("colour", COLOUR_WORDS), ("time", TIME_WORDS),
              ("weather", WEATHER_WORDS), ("mood", MOOD_WORDS), ("light", LIGHT_WORDS),
              ("setting", SETTING_WORDS), ("part", PART_WORDS), ("style", STYLE_WORDS),
              ("action", ACTION_WORDS), ("prop", PROP_WORDS), ("accessory", ACCESSORY_WORDS),
              ("banned", BANNED_WORDS)]
    for kind, table in groups:
        for key, words in table.items():
            for word in words:
                add(word, Entry(kind, (key,) if kind == "subject" else key))
    for word, n in EN_NUMBERS.items():
        add(word, Entry("count", n))
    for word, n in ZH_COUNT_WORDS.items():
        add(word, Entry("count", n))
    for digit, n in ZH_NUMBERS.items():
        add(digit, Entry("count", n))
        for measure in ZH_MEASURES:
            add(digit + measure, Entry("count", n))
    for word, factor in SIZE_WORDS.items():
        add(word, Entry("size", factor))
    for word in STOP_EN:
        add(word, Entry("stop"))
    for word in STOP_ZH:
        add(word, Entry("stop"))
    for phrase in STOP_PHRASES:
        add(phrase.replace("-", " "), Entry("stop"))
    for word in KITE_FLYING_WORDS:
        add(word, Entry("fly_kite", "kite"))
    for word in AGE_WORDS:
        add(word, Entry("age"))
    for word in ZH_UNKNOWN_COMPOUNDS:
        add(word, Entry("unknown"))
    longest = max(len(w) for w in zh)
    return en, zh, longest


IRREGULAR_PLURALS = {"children": "child", "people": "person", "men": "man", "women": "woman", "mice": "mouse",
                     "geese": "goose", "leaves": "leaf", "wolves": "wolf", "knives": "knife",
                     "skies": "sky", "snowmen": "snowman", "fish": "fish", "fishes": "fish"}


def singular(word: str) -> str:
    """Crude English singular: enough for cats, butterflies, boxes, peaches."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
