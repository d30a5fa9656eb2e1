"""``kit.StoryBuilder``, ``kit.NovelBuilder`` and ``kit.PictureStudio``, made on first use.

ipywidgets (and IPython with it) takes about a third of a second to import, so ``import kit`` must not pull it in:
a terminal, a test or ``storykit doctor`` never needs it. These small functions import the builders only when a
notebook makes one, and return the real object (``story_builder.StoryBuilder`` and so on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..story import Novel, Storybook
    from .novel_builder import NovelBuilder as _NovelBuilder
    from .story_builder import StoryBuilder as _StoryBuilder
    from .studio import PictureStudio as _PictureStudio


def StoryBuilder(book: Storybook, *, pages: int = 4, size="landscape", candidates: int = 3) -> _StoryBuilder:
    """A widget to make ``book`` step by step: idea → ✨ Qwen drafts ``pages`` pages → your own words → a
    character sheet and one style → 🖼 a picture prompt per page → 🎨 2–4 candidates → ✅ choose one;
    page tools (◀ ▶ ⬆ ⬇ ➕ 🗑 ↩), a live preview and the checklist. The book saves itself after every change,
    so running the cell again after a restart gives the same pages back.

    Drive it from code as a click would: ``.draft(idea)``, ``.write(words)``, ``.make_picture_prompt()``,
    ``.draw_candidates()``, ``.choose(i)``, ``.next_page()``, ``.previous_page()``, ``.go_to(i)``,
    ``.move_up()``, ``.move_down()``, ``.add_page()``, ``.delete_page()``, ``.undo()``, ``.use_as_cover()``.
    """
    from .story_builder import StoryBuilder as maker

    return maker(book, pages=pages, size=size, candidates=candidates)


def NovelBuilder(novel: Novel, *, size="landscape") -> _NovelBuilder:
    """A widget to write ``novel`` scene by scene: the scene list, id, title and words, choices that lead to
    other scenes, endings, ✨ a scene and its choices drafted by Qwen from the story so far, 🎨 a picture,
    🔍 the story checked in plain words, 🗺 its map, and ▶ play with big buttons, Back and Restart.

    From code: ``.select(id)``, ``.new_scene()``, ``.write(words)``, ``.set_choices({...})``,
    ``.add_choice_row()``, ``.draft_scene()``, ``.draw_picture()``, ``.check()``, ``.show_map()``, ``.play()``,
    ``.play_choose(choice)``, ``.delete_scene()``, ``.undo()``.
    """
    from .novel_builder import NovelBuilder as maker

    return maker(novel, size=size)


def PictureStudio(*, language: str | None = None, size="square") -> _PictureStudio:
    """A picture card in six big steps, one at a time (feeling, who, where, doing or needing, colours, style), for
    learners with special educational needs: the choices (or the child's own words) grow into one sentence shown
    large and read aloud (🔊, English or Cantonese), 🎨 Wanxiang draws it, and 💾 makes a ``kit.PictureCard``.

    From code: ``.choose("feeling", "happy")``, ``.own_word("who", "my big brother")``, ``.back()``,
    ``.start_again()``, ``.read_aloud()``, ``.draw()``,
    ``.make_card(title)``; ``.sentence`` and ``.prompt`` say what was chosen.
    """
    from .studio import PictureStudio as maker

    return maker(language=language, size=size)


__all__ = ["NovelBuilder", "PictureStudio", "StoryBuilder"]
