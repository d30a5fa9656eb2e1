"""Lesson 07 · Capstone: my interactive novel (secondary): a novel whose every path works, with at least two
endings (7.1), and choices that are real choices: each says what the reader will do, and they lead to different
scenes (7.2).

7.1 reads the story's shape with the novel's own ``check()`` (the same plain-words problems the builder shows), so
it judges a novel made offline and one made with the real Qwen the same way. 7.2 reads only the child's labels.
"""

from __future__ import annotations

import re
from typing import Any

from . import Verdict, exercise
from .reading import NOT_YET, chinese_chars, has_chinese, is_placeholder, without_filler, words

MIN_ENDINGS = 2

# Button words that do not say what the reader will do.
EMPTY_LABELS = {
    "next", "next page", "continue", "go on", "click here", "click", "press here", "ok", "okay", "yes", "no",
    "more", "go", "then", "turn the page", "read on", "keep reading", "start", "begin", "the end", "end", "back",
    "left", "right", "a", "b", "c", "1", "2", "3", "this one", "that one", "option", "choice", "something",
    "下一頁", "繼續", "下一步", "好", "是", "否", "不", "按這裏", "按這裡", "開始", "完", "結束", "返回", "左", "右",
    "這個", "那個", "選項", "選擇",
}
NUMBERED = re.compile(r"^(?:option|choice|path|ending|scene|way|door)\s*[0-9a-c一二三]$|^(?:選項|選擇|路|結局|場景)\s*[0-9一二三]$",
                      re.IGNORECASE)
QUESTION = re.compile(r"^(?:what|which|where|how|why|who|do you|will you|should you)\b.*\?$|[嗎呢？?]$",
                      re.IGNORECASE)
MAX_WORDS, MAX_CHARS = 14, 28


def _count(text: str) -> int:
    """Words in English, characters (and any English words) in Chinese."""
    return len(chinese_chars(text)) + len(words(text)) if has_chinese(text) else len(words(text))


def _has_mark(value: Any) -> bool:
    return isinstance(value, str) and "✏" in value


# --- 7.1 · My novel works ---------------------------------------------------------------------------------

