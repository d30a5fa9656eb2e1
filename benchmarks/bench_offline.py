"""Figure 4: the offline backend, as a child meets it. ``kit.ask`` and ``kit.draw(size="square")`` on the offline
backend, against the offline engines alone (``compose_reply`` and ``draw_picture``, same prompts and sizes).

The kit's time includes everything a notebook cell pays: checking the input, the journal entry before and after,
saving the picture file and reading its size back. The ratio shows what that costs on top of the engine.
"""

from __future__ import annotations

import tempfile

from benchlib import interleaved, row

FIGURE = 4
TITLE = "The offline backend"
GOAL_REPLY_MS = 50
GOAL_PICTURE_MS = 300
PROMPTS = [
    "Write the first page of a story about a brave little dragon who lives in Hong Kong.",
    "寫一個關於小貓在維多利亞港看煙花的故事開頭。",
    "Give me three names for a friendly robot who works in a dim sum restaurant.",
    "Make this sentence more exciting: The boy walked to school.",
    "用三句說明為甚麼要保護海洋。",
    "Write a short poem about the Peak Tram, for a seven-year-old.",
    "What could happen next? The cat found a golden key under the tram seat.",
]
PICTURE_PROMPTS = [
    "a little red dragon flying over Victoria Harbour at sunset",
    "一隻灰色的小貓坐在電車上",
    "a robot serving dim sum in a busy restaurant, cartoon",
    "a girl and a dolphin swimming near Lantau island",
    "a lantern festival at night with many red lanterns",
    "a tall mountain with a temple and clouds",
    "a bakery window full of egg tarts",
]


def measure(quick: bool) -> list[dict]:
    import kit
    from kit.backends.offline_pictures import draw_picture
    from kit.backends.offline_text import compose_reply

    runs = 5 if quick else 21
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as workdir:
        kit.setup("offline", workdir=workdir, quiet=True)

        def ask(i: int) -> None:
            assert kit.ask(PROMPTS[i % len(PROMPTS)]).text

        def engine_reply(i: int) -> None:
            # what kit.ask gives the engine: the messages, no dials, a fresh seed
            assert compose_reply([{"role": "user", "content": PROMPTS[i % len(PROMPTS)]}], temperature=None,
                                 top_p=None, seed=1000 + i, max_tokens=None).text

        def draw(i: int) -> None:
            assert kit.draw(PICTURE_PROMPTS[i % len(PICTURE_PROMPTS)], size="square").data

        def engine_picture(i: int) -> None:
            assert draw_picture(PICTURE_PROMPTS[i % len(PICTURE_PROMPTS)], width=1024, height=1024,
                                seed=1000 + i).png

        ask_times, reply_times = interleaved(ask, engine_reply, runs, warmup=2)
        draw_times, picture_times = interleaved(draw, engine_picture, runs, warmup=1)

    reply = row(FIGURE, "4a", "Offline reply: `kit.ask` vs the text engine alone", unit="ms", scale=1000,
                kit=ask_times, base=reply_times, kit_label="kit.ask", base_label="compose_reply",
                goal=f"median < {GOAL_REPLY_MS} ms", extra={"runs": runs})
    reply["met"] = reply["kit_median"] * 1000 < GOAL_REPLY_MS
    reply["meaning"] = (f"An offline answer appears in {reply['kit_median'] * 1000:.0f} ms: instant for a child, "
                        f"so a lesson never waits on the practice model.")
    picture = row(FIGURE, "4b", "Offline 1024 px picture: `kit.draw` vs the picture engine alone", unit="ms",
                  scale=1000, kit=draw_times, base=picture_times, kit_label="kit.draw", base_label="draw_picture",
                  digits=0, goal=f"median < {GOAL_PICTURE_MS} ms", extra={"runs": runs})
    picture["met"] = picture["kit_median"] * 1000 < GOAL_PICTURE_MS
    picture["meaning"] = (f"A practice picture takes {picture['kit_median'] * 1000:.0f} ms, so a 20-page book's "
                          f"pictures take about {picture['kit_median'] * 20:.0f} s offline, on one core.")
    return [reply, picture]
