"""The picture studio: a child with special educational needs makes one expressive picture card, one step at a time.

    studio = kit.PictureStudio()                 # or kit.PictureStudio(language="zh-Hant")
    studio                             # feeling -> who -> where -> doing/need -> colours -> style -> draw -> card

Why it looks like this (see the accessibility notes in the teaching anchors):

* one question at a time, with at most six big choices in a single column, never a grid: a grid cannot be walked
  with a screen reader in Colab. More answers (``symbols``: hard feelings too, the people of a child's day, Hong
  Kong things, what they need) are on further pages behind labelled "➡️ More choices" / "⬅️ Previous choices"
  buttons, "✍️ my own word" takes any word the child (or a helper) types, and "✏️ Draw it" opens a Sketchpad:
  a child who draws more easily than they type answers with a drawing, and the picture keeps its shapes;
* every button has an emoji AND words in both languages, is at least 56 px high and wide (WCAG 2.5.5 asks for
  44 × 44), has big type (22 px) and a dark border, and a chosen answer is marked with ✓ as well as colour;
* the child's choices grow into one plain sentence shown large ("Sad me at school, needing a hug, in soft colours,
  as a crayon drawing."); the picture prompt is made from it, so what is drawn is what was said: the feeling is
  the child's own and never made cheerful;
* "🔊 Read aloud" speaks the sentence (and the title) in a real voice (Qwen-TTS) when online, and the card keeps
  it for its export; offline, in the browser with ``speechSynthesis``, in English
  (en-GB) or Cantonese (yue-Hant-HK); the words stay on screen for everyone who hears nothing;
* every part has a line of plain text under it saying what it is and what to do;
* by keyboard or switch, after each choice the focus is already on the next question's first answer, shown by a
  thick amber ring; on a narrow screen (a portrait tablet with the file browser open) the buttons narrow to the
  space there is and their words wrap, never cut off.
"""

from __future__ import annotations

import html
import json
import secrets

import ipywidgets as w

from .. import pictures
from ..errors import BadInput
from ..i18n import current_language, message, normalise_language
from ..settings import current
from ..speech import speak
from ..story import PictureCard
from .base import BUTTON_MIN_WIDTH, big_text, row
from .parts import BUILDER_STYLE, Builder, action, empty_picture_html, pair, picture_html
from .symbols import (
    ARTICLE,
    CHOICES,
    DETERMINERS,
    KIT_STYLE,
    MEASURE,
    NEEDS,
    PAGES,
    PREPOSITIONS,
    STEP_EMOJI,
    STEPS,
    page_of,
)

SPEECH_LANG = {"en": "en-GB", "zh-Hant": "yue-Hant-HK"}
# Voices a browser may have for each language (Chrome calls its Cantonese voice zh-HK), best first.
VOICE_LANGS = {"en-GB": ["en-gb", "en"], "yue-Hant-HK": ["yue-hant-hk", "yue-hk", "zh-hk", "yue"]}
BIG = "64px"            # buttons: WCAG 2.5.5 asks for 44 px; SEN learners get more
WIDE = "480px"
FONT = "22px"
FOCUS_RING = "#d97706"  # amber: 3.2:1 on white, the contrast WCAG 2.4.13 asks of a focus indicator
# The rules beat ipywidgets' own (a thin light-blue ring on :focus, no wrapping, a fixed height) with !important, so
# the thick amber ring is the one a keyboard user sees, and a long label wraps onto two lines on a narrow tablet
# instead of being cut off.
STUDIO_STYLE = f"""<style>
.kit-studio button, .kit-studio input, .kit-studio textarea {{ font-size: {FONT} !important; }}
.kit-studio button {{ font-weight: 600; border: 2px solid #1e293b !important; border-radius: 14px;
  white-space: normal !important; overflow-wrap: anywhere; line-height: 1.25 !important;
  padding: 6px 14px !important; }}
.kit-studio button:focus-visible, .kit-studio input:focus-visible {{
  outline: 5px solid {FOCUS_RING} !important; outline-offset: 3px !important; }}
.kit-studio button:focus:not(:focus-visible) {{ outline: none !important; }}
.kit-studio .kit-answers button {{ scroll-margin-top: 170px; scroll-margin-bottom: 24px; }}
.kit-studio .widget-box {{ overflow: visible !important; }}  /* a box must not cut the focus ring off */
.kit-studio button.mod-primary, .kit-studio button.mod-info {{ border-color: #0f172a !important; }}
.kit-studio .widget-text input {{ height: 56px; border: 2px solid #1e293b; border-radius: 10px; padding: 0 12px;
  min-width: 0; }}
.kit-studio .widget-text > .widget-label {{ position: absolute !important; width: 1px !important;
  height: 1px !important; margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0); white-space: nowrap; }}  /* the box's own label, for screen readers; the big one shows */
</style>"""
SENTENCE_STYLE = ("font-size:30px;line-height:1.45;font-weight:700;color:#111827;background:#fef9c3;"
                  "border:3px solid #1e293b;border-radius:16px;padding:14px 20px;margin:8px 0;max-width:760px;"
                  "font-family:system-ui,'Noto Sans CJK TC','Noto Sans',sans-serif")
