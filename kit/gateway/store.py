"""The gateway's memory: one SQLite file in the data folder, so there is nothing else to install or run.

What is kept, and why:
- classes and students. A student's token is stored only as HMAC-SHA256(install salt, token). Tokens are
  random (about 80 bits), so a fast keyed hash is enough: nobody can guess a token from its hash, and a
  lookup costs microseconds on every request (a slow hash such as scrypt protects short human passwords,
  which these are not). The salt is made once per install and kept in the ``meta`` table.
- usage per student per day, so quotas survive a restart;
- the log: every prompt and reply, for the teacher, with the service's safety refusals flagged;
- image jobs, with their state and upstream task id, so a restarted gateway loses none;
- the pictures' files (the bytes live in ``files/`` beside the database);
- the teacher's blocklist.
The teacher's DashScope key is never written here: a job remembers only which *account* it was sent to.

Writes go through one connection behind a lock (SQLite has one writer anyway); reads use a small pool of
read-only connections, so checking a token never waits behind another student's log line. WAL mode lets the
CLI read and write while ``serve`` runs. The folder and the database are readable by their owner only, since they hold children's words.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The schema grows by migrations, in order: MIGRATIONS[n] takes a database from version n to n + 1, and the
# version is SQLite's own ``PRAGMA user_version``. A released migration is never edited; a new column is a new
# migration at the end. A database made before versioning reads as version 0 and already has the first
# migration's tables, which say IF NOT EXISTS, so it moves to 1 untouched.
SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS classes (
    name TEXT PRIMARY KEY, created REAL NOT NULL, limits TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS students (
    id INTEGER PRIMARY KEY, class_name TEXT NOT NULL REFERENCES classes(name), label TEXT NOT NULL,
    token_hash TEXT UNIQUE, hub_user TEXT UNIQUE, created REAL NOT NULL, revoked REAL,
    UNIQUE (class_name, label));
CREATE TABLE IF NOT EXISTS usage (
    student_id INTEGER NOT NULL, day TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0,
    tokens INTEGER NOT NULL DEFAULT 0, images INTEGER NOT NULL DEFAULT 0, refused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (student_id, day));
CREATE INDEX IF NOT EXISTS usage_day ON usage(day);
CREATE TABLE IF NOT EXISTS log (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, student_id INTEGER, class_name TEXT, kind TEXT NOT NULL,
    model TEXT, prompt TEXT, reply TEXT, status INTEGER, code TEXT, flag TEXT, tokens INTEGER, job_id TEXT,
    ms INTEGER);
CREATE INDEX IF NOT EXISTS log_student ON log(student_id, at);
CREATE INDEX IF NOT EXISTS log_class ON log(class_name, at);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, student_id INTEGER NOT NULL, class_name TEXT NOT NULL, created REAL NOT NULL,
    day TEXT NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL, images INTEGER NOT NULL,
    upstream_id TEXT, account TEXT, upstream_status TEXT, submitted REAL, finished REAL, output TEXT,
    code TEXT, message TEXT, log_id INTEGER, attempts INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE INDEX IF NOT EXISTS jobs_student ON jobs(student_id, created);
CREATE TABLE IF NOT EXISTS files (
    job_id TEXT NOT NULL, idx INTEGER NOT NULL, path TEXT NOT NULL, content_type TEXT NOT NULL,
    PRIMARY KEY (job_id, idx));
CREATE TABLE IF NOT EXISTS blocklist (phrase TEXT PRIMARY KEY, added REAL NOT NULL);
"""
# 2: speech is counted in characters (as the service bills Qwen-TTS), beside tokens and pictures.
SCHEMA_V2 = "ALTER TABLE usage ADD COLUMN characters INTEGER NOT NULL DEFAULT 0;"
# 3: a picture job remembers the route it goes up by (text2image, or image2image for a picture from pictures).
SCHEMA_V3 = "ALTER TABLE jobs ADD COLUMN route TEXT NOT NULL DEFAULT '/services/aigc/text2image/image-synthesis';"
MIGRATIONS = (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3)
SCHEMA_VERSION = len(MIGRATIONS)

