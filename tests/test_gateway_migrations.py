"""The gateway's SQLite schema is versioned: a database from an older gateway opens with its data whole."""

from __future__ import annotations

import sqlite3

import pytest

from kit.gateway import store as store_module
from kit.gateway.store import SCHEMA_VERSION, Store, StoreProblem


def version_of(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def set_version(path, version: int) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


@pytest.fixture
def old_database(tmp_path):
    """A database as a gateway before versioning left it: the first migration's tables, a class, a student,
    version 0."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        patch.setattr(store_module, "SCHEMA_VERSION", 1)
        store = Store(tmp_path)
        store.create_class("3A", {"images_per_day": 5})
        [(_label, token)] = store.add_students("3A", 1)
        store.block("dragon poo")
        store.close()
    set_version(store.path, 0)
    return tmp_path, token


def test_a_database_from_before_versioning_keeps_its_data_and_moves_to_the_current_version(old_database):
    data, token = old_database
    assert version_of(data / "gateway.sqlite3") == 0
    store = Store(data)
    try:
        assert store.student_for_token(token).label == "3A-01"    # same salt: the printed token still works
        assert store.class_limits("3A") == {"images_per_day": 5}
        assert store.blocklist() == ["dragon poo"]
    finally:
        store.close()
    assert version_of(data / "gateway.sqlite3") == SCHEMA_VERSION >= 1


def test_a_new_migration_runs_once_in_order_and_keeps_the_rows(old_database, monkeypatch):
    data, _token = old_database
    Store(data).close()                                            # now at the current version
    added = "ALTER TABLE students ADD COLUMN nickname TEXT; UPDATE students SET nickname = 'Mei'"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, added))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    for _ in range(2):                                             # a second open must not add the column again
        store = Store(data)
        store.close()
    assert version_of(data / "gateway.sqlite3") == SCHEMA_VERSION + 1
    with sqlite3.connect(data / "gateway.sqlite3") as db:
        assert db.execute("SELECT label, nickname FROM students").fetchall() == [("3A-01", "Mei")]


def test_a_failed_migration_changes_nothing(old_database, monkeypatch):
    data, _token = old_database
    Store(data).close()
    broken = "ALTER TABLE students ADD COLUMN nickname TEXT; UPDATE no_such_table SET x = 1"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Store(data)
    assert version_of(data / "gateway.sqlite3") == SCHEMA_VERSION
    with sqlite3.connect(data / "gateway.sqlite3") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(students)")]
    assert "nickname" not in columns


def test_a_database_from_a_newer_gateway_is_refused(old_database):
    data, _token = old_database
    set_version(data / "gateway.sqlite3", SCHEMA_VERSION + 1)
    with pytest.raises(StoreProblem, match="newer gateway"):
        Store(data)


def test_the_speech_migration_adds_a_character_count_to_the_usage_rows(old_database):
    data, _token = old_database
    with sqlite3.connect(data / "gateway.sqlite3") as db:
        db.execute("INSERT INTO usage (student_id, day, requests, tokens) VALUES (1, '2026-01-01', 3, 40)")
    Store(data).close()
    with sqlite3.connect(data / "gateway.sqlite3") as db:
        assert db.execute("SELECT requests, tokens, characters FROM usage").fetchall() == [(3, 40, 0)]


def test_jobs_from_before_the_route_column_go_up_the_text_to_image_route(old_database):
    data, _token = old_database
    with sqlite3.connect(data / "gateway.sqlite3") as db:
        db.execute("INSERT INTO jobs (id, student_id, class_name, created, day, state, body, images) "
                   "VALUES ('j1', 1, '3A', 0, '2026-01-01', 'QUEUED', '{}', 1)")
    store = Store(data)
    try:
        assert store.job("j1")["route"] == "/services/aigc/text2image/image-synthesis"
    finally:
        store.close()
