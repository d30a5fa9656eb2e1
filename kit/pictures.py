"""Drawing with Wanxiang: ``draw`` for one picture, ``draw_many`` for several at once. Both give ``Picture``s.

The account lets only two image jobs run at once and two be sent a second, so ``draw_many`` keeps to that,
shows a progress bar, and polls every job itself (a finished picture reaches the notebook within a second).
Each job's task id is in the journal before any waiting, so a kernel restart resumes it instead of paying again.
"""

from __future__ import annotations

import io
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import calls
from .backends.base import ImageJob, ImageRequest, request_key
from .display import Progress, picture_card
from .errors import BadInput, KitError
from .settings import IMAGE_JOBS_AT_ONCE, IMAGE_SUBMITS_PER_SECOND, current

SIZES = {"square": (1024, 1024), "portrait": (768, 1152), "landscape": (1280, 720), "small": (512, 512),
         "正方形": (1024, 1024), "直向": (768, 1152), "橫向": (1280, 720)}
STYLE_ALIASES = {
    "watercolour": "watercolour", "watercolor": "watercolour", "水彩": "watercolour",
    "sketch": "sketch", "pencil": "sketch", "素描": "sketch",
    "cartoon": "cartoon", "卡通": "cartoon",
    "ink painting": "ink painting", "ink": "ink painting", "chinese painting": "ink painting", "水墨": "ink painting",
    "水墨畫": "ink painting",
    "pixel art": "pixel art", "pixel": "pixel art", "像素": "pixel art", "像素畫": "pixel art",
    "oil painting": "oil painting", "oil": "oil painting", "油畫": "oil painting",
    "crayon": "crayon", "蠟筆": "crayon", "蠟筆畫": "crayon",
    "flat illustration": "flat illustration", "flat": "flat illustration", "平面": "flat illustration",
}
STYLES = ("watercolour", "sketch", "cartoon", "ink painting", "pixel art", "oil painting", "crayon",
          "flat illustration")
# Seconds between status checks: quick at first, then every 0.7 s, so that with the check itself and the
# download a finished picture reaches the notebook within a second (at 1.0 s it could take 1.02 s).
POLL_FIRST, POLL_MAX = 0.2, 0.7
_active_calls: set[str] = set()      # jobs this kernel is polling now (not to be "resumed" twice)
_active_lock = threading.Lock()


