"""Word tables for few-shot patterns (data only)."""

from __future__ import annotations

from .words import COLOURS

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
