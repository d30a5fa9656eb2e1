"""The gateway's HTTP server, on ``aiohttp.web``: no request framing is parsed by hand.

aiohttp reads the request line, the headers and the body's framing (Content-Length or chunked), refuses
what is malformed (a negative chunk size, a bad Content-Length, oversized headers) and writes responses,
streams and keep-alive. Its event loop runs in one thread; each request's own work (the database, the
upstream call, waiting for a fair place) runs in a thread of a bounded pool, because that code is plain
blocking Python. A stream is written from that thread through the loop, chunk by chunk.

Every request goes through the same steps, so nothing is forgotten on any path:
    1. read the body, refusing more than ``max_body_bytes`` (413) however it is framed, before anything else;
    2. route by path (404 for anything unknown, 405 for a wrong method), all errors in the service's shape;
    3. for the API: identify the student by their token (or their JupyterHub token), within their class;
    4. parse the JSON (400 if it is not, is nested too deeply or holds broken text), then text.py or images.py;
    5. one access-log line, without tokens, keys, picture-link secrets or control characters.

Paths (``PREFIX`` is empty, or e.g. ``/services/storykit-gateway`` behind JupyterHub's proxy; a student's
card may also put ``/class/<NAME>`` before ``/api/v1``, and then the token must belong to that class):

    POST PREFIX/api/v1/services/aigc/text-generation/generation     text, JSON or SSE
    POST PREFIX/api/v1/services/aigc/text2image/image-synthesis     queue a picture job
    POST PREFIX/api/v1/services/aigc/image2image/image-synthesis    queue a picture job from pictures (bigger limit)
    POST PREFIX/api/v1/services/aigc/multimodal-generation/generation   vision (as text; a bigger body limit),
                                                                    or speech for a Qwen-TTS model (speech.py)
    GET  PREFIX/api/v1/tasks/{id}   POST .../tasks/{id}/cancel   GET .../tasks
    GET  PREFIX/files/{job}/{n}-{signature}.png                     a finished picture or speech audio (.wav)
    GET  PREFIX/teacher                                             read-only teacher page (teacher token; on a hub,
                                                                    the teacher's hub login: OAuth, hub.py)
    GET  PREFIX/oauth_callback                                      where the hub sends the teacher back after login
    GET  PREFIX/healthz

Stopping is graceful: the port closes at once, requests in progress get up to ``shutdown_seconds`` to finish.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import os
import re
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

try:
    from aiohttp import web
    from aiohttp.web_protocol import RequestHandler
except ImportError as missing:  # the student's install has no server: say which extra brings it
    raise ImportError("The classroom gateway needs aiohttp: pip install 'qwen-storybook-kit[gateway]' "
                      "(or pip install aiohttp)", name="aiohttp") from missing

from ..errors import redact
from . import report
from .config import GatewayConfig
from .hub import SESSION_SECONDS, HubAuth, HubLogin, HubLoginSettings
from .images import ImageJobs
from .limits import FairGate
from .protocol import (
    API_PREFIX,
    GENERATION,
    IMAGE_SYNTHESIS,
    IMAGE_TO_IMAGE,
    MULTIMODAL,
    TASKS,
    ApiError,
    bad_key,
    new_request_id,
    parse_json,
)
from .queue import ImageScheduler
from .quota import QuotaBook
from .safety import Blocklist, printable
from .speech import SpeechForwarder, is_speech
from .store import Store, Student
from .text import TextForwarder
from .upstream import Upstream

LOG = logging.getLogger("kit.gateway")
CLASS_PATH = re.compile(r"^/class/([A-Za-z0-9_-]{1,40})(/.*)?$")
TASK_PATH = re.compile(r"^/tasks/([A-Za-z0-9_.-]{1,80})$")
CANCEL_PATH = re.compile(r"^/tasks/([A-Za-z0-9_.-]{1,80})/cancel$")
GOOD_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
MAX_PATH = 2048
SERVER_NAME = "StorykitGateway/1.0"
HUB_NOT_TEACHER = b"This page is for the teacher's hub account only.\n"
SESSION_COOKIE, STATE_COOKIE = "storykit-teacher", "storykit-oauth-state"
TEACHER_LOGIN = b"The teacher page needs the teacher token (any user name, the token as password).\n"
CONTENT_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'"
CLIENT_GONE = (ConnectionError, asyncio.IncompleteReadError)


class RedactFilter(logging.Filter):
    """Run every log record through ``kit.errors.redact`` (the keys, and anything shaped like a key), and take
    out control characters, so nothing a client sends can move the teacher's cursor or set their clipboard."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = printable(redact(record.getMessage()), keep_lines=True)
        record.args = None
        if record.exc_info:
            record.exc_text = printable(redact(logging.Formatter().formatException(record.exc_info)),
                                        keep_lines=True)
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
        self._lock = DataLock(config.data)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.BaseRunner | None = None
        self._pool: ThreadPoolExecutor | None = None

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
                                     window=config.submit_window, text_per_minute=config.text_per_minute,
                                     lookups_per_second=config.lookups_per_second)
            self.text_gate = FairGate(config.text_at_once)
            self.auth_failures = AuthFailures(config.auth_failures_per_minute)
            self.hub = HubAuth(config.hub) if config.hub else None
            login = HubLoginSettings.from_environment(os.environ) if config.hub else None
            self.hub_login = HubLogin(login) if login else None  # the teacher page through the hub's login
            if config.hub and config.hub.default_class and config.hub.default_class not in self.store.class_names():
                self.store.create_class(config.hub.default_class)
            self.text = TextForwarder(self)
            self.speech = SpeechForwarder(self)
            self.images = ImageJobs(self)
            self.scheduler = ImageScheduler(self)
            self._serve()
        except BaseException:
            self._lock.release()
            self.store.close()
            raise
        self.scheduler.start()
        LOG.info("gateway serving on %s (upstream %s, %d account(s))", self.url, config.upstream,
                 len(self.upstream.accounts))
        return self

    def _serve(self) -> None:
        """Start the event loop in its own thread and bind the port (errors, e.g. a port in use, raise here)."""
        self._pool = ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="gateway-request")
        loop = self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=loop.run_forever, daemon=True, name="gateway-http")
        self._thread.start()
        try:
            self.port = asyncio.run_coroutine_threadsafe(self._bind(), loop).result(timeout=30)
        except BaseException:
            self._stop_loop()
            raise

    async def _bind(self) -> int:
        config = self.config
        server = _Server(self._handle, logger=LOG, access_log=None, auto_decompress=False,
                         keepalive_timeout=75, lingering_time=5.0, max_line_size=MAX_PATH + 100, max_field_size=8190)
        runner = web.ServerRunner(server, handle_signals=False, shutdown_timeout=config.shutdown_seconds)
        await runner.setup()
        site = web.TCPSite(runner, config.host or None, config.port, backlog=128, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        return runner.addresses[0][1]

    def stop(self) -> None:
        """Close the port, let requests in progress finish (up to ``shutdown_seconds``), then stop the workers."""
        if self._loop is None:
            return
        runner, self._runner = self._runner, None
        if runner is not None:
            future = asyncio.run_coroutine_threadsafe(runner.cleanup(), self._loop)
            try:
                future.result(timeout=self.config.shutdown_seconds + 10)
            except (TimeoutError, OSError, RuntimeError):
                LOG.warning("the HTTP server did not stop cleanly")
        self._stop_loop()
        self.scheduler.stop()
        self.store.close()
        self._lock.release()

    def _stop_loop(self) -> None:
        loop, self._loop = self._loop, None
        try:
            asyncio.run_coroutine_threadsafe(_cancel_the_rest(), loop).result(timeout=5)
        except (TimeoutError, RuntimeError):
            pass
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout=10)
        loop.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        """Read the body within the limit (before anything else), then do the request's work in the pool."""
        exchange = _Exchange(self, request)
        try:
            body = await exchange.read_body()
        except CLIENT_GONE:
            exchange.log_gone()
            exchange.close_connection = True
            exchange.send_bytes(400, "text/plain", b"")  # never arrives: aiohttp drops it quietly
            return exchange.response
        except ApiError as error:
            exchange.refuse(error)
            return exchange.response
        await asyncio.get_running_loop().run_in_executor(self._pool, exchange.dispatch, body)
        return exchange.response

    # ---- who is asking --------------------------------------------------------------------------------

    def open_classes(self) -> list[str]:
        names = self.store.class_names()
        return [n for n in names if n in self.config.classes] if self.config.classes else names

    def identify(self, token: str) -> Student | None:
        """The student behind a token: a card token, else (on a hub) the owner of a hub token."""
        student = self.store.student_for_token(token)
        if student is not None or self.hub is None:
            return student
        user = self.hub.user_for_token(token)
        if user is None:
            return None
        class_name = self.hub.class_for(user, self.open_classes())
        if class_name is None:
            raise ApiError(403, "Gateway.HubNoClass",
                           "Your hub account is not in a class of this classroom gateway. Ask your teacher.")
        return self.store.hub_student(user.name, class_name)


