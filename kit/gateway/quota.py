"""Daily shares: how many requests, tokens and pictures each student, and each class, may use today.

A share is checked and reserved in one database transaction, so thirty students pressing Run in the same
second cannot all slip through on the last unit. Pictures are reserved when a job is accepted and given back
if the service fails it (failed jobs are not billed). Tokens are reserved too, at an estimate that is meant
to be generous (every character of the request as a token, plus the longest reply it allows), and settled
to the true count when the reply arrives: a burst cannot spend what is not there, and the last request of the
day goes over by at most one reply.

Where a class's limits come from, weakest first:
    the built-in defaults below
    < the ``[defaults]`` section of ``quotas.ini`` in the data folder
    < the flags given to ``storykit gateway class create/set``
    < the ``[class NAME]`` section of ``quotas.ini``
``quotas.ini`` is read again whenever it changes, so a teacher can edit it while the gateway runs.
"""

from __future__ import annotations

import configparser
import datetime as dt
import logging
import threading
from dataclasses import dataclass, fields
from pathlib import Path

from .config import CLASSROOM_MODELS
from .protocol import ApiError
from .store import Store, Student, today

CONFIG_NAME = "quotas.ini"
LOG = logging.getLogger("kit.gateway")


@dataclass(frozen=True)
class Limits:
    requests_per_day: int = 200            # per student: text requests and picture jobs
    tokens_per_day: int = 100_000          # per student: input + output tokens of text replies
    images_per_day: int = 20               # per student
    class_requests_per_day: int = 5_000
    class_tokens_per_day: int = 2_000_000
    class_images_per_day: int = 300
    images_per_request: int = 1            # the largest ``n`` a job may ask for (the service's default is 4)
    waiting_images: int = 4                # picture jobs one student may have queued or running at once
    text_at_once: int = 2                  # text requests one student may have in flight at once
    characters_per_day: int = 20_000       # per student: words read aloud, each Chinese character counted twice
    class_characters_per_day: int = 300_000

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_changes(self, changes: dict) -> Limits:
        known = {k: int(v) for k, v in changes.items() if k in self.names() and v is not None}  # not "models"
        return Limits(**{**self.__dict__, **known})


def seconds_until_midnight(now: dt.datetime | None = None) -> int:
    now = now or dt.datetime.now()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return max(1, int((midnight - now).total_seconds()))


class QuotaBook:
    """The effective limits of each class, from the store and ``quotas.ini``."""

    def __init__(self, store: Store):
        self.store = store
        self.path = Path(store.data) / CONFIG_NAME
        self._lock = threading.Lock()
        self._seen: float | None = None
        self._sections: dict[str, dict] = {}

    def _file_sections(self) -> dict[str, dict]:
        try:
            stamp = self.path.stat().st_mtime
        except OSError:
            return {}
        with self._lock:
            if stamp != self._seen:
                self._seen = stamp
                try:
                    self._sections = read_quota_file(self.path)
                except ValueError as problem:  # keep the last good limits; tell the teacher once
                    LOG.warning("quotas.ini not used: %s", problem)
            return self._sections

    def limits_for(self, class_name: str) -> Limits:
        sections = self._file_sections()
        limits = Limits().with_changes(sections.get("defaults", {}))
        limits = limits.with_changes(self.store.class_limits(class_name) or {})
        return limits.with_changes(sections.get(f"class {class_name}", {}))

    def models_for(self, class_name: str) -> tuple[str, ...]:
        """The models a class may use: the classroom defaults, plus what the class adds (flags, quotas.ini)."""
        sections = self._file_sections()
        added = [*(self.store.class_limits(class_name) or {}).get("models", []),
                 *sections.get("defaults", {}).get("models", []),
                 *sections.get(f"class {class_name}", {}).get("models", [])]
        return tuple(dict.fromkeys([*CLASSROOM_MODELS, *added]))

    def check_model(self, class_name: str, model: str) -> None:
        allowed = self.models_for(class_name)
        if model not in allowed:
            # "does not exist" is what the kit reads as a setup problem naming the model, never the child's
            raise ApiError(403, "Gateway.ModelNotAllowed",
                           f"The model {model} does not exist in this classroom: the gateway uses only "
                           f"{', '.join(allowed)} for this class. Ask your teacher.")

    def admit(self, student: Student, *, images: int = 0, tokens: int = 0, characters: int = 0) -> None:
        """Reserve one request (``images`` pictures, ``tokens`` estimated tokens) for the student today, or
        raise a 429 that says why."""
        with self.store.transaction() as db:
            refusal = self.reserve(db, student, images=images, tokens=tokens, characters=characters)
        if refusal is not None:
            raise refusal

    def reserve(self, db, student: Student, *, images: int = 0, tokens: int = 0,
                characters: int = 0) -> ApiError | None:
        """The check and the reservation, inside the caller's transaction (so other checks can join it).
        Returns the refusal (already counted as refused) or None when reserved."""
        limits = self.limits_for(student.class_name)
        day = today()
        refusal = _refusal(limits, self.store.usage(db, student, day), images, characters)
        if refusal is None:
            self.store.add_usage(student.id, day, requests=1, images=images, tokens=tokens, characters=characters,
                                 db=db)
        else:
            self.store.add_usage(student.id, day, refused=1, db=db)
        return refusal

    def settle_tokens(self, student: Student, reserved: int, tokens: int, db=None) -> None:
        """Replace the estimate reserved at admission by the tokens the reply really used."""
        if tokens != reserved:
            self.store.add_usage(student.id, today(), tokens=int(tokens) - int(reserved), db=db)

    def give_back_request(self, student: Student, tokens: int = 0, characters: int = 0) -> None:
        """The service was too busy (429) or out of reach: the request was not served, so it is not counted."""
        self.store.add_usage(student.id, today(), requests=-1, tokens=-int(tokens), characters=-int(characters))

    def give_back_images(self, student_id: int, day: str, images: int) -> None:
        """A failed or cancelled job is not billed, so its pictures go back to the student's share."""
        if images > 0:
            self.store.add_usage(student_id, day, images=-int(images))


