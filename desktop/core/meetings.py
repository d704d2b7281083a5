# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Meetings from the user's calendars, and the free time between them ("find focus time").

A :class:`MeetingEvent` is one occurrence as the calendar importer read it: recurring series
are already expanded. Which events count as meeting time is decided here, not at import: an
all-day event, a cancelled one, or one the user declined (an attendee address that is one of
the ``me`` setting's) takes no time, so changing ``me`` later needs no re-import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.core.calendar import BusinessCalendar
from desktop.core.intervals import Interval, merge, subtract
from desktop.core.requests import sender_is

FOCUS_MINIMUM = timedelta(minutes=90)
"""The shortest free stretch worth offering as focus time."""


@dataclass(frozen=True, slots=True)
class MeetingEvent:
    """One calendar occurrence. Times are timezone-aware UTC.

    An all-day event has ``start``/``end`` at UTC midnight of its first and (exclusive) last
    date; it never counts as meeting time, so its instant does not matter.
    """

    calendar_id: str
    """The calendar it came from: its X-WR-CALNAME, or the file's path."""
    uid: str
    start: datetime
    end: datetime
    summary: str = ""
    recurrence_id: str = ""
    """The occurrence's original start (ISO, UTC) for one of a series; empty for a single event."""
    all_day: bool = False
    cancelled: bool = False
    declined_by: tuple[str, ...] = ()
    """Attendee addresses (lower case, without ``mailto:``) that declined it."""

    def declined(self, me: Sequence[str]) -> bool:
        """Whether one of the user's addresses (``me``) declined the event."""
        return any(sender_is(address, me) for address in self.declined_by)

    def is_meeting(self, me: Sequence[str]) -> bool:
        """Whether the event takes meeting time: timed, not cancelled, not declined by ``me``."""
        return (not self.all_day and not self.cancelled and self.start < self.end
                and not self.declined(me))


def meeting_intervals(events: Iterable[MeetingEvent], me: Sequence[str]) -> list[Interval]:
    """The time taken by meetings, overlapping ones counted once (sorted, disjoint)."""
    return merge((e.start, e.end) for e in events if e.is_meeting(me))


def free_stretches(
    calendar: BusinessCalendar,
    start: datetime,
    end: datetime,
    busy: Iterable[Interval],
    minimum: timedelta = FOCUS_MINIMUM,
) -> list[Interval]:
    """Working time in ``[start, end)`` not covered by ``busy``, in stretches of ``minimum`` or
    longer. A stretch runs from a meeting's end (or an opening) to the next meeting (or
    closing time): free time is never joined across a closed evening."""
    working = calendar.working_spans(start, end)
    return [(s, e) for s, e in subtract(working, busy) if e - s >= minimum]


def find_focus_time(
    events: Iterable[MeetingEvent],
    calendar: BusinessCalendar,
    start: datetime,
    end: datetime,
    me: Sequence[str],
    taken: Iterable[Interval] = (),
    minimum: timedelta = FOCUS_MINIMUM,
) -> list[Interval]:
    """Free stretches of at least ``minimum`` inside working hours between ``start`` and
    ``end``, around the meetings in ``events`` and the focus time already ``taken``."""
    busy = [*meeting_intervals(events, me), *taken]
    return free_stretches(calendar, start, end, busy, minimum)