# Where an image job can be. WAITING states hold a student's place; FINAL states never change again.
QUEUED, SUBMITTING, UPSTREAM, FETCHING = "QUEUED", "SUBMITTING", "UPSTREAM", "FETCHING"
SUCCEEDED, FAILED, CANCELED, UNKNOWN = "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"
WAITING = (QUEUED, SUBMITTING, UPSTREAM, FETCHING)
FINAL = (SUCCEEDED, FAILED, CANCELED, UNKNOWN)

TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: children copy these from a card


def today(at: float | None = None) -> str:
    """The local calendar day: quotas reset at the gateway's midnight."""
    return time.strftime("%Y-%m-%d", time.localtime(time.time() if at is None else at))


def new_student_token() -> str:
    """``kit-xxxx-xxxx-xxxx-xxxx``: 16 characters of a 31-letter alphabet, about 79 bits, easy to type."""
    chars = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(16))
    return "kit-" + "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def normalise_token(token: str) -> str:
    """Students type tokens: forgive case and stray spaces for the kit's own tokens (not for hub tokens)."""
    token = token.strip()
    lowered = token.lower()
    return lowered if lowered.startswith("kit-") else token


@dataclass(frozen=True)
class Student:
    id: int
    class_name: str
    label: str
    hub_user: str | None = None
    revoked: float | None = None


class StoreProblem(Exception):
    """A teacher's command that cannot be done (unknown class, name taken, ...); the message says why."""


