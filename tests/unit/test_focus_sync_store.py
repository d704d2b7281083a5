# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus blocks as CalDAV sync sees them, over the focus feature's table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.focus.plan import FocusSession
from desktop.core.sync.items import FocusRecord
from desktop.store.db import open_database
from desktop.store.focus_repository import SqliteFocusRepository
from desktop.store.focus_sync import SqliteFocusBlocks

T = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_records_follow_the_blocks_and_come_back_as_given() -> None:
    db = open_database(":memory:", T)
    SqliteFocusRepository(db).save_session(
        FocusSession("early", T, T + timedelta(hours=2), T + timedelta(hours=1),
                     ended_at=T + timedelta(hours=1)))
    blocks = SqliteFocusBlocks(db)
    assert blocks.get("early") == FocusRecord("early", T, T + timedelta(hours=1),
                                             T + timedelta(hours=1))
    incoming = FocusRecord("remote", T + timedelta(days=1), T + timedelta(days=1, hours=1),
                           T + timedelta(minutes=5))
    blocks.upsert(incoming)
    assert blocks.get("remote") == incoming
    assert [r.id for r in blocks.changed_since(T + timedelta(minutes=10))] == ["early"]
    assert {r.id for r in blocks.changed_since(None)} == {"early", "remote"}
    blocks.tombstone("remote", T + timedelta(hours=3))
    gone = blocks.get("remote")
    assert gone is not None
    assert gone.deleted_at == T + timedelta(hours=3)
    assert [r.id for r in blocks.changed_since(T + timedelta(hours=2))] == ["remote"]
    blocks.tombstone("unknown", T)  # nothing happens
    assert SqliteFocusRepository(db).sessions() == [  # the focus feature sees the block
        FocusSession("early", T, T + timedelta(hours=2), T + timedelta(hours=1),
                     ended_at=T + timedelta(hours=1))]
