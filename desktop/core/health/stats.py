# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The stats service: every measure for the last N weeks, and free time in the coming week.

It reads only the range it needs from each port (events, focus, decisions, requests) and
hands the data to the pure functions of :mod:`desktop.core.health.measures`; the queue service
supplies the settings (zone, ``me``), the business calendar and ``now``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.core.errors import InvalidInput
from desktop.core.health.measures import (
    MeasureInputs,
    WeekFigures,
    last_weeks,
    week_figures,
)
from desktop.core.health.off_hours import DeliveredReply
from desktop.core.i18n import _
from desktop.core.intervals import Interval
from desktop.core.meetings import FOCUS_MINIMUM, find_focus_time
from desktop.core.ports import CalendarRepository, DecisionRepository, FocusHistory, ReplyHistory
from desktop.core.queue.service import QueueService

MAX_WEEKS = 104
_MARGIN = timedelta(days=1)


class StatsService:
    """Computes the health measures from the stored data.

    Args:
        queue: settings, business calendar and clock.
        events: imported calendar events.
        decisions: decisions opened and made.
        focus: past focus blocks and interruptions.
        replies: requests due or done in a range.
        deliveries: replies the outbox delivered in ``[start, end)``, with the recipient's
            zone and hours as the people directory knows them.
    """

    def __init__(self, queue: QueueService, events: CalendarRepository,
                 decisions: DecisionRepository, focus: FocusHistory,
                 replies: ReplyHistory,
                 deliveries: Callable[[datetime, datetime], list[DeliveredReply]] | None = None,
                 ) -> None:
        self._queue = queue
        self._events = events
        self._decisions = decisions
        self._focus = focus
        self._replies = replies
        self._deliveries = deliveries

    def weeks(self, count: int = 8) -> list[WeekFigures]:
        """The measures of the last ``count`` weeks, the current one last.

        Raises:
            InvalidInput: ``count`` is not between 1 and :data:`MAX_WEEKS`.
        """
        if not 1 <= count <= MAX_WEEKS:
            raise InvalidInput(_("Ask for 1 to {max} weeks.").format(max=MAX_WEEKS))
        settings = self._queue.settings
        zone = ZoneInfo(settings.timezone)
        now = self._queue.now()
        weeks = last_weeks(now, zone, count)
        lo, hi = weeks[0].bounds(zone)[0], weeks[-1].bounds(zone)[1]
        # A day either side: a block or meeting that started before the first week still
        # counts for its part inside it.
        start, end = lo - _MARGIN, hi + _MARGIN
        inputs = MeasureInputs(
            events=self._events.between(start, end),
            focus=self._focus.spans(start, end),
            interruptions=self._focus.interruptions(start, end),
            decisions=[d for d in self._decisions.all()
                       if d.decided_at is not None and start <= d.decided_at < end],
            requests=self._replies.due_or_done_between(lo, hi),
            deliveries=self._deliveries(lo, hi) if self._deliveries else (),
        )
        calendar = self._queue.calendar
        return [week_figures(w, inputs, zone=zone, now=now, calendar=calendar, me=settings.me)
                for w in weeks]

    def free_time(self, days: int = 7, minimum: timedelta = FOCUS_MINIMUM) -> list[Interval]:
        """Free working stretches of ``minimum`` or longer from now through the next ``days``
        days, around meetings and focus blocks already planned."""
        now = self._queue.now()
        end = now + timedelta(days=days)
        taken = [(s.start, s.end) for s in self._focus.spans(now, end)]
        return find_focus_time(self._events.between(now, end), self._queue.calendar, now, end,
                               self._queue.settings.me, taken, minimum)
