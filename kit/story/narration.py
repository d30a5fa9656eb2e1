"""A story read aloud: ``narrate()`` for every page (scene, card sentence), kept with the story.

Each narrated part keeps ``state["narration"]``: the words read, voice, language, offline, the sentences' timing
and the WAV file in the story's folder (``narration/``). Narrating again reads only the parts whose words,
voice or language changed (and every sentence goes through the journal, so nothing is paid twice). The export
bundle gets each part's narration in the shape the storybook HTML and the EPUB read (``export_shape``), the
audio made small: mono, 8-bit, half the rate (speech stays clear; a 20-page book fits the file).
"""

from __future__ import annotations

import base64
import hashlib

from ..journal import atomic_write
from ..speech import choose_voice, make_wav, speak, to_mono16, wav_info

_TO_UNSIGNED = bytes((b + 128) % 256 for b in range(256))   # a signed byte -> 8-bit WAV's unsigned sample
_BOOK_LANGUAGE = {"zh-Hant": "yue", "en": "en"}   # a Hong Kong book in Chinese is read in Cantonese


def small_wav(data: bytes) -> bytes:
    """The WAV as 8-bit mono at half its rate (12 kHz from Qwen-TTS, 11 kHz from eSpeak): about a quarter of the
    bytes, still clear speech. Byte slices and a byte table, so a whole book converts in a blink."""
    rate = wav_info(data)[2]
    step = 2 if rate >= 16000 else 1
    high_bytes = to_mono16(data, rate)[1::2 * step]   # little-endian 16-bit: every kept sample's high byte
    return make_wav(high_bytes.translate(_TO_UNSIGNED), rate // step, width=1)


class Narrated:
    """Mixed into Storybook, Novel and PictureCard: each says which parts have words (``_narrated_parts``)."""

    def _narrated_parts(self) -> list[tuple[str, dict, str]]:
        """(id, the state dict that keeps the narration, the words to read) for every part."""
        raise NotImplementedError

    def narrate(self, voice: str | None = None, language: str | None = None) -> int:
        """Read every part aloud (only what changed since the last time) and save it with the story.
        ``language``: "yue", "zh" or "en" (default: Cantonese for a Chinese book, English for an English one).
        Returns how many parts were read now."""
        language = language or _BOOK_LANGUAGE.get(self.language, "en")
        voice, language = choose_voice(voice, language)
        made: dict[str, dict | None] = {}
        for part_id, part, words in self._narrated_parts():
            old = part.get("narration") or {}
            if not words.strip():
                made[part_id] = None
                continue
            if (old.get("text"), old.get("voice_asked"), old.get("language")) == (words, voice, language) and \
                    (self.folder / old.get("file", "-")).is_file():
                continue
            said = speak(words, voice=voice, language=language)
            name = f"narration/{part_id}-{hashlib.sha256(said.data).hexdigest()[:12]}.wav"
            atomic_write(self.folder / name, said.data, durable=False)
            made[part_id] = {"text": words, "voice": said.voice, "voice_asked": voice, "language": language,
                             "offline": said.offline, "file": name, "sentences": said.sentences,
                             "characters": said.characters}
        if made:
            with self._change():
                for part_id, part, _words in self._narrated_parts():
                    if part_id in made:
                        part["narration"] = made[part_id]
                        if made[part_id] is None:
                            del part["narration"]
        return sum(1 for value in made.values() if value)

    @property
    def narration_voice(self) -> str:
        """Which voice read the story ("" when it is not narrated), for the AI-use page."""
        voices = sorted({(p.get("narration") or {}).get("voice", "") for _i, p, _w in self._narrated_parts()} - {""})
        return ", ".join(voices)

    def export_narration(self, part: dict, words: str) -> dict | None:
        """One part's narration in the export bundle's shape, or None when it has none (or its words changed)."""
        saved = part.get("narration")
        if not saved or saved.get("text") != words:
            return None
        path = self.folder / saved.get("file", "-")
        if not path.is_file():
            return None
        audio = small_wav(path.read_bytes())
        return {"voice": saved["voice"], "language": saved["language"], "offline": bool(saved["offline"]),
                "audio": {"mime": "audio/wav", "data": base64.b64encode(audio).decode("ascii")},
                "sentences": [{"text": s["text"], "start": float(s["start"]), "end": float(s["end"])}
                              for s in saved["sentences"]]}
