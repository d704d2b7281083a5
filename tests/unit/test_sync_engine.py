# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sync engine against an in-memory server (``tests/fakes/remote.py``): receiving, sending,
merging, a 412 while sending, and deletions on either side. Radicale covers the real protocol
in ``tests/integration``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.sync.items import FocusRecord, Side
from desktop.store.sync_repository import SqliteSyncState
from desktop.sync.bindings import FocusBinding
from desktop.sync.engine import BATCH, SyncEngine
from desktop.sync.errors import ServerUnreachable
from desktop.sync.ical import focus_to_ical
from desktop.sync.ports import Fetched
from tests.fakes.remote import MemoryRemote

CAL = "/cal/"
HREF = f"{CAL}f1.ics"


class MemoryFocusBlocks:
    """The ``FocusBlockStore`` port in a dict."""

    def __init__(self) -> None:
        self.blocks: dict[str, FocusRecord] = {}

    def changed_since(self, since: datetime | None) -> list[FocusRecord]:
        return [b for b in self.blocks.values() if since is None or b.modified_at > since]

    def get(self, block_id: str) -> FocusRecord | None:
        return self.blocks.get(block_id)

    def upsert(self, record: FocusRecord) -> None:
        self.blocks[record.id] = record

    def tombstone(self, block_id: str, at: datetime) -> None:
        if block_id in self.blocks:
            old = self.blocks[block_id]
            self.blocks[block_id] = FocusRecord(old.id, old.start, old.end, at, old.title, at)


@pytest.fixture
def blocks() -> MemoryFocusBlocks:
    return MemoryFocusBlocks()


@pytest.fixture
def remote() -> MemoryRemote:
    return MemoryRemote()


@pytest.fixture
def sync(db, clock, blocks, remote):
    state = SqliteSyncState(db)

    def run():
        engine = SyncEngine(remote, state, clock, {CAL: [FocusBinding(blocks, lambda: None)]},
                            UTC)
        return engine.run()
    run.state = state
    return run


def block(clock, title: str = "Deep work", minutes: int = 0) -> FocusRecord:
    start = datetime(2026, 11, 26, 9, tzinfo=UTC)
    return FocusRecord("f1", start, start + timedelta(hours=2),
                       clock.now() + timedelta(minutes=minutes), title)


def test_a_block_made_here_is_sent_once(sync, blocks, remote, clock) -> None:
    blocks.upsert(block(clock))
    assert sync().sent == 1
    assert remote.puts == [HREF]
    clock.advance(minutes=5)
    assert sync().sent == 0  # in step: nothing to send again
    assert remote.puts == [HREF]


def test_a_block_made_on_another_device_is_received(sync, blocks, remote, clock) -> None:
    remote.edit(HREF, focus_to_ical(block(clock, "From the laptop"), clock.now()))
    report = sync()
    assert report.received == 1
    assert blocks.get("f1").title == "From the laptop"


def test_the_later_edit_wins_and_the_lost_value_is_kept(sync, blocks, remote, clock) -> None:
    blocks.upsert(block(clock))
    sync()
    clock.advance(minutes=10)
    blocks.upsert(block(clock, "Mine"))
    remote.edit(HREF, focus_to_ical(block(clock, "Theirs", minutes=5), clock.now()))
    report = sync()
    assert report.conflicts == 1
    assert blocks.get("f1").title == "Theirs"
    [lost] = sync.state.history("focus", "f1")
    assert (lost.field, lost.kept, lost.lost, lost.lost_side) == ("title", "Theirs", "Mine",
                                                                  Side.LOCAL)


def test_a_412_while_sending_merges_the_new_server_copy_and_sends_again(
        sync, blocks, remote, clock) -> None:
    blocks.upsert(block(clock))
    sync()
    clock.advance(minutes=10)
    blocks.upsert(block(clock, "Mine", minutes=5))
    remote.race(HREF, focus_to_ical(block(clock, "Theirs"), clock.now()))
    report = sync()
    assert report.failed == []
    assert blocks.get("f1").title == "Mine"  # later than the raced edit
    assert remote.puts[-1] == HREF
    assert b"Mine" in remote.items[HREF][1]


def test_deleted_on_the_server_and_unchanged_here_is_deleted_here(
        sync, blocks, remote, clock) -> None:
    blocks.upsert(block(clock))
    sync()
    remote.remove(HREF)
    report = sync()
    assert report.deleted_here == 1
    assert blocks.get("f1").deleted_at == clock.now()


