"""Lesson 09 · Using AI well: choosing who is in a picture on purpose (9.1), checking a fact with a trusted
source (9.2), and an AI-use statement that says which tool, what it did and what I did myself (9.3).

Every checker reads only the child's own words, never a model's reply, so it judges the same way on the
offline practice model and on the real Qwen. The answer is read by ``reading.py``.
"""

from __future__ import annotations

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short
from .using_ai import UNKIND, ai_use_statement  # noqa: F401 (9.3 lives there: lesson 10 reads it too)

# --- 9.1 · Choose on purpose: who is in the picture? --------------------------------------------------------

JOBS = (
    "scientist", "scientists", "science", "experiment", "experiments", "doctor", "doctors", "nurse", "nurses",
    "engineer", "engineers", "pilot", "pilots", "firefighter", "firefighters", "police officer", "police",
    "teacher", "teachers", "chef", "chefs", "cook", "farmer", "farmers", "astronaut", "astronauts", "builder",
    "builders", "vet", "dentist", "programmer", "coder", "inventor", "artist", "painter", "musician", "driver",
    "captain", "footballer", "athlete", "judge", "lawyer", "boss", "leader", "president", "mechanic",
    "explorer", "detective", "librarian", "baker", "fisherman", "shopkeeper", "gardener", "architect",
    "surgeon", "reporter", "writer", "photographer", "zookeeper", "lifeguard", "coach", "principal", "dancer",
    "singer", "sailor", "soldier", "referee", "cleaner", "postman", "postwoman", "mail carrier",
    "科學家", "科學", "實驗", "醫生", "護士", "工程師", "機師", "飛機師", "消防員", "警察", "老師", "教師", "廚師",
    "農夫", "太空人", "建築工人", "工人", "獸醫", "牙醫", "程式員", "發明家", "畫家", "藝術家", "音樂家", "司機",
    "船長", "足球員", "運動員", "律師", "法官", "校長", "老闆", "領袖", "技工", "探險家", "偵探", "圖書館管理員",
    "麵包師傅", "師傅", "漁夫", "店主", "園丁", "建築師", "記者", "作家", "攝影師", "救生員", "教練", "舞蹈員",
    "歌手", "水手", "郵差", "清潔工",
)
WHO = (
    "girl", "girls", "boy", "boys", "woman", "women", "man", "men", "lady", "ladies", "grandma", "grandmother",
    "granny", "grandpa", "grandfather", "auntie", "aunt", "uncle", "mum", "mom", "mother", "dad", "father",
    "old", "older", "elderly", "young", "teenage", "teenager", "child", "children", "kid", "kids", "year-old",
    "years old", "wheelchair", "glasses", "hearing aid", "crutches", "walking stick", "headscarf", "hijab",
    "beard", "braids", "pigtails", "curly", "she", "her", "he", "his", "different", "all kinds", "all ages",
    "of all", "mixed", "team of", "group of", "twins",
    "女", "男", "婆婆", "公公", "爺爺", "嫲嫲", "奶奶", "外婆", "外公", "伯伯", "姨姨", "姐姐", "哥哥", "妹妹",
    "弟弟", "媽媽", "爸爸", "年輕", "年老", "老人", "長者", "小朋友", "小孩", "少年", "青年", "輪椅", "眼鏡",
    "助聽器", "拐杖", "鬍子", "辮子", "曲髮", "她", "不同", "各種", "各樣", "一班", "一隊", "團隊", "一群", "歲",
)


