"""A local fake of the DashScope REST API (Qwen text, Wanxiang images), speaking the real wire protocol.

Why it exists: tests, benchmarks and offline demos must never reach the internet, yet they should drive the
real ``dashscope`` SDK (and the kit on top of it) through every success and error path. This server answers
the paths the SDK calls with the bodies, headers and SSE framing the real service sends (see
``/work/shared/reference/dashscope-protocol.md`` section 5), deterministically.

Standard library only. Use it in tests::

    with FakeDashScope() as fake:
        dashscope.base_http_api_url = fake.base_url
        dashscope.Generation.call("qwen-plus", prompt="hi", api_key="sk-test-good")

or standalone: ``python tests/fake_dashscope.py --port 8765`` (serves until Ctrl-C; ``--help`` for options).

Magic words in the last user message (text) or in the prompt (images) drive the error paths:

========== ==========================================================================================
DROPME     close the connection without answering (the SDK retries once, then raises ConnectionError)
SLOW       sleep ``slow_seconds`` before answering (for client timeouts)
THROTTLE   429 ``Throttling.RateQuota`` (with ``Retry-After: 1`` only when ``retry_after_header=True``)
SERVERERROR 500 ``InternalError``
ARREARS    400 ``Arrearage``
QUOTA      403 ``AllocationQuota.FreeTierOnly``
BLOCKME    400 ``DataInspectionFailed``; a text stream sends two chunks, then an ``event:error``
BLOCKIMAGE image job ends FAILED with ``output.code == "DataInspectionFailed"`` (HTTP 200 on the poll)
IPBLOCK    image job ends FAILED with ``IPInfringementSuspect``
PARTIALFAIL image job SUCCEEDED with its last result a ``{code, message}`` entry (FAILED when ``n == 1``)
========== ==========================================================================================

The vision route (``multimodal-generation``) takes pictures only as base64 data URLs (it fetches no URL), refuses
one over 10 MB, one that is not a PNG or JPEG and one 10 pixels or less a side, as the service does, and answers
in the "ALT: ... / SEED: ..." shape the kit asks for (with two pictures, "SAME: yes" when they are the same
size, else "no"); a model without ``-vl`` (nor qwen3.5+) is not found there.

A model name containing ``nonexistent`` gives 400 ``InvalidParameter`` "Model not exist.", as does an image model
the text-to-image route does not serve; the wan2.6/2.7 image models (another request format) and the qwen3.5/3.6
models on the text route answer 400 "url error", as the real service does (docs/service-facts.md).

The image2image route (image editing: the child's drawing made into a picture) serves only its own models
(``wan2.5-i2i-preview``, ``wanx2.1-imageedit``) and checks ``input.images`` as the service does: 1 to 3 pictures,
each a URL or a base64 data URL of a PNG or JPEG of at most 10 MB and 384 to 5000 pixels a side.

``account_limits=True`` plays the limits a class meets when it shares one key directly (Model Studio's
rate-limit and asynchronous-task pages): two image jobs running at once for the whole account (more wait
PENDING), two submissions a second and about twenty task look-ups a second (429 ``Throttling.RateQuota`` beyond,
with no ``Retry-After``: no source says the service sends one). Always: a prompt longer than the model reads is
cut without a word (``PROMPT_LIMITS``), and each side of a picture is 512 to 1440 pixels.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import signal
import socket
import struct
import threading
import time
import traceback
import uuid
import zlib
from collections import deque
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:  # annotations only: the module stays standard-library-only at run time
    from typing_extensions import Self

__all__ = ["FakeDashScope", "main", "make_png", "make_wav"]

API_PREFIX = "/api/v1"
GENERATION_PATH = API_PREFIX + "/services/aigc/text-generation/generation"
IMAGE_PATH = API_PREFIX + "/services/aigc/text2image/image-synthesis"
EDIT_PATH = API_PREFIX + "/services/aigc/image2image/image-synthesis"   # image editing from reference pictures
TASKS_PATH = API_PREFIX + "/tasks"
MULTIMODAL_PATH = API_PREFIX + "/services/aigc/multimodal-generation/generation"
MAX_DATA_URI = 10 * 1024 * 1024     # bytes of one base64 data URL the vision route takes
MIN_IMAGE_SIDE = 10                 # a picture's sides must be larger than this
_DATA_URL_RE = re.compile(r"^data:image/(png|jpeg|jpg|webp);base64,(.*)$", re.DOTALL)
_SPEECH_FILE_RE = re.compile(r"^/files/speech-([0-9a-f]+)\.wav$")
# Qwen-TTS on the multimodal route (docs/service-facts.md "Speech in Singapore"): the voices each model reads,
# the per-request limit (each Chinese character counts twice) and the 24 kHz mono WAV it links to.
TTS_MODELS = ("qwen3-tts-flash", "qwen3-tts-instruct-flash", "qwen-tts")
TTS_VOICES = frozenset({"Cherry", "Ethan", "Serena", "Chelsie", "Jennifer", "Ryan", "Nofish", "Katerina", "Elias",
                        "Jada", "Dylan", "Sunny", "Li", "Marcus", "Roy", "Peter", "Rocky", "Kiki", "Eric"})
TTS_LANGUAGES = frozenset({"Auto", "Chinese", "English", "German", "Italian", "Portuguese", "Spanish", "Japanese",
                           "Korean", "French", "Russian"})
TTS_LIMIT = 600
TTS_RATE = 24000
TTS_SECONDS_PER_CHARACTER = 0.05
_TASK_RE = re.compile(r"^/api/v1/tasks/([^/]+)$")
_CANCEL_RE = re.compile(r"^/api/v1/tasks/([^/]+)/cancel$")
_FILE_RE = re.compile(r"^/files/(.+)-(\d+)\.png$")
_SIZE_RE = re.compile(r"^(\d+)\*(\d+)$")

TERMINAL = frozenset({"SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"})
WANX_STYLES = frozenset({
    "<auto>", "<photography>", "<portrait>", "<3d cartoon>", "<anime>", "<oil painting>", "<watercolor>",
    "<sketch>", "<chinese painting>", "<flat illustration>",
})
# Characters each image model reads; the rest is dropped silently (newer API tables: 500 for wan2.2/2.1).
PROMPT_LIMITS = {"wan2.5-t2i-preview": 800, "qwen-image": 800, "z-image-turbo": 800}
PROMPT_LIMIT = 500
_IMAGE_FAMILIES = ("wan", "qwen-image", "z-image")
_OTHER_ROUTE_IMAGE = ("wan2.6-", "wan2.7-")         # image-generation route, messages format
_EDIT_MODELS = ("wan2.5-i2i", "wanx2.1-imageedit")  # what the image2image route serves
_DATA_URL_RE = re.compile(r"^data:image/(png|jpeg|jpg|webp|bmp);base64,([A-Za-z0-9+/=]+)$")
EDIT_IMAGE_BYTES = 10 * 1024 * 1024                 # each input picture: at most 10 MB ...
EDIT_IMAGE_SIDES = (384, 5000)                      # ... and each side 384 to 5000 pixels
_OTHER_ROUTE_TEXT = re.compile(r"^qwen3\.[5-9]")    # served only on the multimodal route
MOODS = ("sunny", "curious", "sleepy", "brave", "silly", "gentle", "bouncy", "dreamy")

# (status, code, message) of every canned error, so tests can import the exact texts.
ERRORS: dict[str, tuple[int, str, str]] = {
    "InvalidApiKey": (401, "InvalidApiKey", "Invalid API-key provided."),
    "NoApiKey": (401, "InvalidApiKey", "No API-key provided."),
    "THROTTLE": (429, "Throttling.RateQuota", "Requests rate limit exceeded, try again later."),
    "SERVERERROR": (500, "InternalError",
                    "An internal error has occured, try again later or contact service support."),
    "ARREARS": (400, "Arrearage", "Access denied, please make sure your account is in good standing."),
    "QUOTA": (403, "AllocationQuota.FreeTierOnly",
              ("The free tier of the model has been exhausted. If you wish to continue access the model on a "
               "paid basis, please disable the \"use free tier only\" mode in the management console.")),
    "BLOCKME": (400, "DataInspectionFailed", "Input data may contain inappropriate content."),
    "BLOCKME_STREAM": (400, "DataInspectionFailed", "Output data may contain inappropriate content."),
    "BLOCKIMAGE": (200, "DataInspectionFailed", "Output data may contain inappropriate content."),
    "IPBLOCK": (200, "IPInfringementSuspect", "Input data is suspected of being involved in IP infringement."),
    "PARTIALFAIL": (200, "InternalError.Timeout",
                    ("An internal error has occured during execution, please try again later or contact "
                     "service support.")),
    "ModelNotExist": (400, "InvalidParameter", "Model not exist."),
    "AccessDenied": (403, "AccessDenied", "current user api does not support synchronous calls"),
    "UrlError": (400, "InvalidParameter", "url error, please check url！"),
    "BadImage": (400, "InvalidParameter", "The image format is illegal and cannot be opened."),
    "DataUriTooBig": (400, "InvalidParameter", f"Exceeded limit on max bytes per data-uri item : {MAX_DATA_URI}"),
    "ImageTooSmall": (400, "InvalidParameter",
                      ("The image length and width do not meet the model restrictions. [height:10 or width:10 "
                      "must be larger than 10]")),
}
_GATEWAY_MAGIC = ("THROTTLE", "SERVERERROR", "ARREARS", "QUOTA")


# --------------------------------------------------------------------------------------------------------
# Small pure helpers


def make_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG (8-bit RGB) of ``rgb`` with a centred square in the complementary colour, built by hand."""
    accent = bytes(255 - c for c in rgb)
    base = bytes(rgb)
    x0, x1 = width // 4, width - width // 4
    y0, y1 = height // 4, height - height // 4
    plain_row = b"\x00" + base * width
    square_row = b"\x00" + base * x0 + accent * (x1 - x0) + base * (width - x1)
    raw = b"".join(square_row if y0 <= y < y1 else plain_row for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


_TOKEN_RE = re.compile(r"\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff"
                       r"\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+)|\s+$")


def make_wav(seconds: float, name: str, rate: int = TTS_RATE) -> bytes:
    """A mono 16-bit WAV of a soft tone (its pitch from ``name``), as long as the reading would be."""
    count = int(seconds * rate)
    step = 200 + _digest(name)[0]
    frames = struct.pack(f"<{count}h", *(((i * step) % 4000) - 2000 for i in range(count)))
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(frames), b"WAVE", b"fmt ", 16, 1, 1, rate,
                         rate * 2, 2, 16, b"data", len(frames))
    return header + frames


