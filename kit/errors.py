"""Errors a child may see: short, kind, in English and Traditional Chinese, with what to do next.

Every problem the kit expects (a bad key, the safety filter, a busy service, no network, a typo in a
size) becomes one of these classes. Anything else that escapes is a bug in the kit, not the child's fault.
In a notebook a KitError shows as a friendly card instead of a traceback (see ``kit.display``).
"""

from __future__ import annotations

import errno
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from .i18n import message

_KEY_LIKE = re.compile(r"sk-[A-Za-z0-9_\-]{6,}")
_SECRETS: set[str] = set()


def remember_secret(value: str | None) -> None:
    """Register a secret (the API key) so that ``redact`` removes it from any text the kit writes."""
    if value and len(value) >= 6:
        _SECRETS.add(value)


def redact(text: str) -> str:
    """Remove the API key and anything shaped like a DashScope key from text before it is shown or saved."""
    if not text:
        return text
    for secret in _SECRETS:
        text = text.replace(secret, "[key hidden]")
    return _KEY_LIKE.sub("sk-[hidden]", text)


class KitError(Exception):
    """A problem explained to a child. ``kind`` names it; ``en``/``zh`` say what happened and what to do."""

    kind = "problem"

    def __init__(self, reason: str = "generic", *, detail: str = "", retry_after: float | None = None, **fields):
        self.reason = reason
        self.detail = redact(detail)  # for the teacher: the service's own words, never the key
        self.retry_after = retry_after
        self.fields = {k: redact(str(v)) for k, v in fields.items()}
        self.en = message(f"error.{self.kind}.{reason}", "en", **self.fields)
        self.zh = message(f"error.{self.kind}.{reason}", "zh-Hant", **self.fields)
        super().__init__(f"{self.en} / {self.zh}")

    def _repr_html_(self) -> str:
        from .display import title_in_both, two_languages

        title = title_in_both(message(f"error.{self.kind}.title", "en"), message(f"error.{self.kind}.title", "zh-Hant"))
        detail = f'<div class="kit-error-detail">{html.escape(self.detail)}</div>' if self.detail else ""
        return (
            '<div class="kit-error" role="alert" style="border:2px solid #d97706;background:#fffbeb;'
            'border-radius:12px;padding:12px 16px;margin:6px 0;font-size:16px;line-height:1.5;color:#1f2937">'
            f'<div style="font-weight:700">💡 {html.escape(title)}</div>'
            f"{two_languages(self.en, self.zh)}{detail}</div>"
        )


class KeyProblem(KitError):
    """The API key is missing, wrong, or belongs to another region."""

    kind = "key"


class SafetyBlocked(KitError):
    """The service's safety filter (DataInspectionFailed, IPInfringementSuspect) said no."""

    kind = "safety"


class RateLimited(KitError):
    """Too many requests at once for the account; the kit already waited and tried again."""

    kind = "busy"


class NetworkProblem(KitError):
    """The service could not be reached, or the answer did not arrive in time."""

    kind = "network"


class ServiceProblem(KitError):
    """The service answered with a fault of its own (5xx, account or quota problems, odd replies)."""

    kind = "service"


class BadInput(KitError):
    """Something in the request itself needs changing: empty prompt, unknown size or style, ..."""

    kind = "input"


class SaveProblem(KitError):
    """The work could not be written: a full disk, a read-only folder. What was saved before is untouched."""

    kind = "save"


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def disk_problem(error: OSError, folder) -> SaveProblem:
    """What to tell the child when the work folder could not be written (or read)."""
    reason = "disk_full" if error.errno in _FULL else "read_only" if error.errno in _READ_ONLY else "generic"
    return SaveProblem(reason, folder=folder, detail=str(error))


@contextmanager
def disk_problems(folder) -> Iterator[None]:
    """A full disk or a folder that cannot be written becomes a kind SaveProblem instead of an OSError traceback."""
    try:
        yield
    except OSError as error:
        raise disk_problem(error, folder) from None


__all__ = [
    "BadInput",
    "KeyProblem",
    "KitError",
    "NetworkProblem",
    "RateLimited",
    "SafetyBlocked",
    "SaveProblem",
    "ServiceProblem",
    "disk_problems",
    "redact",
    "remember_secret",
]
