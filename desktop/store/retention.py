# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Forgetting what can no longer be restored: deleted requests and the values syncs
overwrote, once older than the restore window (:data:`desktop.core.sync.items.RESTORE_WINDOW`).

A deleted request stays as a tombstone while anything could still need it, and is then kept:
while its deletion waits to be sent to the CalDAV server (it still has a sync state), and
for good when it came from a source (mail, CSV, a tracker): its ``external_id`` is what stops
the next import from bringing it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_EXPIRED_REQUESTS = (
    "SELECT r.id FROM requests r WHERE julianday(r.deleted_at) < julianday(?) "
    "AND r.external_id IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM sync_items s WHERE s.kind = 'request' AND s.id = r.id)")


@dataclass(frozen=True, slots=True)
class Purged:
    """How much one purge forgot."""

    requests: int
    history: int


def purge_expired(db: sqlite_utils.Database, before: datetime) -> Purged:
    """Forget request tombstones deleted before ``before`` (those nothing needs any more)
    and sync history older than ``before``; one transaction."""
    cutoff = before.isoformat(timespec="seconds")
    with transaction(db) as conn:
        ids = [row[0] for row in conn.execute(_EXPIRED_REQUESTS, (cutoff,))]
        rows = [(i,) for i in ids]
        conn.executemany("DELETE FROM requests WHERE id = ?", rows)
        conn.executemany("DELETE FROM focus_held WHERE request_id = ?", rows)
        history = conn.execute("DELETE FROM sync_history WHERE julianday(at) < julianday(?)",
                               (cutoff,)).rowcount
    return Purged(len(ids), history)
