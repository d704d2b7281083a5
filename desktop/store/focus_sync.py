# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``FocusBlockStore`` port of CalDAV sync over the focus feature's ``focus_blocks``.

A block's end is its actual end when it was stopped early, else its planned end; a block that
comes in from another device is stored as planned (it ends when it says). Times are UTC ISO
text of one shape, so comparing the text compares the times.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.sync.items import FocusRecord
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = "id, start_at, COALESCE(actual_end_at, planned_end_at), modified_at, deleted_at"


class SqliteFocusBlocks:
    """Focus blocks as sync records."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def changed_since(self, since: datetime | None) -> list[FocusRecord]:
        sql = f"SELECT {_COLUMNS} FROM focus_blocks"
        args: tuple[str, ...] = ()
        if since is not None:
            sql += " WHERE modified_at > ?"
            args = (_text(since),)
        return [_record(row) for row in self._db.conn.execute(sql + " ORDER BY start_at", args)]

    def get(self, block_id: str) -> FocusRecord | None:
        row = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM focus_blocks WHERE id = ?", (block_id,)).fetchone()
        return None if row is None else _record(row)

    def upsert(self, record: FocusRecord) -> None:
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT INTO focus_blocks (id, start_at, planned_end_at, actual_end_at, "
                "modified_at, deleted_at) VALUES (?, ?, ?, NULL, ?, ?) ON CONFLICT(id) DO UPDATE "
                "SET start_at = excluded.start_at, planned_end_at = excluded.planned_end_at, "
                "actual_end_at = NULL, modified_at = excluded.modified_at, "
                "deleted_at = excluded.deleted_at",
                (record.id, _text(record.start), _text(record.end), _text(record.modified_at),
                 None if record.deleted_at is None else _text(record.deleted_at)))

    def tombstone(self, block_id: str, at: datetime) -> None:
        with transaction(self._db) as conn:
            conn.execute("UPDATE focus_blocks SET deleted_at = ?, modified_at = ? WHERE id = ?",
                         (_text(at), _text(at), block_id))


def _record(row: tuple[str, str, str, str, str | None]) -> FocusRecord:
    block_id, start, end, modified, deleted = row
    return FocusRecord(block_id, _time(start), _time(end), _time(modified),
                       deleted_at=None if deleted is None else _time(deleted))


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
