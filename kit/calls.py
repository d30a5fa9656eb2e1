"""What every call shares: which backend answers, the journal, retrying when busy, and checking inputs.

Data flows one way: public API (``text``, ``pictures``) -> here -> journal -> backend, and back.
"""

from __future__ import annotations

import os
import random
import threading
import time

from .errors import BadInput, RateLimited, ServiceProblem
from .journal import Journal
from .settings import Settings, current

_backends: dict[tuple, object] = {}
_backends_lock = threading.Lock()
MAX_TEXT_PROMPT = 6000
MAX_IMAGE_PROMPT = 800
MAX_SEED = 2**31 - 1


def backend_for(settings: Settings):
    """One backend object per configuration, made when first needed (the SDK loads only for dashscope)."""
    key = (settings.backend, settings.endpoint, id(settings))
    with _backends_lock:
        if key not in _backends:
            if settings.backend == "dashscope":
                from .backends.dashscope import DashScopeBackend
                from .models import region

                _backends[key] = DashScopeBackend(api_key=settings.api_key, endpoint=settings.endpoint,
                                                  region=settings.region,
                                                  region_label=region(settings.region).label)
            else:
                from .backends.offline import OfflineBackend

                _backends[key] = OfflineBackend()
        return _backends[key]


def journal_for(settings: Settings | None = None) -> Journal:
    return Journal((settings or current()).workdir)


def find_recorded(journal: Journal, keys: list[str], loose: str) -> dict:
    """Replay: the recorded answer to exactly this request, else to the same words, else a kind 'not recorded'."""
    for key in keys:
        entry = journal.find(key)
        if entry and entry.get("status") == "done":
            return entry
    entry = journal.find_loose(loose)
    if entry and entry.get("status") == "done":
        return entry
    raise ServiceProblem("not_recorded")


def retry_base() -> float:
    """Seconds of the first wait when the service is busy; KIT_RETRY_BASE=0 makes tests fast."""
    return float(os.environ.get("KIT_RETRY_BASE", "2.0"))


def jittered(wait: float) -> float:
    """A wait spread between half and one and a half times itself, so a class that was refused together
    does not come back together (the account's limits are per second)."""
    return max(wait, 0.0) * random.uniform(0.5, 1.5)


def with_retry(action, *, attempts: int = 4):
    """Try again when the service says it is busy, waiting longer each time (jittered); then say so kindly."""
    base = retry_base()
    for attempt in range(attempts):
        try:
            return action()
        except RateLimited as problem:
            if attempt == attempts - 1 or problem.reason == "quota":  # a used-up daily share will not come back
                raise
            wait = problem.retry_after if problem.retry_after is not None else base * (2 ** attempt)
            if base > 0:
                time.sleep(jittered(min(wait, 20.0)))


def keep_trying(action, *, give_up_after: float, on_wait=None, first_wait: float | None = None,
                longest_wait: float = 15.0):
    """Call ``action`` until it stops saying "busy" (RateLimited), for up to ``give_up_after`` seconds.

    For the account's shared limits (two picture jobs a second): waiting a few minutes is a turn in a queue,
    not a failure. Waits grow and are jittered. ``on_wait(seconds_waited)`` lets a progress bar say why.
    """
    base = retry_base() if first_wait is None else first_wait
    started = time.monotonic()
    wait = base
    for _attempt in range(500):  # a bound even when the waits are zero (tests)
        try:
            return action()
        except RateLimited as problem:
            waited = time.monotonic() - started
            if problem.reason == "quota" or waited >= give_up_after:
                raise
            if on_wait is not None:
                on_wait(waited)
            if wait > 0:
                time.sleep(min(jittered(wait), max(give_up_after - waited, 0.0)))
            wait = min(max(wait * 1.6, base), longest_wait)
    raise RateLimited("generic")


def check_prompt(prompt, limit: int, name: str = "prompt") -> str:
    if prompt is None or not str(prompt).strip():
        raise BadInput("empty_prompt")
    prompt = str(prompt)
    if len(prompt) > limit:
        raise BadInput("too_long", length=len(prompt), limit=limit)
    return prompt


def check_number(name: str, value, low, high, *, low_open=False, high_open=False, integer=False):
    if value is None:
        return None
    try:
        number = int(value) if integer else float(value)
        if integer and number != value:
            raise ValueError
    except (TypeError, ValueError):
        raise BadInput("number", name=name, low=low, high=high, value=value) from None
    too_low = number <= low if low_open else number < low
    too_high = number >= high if high_open else number > high
    if too_low or too_high:
        raise BadInput("number", name=name, low=low, high=high, value=value)
    return number


def new_seed() -> int:
    """A fresh seed when the child gave none, so every result says how to make it again."""
    return random.SystemRandom().randrange(0, 100_000)
