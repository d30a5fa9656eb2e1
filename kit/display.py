"""How the kit shows things in a notebook: reply and picture cards, live streaming, progress, friendly errors.

Cards are plain HTML with inline styles, so they look the same in JupyterLab, a JupyterHub, Colab and an
nbconvert export, and need no extension. Every card from the offline backend carries the offline badge.
"""

from __future__ import annotations

import base64
import html
import io
import sys
import time

from .i18n import both, current_language, t

CARD_STYLE = ("border:1px solid #cbd5e1;border-radius:14px;padding:12px 16px;margin:6px 0;max-width:760px;"
              "background:#ffffff;color:#1f2937;font-size:16px;line-height:1.6;"
              "font-family:system-ui,'Noto Sans CJK TC','Noto Sans',sans-serif")
BADGE_STYLE = ("display:inline-block;border-radius:999px;padding:1px 10px;margin-left:6px;font-size:13px;"
               "font-weight:600;")


SECOND_LANGUAGE_STYLE = "color:#475569;font-size:0.92em"


def reading_order(en: str, zh: str) -> list[tuple[str, str]]:
    """(language, text) pairs, the chosen language first: a pupil reading Chinese should not read English first."""
    pairs = [("en", en), ("zh-Hant", zh)]
    return pairs[::-1] if current_language() == "zh-Hant" else pairs


def two_languages(en: str, zh: str) -> str:
    """A card's words in both languages, as HTML: the chosen language first, the other quieter below it."""
    (first_lang, first), (second_lang, second) = reading_order(en, zh)
    return (f'<div lang="{first_lang}">{html.escape(first)}</div>'
            f'<div lang="{second_lang}" style="{SECOND_LANGUAGE_STYLE}">{html.escape(second)}</div>')


def title_in_both(en: str, zh: str, sep: str = " · ") -> str:
    """A card title in both languages, the chosen one first (plain text)."""
    return sep.join(text for _lang, text in reading_order(en, zh))


def in_notebook() -> bool:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    return shell is not None and hasattr(shell, "kernel")


def badges(backend: str, *, reused: bool = False, replayed: bool = False) -> str:
    out = []
    if backend == "offline":
        out.append(f'<span class="kit-badge kit-offline" style="{BADGE_STYLE}background:#fde68a;color:#78350f">'
                   f'🔌 {html.escape(both("offline.badge"))}</span>')
    if replayed:
        out.append(f'<span class="kit-badge" style="{BADGE_STYLE}background:#e0e7ff;color:#3730a3">'
                   f'⏯ {html.escape(t("card.replayed"))}</span>')
    if reused:
        out.append(f'<span class="kit-badge" style="{BADGE_STYLE}background:#dcfce7;color:#166534">'
                   f'♻ {html.escape(t("card.reused"))}</span>')
    return "".join(out)


def text_card(text: str, *, model: str, backend: str, prompt: str = "", reused: bool = False,
              replayed: bool = False, finish_reason: str = "stop", writing: bool = False,
              seed: int | None = None) -> str:
    body = html.escape(text).replace("\n", "<br>")
    if writing:
        body += f' <span style="color:#64748b">✍️ {html.escape(t("card.writing"))}</span>'
    if finish_reason == "length":
        body += f'<div style="color:#b45309;font-size:14px">{html.escape(t("card.stopped_long"))}</div>'
    seed_note = f" · {html.escape(t('card.seed'))} {seed}" if seed is not None else ""
    asked = (f'<div style="color:#475569;font-size:14px;margin-bottom:6px">🧒 {html.escape(prompt)}</div>'
             if prompt else "")
    return (f'<div class="kit-card kit-reply" style="{CARD_STYLE}">'
            f'<div style="font-size:13px;color:#475569;margin-bottom:4px">💬 {html.escape(t("card.reply"))} · '
            f'{html.escape(model)}{seed_note}{badges(backend, reused=reused, replayed=replayed)}</div>'
            f'{asked}<div class="kit-reply-text">{body}</div></div>')


