# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Budgets for parsing outside data: what a breach is, and a wall-time deadline.

Every parser of outside data (MIME, iCalendar, Slack JSON, CSV) checks sizes, counts, depth
and time against named limits in its own module. A breach raises :class:`BudgetExceeded`,
which the parser turns into a report entry for that one item, naming the limit; the import
goes on with the next item, so the same input never stops an import at the same place again.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.i18n import _


class BudgetExceeded(Exception):
    """An item needs more than a parser's budget allows."""

    def __init__(self, what: str, limit: float | str) -> None:
        super().__init__(what, limit)
        self.what = what
        """The limit as the user reads it (already translated), e.g. "MIME nesting depth"."""
        self.limit = limit

    def reason(self) -> str:
        """The report entry's text."""
        return _("Left out: it goes over the limit for {what} ({limit}).").format(
            what=self.what, limit=self.limit)


class Deadline:
    """Wall time for one item; :meth:`check` raises once it has run out.

    ``clock`` gives seconds on a monotonic scale: the caller's ``time.monotonic`` (core reads
    no clock), a fake in tests.
    """

    def __init__(self, seconds: float, clock: Callable[[], float], what: str = "") -> None:
        self._clock = clock
        self._seconds = seconds
        self._end = clock() + seconds
        self.what = what or _("time per item")
        """The limit as the user reads it."""

    def sooner(self, seconds: float, what: str = "") -> Deadline:
        """A deadline ``seconds`` from now for a part of this item, never later than this one
        (whichever comes first is the one reported)."""
        part = Deadline(seconds, self._clock, what)
        if self._end < part._end:
            part._end, part._seconds, part.what = self._end, self._seconds, self.what
        return part

    def check(self) -> None:
        """Raise :class:`BudgetExceeded` if the time is up."""
        if self._clock() > self._end:
            raise BudgetExceeded(self.what, _("{seconds:g} s").format(seconds=self._seconds))
