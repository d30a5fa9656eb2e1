"""Text generation through the gateway: checked, forwarded with a teacher key, logged, counted.

Order of checks, cheapest and kindest first: the request must make sense (else the service's own 400), the
teacher's blocklist (nothing leaves the gateway), the student's text requests in flight, the daily share,
then a fair place among the requests going upstream. A stream is passed to the student chunk by chunk as it
arrives (the gateway reads each Server-Sent Event only to log the reply, never holds the stream back).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import requests

from .protocol import GENERATION, MULTIMODAL, ApiError, missing_input, missing_model
from .safety import safety_flag
from .upstream import unreachable

MAX_REPLY_BYTES = 16 * 1024 * 1024
GATE_WAIT = 60.0  # seconds a request may wait for a place upstream before the student is told to retry
PICTURE_TOKENS = 1400   # a picture of up to 1024 x 1024 pixels, as Qwen-VL counts it (about 28 x 28 pixels a token)
REPLY_ALLOWANCE = 2000   # tokens reserved for a reply that sets no max_tokens (a long story is about 1,500)
MAX_REPLY_TOKENS = 8192  # the most any reply may use (the service's own max_tokens range)


@dataclass(frozen=True)
class TextRequest:
    """What the gateway needs from a generation body: the model, every turn sent (role, words), how the
    reply streams, and a generous estimate of the tokens it may use (reserved at admission, settled after)."""

    model: str
    turns: tuple[tuple[str, str], ...]
    incremental: bool
    estimate: int

    @property
    def words(self) -> list[str]:
        return [text for _role, text in self.turns]

    def for_log(self) -> str:
        """Every turn that is sent, so nothing reaches the model unseen by the teacher: the earlier turns in
        brackets with their role (a made-up assistant turn too), then the student's latest words."""
        if len(self.turns) == 1 and self.turns[0][0] == "prompt":
            return self.turns[0][1]
        *earlier, last = self.turns
        if last[0] != "user":
            earlier, last = self.turns, ("user", "")
        shown = [f"[{role}: {text}]" for role, text in earlier]
        return " ".join([*shown, last[1]]).strip()


def read_request(body) -> TextRequest:
    """The request's parts from a generation body, or the service's own 400."""
    if not isinstance(body, dict):
        raise missing_input()
    model = body.get("model")
    if not isinstance(model, str) or not model.strip():
        raise missing_model()
    params = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
    inp = body.get("input")
    if isinstance(inp, dict) and isinstance(inp.get("messages"), list) and inp["messages"]:
        messages = inp["messages"]
        if not all(isinstance(m, dict) for m in messages):
            raise ApiError(400, "InvalidParameter", "messages must be a list of objects")
        turns = tuple((str(m.get("role") or "?")[:20], _content(m.get("content"))) for m in messages)
    elif isinstance(inp, dict) and isinstance(inp.get("prompt"), str) and inp["prompt"].strip():
        turns = (("prompt", inp["prompt"]),)
    else:
        raise missing_input()
    allowance = params.get("max_tokens")
    if not isinstance(allowance, int) or isinstance(allowance, bool) or allowance <= 0:
        allowance = REPLY_ALLOWANCE
    pictures = sum(1 for m in (inp.get("messages") or []) if isinstance(m, dict) and isinstance(m.get("content"), list)
                   for part in m["content"] if isinstance(part, dict) and "image" in part)
    estimate = (sum(len(text) for _role, text in turns) + pictures * PICTURE_TOKENS
                + min(allowance, MAX_REPLY_TOKENS))
    return TextRequest(model, turns, params.get("incremental_output") is True, estimate)


def _content(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def _reply_text(data: dict) -> str:
    output = data.get("output") or {}
    choices = output.get("choices") or []
    if choices and isinstance(choices[0], dict):
        return _content(((choices[0].get("message") or {}).get("content")) or "")
    return str(output.get("text") or "")


def _tokens(usage) -> int:
    if not isinstance(usage, dict):
        return 0
    total = usage.get("total_tokens")
    if isinstance(total, int):
        return total
    return sum(v for k, v in usage.items() if k in ("input_tokens", "output_tokens") and isinstance(v, int))


class StreamReader:
    """Reads the SSE stream as it passes, to log the whole reply: text, tokens and any mid-stream error."""

    def __init__(self, incremental: bool):
        self.incremental = incremental
        self._buffer = b""
        self._pieces: list[str] = []
        self.tokens = 0
        self.code: str | None = None
        self.message: str | None = None

    @property
    def text(self) -> str:
        return "".join(self._pieces)

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk.replace(b"\r\n", b"\n")
        while b"\n\n" in self._buffer:
            event, self._buffer = self._buffer.split(b"\n\n", 1)
            self._event(event.decode("utf-8", "replace"))

    def close(self) -> None:
        if self._buffer.strip():
            self._event(self._buffer.decode("utf-8", "replace"))
        self._buffer = b""

    def _event(self, event: str) -> None:
        kind, data = "result", ""
        for line in event.split("\n"):
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].strip()
        try:
            payload = json.loads(data) if data else None
        except ValueError:
            return
        if not isinstance(payload, dict):
            return
        if kind == "error" or (payload.get("code") and not payload.get("output")):
            self.code = str(payload.get("code") or "Unknown")
            self.message = str(payload.get("message") or "")
            return
        piece = _reply_text(payload)
        if self.incremental:
            self._pieces.append(piece)
        elif piece:
            self._pieces = [piece]
        self.tokens = _tokens(payload.get("usage")) or self.tokens


