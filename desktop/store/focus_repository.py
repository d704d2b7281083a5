# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus in SQLite: blocks, recurring schedules, held requests and the interruption log.

Tables (migration ``m0005_focus``): ``focus_blocks`` (``actual_end_at`` is set only when a
block was stopped early), ``focus_schedules`` (``weekdays`` as ``0,2,4`` with Monday 0),
``focus_held`` and ``focus_interruptions``. Times are ISO 8601 UTC text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from desktop.core.focus.blocks import Reason
from desktop.core.focus.log import HeldEntry, Interruption, InterruptionKind
from desktop.core.focus.plan import FocusSchedule, FocusSession, focus_minutes_by_day
from desktop.core.working_hours import TimeRange
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_BLOCK_COLUMNS = ("id, start_at, planned_end_at, actual_end_at, schedule_id, modified_at, "
                  "deleted_at")


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _session(row: tuple[object, ...]) -> FocusSession:
    start, planned, modified = _dt(str(row[1])), _dt(str(row[2])), _dt(str(row[5]))
    assert start is not None
    assert planned is not None
    assert modified is not None
    return FocusSession(str(row[0]), start, planned, modified,
                        ended_at=_dt(row[3] if row[3] is None else str(row[3])),
                        schedule_id=None if row[4] is None else str(row[4]),
                        deleted_at=_dt(row[6] if row[6] is None else str(row[6])))


class SqliteFocusRepository:
    """The ``FocusRepository`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # -- blocks --------------------------------------------------------------------------------

    def sessions(self, since: datetime | None = None) -> list[FocusSession]:
        """Blocks not deleted that end after ``since`` (all when ``None``), oldest first."""
        sql = f"SELECT {_BLOCK_COLUMNS} FROM focus_blocks WHERE deleted_at IS NULL"
        args: list[object] = []
        if since is not None:  # planned end bounds the actual one, which is never later
            sql += " AND planned_end_at > ?"
            args.append(_ts(since))
        rows = self._db.conn.execute(sql + " ORDER BY start_at", args).fetchall()
        sessions = [_session(r) for r in rows]
        return [s for s in sessions if since is None or s.end > since]

    def all_sessions(self) -> list[FocusSession]:
        """Every block, deleted ones (tombstones) too, oldest first: for sync and export."""
        rows = self._db.conn.execute(
            f"SELECT {_BLOCK_COLUMNS} FROM focus_blocks ORDER BY start_at").fetchall()
        return [_session(r) for r in rows]

    def save_session(self, session: FocusSession) -> None:
        """Insert or replace one block."""
        with transaction(self._db) as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO focus_blocks ({_BLOCK_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                (session.id, _ts(session.start), _ts(session.planned_end),
                 _ts(session.ended_at), session.schedule_id, _ts(session.modified_at),
                 _ts(session.deleted_at)))

    def minutes_by_day(self, zone: tzinfo, now: datetime,
                       days: int = 30) -> dict[date, int]:
        """Focus minutes per local day over the last ``days`` days."""
        return focus_minutes_by_day(self.sessions(since=now - timedelta(days=days + 1)),
                                    zone, now)

    # -- schedules -----------------------------------------------------------------------------

    def schedules(self, *, include_deleted: bool = False) -> list[FocusSchedule]:
        """Recurring schedules (tombstones only when asked), oldest first."""
        rows = self._db.conn.execute(
            "SELECT id, weekdays, start_minute, end_minute, zone, modified_at, deleted_at "
            "FROM focus_schedules" + ("" if include_deleted else " WHERE deleted_at IS NULL")
            + " ORDER BY modified_at, id").fetchall()
        out = []
        for sid, days, start, end, zone, modified, deleted in rows:
            when = _dt(modified)
            assert when is not None
            out.append(FocusSchedule(sid, tuple(int(d) for d in days.split(",") if d),
                                     TimeRange(int(start), int(end)), zone, when, _dt(deleted)))
        return out

    def save_schedule(self, schedule: FocusSchedule) -> None:
        """Insert or replace one schedule (a deletion is a tombstone)."""
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO focus_schedules (id, weekdays, start_minute, end_minute, "
                "zone, modified_at, deleted_at) VALUES (?,?,?,?,?,?,?)",
                (schedule.id, ",".join(str(d) for d in schedule.weekdays), schedule.span.start,
                 schedule.span.end, schedule.zone, _ts(schedule.modified_at),
                 _ts(schedule.deleted_at)))

    # -- held requests and the log -----------------------------------------------------------

    def held(self) -> list[HeldEntry]:
        """Requests held for the digest, in the order they were held."""
        rows = self._db.conn.execute(
            "SELECT request_id, breach_at, held_at, block_id FROM focus_held "
            "ORDER BY held_at, rowid").fetchall()
        out = []
        for rid, breach, held_at, block in rows:
            when = _dt(held_at)
            assert when is not None
            out.append(HeldEntry(rid, _dt(breach), when, block))
        return out

    def hold(self, entries: Iterable[HeldEntry]) -> None:
        """Hold requests (again: a new breach time replaces the old one)."""
        rows = [(e.request_id, _ts(e.breach_at), _ts(e.held_at), e.session_id) for e in entries]
        if not rows:
            return
        with transaction(self._db) as conn:
            conn.executemany(
                "INSERT INTO focus_held (request_id, breach_at, held_at, block_id) "
                "VALUES (?,?,?,?) ON CONFLICT(request_id) DO UPDATE SET "
                "breach_at = excluded.breach_at", rows)

    def release(self, request_ids: Iterable[str], log: Iterable[Interruption]) -> None:
        """Stop holding requests and append to the log, in one transaction."""
        ids = [(i,) for i in request_ids]
        entries = [(_ts(e.at), e.request_id, e.kind.value, e.reason.value, e.detail,
                    e.session_id) for e in log]
        if not ids and not entries:
            return
        with transaction(self._db) as conn:
            conn.executemany("DELETE FROM focus_held WHERE request_id = ?", ids)
            conn.executemany(
                "INSERT INTO focus_interruptions (at, request_id, kind, reason, detail, "
                "block_id) VALUES (?,?,?,?,?,?)", entries)

    def interruptions(self, since: datetime) -> list[Interruption]:
        """Log entries at or after ``since``, oldest first."""
        rows = self._db.conn.execute(
            "SELECT at, request_id, kind, reason, detail, block_id FROM focus_interruptions "
            "WHERE at >= ? ORDER BY at, id", (_ts(since),)).fetchall()
        out = []
        for at, rid, kind, reason, detail, block in rows:
            when = _dt(at)
            assert when is not None
            out.append(Interruption(when, rid, InterruptionKind(kind), Reason(reason), detail,
                                    block))
        return out
