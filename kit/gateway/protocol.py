"""The DashScope wire shapes the gateway answers with (see shared/reference/dashscope-protocol.md, section 5).

Every error the gateway makes itself has the service's own shape, ``{"request_id", "code", "message"}``, so
the SDK parses it and the kit turns it into its friendly message. The codes are chosen for that mapping
(``kit.backends.dashscope.service_error``):

    Throttling.Quota.Student / Throttling.Quota.Class   -> RateLimited("quota"): today's share is used up
    Throttling.Gateway.*                                -> RateLimited: busy, try again in a moment
    Blocklist.Teacher                                   -> SafetyBlocked("blocklist"): the teacher's list
    InvalidApiKey                                       -> KeyProblem: the student's token is wrong
    InvalidParameter*                                   -> BadInput: the request itself needs changing
"""

from __future__ import annotations

import json
import time
import uuid

API_PREFIX = "/api/v1"
GENERATION = "/services/aigc/text-generation/generation"
IMAGE_SYNTHESIS = "/services/aigc/text2image/image-synthesis"
IMAGE_TO_IMAGE = "/services/aigc/image2image/image-synthesis"   # a picture from the child's drawing or pictures
TASKS = "/tasks"
MULTIMODAL = "/services/aigc/multimodal-generation/generation"   # vision: pictures as data URLs in the message


class ApiError(Exception):
    """Answer the request with this status and error body (and ``Retry-After`` when given)."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: float | None = None,
                 flag: str | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after
        self.flag = flag  # for the teacher's log: "blocklist", "quota", "safety"

    def body(self, request_id: str | None = None) -> dict:
        return {"request_id": request_id or new_request_id(), "code": self.code, "message": self.message}

    def headers(self) -> dict[str, str]:
        if self.retry_after is None:
            return {}
        return {"Retry-After": str(max(1, round(self.retry_after)))}


def new_request_id() -> str:
    return str(uuid.uuid4())


def service_time(at: float | None) -> str | None:
    """Times as the service writes them: ``2025-01-08 16:03:59.840`` (local time)."""
    if at is None:
        return None
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at)) + f".{int(at * 1000) % 1000:03d}"


def invalid_json() -> ApiError:
    return ApiError(400, "InvalidParameter", "The request body is not valid JSON.")


MAX_DEPTH = 32  # DashScope bodies nest four or five levels; anything deeper is not a real request


def parse_json(raw: bytes):
    """The request body as JSON, or a 400: not UTF-8, not JSON, nested deeper than ``MAX_DEPTH`` (which
    would otherwise exhaust Python's recursion), or text with a lone surrogate (``"\\ud800"``, which no
    database, log or terminal can hold)."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise invalid_json() from None
    pending = [(body, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ApiError(400, "InvalidParameter", "The request holds broken text (a lone surrogate).") from None
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise ApiError(400, "InvalidParameter", f"The request is nested more than {MAX_DEPTH} levels deep.")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            pending.extend((part, depth + 1) for pair in items for part in pair if not isinstance(part, int))
    return body


def missing_input() -> ApiError:
    return ApiError(400, "BadRequest.EmptyInput", "Required input parameter missing from request.")


def missing_model() -> ApiError:
    return ApiError(400, "BadRequest.EmptyModel", 'Required parameter "model" missing from request.')


def bad_key(message: str = "Invalid API-key provided.") -> ApiError:
    return ApiError(401, "InvalidApiKey", message)
