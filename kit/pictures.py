"""Drawing with Wanxiang: ``draw`` for one picture, ``draw_many`` for several at once. Both give ``Picture``s.

The account (shared by a whole class using one key) runs two image jobs at once and takes two submissions a
second; a third job waits PENDING at the service. So ``draw_many`` sends its jobs no faster than that and lets
the service queue them, a refused submission waits its turn (jittered, for a few minutes), and look-ups stay
inside the account's budget of about 20 a second: each job is looked at no more than once a second, less while
it waits. A busy or unreachable service while polling never marks a job failed: the job is still running and
billed, so its task id stays in the journal and running the cell again picks it up instead of paying twice.
"""

from __future__ import annotations

import io
import math
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import calls, models
from .backends.base import EditRequest, ImageJob, ImageRequest, SketchRequest, request_key
from .display import Progress, picture_card
from .errors import BadInput, KitError, NetworkProblem, RateLimited, ServiceProblem
from .i18n import t
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
# Look-ups of one job (seconds between them). The account allows about 20 look-ups a second for everyone on it,
# so a job is looked at no more than once a second while running, and less and less often while it waits
# PENDING for one of the two slots (a class of 12 with 2 pictures each then stays near 12 look-ups a second).
POLL_FIRST = 1.0          # a job just sent is never finished at once
POLL_RUNNING = 1.0        # never more than one look-up a second for a job
POLL_PENDING_MAX = 2.5    # waiting for a slot: back off up to this
SLOT_WAIT = 240.0         # how long a refused submission keeps trying (the class's turn comes)
POLL_GIVE_UP = 600.0      # look-ups failing this long: stop waiting here, the journal keeps the job
PICTURES_IN_FLIGHT = 8    # draw_many hands the service a queue, so a freed slot is used at once
TYPICAL_JOB_SECONDS = 10.0  # a first guess of one job's time, for the expected wait (then measured)
REFERENCE_MIN_SIDE = 384  # wan2.5-i2i-preview takes reference pictures 384 to 5000 pixels a side
_job_seconds: list[float] = []       # how long this kernel's jobs ran (first seen running to done): the wait


def poll_wait(status: str, looks: int) -> float:
    """Seconds before the next look-up of a job that has been looked at ``looks`` times and is ``status``."""
    scale = float(os.environ.get("KIT_POLL_SCALE", "1"))  # tests run the same schedule faster
    if status == "FIRST":
        return scale * POLL_FIRST
    if status == "PENDING":
        return scale * min(POLL_RUNNING * 1.25 ** looks, POLL_PENDING_MAX)
    return scale * POLL_RUNNING


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