@exercise("9.1", hints=[
    ("Pick a job for the person in your picture: a scientist, a pilot, a doctor, a chef ...",
     "為圖畫裏的人選一份工作：科學家、機師、醫生、廚師……"),
    (("If you only write \"a scientist\", the model guesses who, and it often guesses the same kind of person. "
      "Say who: a girl? a grandpa? someone in a wheelchair?"),
     "只寫「一位科學家」，模型就要估是誰，而且常常估同一類人。說出是誰：一個女孩？一位公公？一位坐輪椅的人？"),
    ("Try: \"a girl scientist looking at the stars at night, watercolour\"",
     "試試：「一個愛做科學實驗的女孩，晚上在山頂看星星」"),
])
def fair_picture(answer) -> Verdict:
    """A picture prompt that names a job AND says who does it, kindly, instead of leaving it to the model."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if mentions(text, UNKIND):
        return Verdict(False,
                       "Not yet: describe people kindly. Say who they are (a girl, a grandpa, a team of friends), "
                       "not mean words about how they look.",
                       "未完成：要友善地描述別人。說出他們是誰（一個女孩、一位公公、一隊朋友），不要用難聽的字形容外表。")
    job, who = mentions(text, JOBS), mentions(text, WHO)
    if too_short(text, english=2, chinese=3) or (not job and not who):
        return Verdict(False,
                       "Not yet: write a picture prompt about a person with a job, and say who they are, e.g. "
                       "\"a grandma who is a pilot\".",
                       "未完成：寫一個圖畫提示詞，畫一個有工作的人，並說出他是誰，例如「一位做機師的婆婆」。")
    if not job:
        return Verdict(False,
                       "Nearly! You said who. Now give them a job: a scientist, a doctor, a firefighter ...",
                       "差不多了！你說了是誰。現在給他一份工作：科學家、醫生、消防員……")
    if not who:
        return Verdict(False,
                       f"Nearly! \"{job[0]}\" is the job, but the model will guess who, and it often guesses the "
                       "same kind of person every time. Say who you want to see: a girl? a grandpa? someone in a "
                       "wheelchair?",
                       f"差不多了！「{job[0]}」是工作，但模型會估是誰，而且常常每次都估同一類人。說出你想見到誰："
                       "一個女孩？一位公公？一位坐輪椅的人？")
    return Verdict(True,
                   "Well chosen! You decided who is in the picture instead of letting the model guess. Across "
                   "your whole book, show all kinds of people.",
                   "選得好！圖畫裏是誰由你決定，而不是讓模型去估。整本故事書裏，試試畫出各種各樣的人。")


# --- 9.2 · Check it: where would you look? -----------------------------------------------------------------

TRUSTED = (
    "book", "books", "library", "librarian", "encyclopedia", "encyclopaedia", "britannica", "dictionary",
    "atlas", "textbook", "teacher", "museum", "official", "government", "gov.hk", ".gov", "website of",
    "'s website", "own website", "their website", "its website", "observatory", "nasa", "news", "newspaper",
    "expert", "scientist", "tourism board", "discover hong kong", "guidebook", "guide book", "map",
    "書", "圖書館", "百科全書", "字典", "詞典", "課本", "教科書", "老師", "博物館", "官方", "官網", "政府",
    "的網站", "天文台", "新聞", "報紙", "專家", "科學家", "旅遊發展局", "地圖", "旅遊書",
)
AI_ONLY = ("qwen", "ai", "a.i.", "chatgpt", "chatbot", "wanxiang", "model", "ask it again", "ask again",
           "通義", "千問", "人工智能", "模型", "再問", "聊天機械人")
VAGUE = ("internet", "google", "online", "search", "web", "website", "look it up", "baidu", "youtube",
         "網上", "上網", "搜尋", "谷歌", "百度", "網站", "網頁")
GROWN_UPS = ("mum", "mom", "mother", "dad", "father", "parent", "parents", "grandma", "grandpa", "family",
             "媽媽", "爸爸", "父母", "家人", "婆婆", "公公", "爺爺", "嫲嫲")


@exercise("9.2", hints=[
    ("Asking the AI again is not checking: it can make the same mistake twice. Where else could you look?",
     "再問 AI 一次不算查證：它可能再錯一次。還可以在哪裏找？"),
    (("Choose a source made by people who know: a library book, a museum, a government website (.gov.hk), or "
      "the place's own website."),
     "選一個由懂得的人製作的資料來源：圖書館的書、博物館、政府網站（.gov.hk），或者那個地方自己的官方網站。"),
    ("Try: \"Ocean Park's own website, and a library book about Hong Kong\"",
     "試試：「海洋公園的官方網站，還有圖書館裏介紹香港的書」"),
])
def trusted_source(answer) -> Verdict:
    """Where would you check a fact from an AI? A source made by people who know, not the AI again."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if mentions(text, TRUSTED):
        return Verdict(True,
                       "Good checking! That is a source made by people who know. If two trusted sources say the "
                       "same thing, you can be even surer.",
                       "查證得好！這是由懂得的人製作的資料來源。如果兩個可信的來源說法一樣，就更加肯定了。")
    if mentions(text, AI_ONLY):
        return Verdict(False,
                       "Not yet: asking an AI again is not checking. It can repeat the same mistake, or make a new "
                       "one. Choose a source made by people: a book, a museum, an official website.",
                       "未完成：再問 AI 一次不算查證。它可能重複同一個錯誤，或者犯新的錯。選一個由人製作的資料來源："
                       "書本、博物館、官方網站。")
    if mentions(text, VAGUE):
        return Verdict(False,
                       "Nearly! Which website? Anyone can put things on the internet. Choose one made by people who "
                       "know: the place's own website, a government website (.gov.hk) or a museum.",
                       "差不多了！哪一個網站？網上的東西誰都可以寫。選一個由懂得的人製作的：那個地方的官方網站、"
                       "政府網站（.gov.hk）或者博物館。")
    if mentions(text, GROWN_UPS):
        return Verdict(False,
                       "Nearly! A grown-up can help you check. Together, look it up in a library book or on an "
                       "official website, and say which one.",
                       "差不多了！大人可以幫你查證。一起在圖書館的書或者官方網站找一找，並寫出是哪一個。")
    return Verdict(False,
                   "Not yet: name a place to check, made by people who know: a library book, a museum, a "
                   "government website, or the place's own website.",
                   "未完成：寫出一個查證的地方，要由懂得的人製作：圖書館的書、博物館、政府網站，或者那個地方的官方網站。")