class TextForwarder:
    def __init__(self, gateway):
        self.gateway = gateway

    def handle(self, reply, student, raw: bytes, body, headers: dict, path: str = GENERATION) -> None:
        """Answer one generation request (text, or vision on the multimodal route: the same rules). ``reply`` is
        the HTTP exchange (it sends JSON and stream chunks)."""
        gw = self.gateway
        request = read_request(body)
        stream = headers.get("x-dashscope-sse", "").lower() == "enable"
        kind = "vision" if path == MULTIMODAL else "stream" if stream else "text"
        entry = {"student": student, "kind": kind, "model": request.model,
                 "prompt": gw.upstream.scrub(request.for_log())}
        started = time.monotonic()
        ticket = None
        try:
            gw.quotas.check_model(student.class_name, request.model)
            gw.blocklist.check(request.words)
            limits = gw.quotas.limits_for(student.class_name)
            ticket = gw.text_gate.enter(student.id, most=limits.text_at_once)
            if ticket is None:
                raise ApiError(429, "Throttling.Gateway.Student",
                               f"You already have {limits.text_at_once} questions on the way. "
                               "Wait for an answer, then ask again.", retry_after=1)
            gw.quotas.admit(student, tokens=request.estimate)
        except ApiError as refusal:
            if ticket is not None:
                gw.text_gate.leave(ticket)
            gw.store.log(**entry, status=refusal.status, code=refusal.code, flag=refusal.flag)
            raise
        if not gw.text_gate.wait(ticket, timeout=GATE_WAIT):
            refusal = ApiError(429, "Throttling.Gateway.Busy",
                               "The classroom is very busy. Try again in a moment.", retry_after=2)
            gw.quotas.give_back_request(student, tokens=request.estimate)
            gw.store.log(**entry, status=429, code=refusal.code)
            raise refusal
        try:
            try:
                answer = gw.upstream.post_text(raw, client_headers=headers, timeout=gw.config.text_timeout,
                                               wait=gw.config.text_busy_wait, path=path)
            except requests.RequestException as problem:
                error = unreachable(problem)
                gw.quotas.give_back_request(student, tokens=request.estimate)
                gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started))
                raise error from None
            with answer:
                if answer.status_code == 429 or answer.status_code >= 500:
                    gw.quotas.give_back_request(student, tokens=request.estimate)  # not served: not counted
                    reserved = 0
                else:
                    reserved = request.estimate
                content_type = answer.headers.get("Content-Type", "")
                if stream and answer.status_code == 200 and "text/event-stream" in content_type:
                    self._relay(reply, answer, student, entry, request.incremental, started, reserved)
                else:
                    self._whole(reply, answer, student, entry, started, reserved)
        finally:
            gw.text_gate.release(student.id)

    def _whole(self, reply, answer, student, entry: dict, started: float, reserved: int) -> None:
        gw = self.gateway

        def failed(error: ApiError, **logged) -> ApiError:
            """Log the failure and give back the tokens reserved for it (nothing was used)."""
            with gw.store.transaction() as db:
                gw.quotas.settle_tokens(student, reserved, 0, db=db)
                gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started), db=db, **logged)
            return error

        data = bytearray()
        try:
            for chunk in answer.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_REPLY_BYTES:
                    raise ApiError(502, "BadGateway", "The service's answer was too large.")
        except requests.RequestException as problem:
            raise failed(unreachable(problem)) from None
        except ApiError as error:
            raise failed(error) from None
        data = bytes(data)
        if answer.status_code != 200:
            error = gw.upstream.error_from(answer, data)
            raise failed(error, flag=safety_flag(error.code), reply=error.message)
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise failed(ApiError(502, "BadGateway", "The service's answer was not JSON.")) from None
        tokens = _tokens(parsed.get("usage") if isinstance(parsed, dict) else None)
        with gw.store.transaction() as db:  # one write for both: the log line and the tokens
            gw.quotas.settle_tokens(student, reserved, tokens, db=db)
            gw.store.log(**entry, status=200, reply=gw.upstream.scrub(_reply_text(parsed)), tokens=tokens,
                         ms=_ms(started), db=db)
        reply.send_bytes(200, answer.headers.get("Content-Type", "application/json"), gw.upstream.scrub_bytes(data))

    def _relay(self, reply, answer, student, entry: dict, incremental: bool, started: float,
               reserved: int) -> None:
        gw = self.gateway
        reader = StreamReader(incremental)
        reply.start_stream(answer.headers.get("Content-Type", "text/event-stream;charset=UTF-8"))
        client_gone = False
        try:
            for chunk in answer.iter_content(chunk_size=None):
                if not chunk:
                    continue
                reader.feed(chunk)
                try:
                    reply.write_chunk(gw.upstream.scrub_bytes(chunk))
                except OSError:
                    client_gone = True
                    break
            reader.close()
        except requests.RequestException:
            reader.code = reader.code or "Gateway.StreamBroken"
            reply.abort_stream()
            client_gone = True
        finally:
            # Logged before the stream's end is sent, so a child who has the whole reply finds it in the log.
            with gw.store.transaction() as db:
                gw.quotas.settle_tokens(student, reserved, reader.tokens, db=db)
                gw.store.log(**entry, status=200, reply=gw.upstream.scrub(reader.text), code=reader.code,
                             flag=safety_flag(reader.code), tokens=reader.tokens, ms=_ms(started), db=db)
        if not client_gone:
            reply.end_stream()


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
