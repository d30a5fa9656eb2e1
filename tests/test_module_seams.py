"""Where the kit's parts meet: stories and exports share one contract, and lessons do not lean on each other.

Read from the source (AST), so the test sees every import, also the ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kit

KIT = Path(kit.__file__).parent


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, as an absolute dotted name."""
    package = ".".join(path.relative_to(KIT.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_imported_reads_relative_imports():
    found = imported(KIT / "export" / "card_png.py")
    assert {"kit.fonts.pillow_font", "kit.story_bundle", "kit.export.bundle"} <= found


def test_exports_never_import_the_story_objects():
    for path in (KIT / "export").glob("*.py"):
        assert not {name for name in imported(path) if name.startswith("kit.story.") or name == "kit.story"}, path


def test_the_mime_types_are_written_in_one_place():
    writers = [path.relative_to(KIT).as_posix() for path in KIT.rglob("*.py")
               if "application/vnd.qwen-storybook-kit" in path.read_text(encoding="utf-8")]
    assert writers == ["story_bundle.py"]
    for path in (KIT / "story" / "storybook.py", KIT / "story" / "novel.py", KIT / "story" / "card.py",
                 KIT / "export" / "bundle.py"):
        assert any(name.startswith("kit.story_bundle") for name in imported(path)), path


def test_lessons_8_and_10_do_not_import_lesson_9():
    for number in ("08", "10"):
        assert not {name for name in imported(KIT / "lessons" / f"lesson_{number}.py") if "lesson_09" in name}


def test_the_contract_and_the_fonts_stand_on_neutral_ground():
    for path in (KIT / "story_bundle.py", KIT / "fonts.py"):
        assert not {name for name in imported(path) if name.split(".")[:2] in (["kit", "story"], ["kit", "export"])}
