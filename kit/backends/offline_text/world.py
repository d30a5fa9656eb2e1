"""A Hong Kong child's world, as word tables for the offline writer: people, food, festivals, transport,
places and things, English and Traditional Chinese (with the Cantonese words children type).

Data only: ``offline_text`` reads a prompt with them, so a story about "a grandmother who teaches her grandson to
make dim sum" keeps its grandmother, grandson and dim sum. Each table lists the forms a child may type first,
then the English and Chinese the writer says when the child's own word cannot be used.
"""

from __future__ import annotations

# People: (forms a child types, English, 中文). Family first: they are who children write about most.
PEOPLE = [
    (("grandmother", "grandmothers", "grandma", "granny", "nana", "婆婆", "嫲嫲", "外婆", "奶奶", "祖母"),
     "grandmother", "婆婆"),
    (("grandfather", "grandfathers", "grandpa", "grandad", "granddad", "公公", "爺爺", "外公", "祖父"),
     "grandfather", "爺爺"),
    (("grandson", "grandsons", "孫仔", "孫兒", "孫子", "外孫"), "grandson", "孫兒"),
    (("granddaughter", "granddaughters", "孫女", "外孫女"), "granddaughter", "孫女"),
    (("mother", "mum", "mom", "mummy", "mommy", "mama", "媽媽", "媽咪", "阿媽", "母親"), "mum", "媽媽"),
    (("father", "dad", "daddy", "papa", "爸爸", "爹哋", "阿爸", "父親"), "dad", "爸爸"),
    (("big brother", "little brother", "baby brother", "brother", "brothers", "哥哥", "弟弟", "細佬", "大佬"),
     "brother", "哥哥"),
    (("big sister", "little sister", "baby sister", "sister", "sisters", "姐姐", "妹妹", "家姐", "細妹"),
     "sister", "姐姐"),
    (("cousin", "cousins", "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐"), "cousin", "表哥"),
    (("uncle", "uncles", "叔叔", "舅舅", "伯伯", "阿叔"), "uncle", "叔叔"),
    (("auntie", "aunty", "aunt", "aunts", "姨姨", "姑姐", "阿姨", "姑姑"), "aunt", "阿姨"),
    (("baby", "babies", "bb", "嬰兒", "BB"), "baby", "嬰兒"),
    (("family", "families", "一家人", "家人", "一家四口"), "family", "一家人"),
    (("best friend", "best friends", "friend", "friends", "好朋友", "朋友", "老友"), "friend", "好朋友"),
    (("classmate", "classmates", "class", "同學", "全班"), "class", "同學"),
    (("student", "students", "pupil", "pupils", "學生"), "student", "學生"),
    (("girl", "girls", "女孩", "女仔", "女孩子", "小女孩"), "girl", "女孩"),
    (("boy", "boys", "男孩", "男仔", "男孩子", "小男孩"), "boy", "男孩"),
    (("kid", "kids", "child", "children", "小朋友", "小孩", "兒童"), "child", "小朋友"),
    (("old people", "old person", "elderly", "old man", "old lady", "old woman", "老人家", "老人", "長者",
      "伯伯"), "elderly", "老人家"),
    (("neighbour", "neighbor", "neighbours", "neighbors", "鄰居", "街坊"), "neighbour", "鄰居"),
    (("principal", "headmaster", "headteacher", "校長"), "principal", "校長"),
    (("taxi driver", "的士司機"), "taxi driver", "的士司機"),
    (("shopkeeper", "shop owner", "店主", "老闆"), "shopkeeper", "店主"),
]

