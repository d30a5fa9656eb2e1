"""Reading aloud: ``speak(text)`` gives a ``Speech`` (WAV audio, its sentences timed), through ``calls.run``.

Text is cut at sentence ends, one request per sentence (a sentence longer than the service reads at once is cut
again at commas, then anywhere): each piece is journaled by itself, so a story changed in one sentence pays for
that sentence only, and the clips' lengths give the read-along timing of every sentence. Qwen-TTS answers with
a link that expires, so the audio is downloaded at once and saved in the work folder (``sounds/``).
Offline, eSpeak NG reads (``backends.offline_voice``), labelled offline.
"""

from __future__ import annotations

import base64
import html
import io
import re
import wave
from array import array
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import calls, models
from .backends.base import SpeechRequest, request_key
from .errors import BadInput
from .settings import current

OFFLINE_SPEECH_MODEL = "offline-espeak-ng"
_SENTENCE_END = re.compile(r"(?<=[。！？!?…；;])\s*|(?<=[.])\s+|\n+")
_COMMA = re.compile(r"(?<=[，,、：:])\s*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def weight(text: str) -> int:
    """Characters as the service counts them: each Chinese character twice."""
    return len(text) + len(_CJK.findall(text))


def _cut(text: str, pattern: re.Pattern) -> list[str]:
    return [p.strip() for p in pattern.split(text) if p and p.strip()]


def _pack(parts: list[str], limit: int) -> list[str]:
    """Neighbouring pieces of one long sentence joined while they fit one request (fewer, fuller requests)."""
    packed: list[str] = []
    for part in parts:
        if packed and weight(packed[-1] + part) <= limit:
            packed[-1] += part
        else:
            packed.append(part)
    return packed


def sentences(text: str, limit: int = models.SPEECH_LIMIT) -> list[str]:
    """The text cut at sentence ends, every piece within ``limit`` (commas next, then a hard cut)."""
    out: list[str] = []
    for sentence in _cut(text, _SENTENCE_END):
        parts = [sentence] if weight(sentence) <= limit else _pack(_cut(sentence, _COMMA), limit)
        for part in parts:
            while weight(part) > limit:
                size = limit
                while weight(part[:size]) > limit:
                    size -= 1
                out.append(part[:size])
                part = part[size:]
            if part.strip():
                out.append(part)
    return out


def guess_language(text: str) -> str:
    """Chinese characters: Cantonese (a Hong Kong classroom); otherwise English."""
    return "yue" if _CJK.search(text or "") else "en"


def choose_voice(voice: str | None, language: str | None, text: str = "") -> tuple[str, str]:
    """(voice, language) checked against the catalogue; a kind bilingual error names the choices."""
    language = (language or guess_language(text)).strip().lower()
    language = {"cantonese": "yue", "mandarin": "zh", "english": "en", "zh-hk": "yue", "zh-hant": "yue",
                "粵語": "yue", "廣東話": "yue", "普通話": "zh", "英語": "en", "英文": "en"}.get(language, language)
    if language not in models.SPEECH_VOICES:
        raise BadInput("language", lang=language)
    voices = models.SPEECH_VOICES[language]
    if voice is None:
        return voices[0], language
    match = {v.lower(): v for v in voices}.get(str(voice).strip().lower())
    if match is None:
        raise BadInput("voice", voice=voice, lang=language, choices=", ".join(voices))
    return match, language


# ---- WAV helpers (standard library only) -----------------------------------------------------------

def wav_info(data: bytes) -> tuple[int, int, int, bytes]:
    """(channels, sample width, rate, frames) of WAV bytes."""
    with wave.open(io.BytesIO(data)) as wav:
        return wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.readframes(wav.getnframes())


def make_wav(frames: bytes, rate: int, width: int = 2, channels: int = 1) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return out.getvalue()


def to_mono16(data: bytes, rate: int) -> bytes:
    """16-bit mono PCM frames at ``rate`` (nearest sample: speech stays clear, the file shrinks)."""
    channels, width, source_rate, frames = wav_info(data)
    if width != 2:
        raise ValueError("only 16-bit WAV")
    samples = array("h", frames)[::channels]
    if source_rate == rate:
        return samples.tobytes()
    count = len(samples) * rate // source_rate
    return array("h", (samples[i * source_rate // rate] for i in range(count))).tobytes()


def join_clips(clips: list[bytes], rate: int) -> tuple[bytes, list[tuple[float, float]]]:
    """One WAV of the clips in order, with each clip's (start, end) in seconds."""
    frames, spans, at = [], [], 0
    for clip in clips:
        pcm = to_mono16(clip, rate)
        frames.append(pcm)
        count = len(pcm) // 2
        spans.append((at / rate, (at + count) / rate))
        at += count
    return make_wav(b"".join(frames), rate), spans


# ---- the answer -----------------------------------------------------------------------------------

@dataclass
class Speech:
    """Words read aloud: ``data`` (WAV bytes), ``format``, ``duration`` in seconds, each sentence's timing."""

    data: bytes = field(repr=False)
    voice: str = ""
    language: str = "en"
    offline: bool = False
    sentences: list[dict] = field(default_factory=list)   # {"text", "start", "end"} in seconds
    characters: int = 0                                   # as the service counts (and bills) them
    format: str = "wav"

    @property
    def duration(self) -> float:
        _channels, width, rate, frames = wav_info(self.data)
        return round(len(frames) / (width * _channels * rate), 3)

    @property
    def mime(self) -> str:
        return f"audio/{self.format}"

    def save(self, path) -> Path:
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(f".{self.format}")
        path.write_bytes(self.data)
        return path

    def narration(self) -> dict:
        """The export bundle's shape (the storybook and the EPUB read it)."""
        return {"voice": self.voice, "language": self.language, "offline": self.offline,
                "audio": {"mime": self.mime, "data": base64.b64encode(self.data).decode("ascii")},
                "sentences": [dict(s) for s in self.sentences]}

    def _repr_html_(self) -> str:
        label = "offline voice / 離線聲音" if self.offline else f"{self.voice} (Qwen-TTS)"
        encoded = base64.b64encode(self.data).decode("ascii")
        return (f'<div class="kit-speech"><audio controls src="data:{self.mime};base64,{encoded}"></audio>'
                f'<div style="font-size:14px;color:#4b5563">🔊 {html.escape(label)} · {self.duration:.1f} s</div>'
                "</div>")


# ---- one piece through the one call pipeline --------------------------------------------------------

class SpeechCall(calls.Call):
    """One sentence read aloud: journaled, reused when asked again, never paid twice."""

    kind = "speech"

    def __init__(self, request: SpeechRequest, backend: str):
        self.request, self.model = request, request.model
        self.key = request.key(backend)
        self.loose = request_key("speech-loose", "", {"text": request.text, "language": request.language})
        self.reuse = True

    def replay_keys(self, settings) -> list[str]:
        live = replace(self.request, model=models.DEFAULT_SPEECH_MODEL)
        return [live.key("dashscope"), replace(self.request, model=OFFLINE_SPEECH_MODEL).key("offline")]

    def journal_request(self) -> dict:
        return asdict(self.request)

    def perform(self, entry, journal, backend):
        sound = calls.with_retry(lambda: backend.speak(self.request))
        path = journal.save_file(entry, sound.data, sound.format, folder="sounds")
        return {"audio": path, "characters": sound.characters}, sound.data

    def answer(self, entry, journal, *, reused=False, replayed=False):
        return journal.file_bytes(entry, "audio")


def speech_model(settings) -> str:
    if settings.offline:
        return OFFLINE_SPEECH_MODEL
    model = models.DEFAULT_SPEECH_MODEL
    models.check_served(settings.region, "speech", model)
    return model


def speak(text, *, voice: str | None = None, language: str | None = None) -> Speech:
    """Read ``text`` aloud. ``language``: "yue" Cantonese, "zh" Mandarin, "en" English (guessed when None);
    ``voice``: one of ``kit.models.SPEECH_VOICES[language]`` (the first when None)."""
    text = calls.check_prompt(text, calls.MAX_TEXT_PROMPT, "text")
    voice, language = choose_voice(voice, language, text)
    settings = current()
    offline = settings.offline
    model = speech_model(settings)
    pieces = sentences(text)
    if not pieces:
        raise BadInput("empty_prompt")
    clips = []
    for piece in pieces:
        request = SpeechRequest(model, piece, voice if not offline else "espeak-ng", language)
        clips.append(calls.run(SpeechCall(request, settings.backend), settings))
    rate = wav_info(clips[0])[2]
    data, spans = join_clips(clips, rate)
    timed = [{"text": piece, "start": round(a, 3), "end": round(b, 3)} for piece, (a, b) in zip(pieces, spans)]
    return Speech(data, "eSpeak NG (offline)" if offline else voice, language, offline, timed,
                  sum(weight(p) for p in pieces))
