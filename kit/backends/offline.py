"""The embedded default: a practice model that needs no key and no network, and says so.

Text comes from ``offline_text`` and pictures from ``offline_pictures``: both are deterministic for the
same prompt, parameters and seed, and react to the prompt's words so a lesson can show what changed.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable

from ..settings import OFFLINE_IMAGE_MODEL, OFFLINE_TEXT_MODEL
from .base import ImageJob, ImageRequest, SketchRequest, Sound, SpeechRequest, TextRequest, TextResult


class OfflineBackend:
    name = "offline"

    def __init__(self, stream_delay: float | None = None):
        # A short pause between streamed pieces lets a child watch the card fill in, as with the real model.
        if stream_delay is None:
            stream_delay = float(os.environ.get("KIT_OFFLINE_STREAM_DELAY", "0.02"))
        self.stream_delay = stream_delay
        self._sketches: dict[str, bytes] = {}

    def complete(self, request: TextRequest, on_text: Callable[[str], None] | None = None) -> TextResult:
        from .offline_text import compose_reply

        reply = compose_reply(request.as_messages(), temperature=request.temperature, top_p=request.top_p,
                              seed=request.seed, max_tokens=request.max_tokens)
        if on_text is not None:
            for piece in re.findall(r"\S+\s*|\s+", reply.text):
                on_text(piece)
                if self.stream_delay:
                    time.sleep(self.stream_delay)
        usage = {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens,
                 "total_tokens": reply.input_tokens + reply.output_tokens}
        return TextResult(reply.text, OFFLINE_TEXT_MODEL, reply.finish_reason, usage)

    def submit_image(self, request: ImageRequest) -> str:
        return f"offline-{request.key(self.name)}"

    def submit_sketch(self, request: SketchRequest, sketch: bytes) -> str:
        self._sketches[request.sketch_digest] = sketch  # image_status repaints it (the request names it)
        return f"offline-{request.key(self.name)}"

    def submit_edit(self, request, reference: bytes) -> str:
        return f"offline-{request.key(self.name)}"   # the painter needs only the reference's words (request.hero)

    def image_status(self, task_id: str, request: ImageRequest) -> ImageJob:
        from .offline_pictures import draw_picture, repaint_sketch

        if isinstance(request, SketchRequest):
            sketch = self._sketches.get(request.sketch_digest) or _read(request.sketch)
            picture = repaint_sketch(sketch, request.prompt, negative=request.negative, width=request.width,
                                     height=request.height, seed=request.seed, style=request.style)
        else:
            prompt = f"{request.hero}. {request.prompt}" if getattr(request, "hero", "") else request.prompt
            picture = draw_picture(prompt, negative=request.negative, width=request.width,
                                   height=request.height, seed=request.seed, style=request.style)
        notes = {"understood": list(picture.understood), "not_understood": list(picture.not_understood),
                 "left_out": list(picture.left_out), "description": picture.description,
                 "model": OFFLINE_IMAGE_MODEL}
        if getattr(request, "hero", ""):
            notes["reference"] = "offline: the painter drew the hero from the reference picture's own words"
        return ImageJob(task_id, "SUCCEEDED", data=picture.png, format="png", notes=notes)

    def look(self, request, image: bytes, hero: bytes | None = None) -> TextResult:
        """The offline reader: colours and places it measured, and what the offline painter drew (if it did)."""
        from .offline_vision import read_picture

        text = read_picture(image, painted=request.painted, question=request.question, language=request.language,
                            hero=hero, hero_painted=request.hero_painted)
        return TextResult(text, request.model, "stop", {})

    def speak(self, request: SpeechRequest) -> Sound:
        from .offline_voice import synthesize

        return Sound(synthesize(request.text, request.language), "wav", len(request.text))


def _read(path: str) -> bytes:
    from pathlib import Path

    return Path(path).read_bytes()