# Food: (forms, English, 中文).
FOODS = [
    (("dim sum", "點心"), "dim sum", "點心"),
    (("dumplings", "dumpling", "餃子", "水餃", "餃"), "dumplings", "餃子"),
    (("har gow", "shrimp dumplings", "蝦餃"), "har gow", "蝦餃"),
    (("siu mai", "燒賣"), "siu mai", "燒賣"),
    (("fish balls", "fishballs", "fish ball", "fishball", "魚蛋"), "fish balls", "魚蛋"),
    (("pineapple buns", "pineapple bun", "菠蘿包"), "pineapple buns", "菠蘿包"),
    (("milk tea", "奶茶"), "milk tea", "奶茶"),
    (("noodles", "noodle", "wonton noodles", "麵", "麵條", "雲吞麵", "公仔麵"), "noodles", "麵"),
    (("rice", "fried rice", "飯", "炒飯", "白飯"), "rice", "飯"),
    (("vegetables", "vegetable", "veggies", "菜", "蔬菜", "青菜"), "vegetables", "蔬菜"),
    (("bamboo", "竹子", "竹"), "bamboo", "竹子"),
    (("ice cream", "icecream", "雪糕"), "ice cream", "雪糕"),
    (("rice dumplings", "zongzi", "糭", "糉", "粽"), "rice dumplings", "糭"),
    (("birthday cake", "生日蛋糕"), "birthday cake", "生日蛋糕"),
    (("red bean soup", "紅豆沙"), "red bean soup", "紅豆沙"),
    (("hot pot", "hotpot", "火鍋", "打邊爐"), "hot pot", "火鍋"),
    (("bubble tea", "珍珠奶茶"), "bubble tea", "珍珠奶茶"),
    (("sandwich", "sandwiches", "三文治"), "sandwich", "三文治"),
    (("apple", "apples", "蘋果"), "apple", "蘋果"),
]

# Festivals and events: (forms, English, 中文).
EVENTS = [
    (("mid-autumn festival", "mid autumn festival", "mid-autumn", "mid autumn", "moon festival", "中秋節", "中秋"),
     "the Mid-Autumn Festival", "中秋節"),
    (("chinese new year", "lunar new year", "new year", "農曆新年", "新年", "過年", "春節"), "Chinese New Year", "農曆新年"),
    (("lion dance", "lion dancing", "舞獅"), "the lion dance", "舞獅"),
    (("dragon dance", "舞龍"), "the dragon dance", "舞龍"),
    (("dragon boat festival", "tuen ng", "端午節", "端午"), "the Dragon Boat Festival", "端午節"),
    (("dragon boat race", "dragon boat", "dragon boats", "龍舟", "扒龍舟"), "the dragon boat race", "龍舟比賽"),
    (("christmas", "聖誕節", "聖誕"), "Christmas", "聖誕節"),
    (("birthday", "birthday party", "生日", "生日會"), "a birthday", "生日"),
    (("sports day", "運動會", "陸運會", "水運會"), "sports day", "運動會"),
    (("school trip", "field trip", "旅行日", "校外參觀", "旅行"), "the school trip", "旅行"),
    (("exam", "exams", "考試", "測驗", "默書"), "the exam", "考試"),
    (("homework", "功課"), "homework", "功課"),
    (("concert", "音樂會", "表演", "演出"), "the concert", "表演"),
    (("wedding", "婚禮", "結婚"), "the wedding", "婚禮"),
    (("climate change", "global warming", "氣候變化", "全球暖化"), "climate change", "氣候變化"),
]

# Transport: (forms, English, 中文, measure word).
TRANSPORT = [
    (("star ferry", "天星小輪"), "the Star Ferry", "天星小輪", "艘"),
    (("minibus", "mini bus", "小巴"), "minibus", "小巴", "架"),
    (("tram", "trams", "ding ding", "電車", "叮叮"), "tram", "電車", "架"),
    (("taxi", "taxis", "cab", "的士"), "taxi", "的士", "架"),
    (("bus", "buses", "double-decker", "巴士"), "bus", "巴士", "架"),
    (("train", "trains", "火車", "列車"), "train", "列車", "架"),
    (("plane", "aeroplane", "airplane", "飛機"), "plane", "飛機", "架"),
    (("fire engine", "fire truck", "消防車"), "fire engine", "消防車", "架"),
    (("ambulance", "ambulence", "救護車"), "ambulance", "救護車", "架"),
    (("peak tram", "山頂纜車"), "Peak Tram", "山頂纜車", "架"),
    (("cable car", "纜車"), "cable car", "纜車", "架"),
]

