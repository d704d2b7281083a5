# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.store.db``: opening, pragmas, refusing foreign or newer files, and the
``transaction`` context manager (commit, rollback, nesting, a second writer, a full disk)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.store.db import (
    BULK_CHECKPOINT_PAGES,
    BUSY_TIMEOUT_MS,
    connect,
    open_database,
    open_reader,
    transaction,
    tune_for_bulk_writes,
)
from desktop.store.errors import DatabaseUnreadable, NewerDatabase, StorageFull, StoreError
from desktop.store.migrations import known_names

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def pragma(db, name: str) -> object:
    return db.conn.execute(f"PRAGMA {name}").fetchone()[0]


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def setting_keys(db) -> list[str]:
    return [row[0] for row in db.conn.execute("SELECT key FROM settings ORDER BY key")]


def write(db, *statements: str, then_raise: BaseException | None = None) -> None:
    """Run ``statements`` in one transaction, then raise ``then_raise`` inside it."""
    with transaction(db) as conn:
        for statement in statements:
            conn.execute(statement)
        if then_raise is not None:
            raise then_raise


# -- open_database ---------------------------------------------------------------------------


def test_open_creates_the_file_and_its_missing_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "unhurried.sqlite3"
    db = open_database(path, NOW)
    try:
        assert path.is_file()
        assert "requests" in db.table_names()
    finally:
        db.conn.close()


def test_file_database_uses_wal_and_safe_pragmas(db) -> None:
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "busy_timeout") == BUSY_TIMEOUT_MS
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "synchronous") == 1  # NORMAL
    assert db.conn.isolation_level is None  # autocommit; writes go through transaction()


def test_an_importing_connection_checkpoints_less_and_caches_as_much(db, db_path: Path) -> None:
    other = open_database(db_path, NOW)  # the window's connection, say
    try:
        tune_for_bulk_writes(db)
        assert pragma(db, "wal_autocheckpoint") == BULK_CHECKPOINT_PAGES
        assert pragma(db, "synchronous") == 1  # as safe as before
        assert pragma(db, "cache_size") == -2000  # memory stays flat in the store's size
        assert pragma(other, "wal_autocheckpoint") == 1000  # SQLite's default elsewhere
    finally:
        other.conn.close()


def test_memory_database_opens_migrated_with_foreign_keys_on() -> None:
    db = open_database(":memory:", NOW)
    try:
        assert pragma(db, "foreign_keys") == 1
        assert pragma(db, "journal_mode") == "memory"
        assert {"requests", "settings", "requests_fts"} <= set(db.table_names())
    finally:
        db.conn.close()


