# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue's head read by SQL (``SqliteRequestRepository.head``) against the window's own
grouping of every entry, and the prefetch that reads head and entries from one snapshot."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.queue.buckets import Bucket, edges_at
from desktop.core.requests import Request, State
from desktop.core.working_hours import WorkingHours
from desktop.platform.paths import resolve_paths
from desktop.store.db import open_database
from desktop.store.prefetch import QueuePrefetch
from desktop.store.request_repository import SqliteRequestRepository
from desktop.wiring.services import open_context
from tests.fakes import FakeClock

from desktop.ui.queue.rows import GROUPS, QueueRows

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday 10:00 in Berlin
CALENDAR = BusinessCalendar(ZoneInfo("Europe/Berlin"), WorkingHours.office())
EDGES = edges_at(NOW, CALENDAR, timedelta(minutes=60))


def _hours(lo: int, hi: int) -> st.SearchStrategy[datetime]:
    # Quarter hours, and whole ones that land exactly on the bucket edges and on now.
    return st.integers(lo * 4, hi * 4).map(lambda n: NOW + timedelta(minutes=15 * n))


requests = st.lists(st.builds(
    lambda n, state, reply_by, received, snoozed: Request(
        f"r{n:03}", f"request {n}", received, received, state=state, reply_by=reply_by,
        snoozed_until=snoozed),
    n=st.integers(0, 999),
    state=st.sampled_from([State.OPEN, State.OPEN, State.OPEN, State.WAITING, State.DONE]),
    reply_by=st.one_of(st.none(), _hours(-48, 24 * 14)),
    received=_hours(-96, 0),
    snoozed=st.one_of(st.none(), _hours(-24, 48)),
), max_size=60, unique_by=lambda r: r.id)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored=requests, rows=st.integers(0, 70))
def test_the_head_is_the_top_of_what_the_window_would_show(tmp_path_factory, stored, rows):
    db = open_database(tmp_path_factory.mktemp("head") / "q.sqlite3", NOW)
    try:
        repository = SqliteRequestRepository(db)
        repository.save_many(stored)
        full = QueueRows(EDGES)
        full.reset(repository.entries(), EDGES)
        head = repository.head(EDGES, rows)
    finally:
        db.conn.close()
    assert head.edges == EDGES
    assert head.counts == tuple(full.count(g) for g in range(len(GROUPS)))
    shown = [(g, i) for g in range(len(GROUPS)) for i in full.ids(g, 0, full.count(g))][:rows]
    assert [(g, i) for g in range(len(GROUPS)) for i in head.first[g]] == shown


def _store(tmp_path: Path, subjects: list[str]) -> Path:
    paths = resolve_paths(str(tmp_path))
    context = open_context(paths, FakeClock(NOW))
    for k, subject in enumerate(subjects):
        context.queue.add(subject, received_at=NOW - timedelta(hours=k))
    context.close()
    return paths.database


def test_the_prefetch_reads_head_and_entries_from_one_snapshot(tmp_path: Path) -> None:
    database = _store(tmp_path, ["one", "two", "three"])
    prefetch = QueuePrefetch(database, EDGES, rows=2)
    head = prefetch.head()
    assert head is not None
    assert sum(head.counts) == 3
    assert sum(map(len, head.first)) == 2
    # Another process adds a request between the head and the rest: the rest must still
    # agree with the head the window has already painted (the poll picks the new one up).
    context = open_context(resolve_paths(str(tmp_path)), FakeClock(NOW))
    added = context.queue.add("added meanwhile").id
    context.close()
    done = []
    prefetch.read_rest(then=lambda: done.append(True))
    entries = prefetch.entries()
    assert entries is not None
    assert added not in {e.id for e in entries}
    assert len(entries) == 3
    assert done == [True]


def test_the_prefetch_leaves_a_missing_store_to_the_window(tmp_path: Path) -> None:
    prefetch = QueuePrefetch(tmp_path / "none.sqlite3", EDGES)
    assert prefetch.head() is None
    assert prefetch.entries() is None


