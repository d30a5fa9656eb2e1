"""Qwen Storybook Kit: children learn to prompt Qwen (text) and Tongyi Wanxiang (pictures), step by step.

This file is the whole public API. Notebooks use these names and nothing else:

    kit.setup(...)          choose the backend (real DashScope service, or offline), region, language, folder
    kit.ask(prompt, ...)    ask Qwen once                                  -> Reply
    kit.Chat(system)        a conversation: chat.say(text)                 -> Reply
    kit.draw(prompt, ...)   one picture from Wanxiang                      -> Picture
    kit.draw_many(prompts)  several pictures, two at a time, in order      -> Pictures (a list, shown side by side)
    kit.draw(prompt, reference=hero)   the same hero on the page (book.character(...) draws the hero once)
    kit.describe(picture)   Qwen-VL looks at a picture: a story seed; .alt is short alt text -> Reply
                            (hero=picture: .same says whether it is the same character)
    kit.speak(text, voice=None, language=None)  read aloud: "yue" Cantonese, "zh" Mandarin, "en" -> Speech
    kit.STYLES, kit.SIZES   the picture styles and sizes the kit knows
    kit.check(id, answer)   check an exercise at once and say why       -> CheckResult
    kit.hint(id)            the next hint for an exercise, a little more each time
    kit.count_pronouns(replies)  how often replies say he, she and they (lesson 9's bias test) -> dict
    kit.playground(kind)    a widget to try ideas freely: "ask", "chat", "dials", "picture" or "pages" -> Playground
    kit.StoryBuilder(book)  a widget to make a Storybook step by step: draft, edit, picture candidates, preview
    kit.NovelBuilder(novel) a widget to write a Novel scene by scene: choices, check, map, play
    kit.PictureStudio()     a picture card in six big steps, read aloud (for special educational needs)
    kit.Sketchpad(name)     draw with mouse, finger or pen; .picture is the drawing; kit.draw(..., sketch=pad)
    kit.KitError (and KeyProblem, SafetyBlocked, RateLimited, NetworkProblem, ServiceProblem, BadInput)

Everything works with no key and no network on the built-in offline backend, which always says it is offline.
"""

from __future__ import annotations

from . import errors
from .classroom import class_theme
from .display import install_error_display
from .errors import BadInput, KeyProblem, KitError, NetworkProblem, RateLimited, SafetyBlocked, ServiceProblem
from .lessons import check, hint
from .lessons.reading import count_pronouns
from .pictures import SIZES, STYLES, Picture, Pictures, draw, draw_many
from .settings import Settings, make_current, resolve
from .sketchpad import Sketchpad
from .speech import Speech, speak
from .story import Novel, PictureCard, Storybook
from .text import Chat, Reply, ask
from .typing_help import install_typing_help
from .vision import describe
from .widgets import playground
from .widgets.makers import NovelBuilder, PictureStudio, StoryBuilder

__version__ = "0.1.0"


def setup(backend: str | None = None, *, api_key: str | None = None, region: str | None = None,
          base_url: str | None = None, language: str | None = None, text_model: str | None = None,
          image_model: str | None = None, workdir=None, quiet: bool = False) -> Settings:
    """Choose how the kit works, once, at the top of a notebook.

    backend   "dashscope" (the real Qwen and Wanxiang), "offline" (built-in practice model, no key needed) or
              "replay" (answers recorded earlier). Not given: env KIT_BACKEND; else "dashscope" when a key is
              found (argument or env DASHSCOPE_API_KEY); else "offline". "dashscope" without a key
              asks for it in a hidden box; nothing else ever waits for typing.
    region    "intl" (Singapore, the default for Hong Kong), "cn" (Beijing) or "us" (Virginia).
    base_url  overrides the region: a classroom gateway, or a local test server.
    language  "en" or "zh-Hant": the language of buttons, cards and messages.
    workdir   where the journal, pictures and books are saved (default "kit-work" beside the notebook).
    """
    settings, explanation = resolve(backend, api_key=api_key, region=region, base_url=base_url,
                                    language=language, text_model=text_model, image_model=image_model,
                                    workdir=workdir, ask_for_key=True, quiet=quiet)
    make_current(settings)
    install_error_display()
    if explanation:
        print(explanation)
    return settings


install_error_display()
install_typing_help()     # code typed with a Chinese input method: fixed, or a kind card

__all__ = [
    "SIZES",
    "STYLES",
    "BadInput",
    "Chat",
    "KeyProblem",
    "KitError",
    "NetworkProblem",
    "Novel",
    "NovelBuilder",
    "Picture",
    "PictureCard",
    "PictureStudio",
    "Pictures",
    "RateLimited",
    "Reply",
    "SafetyBlocked",
    "ServiceProblem",
    "Sketchpad",
    "Speech",
    "StoryBuilder",
    "Storybook",
    "ask",
    "check",
    "class_theme",
    "count_pronouns",
    "describe",
    "draw",
    "draw_many",
    "errors",
    "hint",
    "playground",
    "setup",
    "speak",
]