class _Queue:
    """What the progress bar says while pictures wait: the queue position and the expected wait."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.lock = threading.Lock()
        self.waiting: set[int] = set()   # this notebook's pictures waiting for a slot, by their order

    def waits(self, index: int, seconds_waited: float | None = None) -> None:
        with self.lock:
            self.waiting.add(index)
            position = sorted(self.waiting).index(index) + 1
        typical = sum(_job_seconds[-6:]) / len(_job_seconds[-6:]) if _job_seconds else TYPICAL_JOB_SECONDS
        if seconds_waited is not None:   # the service refused the submission: the slots are the class's
            self.progress.note(t("progress.waiting_slot", seconds=round(seconds_waited)))
        else:
            wait = math.ceil(position / IMAGE_JOBS_AT_ONCE) * typical
            self.progress.note(t("progress.queued", position=position, wait=round(wait)))

    def runs(self, index: int) -> None:
        with self.lock:
            self.waiting.discard(index)


def _picture_from(entry: dict, data: bytes, request: ImageRequest, *, reused=False, replayed=False) -> Picture:
    result = entry.get("result") or {}
    workdir = current().workdir
    return Picture(data=data, format=result.get("format", "png"), width=request.width, height=request.height,
                   prompt=request.prompt, backend=entry.get("backend", ""), model=entry.get("model", ""),
                   negative=request.negative, style=request.style, seed=request.seed,
                   actual_prompt=result.get("actual_prompt"), reused=reused, replayed=replayed,
                   notes=result.get("notes") or {}, call_id=entry.get("id"),
                   path=(workdir / entry["picture"]) if entry.get("picture") else None)


def fit_prompt(prompt: str, style: str | None, model: str) -> tuple[str, str]:
    """The child's prompt, shortened (at a word when it can) so that it and the style words fit what the model
    reads; and the words left out, to tell the child. The service would cut the end silently: the style."""
    from .backends.dashscope import compose_prompt

    limit = models.image_model(model).prompt_limit
    room = limit - (len(compose_prompt(prompt, style, model)) - len(prompt))
    if len(prompt) <= room:
        return prompt, ""
    kept = prompt[:room]
    space = kept.rfind(" ")
    if space > room * 0.8:
        kept = kept[:space]
    return kept.rstrip(), prompt[len(kept):].strip()


def _make_request(prompt, negative, style, size, seed, prompt_extend=None) -> tuple[ImageRequest, bool, str]:
    settings = current()
    prompt = calls.check_prompt(prompt, calls.MAX_IMAGE_PROMPT)
    if negative is not None and str(negative).strip():
        negative = calls.check_prompt(negative, 500)
    else:
        negative = None
    if prompt_extend is not None and not isinstance(prompt_extend, bool):
        raise BadInput("generic", what="prompt_extend=True or prompt_extend=False")
    width, height = parse_size(size)
    seed = calls.check_number("seed", seed, 0, calls.MAX_SEED, integer=True)
    style = parse_style(style)
    model = settings.models[1]
    cut = ""
    if settings.backend == "dashscope":
        models.check_served(settings.region, "image", model)  # before anything is sent or paid
        prompt, cut = fit_prompt(prompt, style, model)
    asked = ImageRequest(model=model, prompt=prompt, negative=negative, style=style,
                         width=width, height=height, seed=seed, prompt_extend=prompt_extend)
    return asked, seed is not None, cut


class ImageCall(calls.Call):
    """A picture job, for the call pipeline: sent (waiting for a free slot), then looked at until it is done.

    ``asked`` is the request as the child made it. Without a seed the kit chooses one (so every picture says how
    to make it again), but the journal also files the call under the request as asked: after a kernel restart,
    running the same cell resumes the job that was already sent instead of paying again.
    """

    kind = "image"
    resumes = True

    def __init__(self, asked: ImageRequest, backend: str, *, explicit_seed: bool, cut: str = "",
                 queue: _Queue | None = None, index: int = 0):
        self.asked, self.explicit_seed, self.cut, self.queue, self.index = asked, explicit_seed, cut, queue, index
        self.request = asked if explicit_seed else replace(asked, seed=calls.new_seed())
        self.model = self.request.model
        self.key = asked.key(backend)
        self.also_keys = (self.request.key(backend),)
        self.loose = request_key("image-loose", "", {"prompt": asked.prompt})
        self.reuse = explicit_seed

    def replay_keys(self, settings) -> list[str]:
        if not self.explicit_seed:
            return []  # a kit-chosen seed names nothing recorded: the words alone find it
        live = replace(self.request, model=settings.image_model)
        return [live.key("dashscope"), self.request.key("offline")]

    def journal_request(self) -> dict:
        return dict(self.request.__dict__)

    def resume(self, entry: dict) -> None:
        self.request = type(self.request)(**entry["request"])  # the request class of this kind of job

    def perform(self, entry: dict, journal, backend) -> tuple[dict, Picture]:
        online = entry["backend"] == "dashscope"
        try:
            if not entry.get("task_id"):
                journal.update(entry, task_id=self._submit(backend, online))
            job = _poll(backend, entry["task_id"], self.request, online=online, queue=self.queue, index=self.index)
        finally:
            if self.queue is not None:
                self.queue.runs(self.index)
        picture_path = journal.save_picture(entry, job.data, job.format)
        notes = dict(job.notes, cut=self.cut) if self.cut else job.notes
        fields = {"picture": picture_path,
                  "result": {"format": job.format, "actual_prompt": job.actual_prompt, "notes": notes}}
        return fields, _picture_from({**entry, **fields}, job.data, self.request)

    def send(self, backend) -> str:
        """Hand the job to the service and return its task id (image editing sends its own kind of job)."""
        return backend.submit_image(self.request)

    def _submit(self, backend, online: bool) -> str:
        def submit():
            if online:  # the account's limit; offline has none
                _gate.wait()
            return self.send(backend)

        def waits(seconds):
            if self.queue is not None:
                self.queue.waits(self.index, seconds)

        # Short waits (1 s, growing to 6 s, jittered): a slot freed while a whole class sleeps is wasted.
        return calls.keep_trying(submit, give_up_after=SLOT_WAIT if online else 0.0, on_wait=waits,
                                 first_wait=calls.retry_base() / 2, longest_wait=6.0)

    def failure(self, problem: KitError, entry: dict) -> KitError | None:
        if problem.reason == "still_drawing":
            return None  # the job runs on at the service: the journal keeps it pending, to be picked up again
        if problem.kind == "busy" and problem.reason == "generic" and not entry.get("task_id"):
            return RateLimited("slot", detail=problem.detail)  # never sent: nothing paid
        return problem

    def answer(self, entry: dict, journal, *, reused: bool = False, replayed: bool = False) -> Picture | None:
        data = journal.picture_bytes(entry)
        if data is None:
            return None
        request = self.request
        if replayed:
            request = replace(request, seed=(entry.get("request") or {}).get("seed"))
        return _picture_from(entry, data, request, reused=reused, replayed=replayed)


SKETCH_LONGEST, SKETCH_SHORTEST = 1024, 384   # what is sent up: small, and inside what the edit model takes


def sketch_png(sketch) -> bytes:
    """The child's drawing (a Picture, a Sketchpad, PNG/JPEG bytes or a file) as a PNG of a size the image-editing
    model takes: the longest side at most 1024 px, the shortest at least 384 px, on white."""
    from PIL import Image, UnidentifiedImageError

    sketch = getattr(sketch, "picture", sketch)   # a Sketchpad hands over its drawing
    data = getattr(sketch, "data", sketch)
    if isinstance(data, (str, Path)) and Path(data).is_file():
        data = Path(data).read_bytes()
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise BadInput("sketch")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGBA")
    except (UnidentifiedImageError, OSError):
        raise BadInput("sketch") from None
    paper = Image.new("RGBA", image.size, "white")
    image = Image.alpha_composite(paper, image).convert("RGB")
    low, high = zip(*image.getextrema())
    if low == high:
        raise BadInput("sketch")  # a blank page: nothing to keep the layout of
    scale = min(SKETCH_LONGEST / max(image.size), 1.0)
    scale = max(scale, SKETCH_SHORTEST / min(image.size))
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


class SketchCall(ImageCall):
    """A picture from the child's own drawing: an image-editing job; waits, polling and resume are ImageCall's.
    The drawing is saved in the work folder's ``sketches`` (by its digest) before anything is sent."""

    def __init__(self, asked: SketchRequest, backend: str, *, explicit_seed: bool, sketch: bytes, cut: str = ""):
        super().__init__(asked, backend, explicit_seed=explicit_seed, cut=cut)
        self.sketch = sketch
        self.loose = request_key("sketch-loose", "", {"prompt": asked.prompt, "sketch": asked.sketch_digest})

    def replay_keys(self, settings) -> list[str]:
        if not self.explicit_seed:
            return []
        live = replace(self.request, model=models.sketch_model(settings.region))
        return [live.key("dashscope"), self.request.key("offline")]

    def send(self, backend) -> str:
        return backend.submit_sketch(self.request, self.sketch)

    def perform(self, entry: dict, journal, backend) -> tuple[dict, Picture]:
        fields, picture = super().perform(entry, journal, backend)
        sketch = f"sketches/sent/{self.request.sketch_digest}.png"   # in the work folder, as the journal's paths
        fields["result"]["notes"] = dict(fields["result"]["notes"], from_sketch=True, sketch=sketch)
        picture.notes = fields["result"]["notes"]
        return fields, picture