async def _cancel_the_rest() -> None:
    """Connections still open after the graceful stop (a client that never sent its request) end here, so
    no task is left pending when the loop closes."""
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class _Protocol(RequestHandler):
    """aiohttp's connection handler, with its answer to a malformed request in the service's error shape
    and one log line instead of a traceback (a scanner or a broken client is not the teacher's problem)."""

    def handle_error(self, request, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        LOG.info("%s bad request: %s", request.remote, printable(message or type(exc).__name__)[:200])
        if request.writer.output_size > 0:
            raise ConnectionError("the answer had already started")
        error = ApiError(status, "InvalidParameter" if status < 500 else "InternalError",
                         "The request is not well-formed HTTP." if status < 500 else "The gateway had a problem.")
        answer = _json_response(error.status, error.body(), error.headers())
        answer.force_close()
        return answer


class _Server(web.Server):
    def __call__(self) -> RequestHandler:
        return _Protocol(self, loop=self._loop, **self._kwargs)


def _json_response(status: int, obj: dict, headers: dict | None = None) -> web.Response:
    data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return _response(status, "application/json; charset=utf-8", data, headers)


def _cookie(name: str, value: str, path: str, seconds: int) -> str:
    """An HttpOnly cookie for the gateway's own path only (the hub's other services never see it)."""
    return f"{name}={value}; Path={path or '/'}; Max-Age={seconds}; HttpOnly; SameSite=Lax"


def _response(status: int, content_type: str, data: bytes, headers: dict | None = None) -> web.Response:
    extra = {"Server": SERVER_NAME, "Content-Type": content_type, "X-Content-Type-Options": "nosniff",
             "Cache-Control": "no-store", **(headers or {})}
    return web.Response(status=status, body=data, headers=extra)


class _Exchange:
    """One request and its answer. The routing and the answers run in a worker thread; ``response`` is what
    the event loop sends (or the stream that was already started through it)."""

    def __init__(self, gateway: Gateway, request: web.BaseRequest):
        self.gateway = gateway
        self.request = request
        self.loop = asyncio.get_running_loop()
        self.command = request.method
        self.path = request.raw_path
        self.headers = request.headers
        self.remote = request.remote or "-"
        self.response: web.StreamResponse | None = None
        self.close_connection = False
        self._status, self._who, self._sent = 0, "-", False
        self._request_id = new_request_id()
        self._started = time.monotonic()
        self._shown_path = printable(re.sub(r"-[0-9a-f]{32}\.", "-….", urlsplit(self.path).path))[:200]

    # ---- step 1, on the event loop: the body, within the limit however it is framed ------------------------

    async def read_body(self) -> bytes:
        config = self.gateway.config
        route = urlsplit(self.path).path.rstrip("/")
        limit = (config.max_picture_body_bytes if route.endswith(API_PREFIX + MULTIMODAL)   # pictures sent up: limited
                 else config.max_edit_body_bytes if route.endswith(API_PREFIX + IMAGE_TO_IMAGE)
                 else config.max_body_bytes)
        if len(self.path) > MAX_PATH:
            self.close_connection = True
            raise ApiError(414, "InvalidParameter", "The address of this request is too long.")
        too_large = ApiError(413, "InvalidParameter.RequestTooLarge",
                             f"The request is too large: the classroom gateway accepts up to {limit} bytes.")
        declared = self.request.content_length
        if declared is not None and declared > limit:
            self.close_connection = True
            raise too_large
        try:
            return await asyncio.wait_for(self._read_within(limit, too_large), self.gateway.config.body_seconds)
        except asyncio.TimeoutError:
            self.close_connection = True
            raise ApiError(408, "RequestTimeOut", "The request body took too long to arrive.") from None

    async def _read_within(self, limit: int, too_large: ApiError) -> bytes:
        body = bytearray()
        while chunk := await self.request.content.readany():
            body += chunk
            if len(body) > limit:
                self.close_connection = True
                raise too_large
        return bytes(body)

    def refuse(self, error: ApiError) -> None:
        self._send_error(error)
        self._log_line()

    def log_gone(self) -> None:
        LOG.info("%s %s %s: the client closed the connection", self.remote, self.command, self._shown_path)

    # ---- steps 2 to 5, in a worker thread ------------------------------------------------------------

    def dispatch(self, body: bytes) -> None:
        try:
            split = urlsplit(self.path)
            self._route(re.sub(r"/{2,}", "/", split.path), split.query, body)
        except ApiError as error:
            self._send_error(error)
        except CLIENT_GONE:
            self.close_connection = True
            self.log_gone()
            return
        except Exception:
            LOG.exception("request %s %s failed", self.command, self._shown_path)
            self.close_connection = True
            if not self._sent:
                self._send_error(ApiError(500, "InternalError",
                                          "The classroom gateway had a problem. Your teacher can see it in its log."))
        self._log_line()

    def _log_line(self) -> None:
        ms = (time.monotonic() - self._started) * 1000
        LOG.info("%s %s %s %s %.0fms %s", self.remote, self.command, self._shown_path, self._status, ms, self._who)

    def _route(self, path: str, query: str, body: bytes) -> None:
        gateway = self.gateway
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
            self._teacher(parse_qs(query), seen_prefix)
        elif path == "/oauth_callback" and gateway.hub_login:
            self._want("GET")
            self._hub_callback(parse_qs(query), seen_prefix)
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
        gateway = self.gateway
        task, cancel = TASK_PATH.match(path), CANCEL_PATH.match(path)
        if path in (GENERATION, IMAGE_SYNTHESIS, IMAGE_TO_IMAGE, MULTIMODAL) or cancel:
            self._want("POST")
        elif path == TASKS or task:
            self._want("GET")
        else:
            raise ApiError(404, "NotFound", f"The requested path {API_PREFIX}{path} was not found.")
        student = self._authenticate(path_class)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = parse_json(raw) if raw else None
        if path == MULTIMODAL and is_speech(body):
            gateway.speech.handle(self, student, raw, body, headers, self._base_url(seen_prefix))
        elif path in (GENERATION, MULTIMODAL):
            gateway.text.handle(self, student, raw, body, headers, path=path)
        elif path in (IMAGE_SYNTHESIS, IMAGE_TO_IMAGE):
            self.send_json(200, gateway.images.submit(student, body, headers, route=path))
        elif path == TASKS:
            self.send_json(200, gateway.images.listing(student, parse_qs(query)))
        elif cancel:
            self.send_json(200, gateway.images.cancel(student, cancel.group(1)))
        else:
            self.send_json(200, gateway.images.status(student, task.group(1), self._base_url(seen_prefix)))

    def _authenticate(self, path_class: str | None) -> Student:
        gateway = self.gateway
        scheme, _, token = self.headers.get("Authorization", "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() not in ("bearer", "token") or not token:
            raise bad_key("No API-key provided.")
        # The hub is asked even after many wrong tokens from this address: a class behind one proxy shares
        # it, and one student's typos must not lock out classmates whose hub tokens are not cached yet.
        student = gateway.identify(token)
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
        failures, address = self.gateway.auth_failures, self.remote
        if failures.too_many(address):
            raise ApiError(429, "Throttling.Gateway.AuthFailures",
                           "Too many wrong tokens from this computer. Wait a minute, then check the token.",
                           retry_after=60)
        failures.add(address)
        raise bad_key()

    def _base_url(self, seen_prefix: str) -> str:
        """Where the student reached us, for the picture links in their poll answers."""
        gateway = self.gateway
        if gateway.config.public_url:
            return gateway.config.public_url.rstrip("/")
        host = self.headers.get("Host", "")
        if not GOOD_HOST.match(host):
            host = f"{gateway.config.host}:{gateway.port}"
        scheme = self.headers.get("X-Forwarded-Proto", "http").lower()
        return f"{'https' if scheme == 'https' else 'http'}://{host}{seen_prefix}"

    def _teacher(self, query: dict, seen_prefix: str) -> None:
        gateway = self.gateway
        login = gateway.hub_login
        if login and not self.headers.get("Authorization"):  # on a hub: the hub's login, not a token
            name = login.user(self._cookie(SESSION_COOKIE))
            if name is None:
                url, state = login.authorize_url()
                self.send_bytes(302, "text/plain; charset=utf-8", b"",
                                {"Location": url, "Set-Cookie": _cookie(STATE_COOKIE, state, seen_prefix, 600)})
                return
            if not login.is_teacher(name):
                self.send_bytes(403, "text/plain; charset=utf-8", HUB_NOT_TEACHER)
                return
        elif not gateway.store.is_teacher(self._teacher_token()):
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

    def _hub_callback(self, query: dict, seen_prefix: str) -> None:
        """The hub sends the browser back here with a code: a session for whoever logged in, then /teacher."""
        def first(name: str) -> str:
            return (query.get(name) or [""])[0]

        session = self.gateway.hub_login.finish(first("code"), first("state"), self._cookie(STATE_COOKIE))
        if session is None:
            raise ApiError(403, "AccessDenied", "The hub login did not complete. Open the teacher page again.")
        self.send_bytes(302, "text/plain; charset=utf-8", b"",
                        {"Location": f"{seen_prefix}/teacher",
                         "Set-Cookie": _cookie(SESSION_COOKIE, session, seen_prefix, SESSION_SECONDS)})

    def _cookie(self, name: str) -> str | None:
        jar = SimpleCookie()
        try:
            jar.load(self.headers.get("Cookie", ""))
        except CookieError:
            return None
        return jar[name].value if name in jar else None

    def _refuse_teacher_guess(self) -> None:
        failures, address = self.gateway.auth_failures, self.remote
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
        self.response = _response(status, content_type, data, headers)
        if self.close_connection:
            self.response.force_close()

    def send_json(self, status: int, obj: dict, headers: dict | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_bytes(status, "application/json; charset=utf-8", data, headers)

    def _send_error(self, error: ApiError) -> None:
        if self._sent:
            self.close_connection = True
            return
        self.send_json(error.status, error.body(self._request_id), error.headers())

    def _on_loop(self, coroutine):
        """Run a write on the event loop and wait for it (this runs in a worker thread)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def start_stream(self, content_type: str) -> None:
        self._status, self._sent = 200, True
        stream = web.StreamResponse(status=200, headers={
            "Server": SERVER_NAME, "Content-Type": content_type, "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no", "X-Content-Type-Options": "nosniff"})
        stream.enable_chunked_encoding()
        self.response = stream
        self._on_loop(stream.prepare(self.request))

    def write_chunk(self, data: bytes) -> None:
        """Raises OSError (ConnectionResetError) when the student has gone."""
        self._on_loop(self.response.write(data))

    def end_stream(self) -> None:
        self._on_loop(self.response.write_eof())

    def abort_stream(self) -> None:
        """The service broke off: end the connection without the final chunk, so the client sees it too."""
        self.close_connection = True
        transport = self.request.transport
        if transport is not None:
            self.loop.call_soon_threadsafe(transport.abort)


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