PLAIN = "font-size:19px;line-height:1.5;color:#1f2937;margin:4px 0 10px;max-width:760px"


OWN_MOST = 40            # letters in "my own word": a word or a short phrase, not a story


def known(step: str, name: str | None) -> bool:
    return any(each == name for each, _emoji in CHOICES[step])


def words(step: str, name: str, language: str) -> str:
    """The words for a choice inside the sentence: "happy", "at the beach", "開心", "在海灘上".

    A name that is not in the vocabulary is the child's own word, used as typed (a place gets "at" / 在 when it
    has none).
    """
    if known(step, name):
        return message(f"builders.studio.{step}.{name}.words", language)
    if step == "where" and language == "zh-Hant":
        return name if name.startswith("在") else f"在{name}"
    if step == "where" and name.split()[0].lower() not in PREPOSITIONS:
        return f"at {name}"
    return name


def _who_en(chosen: dict[str, str]) -> tuple[str, str]:
    """The determiner ("a", "my" or "") and the noun of "who", in English."""
    name = chosen.get("who")
    if not name:
        return "a", "…"
    if known("who", name):
        return ARTICLE.get(name, "a"), words("who", name, "en")
    first, _space, rest = name.partition(" ")
    if first.lower() in DETERMINERS and rest:
        return ("a" if first.lower() == "an" else first.lower()), rest
    return ("a" if name[0].islower() else ""), name                      # "Ming", "媽媽": a name, no article


def _an(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" or word.startswith("MTR") else "a"


def sentence(chosen: dict[str, str], language: str) -> str:
    """The child's choices as one plain sentence; it grows with each step, and ends with a full stop at the last.

    English: "A happy panda playing at the beach, in bright colours, as a watercolour painting.",
    "Sad me at school, needing a hug, in soft colours, as a crayon drawing."
    Chinese: "一隻開心的熊貓在海灘上玩耍，用鮮豔的顏色，畫成水彩畫。"
    """
    if not any(chosen.get(step) for step in STEPS):
        return ""
    part = {step: words(step, chosen[step], language) for step in STEPS if chosen.get(step)}
    need = chosen.get("doing") in NEEDS
    done = all(chosen.get(step) for step in STEPS)
    if language == "zh-Hant":
        feeling = f"{part['feeling']}的" if "feeling" in part else ""
        if "who" in part:
            measure = MEASURE.get(chosen["who"], "")
            out = f"{'一' + measure if measure else ''}{feeling}{part['who']}"
        else:
            out = f"{feeling}……"
        out += part.get("where", "")
        out += f"{'，' if need else ''}{part['doing']}" if "doing" in part else ""
        out += f"，用{part['colours']}" if "colours" in part else ""
        out += f"，畫成{part['style']}" if "style" in part else ""
        return out + ("。" if done else "")
    article, noun = _who_en(chosen)
    noun = " ".join(piece for piece in (part.get("feeling"), noun) if piece)
    out = f"{_an(noun) if article == 'a' else article} {noun}".strip()
    out = out[0].upper() + out[1:]
    out += f" {part['doing']}" if "doing" in part and not need else ""
    out += f" {part['where']}" if "where" in part else ""
    out += f", {part['doing']}" if need else ""
    out += f", in {part['colours']}" if "colours" in part else ""
    out += f", as {part['style']}" if "style" in part else ""
    return out + ("." if done else "")


def js_string(words_in: str) -> str:
    """A JavaScript string literal that is also safe inside an HTML ``<script>``: no ``</script>``, no markup."""
    out = json.dumps(str(words_in), ensure_ascii=False)
    for raw, safe in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                      ("\u2029", "\\u2029")):
        out = out.replace(raw, safe)
    return out


