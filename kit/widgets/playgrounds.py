"""The four playgrounds a lesson ends with: ask, chat, dials and picture.

Each one lets a child change one thing, press one big button, and see the result beside the earlier ones, because
comparing is how children find out what a word, a role or a dial does. They call the public API (``text.ask``,
``text.Chat``, ``pictures.draw``) like a notebook cell would, never a backend, so the journal, reuse, the offline
badge and the friendly errors all work the same way here.
"""

from __future__ import annotations

import base64
import html
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

import ipywidgets as w

from .. import calls, pictures, text
from ..display import badges, thumbnail
from ..errors import BadInput
from ..i18n import both, current_language, t
from .base import Playground, big_text, button, note, row, text_box, toggle
from .compare import average_difference, chart_png, difference_chart

SLIDER_LAYOUT = {"width": "100%", "max_width": "520px"}
MAX_DIAL_CALLS = 30     # one press of "Try every setting" should never cost a class more than this


def _slider(label: str, value: float, low: float, high: float, step: float) -> w.FloatSlider:
    slider = w.FloatSlider(value=value, min=low, max=high, step=step, description=label, readout_format=".1f",
                           continuous_update=False, layout=w.Layout(**SLIDER_LAYOUT))
    return big_text(slider)  # type: ignore[return-value]


