"""The gateway's HTTP server: standard library only (``ThreadingHTTPServer``), one thread per connection.

Every request goes through the same steps, so nothing is forgotten on any path:
    1. read the body, refusing more than ``max_body_bytes`` (413) before reading it;
    2. route by path (404 for anything unknown, 405 for a wrong method), all errors in the service's shape;
    3. for the API: identify the student by their token (or their JupyterHub token), within their class;
    4. parse the JSON (400 if it is not), then hand over to text.py or images.py;
    5. one access-log line, without tokens, keys or picture-link secrets.

Paths (``PREFIX`` is empty, or e.g. ``/services/storykit-gateway`` behind JupyterHub's proxy; a student's
card may also put ``/class/<NAME>`` before ``/api/v1``, and then the token must belong to that class):

    POST PREFIX/api/v1/services/aigc/text-generation/generation     text, JSON or SSE
    POST PREFIX/api/v1/services/aigc/text2image/image-synthesis     queue a picture job
    GET  PREFIX/api/v1/tasks/{id}   POST .../tasks/{id}/cancel   GET .../tasks
    GET  PREFIX/files/{job}/{n}-{signature}.png                     a finished picture (capability URL)
    GET  PREFIX/teacher                                             read-only teacher page (teacher token)
    GET  PREFIX/healthz
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import socket
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import redact
from . import report
from .config import GatewayConfig
from .hub import HubAuth
from .images import ImageJobs
from .limits import FairGate
from .protocol import (
    API_PREFIX,
    GENERATION,
    IMAGE_SYNTHESIS,
    TASKS,
    ApiError,
    bad_key,
    invalid_json,
    new_request_id,
)
from .queue import ImageScheduler
from .quota import QuotaBook
from .safety import Blocklist
from .store import Store, Student
from .text import TextForwarder
from .upstream import Upstream

LOG = logging.getLogger("kit.gateway")
CLASS_PATH = re.compile(r"^/class/([A-Za-z0-9_-]{1,40})(/.*)?$")
TASK_PATH = re.compile(r"^/tasks/([A-Za-z0-9_.-]{1,80})$")
CANCEL_PATH = re.compile(r"^/tasks/([A-Za-z0-9_.-]{1,80})/cancel$")
GOOD_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
MAX_PATH = 2048
TEACHER_LOGIN = b"The teacher page needs the teacher token (any user name, the token as password).\n"
CONTENT_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'"


class RedactFilter(logging.Filter):
    """Run every log record through ``kit.errors.redact`` (the keys, and anything shaped like a key)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


LOG.addFilter(RedactFilter())


