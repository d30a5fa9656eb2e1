"""The page maker: lesson 5's "same character, every page" without a ``for`` loop or a string ``+``.

Primary pupils fill in boxes instead: the character sheet, the words of each page, one style and one seed. One
button asks Qwen for each page's picture prompt (the very request the code path builds with ``+``) and shows the
prompts to read and change; another draws every page with the style and seed locked. ``.pages`` is the list of
pictures that ``kit.check("5.3", ...)`` reads, and ``.requests`` the requests ``kit.check("5.2", ...)`` reads, so
both paths lead to the same result and the same checks. Secondary pupils keep the code path.
"""

from __future__ import annotations

import ipywidgets as w

from .. import pictures, text
from ..i18n import t
from .base import Playground, big_text, button, heading, note, row, screen_reader_label
from .playgrounds import PicturePlayground, _style_label

PAGES = 3
PROMPT_SEED = 10       # the seed the lesson's code path gives kit.ask (prompt_seed= to match another one)


def _box(value: str, label: str, rows: int = 2) -> w.Textarea:
    box = w.Textarea(value=value, rows=rows, layout=w.Layout(width="100%", max_width="760px"))
    screen_reader_label(box, label)
    return big_text(box)  # type: ignore[return-value]


class PagesPlayground(Playground):
    """Character sheet, pages, one style and one seed: Qwen writes the picture prompts, Wanxiang draws the book."""

    kind = "pages"

    def __init__(self, *, hero: str = "", pages=("", "", ""), style: str = "watercolour", seed: int = 11,
                 prompt_seed: int = PROMPT_SEED, run: bool = False) -> None:
        super().__init__()
        self.prompt_seed = int(prompt_seed)
        words = [str(page) for page in list(pages)[:PAGES]]
        words += [""] * (PAGES - len(words))
        self.hero = _box(hero, t("pages.hero"))
        self.page_boxes = [_box(page, t("pages.page", number=n)) for n, page in enumerate(words, 1)]
        self.prompt_boxes = [_box("", t("pages.prompt", number=n), rows=3) for n in range(1, PAGES + 1)]
        self.style = big_text(w.Dropdown(options=[(_style_label(name), name) for name in pictures.STYLES],
                                         value=pictures.parse_style(style) or pictures.STYLES[0],
                                         description=f"🖌️ {t('widgets.picture.style')}"))
        self.seed = big_text(w.IntText(value=int(seed), description=f"🎲 {t('widgets.seed')}",
                                       layout=w.Layout(width="220px")))
        self.write_button = button("pages.write", "✍️", self.write_prompts)
        self.draw_button = button("pages.draw", "🎨", self._main, primary=True)
        self.main_button = self.draw_button
        self.pages: list[pictures.Picture] = []
        self.gallery = w.HTML(note(t("pages.empty")))
        controls = [heading(f"🦸 {t('pages.hero')}", size="16px"), self.hero]
        for n, (page, prompt) in enumerate(zip(self.page_boxes, self.prompt_boxes, strict=True), 1):
            controls += [heading(f"📄 {t('pages.page', number=n)}", size="16px"), page,
                         w.HTML(note(f"🖼️ {t('pages.prompt', number=n)}")), prompt]
        controls += [row(self.style, self.seed), row(self.write_button, self.draw_button)]
        self._finish("pages.title", controls, [self.gallery])
        if run:
            self.run()

    def _request(self, page: str) -> str:
        """What the page maker asks Qwen for one page: the page's words and the character sheet, joined."""
        return t("pages.request", page=page.strip(), hero=self.hero.value.strip())

    @property
    def requests(self) -> list[str]:
        return [self._request(box.value) for box in self.page_boxes if box.value.strip()]

    def write_prompts(self) -> None:
        """Qwen writes a picture prompt for every page; the child reads it, and may change it, before drawing."""
        with self._working("pages.writing", self.write_button, self.draw_button):
            for page, prompt in zip(self.page_boxes, self.prompt_boxes, strict=True):
                if page.value.strip():
                    prompt.value = text.ask(self._request(page.value), seed=self.prompt_seed).text

    def _main(self) -> None:
        if not any(box.value.strip() for box in self.prompt_boxes):
            self.write_prompts()
        with self._working("widgets.picture.busy", self.write_button, self.draw_button):
            self.pages = [pictures.draw(box.value, style=self.style.value, seed=self.seed.value, size="small")
                          for box in self.prompt_boxes if box.value.strip()]
            self.gallery.value = ('<div class="kit-gallery" style="display:flex;flex-wrap:wrap;gap:10px;'
                                  'align-items:flex-start">'
                                  + "".join(PicturePlayground._picture_html(page) for page in self.pages) + "</div>")
