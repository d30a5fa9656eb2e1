"""Copy the best screenshots of a browser-test run into docs/screenshots/, small enough for the README.

    .venv/bin/pytest tests/browser            # writes test-artifacts/screenshots/<test>/<step>.png
    .venv/bin/python tests/browser/publish_screenshots.py

Each picture is reduced to at most 256 colours (and made smaller only if it is still over the limit), so every PNG
stays under 300 KB. Not a test: run it by hand after a run whose pictures should be shown to teachers.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "test-artifacts" / "screenshots"
TARGET = ROOT / "docs" / "screenshots"
LIMIT = 300_000

CHOSEN = {
    "lesson-0-playground.png":
        "test_lesson_0_runs_and_its_playground_answers-lab-en/03-playground.png",
    "story-builder.png":
        "test_a_two_page_storybook_built_by_clicking_and_exported_with_nbconvert-lab/02-builder-candidates.png",
    "storybook-export.png":
        "test_a_two_page_storybook_built_by_clicking_and_exported_with_nbconvert-lab/03-exported-book.png",
    "novel-keyboard-zh.png":
        "test_the_exported_novel_plays_to_an_ending_with_the_keyboard_alone-zh-Hant/01-focus-on-a-choice.png",
    "export-menu-zh.png":
        "test_a_chinese_room_builds_and_hands_in_from_chinese_menus/02-export-menu-zh.png",
    "story-builder-zh.png":
        "test_a_chinese_room_builds_and_hands_in_from_chinese_menus/01-builder-zh.png",
    "picture-studio.png":
        "test_the_picture_studio_with_big_buttons_only-en/01-first-question.png",
}


def small_png(path: Path) -> bytes:
    image = Image.open(path).convert("RGB")
    while True:
        data = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG).save(
            data, format="PNG", optimize=True)
        if data.tell() < LIMIT or image.width < 500:
            return data.getvalue()
        image = image.resize((int(image.width * 0.85), int(image.height * 0.85)), Image.Resampling.LANCZOS)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = [source for source in CHOSEN.values() if not (SOURCE / source).is_file()]
    if missing:
        print("run the browser tests first; missing:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    for name, source in CHOSEN.items():
        data = small_png(SOURCE / source)
        (TARGET / name).write_bytes(data)
        print(f"{name}: {len(data) // 1000} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
