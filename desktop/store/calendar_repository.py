# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Imported calendar events in SQLite (table ``calendar_events``, migration m0007).

Importing a calendar again replaces all its events in one transaction, so an event deleted
from the calendar disappears here too and a crash half-way leaves the old events intact.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.meetings import MeetingEvent
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = ("calendar_id", "uid", "recurrence_id", "start", '"end"', "all_day", "summary",
            "cancelled", "declined_by")
_Row = tuple[str, str, str, str, str, int, str, int, str]
"""A row of ``calendar_events`` in :data:`_COLUMNS` order (every column is NOT NULL)."""
_INSERT = (f"INSERT OR IGNORE INTO calendar_events ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(_COLUMNS))})")


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _row(event: MeetingEvent) -> _Row:
    return (event.calendar_id, event.uid, event.recurrence_id, _ts(event.start), _ts(event.end),
            int(event.all_day), event.summary, int(event.cancelled),
            json.dumps(list(event.declined_by)))


def _event(row: _Row) -> MeetingEvent:
    calendar_id, uid, recurrence_id, start, end, all_day, summary, cancelled, declined = row
    return MeetingEvent(calendar_id, uid, datetime.fromisoformat(start),
                        datetime.fromisoformat(end), summary, recurrence_id, bool(all_day),
                        bool(cancelled), tuple(json.loads(declined)))


class SqliteCalendarRepository:
    """The ``CalendarRepository`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def replace_calendar(self, calendar_id: str, events: Iterable[MeetingEvent]) -> int:
        """Drop every event of ``calendar_id`` and store ``events``; returns how many were
        stored (an occurrence given twice is stored once)."""
        rows = [_row(e) for e in events]
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM calendar_events WHERE calendar_id = ?", (calendar_id,))
            before = conn.total_changes
            conn.executemany(_INSERT, rows)
            return conn.total_changes - before

    def between(self, start: datetime, end: datetime) -> list[MeetingEvent]:
        """Events of every calendar overlapping ``[start, end)``, by start."""
        rows = self._db.conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM calendar_events "
            'WHERE start < ? AND "end" > ? ORDER BY start, uid',
            (_ts(end), _ts(start)),
        ).fetchall()
        return [_event(r) for r in rows]

    def calendars(self) -> dict[str, int]:
        """Each imported calendar's id and how many events it has."""
        rows = self._db.conn.execute(
            "SELECT calendar_id, count(*) FROM calendar_events GROUP BY calendar_id "
            "ORDER BY calendar_id").fetchall()
        return {str(r[0]): int(r[1]) for r in rows}