# Places (the fields of words.Place): (forms, English, preposition, 中文, 中文 place word after it).
PLACES = [
    (("kitchen", "廚房"), "the kitchen", "in", "廚房", "裏"),
    (("hospital", "醫院"), "the hospital", "at", "醫院", "裏"),
    (("clinic", "診所"), "the clinic", "at", "診所", "裏"),
    (("bus stop", "巴士站", "車站"), "the bus stop", "at", "巴士站", ""),
    (("mtr station", "station", "港鐵站", "地鐵站"), "the MTR station", "at", "港鐵站", ""),
    (("stage", "舞台", "台上"), "the stage", "on", "舞台", "上"),
    (("classroom", "課室", "班房"), "the classroom", "in", "課室", "裏"),
    (("playground", "操場", "遊樂場"), "the playground", "in", "操場", "上"),
    (("market", "wet market", "街市", "市場"), "the market", "at", "街市", "裏"),
    (("cha chaan teng", "茶餐廳", "cafe", "café"), "the cha chaan teng", "in", "茶餐廳", "裏"),
    (("restaurant", "酒樓", "餐廳"), "the restaurant", "in", "酒樓", "裏"),
    (("bedroom", "睡房", "房間"), "the bedroom", "in", "睡房", "裏"),
    (("living room", "客廳", "廳"), "the living room", "in", "客廳", "裏"),
    (("housing estate", "estate", "屋邨", "屋苑"), "the housing estate", "in", "屋邨", "裏"),
    (("屋企", "家裏"), "home", "at", "家", "裏"),
    (("harbour", "harbor", "海港"), "the harbour", "by", "海港", "邊"),
    (("road", "street", "馬路", "街道", "街"), "the street", "on", "街道", "上"),
    (("shopping mall", "mall", "商場"), "the shopping mall", "in", "商場", "裏"),
    (("police station", "警署", "警察局"), "the police station", "at", "警署", "裏"),
    (("fire station", "消防局"), "the fire station", "at", "消防局", "裏"),
    (("victoria park", "維園", "維多利亞公園"), "Victoria Park", "in", "維園", "裏"),
    (("tsim sha tsui", "尖沙咀"), "Tsim Sha Tsui", "in", "尖沙咀", ""),
    (("sham shui po", "深水埗"), "Sham Shui Po", "in", "深水埗", ""),
    (("sai kung", "西貢"), "Sai Kung", "in", "西貢", ""),
    (("airport", "機場"), "the airport", "at", "機場", ""),
    (("school hall", "禮堂"), "the school hall", "in", "禮堂", "裏"),
]

# Things (the fields of words.Thing): (forms, English, 中文, measure word).
THINGS = [
    (("piano", "鋼琴"), "piano", "鋼琴", "部"),
    (("wallet", "purse", "銀包", "錢包"), "wallet", "銀包", "個"),
    (("red packet", "red packets", "lai see", "利是", "紅包"), "red packet", "利是", "封"),
    (("phone", "mobile phone", "手機", "電話"), "phone", "手機", "部"),
    (("schoolbag", "school bag", "backpack", "書包"), "schoolbag", "書包", "個"),
    (("octopus card", "八達通"), "Octopus card", "八達通", "張"),
    (("television", "tv", "電視"), "television", "電視", "部"),
    (("candle", "candles", "蠟燭"), "candle", "蠟燭", "枝"),
    (("plastic", "plastic bottle", "plastic bag", "膠樽", "膠袋", "塑膠"), "plastic", "塑膠", "些"),
    (("toy", "toys", "玩具"), "toy", "玩具", "件"),
    (("letter", "信件"), "letter", "信", "封"),
    (("遮", "雨遮"), "umbrella", "遮", "把"),
]

# Feelings a child names that the writer's own feelings table lacks: (forms, English, 中文).
FEELINGS = [(("nervous", "緊張"), "nervous", "緊張"), (("bored", "悶"), "bored", "悶"),
            (("tired", "攰", "疲倦"), "tired", "疲倦")]

# What happens with each kind of named thing, in the middle of a story: (English, 中文). {ref} is the hero,
# {it} the thing in the child's words.
MIDDLES = {
    "person": [("Then {ref} spent the whole afternoon with {it}.", "然後{ref}和{it}一起度過了整個下午。"),
               ("{it_cap} smiled and held {ref}'s hand.", "{it}笑着拖着{ref}的手。")],
    "food": [("Together they made {it}, and it smelled wonderful.", "大家一起做{it}，香氣撲鼻。"),
             ("Everyone shared {it} and laughed.", "大家一起分享{it}，笑個不停。")],
    "event": [("It was {it}, and the whole city was full of colour.", "那天是{it}，整個城市都熱鬧起來。"),
              ("Everyone got ready for {it}.", "大家都在為{it}作準備。")],
    "transport": [("They hopped on the {it} and watched the city roll by.", "他們坐上{it}，看着城市在窗外掠過。"),
                  ("The {it} rumbled along, full of people.", "{it}載滿了乘客，一路向前。")],
    "thing": [("{ref} looked after the {it} very carefully.", "{ref}小心翼翼地看管着{it}。")],
    "animal": [("On the way, {ref} met {it}, who needed help.", "路上，{ref}遇見{it}，牠正需要幫忙。")],
}

