# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.store.migrations``: what a fresh file gets, the backup taken before
pending migrations run, atomic migrations and the refusal of newer files."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from desktop.store import migrations
from desktop.store import schema as store_schema
from desktop.store.db import connect, open_database
from desktop.store.errors import NewerDatabase, StoreError
from desktop.store.migrations import applied_names, check_known, known_names, migrate

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STAMP = "20261125T090000"
THIS_BUILD = known_names()  # taken before any test swaps the migrations


def schema(db: sqlite_utils.Database) -> list[tuple[str, str, str | None]]:
    return db.conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def make_foreign_file(path: Path) -> None:
    """An SQLite file with content but no migrations recorded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO notes (text) VALUES (?)", [("first",), ("zweite – ü",)])
    conn.commit()
    conn.close()


@pytest.fixture
def with_second_migration(monkeypatch: pytest.MonkeyPatch) -> Migrations:
    """This build plus one more migration, as a later release would have it."""
    later = Migrations("unhurried")
    for name in THIS_BUILD:
        later()(getattr(migrations.m0001_to_m0009, name, None)
                or getattr(migrations.m0011_to_m0018, name))

    @later()
    def m9000_add_notes(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE requests ADD COLUMN notes TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", later)
    names = (*store_schema.MIGRATION_NAMES, "m9000_add_notes")
    monkeypatch.setattr(store_schema, "MIGRATION_NAMES", names)
    return later


# -- known and applied names -----------------------------------------------------------------


def test_the_fast_path_knows_the_same_migrations_as_the_registry() -> None:
    assert list(store_schema.MIGRATION_NAMES) == THIS_BUILD


def test_an_up_to_date_store_opens_without_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    open_database(path, NOW).conn.close()
    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from desktop.store.db import open_database\n"
        "from desktop.store.request_repository import SqliteRequestRepository\n"
        f"db = open_database({str(path)!r}, datetime.now(UTC))\n"
        "SqliteRequestRepository(db).entries()\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite_utils was imported'\n"
        "db.table_names()  # anything beyond the connection loads it then\n"
        "assert 'sqlite_utils' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_migration_names_follow_the_convention_and_are_ordered() -> None:
    names = known_names()
    assert names
    assert all(re.fullmatch(r"m\d{4}_[a-z0-9_]+", name) for name in names)
    assert names == sorted(names)
    assert len(set(names)) == len(names)


def test_a_fresh_database_has_every_known_migration_applied(db) -> None:
    assert applied_names(db) == known_names()


def test_known_names_does_not_depend_on_any_database(db) -> None:
    assert known_names() == known_names()
    assert applied_names(sqlite_utils.Database(memory=True)) == []


def test_fresh_file_schema_equals_the_in_memory_schema(db) -> None:
    memory = open_database(":memory:", NOW)
    try:
        assert schema(db) == schema(memory)
    finally:
        memory.conn.close()


def test_schema_migrated_from_a_foreign_file_equals_a_fresh_one(db, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_foreign_file(path)
    migrated = open_database(path, NOW)
    try:
        assert [row for row in schema(migrated) if row[1] != "notes"] == schema(db)
    finally:
        migrated.conn.close()


# -- backups ---------------------------------------------------------------------------------


def test_a_new_file_gets_no_backup(db, db_path: Path) -> None:
    assert backups(db_path) == []


def test_opening_a_current_database_again_makes_no_backup(db_path: Path) -> None:
    open_database(db_path, NOW).conn.close()
    open_database(db_path, datetime(2027, 1, 1, tzinfo=UTC)).conn.close()
    assert backups(db_path) == []


def test_migrate_returns_none_when_nothing_is_pending(db, db_path: Path) -> None:
    assert migrate(db, db_path, NOW) is None
    assert backups(db_path) == []


def test_pending_migrations_on_a_file_with_content_back_it_up_first(db_path: Path) -> None:
    make_foreign_file(db_path)
    db = open_database(db_path, NOW)
    db.conn.close()

    assert backups(db_path) == [Path(f"{db_path}.bak-none-{STAMP}")]
    backup = backups(db_path)[0]
    assert rows(backup, "PRAGMA integrity_check") == [("ok",)]
    assert rows(backup, "SELECT text FROM notes ORDER BY id") == [("first",), ("zweite – ü",)]
    assert rows(backup, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("notes",)]
    # the original keeps its table and gains the schema
    assert rows(db_path, "SELECT count(*) FROM notes") == [(2,)]
    assert ("requests",) in rows(db_path, "SELECT name FROM sqlite_master")


def test_migrate_returns_the_backup_path(db_path: Path) -> None:
    make_foreign_file(db_path)
    db = connect(db_path)
    try:
        backup = migrate(db, db_path, NOW)
        assert backup == Path(f"{db_path}.bak-none-{STAMP}")
        assert backup is not None
        assert backup.is_file()
        assert applied_names(db) == known_names()
    finally:
        db.conn.close()


def test_memory_database_is_never_backed_up(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = connect(":memory:")
    try:
        db.execute("CREATE TABLE unrelated (x)")
        assert migrate(db, ":memory:", NOW) is None
        assert applied_names(db) == known_names()
    finally:
        db.conn.close()
    assert list(tmp_path.iterdir()) == []


def test_backup_is_named_after_the_last_applied_migration(
    db_path: Path, with_second_migration: Migrations
) -> None:
    db = connect(db_path)
    with_second_migration.apply(db, stop_before="m9000_add_notes")
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.execute(
        "INSERT INTO settings VALUES ('timezone', 'Europe/Berlin')"
    )  # left in the WAL, not yet checkpointed
    db.conn.close()

    later = datetime(2027, 3, 4, 5, 6, 7, tzinfo=UTC)
    migrated = open_database(db_path, later)
    try:
        assert applied_names(migrated) == [*THIS_BUILD, "m9000_add_notes"]
        assert "notes" in migrated["requests"].columns_dict
    finally:
        migrated.conn.close()

    expected = Path(f"{db_path}.bak-{THIS_BUILD[-1]}-20270304T050607")
    assert backups(db_path) == [expected]
    assert rows(expected, "SELECT * FROM settings") == [("timezone", "Europe/Berlin")]
    assert "notes" not in [r[1] for r in rows(expected, "PRAGMA table_info(requests)")]
    assert rows(expected, "SELECT name FROM _sqlite_migrations") == [(n,) for n in THIS_BUILD]


def test_a_failing_migration_is_rolled_back_and_stays_pending(
    db_path: Path, with_second_migration: Migrations
) -> None:
    @with_second_migration()
    def m9001_broken(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        db.execute("INSERT INTO settings VALUES ('half', 'done')")
        raise RuntimeError("migration bug")

    with pytest.raises(RuntimeError, match="migration bug"):
        open_database(db_path, NOW)

    tables = {name for (name,) in rows(db_path, "SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert rows(db_path, "SELECT * FROM settings") == []
    assert rows(db_path, "SELECT name FROM _sqlite_migrations ORDER BY id") == [
        *[(n,) for n in THIS_BUILD], ("m9000_add_notes",)]


def test_first_migration_failing_on_a_foreign_file_adds_no_schema(db_path: Path) -> None:
    """A foreign SQLite file that already has a ``settings`` table: m0001 fails part-way and
    must leave neither ``requests`` nor its full-text index behind."""
    make_foreign_file(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE settings (name TEXT)")
    conn.commit()
    conn.close()

    with pytest.raises((sqlite3.OperationalError, StoreError)):
        open_database(db_path, NOW)

    tables = {name for (name,) in rows(db_path, "SELECT name FROM sqlite_master")}
    assert not {"requests", "requests_fts"} & tables
    assert rows(db_path, "SELECT count(*) FROM _sqlite_migrations") == [(0,)]
    assert backups(db_path) == [Path(f"{db_path}.bak-none-{STAMP}")]


# -- newer databases -------------------------------------------------------------------------


def test_a_database_migrated_by_a_later_release_is_refused_by_this_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, with_second_migration: Migrations
) -> None:
    open_database(db_path, NOW).conn.close()
    monkeypatch.undo()  # back to this build's migrations
    assert "m9000_add_notes" not in known_names()

    with pytest.raises(NewerDatabase, match="m9000_add_notes"):
        open_database(db_path, NOW)
    assert backups(db_path) == []


def test_check_known_accepts_a_current_and_an_older_database(db, db_path: Path) -> None:
    check_known(db, db_path)
    check_known(sqlite_utils.Database(memory=True), ":memory:")


def test_check_known_reports_the_last_unknown_migration(db, db_path: Path) -> None:
    for name in ("m9998_future", "m9999_further"):
        db["_sqlite_migrations"].insert(
            {"migration_set": "unhurried", "name": name, "applied_at": "2030-01-01"}
        )
    with pytest.raises(NewerDatabase) as caught:
        check_known(db, db_path)
    assert "m9999_further" in str(caught.value)
    assert str(db_path) in str(caught.value)


def test_a_store_of_the_first_schema_version_upgrades_with_a_backup(tmp_path: Path) -> None:
    """A store written by the first release (only m0001) opens in this one: the backup holds
    the old file, the rows are all there, and the queue is read through the covering index."""
    path = tmp_path / "unhurried.sqlite3"
    first = Migrations("unhurried")
    first()(migrations.m0001_to_m0009.m0001_create_requests)
    old = connect(path)
    first.apply(old)
    old.execute(
        "INSERT INTO requests (id, subject, channel, priority, state, source, received_at, "
        "modified_at, reply_by) VALUES ('a', 'Budget', 'email', 'normal', 'open', 'manual', "
        "'2026-11-25T09:00:00+00:00', '2026-11-25T09:00:00+00:00', '2026-11-26T09:00:00+00:00')")
    old.conn.commit()
    old.conn.close()

    db = open_database(path, NOW)
    assert applied_names(db) == known_names()
    assert db.conn.execute("SELECT subject FROM requests").fetchall() == [("Budget",)]
    plan = db.conn.execute("EXPLAIN QUERY PLAN SELECT id, reply_by, received_at, snoozed_until "
                           "FROM requests WHERE state != 'done' AND deleted_at IS NULL").fetchall()
    assert "COVERING INDEX requests_queue" in str(plan)
    db.conn.close()
    [backup] = backups(path)
    assert rows(backup, "SELECT name FROM _sqlite_migrations") == [("m0001_create_requests",)]
