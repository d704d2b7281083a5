# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deadlines worth suggesting: the end of the recipient's next working days.

A deadline that lands at 03:00 in the reader's zone is read as "some time tomorrow" at best. A
suggestion is therefore the closing time of one of the recipient's working days, counted in
*their* calendar, and only a day on which enough of their working time is still left.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from desktop.core.calendar import BusinessCalendar

_LOOK_AHEAD_DAYS = 60


def suggest_deadlines(now: datetime, calendar: BusinessCalendar, *, count: int = 3,
                      min_left: timedelta = timedelta(hours=2)) -> list[datetime]:
    """The closing times (UTC) of the recipient's next ``count`` working days.

    Args:
        now: the current instant (aware).
        calendar: the recipient's working time (their zone and hours).
        count: how many suggestions.
        min_left: a day is skipped when less of its working time than this is left at ``now``,
            so "today" is only offered while there is time to act on it.

    Returns:
        Up to ``count`` instants in increasing order; fewer when the recipient has no working
        days in the next two months.
    """
    zone = calendar.zone
    day = now.astimezone(zone).date()
    out: list[datetime] = []
    for _step in range(_LOOK_AHEAD_DAYS):
        ranges = calendar.hours.days[day.weekday()]
        if ranges and calendar.is_working_day(day):
            end = max(r.end for r in ranges)
            local = datetime.combine(day, time(0), tzinfo=zone) + timedelta(minutes=end)
            closing = local.replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)
            if closing > now and calendar.between(now, closing) >= min_left:
                out.append(closing)
                if len(out) == count:
                    break
        day += timedelta(days=1)
    return out
