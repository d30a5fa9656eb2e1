"""Speech (Qwen-TTS) through the gateway: the same token, model list, quota, log and key rules as text.

Qwen-TTS shares the multimodal route with vision; a body whose model is a speech model comes here. The share
is counted in characters as the service bills them (each Chinese character twice), reserved at admission and
given back when the service did not read the text. The audio the service links expires and is fetched with no
key, so the gateway downloads it once and answers with its own unguessable link (as for finished pictures).
"""

from __future__ import annotations

import json
import time
import uuid

import requests

from .protocol import MULTIMODAL, ApiError, missing_input, missing_model
from .safety import safety_flag
from .upstream import unreachable

MAX_AUDIO_BYTES = 32 * 1024 * 1024
SPEECH_PREFIXES = ("qwen3-tts", "qwen-tts")


def is_speech(body) -> bool:
    """Whether a multimodal-route body asks for speech (a Qwen-TTS model) rather than vision."""
    return isinstance(body, dict) and isinstance(body.get("model"), str) and body["model"].startswith(SPEECH_PREFIXES)


def characters(text: str) -> int:
    """Characters as the service counts them: each Chinese character counts two."""
    return len(text) + sum(1 for c in text if "\u3400" <= c <= "\u9fff")


def read_text(body) -> tuple[str, str]:
    """The model and the words to read, or the service's own 400."""
    model = body.get("model")
    if not isinstance(model, str) or not model.strip():
        raise missing_model()
    inp = body.get("input")
    text = inp.get("text") if isinstance(inp, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise missing_input()
    return model, text


def audio_type(data: bytes) -> tuple[str, str]:
    if data[:4] == b"RIFF":
        return "wav", "audio/wav"
    if data[:3] == b"ID3" or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3", "audio/mpeg"
    return "wav", "audio/wav"


class SpeechForwarder:
    def __init__(self, gateway):
        self.gateway = gateway

    def handle(self, reply, student, raw: bytes, body, headers: dict, base_url: str) -> None:
        gw = self.gateway
        model, text = read_text(body)
        count = characters(text)
        entry = {"student": student, "kind": "speech", "model": model, "prompt": gw.upstream.scrub(text)}
        started = time.monotonic()
        try:
            gw.quotas.check_model(student.class_name, model)
            gw.blocklist.check([text])
            gw.quotas.admit(student, characters=count)
        except ApiError as refusal:
            gw.store.log(**entry, status=refusal.status, code=refusal.code, flag=refusal.flag)
            raise

        def failed(error: ApiError, **logged) -> ApiError:
            gw.quotas.give_back_request(student, characters=count)   # not read: not counted
            gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started), **logged)
            return error

        try:
            with gw.upstream.post_text(raw, client_headers=headers, timeout=gw.config.text_timeout,
                                       wait=gw.config.text_busy_wait, path=MULTIMODAL) as answer:
                data = answer.content
        except requests.RequestException as problem:
            raise failed(unreachable(problem)) from None
        if answer.status_code != 200:
            error = gw.upstream.error_from(answer, data)
            raise failed(error, flag=safety_flag(error.code), reply=error.message)
        try:
            parsed = json.loads(data.decode("utf-8"))
            audio = parsed["output"]["audio"]
            url = audio["url"]
        except (UnicodeDecodeError, ValueError, KeyError, TypeError):
            raise failed(ApiError(502, "BadGateway", "The service's answer held no audio.")) from None
        try:
            sound = gw.upstream.download(url, MAX_AUDIO_BYTES)
        except (OSError, requests.RequestException):
            raise failed(ApiError(502, "Gateway.DownloadFailed",
                                  "The gateway could not fetch the audio from the service. Try again.")) from None
        file_id = str(uuid.uuid4())
        ext, content_type = audio_type(sound)
        relative = f"files/{file_id}/0.{ext}"
        path = gw.store.data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sound)
        gw.store.add_file(file_id, 0, relative, content_type)
        audio["url"] = gw.images.file_url(base_url, file_id, 0, ext)
        gw.store.log(**entry, status=200, reply=f"{count} characters read aloud", ms=_ms(started))
        reply.send_bytes(200, "application/json",
                         gw.upstream.scrub_bytes(json.dumps(parsed, ensure_ascii=False).encode("utf-8")))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
