"""The fair image scheduler: students take turns, and no account ever goes over its Wanxiang limits.

How a picture job moves (every step is written to SQLite before the next one, see store.py):

    QUEUED -> SUBMITTING -> UPSTREAM (the service's PENDING / RUNNING) -> FETCHING -> SUCCEEDED
                                                                      \\-> FAILED / CANCELED / UNKNOWN

Fairness is round robin over students (``FairQueue``): each student with waiting jobs has one place in a
ring of turns; the scheduler takes the oldest job of the student whose turn it is, and that student goes to
the back of the ring if they have more. A student who sends ten pictures at once therefore waits for each
classmate's next picture between two of their own, and nobody is starved: with S students waiting, a job
at the head of its student's queue is sent within S turns.

Each account (see upstream.py) has one worker thread. It submits only when the account has a free slot
(``jobs_at_once``, 2 on Wanxiang) and its submission window allows one more (2 in any 1.1 s). It looks at
its running jobs adaptively, to keep the two slots busy without spending the account's look-up budget
(about 20 a second): a job is first looked at when it may be nearly done (80 % of the account's typical job
time, learnt from the jobs so far), then every quarter second or so until it is, and less often again if
it takes far longer than usual; never more often than ``lookups_per_second`` allows over all its jobs, and
never less often than every ``poll_interval`` seconds. A slot therefore sits idle for about a quarter of a
second after a job ends, not for up to two seconds. The student's own polls are answered from the
database, so however often children press "refresh", the service sees none of them.

Restart: on start, jobs found QUEUED are queued again in their original order, UPSTREAM jobs are polled
again by their stored upstream task id (in their account's slots), FETCHING jobs are downloaded again (the
service's links last 24 hours). A job found SUBMITTING was being sent when the gateway stopped; the gateway
cannot know whether the service received it, so it is sent again: a job is never lost, and at worst (a
crash inside that one request) one picture is paid twice.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from .protocol import ApiError
from .safety import safety_flag
from .store import (
    CANCELED,
    FAILED,
    FETCHING,
    FINAL,
    QUEUED,
    SUBMITTING,
    SUCCEEDED,
    UNKNOWN,
    UPSTREAM,
)
from .upstream import Account, unreachable

LOG = logging.getLogger("kit.gateway")
SUBMIT_ATTEMPTS = 3          # a job that meets a server error or a dropped connection is tried this often
JOB_DEADLINE = 6 * 3600.0    # an upstream job that has not finished after this long is given up
DOWNLOAD_ATTEMPTS = 3
LOOK_GAP = 0.25              # seconds between look-ups of a job that may be done (a slot idles at most this)


class FairQueue:
    """Waiting jobs, by student, served one student at a time in turn."""

    def __init__(self):
        self._lock = threading.Lock()
        self._jobs: dict[int, deque[str]] = {}
        self._turns: deque[int] = deque()

    def __len__(self) -> int:
        with self._lock:
            return sum(len(jobs) for jobs in self._jobs.values())

    def push(self, student_id: int, job_id: str, *, front: bool = False) -> None:
        """Add a job at the back of its student's line; ``front`` puts a job that could not be sent back
        at the head of the line, and gives its student the next turn (they had not really had theirs)."""
        with self._lock:
            jobs = self._jobs.setdefault(student_id, deque())
            if front:
                jobs.appendleft(job_id)
                if student_id in self._turns:
                    self._turns.remove(student_id)
                self._turns.appendleft(student_id)
            else:
                jobs.append(job_id)
                if student_id not in self._turns:
                    self._turns.append(student_id)

    def pop(self) -> tuple[int, str] | None:
        with self._lock:
            if not self._turns:
                return None
            student_id = self._turns.popleft()
            jobs = self._jobs[student_id]
            job_id = jobs.popleft()
            if jobs:
                self._turns.append(student_id)
            else:
                del self._jobs[student_id]
            return student_id, job_id

    def remove(self, job_id: str) -> bool:
        with self._lock:
            for student_id, jobs in list(self._jobs.items()):
                if job_id in jobs:
                    jobs.remove(job_id)
                    if not jobs:
                        del self._jobs[student_id]
                        self._turns.remove(student_id)
                    return True
            return False


class ImageScheduler:
    def __init__(self, gateway):
        self.gateway = gateway
        self.store = gateway.store
        self.upstream = gateway.upstream
        self.config = gateway.config
        self.queue = FairQueue()
        self._wake = threading.Condition()
        self._generation = 0
        self._stopping = threading.Event()
        self._open = threading.Event()
        self._open.set()
        self._threads: list[threading.Thread] = []
        self._downloads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gateway-download")

    # ---- lifecycle -----------------------------------------------------------------------------------

    def start(self) -> None:
        self._restore()
        for account in self.upstream.accounts:
            thread = threading.Thread(target=self._run, args=(account,), daemon=True,
                                      name=f"gateway-images-{account.name}")
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        self.wake()
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads.clear()
        self._downloads.shutdown(wait=True, cancel_futures=True)

    def add(self, student_id: int, job_id: str) -> None:
        self.queue.push(student_id, job_id)
        self.wake()

    def remove(self, job_id: str) -> bool:
        return self.queue.remove(job_id)

    def hold(self) -> None:
        """Stop sending new jobs upstream (running ones go on); jobs keep their places in the queue."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()
        self.wake()

    def wake(self) -> None:
        with self._wake:
            self._generation += 1
            self._wake.notify_all()

    def _restore(self) -> None:
        for row in self.store.jobs_in(SUBMITTING):
            self.store.move_job(row["id"], SUBMITTING, state=QUEUED)
        for row in self.store.jobs_in(QUEUED):
            self.queue.push(row["student_id"], row["id"])
        now = time.monotonic()
        for row in self.store.jobs_in(UPSTREAM):
            account = self.upstream.account(row["account"])
            if account is None:
                account = self.upstream.accounts[0]
                LOG.warning("job %s was sent with an account no longer configured; asking %s", row["id"],
                            account.name)
            account.started[row["id"]] = now - account.typical  # unknown: it may be done already
            account.inflight[row["id"]] = now
        for row in self.store.jobs_in(FETCHING):
            self._downloads.submit(self._fetch, row["id"])
        restored = len(self.queue)
        if restored:
            LOG.info("restored %d waiting picture job(s)", restored)

    # ---- one worker per account ----------------------------------------------------------------------

    def _run(self, account: Account) -> None:
        while not self._stopping.is_set():
            with self._wake:
                generation = self._generation
            try:
                self._work(account)
            except Exception:
                LOG.exception("image worker for %s", account.name)
                self._stopping.wait(1.0)
            with self._wake:
                if self._generation == generation and not self._stopping.is_set():
                    self._wake.wait(self._sleep_for(account))

    def _work(self, account: Account) -> None:
        now = time.monotonic()
        for job_id, due in list(account.inflight.items()):
            if due <= now and not self._stopping.is_set():
                self._poll(account, job_id)
        while self._open.is_set() and not self._stopping.is_set() and account.can_submit(time.monotonic()):
            item = self.queue.pop()
            if item is None:
                break
            self._submit(account, *item)

    def _sleep_for(self, account: Account) -> float:
        now = time.monotonic()
        moments = list(account.inflight.values())
        if self._open.is_set() and len(self.queue) and len(account.inflight) < account.jobs_at_once:
            moments.append(max(account.window.next_free(now), account.busy_until))
        if not moments:
            return 1.0
        return min(1.0, max(0.002, min(moments) - now))

    # ---- sending a job ----------------------------------------------------------------------------------

    def _submit(self, account: Account, student_id: int, job_id: str) -> None:
        row = self.store.job(job_id)
        if row is None or not self.store.move_job(job_id, QUEUED, state=SUBMITTING, account=account.name,
                                                  attempts=row["attempts"] + 1):
            return  # cancelled while it waited
        account.window.record(time.monotonic())
        try:
            answer = self.upstream.post(account, row["route"], row["body"].encode("utf-8"), asynchronous=True,
                                        timeout=30)
            data = answer.content
        except requests.RequestException as problem:
            self._again_or_fail(account, row, unreachable(problem))
            return
        if answer.status_code == 200:
            payload = _json(data)
            output = payload.get("output") if isinstance(payload, dict) else None
            task_id = output.get("task_id") if isinstance(output, dict) else None
            if not task_id:
                self._fail(row, FAILED, "BadGateway", "The service accepted the job but gave no task id.")
                return
            self.store.move_job(job_id, SUBMITTING, state=UPSTREAM, upstream_id=str(task_id),
                                upstream_status="PENDING", submitted=time.time())
            now = time.monotonic()
            account.started[job_id] = now
            account.inflight[job_id] = self._next_look(account, job_id, now)
            return
        error = self.upstream.error_from(answer, data)
        if answer.status_code == 429:
            account.busy_until = time.monotonic() + (error.retry_after or 1.0)
            self.store.move_job(job_id, SUBMITTING, state=QUEUED)
            self.queue.push(student_id, job_id, front=True)
        elif answer.status_code >= 500 and error.code != "Gateway.UpstreamKeyRejected":
            self._again_or_fail(account, row, error)
        else:
            if error.code == "Gateway.UpstreamKeyRejected":
                LOG.error("the service rejected the key of account %s", account.name)
            self._fail(row, FAILED, error.code, error.message)

    def _again_or_fail(self, account: Account, row, error: ApiError) -> None:
        if row["attempts"] + 1 >= SUBMIT_ATTEMPTS:
            self._fail(row, FAILED, error.code, error.message)
            return
        account.busy_until = time.monotonic() + 1.0 * (row["attempts"] + 1)
        self.store.move_job(row["id"], SUBMITTING, state=QUEUED)
        self.queue.push(row["student_id"], row["id"], front=True)

    # ---- following a job ------------------------------------------------------------------------------

    def _next_look(self, account: Account, job_id: str, now: float) -> float:
        """When to look at a running job again (see the module's docstring)."""
        elapsed = now - account.started.get(job_id, now)
        floor = max(LOOK_GAP, len(account.inflight) / self.config.lookups_per_second)
        if elapsed < account.typical:
            gap = max(floor, 0.8 * account.typical - elapsed)
        else:
            gap = max(floor, (elapsed - account.typical) / 4)
        return now + min(self.config.poll_interval, gap)

    def _finished(self, account: Account, job_id: str) -> None:
        """A job left its slot: learn from how long it took, and free the slot for the next one."""
        account.inflight.pop(job_id, None)
        began = account.started.pop(job_id, None)
        if began is not None:
            account.typical = min(600.0, max(0.5, 0.7 * account.typical + 0.3 * (time.monotonic() - began)))
        self.wake()

    def _poll(self, account: Account, job_id: str) -> None:
        row = self.store.job(job_id)
        if row is None or row["state"] != UPSTREAM:
            account.inflight.pop(job_id, None)
            account.started.pop(job_id, None)
            return
        later = self._next_look(account, job_id, time.monotonic())
        try:
            answer = self.upstream.look_up(account, f"/tasks/{row['upstream_id']}")
            data = answer.content
        except requests.RequestException:
            account.inflight[job_id] = later
            self._give_up_if_too_old(account, row)
            return
        payload = _json(data)
        output = payload.get("output") if isinstance(payload, dict) else None
        if answer.status_code != 200 or not isinstance(output, dict):
            if answer.status_code == 429:  # too many look-ups: all of this account's look-ups wait a second
                account.lookup_pace.hold_until(time.monotonic() + 1.0)
            account.inflight[job_id] = max(later, time.monotonic() + 1.0)
            self._give_up_if_too_old(account, row)
            return
        status = str(output.get("task_status") or UNKNOWN)
        if status in ("PENDING", "RUNNING"):
            account.inflight[job_id] = later
            if status != row["upstream_status"]:
                self.store.move_job(job_id, UPSTREAM, upstream_status=status, output=output)
            return
        self._finished(account, job_id)
        if status == SUCCEEDED:
            if self.store.move_job(job_id, UPSTREAM, state=FETCHING, upstream_status=status, output=output):
                self._downloads.submit(self._fetch, job_id)
            return
        state = status if status in (FAILED, CANCELED) else UNKNOWN
        self._fail(row, state, output.get("code") or ("" if state != UNKNOWN else "UNKNOWN"),
                   output.get("message") or "", output=output)

    def _give_up_if_too_old(self, account: Account, row) -> None:
        if row["submitted"] and time.time() - row["submitted"] > JOB_DEADLINE:
            account.inflight.pop(row["id"], None)
            account.started.pop(row["id"], None)
            self._fail(row, UNKNOWN, "Gateway.JobLost", "The service stopped answering about this job.")

    # ---- finishing ------------------------------------------------------------------------------------

    def _fetch(self, job_id: str) -> None:
        """Download each picture once, keep it beside the database, and finish the job."""
        row = self.store.job(job_id)
        if row is None or row["state"] != FETCHING:
            return
        output = json.loads(row["output"] or "{}")
        kept, saved = [], 0
        for idx, item in enumerate(output.get("results") or []):
            if not isinstance(item, dict) or not item.get("url"):
                kept.append(item)
                continue
            data = self._download(item["url"])
            if self._stopping.is_set() and data is None:
                return  # finished after the restart
            details = {k: v for k, v in item.items() if k != "url"}
            if data is None:
                kept.append({**details, "code": "Gateway.DownloadFailed",
                             "message": "The gateway could not fetch this picture from the service."})
                continue
            ext, content_type = picture_type(data)
            relative = f"files/{job_id}/{idx}.{ext}"
            _write_atomically(self.store.data / relative, data)
            self.store.add_file(job_id, idx, relative, content_type)
            kept.append({**details, "file": idx, "ext": ext})
            saved += 1
        output["results"] = kept
        total = int(row["images"])
        output["task_metrics"] = {"TOTAL": total, "SUCCEEDED": saved, "FAILED": max(0, total - saved)}
        if saved == 0:
            self._fail(row, FAILED, "Gateway.DownloadFailed", "The gateway could not fetch the picture.",
                       output=output, expected=FETCHING)
            return
        if self.store.move_job(job_id, FETCHING, state=SUCCEEDED, output=output, finished=time.time()):
            self.gateway.quotas.give_back_images(row["student_id"], row["day"], total - saved)
            self.store.update_log(row["log_id"], reply=f"{saved} picture(s)",
                                  code=None if saved == total else "PartialFailure")

    def _download(self, url: str) -> bytes | None:
        for attempt in range(DOWNLOAD_ATTEMPTS):
            try:
                return self.upstream.download(url, self.config.max_image_bytes)
            except (OSError, requests.RequestException) as problem:
                LOG.warning("picture download failed (%s), attempt %d", type(problem).__name__, attempt + 1)
                if self._stopping.wait(1.0 + attempt):
                    return None
        return None

    def _fail(self, row, state: str, code: str, message: str, *, output: dict | None = None,
              expected: str | None = None) -> None:
        if expected is None:
            current = self.store.job(row["id"])
            expected = current["state"] if current is not None else None
        if expected is None or expected in FINAL:
            return
        fields = {"state": state, "code": code or None, "message": message or None, "finished": time.time()}
        if output is not None:
            fields["output"] = output
        if not self.store.move_job(row["id"], expected, **fields):
            return
        self.gateway.quotas.give_back_images(row["student_id"], row["day"], int(row["images"]))
        self.store.update_log(row["log_id"], reply=f"{code}: {message}".strip(": "), code=code or state,
                              flag=safety_flag(code))
        self.wake()


def picture_type(data: bytes) -> tuple[str, str]:
    if data[:3] == b"\xff\xd8\xff":
        return "jpg", "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", "image/webp"
    return "png", "image/png"


def _json(data: bytes):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
