"""What the teacher sees: usage per student (today, or any day) and the log of prompts and replies.

The same figures feed ``storykit gateway report`` (plain text) and the ``/teacher`` page (HTML). The page is
read-only: it has no forms that change anything, it is rendered from templates/teacher.html.j2 with
autoescape (children's prompts are shown as text, never as markup), and the server sends it with a strict
Content-Security-Policy.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from ..i18n import message
from .quota import QuotaBook
from .safety import printable
from .store import Store, today

PAGE_STYLE = (
    "body{font-family:system-ui,'Noto Sans CJK TC',sans-serif;margin:24px;color:#1f2937}"
    "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #d1d5db;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#f3f4f6}td.n{text-align:right}"
    "tr.flag-safety td{background:#fef2f2}tr.flag-blocklist td{background:#fff7ed}"
    "tr.flag-quota td{background:#eff6ff}.note{color:#6b7280}a{color:#1d4ed8}"
)
TEMPLATES = Path(__file__).with_name("templates")
COLUMNS = ("student", "requests", "tokens", "pictures", "refused", "flagged", "last_seen")


def both(key: str) -> str:
    return f"{message(key, 'en')} · {message(key, 'zh-Hant')}"


def _when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at)) if at else "-"


def usage(store: Store, quotas: QuotaBook, *, class_name: str | None = None, day: str | None = None) -> list[dict]:
    """One entry per class: its effective limits, each student's figures for ``day``, and the class totals."""
    day = day or today()
    classes = [class_name] if class_name else store.class_names()
    rows = store.usage_rows(day, class_name)
    report = []
    for name in classes:
        students = [dict(r) for r in rows if r["class_name"] == name]
        totals = {k: sum(s[k] for s in students) for k in ("requests", "tokens", "images", "refused", "flagged")}
        report.append({"class": name, "day": day, "limits": quotas.limits_for(name), "students": students,
                       "totals": totals})
    return report


def usage_text(report: list[dict]) -> str:
    lines = []
    for entry in report:
        limits = entry["limits"]
        lines.append(f"Class {entry['class']}  ({entry['day']})   limits a student/day: {limits.requests_per_day} "
                     f"requests, {limits.tokens_per_day} tokens, {limits.images_per_day} pictures;  class/day: "
                     f"{limits.class_requests_per_day} requests, {limits.class_tokens_per_day} tokens, "
                     f"{limits.class_images_per_day} pictures")
        lines.append(f"  {'student':<22}{'requests':>9}{'tokens':>9}{'pictures':>9}{'refused':>9}{'flagged':>9}"
                     "  last seen")
        for s in entry["students"]:
            state = " (revoked)" if s["revoked"] else (" (hub)" if s["hub_user"] else "")
            lines.append(f"  {(s['label'] + state)[:22]:<22}{s['requests']:>9}{s['tokens']:>9}{s['images']:>9}"
                         f"{s['refused']:>9}{s['flagged']:>9}  {_when(s['last_seen'])}")
        t = entry["totals"]
        lines.append(f"  {'total':<22}{t['requests']:>9}{t['tokens']:>9}{t['images']:>9}{t['refused']:>9}"
                     f"{t['flagged']:>9}")
        lines.append("")
    if not lines:
        return "No classes yet: storykit gateway class create NAME --students N"
    return printable("\n".join(lines), keep_lines=True)


def log_text(rows) -> str:
    lines = []
    for row in rows:
        flag = f" [{row['flag']}]" if row["flag"] else ""
        code = f" {row['code']}" if row["code"] else ""
        lines.append(f"{_when(row['at'])}  {row['label'] or '-'}  {row['kind']}{code}{flag}")
        lines.append(f"    asked:  {_short(row['prompt'], 300)}")
        if row["reply"]:
            lines.append(f"    answer: {_short(row['reply'], 300)}")
    # A student's words may hold terminal escapes (erase lines, set the title, OSC 52 clipboard): never raw.
    return printable("\n".join(lines), keep_lines=True) if lines else "Nothing in the log yet."


def _short(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- the /teacher page ----------------------------------------------------------------------------------


def teacher_page(store: Store, quotas: QuotaBook, *, class_name: str | None = None, student: str | None = None,
                 flagged: bool = False, day: str | None = None) -> str:
    """The page from templates/teacher.html.j2, autoescaped: a child's words are shown as text, never markup."""
    if class_name and class_name not in store.class_names():
        class_name = None
    report = usage(store, quotas, class_name=class_name, day=day if _is_day(day) else None)
    for entry in report:
        for s in entry["students"]:
            s["link"] = urlencode({"class": entry["class"], "student": s["label"]})
            s["state"] = " (revoked)" if s["revoked"] else (" (hub)" if s["hub_user"] else "")
            s["last_seen"] = _when(s["last_seen"])
    log = [{"at": _when(row["at"]), "label": row["label"] or "-", "kind": row["kind"],
            "prompt": _short(row["prompt"], 600), "reply": _short(row["reply"], 600), "code": row["code"] or "",
            "flag": row["flag"] or "", "flag_text": both(f"gateway.teacher.flag.{row['flag']}") if row["flag"] else ""}
           for row in store.recent_log(class_name=class_name, student_label=student, flagged=flagged, limit=200)]
    links = [("all", "")] + [(name, urlencode({"class": name})) for name in store.class_names()]
    return _templates().get_template("teacher.html.j2").render(
        style=PAGE_STYLE, links=links, report=report, log=log, columns=COLUMNS, t=both,
        per_student=message("gateway.teacher.per_student", "en"), per_class=message("gateway.teacher.per_class", "en"))


@lru_cache(maxsize=1)
def _templates():
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)


def _is_day(value: str | None) -> bool:
    try:
        return bool(value) and time.strptime(value, "%Y-%m-%d") is not None
    except ValueError:
        return False
