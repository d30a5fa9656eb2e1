"""The main entry: compose_reply, and the writer's ordered rules."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .answers import _UNSAFE, CHAT, EMPTY, GREETING, MAX_ITEMS, NO_PREVIOUS, REDIRECT
from .cast import _Cast, _fill, _lang
from .chinese import _CANTONESE, _traditional
from .edits import _edit
from .fewshot import _pattern
from .formats import _ask_list, _choice_lines, _json_reply, _list_items, _outline, _title
from .picker import _Picker, _seed
from .picture_prompt import _image_prompt
from .prose import _answer_plan, _ask_sentences, _continue_plan, _poem_plan, _shape, _story_plan
from .request import (
    _IMAGE_ASK,
    _NUM_WORD,
    _QUESTION,
    _STORY_ASK,
    _ZH_NUM,
    _content,
    _edit_kind,
    _looks_chinese,
    _number,
    _read,
    _Request,
    _wants_continue,
)
from .spotting import _spot
from .tokens import _cut_to_tokens, _split, count_tokens
from .words import ONE_WORDS, ONE_WORDS_WILD


@dataclass(frozen=True)
class OfflineText:
    text: str
    finish_reason: str      # "stop", or "length" when max_tokens cut it
    input_tokens: int
    output_tokens: int


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


# --- the writer's rules, in order: the first that writes something wins ---------------------------------
# A rule returns the reply, or None when the prompt does not ask for its kind. The order matters: safety first,
# then edits of the last reply, then a pattern shown by examples (few-shot); then, with the cast of the story
# chosen (it draws on the seed, so it is chosen once, here, whichever rule writes), the formats (JSON, picture
# prompt, choices, title, outline, lists, one word); then prose (a continuation, a poem, an answer or a story).
def _empty(req: _Request, pick: _Picker) -> str | None:
    return None if req.prompt else _lang(EMPTY, req.lang)


def _unsafe(req: _Request, pick: _Picker) -> str | None:
    if _UNSAFE.search(req.low):
        return _fill(REDIRECT, _Cast(req, pick).slots(req.lang), req.lang)
    return None


def _edit_last(req: _Request, pick: _Picker) -> str | None:
    edit = _edit_kind(req.low)
    if not edit:
        return None
    return _edit(edit, req, pick) if req.prev else _lang(NO_PREVIOUS, req.lang)


def _few_shot(req: _Request, pick: _Picker) -> str | None:
    pattern = _pattern(req, pick)
    if pattern is not None:
        req.verbatim = True                     # the examples' own capitals, not sentence case
    return pattern


def _json(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    return _json_reply(req, pick, cast) if "json" in req.low else None


def _picture(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    return _image_prompt(req, pick) if _IMAGE_ASK.search(req.low) else None


def _choices(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    low = req.low
    count, kind = _ask_list(low)
    if not (kind == "choices" or re.search(r"\bchoices\b|\boptions\b|選擇|選項", low)):
        return None
    m = re.search(rf"{_NUM_WORD}\s+(?:choices|options)|{_ZH_NUM}\s*個?(?:選擇|選項)", low)
    n = count or (min(_number(m.group(1) or m.group(2)), MAX_ITEMS) if m else 3)
    return "\n".join(f"{i}. {line}" for i, line in enumerate(_choice_lines(n, req, pick, cast), 1))


def _wants_title(low: str) -> bool:
    return bool(re.search(r"\btitle\b|書名|標題|起個名|改個名", low)) and _ask_list(low)[1] != "titles"


def _title_only(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    if _wants_title(req.low) and not re.search(r"\b(?:with|and) (?:a|give it a) title\b", req.low):
        return _title(req, pick, cast)
    return None


def _outline_rule(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    if not re.search(r"\boutline\b|大綱", req.low):
        return None
    return _outline(_ask_list(req.low)[0] or _ask_sentences(req.low) or 3, req, pick, cast)


def _list(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    low = req.low
    count, kind = _ask_list(low)
    bullets = re.search(r"bullet|要點|點列", low)
    if not (count or bullets or re.search(r"numbered list|\blist\b|列出|清單", low)):
        return None
    items = _list_items(kind or "ideas", count or 3, req, pick, cast)
    about_last = re.search(r"\b(?:it|this|the story|above)\b|這個故事|上面", low)
    if req.prev and about_last and not _spot(req.prompt).animals:     # "turn it into bullet points"
        told = _split(req.prev, "zh" if _looks_chinese(req.prev) else "en")
        items = [s.rstrip(".。") for s in told][:count or MAX_ITEMS]
    return "\n".join(("- " if bullets else f"{i}. ") + item for i, item in enumerate(items, 1))


def _one_word(req: _Request, pick: _Picker, cast: _Cast) -> str | None:
    if not re.search(r"\b(?:in )?(?:one|a single) word\b|一個詞|一個字|一個詞語", req.low):
        return None
    word = pick.pick(ONE_WORDS, ONE_WORDS_WILD)
    if cast.user_feeling:                       # "in one word, how does the lonely dragon feel?"
        word = (cast.feeling[0].capitalize(), cast.feeling[1])
    return _lang(word, req.lang) + ("。" if req.lang == "zh" else ".")


def _prose_with_title(req: _Request, pick: _Picker, cast: _Cast) -> str:
    text = _prose(req, pick, cast)
    return _title(req, pick, cast) + "\n\n" + text if _wants_title(req.low) else text


BEFORE_THE_CAST = [_empty, _unsafe, _edit_last, _few_shot]
WITH_THE_CAST = [_json, _picture, _choices, _title_only, _outline_rule, _list, _one_word, _prose_with_title]


def _write(req: _Request, pick: _Picker) -> str:
    """Decide what kind of reply the prompt asks for, then write it: the first rule that answers wins."""
    for rule in BEFORE_THE_CAST:
        text = rule(req, pick)
        if text is not None:
            return text
    cast = _Cast(req, pick)
    return next(text for rule in WITH_THE_CAST if (text := rule(req, pick, cast)) is not None)


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
