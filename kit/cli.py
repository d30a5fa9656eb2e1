"""``storykit``: the kit's command line for teachers, facilitators and developers.

    storykit doctor            check a machine before a class (each line: pass or fail, and the fix)
    storykit demo              build a small storybook end to end on the offline backend and export it
    storykit lab-settings      JupyterLab's classroom defaults (no news pop-up, ...) for this environment
    storykit --version
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
from pathlib import Path

COMMAND_MODULES = ("kit.lessons.cli", "kit.gateway.cli", "kit.classroom")

DEMO_IDEA = {
    "en": "a brave little panda who visits Victoria Harbour at night and makes a new friend",
    "zh-Hant": "一隻勇敢的小熊貓晚上去維多利亞港，認識了一個新朋友",
}


def cmd_doctor(args) -> int:
    from .doctor import run_checks
    from .settings import resolve

    settings, _ = resolve(args.backend, region=args.region, base_url=args.base_url, ask_for_key=False, quiet=True)
    checks = run_checks(settings)
    for check in checks:
        print(check.line())
    failed = sum(c.status == "fail" for c in checks)
    warned = sum(c.status == "warn" for c in checks)
    print(f"\n{len(checks) - failed - warned} passed, {warned} warnings, {failed} failed")
    return 1 if failed else 0


def _story_pages(text: str, fallback_title: str) -> tuple[str, list[str]]:
    """Take the title and pages out of the model's JSON, or make do with its sentences."""
    try:
        data = json.loads(text[text.index("{"): text.rindex("}") + 1])
        pages = [str(p.get("text", p) if isinstance(p, dict) else p) for p in data.get("pages", [])]
        if pages:
            return str(data.get("title") or fallback_title), pages
    except (ValueError, AttributeError):
        pass
    sentences = [s.strip() for s in text.replace("\n", " ").split(".") if s.strip()]
    return fallback_title, [s + "." for s in sentences[:4]] or [text]


def cmd_demo(args) -> int:
    import kit

    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    language = args.language
    shutil.rmtree(out / "kit-work", ignore_errors=True)  # a demo starts fresh every time
    kit.setup("offline", workdir=out / "kit-work", language=language)
    idea = DEMO_IDEA["zh-Hant" if language == "zh-Hant" else "en"]
    print(f"1/4 Asking the practice model for a 4-page story about: {idea}")
    prompt = (f"Write a children's story about {idea}. Reply as JSON with keys title and pages, 4 pages."
              if language == "en" else f"寫一個關於{idea}的兒童故事。用 JSON 格式回覆，包括 title 和 pages，共四頁。")
    plan = kit.ask(prompt, seed=7, temperature=0.8)
    title, pages = _story_pages(plan.text, "The Brave Little Panda" if language == "en" else "勇敢的小熊貓")
    print(f"2/4 Turning each page into a picture prompt ({len(pages)} pages)")
    character = "a small panda with a red scarf" if language == "en" else "一隻戴紅色頸巾的小熊貓"
    picture_prompts = [kit.ask(f"Write an image prompt for this page: {page} Character: {character}.",
                               seed=20 + i, temperature=0.5).text for i, page in enumerate(pages)]
    print("3/4 Drawing the pictures (two at a time, like the real service)")
    pictures = kit.draw_many(picture_prompts, style="watercolour", seed=11, size="square")
    english = language != "zh-Hant"
    book = kit.Storybook(title, author="storykit demo", theme="Friendship in Hong Kong" if english else "香港的友誼",
                         language=language, name="demo")
    book.theme_statement = ("A shy panda finds a friend by the harbour: friendship starts when we say hello."
                            if english else "害羞的熊貓在海港邊找到朋友：友誼從一句「你好」開始。")
    for page, picture, picture_prompt in zip(pages, pictures, picture_prompts):
        book.add_page(page, picture=picture, alt=picture_prompt[:150])
    target = book.export(out / "demo.storybook.html")
    print(f"4/4 Exported the storybook: {target}")
    print("\nOpen it in a web browser to read it. Everything above came from the offline practice model")
    print("(no key, no network). Next: open the lessons with  make lab  (it installs JupyterLab, the teacher")
    print("extra: pip install -e '.[teacher]', then runs  .venv/bin/jupyter lab notebooks/)")
    return 0


def cmd_lab_settings(args) -> int:
    from . import lab_settings

    print(f"wrote {lab_settings.install(args.prefix, locale=args.locale)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="storykit", description="Qwen Storybook Kit: tools for the classroom.")
    parser.add_argument("--version", action="version", version=f"storykit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    doctor = commands.add_parser("doctor", help="check this machine before a class")
    doctor.add_argument("--backend", choices=("offline", "dashscope", "replay"))
    doctor.add_argument("--region", choices=("intl", "cn", "us"))
    doctor.add_argument("--base-url")
    doctor.set_defaults(func=cmd_doctor)

    demo = commands.add_parser("demo", help="build and export a small storybook on the offline backend")
    demo.add_argument("--out", default="demo-output", help="folder for the exported book (default demo-output)")
    demo.add_argument("--language", choices=("en", "zh-Hant"), default="en")
    demo.set_defaults(func=cmd_demo)

    lab = commands.add_parser("lab-settings", help="give JupyterLab here the classroom defaults (overrides.json)")
    lab.add_argument("--locale", help="also set JupyterLab's language, e.g. zh_TW (needs the language pack)")
    lab.add_argument("--prefix", help="the environment to set (default: this one)")
    lab.set_defaults(func=cmd_lab_settings)

    # Other parts of the kit add their own commands (build-notebooks, gateway, ...): one module each.
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if not module_name.startswith(missing.name or "-"):
                raise
            continue
        module.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import KitError

    try:
        return int(args.func(args) or 0)
    except KitError as problem:
        print(f"{problem.en}\n{problem.zh}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
