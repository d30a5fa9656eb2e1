"""Picture jobs as a student sees them: submit, poll, cancel, list, and fetch the finished picture.

The gateway answers a submission at once with its *own* task id (PENDING) and queues the job (queue.py).
Polls are answered from the database in the service's exact shapes, so the SDK cannot tell the difference:
PENDING while queued, the service's PENDING/RUNNING while upstream, RUNNING while the gateway downloads the
picture, then SUCCEEDED with ``results[].url`` pointing at the gateway itself.

A task id belongs to one student: anybody else asking about it is told ``UNKNOWN``, exactly what the service
says about a task that does not exist, so ids reveal nothing. Picture links are capability URLs: they carry
an HMAC of the job id and picture number under a per-install secret (128 bits), so a link cannot be guessed
or made up; only the student whose poll returned it has it. (The kit downloads pictures with a plain GET,
without its token, as it would from the service's own signed links; a link that needed the token would
break the kit and the SDK's usual code.)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid

from .protocol import (
    IMAGE_SYNTHESIS,
    IMAGE_TO_IMAGE,
    ApiError,
    missing_input,
    missing_model,
    new_request_id,
    service_time,
)
from .store import CANCELED, FAILED, FETCHING, QUEUED, SUBMITTING, SUCCEEDED, UNKNOWN, UPSTREAM, today

FILE_PATH = re.compile(r"^/files/([0-9a-f-]{36})/(\d{1,2})-([0-9a-f]{32})\.(png|jpg|webp|wav|mp3)$")  # pictures, speech


class ImageJobs:
    def __init__(self, gateway):
        self.gateway = gateway
        self.store = gateway.store

    # ---- submit --------------------------------------------------------------------------------------

    def submit(self, student, body, headers: dict, route: str = IMAGE_SYNTHESIS) -> dict:
        """Queue a picture job; ``route`` is where it goes up: text2image, or image2image (from pictures)."""
        gw = self.gateway
        if headers.get("x-dashscope-async", "").lower() != "enable":
            raise ApiError(403, "AccessDenied", "current user api does not support synchronous calls")
        if not isinstance(body, dict):
            raise missing_input()
        model = body.get("model")
        if not isinstance(model, str) or not model.strip():
            raise missing_model()
        inp = body.get("input")
        prompt = inp.get("prompt") if isinstance(inp, dict) else None
        if not isinstance(prompt, str) or not prompt.strip():
            raise ApiError(400, "InvalidParameter",
                           "Required parameter(prompt) missing or invalid, please check the request parameters.")
        params = body.get("parameters")
        if params is None:
            params = body["parameters"] = {}
        if not isinstance(params, dict):
            raise ApiError(400, "InvalidParameter", "parameters must be an object")
        limits = gw.quotas.limits_for(student.class_name)
        # The service's default is four pictures (all billed): the gateway asks for one unless told otherwise.
        n = params.setdefault("n", 1)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= limits.images_per_request:
            raise ApiError(400, "InvalidParameter",
                           f"Range of n should be [1, {limits.images_per_request}] in this class.")
        negative = inp.get("negative_prompt")
        pictures = len(inp.get("images") or []) if route == IMAGE_TO_IMAGE else 0
        shown = prompt + (f" [negative: {negative}]" if negative else "") + (f" [from {pictures} picture(s)]"
                                                                           if pictures else "")
        entry = {"student": student, "kind": "image", "model": model, "prompt": gw.upstream.scrub(shown)}
        job_id = str(uuid.uuid4())
        try:
            gw.quotas.check_model(student.class_name, model)
            gw.blocklist.check([prompt, negative if isinstance(negative, str) else ""])
            # One transaction: the student's waiting jobs, the daily share and the new job, so a burst of
            # submissions cannot all see the same free place.
            with self.store.transaction() as db:
                waiting = self.store.waiting_jobs(db, student.id)
                if waiting >= limits.waiting_images:
                    refusal = ApiError(429, "Throttling.Gateway.Queue", f"You already have {waiting} pictures "
                                       "waiting. Wait for one to finish, then try again.", retry_after=5)
                else:
                    refusal = gw.quotas.reserve(db, student, images=n)
                if refusal is None:
                    log_id = self.store.log(**entry, status=200, job_id=job_id, db=db)
                    self.store.create_job(db, job_id=job_id, student=student, day=today(), body=body, images=n,
                                          log_id=log_id, route=route)
            if refusal is not None:
                raise refusal
        except ApiError as refusal:
            self.store.log(**entry, status=refusal.status, code=refusal.code, flag=refusal.flag)
            raise
        gw.scheduler.add(student.id, job_id)
        return {"output": {"task_status": "PENDING", "task_id": job_id}, "request_id": new_request_id()}

    # ---- poll, cancel, list ---------------------------------------------------------------------------

    def status(self, student, task_id: str, base_url: str) -> dict:
        row = self.store.job(task_id)
        if row is None or row["student_id"] != student.id:
            return {"request_id": new_request_id(), "output": {"task_id": task_id, "task_status": UNKNOWN}}
        output, usage = self._output(row, base_url)
        reply = {"request_id": new_request_id(), "output": output}
        if usage is not None:
            reply["usage"] = usage
        return reply

    def cancel(self, student, task_id: str) -> dict:
        row = self.store.job(task_id)
        if (row is None or row["student_id"] != student.id
                or not self.store.move_job(task_id, QUEUED, state=CANCELED, finished=time.time())):
            raise ApiError(400, "UnsupportedOperation",
                           "Failed to cancel the task, please confirm if the task is in PENDING status.")
        self.gateway.scheduler.remove(task_id)
        self.gateway.quotas.give_back_images(row["student_id"], row["day"], int(row["images"]))
        self.store.update_log(row["log_id"], reply="cancelled", code="CANCELED")
        return {"request_id": new_request_id()}

    def listing(self, student, query: dict) -> dict:
        def number(name: str, default: int, high: int) -> int:
            try:
                return max(1, min(high, int(query.get(name, [default])[0])))
            except ValueError:
                raise ApiError(400, "InvalidParameter", "page_no and page_size must be integers") from None

        page_no, page_size = number("page_no", 1, 10_000), number("page_size", 10, 100)
        rows, total = self.store.jobs_of(student.id, limit=page_size, offset=(page_no - 1) * page_size)
        data = [{"task_id": r["id"], "task_status": visible_status(r), "model_name": _model(r),
                 "gmt_create": service_time(r["created"]), "end_time": service_time(r["finished"])} for r in rows]
        return {"request_id": new_request_id(), "data": data, "total": total,
                "total_page": (total + page_size - 1) // page_size, "page_no": page_no, "page_size": page_size}

    # ---- the picture files -----------------------------------------------------------------------------

    def signature(self, job_id: str, idx: int) -> str:
        return hmac.new(self.store.file_key, f"{job_id}/{idx}".encode(), hashlib.sha256).hexdigest()[:32]

    def file_url(self, base_url: str, job_id: str, idx: int, ext: str) -> str:
        return f"{base_url}/files/{job_id}/{idx}-{self.signature(job_id, idx)}.{ext}"

    def file(self, path: str) -> tuple[bytes, str] | None:
        """The bytes and content type behind a picture link, or None for any link that is not genuine."""
        match = FILE_PATH.match(path)
        if not match:
            return None
        job_id, idx, signature, _ext = match.group(1), int(match.group(2)), match.group(3), match.group(4)
        if not hmac.compare_digest(signature, self.signature(job_id, idx)):
            return None
        row = self.store.file(job_id, idx)
        if row is None:
            return None
        try:
            return (self.store.data / row["path"]).read_bytes(), row["content_type"]
        except OSError:
            return None

    # ---- shapes ------------------------------------------------------------------------------------------

    def _output(self, row, base_url: str) -> tuple[dict, dict | None]:
        state = visible_status(row)
        stored = json.loads(row["output"] or "{}")
        output = {"task_id": row["id"], "task_status": state, "submit_time": service_time(row["created"])}
        for name in ("scheduled_time", "end_time"):
            if stored.get(name):
                output[name] = stored[name]
        if row["finished"] and "end_time" not in output and state not in ("PENDING", "RUNNING"):
            output["end_time"] = service_time(row["finished"])
        total = int(row["images"])
        usage = None
        if state == SUCCEEDED:
            results = []
            for item in stored.get("results") or []:
                if isinstance(item, dict) and "file" in item:
                    shown = {k: v for k, v in item.items() if k not in ("file", "ext")}
                    results.append({"url": self.file_url(base_url, row["id"], int(item["file"]), item["ext"]),
                                    **shown})
                else:
                    results.append(item)
            output["results"] = results
            metrics = stored.get("task_metrics") or {"TOTAL": total, "SUCCEEDED": total, "FAILED": 0}
            output["task_metrics"] = metrics
            usage = {"image_count": metrics.get("SUCCEEDED", total)}
        elif state in (FAILED, CANCELED, UNKNOWN):
            if row["code"]:
                output["code"] = row["code"]
                output["message"] = row["message"] or ""
            output["task_metrics"] = {"TOTAL": total, "SUCCEEDED": 0, "FAILED": total if state == FAILED else 0}
        else:
            output["task_metrics"] = {"TOTAL": total, "SUCCEEDED": 0, "FAILED": 0}
        return output, usage


def visible_status(row) -> str:
    """The service's word for where a gateway job is."""
    state = row["state"]
    if state in (QUEUED, SUBMITTING):
        return "PENDING"
    if state == UPSTREAM:
        return row["upstream_status"] or "PENDING"
    if state == FETCHING:
        return "RUNNING"
    return state


def _model(row) -> str:
    try:
        return str(json.loads(row["body"]).get("model") or "")
    except (ValueError, AttributeError):
        return ""