@exercise("7.1", hints=[
    ("Run my_novel.check(): it lists, in plain words, every place a reader would get lost or stuck.",
     "執行 my_novel.check()：它會用簡單的字詞，列出讀者會迷路或被困的每一個地方。"),
    (("Each choice must lead to a scene that exists (the same id, spelled the same), and every scene needs "
      "choices or ending=True."),
     "每個選擇都要通往一個存在的場景（場景編號要一模一樣），每個場景都要有選擇，或者設為結局（ending=True）。"),
    (("Give your story at least two endings, so the reader's choices matter: a scene with no choices and the "
      "🏁 This scene is an ending box ticked (or ending=True in code)."),
     "故事最少要有兩個結局，讀者的選擇才有意義：沒有選擇的場景，剔選 🏁「這個場景是結局」（或在程式寫 ending=True）。"),
])
def novel_works(answer) -> Verdict:
    """An interactive novel with words in every scene, at least two endings, and no problem ``check()`` finds."""
    if answer is None or isinstance(answer, str) and is_placeholder(answer):
        return NOT_YET
    if not (hasattr(answer, "scenes") and hasattr(answer, "check") and hasattr(answer, "add_scene")):
        if hasattr(answer, "pages"):
            return Verdict(False,
                           "Not yet: that is a storybook. Lesson 7 checks an interactive novel: "
                           "kit.check(\"7.1\", my_novel).",
                           "未完成：這是故事書。第 7 課檢查的是互動小說：kit.check(\"7.1\", my_novel)。")
        return Verdict(False,
                       "Not yet: give the check your novel itself: kit.check(\"7.1\", my_novel).",
                       "未完成：把你的互動小說本身交給檢查：kit.check(\"7.1\", my_novel)。")
    scenes = answer.scenes
    if not scenes:
        return Verdict(False, "Not yet: your novel has no scenes yet. Write the start scene first.",
                       "未完成：你的互動小說還沒有場景。先寫開始的場景。")
    marked = [scene_id for scene_id, scene in scenes.items()
              if _has_mark(scene.text) or any(_has_mark(label) for label in scene.choices)]
    if marked:
        return Verdict(False,
                       f"Not yet: the scene \"{marked[0]}\" still has the ✏️ example words. Write your own.",
                       f"未完成：「{marked[0]}」場景仍然是 ✏️ 示範字句。寫上你自己的。")
    problems = list(answer.check())
    if problems:
        first = problems[0]
        more_en = f" ({len(problems) - 1} more after that.)" if len(problems) > 1 else ""
        more_zh = f"（之後還有 {len(problems) - 1} 個。）" if len(problems) > 1 else ""
        return Verdict(False,
                       f"Not yet: check() found {len(problems)} problem{'s' if len(problems) != 1 else ''}. "
                       f"The first: {first.en}{more_en}",
                       f"未完成：check() 找到 {len(problems)} 個問題。第一個：{first.zh}{more_zh}")
    endings = [scene_id for scene_id, scene in scenes.items() if scene.ending]
    if len(endings) < MIN_ENDINGS:
        return Verdict(False,
                       f"Nearly! Every path works, but there is only {len(endings)} ending. An interactive novel "
                       f"needs at least {MIN_ENDINGS} endings, so the reader's choices change what happens.",
                       f"差不多了！每條路都走得通，但只有 {len(endings)} 個結局。互動小說最少要有 {MIN_ENDINGS} 個結局，"
                       "讀者的選擇才會改變故事。")
    empty = [scene_id for scene_id, scene in scenes.items() if not scene.text.strip()]
    if empty:
        names = ", ".join(f"\"{scene_id}\"" for scene_id in empty)
        return Verdict(False,
                       f"Nearly! The shape works. These scenes have no words yet: {names}.",
                       f"差不多了！故事結構沒有問題。這些場景還沒有文字：{'、'.join(f'「{s}」' for s in empty)}。")
    return Verdict(True,
                   f"Your novel works: {len(scenes)} scenes and {len(endings)} endings, and every path leads to an "
                   "ending. Play it once more, as a reader would.",
                   f"你的互動小說行得通：共 {len(scenes)} 個場景、{len(endings)} 個結局，每條路都通往結局。"
                   "以讀者的身分再玩一次吧。")


# --- 7.2 · A real choice ----------------------------------------------------------------------------------

def _choices(answer: Any) -> list[tuple[str, str | None]] | None:
    """(label, target) pairs from a label, a list of labels or pairs, a {label: target} dict, a Scene or a Novel."""
    if isinstance(answer, str):
        return [(answer.strip(), None)]
    if hasattr(answer, "scenes") and hasattr(answer, "check"):      # a whole novel: its first branching scene
        scenes = list(answer.scenes.values())
        branching = [scene for scene in scenes if len(scene.choices) >= 2] or [s for s in scenes if s.choices]
        return [(label, target) for label, target in branching[0].choices.items()] if branching else []
    if hasattr(answer, "choices") and isinstance(answer.choices, dict):   # a Scene
        answer = answer.choices
    if isinstance(answer, dict):
        return [(str(label).strip(), str(target).strip() if target is not None else None)
                for label, target in answer.items()]
    if isinstance(answer, (list, tuple)):
        pairs: list[tuple[str, str | None]] = []
        for item in answer:
            if isinstance(item, str):
                pairs.append((item.strip(), None))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                pairs.append((str(item[0]).strip(), str(item[1]).strip()))
            else:
                return None
        return pairs
    return None


