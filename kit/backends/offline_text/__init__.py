"""The offline practice model: a tiny, deterministic stand-in for Qwen's text model.

Why it exists: many classrooms have no API key or no network, yet children still need to SEE a
model react to their words and settings. This is not a language model. It spots keywords in the
chat (animals, places, names, numbers, formats, a persona), then fills small sentence templates
from word tables, English and Traditional Chinese side by side.

What a lesson can rely on:
- Same messages + settings + seed -> the same text (a private ``random.Random`` seeded by sha256).
- temperature 0 always takes the most common choice, so the seed does not matter. Higher
  temperature picks rarer words; from 1.2 up, whimsical words join in. A small top_p keeps only
  the most common choices, exactly like nucleus sampling does.
- It follows length ("3 sentences", "under 50 words"), formats (lists, JSON, titles, outlines,
  choices, picture prompts), language (Hong Kong Traditional Chinese) and the system persona.
- A picture prompt keeps the character sheet and the page (in either order), the child's own places and
  named style, and takes its light from the page's time of day and weather.
- Worked examples with an open last item (few-shot) get that one item back, in the examples' shape.
- When it does not know something it says it is the offline practice model. It knows one kind, gender-neutral
  sentence about each of a dozen community jobs ("What does a nurse do?").
- The people, food, festivals, transport, places and things a child names (``world``) are kept in
  the child's own words, with what the prompt says they do ("a grandmother who taught her grandson to make dim
  sum"; a Chinese premise such as 「婆婆教孫仔整點心」 opens the story), and lists of ideas are about the topic asked.

The package reads in the order a reply is made: ``request`` (what the prompt asks), ``spotting`` and ``cast`` (who,
where, what), ``picker`` (temperature, top_p, seed), then one writer per kind of reply: ``formats``,
``picture_prompt``, ``fewshot``, ``edits``, ``prose``; ``writer`` holds ``compose_reply`` and the ordered table of
rules that picks one. ``words``, ``answers``, ``fewshot_words`` and ``world`` are data only.
"""

from .tokens import count_tokens
from .writer import OfflineText, compose_reply

__all__ = ["OfflineText", "compose_reply", "count_tokens"]
