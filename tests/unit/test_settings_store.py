# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.store.settings_repository.SqliteSettingsStore``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.db import open_database, transaction
from desktop.store.settings_repository import SqliteSettingsStore

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_a_new_database_has_no_settings(db) -> None:
    assert SqliteSettingsStore(db).values() == {}


def test_put_then_values_round_trip(db) -> None:
    store = SqliteSettingsStore(db)
    store.put({"timezone": "Europe/Berlin", "working_hours": "09:00-17:00", "language": "de"})
    assert store.values() == {
        "timezone": "Europe/Berlin",
        "working_hours": "09:00-17:00",
        "language": "de",
    }


def test_put_replaces_existing_keys_and_keeps_the_others(db) -> None:
    store = SqliteSettingsStore(db)
    store.put({"timezone": "Europe/Berlin", "language": "de"})
    store.put({"timezone": "Asia/Tokyo"})
    assert store.values() == {"timezone": "Asia/Tokyo", "language": "de"}
    assert db.conn.execute("SELECT count(*) FROM settings").fetchone() == (2,)


def test_put_nothing_changes_nothing(db) -> None:
    store = SqliteSettingsStore(db)
    store.put({"language": "fr"})
    store.put({})
    assert store.values() == {"language": "fr"}


@pytest.mark.parametrize(
    "value",
    ["", " padded ", "Zürich – ü ß 東京 🙂", "line one\nline two", "'; DROP TABLE settings; --"],
)
def test_values_are_stored_as_given(db, value: str) -> None:
    store = SqliteSettingsStore(db)
    store.put({"odd": value})
    assert store.values() == {"odd": value}


def test_settings_survive_reopening(db_path: Path) -> None:
    first = open_database(db_path, NOW)
    SqliteSettingsStore(first).put({"timezone": "America/New_York"})
    first.conn.close()
    second = open_database(db_path, NOW)
    try:
        assert SqliteSettingsStore(second).values() == {"timezone": "America/New_York"}
    finally:
        second.conn.close()


def test_a_failing_put_keeps_nothing_of_the_batch(db) -> None:
    store = SqliteSettingsStore(db)
    store.put({"language": "de"})
    with pytest.raises(sqlite3.IntegrityError):
        store.put({"language": "fr", "broken": None})  # type: ignore[dict-item]
    assert store.values() == {"language": "de"}
    assert not db.conn.in_transaction


def test_put_inside_an_outer_transaction_is_rolled_back_with_it(db) -> None:
    store = SqliteSettingsStore(db)
    def put_then_fail() -> None:
        with transaction(db):
            store.put({"language": "de"})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        put_then_fail()
    assert store.values() == {}


def test_values_returns_a_snapshot(db) -> None:
    store = SqliteSettingsStore(db)
    store.put({"language": "de"})
    snapshot = store.values()
    store.put({"language": "fr"})
    assert snapshot == {"language": "de"}


def test_another_connection_sees_committed_settings(db, db_path: Path) -> None:
    other = open_database(db_path, NOW)
    try:
        SqliteSettingsStore(db).put({"timezone": "UTC"})
        assert SqliteSettingsStore(other).values() == {"timezone": "UTC"}
    finally:
        other.conn.close()


@settings(max_examples=50, deadline=None)
@given(
    batches=st.lists(
        st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=5),
        max_size=4,
    )
)
def test_put_behaves_like_dict_update(batches: list[dict[str, str]]) -> None:
    db = open_database(":memory:", NOW)
    try:
        store = SqliteSettingsStore(db)
        expected: dict[str, str] = {}
        for batch in batches:
            store.put(batch)
            expected.update(batch)
        assert store.values() == expected
    finally:
        db.conn.close()