def speech_html(words_to_say: str, language: str) -> str:
    """HTML whose script reads ``words_to_say`` aloud with the browser's ``speechSynthesis``.

    The words go into the script as a JSON string with ``<``, ``>``, ``&`` and the two JavaScript line separators
    written as ``\\u`` escapes, so no title (not even one containing ``</script>``) can end the script early or
    become markup. The same words are shown as text, for anyone whose browser cannot speak.
    """
    lang = SPEECH_LANG[normalise_language(language)]
    said = js_string(words_to_say)
    uid = "kit-say-" + secrets.token_hex(4)
    fallback = js_string(message("builders.studio.no_speech", normalise_language(language)))
    return (f'<div id="{uid}" class="kit-speak" lang="{lang}" data-status="waiting" style="{PLAIN}">'
            f"🔊 {html.escape(words_to_say)}</div>\n"
            "<script>\n(function () {\n"
            f'  var box = document.getElementById("{uid}"), words = {said}, lang = "{lang}";\n'
            f"  var wanted = {json.dumps(VOICE_LANGS[lang])};\n"
            '  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {\n'
            '    if (box) { box.setAttribute("data-status", "no-speech");\n'
            f'      box.appendChild(document.createElement("div")).textContent = {fallback}; }}\n'
            "    return;\n  }\n"
            "  var say = new SpeechSynthesisUtterance(words);\n"
            "  say.lang = lang; say.rate = 0.85;\n"
            "  var voices = window.speechSynthesis.getVoices() || [];\n"
            "  for (var i = 0; i < wanted.length && !say.voice; i++) {\n"
            "    for (var k = 0; k < voices.length; k++) {\n"
            '      if (voices[k].lang.toLowerCase().replace("_", "-").indexOf(wanted[i]) === 0) {'
            " say.voice = voices[k]; break; }\n"
            "    }\n  }\n"
            "  window.speechSynthesis.cancel();\n"
            "  window.speechSynthesis.speak(say);\n"
            '  if (box) { box.setAttribute("data-status", "speaking"); }\n'
            "})();\n</script>")


