# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``FocusHistory`` port on the store: past focus blocks and their interruptions.

Focus blocks are stored by the focus feature, which is not in this build yet, so both
questions answer with nothing. Once it is, ``spans`` reads each block overlapping the range as
``FocusSpan(start, actual end)`` (the planned end while a block still runs, cut at ``now``), and
``interruptions`` reads the interruption log entries whose time lies in the range as
``Interruption(at)``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.measures import FocusSpan, Interruption

if TYPE_CHECKING:
    import sqlite_utils


class StoreFocusHistory:
    """Focus blocks and interruptions from the database (none until focus blocks are stored)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def spans(self, start: datetime, end: datetime) -> list[FocusSpan]:
        """Focus blocks overlapping ``[start, end)``; none yet."""
        return []

    def interruptions(self, start: datetime, end: datetime) -> list[Interruption]:
        """Interruptions logged in ``[start, end)``; none yet."""
        return []
