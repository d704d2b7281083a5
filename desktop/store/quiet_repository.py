# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one record of what a focus block changed on the desktop (table ``desktop_quiet``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.focus.quiet import QuietRecord
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils


class SqliteQuietRecords:
    """The ``QuietRecords`` port: each write is its own committed transaction, so the record
    is on disk before the desktop is changed."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self) -> QuietRecord | None:
        """The record, if any."""
        row = self._db.conn.execute(
            "SELECT backend, was_quiet, since, token, quieted, taken_over FROM desktop_quiet "
            "WHERE id = 1").fetchone()
        if row is None:
            return None
        backend, was_quiet, since, token, quieted, taken_over = row
        return QuietRecord(str(backend), bool(was_quiet), datetime.fromisoformat(since),
                           str(token), bool(quieted), bool(taken_over))

    def put(self, record: QuietRecord | None) -> None:
        """Keep ``record``, or forget it (``None``)."""
        with transaction(self._db) as conn:
            if record is None:
                conn.execute("DELETE FROM desktop_quiet")
                return
            conn.execute(
                "INSERT INTO desktop_quiet (id, backend, was_quiet, since, token, quieted, "
                "taken_over) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "backend = excluded.backend, was_quiet = excluded.was_quiet, "
                "since = excluded.since, token = excluded.token, quieted = excluded.quieted, "
                "taken_over = excluded.taken_over",
                (record.backend, int(record.was_quiet), record.since.isoformat(),
                 record.token, int(record.quieted), int(record.taken_over)))