def _refusal(limits: Limits, used: dict, images: int, characters: int = 0) -> ApiError | None:
    mine, theirs = used["student"], used["class"]
    checks = (
        ("Student", "requests", mine["requests"] + 1 > limits.requests_per_day, limits.requests_per_day),
        ("Student", "tokens", mine["tokens"] >= limits.tokens_per_day, limits.tokens_per_day),
        ("Student", "pictures", images and mine["images"] + images > limits.images_per_day, limits.images_per_day),
        ("Student", "characters read aloud", characters and mine["characters"] + characters > limits.characters_per_day,
         limits.characters_per_day),
        ("Class", "requests", theirs["requests"] + 1 > limits.class_requests_per_day, limits.class_requests_per_day),
        ("Class", "tokens", theirs["tokens"] >= limits.class_tokens_per_day, limits.class_tokens_per_day),
        ("Class", "pictures", images and theirs["images"] + images > limits.class_images_per_day,
         limits.class_images_per_day),
        ("Class", "characters read aloud",
         characters and theirs["characters"] + characters > limits.class_characters_per_day,
         limits.class_characters_per_day),
    )
    for who, what, over, limit in checks:
        if over:
            whose = "your" if who == "Student" else "your class's"
            return ApiError(429, f"Throttling.Quota.{who}",
                            f"Daily quota reached: {whose} share is {limit} {what} a day. It resets at midnight.",
                            retry_after=seconds_until_midnight(), flag="quota")
    return None


def read_quota_file(path: Path) -> dict[str, dict]:
    """``[defaults]`` and ``[class NAME]`` sections of ``name = number`` lines (spaces or dashes allowed)."""
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as problem:
        raise ValueError(f"{path}: {problem}") from None
    sections: dict[str, dict] = {}
    known = set(Limits.names())
    for section in parser.sections():
        name = " ".join(section.split())
        name = "defaults" if name.lower() == "defaults" else name
        values = {}
        for key, value in parser.items(section):
            field_name = key.strip().lower().replace(" ", "_").replace("-", "_")
            if field_name == "models":  # more models this class may use, beyond the classroom defaults
                values["models"] = [m for m in value.replace(",", " ").split() if m]
                continue
            if field_name not in known:
                raise ValueError(f"{path} [{section}]: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            try:
                values[field_name] = int(value)
            except ValueError:
                raise ValueError(f"{path} [{section}]: {key} must be a whole number, not {value!r}") from None
        sections[name] = values
    return sections
