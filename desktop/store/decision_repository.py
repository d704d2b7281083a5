# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Decisions in SQLite (table ``decisions``, migration m0007)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.health.decisions import Decision
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = ("id", "title", "request_id", "draft_id", "opened_at", "decided_at", "outcome")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM decisions"


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _decision(row: tuple[Any, ...]) -> Decision:
    did, title, request_id, draft_id, opened_at, decided_at, outcome = row
    return Decision(did, title, datetime.fromisoformat(opened_at), request_id, draft_id,
                    decided_at and datetime.fromisoformat(decided_at), outcome)


class SqliteDecisionRepository:
    """The ``DecisionRepository`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, decision_id: str) -> Decision | None:
        """The decision with this id, or ``None``."""
        row = self._db.conn.execute(f"{_SELECT} WHERE id = ?", (decision_id,)).fetchone()
        return None if row is None else _decision(row)

    def save(self, decision: Decision) -> None:
        """Insert or replace one decision."""
        d = decision
        with transaction(self._db) as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO decisions ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                (d.id, d.title, d.request_id, d.draft_id, _ts(d.opened_at), _ts(d.decided_at),
                 d.outcome))

    def delete(self, decision_id: str) -> None:
        """Remove one decision."""
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM decisions WHERE id = ?", (decision_id,))

    def all(self) -> list[Decision]:
        """Every decision, oldest first."""
        rows = self._db.conn.execute(f"{_SELECT} ORDER BY opened_at, rowid").fetchall()
        return [_decision(r) for r in rows]
