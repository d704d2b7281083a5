# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The request history (:mod:`desktop.core.queue.history`) in SQLite."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.queue.history import HistoryEntry, HistoryKind
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_KINDS = {k.value: k for k in HistoryKind}


class SqliteRequestHistory:
    """The ``RequestHistory`` port on the ``request_history`` table."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def add(self, request_id: str, at: datetime, kind: HistoryKind, detail: str = "") -> None:
        """Record one entry."""
        with transaction(self._db) as conn:
            conn.execute("INSERT INTO request_history (request_id, at, kind, detail) "
                         "VALUES (?, ?, ?, ?)",
                         (request_id, at.isoformat(timespec="seconds"), kind.value, detail))

    def entries(self, request_id: str) -> list[HistoryEntry]:
        """The entries of one request, oldest first (kinds this build does not know are left
        out: a newer version may have written them)."""
        rows = self._db.conn.execute(
            "SELECT at, kind, detail FROM request_history WHERE request_id = ? ORDER BY at",
            (request_id,)).fetchall()
        return [HistoryEntry(request_id, datetime.fromisoformat(at), _KINDS[kind], detail)
                for at, kind, detail in rows if kind in _KINDS]
