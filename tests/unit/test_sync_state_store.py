# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sync state in SQLite: tokens with their last-modified stamps, and the requests that
wait to be sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.sync.freshness import Stamp
from desktop.core.sync.items import SyncItem
from desktop.platform.paths import resolve_paths
from desktop.store.sync_repository import SqliteSyncState
from desktop.wiring.services import open_context
from tests.fakes import FakeClock

T = datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_the_stamp_is_kept_with_the_token_and_forgotten_with_it(tmp_path: Path) -> None:
    ctx = open_context(resolve_paths(tmp_path), FakeClock(T))
    state = SqliteSyncState(ctx.db)
    assert state.stamp("/ann/tasks/") is None
    stamp = Stamp(T, T + timedelta(seconds=5))
    state.set_token("/ann/tasks/", "token-1", stamp)
    assert (state.token("/ann/tasks/"), state.stamp("/ann/tasks/")) == ("token-1", stamp)
    assert state.stamp("/ann/focus/") is None
    state.set_token("/ann/tasks/", "token-2", None)  # a sync without a time keeps none
    assert (state.token("/ann/tasks/"), state.stamp("/ann/tasks/")) == ("token-2", None)
    state.set_token("/ann/tasks/", "token-3", stamp)
    state.forget_collections()  # another server: nothing of the old one counts
    assert (state.token("/ann/tasks/"), state.stamp("/ann/tasks/")) == (None, None)
    ctx.close()


def test_pending_requests_are_the_changed_ones_oldest_change_first(tmp_path: Path) -> None:
    clock = FakeClock(T)
    ctx = open_context(resolve_paths(tmp_path), clock)
    state = SqliteSyncState(ctx.db)
    first = ctx.queue.add("First")
    clock.advance(minutes=1)
    second = ctx.queue.add("Second")
    clock.advance(minutes=1)
    never_synced = ctx.queue.add("Deleted before any sync")
    clock.advance(minutes=1)
    ctx.queue.delete(never_synced.id)  # nothing to tell the server
    assert state.pending_request_ids() == [first.id, second.id]

    def synced(request_id: str) -> SyncItem:
        request = ctx.queue.get(request_id)
        return SyncItem("request", request_id, "/c/", f"/c/{request_id}.ics", '"e"',
                        request.modified_at, {})

    state.save_items([synced(first.id), synced(second.id)])
    assert state.pending_request_ids() == []
    clock.advance(minutes=1)
    ctx.queue.done(second.id)
    clock.advance(minutes=1)
    ctx.queue.delete(first.id)  # a deletion of a synced request goes out too
    assert state.pending_request_ids() == [second.id, first.id]
    ctx.close()
