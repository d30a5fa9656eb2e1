"""What every call shares: one journaled-call pipeline (``run``), which backend answers, retrying when busy,
and checking inputs. "Nothing lost, nothing paid twice" lives in ``run``, for every kind of call:

    replay (answer from the journal only) -> reuse (the saved answer to exactly this request)
    -> resume (a job sent before a restart) -> journal start -> the backend call -> journal done or failed

A new kind of call plugs in with a ``Call`` subclass giving only what is its own; ``run(call)`` does the rest.
For example speech (one request, an audio URL downloaded at once)::

    class SpeechCall(calls.Call):
        kind = "speech"                                  # the journal entry's kind
        def __init__(self, request, backend):            # a frozen request dataclass with .key(backend), .model
            self.request, self.model = request, request.model
            self.key = request.key(backend)              # the request as asked: reuse (and resume) find it here
            self.loose = request_key("speech-loose", "", {"text": request.text})  # replay by the words alone
            self.reuse = True                            # a saved answer to this very request is handed back
        def replay_keys(self, settings):                 # where a recorded live or offline answer is filed
            live = replace(self.request, model=SPEECH_MODEL)  # the live model the recording was made with
            return [live.key("dashscope"), self.request.key("offline")]
        def journal_request(self):                       # what the entry keeps of the request (JSON)
            return asdict(self.request)
        def perform(self, entry, journal, backend):      # the backend call, retried; only for a new entry
            sound = calls.with_retry(lambda: backend.speak(self.request))  # the URL expires: download at once
            path = journal.save_file(entry, sound.data, "wav", folder="sounds")
            return {"audio": path}, Speech(sound.data, call_id=entry["id"])  # (fields saved as done, answer)
        def answer(self, entry, journal, *, reused=False, replayed=False):   # from a saved entry
            data = journal.file_bytes(entry, "audio")
            return None if data is None else Speech(data, call_id=entry["id"], reused=reused, replayed=replayed)

    speech = calls.run(SpeechCall(request, current().backend))

Vision is the same shape as ``text.TextCall``. Long text cut into several requests is one ``run`` per piece, so
every piece is saved (and paid) once. A job the service runs on (pictures, image editing) sets ``resumes = True``,
journals its task id inside ``perform`` as soon as it has one (``journal.update(entry, task_id=...)``), and gives
``resume(entry)`` (take back the saved request) and ``failure(problem, entry)`` (None leaves the job pending for
the next run; else the problem to record). ``pictures.ImageCall`` is the one to extend for image editing: its
``send`` hands the job over; the free-slot waits, the look-ups within budget and the resume come with it.

Data flows one way: public API (``text``, ``pictures``) -> here -> journal -> backend, and back.
"""

from __future__ import annotations

import os
import random
import threading
import time

from .errors import BadInput, KitError, RateLimited, ServiceProblem
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


class Call:
    """One kind of call, for ``run``: the steps it supplies (see the module docstring). Defaults suit a call
    answered at once (text, vision, speech); a job the service runs on sets ``resumes`` and the two hooks."""

    kind: str = "call"
    model: str = ""
    key: str = ""                    # the request as the child asked it, for this backend
    also_keys: tuple[str, ...] = ()  # the same call named another way (e.g. with the seed the kit chose)
    loose: str = ""                  # the words alone, for replay
    reuse: bool = False              # hand back a saved answer to exactly this request instead of calling
    resumes: bool = False            # a pending entry with a task id is a job still running: pick it up

    def replay_keys(self, settings: Settings) -> list[str]:
        return []

    def journal_request(self) -> dict:
        raise NotImplementedError

    def perform(self, entry: dict, journal: Journal, backend) -> tuple[dict, object]:
        """Call the backend; return (fields to journal as done, the answer)."""
        raise NotImplementedError

    def answer(self, entry: dict, journal: Journal, *, reused: bool = False, replayed: bool = False):
        """The answer from a saved entry, or None when what it saved is gone."""
        raise NotImplementedError

    def resume(self, entry: dict) -> None:
        """Take back the request of a job sent before a restart."""

    def failure(self, problem: KitError, entry: dict) -> KitError | None:
        """The problem to record as failed, or None to leave the entry pending (the job runs on)."""
        return problem


_running: set[str] = set()   # calls this kernel is working on now (a job is not "resumed" twice)
_running_lock = threading.Lock()


def run(call: Call, settings: Settings | None = None):
    """Replay, reuse, resume or make the call, with the journal written before and after the backend call."""
    settings = settings or current()
    journal = journal_for(settings)
    if settings.backend == "replay":
        answer = call.answer(find_recorded(journal, call.replay_keys(settings), call.loose), journal,
                             replayed=True)
        if answer is None:
            raise KitError("generic")
        return answer
    saved = journal.find(call.key) if call.reuse or call.resumes else None
    if call.reuse and saved and saved.get("status") == "done":
        answer = call.answer(saved, journal, reused=True)
        if answer is not None:
            return answer
    with _running_lock:
        entry = None
        if (call.resumes and saved and saved.get("status") == "pending" and saved.get("task_id")
                and saved["id"] not in _running):
            entry = saved  # a job sent before a restart: pick it up, do not pay again
            call.resume(entry)
        if entry is None:
            entry = journal.start(kind=call.kind, backend=settings.backend, model=call.model, key=call.key,
                                  loose=call.loose, also_keys=call.also_keys, request=call.journal_request())
        _running.add(entry["id"])
    try:
        fields, answer = call.perform(entry, journal, backend_for(settings))
        journal.update(entry, status="done", **fields)
    except KitError as problem:
        recorded = call.failure(problem, entry)
        if recorded is None:
            raise
        journal.update(entry, status="failed", error={"kind": recorded.kind, "reason": recorded.reason,
                                                      "detail": recorded.detail})
        if recorded is problem:
            raise
        raise recorded from None
    finally:
        with _running_lock:
            _running.discard(entry["id"])
    return answer


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
