"""Lesson 03 · Shaping a story: an outline as a numbered list (3.1), a story plan in JSON with the keys the child
chooses (3.2), and examples in the prompt that show Qwen a pattern to copy (few-shot, 3.3).

The checkers read the child's prompt, never the model's reply, so they judge the same way on the offline
practice model and on the real Qwen. A ``Reply`` is read as the prompt that made it; for 3.2 a Reply is also
checked for what is certain about it: that it really is JSON with the asked keys.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from . import Verdict, exercise
from .reading import NOT_YET, as_text, is_placeholder, mentions, too_short

# --- 3.1 · An outline as a numbered list ----------------------------------------------------------------------

SHAPE_CUES = ("outline", "list", "numbered", "bullet", "bullets", "bullet points", "points", "steps", "parts",
              "sections", "stages", "chapters", "scenes", "plan", "1.", "1)",
              "大綱", "清單", "列出", "列表", "分點", "要點", "編號", "部分", "步", "段", "幕", "章", "計劃")
PARTS_NAMED = (("beginning", "middle", "end"), ("start", "middle", "end"), ("開頭", "中間", "結局"),
               ("開始", "中間", "結尾"), ("開頭", "中間", "結尾"))
COUNT_EN = re.compile(r"\b(?:[2-9]|1[0-2]|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
COUNT_ZH = re.compile(r"[二兩三四五六七八九十2-9]\s*(?:個|部分|點|段|步|項|幕|章|頁|場|部)")


def _count_asked(text: str) -> bool:
    """Does the prompt say how many parts (a number, or the parts named one by one)?"""
    lowered = text.lower()
    if COUNT_EN.search(lowered) or COUNT_ZH.search(text):
        return True
    return any(all(part in lowered for part in parts) for parts in PARTS_NAMED)


def _topic_words(text: str) -> str:
    """The prompt without the words about its shape, to see whether it still says what the story is about."""
    rest = text.lower()
    for cue in sorted(SHAPE_CUES + ("beginning", "middle", "end", "開頭", "中間", "結局", "結尾", "numbered list",
                                    "write", "give", "me", "an", "as", "a", "of", "with", "for", "story", "故事",
                                    "寫", "請", "一個", "用", "分", "的", "關於"), key=len, reverse=True):
        if re.search(r"[\u3400-\u9fff]", cue):
            rest = rest.replace(cue, " ")
        else:
            rest = re.sub(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", " ", rest)
    return rest


@exercise("3.1", hints=[
    ("An outline is the plan of a story before you write it. Say what the story is about: who, and where.",
     "大綱是動筆之前的故事計劃。先說故事講甚麼：主角是誰、在哪裏。"),
    ("Then ask for the shape: \"as a numbered list\", and say how many parts.",
     "然後說明形式：「用編號清單」，並說明分幾部分。"),
    ("Name the parts, so Qwen knows what goes in each: beginning, middle and end.",
     "說出每部分的名稱，Qwen 就知道每部分寫甚麼：開頭、中間、結局。"),
    (("Try: \"Write an outline for a story about a lost kitten on Cheung Chau, as a numbered list of 3 parts: "
     "beginning, middle and end.\""),
     "試試：「寫一個故事大綱：一隻小貓在長洲迷了路。用編號清單，分三部分：開頭、中間、結局。」"),
])
def outline_list(answer) -> Verdict:
    """An outline prompt: says what the story is about, asks for a list or outline, and says how many parts."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    shape = mentions(text, SHAPE_CUES)
    if too_short(text, english=5, chinese=8) or too_short(_topic_words(text), english=2, chinese=3):
        return Verdict(False,
                       "Not yet: say what the story is about. Who is in it, and where? For example \"a lost kitten "
                       "on Cheung Chau\".",
                       "未完成：說出故事講甚麼。主角是誰？在哪裏？例如「一隻在長洲迷路的小貓」。")
    if not shape:
        return Verdict(False,
                       "Not yet: Qwen will write a whole story. Ask for the plan instead: \"an outline, as a "
                       "numbered list\".",
                       "未完成：這樣 Qwen 會寫出整個故事。請它寫計劃：「故事大綱，用編號清單」。")
    if not _count_asked(text):
        return Verdict(False,
                       "Nearly! You asked for an outline. Now say how many parts, e.g. \"3 parts: beginning, "
                       "middle and end\".",
                       "差不多了！你要求寫大綱。現在說明分幾部分，例如「分三部分：開頭、中間、結局」。")
    return Verdict(True,
                   "Great plan prompt! It says what the story is about, the shape (a list) and how many parts. "
                   "Run the next cell to see the outline.",
                   "很好的計劃提示詞！它說明了故事講甚麼、用甚麼形式（清單），還有分幾部分。執行下一格，看看大綱。")


