# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deleted requests and overwritten values are restorable for 30 days, then forgotten, unless
something still needs them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.errors import NotFound
from desktop.core.sync.items import RESTORE_WINDOW, HistoryEntry, Side, SyncItem
from desktop.platform.paths import resolve_paths
from desktop.store.retention import Purged, purge_expired
from desktop.store.sync_repository import SqliteSyncState
from desktop.wiring.services import open_context
from tests.fakes import FakeClock

T = datetime(2026, 11, 25, 9, tzinfo=UTC)


def test_only_what_is_past_the_window_and_needed_by_nothing_is_forgotten(
        tmp_path: Path) -> None:
    clock = FakeClock(T)
    ctx = open_context(resolve_paths(tmp_path), clock)
    queue, state = ctx.queue, SqliteSyncState(ctx.db)
    old = queue.add("Deleted long ago")
    imported = queue.add("From mail", source="imap", external_id="<m1@example.org>")
    unsent = queue.add("Deletion not sent yet")
    state.save_items([SyncItem("request", unsent.id, "/c/", "/c/u.ics", '"e"',
                               unsent.modified_at, {})])
    clock.advance(minutes=1)
    for request in (old, imported, unsent):
        queue.delete(request.id)
    state.add_history([HistoryEntry("request", old.id, "subject", "a", "b", Side.SERVER, T)])
    clock.advance(days=2)
    recent = queue.add("Deleted lately")
    queue.delete(recent.id)
    state.add_history([HistoryEntry("request", recent.id, "subject", "c", "d", Side.LOCAL,
                                    clock.now())])

    clock.advance(RESTORE_WINDOW - timedelta(days=1))  # 31 days after the first deletions
    assert purge_expired(ctx.db, clock.now() - RESTORE_WINDOW) == Purged(requests=1, history=1)
    assert state.pending_request_ids() == [unsent.id]  # the server still has to hear of it
    with pytest.raises(NotFound):
        queue.restore(old.id)
    assert state.history("request", old.id) == []
    assert queue.restore(recent.id).deleted_at is None  # 29 days: still restorable
    assert [e.kept for e in state.history("request", recent.id)] == ["c"]
    assert queue.restore(imported.id).deleted_at is None  # its id keeps mail from re-adding it
    assert purge_expired(ctx.db, clock.now() - RESTORE_WINDOW) == Purged(0, 0)
    ctx.close()
