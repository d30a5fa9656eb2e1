"""The small interface every backend speaks, so the public API never cares which one answers.

A backend turns a ``TextRequest`` into a ``TextResult`` and an ``ImageRequest`` into a job it can be asked
about. It raises only ``KitError`` subclasses. It knows nothing of widgets, journals or notebooks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class TextRequest:
    model: str
    messages: tuple[tuple[str, str], ...]          # (role, content) pairs, system first when given
    temperature: float | None = None
    top_p: float | None = None
    seed: int | None = None
    max_tokens: int | None = None

    def as_messages(self) -> list[dict]:
        return [{"role": role, "content": content} for role, content in self.messages]

    def key(self, backend: str) -> str:
        return request_key("text", backend, asdict(self))


@dataclass
class TextResult:
    text: str
    model: str
    finish_reason: str = "stop"
    usage: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImageRequest:
    model: str
    prompt: str
    negative: str | None = None
    style: str | None = None
    width: int = 1024
    height: int = 1024
    seed: int | None = None
    prompt_extend: bool | None = None              # None: the service's default (it rewrites the prompt)

    @property
    def size(self) -> str:
        return f"{self.width}*{self.height}"

    def key(self, backend: str) -> str:
        fields = asdict(self)
        if fields["prompt_extend"] is None:  # keys made before the switch existed still find their pictures
            del fields["prompt_extend"]
        return request_key("image", backend, fields)


@dataclass(frozen=True)
class SketchRequest(ImageRequest):
    """A picture made from the child's own drawing: the image-editing model keeps its layout and main shapes.
    The drawing lives in the work folder (``sketch``, a path); ``sketch_digest`` names it in the key."""

    sketch: str = ""
    sketch_digest: str = ""

    def key(self, backend: str) -> str:
        fields = asdict(self)
        del fields["sketch"]  # the same drawing is the same request wherever the work folder is
        return request_key("sketch", backend, fields)


@dataclass(frozen=True)
class EditRequest(ImageRequest):
    """A picture made with a reference picture (the book's hero): the same character on every page."""

    reference: str = ""                            # the reference picture's file, inside the work folder
    hero: str = ""                                 # the reference's own words: the offline painter draws from them

    def key(self, backend: str) -> str:
        return request_key("image-edit", backend, asdict(self))


@dataclass
class ImageJob:
    """Where an image job stands. ``data`` is filled once the picture is downloaded."""

    task_id: str
    status: str                                   # PENDING, RUNNING, SUCCEEDED, FAILED
    data: bytes | None = None
    format: str = "png"
    actual_prompt: str | None = None
    notes: dict = field(default_factory=dict)     # offline: understood / not_understood / left_out / description

    @property
    def finished(self) -> bool:
        return self.status in ("SUCCEEDED", "FAILED")


@dataclass(frozen=True)
class SpeechRequest:
    model: str
    text: str
    voice: str
    language: str                                  # yue, zh or en (kit.models.SPEECH_VOICES)

    def key(self, backend: str) -> str:
        return request_key("speech", backend, asdict(self))


@dataclass
class Sound:
    """Audio a backend made: WAV bytes, downloaded already (the service's link expires)."""

    data: bytes
    format: str = "wav"
    characters: int = 0                           # what the service counted (and bills)


class Backend(Protocol):
    name: str

    def complete(self, request: TextRequest, on_text: Callable[[str], None] | None = None) -> TextResult:
        """Answer a chat. With ``on_text``, stream: call it with each new piece of text as it arrives."""

    def submit_image(self, request: ImageRequest) -> str:
        """Start an image job and return its task id at once (the journal saves it before any waiting)."""

    def image_status(self, task_id: str, request: ImageRequest) -> ImageJob:
        """Ask once how the job is going; download the picture when it has succeeded."""

    def submit_sketch(self, request: SketchRequest, sketch: bytes) -> str:
        """Start a job that turns the child's drawing (PNG bytes) into a finished picture; its task id at once.
        ``image_status`` follows it like any picture job."""

    def speak(self, request: SpeechRequest) -> Sound:
        """Read one piece of text aloud (within the per-request limit) and return the audio downloaded."""


def request_key(kind: str, backend: str, fields: dict) -> str:
    """A stable fingerprint of a request, so the same request can find its saved result."""
    canonical = json.dumps({"kind": kind, "backend": backend, **fields}, sort_keys=True, ensure_ascii=False,
                           default=list)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]