# --- 3.2 · A story plan in JSON -------------------------------------------------------------------------------

QUOTED_KEY = re.compile(r"[\"'「『“‘`]\s*([A-Za-z_][A-Za-z0-9_ ]{0,23}|[\u3400-\u9fff]{1,8})\s*[\"'」』”’`]")
KEY_CUE = re.compile(r"(?:\bkeys?\b|\bfields?\b|\bproperties\b|\blabels?\b|\bboxes\b|鍵|欄位|項目|包括|包含|"
                     r"分別是|要有)\s*(?:called|named|are|is|of)?\s*[:：]?\s*([^.!?。！？\n]+)", re.IGNORECASE)
WITH_CUE = re.compile(r"\b(?:with|containing|including|has|have)\b\s*[:：]?\s*([^.!?。！？\n]+)", re.IGNORECASE)
KEY_SPLIT = re.compile(r"[,，、;；/]|\band\b|\bor\b|和|及|與|同埋|以及")
KEY_NOISE = {"the", "a", "an", "keys", "key", "fields", "field", "only", "json", "format", "in", "as", "its",
             "their", "then", "please", "also"}
KEY_STOP = {"for", "about", "that", "which", "so", "where", "to", "in", "on", "using", "who", "when"}
TRAILING_COUNT = re.compile(r"\s*(?:這|那)?(?:些|[一二兩三四五六七八九十幾\d]*\s*個?)\s*(?:鍵|欄位|欄|項目|項|格子|格)?$")


def named_keys(text: str) -> list[str]:
    """The keys (boxes) a JSON prompt names: quoted ones, or a list after "keys", "with", 「包括」 ..."""
    keys = [k.strip() for k in QUOTED_KEY.findall(text)]
    if len(keys) >= 2:
        return list(dict.fromkeys(keys))
    found = []
    where = text.lower().find("json")
    candidates = [m.group(1) for m in KEY_CUE.finditer(text)]
    if where >= 0:
        candidates += [m.group(1) for m in WITH_CUE.finditer(text[where:])]
    for clause in candidates:
        for piece in KEY_SPLIT.split(clause):
            piece = TRAILING_COUNT.sub("", piece.strip(" \t\"'「」『』“”‘’`:："))
            tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[\u3400-\u9fff]+", piece)
            stop = next((i for i, t in enumerate(tokens) if t.lower() in KEY_STOP), None)
            if stop is not None:
                tokens = tokens[:stop]        # "a hero for a story about a fox" -> "hero"
            tokens = [t for t in tokens if t.lower() not in KEY_NOISE]
            if not tokens:
                continue
            if len(tokens) > 3 or any(len(t) > 10 for t in tokens if re.match(r"[\u3400-\u9fff]", t)):
                continue      # a whole phrase, not the name of a box
            found.append(" ".join(tokens))
        if len(found) >= 2:
            break
    return list(dict.fromkeys(keys + found))


def parse_json_reply(text: str):
    """The JSON in a reply, allowing the ```json fences the real Qwen sometimes adds; None if it is not JSON."""
    cleaned = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", text.strip(), flags=re.IGNORECASE)
    try:
        return json.loads(cleaned)
    except ValueError:
        start, end = cleaned.find("{"), cleaned.rfind("}")
        if 0 <= start < end:
            try:
                return json.loads(cleaned[start:end + 1])
            except ValueError:
                return None
    return None