class AuthFailures:
    """Wrong tokens per client address in the last minute; too many and that address must wait."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def too_many(self, address: str) -> bool:
        with self._lock:
            times = self._seen.get(address)
            if not times:
                return False
            while times and times[0] < time.monotonic() - 60:
                times.popleft()
            return len(times) >= self.per_minute

    def add(self, address: str) -> None:
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen.setdefault(address, deque()).append(time.monotonic())


class DataLock:
    """One gateway per data folder: two would send the same jobs twice."""

    def __init__(self, data: Path):
        self.path = Path(data) / "gateway.lock"
        self._handle = None

    def acquire(self) -> None:
        self._handle = open(self.path, "a+")  # noqa: SIM115 - held open for the life of the gateway
        try:
            import fcntl

            fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # not POSIX: no lock, the teacher is trusted to start one gateway
            pass
        except OSError:
            self._handle.close()
            self._handle = None
            raise RuntimeError(f"Another gateway is already using {self.path.parent}.") from None

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class Gateway:
    """The whole gateway. ``start()`` binds the port and starts the workers; ``stop()`` undoes it."""

    def __init__(self, config: GatewayConfig):
        self.config = config
        self.port = config.port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = DataLock(config.data)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.config.host in ("", "0.0.0.0", "::") else self.config.host
        return f"http://{host}:{self.port}{self.config.prefix}"

    @property
    def api_url(self) -> str:
        return self.url + API_PREFIX

    def start(self) -> Gateway:
        config = self.config
        self.store = Store(config.data)
        self._lock.acquire()
        try:
            self.quotas = QuotaBook(self.store)
            self.blocklist = Blocklist(self.store)
            self.upstream = Upstream(config.upstream, config.keys, self.store.fingerprint,
                                     jobs_at_once=config.jobs_at_once, submits_per_window=config.submits_per_second,
                                     window=config.submit_window)
            self.text_gate = FairGate(config.text_at_once)
            self.auth_failures = AuthFailures(config.auth_failures_per_minute)
            self.hub = HubAuth(config.hub) if config.hub else None
            if config.hub and config.hub.default_class and config.hub.default_class not in self.store.class_names():
                self.store.create_class(config.hub.default_class)
            self.text = TextForwarder(self)
            self.images = ImageJobs(self)
            self.scheduler = ImageScheduler(self)
            httpd = _Server((config.host, config.port), _Handler)
        except BaseException:
            self._lock.release()
            self.store.close()
            raise
        httpd.gateway = self
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self.scheduler.start()
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                                        name=f"gateway-http-{self.port}")
        self._thread.start()
        LOG.info("gateway serving on %s (upstream %s, %d account(s))", self.url, config.upstream,
                 len(self.upstream.accounts))
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.scheduler.stop()
        self.store.close()
        self._lock.release()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ---- who is asking --------------------------------------------------------------------------------

    def open_classes(self) -> list[str]:
        names = self.store.class_names()
        return [n for n in names if n in self.config.classes] if self.config.classes else names

    def identify(self, token: str, *, may_ask_hub: bool = True) -> Student | None:
        """The student behind a token: a card token, else (on a hub) the owner of a hub token."""
        student = self.store.student_for_token(token)
        if student is not None or self.hub is None or not may_ask_hub:
            return student
        user = self.hub.user_for_token(token)
        if user is None:
            return None
        class_name = self.hub.class_for(user, self.open_classes())
        if class_name is None:
            raise ApiError(403, "AccessDenied",
                           "Your hub account is not in a class of this classroom gateway. Ask your teacher.")
        return self.store.hub_student(user.name, class_name)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    gateway: Gateway


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "StorykitGateway/1.0"
    sys_version = ""
    timeout = 120
    server: _Server

    # ---- connection bookkeeping ---------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        gateway = self.server.gateway
        with gateway._connections_lock:
            gateway._connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        gateway = self.server.gateway
        with gateway._connections_lock:
            gateway._connections.discard(self.connection)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # malformed requests, from the standard library
        LOG.info("%s %s", self.client_address[0], format % args)

    def log_request(self, code="-", size="-") -> None:
        pass  # one line per request is written by _dispatch, without secrets

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

    def do_OPTIONS(self) -> None:
        self._dispatch()

    # ---- the steps of every request -----------------------------------------------------------------

    def _dispatch(self) -> None:
        started = time.monotonic()
        self._status, self._who, self._sent = 0, "-", False
        self._request_id = new_request_id()
        shown_path = "?"
        try:
            if len(self.path) > MAX_PATH:
                self.close_connection = True
                raise ApiError(414, "InvalidParameter", "The address of this request is too long.")
            split = urlsplit(self.path)
            path = re.sub(r"/{2,}", "/", split.path)
            shown_path = re.sub(r"-[0-9a-f]{32}\.", "-….", path)
            body = self._read_body()
            self._route(path, split.query, body)
        except ApiError as error:
            self._send_error(error)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:
            LOG.exception("request %s %s failed", self.command, shown_path)
            self.close_connection = True
            if not self._sent:
                self._send_error(ApiError(500, "InternalError",
                                          "The classroom gateway had a problem. Your teacher can see it in its log."))
        finally:
            ms = (time.monotonic() - started) * 1000
            LOG.info("%s %s %s %s %.0fms %s", self.client_address[0], self.command, shown_path, self._status, ms,
                     self._who)

    def _read_body(self) -> bytes:
        limit = self.server.gateway.config.max_body_bytes
        too_large = ApiError(413, "InvalidParameter.RequestTooLarge",
                             f"The request is too large: the classroom gateway accepts up to {limit} bytes.")
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts, size = [], 0
            while True:
                line = self.rfile.readline(1024)
                try:
                    length = int(line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    self.close_connection = True
                    raise ApiError(400, "InvalidParameter", "The request body is badly chunked.") from None
                if length == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                size += length
                if size > limit:
                    self.close_connection = True
                    raise too_large
                parts.append(self.rfile.read(length))
                self.rfile.readline(1024)
        declared = self.headers.get("Content-Length")
        if not declared:
            return b""
        try:
            length = int(declared)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "InvalidParameter", "The Content-Length header is not a number.") from None
        if length > limit:
            self.close_connection = True
            raise too_large
        return self.rfile.read(length) if length else b""

    def _route(self, path: str, query: str, body: bytes) -> None:
        gateway = self.server.gateway
        prefix, seen_prefix = gateway.config.prefix, ""
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path, seen_prefix = path[len(prefix):] or "/", prefix
        path_class = None
        match = CLASS_PATH.match(path)
        if match:
            path_class, path = match.group(1), match.group(2) or "/"
        path = path.rstrip("/") or "/"
        if path in ("/", "/healthz"):
            self._want("GET", "HEAD")
            self.send_json(200, {"service": "storykit-gateway", "ok": True})
        elif path == "/teacher":
            self._want("GET", "HEAD")
            self._teacher(parse_qs(query))
        elif path.startswith("/files/"):
            self._want("GET", "HEAD")
            found = gateway.images.file(path)
            if found is None:
                raise ApiError(404, "NotFound", "There is no such picture.")
            data, content_type = found
            self.send_bytes(200, content_type, data, {"Cache-Control": "private, max-age=86400"})
        elif path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            self._api(path[len(API_PREFIX):], query, body, path_class, seen_prefix)
        else:
            raise ApiError(404, "NotFound", f"The requested path {path} was not found.")

    def _want(self, *methods: str) -> None:
        if self.command not in methods:
            raise ApiError(405, "MethodNotAllowed", f"Method {self.command} is not allowed here.")

    def _api(self, path: str, query: str, raw: bytes, path_class: str | None, seen_prefix: str) -> None:
        gateway = self.server.gateway
        task, cancel = TASK_PATH.match(path), CANCEL_PATH.match(path)
        if path in (GENERATION, IMAGE_SYNTHESIS) or cancel:
            self._want("POST")
        elif path == TASKS or task:
            self._want("GET")
        else:
            raise ApiError(404, "NotFound", f"The requested path {API_PREFIX}{path} was not found.")
        student = self._authenticate(path_class)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = None
        if raw:
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise invalid_json() from None
        if path == GENERATION:
            gateway.text.handle(self, student, raw, body, headers)
        elif path == IMAGE_SYNTHESIS:
            self.send_json(200, gateway.images.submit(student, body, headers))
        elif path == TASKS:
            self.send_json(200, gateway.images.listing(student, parse_qs(query)))
        elif cancel:
            self.send_json(200, gateway.images.cancel(student, cancel.group(1)))
        else:
            self.send_json(200, gateway.images.status(student, task.group(1), self._base_url(seen_prefix)))

    def _authenticate(self, path_class: str | None) -> Student:
        gateway = self.server.gateway
        scheme, _, token = self.headers.get("Authorization", "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or not token:
            raise bad_key("No API-key provided.")
        student = gateway.identify(token, may_ask_hub=not gateway.auth_failures.too_many(self.client_address[0]))
        if student is None:
            self._refuse_wrong_token()
        self._who = student.label
        if student.revoked is not None:
            raise bad_key("This token was switched off by the teacher.")
        if path_class is not None and student.class_name != path_class:
            raise bad_key("This token belongs to another class.")
        if gateway.config.classes and student.class_name not in gateway.config.classes:
            raise bad_key("The classroom gateway is not open for this class now.")
        return student

    def _refuse_wrong_token(self) -> None:
        """401, or 429 after too many wrong tokens from this address in a minute. A right token always gets
        in (a whole class may share one address behind a proxy); only the guesses are slowed down."""
        failures, address = self.server.gateway.auth_failures, self.client_address[0]
        if failures.too_many(address):
            raise ApiError(429, "Throttling.Gateway.AuthFailures",
                           "Too many wrong tokens from this computer. Wait a minute, then check the token.",
                           retry_after=60)
        failures.add(address)
        raise bad_key()

    def _base_url(self, seen_prefix: str) -> str:
        """Where the student reached us, for the picture links in their poll answers."""
        gateway = self.server.gateway
        if gateway.config.public_url:
            return gateway.config.public_url.rstrip("/")
        host = self.headers.get("Host", "")
        if not GOOD_HOST.match(host):
            host = f"{self.server.server_address[0]}:{gateway.port}"
        scheme = self.headers.get("X-Forwarded-Proto", "http").lower()
        return f"{'https' if scheme == 'https' else 'http'}://{host}{seen_prefix}"

    def _teacher(self, query: dict) -> None:
        gateway = self.server.gateway
        if not gateway.store.is_teacher(self._teacher_token()):
            if self.headers.get("Authorization"):
                self._refuse_teacher_guess()
            self.send_bytes(401, "text/plain; charset=utf-8", TEACHER_LOGIN,
                            {"WWW-Authenticate": 'Basic realm="storykit gateway teacher", charset="UTF-8"'})
            return
        self._who = "teacher"

        def first(name: str) -> str | None:
            return (query.get(name) or [None])[0]

        page = report.teacher_page(gateway.store, gateway.quotas, class_name=first("class"),
                                   student=first("student"), flagged=first("flagged") == "1", day=first("day"))
        self.send_bytes(200, "text/html; charset=utf-8", page.encode("utf-8"),
                        {"Content-Security-Policy": CONTENT_SECURITY, "X-Frame-Options": "DENY",
                         "Referrer-Policy": "no-referrer"})

    def _refuse_teacher_guess(self) -> None:
        failures, address = self.server.gateway.auth_failures, self.client_address[0]
        if failures.too_many(address):
            raise ApiError(429, "Throttling.Gateway.AuthFailures", "Too many wrong tokens. Wait a minute.",
                           retry_after=60)
        failures.add(address)

    def _teacher_token(self) -> str | None:
        scheme, _, value = self.headers.get("Authorization", "").strip().partition(" ")
        if scheme.lower() == "basic":
            try:
                return base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")[2]
            except (binascii.Error, UnicodeDecodeError):
                return None
        if scheme.lower() in ("bearer", "token"):
            return value.strip()
        return None

    # ---- writing answers (text.py streams through these too) --------------------------------------------

    def send_bytes(self, status: int, content_type: str, data: bytes, headers: dict | None = None) -> None:
        self._status, self._sent = status, True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        extra = dict(headers or {})
        extra.setdefault("Cache-Control", "no-store")
        for name, value in extra.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status: int, obj: dict, headers: dict | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_bytes(status, "application/json; charset=utf-8", data, headers)

    def _send_error(self, error: ApiError) -> None:
        if self._sent:
            self.close_connection = True
            return
        self.send_json(error.status, error.body(self._request_id), error.headers())

    def start_stream(self, content_type: str) -> None:
        self._status, self._sent = 200, True
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Accel-Buffering", "no")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def abort_stream(self) -> None:
        """The service broke off: end the connection without the final chunk, so the client sees it too."""
        self.close_connection = True


def serve_forever(gateway: Gateway) -> None:
    """Block until Ctrl-C (or SIGTERM), then stop cleanly: jobs in flight are resumed on the next start."""
    import signal

    stopped = threading.Event()

    def on_signal(signum, frame):
        stopped.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    # Started from a background job, a process inherits SIGINT ignored; Ctrl-C must still stop the gateway.
    previous_int = signal.signal(signal.SIGINT, on_signal)
    try:
        while not stopped.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
        gateway.stop()


__all__ = ["Gateway", "RedactFilter", "serve_forever"]