def _label_problem(label: str) -> Verdict | None:
    plain = label.strip(" .!。！").lower()
    if plain in EMPTY_LABELS or NUMBERED.match(plain):
        return Verdict(False,
                       f"Not yet: \"{label}\" does not say what the reader will do. Write the action on the "
                       "button: \"Knock on the door\", \"Follow the cat\".",
                       f"未完成：「{label}」沒有說出讀者會做甚麼。在按鈕上寫出行動：「敲門」、「跟着那隻貓」。")
    if QUESTION.search(label.strip()):
        return Verdict(False,
                       f"Not yet: \"{label}\" is a question. Ask it in the scene; each choice is one answer, "
                       "written as an action: \"Open the box\".",
                       f"未完成：「{label}」是一條問題。問題寫在場景裏；每個選擇是一個答案，寫成行動：「打開盒子」。")
    count = _count(without_filler(label))
    if count < 2:
        return Verdict(False,
                       f"Nearly! \"{label}\" is very short. Say a little more, so the reader knows what happens: "
                       "\"Hide behind the door\".",
                       f"差不多了！「{label}」太短了。多說一點，讓讀者知道會發生甚麼：「躲在門後面」。")
    if count > (MAX_CHARS if has_chinese(label) else MAX_WORDS):
        return Verdict(False,
                       f"Nearly! \"{label[:40]}…\" is long for a button. Keep a choice short (under "
                       f"{MAX_WORDS} words) and tell the rest in the next scene.",
                       f"差不多了！「{label[:20]}……」作為按鈕太長了。選擇要簡短（{MAX_CHARS} 個字以內），其餘的留在下一個"
                       "場景再講。")
    return None


@exercise("7.2", hints=[
    (("A choice is a button the reader presses. It should say what they will DO: \"Knock on the door\", not "
      "\"Next\" or \"Option 1\"."),
     "選擇就是讀者按的按鈕，要說出他們會「做」甚麼：「敲門」，而不是「下一頁」或「選項一」。"),
    (("Two choices are only a real choice if they lead to DIFFERENT scenes. Give each its own scene id: "
      "{\"...\": \"guard\", \"...\": \"doors\"}."),
     "兩個選擇要通往「不同」的場景，才算是真正的選擇。每個選擇都要有自己的場景編號：{\"……\": \"guard\", \"……\": \"doors\"}。"),
    (("Try: my_choices = {\"Take the wallet to the security guard\": \"guard\", \"Knock on the neighbours' "
      "doors\": \"doors\"}"),
     "試試：my_choices = {\"把銀包交給保安員\": \"guard\", \"逐家逐戶敲門問\": \"doors\"}"),
])
def real_choice(answer) -> Verdict:
    """Choices that say what the reader will do, are different, and lead to different scenes."""
    if answer is None:
        return NOT_YET
    pairs = _choices(answer)
    if pairs is None:
        return Verdict(False,
                       "Not yet: write your choices as {\"words on the button\": \"scene id\", ...}.",
                       "未完成：把選擇寫成 {\"按鈕上的字\": \"場景編號\", ...}。")
    if not pairs or all(not label for label, _target in pairs):
        return NOT_YET
    if any(is_placeholder(label) or "✏" in (target or "") for label, target in pairs):
        return NOT_YET
    for label, _target in pairs:
        problem = _label_problem(label)
        if problem:
            return problem
    labels = [" ".join(label.lower().split()).strip(" .!。！") for label, _target in pairs]
    if len(set(labels)) < len(labels):
        return Verdict(False,
                       "Not yet: two choices have the same words. Make each one a different thing to do.",
                       "未完成：有兩個選擇的字是一樣的。每個選擇都要是不同的行動。")
    targets = [target for _label, target in pairs if target]
    if len(pairs) >= 2 and len(targets) == len(pairs) and len(set(targets)) == 1:
        return Verdict(False,
                       f"Nearly! Every choice leads to the same scene (\"{targets[0]}\"), so what the reader picks "
                       "changes nothing. Send each choice to its own scene.",
                       f"差不多了！每個選擇都通往同一個場景（「{targets[0]}」），讀者選甚麼都沒有分別。讓每個選擇通往"
                       "自己的場景。")
    if len(pairs) == 1:
        return Verdict(True,
                       f"\"{pairs[0][0]}\" is a real choice: it says what the reader will do. Give it a partner "
                       "that leads somewhere else, and the reader has something to decide.",
                       f"「{pairs[0][0]}」是真正的選擇：它說出讀者會做甚麼。再加一個通往別處的選擇，讀者就要作決定了。")
    return Verdict(True,
                   "Real choices: each says what the reader will do, and they lead to different scenes. The reader's "
                   "decision matters.",
                   "真正的選擇：每個都說出讀者會做甚麼，而且通往不同的場景。讀者的決定會改變故事。")

