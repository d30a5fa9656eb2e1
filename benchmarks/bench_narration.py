"""A narrated 20-page storybook: what reading it aloud costs, and the narrated export's size and time.

Run by hand: ``.venv/bin/python benchmarks/bench_narration.py [--out benchmarks/results]``. Offline (eSpeak NG
reads, no key): the characters and the price are those Qwen-TTS would count for the same words (each Chinese
character twice, USD 0.10 per 10,000 characters per the Model Studio qwen-tts page); the audio length, and so
the file size, is eSpeak's, measured beside the same book exported without narration.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kit
from kit import models, speech

PAGES = 20
GOAL_BYTES = 12_000_000
SENTENCES = ("小兔子阿樂住在大嶼山的一個小村莊裏。", "每天早上，牠都會跑到海邊看日出。",
             "今天，牠發現沙灘上有一個會發光的貝殼！", "阿樂想：「這是誰留下來的呢？」")


def page_text(number: int) -> str:
    """About 70 Chinese characters a page, as a children's picture book has."""
    return f"第{number}天。" + "".join(SENTENCES)


def measure(workdir: Path) -> dict:
    kit.setup("offline", workdir=workdir, quiet=True)
    book = kit.Storybook("阿樂的貝殼", author="Bench", language="zh-Hant")
    pictures = kit.draw_many([f"a rabbit on a beach, day {n}" for n in range(1, PAGES + 1)], size="square")
    for number, picture in enumerate(pictures, start=1):
        book.add_page(page_text(number), picture=picture, alt=f"day {number}")
    book.export(workdir / "warm.storybook.html")   # the pictures' encoding is cached: both timings warm
    started = time.perf_counter()
    plain = book.export(workdir / "plain.storybook.html")
    plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    book.narrate()
    narrate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    narrated = book.export(workdir / "narrated.storybook.html")
    export_seconds = time.perf_counter() - started
    characters = sum(speech.weight(p) for page in book.pages for p in speech.sentences(page.text))
    audio_seconds = sum(page["narration"]["sentences"][-1]["end"] for page in book.export_data()["pages"])
    return {"pages": PAGES, "characters": characters,
            "price_usd": round(characters / 10_000 * models.SPEECH_PRICE_PER_10K, 4),
            "audio_seconds": round(audio_seconds, 1),
            "plain_bytes": plain.stat().st_size, "narrated_bytes": narrated.stat().st_size,
            "narration_bytes": narrated.stat().st_size - plain.stat().st_size,
            "plain_export_seconds": round(plain_seconds, 2), "narrated_export_seconds": round(export_seconds, 2),
            "narrate_offline_seconds": round(narrate_seconds, 2),
            "goal_bytes": GOAL_BYTES, "met": narrated.stat().st_size < GOAL_BYTES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        result = measure(Path(folder))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "narration.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    lines = ["# Narrated 20-page storybook", "", "| figure | value |", "| --- | --- |"]
    lines += [f"| {key} | {value} |" for key, value in result.items()]
    (args.out / "narration.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
