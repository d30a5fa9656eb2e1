"""A picture card: one picture, a title and one sentence, in big friendly type. The special-needs studio makes it.

    card = kit.PictureCard(kit.draw("a happy cat in the rain"), "My Cat", "My cat loves the rain.", author="Wing")
    card.save_png("my-card.png")        # a picture to print or send
    card.show()                         # and ``jupyter nbconvert --to picture_card`` makes the HTML file

Saved in the work folder after every change, like a Storybook.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import message
from ..story_bundle import CARD_MIME, header, produced
from . import appendix as provenance
from . import checklist as checks
from . import media
from .credits import Credits
from .narration import Narrated
from .store import Saved, check_title, fresh_state

MIME = CARD_MIME


class PictureCard(Narrated, Credits, Saved):
    """One expressive picture card, saved in ``<workdir>/books/<name>/card.json``."""

    kind = "card"
    mime = MIME

    def __init__(self, picture, title: str, sentence: str = "", author: str = "", language: str | None = None,
                 name: str | None = None, *, alt: str | None = None):
        title = check_title(title)
        meta = None
        loaded = self._open(name or title)
        if picture is not None:
            meta = self._take_picture(picture)
        if not loaded:
            self._state = fresh_state(self.kind, title=title, text="", author="", alt="", picture=None,
                                      language=language or "")
        with self._change() as state:
            state["title"] = title
            if sentence:
                provenance.set_text(state, sentence)
            for key, value in (("author", author), ("language", language), ("alt", alt)):
                if value:
                    state[key] = str(value).strip()
            if meta is not None:
                provenance.set_picture(state, meta)
        self._undo.clear()
        if not self.path.exists():
            self._save()

    @classmethod
    def load(cls, name: str, workdir=None) -> PictureCard:
        return cls._load(name, workdir)

    title = property(lambda self: self._state["title"],
                     lambda self, value: self._detail("title", value, required=True))
    author = property(lambda self: self._state.get("author", ""), lambda self, value: self._detail("author", value))
    alt = property(lambda self: self._state.get("alt", ""), lambda self, value: self._detail("alt", value),
                   doc="Words describing the picture; the sentence is used when there are none.")

    @property
    def sentence(self) -> str:
        """The one sentence under the picture (a ``kit.Reply`` may be given; it is remembered as AI words)."""
        return self._state.get("text", "")

    @sentence.setter
    def sentence(self, value) -> None:
        with self._change() as state:
            provenance.set_text(state, value)

    @property
    def picture(self):
        return self._picture(self._state.get("picture"))

    @picture.setter
    def picture(self, value) -> None:
        meta = self._take_picture(value)
        with self._change() as state:
            provenance.set_picture(state, meta)

    @property
    def language(self) -> str:
        return self._language()

    def _narrated_parts(self) -> list[tuple[str, dict, str]]:
        return [("card", self._state, self.sentence)]

    def _parts(self) -> list[tuple[dict, str, str]]:
        return [(self._state, message("story.card", "en"), message("story.card", "zh-Hant"))]

    def appendix(self) -> provenance.Appendix:
        return provenance.Appendix(provenance.build(self.workdir, self._parts()))

    def checklist(self) -> checks.Checklist:
        """Title, sentence, picture and alt text, and the AI note."""
        state = self._state
        has_picture = self._picture_file(state.get("picture")) is not None
        rows = [checks.row("presentation", "title", True, "title_ok", title=state["title"]),
                checks.row("presentation", "sentence", bool(self.sentence.strip()),
                           "card_sentence_ok" if self.sentence.strip() else "card_sentence_missing"),
                checks.row("presentation", "picture", has_picture,
                           "card_picture_ok" if has_picture else "card_picture_missing")]
        rows.append(checks.placeholder_row(checks.detail_texts(state) + [("the sentence", "句子", self.sentence)]))
        rows += checks.ai_rows(provenance.build(self.workdir, self._parts()))
        return checks.Checklist(rows, state["title"])

    def export_data(self, *, small: bool = False) -> dict:
        """Everything the card exporters need, as plain JSON."""
        state = self._state
        meta = state.get("picture")
        path = self._picture_file(meta)
        alt = state.get("alt") or self.sentence or state["title"]
        picture = None
        if meta:
            picture = {"missing": True, "alt": alt} if path is None else \
                {**media.encode(path, *(media.PREVIEW if small else media.EXPORT_STEPS[0])), "alt": alt}
        appendix = provenance.for_file(provenance.build(self.workdir, self._parts()), self.checklist(),
                                       self._credits())
        data = {**header(self.kind, state["title"]),
                "sentence": self.sentence, "author": self.author, "language": self.language, "picture": picture,
                "appendix": appendix, "offline": appendix["offline"]}
        narration = None if small else self.export_narration(state, self.sentence)
        if narration:
            data["narration"], data["narration_voice"] = narration, self.narration_voice
        return produced(provenance.clean(data))

    @property
    def file_name(self) -> str:
        """The one name the file to hand in has, from the making lesson to lesson 10: "<name>.card.html"."""
        return f"{self.name}.card.html"

    def save_png(self, path=None) -> Path:
        """Draw the card (picture, title, sentence, large type) into a PNG file with Pillow."""
        from ..export import write_story

        return write_story(self.export_data(), path or f"{self.name}.card.png")

    def export(self, path=None) -> Path:
        """Write the card as one HTML file (or a PNG when ``path`` ends in .png)."""
        return checks.export_with_note(self.export_data(), path or self.file_name)

    def __repr__(self) -> str:
        return f"PictureCard({self.title!r}, {self.sentence!r}, author={self.author!r})"
