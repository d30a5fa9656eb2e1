"""Text generation through the gateway: checked, forwarded with a teacher key, logged, counted.

Order of checks, cheapest and kindest first: the request must make sense (else the service's own 400), the
teacher's blocklist (nothing leaves the gateway), the student's text requests in flight, the daily share,
then a fair place among the requests going upstream. A stream is passed to the student chunk by chunk as it
arrives (the gateway reads each Server-Sent Event only to log the reply, never holds the stream back).
"""

from __future__ import annotations

import json
import time

import requests

from .protocol import GENERATION, ApiError, missing_input, missing_model
from .safety import safety_flag
from .upstream import unreachable

MAX_REPLY_BYTES = 16 * 1024 * 1024
GATE_WAIT = 60.0  # seconds a request may wait for a place upstream before the student is told to retry


def read_messages(body) -> tuple[str, list[str], bool]:
    """(model, the words the student wrote, incremental_output) from a generation body, or the service's 400."""
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
        written = [_content(m.get("content")) for m in messages if m.get("role") in ("system", "user")]
    elif isinstance(inp, dict) and isinstance(inp.get("prompt"), str) and inp["prompt"].strip():
        written = [inp["prompt"]]
    else:
        raise missing_input()
    return model, written, params.get("incremental_output") is True


def prompt_for_log(body: dict) -> str:
    """What the teacher reads: the system prompt (if any) and the student's latest words."""
    inp = body.get("input") or {}
    if isinstance(inp.get("prompt"), str):
        return inp["prompt"]
    messages = inp.get("messages") or []
    system = next((_content(m.get("content")) for m in messages if m.get("role") == "system"), "")
    users = [_content(m.get("content")) for m in messages if m.get("role") == "user"]
    latest = users[-1] if users else ""
    return f"[system: {system}] {latest}" if system else latest


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
        return str(((choices[0].get("message") or {}).get("content")) or "")
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

    def handle(self, reply, student, raw: bytes, body, headers: dict) -> None:
        """Answer one generation request. ``reply`` is the HTTP handler (it sends JSON and stream chunks)."""
        gw = self.gateway
        model, written, incremental = read_messages(body)
        stream = headers.get("x-dashscope-sse", "").lower() == "enable"
        entry = {"student": student, "kind": "stream" if stream else "text", "model": model,
                 "prompt": gw.upstream.scrub(prompt_for_log(body))}
        started = time.monotonic()
        try:
            gw.blocklist.check(written)
            limits = gw.quotas.limits_for(student.class_name)
            if gw.text_gate.load(student.id) >= limits.text_at_once:
                raise ApiError(429, "Throttling.Gateway.Student",
                               f"You already have {limits.text_at_once} questions on the way. "
                               "Wait for an answer, then ask again.", retry_after=1)
            gw.quotas.admit(student)
        except ApiError as refusal:
            gw.store.log(**entry, status=refusal.status, code=refusal.code, flag=refusal.flag)
            raise
        if not gw.text_gate.acquire(student.id, timeout=GATE_WAIT):
            refusal = ApiError(429, "Throttling.Gateway.Busy",
                               "The classroom is very busy. Try again in a moment.", retry_after=2)
            gw.store.log(**entry, status=429, code=refusal.code)
            raise refusal
        try:
            account = gw.upstream.for_text()
            try:
                answer = gw.upstream.post(account, GENERATION, raw, client_headers=headers, stream=True,
                                          timeout=gw.config.text_timeout)
            except requests.RequestException as problem:
                error = unreachable(problem)
                gw.quotas.give_back_request(student)
                gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started))
                raise error from None
            with answer:
                if answer.status_code == 429 or answer.status_code >= 500:
                    gw.quotas.give_back_request(student)  # not served: not counted
                if answer.status_code == 429:
                    account.busy_until = time.monotonic() + 1.0
                content_type = answer.headers.get("Content-Type", "")
                if stream and answer.status_code == 200 and "text/event-stream" in content_type:
                    self._relay(reply, answer, student, entry, incremental, started)
                else:
                    self._whole(reply, answer, student, entry, started)
        finally:
            gw.text_gate.release(student.id)

    def _whole(self, reply, answer, student, entry: dict, started: float) -> None:
        gw = self.gateway
        data = bytearray()
        try:
            for chunk in answer.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_REPLY_BYTES:
                    raise ApiError(502, "BadGateway", "The service's answer was too large.")
        except requests.RequestException as problem:
            error = unreachable(problem)
            gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started))
            raise error from None
        except ApiError as error:
            gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started))
            raise
        data = bytes(data)
        if answer.status_code != 200:
            error = gw.upstream.error_from(answer, data)
            gw.store.log(**entry, status=error.status, code=error.code, flag=safety_flag(error.code),
                         reply=error.message, ms=_ms(started))
            raise error
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            error = ApiError(502, "BadGateway", "The service's answer was not JSON.")
            gw.store.log(**entry, status=error.status, code=error.code, ms=_ms(started))
            raise error from None
        tokens = _tokens(parsed.get("usage") if isinstance(parsed, dict) else None)
        with gw.store.transaction() as db:  # one write for both: the log line and the tokens
            gw.quotas.count_tokens(student, tokens, db=db)
            gw.store.log(**entry, status=200, reply=gw.upstream.scrub(_reply_text(parsed)), tokens=tokens,
                         ms=_ms(started), db=db)
        reply.send_bytes(200, answer.headers.get("Content-Type", "application/json"), gw.upstream.scrub_bytes(data))

    def _relay(self, reply, answer, student, entry: dict, incremental: bool, started: float) -> None:
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
            if not client_gone:
                reply.end_stream()
        except requests.RequestException:
            reader.code = reader.code or "Gateway.StreamBroken"
            reply.abort_stream()
        finally:
            with gw.store.transaction() as db:
                gw.quotas.count_tokens(student, reader.tokens, db=db)
                gw.store.log(**entry, status=200, reply=gw.upstream.scrub(reader.text), code=reader.code,
                             flag=safety_flag(reader.code), tokens=reader.tokens, ms=_ms(started), db=db)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
