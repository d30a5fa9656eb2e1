"""The EPUB edition's size for a 20-page book, side by side with the HTML storybook of the same notebook.

Both come from the same saved notebook (``booknb``: 20 pages of 1024 px pictures on the offline backend, and the
photo-like worst case), each through its own ``jupyter nbconvert`` process. The narrated row adds to that book's data
eight seconds of 24 kHz speech-like WAV per page in the narration shape the speech work produces (a stand-in for real
narration: the MP3 size depends on length and bit rate, not on the words) and builds the EPUB in process.

    .venv/bin/python benchmarks/epub_size.py          # -> results/epub-size.{md,json}
"""

from __future__ import annotations

import base64
import io
import json
import math
import tempfile
import wave
from pathlib import Path

import booknb
from benchlib import JUPYTER, RESULTS, check, machine, offline_env, run_child

SECONDS_PER_PAGE = 8.0


def export(notebook: Path, to: str) -> dict:
    out = notebook.parent / to
    out.mkdir(exist_ok=True)
    result = check(run_child([JUPYTER, "nbconvert", "--to", to, notebook.name, "--output-dir", str(out)],
                             cwd=notebook.parent, env=offline_env(), timeout=600), f"nbconvert --to {to}")
    written = [path for path in out.iterdir() if path.is_file()]
    assert len(written) == 1, written
    return {"bytes": written[0].stat().st_size, "seconds": round(result["seconds"], 2)}


def speech_like(seconds: float, rate: int = 24000) -> str:
    """A WAV that varies like a voice (a wandering pitch and loudness), base64, as Qwen-TTS gives it (24 kHz)."""
    frames = bytearray()
    for n in range(int(seconds * rate)):
        t = n / rate
        pitch = 180 + 60 * math.sin(2 * math.pi * 1.3 * t)
        level = 6000 * (0.5 + 0.5 * math.sin(2 * math.pi * 3.1 * t) ** 2)
        frames += int(level * math.sin(2 * math.pi * pitch * t) + (n * 7919 % 401) - 200).to_bytes(
            2, "little", signed=True)
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(bytes(frames))
    return base64.b64encode(out.getvalue()).decode()


def narrated_sizes(notebook: Path) -> dict:
    import nbformat

    from kit.export import bundle
    from kit.export.epub import build_epub

    data = bundle.find(nbformat.read(str(notebook), as_version=4), "storybook")
    clip = speech_like(SECONDS_PER_PAGE)
    for page in data["pages"]:
        sentences = [s.strip() + "." for s in page["text"].split(".") if s.strip()] or [page["text"]]
        step = SECONDS_PER_PAGE / len(sentences)
        page["narration"] = {"voice": "Cherry", "language": "en", "offline": False,
                             "audio": {"mime": "audio/wav", "data": clip},
                             "sentences": [{"text": s, "start": i * step, "end": (i + 1) * step}
                                           for i, s in enumerate(sentences)]}
    return {"wav_bytes_per_page": len(base64.b64decode(clip)), "epub_bytes": len(build_epub(data))}


def main() -> None:
    mb = 1_000_000
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-epub-") as temp:
        for pictures in ("offline", "photo"):
            notebook = booknb.build(Path(temp) / pictures, pictures=pictures)
            html, epub = export(notebook, "storybook"), export(notebook, "storybook_epub")
            row = {"pictures": pictures, "html_bytes": html["bytes"], "epub_bytes": epub["bytes"],
                   "ratio": round(epub["bytes"] / html["bytes"], 3), "html_seconds": html["seconds"],
                   "epub_seconds": epub["seconds"]}
            if pictures == "offline":
                row["narrated"] = narrated_sizes(notebook)
            rows.append(row)
    report = {"machine": machine(), "pages": booknb.PAGES, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "epub-size.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = ["# EPUB size: a 20-page storybook", "",
             "`.venv/bin/python benchmarks/epub_size.py`; one run, both files from the same saved notebook.", "",
             "| pictures | `--to storybook` (HTML) | `--to storybook_epub` | EPUB / HTML | export time HTML / EPUB |",
             "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['pictures']} | {row['html_bytes'] / mb:.2f} MB | {row['epub_bytes'] / mb:.2f} MB | "
                     f"{row['ratio']:.2f} | {row['html_seconds']:.1f} s / {row['epub_seconds']:.1f} s |")
    narrated = rows[0]["narrated"]
    narration = (f"Narrated (offline pictures, {SECONDS_PER_PAGE:.0f} s of 24 kHz 16-bit speech-like WAV a page, "
                 f"{narrated['wav_bytes_per_page'] / mb:.2f} MB of WAV each, encoded to 64 kbit/s MP3): "
                 f"EPUB {narrated['epub_bytes'] / mb:.2f} MB.")
    lines += ["", narration, ""]
    (RESULTS / "epub-size.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