def test_deleted_here_is_deleted_on_the_server(sync, blocks, remote, clock) -> None:
    blocks.upsert(block(clock))
    sync()
    clock.advance(minutes=1)
    blocks.tombstone("f1", clock.now())
    assert sync().deleted_there == 1
    assert HREF not in remote.items


def made_elsewhere(remote: MemoryRemote, count: int) -> None:
    start = datetime(2026, 11, 26, 9, tzinfo=UTC)
    for n in range(count):
        at = start + timedelta(hours=n)
        remote.edit(f"{CAL}b{n:04}.ics", focus_to_ical(
            FocusRecord(f"b{n:04}", at, at + timedelta(minutes=30), at, "Deep work"), at))


def engine(remote, state, clock, blocks, cancelled=lambda: False) -> SyncEngine:
    return SyncEngine(remote, state, clock, {CAL: [FocusBinding(blocks, lambda: None)]}, UTC,
                      cancelled=cancelled)


def test_a_first_sync_asks_for_the_items_in_batches(sync, blocks, remote) -> None:
    made_elsewhere(remote, 450)
    assert sync().received == 450
    assert [len(hrefs) for hrefs in remote.fetches] == [BATCH, BATCH, 50]
    assert sorted(h for hrefs in remote.fetches for h in hrefs) == sorted(remote.items)
    assert remote.gets == []  # no request per item
    assert len(blocks.blocks) == 450


class LostAfter(MemoryRemote):
    """A server that stops answering after ``batches`` multigets."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def fetch(self, collection: str, hrefs: Sequence[str]) -> list[Fetched]:
        if self.left == 0:
            raise ServerUnreachable("gone")
        self.left -= 1
        return super().fetch(collection, hrefs)


def test_a_server_lost_mid_way_keeps_what_was_taken_in(db, clock, blocks) -> None:
    remote = LostAfter(1)
    made_elsewhere(remote, 450)
    state = SqliteSyncState(db)
    report = engine(remote, state, clock, blocks).run()
    assert report.offline
    assert len(blocks.blocks) == BATCH  # the batch read before the loss is stored
    assert state.token(CAL) is None  # the rest is still to come
    remote.left = 10
    remote.fetches.clear()
    assert engine(remote, state, clock, blocks).run().received == 250  # only the rest
    assert [len(hrefs) for hrefs in remote.fetches] == [BATCH, 50]


class Hooked(MemoryFocusBlocks):
    """Focus blocks that call ``before`` ahead of each store."""

    def __init__(self, before: Callable[[Hooked], None]) -> None:
        super().__init__()
        self.before = before

    def upsert(self, record: FocusRecord) -> None:
        self.before(self)
        super().upsert(record)


def test_a_cancelled_sync_reads_at_most_one_batch_ahead(db, clock, remote) -> None:
    made_elsewhere(remote, 1000)
    state = SqliteSyncState(db)
    cancel: list[bool] = []
    blocks = Hooked(lambda _blocks: cancel.append(True))  # cancelled while the first is stored
    engine(remote, state, clock, blocks, cancelled=lambda: bool(cancel)).run()
    assert len(blocks.blocks) == BATCH
    assert len(remote.fetches) <= 2  # the first batch, and at most the one read ahead
    assert state.token(CAL) is None


def test_cancelled_before_it_starts_reads_nothing(db, clock, blocks, remote) -> None:
    made_elsewhere(remote, 450)
    engine(remote, SqliteSyncState(db), clock, blocks, cancelled=lambda: True).run()
    assert remote.fetches == []
    assert blocks.blocks == {}


class Watched(MemoryRemote):
    """Says when a multiget after the first has begun."""

    def __init__(self) -> None:
        super().__init__()
        self.second = threading.Event()

    def fetch(self, collection: str, hrefs: Sequence[str]) -> list[Fetched]:
        if self.fetches:
            self.second.set()
        return super().fetch(collection, hrefs)


def test_the_next_batch_is_read_while_this_one_is_stored(db, clock) -> None:
    remote = Watched()
    made_elsewhere(remote, 450)
    overlapped: list[bool] = []

    def before(blocks: Hooked) -> None:
        if not blocks.blocks:  # storing the first batch: the second is asked for meanwhile
            overlapped.append(remote.second.wait(timeout=10))

    blocks = Hooked(before)
    assert engine(remote, SqliteSyncState(db), clock, blocks).run().received == 450
    assert overlapped == [True]
