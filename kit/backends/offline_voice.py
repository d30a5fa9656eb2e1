"""The offline voice: eSpeak NG (robotic, but a real voice in Cantonese, Mandarin and English), no network.

Why eSpeak NG through ``espeakng-loader``: it installs with pip on Linux, macOS and Windows (the library and its
voice data in one wheel, no system package) and speaks Cantonese (``yue``). Its waveform varies slightly between
runs, so the same text read again comes back from the journal. It is in the student install (about 10 MB): the
lessons narrate offline; where it is missing anyway the kit says kindly how to add it. Called through ctypes,
synchronously, one sentence at a time.
"""

from __future__ import annotations

import ctypes
import io
import threading
import wave

from ..errors import ServiceProblem

VOICES = {"yue": "yue", "zh": "cmn", "en": "en"}   # the kit's language -> eSpeak NG's voice name
_AUDIO_OUTPUT_SYNCHRONOUS, _CHARS_UTF8 = 2, 1
_lock = threading.Lock()                            # the library keeps one state: one sentence at a time
_engine: dict = {}


def _load():
    """The library, initialised once; a kind setup message when the extra is missing."""
    if _engine:
        return _engine
    try:
        import espeakng_loader
    except ImportError:
        raise ServiceProblem("offline_voice") from None
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
    chunks: list[bytes] = []

    def collect(samples, count, _events):
        if samples and count > 0:
            chunks.append(ctypes.string_at(samples, count * 2))
        return 0

    rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
    if rate <= 0:
        raise ServiceProblem("offline_voice", detail=f"espeak_Initialize answered {rate}")
    callback = callback_type(collect)
    lib.espeak_SetSynthCallback(callback)
    _engine.update(lib=lib, rate=rate, chunks=chunks, callback=callback)  # the callback must stay alive
    return _engine


def synthesize(text: str, language: str) -> bytes:
    """WAV bytes (mono, 16-bit, eSpeak's own rate) of ``text`` read in ``language``."""
    with _lock:
        engine = _load()
        lib, chunks = engine["lib"], engine["chunks"]
        chunks.clear()
        lib.espeak_SetVoiceByName(VOICES.get(language, "en").encode())
        data = text.encode("utf-8")
        lib.espeak_Synth(ctypes.c_char_p(data), len(data) + 1, 0, 0, 0, _CHARS_UTF8, None, None)
        lib.espeak_Synchronize()
        pcm = b"".join(chunks)
        chunks.clear()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(engine["rate"])
        wav.writeframes(pcm)
    return out.getvalue()
