""""How I used AI": what each part of a story was made with, told from the journal and the child's own edits.

Judges score the use of AI, so the appendix says plainly which model made which words and pictures, with which
prompt, how many drafts it took, and what the child changed by hand. When the offline practice model made
something, it says so. It copies only what a reader should see: never usage, task ids, journal keys or the key.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import redact
from ..i18n import message
from ..journal import Journal
from ..settings import OFFLINE_IMAGE_MODEL, OFFLINE_TEXT_MODEL

_TOKENS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\w+|[^\w\s]")


def new_text(value) -> tuple[str, dict | None]:
    """Text given to a page or scene: a ``kit.Reply`` (made by AI) or plain words (typed by the child)."""
    if value is None:
        return "", None
    if hasattr(value, "text") and hasattr(value, "call_id"):
        source = {"call_id": value.call_id, "text": str(value.text), "prompt": getattr(value, "prompt", "") or "",
                  "model": getattr(value, "model", "") or "", "backend": getattr(value, "backend", "") or ""}
        return str(value.text), source
    return str(value), None


def set_text(part: dict, value) -> None:
    """Put new text on a page or scene, counting drafts and remembering the AI's own words."""
    text, source = new_text(value)
    old = part.get("text_ai") or {}
    if source is not None and source["call_id"] and source["call_id"] == old.get("call_id") \
            and text == part.get("text"):
        return  # the same reply again (a cell run twice): not a new draft
    if source is not None:
        part["text_ai"] = source
        part["ai_text_drafts"] = part.get("ai_text_drafts", 0) + 1
    if text != part.get("text", "") or source is not None:
        if text or source is not None:
            part["text_drafts"] = part.get("text_drafts", 0) + 1
        part["text"] = text


def set_picture(part: dict, meta: dict | None) -> None:
    """Put a new picture (or none) on a page or scene, counting drafts."""
    if meta is not None and (part.get("picture") or {}).get("sha") == meta.get("sha"):
        part["picture"] = {**part["picture"], **meta}
        return
    part["picture"] = meta
    if meta is not None:
        part["picture_drafts"] = part.get("picture_drafts", 0) + 1
        if meta.get("call_id"):
            part["ai_picture_drafts"] = part.get("ai_picture_drafts", 0) + 1


def hand_changes(ai_text: str, final: str) -> tuple[int, int]:
    """How many words (or Chinese characters) the child added and took out of the AI's draft."""
    old, new = _TOKENS.findall(ai_text or ""), _TOKENS.findall(final or "")
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def hand_edited(part: dict) -> bool:
    source = part.get("text_ai")
    return bool(source) and (part.get("text") or "").strip() != (source.get("text") or "").strip()


def is_offline(backend: str | None, model: str | None) -> bool:
    return backend == "offline" or model in (OFFLINE_TEXT_MODEL, OFFLINE_IMAGE_MODEL)


def _text_call(journal: Journal, source: dict) -> dict:
    """What a reader should know about the call that wrote some text: the journal first, the copy second."""
    entry = journal.call(source["call_id"]) if source.get("call_id") else None
    prompt, system = source.get("prompt", ""), ""
    model, backend = source.get("model", ""), source.get("backend", "")
    if entry:
        messages = (entry.get("request") or {}).get("messages") or []
        users = [content for role, content in messages if role == "user"]
        systems = [content for role, content in messages if role == "system"]
        prompt = users[-1] if users else prompt
        system = systems[0] if systems else ""
        model, backend = entry.get("model") or model, entry.get("backend") or backend
    return {"prompt": prompt, "system": system, "model": model, "offline": is_offline(backend, model)}


def _picture_call(journal: Journal, meta: dict) -> dict:
    entry = journal.call(meta["call_id"]) if meta.get("call_id") else None
    request = (entry or {}).get("request") or {}
    model = (entry or {}).get("model") or meta.get("model", "")
    backend = (entry or {}).get("backend") or meta.get("backend", "")
    return {"prompt": request.get("prompt", meta.get("prompt", "")),
            "negative": request.get("negative", meta.get("negative")) or "",
            "style": request.get("style", meta.get("style")) or "", "seed": request.get("seed", meta.get("seed")),
            "model": model, "offline": is_offline(backend, model),
            "from_sketch": bool(((entry or {}).get("result") or {}).get("notes", {}).get("from_sketch"))}


def sketch_file(workdir: Path, meta: dict | None) -> Path | None:
    """The child's own drawing a picture began as (``kit.draw(..., sketch=)``), when the journal still has it."""
    entry = Journal(workdir).call(meta["call_id"]) if (meta or {}).get("call_id") else None
    sketch = (((entry or {}).get("result") or {}).get("notes") or {}).get("sketch")
    if not sketch:
        return None
    path = Path(workdir) / sketch
    return path if path.is_file() else None