@dataclass
class Picture:
    """A picture and how it was made. In a notebook it shows as a card; ``.save(path)`` writes the file."""

    data: bytes
    format: str
    width: int
    height: int
    prompt: str
    backend: str
    model: str
    negative: str | None = None
    style: str | None = None
    seed: int | None = None
    actual_prompt: str | None = None
    reused: bool = False
    replayed: bool = False
    notes: dict = field(default_factory=dict)
    call_id: str | None = None
    path: Path | None = None

    @property
    def offline(self) -> bool:
        return self.backend == "offline"

    def save(self, path) -> Path:
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(f".{self.format}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.data)
        return path

    def _repr_html_(self) -> str:
        return picture_card(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        label = " [OFFLINE 離線]" if self.offline else ""
        return {"text/html": picture_card(self), "text/plain": f"Picture({self.prompt!r}){label}"}

    def __repr__(self) -> str:
        return (f"Picture(prompt={self.prompt!r}, {self.width}x{self.height}, seed={self.seed}, "
                f"backend={self.backend!r})")


class Pictures(list):
    """The pictures of ``draw_many``: a plain list that shows as a row of cards, side by side, to compare."""

    def _repr_html_(self) -> str:
        cards = "".join(f'<div style="flex:1 1 240px;min-width:220px">{picture_card(p)}</div>'
                        for p in self if p is not None)
        return f'<div class="kit-pictures" style="display:flex;flex-wrap:wrap;gap:10px">{cards}</div>'


def parse_size(size) -> tuple[int, int]:
    """Accept "square"/"portrait"/"landscape", "1024*1024", "1024x768" or (w, h); each side 512 to 1440."""
    if size is None:
        return SIZES["square"]
    if isinstance(size, (tuple, list)) and len(size) == 2:
        width, height = size
    else:
        text = str(size).strip().lower()
        if text in SIZES:
            return SIZES[text]
        match = re.fullmatch(r"(\d+)\s*[*x×,]\s*(\d+)", text)
        if not match:
            raise BadInput("size", value=size)
        width, height = match.groups()
    try:
        width, height = int(width), int(height)
    except (TypeError, ValueError):
        raise BadInput("size", value=size) from None
    if not (512 <= width <= 1440 and 512 <= height <= 1440):
        raise BadInput("size", value=size)
    return width, height


def parse_style(style) -> str | None:
    if style is None or str(style).strip() == "":
        return None
    name = STYLE_ALIASES.get(str(style).strip().lower())
    if name is None:
        raise BadInput("style", value=style, choices=", ".join(STYLES))
    return name


class _SubmitGate:
    """Lets submissions through no faster than the account allows (two a second)."""

    def __init__(self, per_second: float):
        self.gap = 1.1 / per_second  # a little margin: arrivals bunch up when the network jitters
        self.next_time = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_time)
            self.next_time = start + self.gap
        if start > now:
            time.sleep(start - now)


_gate = _SubmitGate(IMAGE_SUBMITS_PER_SECOND)


def _picture_from(entry: dict, data: bytes, request: ImageRequest, *, reused=False, replayed=False) -> Picture:
    result = entry.get("result") or {}
    workdir = current().workdir
    return Picture(data=data, format=result.get("format", "png"), width=request.width, height=request.height,
                   prompt=request.prompt, backend=entry.get("backend", ""), model=entry.get("model", ""),
                   negative=request.negative, style=request.style, seed=request.seed,
                   actual_prompt=result.get("actual_prompt"), reused=reused, replayed=replayed,
                   notes=result.get("notes") or {}, call_id=entry.get("id"),
                   path=(workdir / entry["picture"]) if entry.get("picture") else None)


def _make_request(prompt, negative, style, size, seed) -> tuple[ImageRequest, bool]:
    settings = current()
    prompt = calls.check_prompt(prompt, calls.MAX_IMAGE_PROMPT)
    if negative is not None and str(negative).strip():
        negative = calls.check_prompt(negative, 500)
    else:
        negative = None
    width, height = parse_size(size)
    seed = calls.check_number("seed", seed, 0, calls.MAX_SEED, integer=True)
    asked = ImageRequest(model=settings.models[1], prompt=prompt, negative=negative, style=parse_style(style),
                         width=width, height=height, seed=seed)
    return asked, seed is not None


def _run_job(asked: ImageRequest, explicit_seed: bool) -> Picture:
    """One picture, from the journal when possible, else from the backend; saved before it is returned.

    ``asked`` is the request as the child made it. Without a seed the kit chooses one (so every picture
    says how to make it again), but the journal also files the call under the request as asked: after a
    kernel restart, running the same cell resumes the job that was already sent instead of paying again.
    """
    settings = current()
    journal = calls.journal_for(settings)
    loose = request_key("image-loose", "", {"prompt": asked.prompt})
    request = asked if explicit_seed else ImageRequest(**{**asked.__dict__, "seed": calls.new_seed()})
    if settings.backend == "replay":
        live = ImageRequest(**{**request.__dict__, "model": settings.image_model})
        keys = [live.key("dashscope"), request.key("offline")]
        if not explicit_seed:
            keys = []
        entry = calls.find_recorded(journal, keys, loose)
        data = journal.picture_bytes(entry)
        if data is None:
            raise KitError("generic")
        recorded = ImageRequest(**{**request.__dict__, "seed": (entry.get("request") or {}).get("seed")})
        return _picture_from(entry, data, recorded, replayed=True)

    key = asked.key(settings.backend)
    saved = journal.find(key)
    entry = None
    if saved and saved.get("status") == "done" and explicit_seed:
        data = journal.picture_bytes(saved)
        if data is not None:
            return _picture_from(saved, data, request, reused=True)
    with _active_lock:
        if saved and saved.get("status") == "pending" and saved.get("task_id") and saved["id"] not in _active_calls:
            entry = saved  # a job sent before a restart: pick it up, do not pay again
            request = ImageRequest(**saved["request"])
        if entry is None:
            entry = journal.start(kind="image", backend=settings.backend, model=request.model, key=key, loose=loose,
                                  also_keys=(request.key(settings.backend),),
                                  request={k: v for k, v in request.__dict__.items()})
        _active_calls.add(entry["id"])
    backend = calls.backend_for(settings)
    try:
        if not entry.get("task_id"):
            def submit():
                if settings.backend == "dashscope":  # the account's limit; offline has none
                    _gate.wait()
                return backend.submit_image(request)

            task_id = calls.with_retry(submit)
            journal.update(entry, task_id=task_id)
        job = _poll(backend, entry["task_id"], request)
        picture_path = journal.save_picture(entry, job.data, job.format)
        journal.update(entry, status="done", picture=picture_path,
                       result={"format": job.format, "actual_prompt": job.actual_prompt, "notes": job.notes})
    except KitError as problem:
        journal.update(entry, status="failed", error={"kind": problem.kind, "reason": problem.reason,
                                                      "detail": problem.detail})
        raise
    finally:
        with _active_lock:
            _active_calls.discard(entry["id"])
    return _picture_from(entry, job.data, request)


def _poll(backend, task_id: str, request: ImageRequest) -> ImageJob:
    wait = POLL_FIRST
    while True:
        job = calls.with_retry(lambda: backend.image_status(task_id, request))
        if job.status == "SUCCEEDED" and job.data:
            return job
        time.sleep(wait)
        wait = min(wait * 1.5, POLL_MAX)


def _measure(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def draw(prompt: str, *, negative: str | None = None, style: str | None = None, size=None,
         seed: int | None = None) -> Picture:
    """Ask Wanxiang for one picture.

    ``negative`` names what to leave out; ``style`` is one of ``kit.STYLES`` (or its Chinese name);
    ``size`` is "square", "portrait", "landscape" or "W*H"; the same ``seed`` makes the same picture again.
    """
    return draw_many([prompt], negative=negative, style=style, size=size, seed=seed, _progress=False)[0]


def draw_many(prompts, *, negative: str | None = None, style: str | None = None, size=None,
              seed: int | None = None, same_seed: bool = False, _progress: bool = True) -> Pictures:
    """Draw several pictures at once, as fast as the account allows, and return them in order.

    With a ``seed``, picture *i* uses ``seed + i``, so the whole set can be made again; with
    ``same_seed=True`` every picture uses ``seed`` itself (a book that keeps one look on every page).
    If some pictures fail, the others are still saved; the first problem is raised at the end.
    """
    prompts = list(prompts)
    if not prompts:
        raise BadInput("empty_prompt")
    step = 0 if same_seed else 1
    jobs = [_make_request(p, negative, style, size, None if seed is None else seed + i * step)
            for i, p in enumerate(prompts)]
    progress = Progress(len(jobs), show=_progress and len(jobs) > 1)
    results: list[Picture | None] = [None] * len(jobs)
    problems: list[KitError] = []

    def work(index: int) -> None:
        try:
            picture = _run_job(*jobs[index])
            width, height = _measure(picture.data)
            picture.width, picture.height = width, height
            results[index] = picture
        except KitError as problem:
            problems.append(problem)
        finally:
            progress.step()

    if len(jobs) == 1:
        work(0)
    else:
        with ThreadPoolExecutor(max_workers=IMAGE_JOBS_AT_ONCE) as pool:
            list(pool.map(work, range(len(jobs))))
    if problems:
        first = problems[0]
        first.pictures = Pictures(results)
        raise first
    return Pictures(results)