class PictureStudio(Builder):
    """Six questions, one at a time, then a picture and a picture card (``kit.PictureCard``).

    ``language`` is "en" or "zh-Hant" (default: the kit's language): the sentence, the voice and the first words
    on each button. ``size`` is the picture size, as for ``kit.draw``.
    """

    kind = "studio"

    def __init__(self, *, language: str | None = None, size="square") -> None:
        super().__init__()
        self.language = normalise_language(language) if language else current_language()
        pictures.parse_size(size)
        self.size = size
        self.chosen: dict[str, str] = {}
        self.step = 0                       # 0..5: a question; 6: the picture and the card
        self.picture: pictures.Picture | None = None
        self.card: PictureCard | None = None
        self.sketches: dict[str, pictures.Picture] = {}   # questions answered by drawing: the drawing
        self.sketchpad = None                              # made when the child first presses "Draw it"
        self._build()
        self._show()

    # -- the widgets -------------------------------------------------------------------------------------
    def _big(self, key: str, emoji: str, handler, *, primary: bool = False, height: str = BIG,
             width: str = WIDE) -> w.Button:
        button = action(key, emoji, handler, primary=primary, language=self.language)
        # As wide as ``width`` where there is room, narrower on a tablet; taller when a long label wraps.
        button.layout.width, button.layout.max_width, button.layout.min_width = "100%", width, BUTTON_MIN_WIDTH
        button.layout.height, button.layout.min_height = "auto", height
        if "font_size" in button.style.trait_names():
            button.style.font_size = FONT
        return button

    def _text(self, words_html: str) -> w.HTML:
        return w.HTML(f'<div class="kit-fallback" style="{PLAIN}">{words_html}</div>')

    def _build(self) -> None:
        language = self.language
        self.sentence_box = w.HTML()
        self.read_button = self._big("builders.studio.read", "🔊", self.read_aloud)
        self.speaker = w.Output(layout=w.Layout(max_width="760px"))
        self.step_title = w.HTML()
        self.step_dots = w.HTML()
        self.choice_buttons = {step: [self._big(f"builders.studio.{step}.{name}", emoji,
                                                self._pressed(lambda step=step, name=name: self.choose(step, name)))
                                      for name, emoji in CHOICES[step]] for step in STEPS}
        # Every page of every question is on the page from the start, and only one is shown: the browser then
        # has each button ready to take the keyboard focus the moment its page shows (see ``_show``).
        self.pages: dict[tuple[str, int], w.VBox] = {}
        for step in STEPS:
            buttons = iter(self.choice_buttons[step])
            for number, page in enumerate(PAGES[step]):
                self.pages[step, number] = w.VBox([next(buttons) for _choice in page],
                                                  layout=w.Layout(grid_gap="10px"))
                self.pages[step, number].add_class("kit-answers")
        self.choice_box = w.VBox(list(self.pages.values()), layout=w.Layout(margin="6px 0"))
        self.page = dict.fromkeys(STEPS, 0)
        self.previous_button = self._big("builders.studio.previous", "⬅️", self._pressed(lambda: self.turn(-1)),
                                         width="300px")
        self.more_button = self._big("builders.studio.more", "➡️", self._pressed(lambda: self.turn(1)), width="300px")
        self.page_row = row(self.previous_button, self.more_button)
        self.own_box = big_text(w.Text(value="", placeholder=message("builders.studio.own.placeholder", language),
                                       description=pair("builders.studio.own", language=language),
                                       continuous_update=False, layout=w.Layout(width="100%", max_width=WIDE, height="56px")))
        self.own_button = self._big("builders.studio.own.use", "✍️", self._pressed(self._use_own_word))
        self.own_part = w.VBox([self._label("builders.studio.own", "✍️"), self.own_box, self.own_button,
                                self._text(html.escape(pair("builders.studio.own.help", language=language)))])
        self.sketch_button = self._big("builders.studio.sketch.open", "✏️", self._pressed(self.open_sketchpad))
        self.sketch_slot = w.VBox()
        self.sketch_use = self._big("builders.studio.sketch.use", "✅", self._pressed(self._use_drawing),
                                    primary=True)
        self.sketch_part = w.VBox([self._label("builders.studio.sketch", "✏️"), self.sketch_button,
                                   self.sketch_slot, self.sketch_use,
                                   self._text(html.escape(pair("builders.studio.sketch.help", language=language)))])
        self.choice_help = self._text(html.escape(pair("builders.studio.choose_help", language=language)))
        self.back_button = self._big("builders.studio.back", "◀", self._pressed(self.back), width="260px")
        self.again_button = self._big("builders.studio.again", "🔁", self._pressed(self.start_again), width="400px")
        # description= is each box's programmatic <label for=...>: a placeholder is no label (WCAG 1.3.1, 3.3.2)
        self.title = big_text(w.Text(value="", placeholder=message("builders.studio.title.placeholder", language),
                                     description=pair("builders.studio.title", language=language),
                                     continuous_update=False, layout=w.Layout(width="100%", max_width=WIDE, height="56px")))
        self.author = big_text(w.Text(value="", placeholder=message("builders.studio.author.placeholder", language),
                                      description=pair("builders.studio.author", language=language),
                                      continuous_update=False, layout=w.Layout(width="100%", max_width=WIDE, height="56px")))
        self.draw_button = self._big("builders.studio.draw", "🎨", self.draw, primary=True, height="72px",
                                     width="480px")
        self.picture_box = w.HTML()
        self.card_button = self._big("builders.studio.card", "💾", self.make_card, primary=True, width="480px")
        self.card_box = w.HTML()
        self.finish_box = w.VBox([
            self._label("builders.studio.title", "✏️"), self.title,
            self._text(html.escape(pair("builders.studio.title.help", language=language))),
            self._label("builders.studio.author", "🧒"), self.author,
            self._text(html.escape(pair("builders.studio.author.help", language=language))),
            self.draw_button, self._text(html.escape(pair("builders.studio.draw.help", language=language))),
            self.picture_box, self.card_button,
            self._text(html.escape(pair("builders.studio.card.help", language=language))), self.card_box,
        ], layout=w.Layout(grid_gap="6px"))
        self.area = self._area()
        heading_words = pair("builders.studio.heading", language=language)
        self.widget = w.VBox([
            w.HTML(BUILDER_STYLE + STUDIO_STYLE + f'<div style="font-size:32px;line-height:1.3;font-weight:800;color:#111827;margin:4px 0">'
                   f"🎨 {html.escape(heading_words)}</div>"),
            self.step_dots, self.sentence_box, self.read_button,
            self._text(html.escape(pair("builders.studio.read.help", language=language))), self.speaker,
            self.step_title, self.choice_box, self.page_row, self.choice_help, self.own_part, self.sketch_part,
            self.finish_box,
            *self.area.widgets,
            row(self.back_button, self.again_button),
            self._text(html.escape(pair("builders.studio.nav.help", language=language))),
        ], layout=w.Layout(padding="8px 12px", max_width="900px"))  # room for the focus ring
        for name in ("kit-playground", "kit-builder", "kit-studio"):
            self.widget.add_class(name)
        self.main_button = self.draw_button

    def _label(self, key: str, emoji: str) -> w.HTML:
        return w.HTML(f'<div style="font-size:24px;font-weight:700;color:#111827;margin:10px 0 2px">{emoji} '
                      f"{html.escape(pair(key, language=self.language))}</div>")

    # -- the steps ---------------------------------------------------------------------------------------
    @property
    def sentence(self) -> str:
        """The sentence the choices make so far, in the studio's language."""
        return sentence(self.chosen, self.language)

    @property
    def prompt(self) -> str:
        """What is sent to Wanxiang: the sentence, the feeling said once more, and no words in the picture.

        The child's feeling is theirs: a sad, angry or scared choice is drawn so, never turned into a "cheerful"
        picture. Safety is the negative prompt's job (``negative``) and the service's filter's, not the feeling's.
        """
        parts = [sentence(self.chosen, self.language)]
        if self.chosen.get("feeling"):
            feeling = words("feeling", self.chosen["feeling"], self.language)
            parts.append(message("builders.studio.prompt_feeling", self.language, feeling=feeling))
        parts.append(message("builders.studio.prompt_tail", self.language))
        return " ".join(parts)

    @property
    def negative(self) -> str:
        """What Wanxiang leaves out: blood, violence, nudity and words in the picture (never a feeling)."""
        return message("builders.studio.negative", "en")

    def choose(self, step: str, name: str) -> str:
        """Answer question ``step`` ("feeling", "who", "where", "doing", "colours", "style") with ``name``.

        Returns the sentence as it is now, and goes on to the next question (or to drawing, after the last).
        """
        if step not in STEPS:
            raise BadInput("choice", name="step", value=step, choices=", ".join(STEPS))
        if not known(step, name):
            raise BadInput("choice", name=step, value=name, choices=", ".join(each for each, _e in CHOICES[step]))
        return self._answer(step, name)

    def own_word(self, step: str, typed: str) -> str | None:
        """Answer question ``step`` with the child's own word (typed by the child or a helper), used as typed.

        Returns the sentence, or None (with a hint card) when the word is empty or too long.
        """
        if step not in STEPS:
            raise BadInput("choice", name="step", value=step, choices=", ".join(STEPS))
        typed = " ".join(str(typed or "").split())
        if not typed or len(typed) > OWN_MOST:
            self.area.message.value = self._note_card("builders.studio.own.long" if typed else
                                                      "builders.studio.own.empty", most=OWN_MOST)
            return None
        return self._answer(step, typed)

    def _use_own_word(self) -> None:
        if self.step < len(STEPS):
            self.own_word(STEPS[self.step], self.own_box.value)

    def open_sketchpad(self):
        """"✏️ Draw it": a Sketchpad under the question (one for the studio, saved in the work folder)."""
        if self.sketchpad is None:
            from ..sketchpad import Sketchpad

            self.sketchpad = Sketchpad(name="studio-drawing", language=self.language)
        self.sketch_slot.children = (self.sketchpad,)
        self._show()
        return self.sketchpad

    def use_drawing(self, step: str) -> str | None:
        """Answer question ``step`` with the child's drawing: the picture is then made from it (``sketch=``).

        Returns the sentence, or None (with a hint card) while the Sketchpad is blank."""
        if step not in STEPS:
            raise BadInput("choice", name="step", value=step, choices=", ".join(STEPS))
        drawn = self.sketchpad.picture if self.sketchpad is not None else None
        if drawn is None:
            self.area.message.value = self._note_card("builders.studio.sketch.empty")
            return None
        self.sketches[step] = drawn
        return self._answer(step, message("builders.studio.sketch.word", self.language))

    def _use_drawing(self) -> None:
        if self.step < len(STEPS):
            self.use_drawing(STEPS[self.step])

    @property
    def sketch(self) -> pictures.Picture | None:
        """The drawing the picture is made from: the last question still answered by drawing, if any."""
        word = message("builders.studio.sketch.word", self.language)
        drawn = [self.sketches[step] for step in STEPS if step in self.sketches and self.chosen.get(step) == word]
        return drawn[-1] if drawn else None

    def _answer(self, step: str, name: str) -> str:
        self.chosen[step] = name
        self.sketch_slot.children = ()   # the next question starts with its words; "Draw it" brings the pad back
        self.picture = self.card = None
        self.area.message.value = ""
        self._go(STEPS.index(step) + 1)
        return self.sentence

    def _go(self, step: int) -> None:
        """Show question ``step`` (or the last part, after the last question) on the page of its answer."""
        self.step = step
        if step < len(STEPS):
            self.page[STEPS[step]] = page_of(STEPS[step], self.chosen.get(STEPS[step]))
        self._show()

    def turn(self, pages: int) -> None:
        """Show the next (``1``) or the previous (``-1``) page of answers to this question."""
        if self.step < len(STEPS):
            step = STEPS[self.step]
            self.page[step] = min(max(self.page[step] + pages, 0), len(PAGES[step]) - 1)
            self._show()

    def back(self) -> None:
        """One question back (the answer stays, marked ✓, until another is chosen)."""
        self._go(max(0, self.step - 1))

    def start_again(self) -> None:
        """Forget every answer, the picture and the title: back to the first question."""
        self.chosen.clear()
        self.sketches.clear()
        self.picture = self.card = None
        self.title.value = self.author.value = self.own_box.value = ""
        self.speaker.outputs = ()
        self._go(0)

    def _pressed(self, handler):
        """A button's handler that then moves the focus to the answers now shown, when the press changed them.

        Only a press moves the focus: a lesson cell that calls ``.choose()`` must not pull the page away from the
        cell being run; and a press that changed nothing (an empty "my own word") leaves the focus where it is.
        """
        def press() -> None:
            before = (self.step, dict(self.page), dict(self.chosen))
            handler()
            if (self.step, self.page, self.chosen) != before:
                self._focus()

        return press

    def _focus(self) -> None:
        """Move the keyboard focus to the first answer of the question now shown (the title box after the last),
        so a keyboard or switch user needs no Tab to reach it; the browser scrolls it (and, by the answers'
        scroll margin, the question above it) into view.

        ipywidgets 8 sends the browser a focus message (``DOMWidget.focus``). Every page of answers is already in
        the page, only hidden, and the message follows the one that shows it, so the button is there to take the
        focus. ipywidgets 7 (old Colab) has no such message: there the child Tabs, as before.
        """
        target = self.shown_choices[0] if self.step < len(STEPS) else self.title
        if hasattr(target, "focus"):
            target.focus()

    # -- reading aloud, drawing, the card ----------------------------------------------------------------
    def speech(self) -> str:
        """What "🔊 Read aloud" says: the title (when there is one), then the sentence."""
        title = " ".join(self.title.value.split())
        said = self.sentence or message("builders.studio.empty", self.language)
        if not title:
            return said
        return f"{title}。{said}" if self.language == "zh-Hant" else f"{title}. {said}"

    def read_aloud(self) -> str:
        """Speak the title and the sentence: in a real voice (Qwen-TTS, ``kit.speak``) when the kit is online,
        and the card, once made, keeps it for its export; offline, or if the service cannot, the browser reads
        (HTML + script in an Output widget). Returns the HTML."""
        made = self._real_voice() or speech_html(self.speech(), self.language)
        self.speaker.outputs = ({"output_type": "display_data", "metadata": {},
                                 "data": {"text/html": made, "text/plain": self.speech()}},)
        return made

    def _real_voice(self) -> str | None:
        """The audio player of the words read by Qwen-TTS, or None offline (the browser's voice is lighter)."""
        if current().offline:
            return None
        language = "yue" if self.language == "zh-Hant" else "en"
        said = None
        with self._busy("builders.reading", self.area):    # a problem shows as its card; the browser still reads
            said = speak(self.speech(), language=language)
            if self.card is not None and self.sentence:
                self.card.narrate(language=language)
        if said is None:
            return None
        player = said._repr_html_().replace("<audio controls", "<audio controls autoplay", 1)
        return f'<div lang="{"zh-Hant" if language == "yue" else "en"}">{player}<p>{html.escape(self.speech())}</p></div>'

    def draw(self) -> pictures.Picture | None:
        """Draw the sentence with Wanxiang (``kit.draw``) and show the picture with the sentence under it."""
        if not self.chosen.get("who"):
            self.area.message.value = self._note_card("builders.studio.choose_first")
            return None
        with self._busy("builders.studio.drawing", self.area, self.draw_button, self.card_button):
            style = self.chosen.get("style")
            self.picture = pictures.draw(self.prompt, style=KIT_STYLE.get(style, style), size=self.size,
                                         negative=self.negative, sketch=self.sketch)
            self.card = None
        self._show()
        return self.picture

    def make_card(self, title: str | None = None, author: str | None = None) -> PictureCard | None:
        """Make the ``kit.PictureCard`` (picture, title, sentence), saved in the work folder, and show it."""
        if title is not None:
            self.title.value = title
        if author is not None:
            self.author.value = author
        if self.picture is None:
            self.area.message.value = self._note_card("builders.studio.draw_first")
            return None
        if not self.title.value.strip():
            self.area.message.value = self._note_card("builders.studio.title_first")
            return None
        with self._busy("builders.studio.making", self.area, self.card_button):
            self.card = PictureCard(self.picture, self.title.value, self.sentence, author=self.author.value,
                                    language=self.language, alt=self.sentence)
        self._show()
        return self.card

    def _note_card(self, key: str, **fields) -> str:
        return (f'<div class="kit-hint" role="status" style="{PLAIN};border:3px solid #1d4ed8;background:#eff6ff;'
                f'border-radius:14px;padding:10px 16px;font-size:22px">💡 '
                f"{html.escape(pair(key, language=self.language, **fields))}</div>")

    # -- showing -----------------------------------------------------------------------------------------
    def _show(self) -> None:
        language = self.language
        said = self.sentence
        self.sentence_box.value = (
            f'<div class="kit-sentence" lang="{"zh-Hant" if language == "zh-Hant" else "en"}" '
            f'style="{SENTENCE_STYLE}">{html.escape(said)}</div>' if said else
            f'<div class="kit-sentence" style="{SENTENCE_STYLE};color:#374151;font-weight:600">'
            f"✨ {html.escape(pair('builders.studio.empty', language=language))}</div>")
        total = len(STEPS)
        dots = " ".join("●" if index < self.step else ("◉" if index == self.step else "○") for index in range(total))
        where = (pair("builders.studio.step_of", language=language, n=self.step + 1, total=total)
                 if self.step < total else pair("builders.studio.last_step", language=language))
        self.step_dots.value = (f'<div style="font-size:22px;font-weight:700;color:#1e3a8a" aria-label="{html.escape(where)}">'
                                f'<span aria-hidden="true" style="letter-spacing:6px">{dots}</span> {html.escape(where)}'
                                f"</div>")
        self.back_button.disabled = self.step == 0
        shown = (STEPS[self.step], self.page[STEPS[self.step]]) if self.step < total else None
        for where_, page in self.pages.items():
            page.layout.display = None if where_ == shown else "none"
        if shown:
            step, number = shown
            pages = len(PAGES[step])
            question = html.escape(pair(f"builders.studio.{step}.question", language=language))
            page_words = (f'<div class="kit-page" style="font-size:19px;font-weight:600;color:#374151">'
                          f'{html.escape(pair("builders.studio.page_of", language=language, n=number + 1, total=pages))}'
                          f"</div>" if pages > 1 else "")
            self.step_title.value = (f'<div class="kit-question" style="font-size:28px;line-height:1.3;font-weight:800;color:#111827;margin:14px 0 4px">'
                                     f"{STEP_EMOJI[step]} {question}</div>{page_words}")
            self._mark_choices(step)
            self.previous_button.layout.display = None if number > 0 else "none"
            self.more_button.layout.display = None if number < pages - 1 else "none"
            self.own_box.value = "" if known(step, self.chosen.get(step)) else self.chosen.get(step, "")
            self.choice_box.layout.display = self.choice_help.layout.display = self.own_part.layout.display = None
            self.sketch_part.layout.display = None
            self.sketch_use.layout.display = None if self.sketch_slot.children else "none"
            self.page_row.layout.display = None if pages > 1 else "none"
            self.finish_box.layout.display = "none"
        else:
            self.step_title.value = (f'<div style="font-size:28px;line-height:1.3;font-weight:800;color:#111827;margin:14px 0 4px">'
                                     f"🎉 {html.escape(pair('builders.studio.ready', language=language))}</div>")
            for hidden in (self.choice_box, self.choice_help, self.own_part, self.sketch_part, self.page_row):
                hidden.layout.display = "none"
            self.finish_box.layout.display = None
        self.picture_box.layout.display = "none" if self.card is not None else None   # the card shows it
        if self.picture is not None:
            caption = html.escape(f"🖼 {said}")
            self.picture_box.value = (f'<figure style="margin:6px 0">{picture_html(self.picture, said, width=480, side=720)}'
                                      f'<figcaption style="{PLAIN};font-size:22px">{caption}</figcaption></figure>')
        else:
            self.picture_box.value = empty_picture_html(pair("builders.studio.no_picture", language=language),
                                                        width=480, height=160)
        self.card_button.disabled = self.picture is None
        if self.card is not None:
            from ..export.render import render_preview

            self.card_box.value = render_preview(self.card.export_data(small=True))
        else:
            self.card_box.value = ""

    @property
    def shown_choices(self) -> list[w.Button]:
        """The answer buttons on the screen now (one page of one question; none after the last question)."""
        if self.step >= len(STEPS):
            return []
        step = STEPS[self.step]
        return list(self.pages[step, self.page[step]].children)

    def _mark_choices(self, step: str) -> None:
        """The step's buttons, the chosen one marked with ✓ and colour (never colour alone)."""
        for (name, emoji), button in zip(CHOICES[step], self.choice_buttons[step]):
            chosen = self.chosen.get(step) == name
            words_shown = pair(f"builders.studio.{step}.{name}", language=self.language)
            button.description = f"{emoji} {words_shown}{' ✓' if chosen else ''}"
            button.button_style = "primary" if chosen else ""