def describe_part(journal: Journal, part: dict, label_en: str, label_zh: str) -> dict:
    """One row of the appendix: how the words and the picture of a page (or scene, or cover) were made."""
    item: dict = {"label_en": label_en, "label_zh": label_zh, "text": None, "picture": None,
                  "maker": part.get("by", "")}
    source = part.get("text_ai")
    if source:
        text = {"by": "ai", **_text_call(journal, source), "drafts": part.get("text_drafts", 1),
                "ai_drafts": part.get("ai_text_drafts", 1), "hand_edited": hand_edited(part)}
        if text["hand_edited"]:
            text["added"], text["removed"] = hand_changes(source.get("text", ""), part.get("text", ""))
            text["ai_draft"] = source.get("text", "")
        item["text"] = text
    elif (part.get("text") or "").strip():
        item["text"] = {"by": "hand", "drafts": part.get("text_drafts", 1)}
    meta = part.get("picture")
    if meta:
        if meta.get("call_id") or meta.get("model"):
            item["picture"] = {"by": "ai", **_picture_call(journal, meta), "drafts": part.get("picture_drafts", 1),
                               "ai_drafts": part.get("ai_picture_drafts", 1)}
        else:
            item["picture"] = {"by": "own", "drafts": part.get("picture_drafts", 1)}
    return item


def build(workdir: Path, parts: list[tuple[dict, str, str]]) -> dict:
    """The whole appendix as plain data, from ``(part, label_en, label_zh)`` for the cover and every page."""
    journal = Journal(workdir)
    items = [describe_part(journal, part, en, zh) for part, en, zh in parts]
    items = [item for item in items if item["text"] or item["picture"]]
    models: dict[tuple, dict] = {}
    for item in items:
        for kind in ("text", "picture"):
            made = item[kind]
            if made and made["by"] == "ai":
                models.setdefault((kind, made["model"]), {"kind": kind, "model": made["model"],
                                                          "offline": made["offline"]})
    summary = {
        "ai_text": sum(1 for item in items if item["text"] and item["text"]["by"] == "ai"),
        "ai_pictures": sum(1 for item in items if item["picture"] and item["picture"]["by"] == "ai"),
        "hand_edited": sum(1 for item in items if item["text"] and item["text"].get("hand_edited")),
        "prompts": sum(1 for item in items for kind in ("text", "picture")
                       if item[kind] and item[kind]["by"] == "ai" and item[kind].get("prompt")),
    }
    data = {"models": list(models.values()), "items": items, "summary": summary,
            "offline": any(model["offline"] for model in models.values())}
    return clean(data)


def for_file(appendix: dict, checklist, credits: dict | None = None) -> dict:
    """The appendix as the exported file carries it: the team, the pupil's own AI-use statement, and the
    checklist's verdict on the entry (for 10.1)."""
    return clean({**appendix, **(credits or {}), "entry": checklist.entry()})


def clean(value):
    """Every string through ``redact``: the key can never reach an appendix, whatever a child typed."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value


def model_name(model: dict) -> str:
    """A model as a reader should see it: the offline one is named honestly."""
    if model.get("offline"):
        return message("appendix.offline_model", "en")
    return model.get("model") or "?"


@dataclass
class Appendix:
    """The "How I used AI" page. Shows itself in a notebook; ``.data`` is the plain dict the exporters use."""

    data: dict = field(default_factory=dict)

    @property
    def items(self) -> list[dict]:
        return self.data.get("items", [])

    @property
    def models(self) -> list[dict]:
        return self.data.get("models", [])

    @property
    def offline(self) -> bool:
        return bool(self.data.get("offline"))

    def _repr_html_(self) -> str:
        from ..export.render import render_appendix

        return render_appendix(self.data)

    def __str__(self) -> str:
        return to_text(self.data)

    def __repr__(self) -> str:
        return to_text(self.data)


def to_text(data: dict) -> str:
    """The appendix as plain text (English), for terminals and ``text/plain``."""
    lines = [message("appendix.title", "en"), ""]
    if data.get("models"):
        names = ", ".join(f"{model_name(m)} ({m['kind']})" for m in data["models"])
        lines.append(f"{message('appendix.models', 'en')}: {names}")
    else:
        lines.append(message("appendix.none", "en"))
    if data.get("team"):
        lines.append(f"{message('appendix.team', 'en')}: {', '.join(data['team'])}")
    if data.get("statement"):
        lines += [f"{message('appendix.statement', 'en')}: {data['statement']}"]
    for item in data.get("items", []):
        made_by = f" ({message('appendix.made_by', 'en', name=item['maker'])})" if item.get("maker") else ""
        lines.append(f"- {item['label_en']}{made_by}")
        text, picture = item.get("text"), item.get("picture")
        if text and text["by"] == "ai":
            lines.append(f"    words: {model_name(text)}, prompt: {text['prompt']!r}, drafts: {text['drafts']}")
            if text.get("hand_edited"):
                lines.append(f"    changed by hand: +{text['added']} / -{text['removed']} words")
        elif text:
            lines.append("    words: written by hand")
        if picture and picture["by"] == "ai":
            lines.append(f"    picture: {model_name(picture)}, prompt: {picture['prompt']!r}, "
                         f"drafts: {picture['drafts']}")
        elif picture:
            lines.append("    picture: my own")
    if data.get("offline"):
        lines += ["", message("appendix.offline", "en")]
    return "\n".join(lines)

