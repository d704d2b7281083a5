# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Working hours per weekday, and their text form (``mon-fri 09:00-17:00``).

A range is kept as minutes after the start of its day. A range whose end is at or before its
start crosses midnight (``22:00-06:00``): it belongs to the day it starts on, so a holiday on
the next day does not cut it short.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class TimeRange:
    """One stretch of work: ``start`` and ``end`` in minutes after the start of the day.

    ``end`` may exceed 24 h for a range that crosses midnight; ``end > start`` always.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < MINUTES_PER_DAY or not self.start < self.end:
            raise InvalidInput(_("A working-hours range must end after it starts."))
        if self.end - self.start > MINUTES_PER_DAY:
            raise InvalidInput(_("A working-hours range cannot be longer than a day."))

    @property
    def minutes(self) -> int:
        """Length of the range in minutes."""
        return self.end - self.start

    def __str__(self) -> str:
        # 00:00-24:00 is a whole day: its end prints as 24:00, other ends as a clock time.
        end = self.end if self.end == MINUTES_PER_DAY else self.end % MINUTES_PER_DAY
        return f"{_clock(self.start)}-{_clock(end)}"


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Ranges of work for each weekday, Monday first (``days[0]`` is Monday)."""

    days: tuple[tuple[TimeRange, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise InvalidInput(_("Working hours need an entry for each of the seven weekdays."))

    @classmethod
    def office(cls, start: str = "09:00", end: str = "17:00") -> WorkingHours:
        """Monday to Friday, one range a day (the default schedule)."""
        span = (TimeRange(_parse_clock(start), _parse_clock(end)),)
        return cls((span,) * 5 + ((),) * 2)

    def minutes_on(self, weekday: int) -> int:
        """Minutes of work on ``weekday`` (0 = Monday), overlapping ranges counted once."""
        covered: set[int] = set()
        for r in self.days[weekday]:
            covered.update(range(r.start, r.end))
        return len(covered)

    @property
    def day_minutes(self) -> int:
        """The length of "a working day" that business-day targets multiply.

        The most common non-zero daily length, the longer one on a tie: with Monday to Thursday
        at 8 h and Friday at 4 h, a working day is 8 h.
        """
        lengths = [m for m in (self.minutes_on(d) for d in range(7)) if m]
        if not lengths:
            return 0
        counts = Counter(lengths)
        return max(counts, key=lambda m: (counts[m], m))

    @property
    def is_empty(self) -> bool:
        """True when no weekday has any working time."""
        return not any(self.days)

    def __str__(self) -> str:
        return format_working_hours(self)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_clock(text: str) -> int:
    match = _TIME.match(text.strip())
    if not match:
        raise InvalidInput(_("Times are written as HH:MM, for example 09:00 or 17:30."))
    hours, minutes = int(match[1]), int(match[2])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise InvalidInput(_("Times are written as HH:MM, for example 09:00 or 17:30."))
    return hours * 60 + minutes


def _parse_range(text: str) -> TimeRange:
    start_text, sep, end_text = text.partition("-")
    if not sep:
        raise InvalidInput(_("A range is written as 09:00-17:00."))
    start, end = _parse_clock(start_text), _parse_clock(end_text)
    if start == MINUTES_PER_DAY:
        raise InvalidInput(_("A range cannot start at 24:00."))
    if end <= start:  # crosses midnight, e.g. 22:00-06:00
        end += MINUTES_PER_DAY
    return TimeRange(start, end)


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.lower().split(","):
        first, sep, last = part.strip().partition("-")
        if first not in DAY_NAMES or (sep and last not in DAY_NAMES):
            raise InvalidInput(_("Weekdays are written mon, tue, wed, thu, fri, sat, sun."))
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if sep else a
        days.extend(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return days


def parse_working_hours(text: str) -> WorkingHours:
    """Read a schedule such as ``mon-fri 09:00-17:00`` or ``mon 09:00-12:00,13:00-17:00``.

    Clauses are separated by ``;``; days not named have no working time. ``none`` is a
    schedule without working time (only valid where deadlines use calendar hours).

    Raises:
        InvalidInput: the text is not a schedule; the message shows the accepted form.
    """
    text = text.strip()
    days: list[list[TimeRange]] = [[] for _day in range(7)]
    if text.lower() == "none":
        return WorkingHours(tuple(() for _day in range(7)))
    if not text:
        raise InvalidInput(_("Write working hours as 'mon-fri 09:00-17:00'."))
    for clause in filter(None, (c.strip() for c in text.split(";"))):
        day_text, _sep, ranges_text = clause.partition(" ")
        if not ranges_text.strip():
            raise InvalidInput(
                _("Write working hours as 'mon-fri 09:00-17:00' or 'mon 09:00-12:00,13:00-17:00'.")
            )
        ranges = [_parse_range(r) for r in ranges_text.replace(" ", "").split(",") if r]
        for day in _parse_days(day_text):
            days[day].extend(ranges)
    return WorkingHours(tuple(tuple(sorted(set(d))) for d in days))


def format_working_hours(hours: WorkingHours) -> str:
    """The text form that :func:`parse_working_hours` reads back, days with equal ranges joined."""
    clauses: list[str] = []
    day = 0
    while day < 7:
        ranges = hours.days[day]
        last = day
        while last + 1 < 7 and hours.days[last + 1] == ranges:
            last += 1
        if ranges:
            span = DAY_NAMES[day] if last == day else f"{DAY_NAMES[day]}-{DAY_NAMES[last]}"
            clauses.append(f"{span} {','.join(str(r) for r in ranges)}")
        day = last + 1
    return "; ".join(clauses) if clauses else "none"