@exercise("3.2", hints=[
    ("JSON is a form with boxes. Each box has a name, called a key. Say \"JSON\" in your prompt.",
     "JSON 就像一張有格子的表格。每個格子有名字，叫做「鍵」（key）。在提示詞裏寫上「JSON」。"),
    ("Then name the boxes you want Qwen to fill, e.g. \"with the keys title, hero, place and problem\".",
     "然後說出你想 Qwen 填哪些格子，例如「包括 title、hero、place 和 problem 這幾個鍵」。"),
    (("Try: \"Plan a story about a robot who is scared of the dark. Reply only in JSON with the keys title, hero, "
     "place and problem.\""),
     "試試：「計劃一個故事：一個怕黑的機械人。只用 JSON 回覆，包括 title、hero、place 和 problem 這幾個鍵。」"),
])
def json_plan(answer) -> Verdict:
    """A JSON prompt that names at least two keys; for a Reply, also that the reply parses as JSON."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    if "json" not in text.lower():
        return Verdict(False,
                       "Not yet: say \"JSON\" in your prompt, so Qwen answers as a form with boxes that a program "
                       "can read.",
                       "未完成：在提示詞裏寫上「JSON」，Qwen 就會用一張有格子的表格回答，程式也讀得懂。")
    keys = named_keys(text)
    if len(keys) < 2:
        return Verdict(False,
                       "Nearly! You asked for JSON. Now name the boxes (the keys), e.g. \"with the keys title, hero "
                       "and place\". Otherwise Qwen chooses them for you.",
                       "差不多了！你要求用 JSON。現在說出格子的名字（鍵），例如「包括 title、hero 和 place 這幾個鍵」。"
                       "不然 Qwen 會自己決定。")
    if too_short(text, english=6, chinese=10):
        return Verdict(False,
                       "Nearly! The boxes are named. Now say what the story is about, so Qwen knows what to write "
                       "in them.",
                       "差不多了！格子的名字有了。現在說出故事講甚麼，Qwen 才知道格子裏要寫甚麼。")
    listed = ", ".join(keys[:6])
    reply_text = getattr(answer, "text", None)
    if isinstance(reply_text, str):
        data = parse_json_reply(reply_text)
        if not isinstance(data, dict):
            return Verdict(False,
                           "Your prompt is good, but this reply is not clean JSON. Add \"Reply only with JSON, no "
                           "other words.\" and ask again.",
                           "你的提示詞不錯，但這個回覆不是整齊的 JSON。加上「只用 JSON 回覆，不要其他字。」再問一次。")
        return Verdict(True,
                       f"Well done! The reply is real JSON with the boxes {', '.join(map(str, list(data)[:6]))}. A "
                       "program can now read each box, e.g. put the title on the cover.",
                       f"做得好！回覆是真正的 JSON，有這些格子：{'、'.join(map(str, list(data)[:6]))}。程式可以逐格讀取，"
                       "例如把 title 放在封面。")
    return Verdict(True,
                   f"Great! You asked for JSON with the boxes: {listed}. Qwen will fill each one, and a program can "
                   "read them. Run the next cell to see it.",
                   f"很好！你要求用 JSON，格子有：{'、'.join(keys[:6])}。Qwen 會逐格填好，程式也讀得懂。執行下一格看看。")


# --- 3.3 · Examples in the prompt (few-shot) ------------------------------------------------------------------

SEPARATORS = ("→", "->", "=>", "=", ":", "：")
SEPARATOR = re.compile(r"→|->|=>|=|:|：")
LABEL_BEFORE = re.compile(r"([A-Za-z][A-Za-z' ]{0,30}?|[\u3400-\u9fff]{1,4})\s*$")
OPEN_END = re.compile(r"(?:→|->|=>|=|:|：)\s*(?:\?|？|\.\.\.|…+|_+|\(\s*\)|（\s*）)?\s*$")
NEXT_CUES = ("now", "next", "your turn", "one more", "another", "a new one", "現在", "然後", "輪到", "到你",
             "再寫", "再來", "再想", "新的")
JSON_OBJECT = re.compile(r"\{[^{}]*[:：][^{}]*\}")


def _separator_counts(text: str) -> Counter:
    """How often each separator is used; ":" and "：" count as one, and a time like 3:30 is not a separator."""
    counts: Counter = Counter()
    for match in SEPARATOR.finditer(text):
        sep = "：" if match.group(0) == ":" else match.group(0)
        before = text[max(0, match.start() - 1):match.start()]
        after = text[match.end():match.end() + 1]
        if sep in ("：", "=") and before.isdigit() and after.isdigit():
            continue
        counts[sep] += 1
    return counts


def count_examples(text: str) -> tuple[int, bool]:
    """(finished examples, whether a new one is left open or asked for) in a few-shot prompt.

    Examples are JSON objects, or pieces joined by one separator (→, =, :). When the words before the separator
    repeat ("Plain: ... Exciting: ... Plain: ..."), a group of labels is one example; otherwise each separator is
    one ("cat → ..., panda → ..., dragon →"). A prompt that ends on the separator leaves the last one open.
    """
    text = text.strip()
    last_part = re.split(r"[.!?。！？\n]", text.rstrip(".!?。！？"))[-1]
    objects = JSON_OBJECT.findall(text)
    if objects:
        after = text[text.rfind("}") + 1:]
        return len(objects), bool(mentions(text, NEXT_CUES)) or bool(re.search(r"\bfor (?:a|an|the)\b|為|給", text)) \
            or bool(after.strip())
    counts = _separator_counts(text)
    if not counts:
        return 0, False
    sep, n = counts.most_common(1)[0]
    if n < 2:
        return 0, False
    normal = text.replace(":", "：")
    labels = []
    for match in re.finditer(re.escape(sep), normal):
        label = LABEL_BEFORE.search(normal[:match.start()])
        labels.append(label.group(1).strip().lower() if label else "")
    distinct = len(set(labels))
    open_end = bool(OPEN_END.search(text))
    asks_next = open_end or bool(mentions(last_part, NEXT_CUES))
    groups = n // distinct if distinct and distinct * 2 <= n else n
    finished = groups - 1 if open_end else groups
    return max(finished, 0), asks_next


@exercise("3.3", hints=[
    ("Examples show Qwen the pattern. Write two finished examples that have the same shape.",
     "例子會教 Qwen 一個模式。寫兩個完整的例子，兩個的樣子要一樣。"),
    ("Then start a third one and stop, so Qwen has to finish it, e.g. \"dragon →\".",
     "然後開始寫第三個，寫到一半就停，讓 Qwen 完成它，例如「龍 →」。"),
    ("Try: \"Fun names, like my examples. cat → Captain Whiskers. panda → Professor Bao Bao. dragon →\"",
     "試試：「學我的例子，改有趣的名字。貓 → 威威隊長。熊貓 → 包包教授。龍 →」"),
])
def few_shot(answer) -> Verdict:
    """A few-shot prompt: at least two finished examples in the same shape, then a new one left open."""
    if is_placeholder(answer):
        return NOT_YET
    text = as_text(answer)
    examples, asks_next = count_examples(text)
    if too_short(SEPARATOR.sub(" ", text), english=3, chinese=4):
        examples = 0       # arrows with no words around them show no pattern
    if examples == 0:
        return Verdict(False,
                       "Not yet: show Qwen examples. Write two finished examples in the same shape, like \"cat → "
                       "Captain Whiskers. panda → Professor Bao Bao.\", then start a new one.",
                       "未完成：給 Qwen 看例子。寫兩個樣子一樣的完整例子，例如「貓 → 威威隊長。熊貓 → 包包教授。」，"
                       "然後開始寫一個新的。")
    if examples == 1:
        return Verdict(False,
                       "Nearly! One example is a good start. Add a second one in the same shape, so Qwen is sure "
                       "of the pattern.",
                       "差不多了！一個例子是好的開始。再加一個樣子相同的例子，Qwen 就更肯定那個模式。")
    if not asks_next:
        return Verdict(False,
                       f"Nearly! {examples} examples, well done. Now start a new one and stop halfway (e.g. "
                       "\"dragon →\"), so Qwen knows what to write next.",
                       f"差不多了！已經有 {examples} 個例子，做得好。現在開始寫一個新的，寫到一半就停（例如「龍 →」），"
                       "Qwen 就知道下一步寫甚麼。")
    return Verdict(True,
                   f"Great few-shot prompt! {examples} examples show the pattern, and the new one is left for Qwen "
                   "to finish. Qwen copies the shape, the length and the fun of your examples.",
                   f"很好的「例子提示詞」！{examples} 個例子示範了模式，新的一個留給 Qwen 完成。Qwen 會學你例子的"
                   "樣子、長短和趣味。")
