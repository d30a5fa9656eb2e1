"""The class's own settings, set once by the teacher: the competition's designated theme.

    storykit class theme "Kindness in my neighbourhood"      # in the folder that holds the notebooks

writes ``storykit-class.json`` there (or where ``KIT_CLASS_FILE`` points). Every lesson reads it: a new storybook
or novel takes the class theme, and the checklist and the theme statement check name it. Lessons run in
``notebooks/<language>/``, so the file is looked for in the folder the notebook runs in and the two above it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .journal import read_json, write_json

FILE_NAME = "storykit-class.json"
LOOK_UP = 2        # notebooks/en/ -> notebooks/ -> the kit's folder


def class_file() -> Path:
    """Where the class settings are: ``KIT_CLASS_FILE``, else the nearest ``storykit-class.json`` above here."""
    if os.environ.get("KIT_CLASS_FILE"):
        return Path(os.environ["KIT_CLASS_FILE"])
    here = Path.cwd()
    for folder in [here, *here.parents][:LOOK_UP + 1]:
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return here / FILE_NAME


def settings() -> dict:
    """Everything the teacher set (an empty dict when nothing was)."""
    try:
        found = read_json(class_file())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def class_theme() -> str:
    """The competition's theme the teacher set for the class ("" when none was set)."""
    return str(settings().get("theme") or "").strip()


def set_class_theme(theme: str, path: Path | str | None = None) -> Path:
    """Set the class theme once (the teacher's command does this); returns the file written."""
    target = Path(path) if path else class_file()
    write_json(target, {**settings(), "theme": str(theme or "").strip()})
    return target


def cmd_class(args: argparse.Namespace) -> int:
    if args.file:
        os.environ["KIT_CLASS_FILE"] = args.file
    if args.theme is None:
        theme = class_theme()
        print(f"Class theme · 班級主題: {theme or '-'}  ({class_file()})")
        return 0
    target = set_class_theme(args.theme)
    print(f"Class theme set · 已設定班級主題: {class_theme()}\n{target}")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    """``storykit class theme "..."``: the teacher sets the designated theme once for every lesson."""
    parser = commands.add_parser("class", help="the class's settings: the competition's designated theme")
    setting = parser.add_subparsers(dest="setting", required=True)
    theme = setting.add_parser("theme", help='show the class theme, or set it: storykit class theme "..."')
    theme.add_argument("theme", nargs="?", help="the theme the competition gives (leave out to show it)")
    theme.add_argument("--file", help=f"where to keep it (default: {FILE_NAME} here, or $KIT_CLASS_FILE)")
    theme.set_defaults(func=cmd_class)