def _draw_from_sketch(sketch, asked: ImageRequest, explicit_seed: bool, cut: str) -> Picture:
    import hashlib

    from .journal import atomic_write

    settings = current()
    data = sketch_png(sketch)
    digest = hashlib.sha256(data).hexdigest()[:24]
    saved = settings.workdir / "sketches" / "sent" / f"{digest}.png"   # the journal's copy of the drawing
    if not saved.is_file():
        atomic_write(saved, data, durable=False)
    model = models.sketch_model(settings.region) if settings.backend == "dashscope" else asked.model
    request = SketchRequest(**{**asked.__dict__, "model": model, "sketch": str(saved), "sketch_digest": digest})
    picture = calls.run(SketchCall(request, settings.backend, explicit_seed=explicit_seed, sketch=data, cut=cut),
                        settings)
    picture.width, picture.height = _measure(picture.data)
    return picture


class EditCall(ImageCall):
    """A picture drawn with a reference picture (image editing): the same job, sent with the reference."""

    def send(self, backend) -> str:
        return backend.submit_edit(self.request, (current().workdir / self.request.reference).read_bytes())


def _run_job(asked: ImageRequest, explicit_seed: bool, cut: str = "", queue: _Queue | None = None,
             index: int = 0) -> Picture:
    """One picture, from the journal when possible, else from the backend; saved before it is returned."""
    settings = current()
    kind = EditCall if isinstance(asked, EditRequest) else ImageCall
    return calls.run(kind(asked, settings.backend, explicit_seed=explicit_seed, cut=cut, queue=queue,
                          index=index), settings)


