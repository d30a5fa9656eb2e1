"""Picture prompts: the page and the character sheet, in the painter's words."""

from __future__ import annotations

import re

from .cast import _Cast, _lang, _sheet
from .picker import _Picker
from .prose import _count_words
from .request import _IMAGE_ASK, _SHEET, _looks_chinese, _Request, _sheet_text
from .spotting import _COMMON_START, _a, _keyword_regex, _page_time, _page_weather, _spot, _Spotted
from .tokens import _IS_HAN, _split
from .words import (
    _HERO_WORDS,
    _PAGE_LABEL,
    _STYLE_ASKS,
    NEUTRAL_LIGHT,
    NEUTRAL_MOOD,
    PAGE_LIGHTS,
    PAGE_MOODS,
    PAGE_TIMES,
    PAGE_WEATHER,
    PALETTES,
    PALETTES_WILD,
    STYLES,
    STYLES_WILD,
    TIME_PHRASES,
    WEATHER_PHRASES,
)


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
    parts = list(req.sheets)
    told = page or subject or ""
    spotted = _spot(told) if told else None
    if page:
        scene = _page_scene(page, names, bool(parts))
        parts.append(scene)
        time, weather = _page_time(page), _page_weather(page)
        sheet_kinds = {a for sheet in req.sheets for a, _d, _n in _spot(sheet).animals[:1]}
        parts += _page_extras(scene, spotted, sheet_kinds, (time, weather), lang)
    elif subject:
        parts.append(_scene(subject, names, bool(parts)))
        time, weather = _page_time(subject), _page_weather(subject)
    else:                                                 # nothing given: the practice model makes one up
        cast = _Cast(req, pick)
        parts.append(cast.hero[zh].rstrip(","))
        place = cast.place
        parts.append(f"在{place.zh}{place.loc}" if zh else f"{place.prep} {place.en}")
        time, weather = None, None
    parts += _picture_look(style, time, weather, pick, lang)
    moods = [(en, zh_) for words, en, zh_ in PAGE_MOODS if _keyword_regex(words).search(told)] if told else []
    feeling = spotted.feelings[0] if spotted and spotted.feelings else (moods[0] if moods else None)
    if feeling:
        parts.append(f"{feeling[1]}的氣氛" if zh else f"{feeling[0]} mood")
    else:
        parts.append(_lang(NEUTRAL_MOOD, lang))
    parts.append("高細節，不要文字" if zh else "high detail, no text")
    return ("，" if zh else ", ").join(p.strip().rstrip(",，") for p in parts if p.strip())


def _page_scene(page: str, names: list, after_sheet: bool) -> str:
    """The page's first sentence as a scene, and the sentences after it while the page is short."""
    page_zh = _looks_chinese(page)
    sentences = [x for x in _split(page, "zh" if page_zh else "en")       # not the request's own words
                 if not (_IMAGE_ASK.search(x.lower()) or _this_page(x))] or [page]
    scene = _scene(sentences[0], names, after_sheet)
    for more in sentences[1:]:                       # a short page is kept whole
        more = more.strip().rstrip(".。!！?？")
        if _count_words(scene + " " + more, "zh" if page_zh else "en") > (50 if page_zh else 35):
            break
        first = more.split()[0].strip(",") if more.split() else ""
        if first.lower() in _COMMON_START:
            more = more[:1].lower() + more[1:]
        scene += ("，" if page_zh else ", ") + more
    return scene


def _page_extras(scene: str, spotted: _Spotted, sheet_kinds: set, time_weather: tuple, lang: str) -> list:
    """What the page says beyond its scene: a place named later, who else is in it, its time and weather."""
    zh, said, extras = lang == "zh", scene.lower(), []
    for place in spotted.places[:2]:                 # a place named later in the page
        if not any(w.lower() in said for w in place.words + (place.en, place.zh)):
            extras.append(f"在{place.zh}{place.loc}" if zh else f"{place.prep} {place.en}")
            break
    for animal, _adjs, _name in spotted.animals:      # and who else is in it (the sheet's hero is there)
        if animal not in sheet_kinds and not any(w in said for w in animal.words if len(w) > 1 or _IS_HAN.match(w)):
            extras.append(f"還有一{animal.mw}{animal.zh}" if zh else f"with {_a(animal.en)}")
    time, weather = time_weather
    if time and not re.search(dict(PAGE_TIMES)[time], scene, re.IGNORECASE):
        extras.append(_lang(TIME_PHRASES[time], lang))
    if weather and not re.search(dict(PAGE_WEATHER)[weather], scene, re.IGNORECASE):
        extras.append(_lang(WEATHER_PHRASES[weather], lang))
    return extras


def _picture_look(style: str | None, time: str | None, weather: str | None, pick: _Picker, lang: str) -> list:
    """A style (the child's own if named), colours and light that agree with the page's time and weather."""
    rough = weather if weather in ("rain", "storm", "fog", "snow") else None
    palette = PALETTES.get(rough or time or "", PALETTES[""])
    light = PAGE_LIGHTS.get(rough or time or weather or "", NEUTRAL_LIGHT)
    return [style or _lang(pick.pick(STYLES, STYLES_WILD), lang), _lang(pick.pick(palette, PALETTES_WILD), lang),
            _lang(light, lang)]