def tokenize(text: str) -> list[str]:
    """Split text into pseudo tokens (a word with its leading space, or one CJK character); they join back."""
    return _TOKEN_RE.findall(text)


def _digest(*parts: Any) -> bytes:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _content_text(content: Any) -> str:
    """The text of a message content (a string, or a multimodal list of ``{"text": ...}`` parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


class _Reject(Exception):
    """Raised inside a handler to answer with an error body."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def _invalid(message: str) -> _Reject:
    return _Reject(400, "InvalidParameter", message)


def _canned(name: str) -> _Reject:
    status, code, message = ERRORS[name]
    return _Reject(status, code, message)


# --------------------------------------------------------------------------------------------------------
# The server object


class FakeDashScope:
    """A fake DashScope server on a background thread.

    Options:
        valid_keys: API keys accepted as ``Authorization: Bearer <key>``; ``None`` accepts any non-empty key.
        text_delay: seconds between stream chunks; a non-streaming reply waits this long once.
        image_steps: the states an image job walks through, one per poll (``step_seconds == 0``) or one per
            ``step_seconds`` of elapsed time since submission (``step_seconds > 0``, models real latency).
        image_size: ``(width, height)`` of the served PNGs; ``None`` serves the requested ``size``.
        max_running_jobs: at most this many jobs RUNNING at once (the real account limit is 2); the others
            stay PENDING until a slot frees, first come first served in the timed mode.
        submits_per_second, lookups_per_second: beyond these (in any one second) a submission or a task
            look-up answers 429 ``Throttling.RateQuota``; ``None`` for no limit.
        account_limits: the real account's limits at once: 2 running jobs, 2 submissions and 20 look-ups a
            second (each may still be set on its own).
        retry_after_header: add ``Retry-After: 1`` to 429 answers (the real service is not known to).
        slow_seconds: how long the ``SLOW`` magic word stalls.

    State for assertions (read under no lock; lists and dicts are only appended to or updated in place):
        requests: every request received, as ``{"method", "path", "query", "headers", "json", "time"}`` with
            lower-cased header names and ``json`` the parsed body or ``None``.
        jobs: task id -> job dict (``status``, ``model``, ``prompt``, ``negative_prompt``, ``size``, ``n``,
            ``seed``, ``style``, ``parameters``, ``polls``, ``results`` ...). In timed mode the states advance
            when a request arrives; call ``refresh()`` to bring them up to date before reading.
        max_concurrent_running_seen: highest number of image jobs RUNNING at once.
        max_concurrent_text_seen: highest number of text generation requests being answered at once.
        throttled: how many submissions (``"submit"``) and look-ups (``"lookup"``) were refused with 429.
    """

    def __init__(
        self,
        *,
        valid_keys: Iterable[str] | None = ("sk-test-good",),
        text_delay: float = 0.0,
        image_steps: Iterable[str] = ("PENDING", "RUNNING", "SUCCEEDED"),
        step_seconds: float = 0.0,
        image_size: tuple[int, int] | None = (64, 64),
        max_running_jobs: int | None = None,
        submits_per_second: float | None = None,
        lookups_per_second: float | None = None,
        account_limits: bool = False,
        retry_after_header: bool = False,
        slow_seconds: float = 3.0,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
    ) -> None:
        self.valid_keys = None if valid_keys is None else frozenset(valid_keys)
        self.text_delay = float(text_delay)
        self.image_steps = tuple(image_steps)
        if not self.image_steps:
            raise ValueError("image_steps must name at least one state")
        self.step_seconds = float(step_seconds)
        self.image_size = image_size
        if account_limits:
            max_running_jobs = 2 if max_running_jobs is None else max_running_jobs
            submits_per_second = 2 if submits_per_second is None else submits_per_second
            lookups_per_second = 20 if lookups_per_second is None else lookups_per_second
        self.max_running_jobs = max_running_jobs
        self.submits_per_second = submits_per_second
        self.lookups_per_second = lookups_per_second
        self.retry_after_header = retry_after_header
        self.throttled = {"submit": 0, "lookup": 0}
        self._recent: dict[str, deque] = {"submit": deque(), "lookup": deque()}
        self.slow_seconds = float(slow_seconds)
        self.host = host
        self.port = port
        self.verbose = verbose

        self.requests: list[dict] = []
        self.jobs: dict[str, dict] = {}
        self.speeches: dict[str, int] = {}   # audio id -> characters read (the WAV's length follows)
        self.max_concurrent_running_seen = 0
        self.max_concurrent_text_seen = 0
        self.errors: list[str] = []  # tracebacks of bugs in the fake itself; tests may assert it stays empty

        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._failures: list[dict] = []
        self._drops = 0
        self._running = 0
        self._text_in_flight = 0
        self._connections: set[socket.socket] = set()
        self._png_cache: dict[tuple, bytes] = {}
        self._wall_offset = time.time() - time.monotonic()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------------------------------------

    @property
    def root_url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to put in ``dashscope.base_http_api_url``."""
        return self.root_url + API_PREFIX

    @property
    def api_key(self) -> str:
        """A key the server accepts (the first of ``valid_keys``)."""
        return min(self.valid_keys) if self.valid_keys else "sk-any"

    def start(self) -> FakeDashScope:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        httpd = _Server((self.host, self.port), _Handler)
        httpd.fake = self
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                        name=f"fake-dashscope-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake sleeping handlers, close open keep-alive connections, join the thread."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- controls for tests ----------------------------------------------------------------------------

    def set_failures(self, n: int, status: int, code: str, message: str, paths: str | Iterable[str] = "any"):
        """Make the next ``n`` matching API requests fail with ``status`` and ``{"code", "message"}``.

        ``paths``: ``"any"`` (every ``/api/v1`` request), ``"text"`` (generation), ``"image"`` (job
        submission), ``"tasks"`` (polls, cancel, list), ``"files"`` (downloads), or any substring of the
        path; or a list of those. A 429 also carries ``Retry-After: 1``. Authentication is checked first.
        """
        patterns = [paths] if isinstance(paths, str) else list(paths)
        with self._lock:
            self._failures.append({"left": int(n), "status": int(status), "code": code, "message": message,
                                   "paths": patterns})

    def drop_next(self, n: int = 1) -> None:
        """Close the connection of the next ``n`` requests (any path) without answering."""
        with self._lock:
            self._drops += int(n)

    def reset(self) -> None:
        """Forget recorded requests, jobs, pending failures and drops (the counters too)."""
        with self._lock:
            self.requests.clear()
            self.jobs.clear()
            self._failures.clear()
            self._drops = 0
            self._running = 0
            self.throttled = {"submit": 0, "lookup": 0}
            for recent in self._recent.values():
                recent.clear()
            self.max_concurrent_running_seen = 0
            self.max_concurrent_text_seen = 0

    def requests_to(self, fragment: str) -> list[dict]:
        """The recorded requests whose path contains ``fragment``."""
        with self._lock:
            return [r for r in self.requests if fragment in r["path"]]

    def refresh(self) -> None:
        """Bring the timed job states up to now (they otherwise advance when a request arrives)."""
        with self._lock:
            self._advance_timed(time.monotonic())

    # ---- internals used by the handler -----------------------------------------------------------------

    def _record(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)

    def _take_drop(self) -> bool:
        with self._lock:
            if self._drops > 0:
                self._drops -= 1
                return True
            return False

    def _take_failure(self, path: str) -> dict | None:
        with self._lock:
            for rule in self._failures:
                if rule["left"] > 0 and any(_path_matches(p, path) for p in rule["paths"]):
                    rule["left"] -= 1
                    return rule
            self._failures = [r for r in self._failures if r["left"] > 0]
            return None

    def _within_rate(self, kind: str) -> bool:
        """Count one request of ``kind`` against its per-second limit; False (and counted as throttled) beyond."""
        limit = self.submits_per_second if kind == "submit" else self.lookups_per_second
        if limit is None:
            return True
        now = time.monotonic()
        with self._lock:
            recent = self._recent[kind]
            while recent and recent[0] <= now - 1.0:
                recent.popleft()
            if len(recent) >= limit:
                self.throttled[kind] += 1
                return False
            recent.append(now)
            return True

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _wall(self, monotonic_at: float) -> str:
        at = monotonic_at + self._wall_offset
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at)) + f".{int(at * 1000) % 1000:03d}"

    def _text_enter(self) -> None:
        with self._lock:
            self._text_in_flight += 1
            self.max_concurrent_text_seen = max(self.max_concurrent_text_seen, self._text_in_flight)

    def _text_exit(self) -> None:
        with self._lock:
            self._text_in_flight -= 1

    # ---- image job state machine (call with the lock held) ---------------------------------------------

    @staticmethod
    def _is_running_state(state: str) -> bool:
        return state != "PENDING" and state not in TERMINAL

    def _new_job(self, *, model: str, prompt: str, negative_prompt: Any, size: str, n: int, seed: Any,
                 style: Any, parameters: dict) -> dict:
        now = time.monotonic()
        outcome = None
        for word in ("BLOCKIMAGE", "IPBLOCK"):
            if word in prompt:
                outcome = ERRORS[word]
                break
        task_id = str(uuid.uuid4())
        read = prompt[: PROMPT_LIMITS.get(model, PROMPT_LIMIT)]  # the service cuts the rest without a word
        job = {
            "task_id": task_id, "model": model, "prompt": read, "sent_prompt": prompt,
            "negative_prompt": negative_prompt,
            "size": size, "n": n, "seed": seed, "style": style, "parameters": parameters,
            "status": "PENDING", "polls": 0, "idx": -1, "since": now, "blocked": False, "running": False,
            "submitted_at": now, "submit_time": self._wall(now), "scheduled_time": None, "end_time": None,
            "fail": outcome, "partial": "PARTIALFAIL" in prompt, "code": None, "message": None,
            "results": None, "image_count": None,
        }
        self.jobs[task_id] = job
        return job

    def _step(self, job: dict, at: float) -> bool:
        """Move ``job`` one state forward at monotonic time ``at``; False if it is at its last state or must
        wait for a running slot (then it is marked ``blocked``)."""
        last = len(self.image_steps) - 1
        if job["status"] in TERMINAL or job["idx"] >= last:
            return False
        nxt = self.image_steps[job["idx"] + 1]
        needs_slot = not job["running"] and self._is_running_state(nxt)
        if needs_slot and self.max_running_jobs is not None and self._running >= self.max_running_jobs:
            job["blocked"] = True
            return False
        job["blocked"] = False
        if needs_slot:
            job["running"] = True
            self._running += 1
            self.max_concurrent_running_seen = max(self.max_concurrent_running_seen, self._running)
        if job["running"] and not self._is_running_state(nxt):
            job["running"] = False
            self._running -= 1
        job["idx"] += 1
        job["since"] = at
        if nxt != "PENDING" and job["scheduled_time"] is None:
            job["scheduled_time"] = self._wall(at)
        if nxt in TERMINAL:
            self._finish(job, nxt, at)
        else:
            job["status"] = nxt
        return True

    def _finish(self, job: dict, state: str, at: float) -> None:
        job["end_time"] = self._wall(at)
        n = job["n"]
        if state == "SUCCEEDED" and job["fail"] is not None:
            state = "FAILED"
            _, job["code"], job["message"] = job["fail"]
        elif state == "SUCCEEDED" and job["partial"] and n == 1:
            state = "FAILED"
            _, job["code"], job["message"] = ERRORS["PARTIALFAIL"]
        elif state == "FAILED":
            job["code"], job["message"] = ERRORS["SERVERERROR"][1:]
        if state == "SUCCEEDED":
            extend = job["parameters"].get("prompt_extend", True) is not False
            expires = int(at + self._wall_offset) + 86400
            results: list[dict] = []
            for i in range(n):
                if job["partial"] and i == n - 1:
                    _, code, message = ERRORS["PARTIALFAIL"]
                    results.append({"code": code, "message": message})
                    continue
                item = {"url": f"{self.root_url}/files/{job['task_id']}-{i}.png?Expires={expires}"
                               f"&OSSAccessKeyId=fake&Signature=fake",
                        "orig_prompt": job["sent_prompt"]}
                if extend:
                    item["actual_prompt"] = job["prompt"] + ", detailed, vivid"
                results.append(item)
            job["results"] = results
            job["image_count"] = sum(1 for r in results if "url" in r)
        job["status"] = state

    def _advance_polled(self, job: dict) -> None:
        """Per-poll mode: every poll moves the job one state on (if a slot allows)."""
        job["polls"] += 1
        self._step(job, time.monotonic())

    def _advance_timed(self, now: float) -> None:
        """Timed mode: replay, in time order, every state change due by ``now``; a freed slot goes to the
        longest-waiting blocked job at the moment it frees."""
        if self.step_seconds <= 0:
            return
        last = len(self.image_steps) - 1
        while True:
            best, best_at = None, 0.0
            for job in self.jobs.values():
                if job["status"] in TERMINAL or job["blocked"] or job["idx"] >= last:
                    continue
                due = job["since"] if job["idx"] < 0 else job["since"] + self.step_seconds
                if due <= now and (best is None or due < best_at):
                    best, best_at = job, due
            if best is None:
                return
            running_before = self._running
            if not self._step(best, best_at) and not best["blocked"]:
                return  # cannot happen, but never spin
            if self._running < running_before:
                for job in self.jobs.values():
                    if job["blocked"] and job["status"] not in TERMINAL and not self._step(job, best_at):
                        break

    def _job_output(self, job: dict) -> tuple[dict, dict | None]:
        state = job["status"]
        out: dict[str, Any] = {"task_id": job["task_id"], "task_status": state, "submit_time": job["submit_time"]}
        if job["scheduled_time"] is not None:
            out["scheduled_time"] = job["scheduled_time"]
        if job["end_time"] is not None:
            out["end_time"] = job["end_time"]
        if state == "FAILED":
            out["code"], out["message"] = job["code"], job["message"]
        if state == "SUCCEEDED":
            out["results"] = job["results"]
        done = job["image_count"] if state == "SUCCEEDED" else 0
        failed = job["n"] - done if state in ("SUCCEEDED", "FAILED") else 0
        out["task_metrics"] = {"TOTAL": job["n"], "SUCCEEDED": done, "FAILED": failed}
        usage = {"image_count": job["image_count"]} if state == "SUCCEEDED" else None
        return out, usage

    def _png_for(self, task_id: str, index: int) -> bytes | None:
        with self._lock:
            job = self.jobs.get(task_id)
            if job is None or job["status"] != "SUCCEEDED" or index >= len(job["results"] or ()):
                return None
            if "url" not in job["results"][index]:
                return None
            seed = job["seed"]
            key_parts = (job["prompt"], job["negative_prompt"], job["style"], job["model"],
                         None if seed is None else seed + index, index)
            if self.image_size is None:
                w, h = (int(v) for v in job["size"].split("*"))
            else:
                w, h = self.image_size
        rgb = tuple(_digest(*key_parts)[:3])
        cache_key = (w, h, rgb)
        with self._lock:
            cached = self._png_cache.get(cache_key)
        if cached is None:
            cached = make_png(w, h, rgb)  # type: ignore[arg-type]
            with self._lock:
                if len(self._png_cache) > 256:
                    self._png_cache.clear()
                self._png_cache[cache_key] = cached
        return cached


def _check_edit_images(images: Any) -> list[dict]:
    """The image2image route's ``input.images``: 1 to 3 pictures, each an http(s) URL or a base64 data URL of a
    real picture of at most 10 MB and 384 to 5000 pixels a side. What the job keeps of each: kind, bytes, size."""
    import base64
    import binascii

    if not isinstance(images, list) or not 1 <= len(images) <= 3:
        raise _invalid("input.images must be a list of 1 to 3 pictures.")
    kept = []
    for image in images:
        if isinstance(image, str) and image.startswith(("http://", "https://", "oss://")):
            kept.append({"kind": "url"})
            continue
        match = _DATA_URL_RE.match(image) if isinstance(image, str) else None
        if not match:
            raise _invalid("input.images: each picture must be a URL or a data:image/...;base64, URL.")
        try:
            data = base64.b64decode(match.group(2), validate=True)
        except binascii.Error:
            raise _invalid("input.images: the base64 data is damaged.") from None
        if len(data) > EDIT_IMAGE_BYTES:
            raise _invalid("input.images: a picture is larger than 10 MB.")
        if not data.startswith(b"\x89PNG\r\n\x1a\n") and not data.startswith(b"\xff\xd8\xff"):
            raise _invalid("input.images: the data is not a PNG or JPEG picture.")
        size = struct.unpack(">II", data[16:24]) if data.startswith(b"\x89PNG") else None
        low, high = EDIT_IMAGE_SIDES
        if size and not all(low <= side <= high for side in size):
            raise _invalid(f"input.images: each side must be {low} to {high} pixels, not {size[0]}x{size[1]}.")
        kept.append({"kind": "data", "bytes": len(data), "size": list(size) if size else None,
                     "digest": hashlib.sha256(data).hexdigest()[:16]})
    return kept


def _path_matches(pattern: str, path: str) -> bool:
    if pattern == "any":
        return path.startswith(API_PREFIX + "/")
    alias = {"text": "/text-generation/", "image": "/image-synthesis", "tasks": TASKS_PATH}.get(pattern)
    return (alias or pattern) in path


# --------------------------------------------------------------------------------------------------------
# Text generation: the reply a fake Qwen writes


def compose_reply(model: str, messages: list[dict], params: dict, choice: int = 0) -> tuple[str, str]:
    """A deterministic reply and its finish reason: it echoes the last user message, shows the system prompt
    and the sampling parameters, and honours ``stop`` and ``max_tokens`` the way a model would."""
    system = next((_content_text(m.get("content")) for m in messages if m.get("role") == "system"), "")
    users = [_content_text(m.get("content")) for m in messages if m.get("role") == "user"]
    last_user = users[-1] if users else ""
    tags = [f"model={model}"]
    if len(users) > 1:
        tags.append(f"turn={len(users)}")
    if params.get("temperature") is not None:
        tags.append(f"temperature={params['temperature']:g}")
    if params.get("top_p") is not None:
        tags.append(f"top_p={params['top_p']:g}")
    if params.get("seed") is not None:
        tags.append(f"seed={params['seed']}")
    mood = MOODS[_digest(last_user, system, params.get("seed"), params.get("temperature"), choice)[0]
                 % len(MOODS)]
    tags.append(f"mood={mood}")
    head = f"[system: {system}] " if system else ""
    text = f"{head}Fake Qwen says: {last_user} ({', '.join(tags)})"
    fmt = params.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_object":
        text = json.dumps({"reply": text, "mood": mood}, ensure_ascii=False)
    finish = "stop"
    stop = params.get("stop")
    stops = [stop] if isinstance(stop, str) else [s for s in stop or () if isinstance(s, str)]
    cuts = [text.find(s) for s in stops if s and s in text]
    if cuts:
        text = text[: min(cuts)]
    max_tokens = params.get("max_tokens")
    if _is_int(max_tokens):
        tokens = tokenize(text)
        if len(tokens) > max_tokens:
            text, finish = "".join(tokens[:max_tokens]), "length"
    return text, finish


def _check_text_parameters(params: dict) -> None:
    def check(name: str, ok: Any, message: str) -> None:
        if name in params and params[name] is not None and not ok(params[name]):
            raise _invalid(message)

    check("temperature", lambda v: _is_number(v) and 0 <= v < 2, "Range of temperature should be [0.0, 2.0)")
    check("top_p", lambda v: _is_number(v) and 0 < v <= 1, "Range of top_p should be (0.0, 1.0]")
    check("top_k", lambda v: _is_int(v) and v >= 0, "Parameter top_k should be greater than or equal to 0")
    check("max_tokens", lambda v: _is_int(v) and 1 <= v <= 8192, "Range of max_tokens should be [1, 8192]")
    check("n", lambda v: _is_int(v) and 1 <= v <= 4, "Range of n should be [1, 4]")
    check("seed", lambda v: _is_int(v) and 0 <= v <= 2**63 - 1, "Range of seed should be [0, 9223372036854775807]")
    check("presence_penalty", lambda v: _is_number(v) and -2 <= v <= 2,
          "Range of presence_penalty should be [-2.0, 2.0]")
    check("repetition_penalty", lambda v: _is_number(v) and v > 0,
          "Parameter repetition_penalty should be greater than 0.0")


# --------------------------------------------------------------------------------------------------------
# HTTP plumbing


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    fake: FakeDashScope


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeDashScope/1.0"
    sys_version = ""
    timeout = 120  # idle keep-alive connections end by themselves
    server: _Server

    # ---- connection bookkeeping, so stop() can close idle keep-alive connections ----

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle + delayed ACK add ~40 ms per reply.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.fake._lock:
            self.server.fake._connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        with self.server.fake._lock:
            self.server.fake._connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.fake.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    # ---- reading and writing ----

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send_bytes(self, status: int, content_type: str, data: bytes,
                    headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_json(self, status: int, obj: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self._send_bytes(status, "application/json; charset=utf-8", data, headers)

    def _send_error_body(self, status: int, code: str, message: str,
                         headers: dict[str, str] | None = None) -> None:
        self._send_json(status, {"request_id": str(uuid.uuid4()), "code": code, "message": message}, headers)

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    # ---- routing ----

    def _dispatch(self) -> None:
        fake = self.server.fake
        self._streaming = False
        split = urlsplit(self.path)
        path = re.sub(r"/{2,}", "/", split.path)
        if path != "/" and path.endswith("/"):
            path = path[:-1]
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            return
        body: Any = None
        bad_json = False
        if raw:
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                bad_json = True
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake._record({"method": self.command, "path": path, "query": parse_qs(split.query),
                      "headers": headers, "json": body, "time": time.time()})
        if fake._take_drop():
            self._drop()
            return
        try:
            self._route(path, split.query, headers, body, bad_json)
        except _Reject as rej:
            headers = {**rej.headers, **self._retry_after(rej.status)}
            self._send_error_body(rej.status, rej.code, rej.message, headers)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # noqa: BLE001 - a bug in the fake: say so loudly instead of dropping the connection
            report = traceback.format_exc()
            with fake._lock:
                fake.errors.append(report)
            self.close_connection = True
            if not self._streaming:
                self._send_error_body(500, "FakeServerBug", report)

    def _retry_after(self, status: int) -> dict[str, str]:
        return {"Retry-After": "1"} if status == 429 and self.server.fake.retry_after_header else {}

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _route(self, path: str, query: str, headers: dict, body: Any, bad_json: bool) -> None:
        fake = self.server.fake
        method = self.command
        speech_match = _SPEECH_FILE_RE.match(path)
        if speech_match and method in ("GET", "HEAD"):
            self._serve_speech(speech_match.group(1))
            return
        file_match = _FILE_RE.match(path)
        if file_match:
            if method not in ("GET", "HEAD"):
                raise _Reject(405, "MethodNotAllowed", f"Method {method} is not allowed.")
            rule = fake._take_failure(path)
            if rule:
                raise _Reject(rule["status"], rule["code"], rule["message"], self._retry_after(rule["status"]))
            self._serve_file(file_match.group(1), int(file_match.group(2)))
            return

        task_match, cancel_match = _TASK_RE.match(path), _CANCEL_RE.match(path)
        routes = {GENERATION_PATH: "POST", IMAGE_PATH: "POST", EDIT_PATH: "POST", TASKS_PATH: "GET",
                  MULTIMODAL_PATH: "POST"}
        if path in routes:
            wanted = routes[path]
        elif task_match:
            wanted = "GET"
        elif cancel_match:
            wanted = "POST"
        else:
            raise _Reject(404, "NotFound", f"The requested path {path} was not found.")
        if method != wanted:
            raise _Reject(405, "MethodNotAllowed", f"Method {method} is not allowed on {path}.")

        self._authenticate(headers)
        rule = fake._take_failure(path)
        if rule:
            raise _Reject(rule["status"], rule["code"], rule["message"], self._retry_after(rule["status"]))
        if path in (IMAGE_PATH, EDIT_PATH) and headers.get("x-dashscope-async", "").lower() != "enable":
            raise _canned("AccessDenied")
        if bad_json:
            raise _invalid("The request body is not valid JSON.")

        if path == GENERATION_PATH:
            self._generation(headers, body)
        elif path == MULTIMODAL_PATH:
            model = body.get("model") if isinstance(body, dict) else None
            if isinstance(model, str) and model.startswith(TTS_MODELS):   # Qwen-TTS shares the multimodal route
                self._speech(body)
            else:
                try:
                    self._multimodal(body)
                except _Dropped:
                    pass
        elif path == IMAGE_PATH:
            self._submit_image(body)
        elif path == EDIT_PATH:
            self._submit_image(body, edit=True)
        elif path == TASKS_PATH:
            self._list_tasks(parse_qs(query))
        elif cancel_match:
            self._cancel(cancel_match.group(1))
        else:
            self._task(task_match.group(1))  # type: ignore[union-attr]

    def _authenticate(self, headers: dict) -> str:
        auth = headers.get("authorization", "").strip()
        scheme, _, key = auth.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            raise _canned("NoApiKey")
        valid = self.server.fake.valid_keys
        if valid is not None and key not in valid:
            raise _canned("InvalidApiKey")
        return key

    def _gateway_magic(self, text: str) -> None:
        """The magic words that act before the model sees anything: drop, stall, throttle, bill."""
        fake = self.server.fake
        if "DROPME" in text:
            self._drop()
            raise _Dropped
        if "SLOW" in text:
            fake._sleep(fake.slow_seconds)
        for word in _GATEWAY_MAGIC:
            if word in text:
                raise _canned(word)

    # ---- text generation ----

    def _generation(self, headers: dict, body: Any) -> None:
        fake = self.server.fake
        fake._text_enter()
        try:
            self._generation_inner(headers, body)
        except _Dropped:
            pass
        finally:
            fake._text_exit()

    def _generation_inner(self, headers: dict, body: Any) -> None:
        fake = self.server.fake
        if not isinstance(body, dict):
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise _Reject(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')
        params = body.get("parameters") or {}
        if not isinstance(params, dict):
            raise _invalid("parameters must be an object")
        inp = body.get("input")
        messages: list[dict]
        if isinstance(inp, dict) and inp.get("messages"):
            messages = inp["messages"]
            if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
                raise _invalid("messages must be a list of objects")
        elif isinstance(inp, dict) and isinstance(inp.get("prompt"), str) and inp["prompt"]:
            messages = [{"role": "user", "content": inp["prompt"]}]
        else:
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        users = [m for m in messages if m.get("role") == "user"]
        last_user = _content_text(users[-1].get("content")) if users else ""

        self._gateway_magic(last_user)
        if "nonexistent" in model.lower():
            raise _canned("ModelNotExist")
        if _OTHER_ROUTE_TEXT.match(model):
            raise _canned("UrlError")
        for m in messages:
            if m.get("role") not in ("system", "user", "assistant", "tool"):
                raise _invalid("Role must be in [system, user, assistant, tool]")
            if not isinstance(m.get("content"), str):
                raise _invalid("input content must be a string")
        if not users:
            raise _invalid("messages must contain at least one user message")
        _check_text_parameters(params)
        stream = headers.get("x-dashscope-sse", "").lower() == "enable"
        if "BLOCKME" in last_user and not stream:
            raise _canned("BLOCKME")

        as_message = params.get("result_format") == "message"
        input_tokens = sum(len(tokenize(_content_text(m.get("content")))) for m in messages)
        request_id = str(uuid.uuid4())
        if stream:
            self._stream(model, messages, params, as_message, input_tokens, request_id,
                         blocked="BLOCKME" in last_user)
            return

        fake._sleep(fake.text_delay)
        n = params.get("n") or 1
        replies = [compose_reply(model, messages, params, choice=i) for i in range(n if as_message else 1)]
        output_tokens = sum(len(tokenize(text)) for text, _ in replies)
        if as_message:
            choices = [{"finish_reason": finish, "message": {"role": "assistant", "content": text}}
                       for text, finish in replies]
            if n > 1:
                for i, choice in enumerate(choices):
                    choice["index"] = i
            output: dict = {"choices": choices}
        else:
            output = {"finish_reason": replies[0][1], "text": replies[0][0]}
        self._send_json(200, {"output": output, "usage": {"input_tokens": input_tokens,
                                                          "output_tokens": output_tokens,
                                                          "total_tokens": input_tokens + output_tokens},
                              "request_id": request_id})

    def _stream(self, model: str, messages: list[dict], params: dict, as_message: bool, input_tokens: int,
                request_id: str, blocked: bool) -> None:
        fake = self.server.fake
        text, finish = compose_reply(model, messages, params)
        pieces = tokenize(text) or [""]
        incremental = params.get("incremental_output") is True
        self._streaming = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream;charset=UTF-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        limit = min(2, len(pieces) - 1) if blocked else len(pieces)
        try:
            for i in range(limit):
                if i:
                    fake._sleep(fake.text_delay)
                content = pieces[i] if incremental else "".join(pieces[: i + 1])
                reason = finish if (i == len(pieces) - 1) else "null"
                if as_message:
                    output: dict = {"choices": [{"message": {"content": content, "role": "assistant"},
                                                 "finish_reason": reason}]}
                else:
                    output = {"text": content, "finish_reason": reason}
                event = {"output": output, "usage": {"total_tokens": input_tokens + i + 1,
                                                     "output_tokens": i + 1, "input_tokens": input_tokens},
                         "request_id": request_id}
                data = json.dumps(event, ensure_ascii=False)
                self._write_chunk(f"id:{i + 1}\nevent:result\n:HTTP_STATUS/200\ndata:{data}\n\n".encode())
            if blocked:
                fake._sleep(fake.text_delay)
                _, code, message = ERRORS["BLOCKME_STREAM"]
                data = json.dumps({"code": code, "message": message, "request_id": request_id})
                self._write_chunk(f"id:{limit + 1}\nevent:error\n:HTTP_STATUS/400\ndata:{data}\n\n".encode())
            self._write_chunk(b"")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # ---- vision (multimodal-generation): a picture in the message's content list ----

    def _multimodal(self, body: Any) -> None:
        if not isinstance(body, dict) or not isinstance(body.get("input"), dict):
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise _Reject(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')
        messages = body["input"].get("messages")
        if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) for m in messages):
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        users = [m for m in messages if m.get("role") == "user"]
        text = _content_text(users[-1].get("content")) if users else ""
        self._gateway_magic(text)
        if "nonexistent" in model.lower() or not ("-vl" in model or _OTHER_ROUTE_TEXT.match(model)):
            raise _canned("ModelNotExist")
        sizes = []
        for message in messages:
            content = message.get("content")
            if isinstance(content, str):
                continue
            if not isinstance(content, list) or not all(isinstance(p, dict) for p in content):
                raise _invalid("content must be a string or a list of objects")
            for part in content:
                if "image" in part:
                    sizes.append(self._image_part(part["image"]))
                elif not isinstance(part.get("text"), str):
                    raise _invalid("each content item must have text or image")
        if "BLOCKME" in text:
            raise _canned("BLOCKME")
        seen = ", ".join(f"{w}x{h}" for w, h in sizes) or "no picture"
        mood = MOODS[_digest(model, text, seen)[0] % len(MOODS)]
        answer = (f"ALT: A {mood} picture, {seen} pixels.\nSEED: I see a {mood} picture ({model}). "
                  "Who lives here, and what will they do next?")
        if len(sizes) >= 2:   # asked to compare with a hero picture: "the same" when the two are the same size
            answer += f"\nSAME: {'yes' if sizes[0] == sizes[1] else 'no'}"
        image_tokens = sum(w * h // 784 for w, h in sizes)
        input_tokens = len(tokenize(text)) + image_tokens
        output_tokens = len(tokenize(answer))
        self._send_json(200, {"output": {"choices": [{"finish_reason": "stop", "message": {
            "role": "assistant", "content": [{"text": answer}]}}]},
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens, "image_tokens": image_tokens,
                      "total_tokens": input_tokens + output_tokens},
            "request_id": str(uuid.uuid4())})

    @staticmethod
    def _image_part(value: Any) -> tuple[int, int]:
        """Width and height of a data-URL picture, refused as the service does (too big, not a picture, tiny)."""
        import base64
        import binascii

        if not isinstance(value, str):
            raise _canned("BadImage")
        if len(value) > MAX_DATA_URI:
            raise _canned("DataUriTooBig")
        match = _DATA_URL_RE.match(value)
        if not match:
            raise _canned("BadImage")  # the fake fetches no URLs: tests never leave 127.0.0.1
        try:
            raw = base64.b64decode(match.group(2), validate=True)
        except (binascii.Error, ValueError):
            raise _canned("BadImage") from None
        if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) >= 24:
            width, height = struct.unpack(">II", raw[16:24])
        elif raw[:3] == b"\xff\xd8\xff":
            width = height = MIN_IMAGE_SIDE + 1   # JPEG sizes hide deeper: accepted as fine
        else:
            raise _canned("BadImage")
        if width <= MIN_IMAGE_SIDE or height <= MIN_IMAGE_SIDE:
            raise _canned("ImageTooSmall")
        return width, height

    # ---- images ----

    def _submit_image(self, body: Any, *, edit: bool = False) -> None:
        """A text-to-image job, or (``edit``) an image2image job: 1 to 3 reference pictures in ``input.images``."""
        fake = self.server.fake
        if not isinstance(body, dict):
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        inp = body.get("input") if isinstance(body.get("input"), dict) else {}
        prompt = inp.get("prompt")
        try:
            self._gateway_magic(prompt if isinstance(prompt, str) else "")
        except _Dropped:
            return
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise _Reject(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')
        if "nonexistent" in model.lower() or not model.startswith(_IMAGE_FAMILIES):
            raise _canned("ModelNotExist")
        if edit != model.startswith(_EDIT_MODELS):  # each route serves its own models
            raise _canned("ModelNotExist")
        if model.startswith(_OTHER_ROUTE_IMAGE):
            raise _canned("UrlError")
        if not isinstance(prompt, str) or not prompt.strip():
            raise _invalid("Required parameter(prompt) missing or invalid, please check the request parameters.")
        params = body.get("parameters") or {}
        if not isinstance(params, dict):
            raise _invalid("parameters must be an object")
        size = params.get("size", "1024*1024")
        size_match = _SIZE_RE.match(size) if isinstance(size, str) else None
        if not size_match or not all(512 <= int(side) <= 1440 for side in size_match.groups()):
            raise _invalid(f"The size is not match the allowed size: {size!r}; write W*H, each side 512-1440.")
        n = params.get("n", 4)
        if not _is_int(n) or not 1 <= n <= 4:
            raise _invalid("Range of n should be [1, 4]")
        seed = params.get("seed")
        if seed is not None and (not _is_int(seed) or not 0 <= seed <= 2147483647):
            raise _invalid("Range of seed should be [0, 2147483647]")
        images = _check_edit_images(inp.get("images")) if edit else None
        style = params.get("style")
        if style is not None and style not in WANX_STYLES:
            raise _invalid(f"Parameter style {style!r} is not supported.")
        if "BLOCKME" in prompt:
            raise _canned("BLOCKME")
        if not fake._within_rate("submit"):
            raise _canned("THROTTLE")
        with fake._lock:
            job = fake._new_job(model=model, prompt=prompt, negative_prompt=inp.get("negative_prompt"),
                                size=size, n=n, seed=seed, style=style, parameters=dict(params))
            if images is not None:
                job["images"] = images
            fake._advance_timed(time.monotonic())
        self._send_json(200, {"output": {"task_status": "PENDING", "task_id": job["task_id"]},
                              "request_id": str(uuid.uuid4())})

    def _task(self, task_id: str) -> None:
        fake = self.server.fake
        if not fake._within_rate("lookup"):
            raise _canned("THROTTLE")
        with fake._lock:
            job = fake.jobs.get(task_id)
            if job is not None:
                if fake.step_seconds > 0:
                    job["polls"] += 1
                    fake._advance_timed(time.monotonic())
                else:
                    fake._advance_polled(job)
                output, usage = fake._job_output(job)
            else:
                output, usage = {"task_id": task_id, "task_status": "UNKNOWN"}, None
        reply: dict = {"request_id": str(uuid.uuid4()), "output": output}
        if usage is not None:
            reply["usage"] = usage
        self._send_json(200, reply)

    def _cancel(self, task_id: str) -> None:
        fake = self.server.fake
        with fake._lock:
            fake._advance_timed(time.monotonic())
            job = fake.jobs.get(task_id)
            if job is None or job["status"] != "PENDING":
                raise _Reject(400, "UnsupportedOperation",
                              "Failed to cancel the task, please confirm if the task is in PENDING status.")
            now = time.monotonic()
            job["blocked"] = False
            job["status"] = "CANCELED"
            job["end_time"] = fake._wall(now)
        self._send_json(200, {"request_id": str(uuid.uuid4())})

    def _list_tasks(self, query: dict) -> None:
        fake = self.server.fake

        def first(name: str, default: str) -> str:
            return query.get(name, [default])[0]

        try:
            page_no = max(1, int(first("page_no", "1")))
            page_size = max(1, min(100, int(first("page_size", "10"))))
        except ValueError:
            raise _invalid("page_no and page_size must be integers") from None
        status, model_name = first("status", ""), first("model_name", "")
        with fake._lock:
            fake._advance_timed(time.monotonic())
            rows = [{"task_id": j["task_id"], "task_status": j["status"], "model_name": j["model"],
                     "gmt_create": j["submit_time"], "end_time": j["end_time"]}
                    for j in fake.jobs.values()
                    if (not status or j["status"] == status) and (not model_name or j["model"] == model_name)]
        rows.reverse()  # newest first, like the console
        page = rows[(page_no - 1) * page_size: page_no * page_size]
        self._send_json(200, {"request_id": str(uuid.uuid4()), "data": page, "total": len(rows),
                              "total_page": (len(rows) + page_size - 1) // page_size,
                              "page_no": page_no, "page_size": page_size})

    def _serve_file(self, task_id: str, index: int) -> None:
        data = self.server.fake._png_for(task_id, index)
        if data is None:
            xml = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                   b"<Message>The specified key does not exist.</Message></Error>")
            self._send_bytes(404, "application/xml", xml)
            return
        self._send_bytes(200, "image/png", data)


    # ---- speech (Qwen-TTS) ----

    def _speech(self, body: Any) -> None:
        """One text read aloud: the answer links a WAV (``output.audio.url``), as the service does."""
        fake = self.server.fake
        if not isinstance(body, dict):
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        inp = body.get("input") if isinstance(body.get("input"), dict) else {}
        text = inp.get("text")
        try:
            self._gateway_magic(text if isinstance(text, str) else "")
        except _Dropped:
            return
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise _Reject(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')
        if "nonexistent" in model.lower():
            raise _canned("ModelNotExist")
        if not model.startswith(TTS_MODELS):
            raise _invalid("This fake serves only Qwen-TTS on the multimodal route: input.text, voice.")
        if not isinstance(text, str) or not text.strip():
            raise _Reject(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")
        characters = len(text) + sum(1 for c in text if "\u3400" <= c <= "\u9fff")
        if characters > TTS_LIMIT:
            raise _invalid(f"Range of input length should be [1, {TTS_LIMIT}]")
        voice = inp.get("voice")
        if voice not in TTS_VOICES:
            raise _invalid(f"Voice '{voice}' is not supported.")
        language = inp.get("language_type", "Auto")
        if language not in TTS_LANGUAGES:
            raise _invalid(f"language_type '{language}' is not supported.")
        if "BLOCKME" in text:
            raise _canned("BLOCKME")
        audio_id = _digest(model, text, voice, language).hex()[:24]
        with fake._lock:
            fake.speeches[audio_id] = characters
        self._send_json(200, {
            "output": {"finish_reason": "stop",
                       "audio": {"data": "", "id": f"audio_{audio_id}", "expires_at": int(time.time()) + 86400,
                                 "url": f"{fake.root_url}/files/speech-{audio_id}.wav"}},
            "usage": {"characters": characters}, "request_id": str(uuid.uuid4())})

    def _serve_speech(self, audio_id: str) -> None:
        characters = self.server.fake.speeches.get(audio_id)
        if characters is None:
            xml = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                   b"<Message>The specified key does not exist.</Message></Error>")
            self._send_bytes(404, "application/xml", xml)
            return
        self._send_bytes(200, "audio/wav", make_wav(characters * TTS_SECONDS_PER_CHARACTER, audio_id))


class _Dropped(Exception):
    """The connection was dropped on purpose; nothing more to send."""


# --------------------------------------------------------------------------------------------------------
# Standalone use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a fake DashScope API on this machine until Ctrl-C.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--key", action="append", dest="keys", metavar="KEY",
                        help="an accepted API key (repeatable; default sk-test-good)")
    parser.add_argument("--any-key", action="store_true", help="accept any non-empty API key")
    parser.add_argument("--text-delay", type=float, default=0.0, help="seconds between stream chunks")
    parser.add_argument("--steps", default="PENDING,RUNNING,SUCCEEDED", help="image job states, comma separated")
    parser.add_argument("--step-seconds", type=float, default=0.0,
                        help="seconds per image state (0: one state per poll)")
    parser.add_argument("--image-size", default="64x64", help="WxH of served PNGs, or 'request' for the asked size")
    parser.add_argument("--max-running-jobs", type=int, default=None)
    parser.add_argument("--account-limits", action="store_true",
                        help="play one account's limits: 2 running jobs, 2 submissions and 20 look-ups a second")
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    image_size = None if args.image_size == "request" else tuple(int(v) for v in args.image_size.split("x"))
    keys = None if args.any_key else tuple(args.keys or ("sk-test-good",))
    fake = FakeDashScope(valid_keys=keys, text_delay=args.text_delay,
                         image_steps=tuple(s.strip() for s in args.steps.split(",") if s.strip()),
                         step_seconds=args.step_seconds, image_size=image_size,  # type: ignore[arg-type]
                         max_running_jobs=args.max_running_jobs, account_limits=args.account_limits,
                         slow_seconds=args.slow_seconds,
                         host=args.host, port=args.port, verbose=args.verbose)
    # A process started from a background job inherits SIGINT ignored: put Ctrl-C back, so it always stops.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    fake.start()
    print(f"Fake DashScope serving on {fake.base_url}", flush=True)
    print(f"  keys: {'any' if keys is None else ', '.join(keys)}   (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
