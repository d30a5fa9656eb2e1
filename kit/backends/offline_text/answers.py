"""What the model knows and says: facts, community jobs, fixed replies, personas, unsafe words (data only)."""

from __future__ import annotations

import re

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