def with_reference(asked: ImageRequest, explicit: bool, reference) -> tuple[ImageRequest, bool]:
    """The request drawn with ``reference`` (a ``Picture``): through the region's image-editing model, or offline
    by the painter from the reference's own words; where neither can, the reference's words and seed, said so."""
    import hashlib

    from .vision import picture_bytes

    settings = current()
    data, _painted = picture_bytes(reference, min_side=REFERENCE_MIN_SIDE)
    hero = str(getattr(reference, "prompt", "") or "")
    model = models.edit_model(settings.region) if settings.backend == "dashscope" else settings.models[1]
    if model is None:   # no reference-capable model the kit can ask here: the hero's words and seed instead
        seed = asked.seed if explicit else getattr(reference, "seed", None)
        prompt = f"{hero}. {asked.prompt}" if hero and hero not in asked.prompt else asked.prompt
        return replace(asked, prompt=prompt[:calls.MAX_IMAGE_PROMPT], seed=seed), explicit or seed is not None
    name = f"references/{hashlib.sha256(data).hexdigest()[:20]}.png"
    target = settings.workdir / name
    if not target.is_file():
        from .journal import atomic_write

        atomic_write(target, data)
    fields = {**asked.__dict__, "model": model}
    fields.pop("prompt_extend", None)
    return EditRequest(**fields, reference=name, hero=hero), explicit


def _poll(backend, task_id: str, request: ImageRequest, *, online: bool = True, queue: _Queue | None = None,
          index: int = 0) -> ImageJob:
    """Look at a job until its picture is here, within the account's look-up budget.

    A busy answer (429), a dropped connection or a 5xx while looking says nothing about the job, which keeps
    running: wait (longer each time, jittered) and look again. Only after ``POLL_GIVE_UP`` seconds of that does
    it stop, with ``RateLimited("still_drawing")``; the journal keeps the task id for the next run.
    """
    looks, status, troubled_since, running_since = 0, "PENDING", None, None
    if online:
        time.sleep(poll_wait("FIRST", looks))
    while True:
        try:
            job = backend.image_status(task_id, request)
        except (RateLimited, NetworkProblem, ServiceProblem) as fault:
            if isinstance(fault, ServiceProblem) and (fault.reason != "generic" or getattr(fault, "job_failed", False)):
                raise  # the job's own end (or the account's), not a passing fault of the look-up
            troubled_since = troubled_since or time.monotonic()
            if time.monotonic() - troubled_since > POLL_GIVE_UP:
                raise RateLimited("still_drawing", detail=fault.detail) from None
            looks += 1
            time.sleep(calls.jittered(max(poll_wait("PENDING", looks + 1), calls.retry_base())))
            continue
        troubled_since = None
        if job.status == "SUCCEEDED" and job.data:
            if online and running_since is not None:
                _job_seconds.append(time.monotonic() - running_since)
            return job
        status = job.status
        if status == "RUNNING" and running_since is None:
            running_since = time.monotonic()
        if queue is not None:
            if status == "PENDING":
                queue.waits(index)
            else:
                queue.runs(index)
        looks += 1
        if online:
            time.sleep(poll_wait(status, looks))