# A couplet for what a poem is about ("a poem about my grandma", 「關於中秋節的詩」): (English, 中文).
POEM_LINE = ("{ref} thought of {it} and smiled,\nas happy as a playful child.", "{ref}想起{it}，\n心裏暖暖笑開懷。")

# Story ideas about a topic the child names ("ideas for a novel about climate change"): (English, 中文).
TOPIC_IDEAS = [
    ("A family in Hong Kong whose everyday life is changed by {topic}", "一個香港家庭的日常生活因為{topic}而改變"),
    ("Two classmates start a school club to do something about {topic}", "兩個同學在學校成立小組，為{topic}出一分力"),
    ("{name} finds an old diary with a secret about {topic}", "{name}發現一本舊日記，裏面藏着關於{topic}的秘密"),
    ("A {animal} whose home {at} is changed by {topic}", "一{mw}{animal}在{place}的家，因為{topic}而改變"),
    ("A letter from the year 2050 that tells how people faced {topic}", "一封來自二〇五〇年的信，講述人們怎樣面對{topic}"),
    ("A grandparent and a grandchild remember {topic} in two different ways", "爺爺和孫兒用兩種不同的方式記住{topic}"),
    ("A young scientist and a robot solve a mystery about {topic}", "一位年輕科學家和機械人一起解開關於{topic}的謎團"),
    ("A town that wakes up one morning to find {topic} has changed everything",
     "一個小鎮某天早上醒來，發現{topic}改變了一切"),
]

# The weather a prompt names, as one sentence in the middle of the story: (English, 中文).
WEATHER_LINES = {
    "rain": ("Outside, the rain pattered on the windows.", "窗外下着雨，滴滴答答的。"),
    "storm": ("Outside, a storm was blowing and the windows rattled.", "外面刮着暴風雨，窗戶格格作響。"),
    "snow": ("Soft snow was falling everywhere.", "到處都飄着輕輕的雪花。"),
    "sunny": ("The sun was shining brightly.", "太陽高高掛在天上，陽光燦爛。"),
    "wind": ("A strong wind was blowing.", "外面颳着大風。"),
    "fog": ("A thick fog covered the city.", "濃霧籠罩着整個城市。"),
}

# Past tense for the first verb of "a grandmother who teaches ...": the few irregular ones children use most.
PAST = {"teach": "taught", "make": "made", "lose": "lost", "is": "was", "are": "were", "has": "had", "have": "had",
        "go": "went", "find": "found", "get": "got", "ride": "rode", "see": "saw", "eat": "ate", "take": "took",
        "become": "became", "run": "ran", "fly": "flew", "swim": "swam", "build": "built", "draw": "drew",
        "sing": "sang", "win": "won", "come": "came", "give": "gave", "do": "did", "can": "could", "will": "would",
        "buy": "bought", "bring": "brought", "think": "thought", "catch": "caught", "write": "wrote",
        "sell": "sold", "tell": "told", "feel": "felt", "keep": "kept", "sleep": "slept", "meet": "met",
        "leave": "left", "hide": "hid", "wake": "woke", "forget": "forgot", "know": "knew", "grow": "grew"}

# Spoken Cantonese -> written Chinese, for a child's premise retold in the story (「爸爸係消防員，救咗一隻貓」 ->
# 「爸爸是消防員，救了一隻貓」). Nouns children use (孫仔, 屋企, 巴士) stay theirs.
WRITTEN = [("我哋", "我們"), ("你哋", "你們"), ("佢哋", "他們"), ("係", "是"), ("咗", "了"), ("嘅", "的"), ("喺", "在"),
           ("嚟", "來"), ("冇", "沒有"), ("唔", "不"), ("睇", "看"), ("食", "吃"), ("佢", "他"), ("俾", "給"),
           ("畀", "給"), ("整", "做"), ("返", "回"), ("咁", "這麼"), ("啲", "些"), ("乜嘢", "甚麼"), ("點解", "為甚麼")]