def thumbnail(data: bytes, max_side: int = 512) -> tuple[str, bytes]:
    """A small copy for the notebook, so twenty pictures do not make a notebook too big to open."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail((max_side, max_side))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=85, optimize=True)
    return "image/jpeg", out.getvalue()


def picture_card(picture) -> str:
    mime, small = thumbnail(picture.data)
    src = f"data:{mime};base64,{base64.b64encode(small).decode('ascii')}"
    alt = html.escape(picture.prompt[:200])
    notes = picture.notes or {}
    lines = []
    for key, label in (("understood", "card.understood"), ("not_understood", "card.not_understood"),
                       ("left_out", "card.left_out"), ("cut", "card.cut")):
        words = notes.get(key) or []
        words = [words] if isinstance(words, str) else words
        if words:
            lines.append(f"<div><b>{html.escape(t(label))}:</b> {html.escape(', '.join(words))}</div>")
    if picture.actual_prompt and picture.actual_prompt != picture.prompt:
        lines.append(f"<div><b>{html.escape(t('card.actual_prompt'))}:</b> {html.escape(picture.actual_prompt)}</div>")
    seed = f" · {html.escape(t('card.seed'))} {picture.seed}" if picture.seed is not None else ""
    return (f'<div class="kit-card kit-picture" style="{CARD_STYLE}">'
            f'<div style="font-size:13px;color:#475569;margin-bottom:4px">🖼 {html.escape(t("card.picture"))} · '
            f'{html.escape(picture.model)} · {picture.width}×{picture.height}{seed}'
            f'{badges(picture.backend, reused=picture.reused, replayed=picture.replayed)}</div>'
            f'<img src="{src}" alt="{alt}" style="max-width:100%;width:420px;border-radius:10px;display:block">'
            f'<div style="color:#475569;font-size:14px;margin-top:6px">🧒 {html.escape(picture.prompt)}</div>'
            f'<div style="font-size:14px">{"".join(lines)}</div></div>')


class LiveCard:
    """A reply card that fills in as the text streams, in a notebook or a terminal."""

    def __init__(self, **card):
        self.card = card
        self.text = ""
        self.last = 0.0
        self.handle = None
        if in_notebook():
            from IPython.display import HTML, display

            self.handle = display(HTML(text_card("", writing=True, **card)), display_id=True)

    def add(self, piece: str) -> None:
        self.text += piece
        if self.handle is None:
            sys.stdout.write(piece)
            sys.stdout.flush()
        elif time.monotonic() - self.last > 0.08:
            self._update(writing=True)

    def finish(self, **final) -> None:
        if self.handle is None:
            sys.stdout.write("\n")
            return
        self.card.update(final)
        self._update(writing=False)

    def _update(self, writing: bool) -> None:
        from IPython.display import HTML

        self.last = time.monotonic()
        self.handle.update(HTML(text_card(self.text, writing=writing, **self.card)))


class Progress:
    """A progress bar for long work: a widget in a notebook, a line of text in a terminal."""

    def __init__(self, total: int, label_key: str = "progress.drawing", show: bool = True):
        self.total = total
        self.done = 0
        self.label_key = label_key
        self.bar = None
        self.label = None
        self.show = show
        if not show:
            return
        if in_notebook():
            import ipywidgets as widgets
            from IPython.display import display

            self.bar = widgets.IntProgress(value=0, min=0, max=max(total, 1),
                                           layout=widgets.Layout(width="320px", height="28px"))
            self.label = widgets.Label(t(label_key, done=0, total=total))
            display(widgets.HBox([self.bar, self.label]))
        else:
            self.label = None
            self._print()

    def note(self, text: str) -> None:
        """Say why the bar is not moving (waiting for a free picture slot): shown even when the bar is hidden."""
        if self.label is None and in_notebook():
            import ipywidgets as widgets
            from IPython.display import display

            self.label = widgets.Label(text)
            display(self.label)
        elif self.label is not None:
            self.label.value = text
        else:
            sys.stderr.write(f"\r{text}   ")
            sys.stderr.flush()

    def step(self) -> None:
        self.done += 1
        if self.bar is None and self.label is not None:  # a note on a hidden bar: the wait is over
            self.label.value = ""
        if self.bar is not None:
            self.bar.value = self.done
            self.label.value = (t("progress.done", total=self.total) if self.done >= self.total
                                else t(self.label_key, done=self.done + 1, total=self.total))
        elif self.show and self.total > 1:
            self._print()

    def _print(self) -> None:
        if self.total > 1:
            filled = int(20 * self.done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total}")
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def install_error_display() -> None:
    """In IPython, show a KitError as its kind, bilingual card instead of a traceback."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None or getattr(shell, "_kit_error_display", False):
        return
    from .errors import KitError

    def handler(shell, etype, value, tb, tb_offset=None):
        from IPython.display import HTML, display

        from .settings import current

        if current().show_tracebacks:
            return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        display(HTML(value._repr_html_()))
        return [f"{type(value).__name__}: {value.zh if current_language() == 'zh-Hant' else value.en}"]

    shell.set_custom_exc((KitError,), handler)
    shell._kit_error_display = True