def test_the_prefetch_leaves_a_store_that_needs_migrating_to_the_window(tmp_path: Path) -> None:
    import sqlite3

    database = tmp_path / "old.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE requests (id TEXT)").connection.close()
    prefetch = QueuePrefetch(database, EDGES)
    assert prefetch.head() is None
    assert prefetch.entries() is None


@pytest.mark.parametrize("bucket", [Bucket.OVERDUE, Bucket.WAITING])
def test_a_head_of_no_rows_still_counts_every_bucket(tmp_path: Path, bucket: Bucket) -> None:
    database = _store(tmp_path, ["one", "two"])
    context = open_context(resolve_paths(str(tmp_path)), FakeClock(NOW + timedelta(days=9)))
    if bucket is Bucket.WAITING:
        context.queue.wait(context.queue.entries()[0].id)
    edges = context.queue.edges()
    context.close()
    head = QueuePrefetch(database, edges, rows=0).head()
    assert head is not None
    assert head.counts[GROUPS.index(bucket)] >= 1
    assert sum(head.counts) == 2
    assert not any(head.first)


def test_the_prefetch_reads_and_places_the_rest_without_collector_pauses(
        tmp_path: Path) -> None:
    """Reading 200,000 entries set off cyclic collections of 40-75 ms on the reading thread,
    each one a stall of the window (a collection holds Python's lock). None happens while the
    rest is read and placed, and what was made is frozen, so no later one scans it."""
    import gc

    database = _store(tmp_path, [f"r{k}" for k in range(300)])
    collections: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(threading.current_thread().name)

    thresholds = gc.get_threshold()
    gc.set_threshold(5, 1, 1)  # collect at the slightest allocation
    gc.callbacks.append(note)
    frozen = gc.get_freeze_count()
    try:
        prefetch = QueuePrefetch(database, EDGES)
        assert prefetch.head() is not None  # the reading thread now waits to read the rest
        collections.clear()
        seen_inside: list[bool] = []
        prefetch.read_rest(then=lambda: seen_inside.append(gc.isenabled()))
        entries = prefetch.entries()
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
    assert entries is not None
    assert len(entries) == 300
    assert seen_inside == [False]  # placing them (the window's read_rest) is covered too
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen
    assert "queue-prefetch" not in collections


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored=requests)
def test_entries_read_in_order_are_the_entries_and_place_the_same_rows(
        tmp_path_factory, stored):
    """The prefetch reads the entries in the timed rows' order (SQLite sorts them without
    holding Python's lock); they are the same entries and the rows placed are the same."""
    db = open_database(tmp_path_factory.mktemp("ordered") / "q.sqlite3", NOW)
    try:
        repository = SqliteRequestRepository(db)
        repository.save_many(stored)
        plain, ordered = repository.entries(), repository.entries(ordered=True)
    finally:
        db.conn.close()
    assert sorted(ordered) == sorted(plain)
    timed = [(e.reply_by, e.id) for e in ordered if e.reply_by is not None]
    assert timed == sorted(timed)
    from_plain, from_ordered = QueueRows(EDGES), QueueRows(EDGES)
    from_plain.reset(plain, EDGES)
    from_ordered.reset(ordered, EDGES)
    for group in range(len(GROUPS)):
        assert from_ordered.ids(group, 0, from_ordered.count(group)) == from_plain.ids(
            group, 0, from_plain.count(group))


def test_versions_are_read_in_batches_and_complete(tmp_path: Path) -> None:
    db = open_database(tmp_path / "q.sqlite3", NOW)
    try:
        repository = SqliteRequestRepository(db)
        repository.save_many([Request(f"{n:032x}", "s", NOW, NOW + timedelta(seconds=n))
                              for n in range(25_000)])  # two and a half batches
        repository.save_many([Request("f" * 32, "done", NOW, NOW, state=State.DONE)])
        versions = repository.versions()
        assert len(versions) == 25_000
        assert versions[f"{24_999:032x}"] == (NOW + timedelta(seconds=24_999)).isoformat()
        assert "f" * 32 not in versions
    finally:
        db.conn.close()