def test_wal_mode_persists_for_later_plain_connections(db, db_path: Path) -> None:
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_an_empty_file_is_treated_as_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    db = open_database(db_path, NOW)
    try:
        assert "requests" in db.table_names()
    finally:
        db.conn.close()
    assert not list(db_path.parent.glob("*.bak-*"))


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 16,
        b"Dear diary,\nthis is not a database at all.\n" * 50,
        b"SQLite format 3\x00" + b"\xff" * 84,  # right magic, broken header
    ],
    ids=["random-bytes", "text-file", "broken-header"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(
    db_path: Path, content: bytes
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    before = fingerprint(db_path)

    with pytest.raises(DatabaseUnreadable) as caught:
        open_database(db_path, NOW)

    assert isinstance(caught.value, StoreError)
    assert str(db_path) in str(caught.value)
    assert fingerprint(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_connect_alone_refuses_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseUnreadable):
        connect(path)
    assert path.read_text(encoding="utf-8") == "hello\n" * 100


def _record_future_migration(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('unhurried', 'm9999_from_the_future', '2030-01-01')"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_database_from_a_newer_version_is_refused_untouched(
    db_path: Path, journal_mode: str
) -> None:
    db = open_database(db_path, NOW)
    db.conn.execute("INSERT INTO settings (key, value) VALUES ('kept', 'yes')")
    db.conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    db.conn.close()
    _record_future_migration(db_path)
    before = fingerprint(db_path)
    files_before = sorted(p.name for p in db_path.parent.iterdir())

    with pytest.raises(NewerDatabase) as caught:
        open_database(db_path, NOW)

    assert "m9999_from_the_future" in str(caught.value)
    assert fingerprint(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before
    assert not list(db_path.parent.glob("*.bak-*"))


def test_a_newer_database_keeps_its_rows(db_path: Path) -> None:
    open_database(db_path, NOW).conn.close()
    _record_future_migration(db_path)
    with pytest.raises(NewerDatabase):
        open_database(db_path, NOW)
    conn = sqlite3.connect(db_path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()
    assert names == [*known_names(), "m9999_from_the_future"]


def test_other_migration_sets_in_the_same_file_are_not_mistaken_for_newer(db_path: Path) -> None:
    open_database(db_path, NOW).conn.close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('some_plugin', 'm0042_plugin_table', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    open_database(db_path, NOW).conn.close()


# -- transaction -----------------------------------------------------------------------------


def test_transaction_commits_on_success(db, db_path: Path) -> None:
    with transaction(db) as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
        conn.execute("INSERT INTO settings VALUES ('b', '2')")
    assert not db.conn.in_transaction
    other = open_database(db_path, NOW)
    try:
        assert setting_keys(other) == ["a", "b"]
    finally:
        other.conn.close()


def test_transaction_rolls_back_everything_on_an_exception(db) -> None:
    db.conn.execute("INSERT INTO settings VALUES ('before', 'x')")
    with pytest.raises(RuntimeError, match="boom"):
        write(
            db,
            "INSERT INTO settings VALUES ('half', 'x')",
            "UPDATE settings SET value = 'changed' WHERE key = 'before'",
            then_raise=RuntimeError("boom"),
        )
    assert not db.conn.in_transaction
    assert db.conn.execute("SELECT key, value FROM settings").fetchall() == [("before", "x")]


def test_transaction_rolls_back_on_a_failing_statement(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        write(db, "INSERT INTO settings VALUES ('a', '1')", "INSERT INTO settings VALUES ('a', 2)")
    assert setting_keys(db) == []
    assert not db.conn.in_transaction


def test_transaction_takes_the_write_lock_up_front(db, db_path: Path) -> None:
    other = open_database(db_path, NOW)
    other.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with transaction(db):  # nothing written yet, but the lock is already held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.conn.execute("BEGIN IMMEDIATE")
            assert other.conn.execute("SELECT count(*) FROM settings").fetchone() == (0,)
    finally:
        other.conn.close()


def test_nested_transaction_joins_the_outer_one(db) -> None:
    with transaction(db) as outer:
        outer.execute("INSERT INTO settings VALUES ('outer', '1')")
        with transaction(db) as inner:
            assert inner is outer
            inner.execute("INSERT INTO settings VALUES ('inner', '2')")
        assert db.conn.in_transaction  # the inner block did not commit
    assert setting_keys(db) == ["inner", "outer"]


def test_failure_after_a_nested_block_rolls_back_the_nested_writes_too(db) -> None:
    def outer_fails_after_inner() -> None:
        with transaction(db):
            write(db, "INSERT INTO settings VALUES ('inner', '2')")
            raise LookupError

    with pytest.raises(LookupError):
        outer_fails_after_inner()
    assert setting_keys(db) == []


def test_failure_inside_a_nested_block_rolls_back_the_outer_writes(db) -> None:
    def inner_fails() -> None:
        with transaction(db) as outer:
            outer.execute("INSERT INTO settings VALUES ('outer', '1')")
            write(db, then_raise=ValueError("inner"))

    with pytest.raises(ValueError, match="inner"):
        inner_fails()
    assert setting_keys(db) == []
    assert not db.conn.in_transaction


def test_a_second_writer_waits_for_the_first_and_then_succeeds(db, db_path: Path) -> None:
    other = open_database(db_path, NOW)
    started = threading.Event()
    errors: list[BaseException] = []

    def second_writer() -> None:
        started.set()
        try:
            with transaction(other) as conn:
                conn.execute("INSERT INTO settings VALUES ('second', '2')")
        except BaseException as error:  # reported to the main thread
            errors.append(error)

    try:
        with transaction(db) as conn:
            conn.execute("INSERT INTO settings VALUES ('first', '1')")
            thread = threading.Thread(target=second_writer)
            thread.start()
            assert started.wait(timeout=10)
        thread.join(timeout=BUSY_TIMEOUT_MS / 1000)
        assert not thread.is_alive()
        assert errors == []
        assert setting_keys(db) == ["first", "second"]
    finally:
        other.conn.close()


def test_a_reader_sees_the_last_commit_while_a_write_is_open(db, db_path: Path) -> None:
    db.conn.execute("INSERT INTO settings VALUES ('committed', '1')")
    reader = open_database(db_path, NOW)
    try:
        with transaction(db) as conn:
            conn.execute("INSERT INTO settings VALUES ('pending', '2')")
            assert setting_keys(reader) == ["committed"]  # WAL: readers are not blocked
        assert setting_keys(reader) == ["committed", "pending"]
    finally:
        reader.conn.close()


def test_a_full_database_raises_storage_full_and_keeps_nothing(db) -> None:
    """BUG: only errors from COMMIT are turned into StorageFull. A statement that hits the size
    limit (SQLITE_FULL) makes SQLite roll the transaction back by itself; transaction() then
    runs ROLLBACK unconditionally, which fails with "cannot rollback - no transaction is
    active", and that OperationalError escapes instead of StorageFull."""
    db.conn.execute("INSERT INTO settings VALUES ('before', 'x')")
    pages = pragma(db, "page_count")
    db.conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StorageFull):
        write(
            db,
            "INSERT INTO settings VALUES ('small', 'y')",
            "INSERT INTO settings VALUES ('huge', replace(hex(zeroblob(100000)), '0', 'z'))",
        )

    assert not db.conn.in_transaction
    assert setting_keys(db) == ["before"]



def test_an_error_that_already_ended_the_transaction_is_not_masked(db) -> None:
    """BUG: when SQLite has already rolled the transaction back (RAISE(ROLLBACK), SQLITE_FULL,
    SQLITE_IOERR...), transaction()'s unconditional ROLLBACK raises "cannot rollback - no
    transaction is active" and hides the real error (left only as __context__)."""
    db.conn.execute(
        "CREATE TEMP TRIGGER veto BEFORE INSERT ON settings WHEN new.key = 'veto' "
        "BEGIN SELECT RAISE(ROLLBACK, 'vetoed by trigger'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="vetoed by trigger"):
        write(
            db,
            "INSERT INTO settings VALUES ('ok', 1)",
            "INSERT INTO settings VALUES ('veto', 2)",
        )
    assert not db.conn.in_transaction
    assert setting_keys(db) == []


# -- a second connection for reading on a worker -------------------------------------------


def test_a_reader_on_an_in_memory_database_is_the_database_itself() -> None:
    db = open_database(":memory:", NOW)
    assert open_reader(db) is db


def test_a_reader_sees_what_the_store_wrote_reads_beside_it_and_writes_nothing(
        tmp_path: Path) -> None:
    db = open_database(tmp_path / "unhurried.sqlite3", NOW)
    reader = open_reader(db)
    try:
        assert reader is not db
        write(db, "INSERT INTO settings (key, value) VALUES ('a', '1')")
        assert setting_keys(reader) == ["a"]
        # A read the reader keeps open (a long query on a worker) holds up neither the
        # store's reads nor its writes.
        reader.conn.execute("BEGIN")
        assert setting_keys(reader) == ["a"]
        write(db, "INSERT INTO settings (key, value) VALUES ('b', '2')")
        assert setting_keys(db) == ["a", "b"]
        reader.conn.execute("COMMIT")
        assert setting_keys(reader) == ["a", "b"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.conn.execute("DELETE FROM settings")
    finally:
        reader.conn.close()
        db.conn.close()