def _number(name: str, value, low: float, high: float) -> float:
    """A start value as a number, or a friendly BadInput (a typo in a lesson must not give a traceback)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BadInput("number", name=name, low=low, high=high, value=value) from None
    if not low <= number <= high:
        raise BadInput("number", name=name, low=low, high=high, value=value)
    return number


# --- ask ------------------------------------------------------------------------------------------------------

@dataclass
class Attempt:
    """One press of "Ask": what was sent and what came back."""

    number: int
    prompt: str
    system: str
    temperature: float
    reply: text.Reply


class AskPlayground(Playground):
    """One prompt, an optional role, a temperature; the last few replies stay on screen to compare.

    "▶ Ask" sends what is in the boxes now. "🔁 Ask again" sends the last question again, unchanged, so a child
    sees that the same prompt can give a different reply (and at temperature 0, that it does not).
    """

    kind = "ask"

    def __init__(self, *, prompt: str = "", system: str = "", temperature: float = 0.7, keep: int = 4,
                 run: bool = False) -> None:
        super().__init__()
        self.keep = int(_number("keep", keep, 1, 20))
        self.attempts: list[Attempt] = []       # newest first
        self.tries = 0
        prompt_label, self.prompt = text_box("widgets.prompt", prompt, placeholder_key="widgets.prompt.placeholder",
                                             emoji="🧒")
        self.role = toggle("widgets.ask.role", "🎭", value=bool(system))
        system_label, self.system = text_box("widgets.system", system, placeholder_key="widgets.system.placeholder",
                                             rows=2, emoji="🎭")
        self.role_box = w.VBox([system_label, self.system])
        self.role.observe(lambda _change: self._show_role(), names="value")
        self._show_role()
        self.temperature = _slider(f"🌡️ {t('widgets.temperature')}", _number("temperature", temperature, 0, 1.9),
                                   0, 1.9, 0.1)
        self.ask_button = button("widgets.ask.button", "▶", self._main, primary=True)
        self.again_button = button("widgets.ask.again", "🔁", self.ask_again)
        self.main_button = self.ask_button
        self.replies = w.HTML(note(t("widgets.ask.empty")))
        self._finish("widgets.title.ask", [prompt_label, self.prompt, row(self.role), self.role_box, self.temperature,
                                           row(self.ask_button, self.again_button)], [self.replies])
        if run:
            self.run()

    def _show_role(self) -> None:
        self.role_box.layout.display = None if self.role.value else "none"

    def _main(self) -> None:
        system = self.system.value if self.role.value else ""
        self._ask(self.prompt.value, system, round(self.temperature.value, 2))

    def ask_again(self) -> None:
        """Send the last question again, exactly as it was (or the boxes, if nothing was asked yet)."""
        if not self.attempts:
            self._main()
        else:
            last = self.attempts[0]
            self._ask(last.prompt, last.system, last.temperature)

    def _ask(self, prompt: str, system: str, temperature: float) -> None:
        with self._working("widgets.ask.busy", self.ask_button, self.again_button):
            reply = text.ask(prompt, system=system.strip() or None, temperature=temperature)
            self.tries += 1
            self.attempts.insert(0, Attempt(self.tries, prompt, system.strip(), temperature, reply))
            del self.attempts[self.keep:]
            self.replies.value = "".join(self._attempt_html(attempt) for attempt in self.attempts)

    @staticmethod
    def _attempt_html(attempt: Attempt) -> str:
        parts = [t("widgets.try", number=attempt.number), f"🌡️ {t('widgets.temperature')} {attempt.temperature:g}"]
        if attempt.system:
            parts.append(f"🎭 {t('widgets.role')}: {attempt.system}")
        caption = html.escape(" · ".join(parts))
        return (f'<div class="kit-attempt" style="margin-top:8px"><div style="font-weight:600;font-size:15px">'
                f"{caption}</div>{attempt.reply._repr_html_()}</div>")


# --- chat -----------------------------------------------------------------------------------------------------

BUBBLE = "border-radius:16px;padding:8px 14px;margin:4px 0;max-width:80%;font-size:16px;line-height:1.5;"


class ChatPlayground(Playground):
    """A conversation with ``kit.Chat``, shown as speech bubbles: the child's on the right, Qwen's on the left."""

    kind = "chat"

    def __init__(self, *, system: str = "", temperature: float | None = None, name: str | None = None,
                 message: str = "", run: bool = False) -> None:
        super().__init__()
        options = {} if temperature is None else {"temperature": _number("temperature", temperature, 0, 1.9)}
        self.chat = text.Chat(system.strip() or None, name=name, **options)
        self.backend = ""
        self.conversation = w.HTML()
        label, self.entry = text_box("widgets.chat.you", message, placeholder_key="widgets.chat.placeholder",
                                     rows=2, emoji="🧒")
        self.send_button = button("widgets.chat.send", "💬", self._main, primary=True)
        self.restart_button = button("widgets.chat.restart", "🧹", self.start_again)
        self.main_button = self.send_button
        self._render()
        self._finish("widgets.title.chat", [self.conversation, label, self.entry,
                                            row(self.send_button, self.restart_button)], [])
        if run:
            self.run()

    def _main(self) -> None:
        with self._working("widgets.ask.busy", self.send_button, self.restart_button):
            reply = self.chat.say(self.entry.value)
            self.backend = reply.backend
            self.entry.value = ""
            self._render()

    def start_again(self) -> None:
        """Forget the conversation (the role stays), so the child can try a different opening."""
        self.chat.clear()
        self.message.value = ""
        self._render()

    def _render(self) -> None:
        bubbles = []
        if self.chat.system:
            bubbles.append(note(f"🎭 {t('widgets.chat.role')}: {self.chat.system}"))
        for turn in self.chat.history:
            words = html.escape(turn["content"]).replace("\n", "<br>")
            if turn["role"] == "user":
                bubbles.append(f'<div style="display:flex;justify-content:flex-end"><div class="kit-bubble-user" '
                               f'style="{BUBBLE}background:#dbeafe;color:#1e3a8a">🧒 {words}</div></div>')
            elif turn["role"] == "assistant":
                bubbles.append(f'<div style="display:flex"><div class="kit-bubble-qwen" '
                               f'style="{BUBBLE}background:#f1f5f9;color:#1f2937">🤖 {words}</div></div>')
        if len(bubbles) == (1 if self.chat.system else 0):
            bubbles.append(note(t("widgets.chat.empty")))
        badge = f"<div>{badges(self.backend)}</div>" if self.backend else ""
        self.conversation.value = (f'<div class="kit-chat" style="max-width:760px;border:1px solid #cbd5e1;'
                                   f'border-radius:14px;padding:8px 12px">{badge}{"".join(bubbles)}</div>')


# --- dials ----------------------------------------------------------------------------------------------------

@dataclass
class DialResult:
    """The replies at one setting (one per seed) and how different they are from each other."""

    temperature: float
    top_p: float | None
    replies: list[text.Reply]
    difference: float

    @property
    def label(self) -> str:
        return f"{self.temperature:g}" if self.top_p is None else f"{self.temperature:g} / {self.top_p:g}"


def _format_numbers(values) -> str:
    if values is None:
        return ""
    if isinstance(values, (int, float)):
        values = [values]
    return ", ".join(f"{value:g}" if isinstance(value, float) else str(value) for value in values)


def parse_numbers(typed: str, name: str, low: float, high: float, *, integer: bool = False) -> list:
    """Numbers a child typed, separated by commas or spaces (also the Chinese comma)."""
    values = []
    for piece in re.split(r"[,，、;；\s]+", typed.strip()):
        if not piece:
            continue
        try:
            value = int(piece) if integer else float(piece)
        except ValueError:
            raise BadInput("number", name=name, low=low, high=high, value=piece) from None
        if not low <= value <= high:
            raise BadInput("number", name=name, low=low, high=high, value=piece)
        values.append(value)
    return values


class DialsPlayground(Playground):
    """One prompt asked at several temperatures (and top_p values), with the same seeds at each.

    The replies go in a table, one row per setting, and a bar chart shows how different the replies in each row
    are. The seeds stay the same across rows, so the only thing that changes between rows is the dial.
    """

    kind = "dials"

    def __init__(self, *, prompt: str = "", system: str = "", temperatures: Sequence[float] = (0, 0.7, 1.4),
                 seeds: Sequence[int] = (1, 2, 3), top_p: float | Sequence[float] | None = None,
                 run: bool = False) -> None:
        super().__init__()
        self.system = system.strip()
        self.results: list[DialResult] = []
        self.figure = None                       # the last matplotlib Figure, for a teacher or a test to reuse
        prompt_label, self.prompt = text_box("widgets.prompt", prompt, placeholder_key="widgets.prompt.placeholder",
                                             emoji="🧒")
        self.temperatures = self._numbers_box(f"🌡️ {t('widgets.dials.temperatures')}", _format_numbers(temperatures))
        self.seeds = self._numbers_box(f"🎲 {t('widgets.dials.seeds')}", _format_numbers(seeds))
        self.top_p = self._numbers_box(f"🎯 {t('widgets.dials.top_p')}", _format_numbers(top_p))
        self.run_button = button("widgets.dials.run", "🎛️", self._main, primary=True)
        self.main_button = self.run_button
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(width="320px", height="28px"))
        self.progress_label = big_text(w.Label(""))
        self.progress_row = row(self.progress, self.progress_label)
        self.progress_row.layout.display = "none"
        self.table = w.HTML(note(t("widgets.dials.empty")))
        self.chart = w.Image(format="png", layout=w.Layout(max_width="640px", display="none"))
        role = [w.HTML(note(f"🎭 {t('widgets.chat.role')}: {self.system}"))] if self.system else []
        self._finish("widgets.title.dials", [prompt_label, self.prompt, *role, self.temperatures, self.seeds, self.top_p,
                                             w.HTML(note(t("widgets.dials.list_help"))), row(self.run_button),
                                             self.progress_row], [self.chart, self.table])
        if run:
            self.run()

    @staticmethod
    def _numbers_box(label: str, value: str) -> w.Text:
        box = w.Text(value=value, description=label, layout=w.Layout(width="100%", max_width="520px"))
        return big_text(box)  # type: ignore[return-value]

    def _settings(self) -> tuple[list[tuple[float, float | None]], list[int]]:
        temperatures = parse_numbers(self.temperatures.value, both("widgets.temperature"), 0, 1.99)
        seeds = parse_numbers(self.seeds.value, both("widgets.seed"), 0, 2**31 - 1, integer=True)
        top_ps = parse_numbers(self.top_p.value, "top_p", 0.01, 1) or [None]
        if not temperatures:
            raise BadInput("number", name=both("widgets.temperature"), low=0, high=1.9, value="")
        seeds = seeds or [1]
        settings = [(temperature, top_p) for top_p in top_ps for temperature in temperatures]
        count = len(settings) * len(seeds)
        if count > MAX_DIAL_CALLS:
            raise BadInput("number", name=both("widgets.dials.too_many"), low=1, high=MAX_DIAL_CALLS, value=count)
        return settings, seeds

    def _main(self) -> None:
        with self._working("widgets.ask.busy", self.run_button):
            settings, seeds = self._settings()
            prompt = calls.check_prompt(self.prompt.value, calls.MAX_TEXT_PROMPT)
            total = len(settings) * len(seeds)
            self.progress.max, self.progress.value = total, 0
            self.progress_row.layout.display = None
            results = []
            for temperature, top_p in settings:
                replies = []
                for seed in seeds:
                    self.progress_label.value = t("widgets.dials.progress", done=self.progress.value + 1,
                                                  total=total)
                    replies.append(text.ask(prompt, system=self.system or None, temperature=temperature,
                                            top_p=top_p, seed=seed))
                    self.progress.value += 1
                results.append(DialResult(temperature, top_p, replies,
                                          average_difference([reply.text for reply in replies])))
            self.progress_label.value = t("widgets.dials.done", total=total)
            self.results = results
            self._render(seeds)

    @property
    def scores(self) -> dict[str, float]:
        """How different the replies are at each setting, by label (0 the same, 1 all different)."""
        return {result.label: result.difference for result in self.results}

    def _render(self, seeds: list[int]) -> None:
        cell = "border:1px solid #cbd5e1;padding:6px 8px;vertical-align:top;font-size:14px;line-height:1.45"
        varies_top_p = any(result.top_p is not None for result in self.results)
        setting = f"🌡️ {t('widgets.temperature')}" + (" / top_p" if varies_top_p else "")
        head = "".join(f'<th style="{cell}">🎲 {seed}</th>' for seed in seeds)
        rows = []
        for result in self.results:
            replies = "".join(f'<td style="{cell};min-width:160px">{html.escape(reply.text)}</td>'
                              for reply in result.replies)
            rows.append(f'<tr><th style="{cell}">{html.escape(result.label)}</th>{replies}'
                        f'<td style="{cell};text-align:center;font-weight:700">{result.difference:.2f}</td></tr>')
        backend = self.results[0].replies[0].backend if self.results else ""
        self.table.value = (f'<div style="overflow-x:auto">{badges(backend)}<table class="kit-dials" '
                            f'style="border-collapse:collapse;margin:6px 0;background:#fff;color:#1f2937">'
                            f'<tr><th style="{cell}">{html.escape(setting)}</th>{head}'
                            f'<th style="{cell}">{html.escape(t("widgets.dials.difference"))}</th></tr>'
                            f'{"".join(rows)}</table></div>')
        self.figure = difference_chart([result.label for result in self.results],
                                       [result.difference for result in self.results],
                                       xlabel=both("widgets.temperature") + (" / top_p" if varies_top_p else ""))
        self.chart.value = chart_png(self.figure)
        self.chart.layout.display = None


# --- picture --------------------------------------------------------------------------------------------------

SIZE_NAMES = ("square", "portrait", "landscape", "small")


def _style_label(style: str) -> str:
    """The style's name in the current language (Chinese names come from the kit's own style aliases)."""
    if current_language() != "zh-Hant":
        return style
    chinese = next((alias for alias, name in pictures.STYLE_ALIASES.items()
                    if name == style and re.search(r"[\u4e00-\u9fff]", alias)), None)
    return f"{chinese} · {style}" if chinese else style


def _size_name(size) -> str:
    """"square"/"portrait"/"landscape"/"small", from any of the names ``kit.draw`` accepts for them."""
    wanted = pictures.parse_size(size)
    for name in SIZE_NAMES:
        if pictures.SIZES[name] == wanted:
            return name
    raise BadInput("choice", name="size", value=size, choices=", ".join(SIZE_NAMES))


def _new_seed() -> int:
    return random.SystemRandom().randrange(1, 100_000)   # short enough for a child to copy into a cell


class PicturePlayground(Playground):
    """Prompt, negative prompt, style, size and seed; the last few pictures stand side by side with their recipe.

    The seed box is kept between presses, so drawing twice with the same settings gives the same picture (the
    lesson on seeds); "🎲 New seed" is the way to ask for a different one.
    """

    kind = "picture"

    def __init__(self, *, prompt: str = "", negative: str = "", style: str | None = None, size: str = "square",
                 seed: int | None = None, keep: int = 4, run: bool = False) -> None:
        super().__init__()
        self.keep = int(_number("keep", keep, 1, 20))
        self.pictures: list[pictures.Picture] = []     # newest first
        prompt_label, self.prompt = text_box("widgets.prompt", prompt, placeholder_key="widgets.prompt.placeholder",
                                             emoji="🧒")
        negative_label, self.negative = text_box("widgets.picture.negative", negative, rows=1, emoji="🚫",
                                                 placeholder_key="widgets.picture.negative.placeholder")
        self.style = w.Dropdown(options=[(t("widgets.picture.no_style"), "")]
                                + [(_style_label(name), name) for name in pictures.STYLES],
                                value=pictures.parse_style(style) or "", description=f"🖌️ {t('widgets.picture.style')}")
        self.size = w.Dropdown(options=[(t(f"widgets.size.{name}"), name) for name in SIZE_NAMES],
                               value=_size_name(size), description=f"📐 {t('widgets.picture.size')}")
        start_seed = _new_seed() if seed is None else int(_number("seed", seed, 0, 2**31 - 1))
        self.seed = w.IntText(value=start_seed, description=f"🎲 {t('widgets.seed')}",
                              layout=w.Layout(width="220px"))
        for control in (self.style, self.size, self.seed):
            big_text(control)
        self.new_seed_button = button("widgets.picture.new_seed", "🎲", self.new_seed)
        self.draw_button = button("widgets.picture.draw", "🎨", self._main, primary=True)
        self.main_button = self.draw_button
        self.gallery = w.HTML(note(t("widgets.picture.empty")))
        self._finish("widgets.title.picture",
                     [prompt_label, self.prompt, negative_label, self.negative, row(self.style, self.size),
                      row(self.seed, self.new_seed_button), row(self.draw_button)], [self.gallery])
        if run:
            self.run()

    def new_seed(self) -> None:
        self.seed.value = _new_seed()

    def _main(self) -> None:
        with self._working("widgets.picture.busy", self.draw_button, self.new_seed_button):
            picture = pictures.draw(self.prompt.value, negative=self.negative.value.strip() or None,
                                    style=self.style.value or None, size=self.size.value, seed=self.seed.value)
            self.pictures.insert(0, picture)
            del self.pictures[self.keep:]
            self.gallery.value = ('<div class="kit-gallery" style="display:flex;flex-wrap:wrap;gap:10px;'
                                  'align-items:flex-start">'
                                  + "".join(self._picture_html(each) for each in self.pictures) + "</div>")

    @staticmethod
    def _picture_html(picture: pictures.Picture) -> str:
        mime, small = thumbnail(picture.data, 320)
        source = f"data:{mime};base64,{base64.b64encode(small).decode('ascii')}"
        recipe = [f"🖌️ {_style_label(picture.style) if picture.style else t('widgets.picture.no_style')}",
                  f"📐 {picture.width}×{picture.height}", f"🎲 {picture.seed}"]
        lines = [f"<div>🧒 {html.escape(picture.prompt)}</div>", f"<div>{html.escape(' · '.join(recipe))}</div>"]
        if picture.negative:
            lines.append(f"<div>🚫 {html.escape(picture.negative)}</div>")
        for key, label in (("understood", "card.understood"), ("not_understood", "card.not_understood"),
                           ("left_out", "card.left_out")):
            found = (picture.notes or {}).get(key) or []
            if found:
                lines.append(f"<div><b>{html.escape(t(label))}:</b> {html.escape(', '.join(found))}</div>")
        if picture.actual_prompt and picture.actual_prompt != picture.prompt:
            lines.append(f"<div><b>{html.escape(t('card.actual_prompt'))}:</b> "
                         f"{html.escape(picture.actual_prompt)}</div>")
        return (f'<figure class="kit-gallery-item" style="margin:0;width:260px;border:1px solid #cbd5e1;'
                f'border-radius:12px;padding:8px;background:#fff;color:#1f2937">'
                f'<img src="{source}" alt="{html.escape(picture.prompt[:200])}" '
                f'style="width:100%;border-radius:8px;display:block">'
                f'<figcaption style="font-size:14px;line-height:1.45;margin-top:6px">'
                f'{badges(picture.backend, reused=picture.reused, replayed=picture.replayed)}{"".join(lines)}'
                f"</figcaption></figure>")


KINDS: dict[str, type[Playground]] = {"ask": AskPlayground, "chat": ChatPlayground, "dials": DialsPlayground,
                                      "picture": PicturePlayground}
__all__ = ["KINDS", "AskPlayground", "ChatPlayground", "DialsPlayground", "PicturePlayground"]