def migrate(db: sqlite3.Connection) -> int:
    """Bring the database up to ``SCHEMA_VERSION`` inside the caller's transaction, so a failed step changes nothing.

    Returns the version it was at. A database from a newer gateway is refused rather than half understood.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreProblem(f"The database is from a newer gateway (schema {version}; this one knows "
                           f"{SCHEMA_VERSION}). Update the gateway.")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        for statement in filter(str.strip, script.split(";")):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    return version


class Store:
    def __init__(self, data: Path):
        self.data = Path(data)
        self.data.mkdir(parents=True, exist_ok=True)
        _owner_only(self.data, 0o700)
        self.files_dir = self.data / "files"
        self.path = self.data / "gateway.sqlite3"
        self._lock = threading.RLock()
        self._readers: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._closed = False
        self._db = self._connect()
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        try:
            with self.transaction():
                migrate(self._db)
        except BaseException:       # a refused or failed migration: the database is as it was, and closed
            self._db.close()
            raise
        _owner_only(self.path, 0o600)
        self._salt = bytes.fromhex(self._meta_default("salt", lambda: secrets.token_hex(32)))
        self.file_key = bytes.fromhex(self._meta_default("file_key", lambda: secrets.token_hex(32)))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._db.close()
        while True:
            try:
                self._readers.get_nowait().close()
            except queue.Empty:
                break

    # ---- plumbing -----------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit (a quota check and its reservation, say), serialised with every other thread."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        target, uri = (f"file:{self.path}?mode=ro", True) if read_only else (str(self.path), False)
        connection = sqlite3.connect(target, uri=uri, timeout=15, check_same_thread=False, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 15000")
        return connection

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        try:
            connection = self._readers.get_nowait()
        except queue.Empty:
            connection = self._connect(read_only=True)
        try:
            yield connection
        finally:
            if self._closed:
                connection.close()
            else:
                self._readers.put(connection)

    def _one(self, sql: str, args=()) -> sqlite3.Row | None:
        with self._reader() as connection:
            return connection.execute(sql, args).fetchone()

    def _all(self, sql: str, args=()) -> list[sqlite3.Row]:
        with self._reader() as connection:
            return connection.execute(sql, args).fetchall()

    def _run(self, sql: str, args=()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, args)

    def _meta_default(self, key: str, make) -> str:
        with self.transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row:
                return row["value"]
            value = make()
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
            return value

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def hash_token(self, token: str) -> str:
        return hmac.new(self._salt, normalise_token(token).encode("utf-8"), hashlib.sha256).hexdigest()

    def fingerprint(self, secret: str) -> str:
        """A short, salted name for a key (to tell keys apart in output without showing them)."""
        return hmac.new(self._salt, b"key:" + secret.encode("utf-8"), hashlib.sha256).hexdigest()[:10]

    # ---- the teacher ----------------------------------------------------------------------------------------

    def new_teacher_token(self) -> str:
        token = "teacher-" + secrets.token_urlsafe(24)
        self.set_meta("teacher_hash", self.hash_token(token))
        return token

    def has_teacher_token(self) -> bool:
        return self.meta("teacher_hash") is not None

    def is_teacher(self, token: str | None) -> bool:
        stored = self.meta("teacher_hash")
        return bool(token and stored and hmac.compare_digest(stored, self.hash_token(token)))

    # ---- classes and students ----------------------------------------------------------------------------

    def create_class(self, name: str, limits: dict | None = None) -> None:
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM classes WHERE name = ?", (name,)).fetchone():
                raise StoreProblem(f"There is already a class called {name!r}.")
            db.execute("INSERT INTO classes (name, created, limits) VALUES (?, ?, ?)",
                       (name, time.time(), json.dumps(limits or {})))

    def class_names(self) -> list[str]:
        return [row["name"] for row in self._all("SELECT name FROM classes ORDER BY name")]

    def class_limits(self, name: str) -> dict | None:
        """The limits set by flags for a class (None if there is no such class)."""
        row = self._one("SELECT limits FROM classes WHERE name = ?", (name,))
        return json.loads(row["limits"]) if row else None

    def set_class_limits(self, name: str, changes: dict) -> dict:
        with self.transaction() as db:
            row = db.execute("SELECT limits FROM classes WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise StoreProblem(f"There is no class called {name!r}.")
            limits = {**json.loads(row["limits"]), **changes}
            db.execute("UPDATE classes SET limits = ? WHERE name = ?", (json.dumps(limits), name))
            return limits

    def add_students(self, class_name: str, count: int) -> list[tuple[str, str]]:
        """Make ``count`` new students (labels ``<class>-01`` ...) and return (label, token) pairs.

        The tokens are returned once, here, and never again: only their hashes are stored.
        """
        made = []
        with self.transaction() as db:
            if not db.execute("SELECT 1 FROM classes WHERE name = ?", (class_name,)).fetchone():
                raise StoreProblem(f"There is no class called {class_name!r}.")
            taken = {row["label"] for row in db.execute("SELECT label FROM students WHERE class_name = ?",
                                                        (class_name,))}
            number = 0
            while len(made) < count:
                number += 1
                label = f"{class_name}-{number:02d}"
                if label in taken:
                    continue
                token = new_student_token()
                db.execute("INSERT INTO students (class_name, label, token_hash, created) VALUES (?, ?, ?, ?)",
                           (class_name, label, self.hash_token(token), time.time()))
                made.append((label, token))
        return made

    def student_for_token(self, token: str) -> Student | None:
        row = self._one("SELECT * FROM students WHERE token_hash = ?", (self.hash_token(token),))
        return _student(row) if row else None

    def student(self, student_id: int) -> Student | None:
        row = self._one("SELECT * FROM students WHERE id = ?", (student_id,))
        return _student(row) if row else None

    def hub_student(self, hub_user: str, class_name: str) -> Student:
        """The student row of a JupyterHub user, made on first sight and moved if their class changed."""
        with self.transaction() as db:
            row = db.execute("SELECT * FROM students WHERE hub_user = ?", (hub_user,)).fetchone()
            if row is None:
                label = hub_user
                if db.execute("SELECT 1 FROM students WHERE class_name = ? AND label = ?",
                              (class_name, label)).fetchone():
                    label = f"hub:{hub_user}"
                db.execute("INSERT INTO students (class_name, label, hub_user, created) VALUES (?, ?, ?, ?)",
                           (class_name, label, hub_user, time.time()))
            elif row["class_name"] != class_name:
                db.execute("UPDATE students SET class_name = ? WHERE id = ?", (class_name, row["id"]))
            row = db.execute("SELECT * FROM students WHERE hub_user = ?", (hub_user,)).fetchone()
        return _student(row)

    def revoke(self, *, token: str | None = None, label: str | None = None) -> Student | None:
        """Stop a token (found by the token itself, or by the student's label); None if nobody matched."""
        with self.transaction() as db:
            if token is not None:
                row = db.execute("SELECT * FROM students WHERE token_hash = ?", (self.hash_token(token),)).fetchone()
            else:
                row = db.execute("SELECT * FROM students WHERE label = ?", (label,)).fetchone()
            if row is None:
                return None
            if row["revoked"] is None:
                db.execute("UPDATE students SET revoked = ? WHERE id = ?", (time.time(), row["id"]))
            self._cancel_queued(db, row["id"])
            row = db.execute("SELECT * FROM students WHERE id = ?", (row["id"],)).fetchone()
        return _student(row)

    def _cancel_queued(self, db: sqlite3.Connection, student_id: int) -> None:
        """A revoked student's pictures still waiting in the queue are cancelled (never sent, never billed);
        a running gateway skips them, as it skips any job no longer QUEUED when its turn comes."""
        jobs = db.execute("SELECT id, day, images, log_id FROM jobs WHERE student_id = ? AND state = ?",
                          (student_id, QUEUED)).fetchall()
        for job in jobs:
            db.execute("UPDATE jobs SET state = ?, code = ?, message = ?, finished = ? WHERE id = ?",
                       (CANCELED, "Gateway.Revoked", "The teacher switched this token off.", time.time(), job["id"]))
            self.add_usage(student_id, job["day"], images=-int(job["images"]), db=db)
            db.execute("UPDATE log SET reply = ?, code = ? WHERE id = ?", ("cancelled", "Gateway.Revoked",
                                                                          job["log_id"]))

    def students(self, class_name: str | None = None) -> list[Student]:
        if class_name is None:
            rows = self._all("SELECT * FROM students ORDER BY class_name, label")
        else:
            rows = self._all("SELECT * FROM students WHERE class_name = ? ORDER BY label", (class_name,))
        return [_student(row) for row in rows]

    # ---- usage ------------------------------------------------------------------------------------------

    def usage(self, db: sqlite3.Connection, student: Student, day: str) -> dict:
        """A student's and their class's totals for a day (call inside ``transaction()``)."""
        mine = db.execute("SELECT requests, tokens, images, characters FROM usage WHERE student_id = ? AND day = ?",
                          (student.id, day)).fetchone()
        theirs = db.execute(
            "SELECT COALESCE(SUM(u.requests), 0) AS requests, COALESCE(SUM(u.tokens), 0) AS tokens, "
            "COALESCE(SUM(u.images), 0) AS images, COALESCE(SUM(u.characters), 0) AS characters FROM usage u JOIN students s ON s.id = u.student_id "
            "WHERE s.class_name = ? AND u.day = ?", (student.class_name, day)).fetchone()
        student_totals = dict(mine) if mine else {"requests": 0, "tokens": 0, "images": 0, "characters": 0}
        return {"student": student_totals, "class": dict(theirs)}

    def add_usage(self, student_id: int, day: str, *, requests: int = 0, tokens: int = 0, images: int = 0,
                  refused: int = 0, characters: int = 0, db: sqlite3.Connection | None = None) -> None:
        sql = ("INSERT INTO usage (student_id, day, requests, tokens, images, refused, characters) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (student_id, day) DO UPDATE SET requests = MAX(0, requests + excluded.requests), "
               "tokens = tokens + excluded.tokens, images = MAX(0, images + excluded.images), "
               "refused = refused + excluded.refused, characters = MAX(0, characters + excluded.characters)")
        args = (student_id, day, requests, tokens, images, refused, characters)
        if db is not None:
            db.execute(sql, args)
        else:
            self._run(sql, args)

    def usage_rows(self, day: str, class_name: str | None = None) -> list[sqlite3.Row]:
        where, args = ("WHERE s.class_name = ?", (day, day, class_name)) if class_name else ("", (day, day))
        return self._all(
            "SELECT s.id, s.class_name, s.label, s.hub_user, s.revoked, "
            "COALESCE(u.requests, 0) AS requests, COALESCE(u.tokens, 0) AS tokens, "
            "COALESCE(u.images, 0) AS images, COALESCE(u.refused, 0) AS refused, "
            "(SELECT COUNT(*) FROM log l WHERE l.student_id = s.id AND l.flag IN ('safety', 'blocklist') "
            " AND date(l.at, 'unixepoch', 'localtime') = ?) AS flagged, "
            "(SELECT MAX(at) FROM log l WHERE l.student_id = s.id) AS last_seen "
            "FROM students s LEFT JOIN usage u ON u.student_id = s.id AND u.day = ? "
            f"{where} ORDER BY s.class_name, s.label", args)

    # ---- the log ---------------------------------------------------------------------------------------

    def log(self, *, student: Student | None, kind: str, model: str | None = None, prompt: str | None = None,
            reply: str | None = None, status: int | None = None, code: str | None = None,
            flag: str | None = None, tokens: int | None = None, job_id: str | None = None,
            ms: int | None = None, db: sqlite3.Connection | None = None) -> int:
        args = (time.time(), student.id if student else None, student.class_name if student else None, kind, model,
                prompt, reply, status, code or None, flag, tokens, job_id, ms)
        sql = ("INSERT INTO log (at, student_id, class_name, kind, model, prompt, reply, status, code, flag, "
               "tokens, job_id, ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        if db is not None:
            return db.execute(sql, args).lastrowid
        return self._run(sql, args).lastrowid

    def update_log(self, log_id: int, **fields) -> None:
        allowed = {"reply", "status", "code", "flag", "tokens", "ms"}
        fields = {k: v for k, v in fields.items() if k in allowed}
        if fields:
            sets = ", ".join(f"{name} = ?" for name in fields)
            self._run(f"UPDATE log SET {sets} WHERE id = ?", (*fields.values(), log_id))

    def recent_log(self, *, class_name: str | None = None, student_label: str | None = None,
                   flagged: bool = False, limit: int = 100) -> list[sqlite3.Row]:
        clauses, args = [], []
        if class_name:
            clauses.append("l.class_name = ?")
            args.append(class_name)
        if student_label:
            clauses.append("s.label = ?")
            args.append(student_label)
        if flagged:
            clauses.append("l.flag IN ('safety', 'blocklist')")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._all(f"SELECT l.*, s.label FROM log l LEFT JOIN students s ON s.id = l.student_id {where} "
                         "ORDER BY l.id DESC LIMIT ?", (*args, int(limit)))

    # ---- image jobs ------------------------------------------------------------------------------------

    def create_job(self, db: sqlite3.Connection, *, job_id: str, student: Student, day: str, body: dict,
                   images: int, log_id: int, route: str) -> None:
        db.execute("INSERT INTO jobs (id, student_id, class_name, created, day, state, body, images, log_id, route) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (job_id, student.id, student.class_name, time.time(), day, QUEUED,
                    json.dumps(body, ensure_ascii=False), images, log_id, route))

    def job(self, job_id: str) -> sqlite3.Row | None:
        return self._one("SELECT * FROM jobs WHERE id = ?", (job_id,))

    def update_job(self, job_id: str, db: sqlite3.Connection | None = None, **fields) -> None:
        for name in ("output",):
            if isinstance(fields.get(name), (dict, list)):
                fields[name] = json.dumps(fields[name], ensure_ascii=False)
        sets = ", ".join(f"{name} = ?" for name in fields)
        sql, args = f"UPDATE jobs SET {sets} WHERE id = ?", (*fields.values(), job_id)
        if db is not None:
            db.execute(sql, args)
        else:
            self._run(sql, args)

    def move_job(self, job_id: str, expected: str, **fields) -> bool:
        """Change a job only if it is still in the ``expected`` state (a cancel may have got there first)."""
        if isinstance(fields.get("output"), (dict, list)):
            fields["output"] = json.dumps(fields["output"], ensure_ascii=False)
        sets = ", ".join(f"{name} = ?" for name in fields)
        cursor = self._run(f"UPDATE jobs SET {sets} WHERE id = ? AND state = ?", (*fields.values(), job_id, expected))
        return cursor.rowcount == 1

    def jobs_in(self, *states: str) -> list[sqlite3.Row]:
        marks = ", ".join("?" for _ in states)
        return self._all(f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY created, rowid", states)

    def waiting_jobs(self, db: sqlite3.Connection, student_id: int) -> int:
        marks = ", ".join("?" for _ in WAITING)
        row = db.execute(f"SELECT COUNT(*) AS n FROM jobs WHERE student_id = ? AND state IN ({marks})",
                         (student_id, *WAITING)).fetchone()
        return int(row["n"])

    def jobs_of(self, student_id: int, *, limit: int = 10, offset: int = 0) -> tuple[list[sqlite3.Row], int]:
        total = self._one("SELECT COUNT(*) AS n FROM jobs WHERE student_id = ?", (student_id,))["n"]
        rows = self._all("SELECT * FROM jobs WHERE student_id = ? ORDER BY created DESC LIMIT ? OFFSET ?",
                         (student_id, limit, offset))
        return rows, int(total)

    def add_file(self, job_id: str, idx: int, path: str, content_type: str) -> None:
        self._run("INSERT OR REPLACE INTO files (job_id, idx, path, content_type) VALUES (?, ?, ?, ?)",
                  (job_id, idx, path, content_type))

    def file(self, job_id: str, idx: int) -> sqlite3.Row | None:
        return self._one("SELECT * FROM files WHERE job_id = ? AND idx = ?", (job_id, idx))

    # ---- the blocklist --------------------------------------------------------------------------------

    def blocklist(self) -> list[str]:
        return [row["phrase"] for row in self._all("SELECT phrase FROM blocklist ORDER BY phrase")]

    def block(self, phrase: str) -> None:
        self._run("INSERT OR IGNORE INTO blocklist (phrase, added) VALUES (?, ?)", (phrase, time.time()))

    def unblock(self, phrase: str) -> bool:
        return self._run("DELETE FROM blocklist WHERE phrase = ?", (phrase,)).rowcount > 0

    # ---- forgetting -------------------------------------------------------------------------------------

    def purge(self, before: float) -> tuple[int, int]:
        """Forget log lines, finished jobs and their pictures older than ``before``; (log lines, pictures)."""
        marks = ", ".join("?" for _ in FINAL)
        with self.transaction() as db:
            old = db.execute(f"SELECT id FROM jobs WHERE created < ? AND state IN ({marks})",
                             (before, *FINAL)).fetchall()
            paths = []
            for row in old:
                paths += [r["path"] for r in db.execute("SELECT path FROM files WHERE job_id = ?", (row["id"],))]
                db.execute("DELETE FROM files WHERE job_id = ?", (row["id"],))
                db.execute("DELETE FROM jobs WHERE id = ?", (row["id"],))
            lines = db.execute("DELETE FROM log WHERE at < ?", (before,)).rowcount
        for relative in paths:
            try:
                (self.data / relative).unlink()
            except OSError:
                pass
        return lines, len(paths)


def _student(row: sqlite3.Row) -> Student:
    return Student(id=row["id"], class_name=row["class_name"], label=row["label"], hub_user=row["hub_user"],
                   revoked=row["revoked"])


def _owner_only(path: Path, mode: int) -> None:
    if os.name == "posix":
        try:
            os.chmod(path, mode)
        except OSError:
            pass
