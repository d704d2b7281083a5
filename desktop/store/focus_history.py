# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``FocusHistory`` port on the store: past focus blocks and their interruptions.

``spans`` reads each block overlapping the range as ``FocusSpan(start, actual end)``: the end
of a block stopped early, else its planned end (a running block and planned ones too, so Find
focus time steps around them). ``interruptions`` reads the moments something broke into focus
(a break-through, a release near a deadline, a digest at a delivery time); a digest that
released several requests at once is one interruption. Times are stored as UTC ISO text of one
shape, so comparing the text compares the times.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

    from desktop.core.health.measures import FocusSpan, Interruption

INTERRUPTING = ("breakthrough", "release", "digest")


class StoreFocusHistory:
    """Focus blocks and interruptions from the focus tables."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def spans(self, start: datetime, end: datetime) -> list[FocusSpan]:
        """Focus blocks overlapping ``[start, end)``, by start."""
        from desktop.core.health.measures import FocusSpan  # the measures load when first asked for

        rows = self._db.conn.execute(
            "SELECT start_at, COALESCE(actual_end_at, planned_end_at) AS ends FROM focus_blocks "
            "WHERE deleted_at IS NULL AND start_at < ? AND ends > ? ORDER BY start_at",
            (_text(end), _text(start)),
        )
        return [FocusSpan(_time(a), _time(b)) for a, b in rows if _time(b) > _time(a)]

    def interruptions(self, start: datetime, end: datetime) -> list[Interruption]:
        """Moments in ``[start, end)`` when focus was broken into, in order."""
        from desktop.core.health.measures import Interruption

        marks = ", ".join("?" * len(INTERRUPTING))
        rows = self._db.conn.execute(
            f"SELECT DISTINCT at FROM focus_interruptions WHERE kind IN ({marks}) "
            "AND at >= ? AND at < ? ORDER BY at",
            (*INTERRUPTING, _text(start), _text(end)),
        )
        return [Interruption(_time(row[0])) for row in rows]


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