def _measure(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def draw(prompt: str, *, negative: str | None = None, style: str | None = None, size=None,
         seed: int | None = None, prompt_extend: bool | None = None, sketch=None, reference=None) -> Picture:
    """Ask Wanxiang for one picture.

    ``negative`` names what to leave out; ``style`` is one of ``kit.STYLES`` (or its Chinese name);
    ``size`` is "square", "portrait", "landscape" or "W*H". The same ``seed`` gives back the picture the kit
    saved. ``prompt_extend`` (on unless you say False) lets the service rewrite the prompt first: the card
    shows what it really used; with it off, the same seed and words ask the model for the same picture.
    ``sketch`` (a ``kit.Sketchpad``, its ``.picture`` or a picture file) is the child's own drawing: the picture
    keeps its layout and main shapes (the region's image-editing model; offline, the drawing repainted).
    ``reference`` (a ``Picture``, e.g. the book's hero) is drawn into the new picture, looking the same (with a
    ``sketch``, the drawing leads and no reference is used).
    """
    if sketch is not None:
        asked, explicit_seed, cut = _make_request(prompt, negative, style, size, seed, prompt_extend)
        return _draw_from_sketch(sketch, asked, explicit_seed, cut)
    return draw_many([prompt], negative=negative, style=style, size=size, seed=seed, prompt_extend=prompt_extend,
                     reference=reference, _progress=False)[0]


def draw_many(prompts, *, negative: str | None = None, style: str | None = None, size=None,
              seed: int | None = None, same_seed: bool = False, prompt_extend: bool | None = None,
              reference=None, _progress: bool = True) -> Pictures:
    """Draw several pictures at once, as fast as the account allows, and return them in order.

    With a ``seed``, picture *i* uses ``seed + i``, so the whole set can be made again; with
    ``same_seed=True`` every picture uses ``seed`` itself (a book that keeps one look on every page).
    If some pictures fail, the others are still saved; the first problem is raised at the end.
    """
    prompts = list(prompts)
    if not prompts:
        raise BadInput("empty_prompt")
    step = 0 if same_seed else 1
    jobs = [_make_request(p, negative, style, size, None if seed is None else seed + i * step, prompt_extend)
            for i, p in enumerate(prompts)]
    if reference is not None:
        if current().backend == "dashscope" and models.edit_model(current().region) is None:
            print(t("notice.no_reference", region=models.region(current().region).label))
        jobs = [(*with_reference(asked, explicit, reference), cut) for asked, explicit, cut in jobs]
    for asked, _explicit, cut in jobs:
        if cut:
            model = asked.model
            limit = models.image_model(model).prompt_limit
            print(t("notice.prompt_cut", model=model, limit=limit, cut=cut))
    progress = Progress(len(jobs), show=_progress and len(jobs) > 1)
    queue = _Queue(progress)
    results: list[Picture | None] = [None] * len(jobs)
    problems: list[KitError] = []

    def work(index: int) -> None:
        try:
            picture = _run_job(*jobs[index], queue=queue, index=index)
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
        in_flight = PICTURES_IN_FLIGHT if current().backend == "dashscope" else IMAGE_JOBS_AT_ONCE
        with ThreadPoolExecutor(max_workers=min(len(jobs), in_flight)) as pool:
            list(pool.map(work, range(len(jobs))))
    if problems:
        first = problems[0]
        first.pictures = Pictures(results)
        raise first
    return Pictures(results)
