# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading times the way people type them: ``in 2 hours``, ``thu 5pm``, ``2026-11-27 14:00``.

:func:`parse_when` never reads the clock; the caller passes ``now``. Wall-clock phrases are read
in the user's zone and every result is an aware datetime in UTC.

Rules worth knowing:

* Hours and minutes in relative phrases are elapsed time; days and weeks move the calendar date
  in the user's zone and keep the wall-clock time, so ``in 1 day`` across a daylight-saving
  change is still "same time tomorrow".
* Phrases without a clock time mean 09:00 (``tomorrow``, ``fri``, ``2026-11-27``); ``today``
  alone means now. Given the user's business calendar, a day named without a clock time means
  the first working moment on or after that day instead: ``tomorrow`` on a Friday is Monday at
  opening time, the next working morning, which is what a user means when putting work off.
  The window, the add dialog and the command line all pass the calendar, so the words mean the
  same everywhere.
* A wall-clock time skipped by a spring-forward change (02:30 on 2026-03-29 in Berlin) is read
  with the offset in force before the change and normalised through UTC, so it becomes the
  instant the clock shows 03:30. A time repeated by a fall-back change means its first pass.
* ``next fri`` is the first Friday after today, never today; ``last fri`` the one before today.
* Words are English; the parser does not follow the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol

from desktop.core.errors import CoreError, InvalidInput
from desktop.core.i18n import _

_MORNING = time(9)
_NAMED_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {key: i for i, name in enumerate(_MONTH_NAMES, 1) for key in (name, name[:3])}
_MONTHS["sept"] = 9
_UNITS: dict[str, timedelta | int] = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), timedelta(minutes=1)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), timedelta(hours=1)),
    **dict.fromkeys(("d", "day", "days"), 1),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7),
}

_CLOCK = (
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?)?"
    r"(?:\s*(?P<ap>[ap])\.?m\.?)?|(?P<word>noon|midnight)"
)
_CLOCK_RE = re.compile(_CLOCK)
_DAY_THEN_CLOCK = re.compile(rf"(?P<day>.+?)\s+(?:at\s+)?(?P<clock>{_CLOCK})")
_CLOCK_THEN_DAY = re.compile(rf"(?P<clock>{_CLOCK})\s+(?:on\s+)?(?P<day>.+)")
_OFFSET = re.compile(r"(?P<rest>.*\d)\s*(?:(?P<z>z)|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))")
_RELATIVE = re.compile(r"in\s+(?P<ahead>.+)|(?P<ago>.+?)\s+ago|(?P<sign>[+-])\s*(?P<signed>.+)")
_SPAN = re.compile(r"(?:\s*\d{1,9}\s*[a-z]+)+\s*")
_SPAN_PART = re.compile(r"(\d+)\s*([a-z]+)")
_WEEKDAY = re.compile(r"(?:(?P<which>next|last|this)\s+)?(?P<name>[a-z]+)\.?")
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_DOTTED_DATE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{4})?)?")
_DAY_MONTH = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s*(?P<mon>[a-z]+)\.?(?:\s+(?P<y>\d{4}))?"
)
_MONTH_DAY = re.compile(r"(?P<mon>[a-z]+)\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?P<y>\d{4}))?")


class Openings(Protocol):
    """What the parser needs of a business calendar (:class:`BusinessCalendar` has it)."""

    def next_opening(self, moment: datetime) -> datetime:
        """``moment`` if it is working time, else the next start of working time."""
        ...


@dataclass(frozen=True)
class _Day:
    """The day a phrase names: ``first``, or ``fallback`` if ``first`` is on the wrong side."""

    first: date
    fallback: date | None = None
    bare_hour: bool = False  # whether a bare number after it is an hour ("mon 9")


def parse_when(text: str, now: datetime, zone: tzinfo, *, prefer_future: bool = True,
               calendar: Openings | None = None) -> datetime:
    """Read a time the way a person types it; return a timezone-aware datetime in UTC.

    Args:
        text: What the user typed, e.g. ``in 2 hours``, ``thu 5pm`` or ``2026-11-27 14:00``.
        now: The current instant (timezone-aware); the clock is never read here.
        zone: The user's zone, in which days and wall-clock times are read.
        prefer_future: Whether phrases that name no date (``5pm``, ``thu``) mean the next such
            time; if false they mean the most recent one, as for times something was received.
        calendar: The user's business calendar; with it (and ``prefer_future``) a day named
            without a clock time means its first working moment, or the next one after it.

    Returns:
        The instant in UTC. Absolute phrases have no seconds unless typed; relative phrases keep
        the precision of ``now``.

    Raises:
        InvalidInput: The text is not a time in any accepted form, or names no real time.
        ValueError: ``now`` is naive.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    phrase = " ".join(text.lower().replace(",", " ").split())
    try:
        result = _parse(phrase, now, zone, prefer_future, calendar if prefer_future else None)
    except _ClockRangeError:
        message = _(
            "Could not read '{text}' as a time of day: hours go from 0 to 23 (1 to 12 with "
            "am or pm) and minutes from 0 to 59, as in '17:30' or '5:30pm'."
        )
    except _NoSuchDateError:
        message = _(
            "There is no day '{text}' in the calendar. "
            "Write dates as '2026-11-27', '27.11.2026', '27 nov 2026' or 'nov 27'."
        )
    except OverflowError:
        message = _("'{text}' is too far away. Pick a time between the years 1 and 9999.")
    else:
        if result is not None:
            return result
        message = _(
            "Could not read '{text}' as a time. "
            "Try 'in 2 hours', 'thu 5pm', 'tomorrow 9:00' or '2026-11-27 14:00'."
        )
    raise InvalidInput(message.format(text=text.strip()))


class _ClockRangeError(Exception):
    """A clock time in the right form but out of range, such as ``25:00`` or ``13pm``."""


class _NoSuchDateError(Exception):
    """A date in the right form that the calendar does not have, such as ``31.02.2026``."""


def _parse(phrase: str, now: datetime, zone: tzinfo, prefer_future: bool,
           calendar: Openings | None) -> datetime | None:
    if phrase in ("now", "today"):
        return now.astimezone(UTC)
    if phrase == "later today":
        soon = (now + timedelta(hours=3)).astimezone(UTC)
        local = soon.astimezone(zone)
        past = timedelta(minutes=local.minute % 15, seconds=local.second)
        past += timedelta(microseconds=local.microsecond)
        return soon + (timedelta(minutes=15) - past) if past else soon
    relative = _relative(phrase, now, zone)
    if relative is not None:
        return relative
    offset = _OFFSET.fullmatch(phrase)
    if offset is not None:
        zone = _fixed_zone(offset)
        phrase = offset["rest"]
    phrase = re.sub(r"(?<=\d)t(?=\d)", " ", phrase)  # ISO 8601 "2026-11-27T14:00"
    today = now.astimezone(zone).date()
    for day_text, clock_text in _splits(phrase):
        if day_text is None:
            day: _Day | None = _Day(today, today + timedelta(days=1 if prefer_future else -1))
        else:
            day = _parse_day(day_text, today, prefer_future)
        if day is None:
            continue
        clock = _MORNING if clock_text is None else _parse_clock(clock_text, day.bare_hour)
        if clock is None:
            continue
        if day_text is not None and clock_text is None and calendar is not None:
            at = _opening(day.first, zone, calendar)
            if day.fallback is not None and at < now:
                return _opening(day.fallback, zone, calendar)
            return at
        at = _local(day.first, clock, zone)
        if day.fallback is not None and (at < now if prefer_future else at > now):
            return _local(day.fallback, clock, zone)
        return at
    return None


def _local(day: date, clock: time, zone: tzinfo) -> datetime:
    """The instant at which the wall clock in ``zone`` shows ``clock`` on ``day``.

    ``fold`` is 0, so a repeated time means its first pass and a skipped time is read with the
    offset before the change; converting to UTC turns that into a real instant.
    """
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def _opening(day: date, zone: tzinfo, calendar: Openings) -> datetime:
    """The first working moment on or after ``day``; 09:00 that day without working time."""
    start = _local(day, time(0), zone)
    try:
        return calendar.next_opening(start).astimezone(UTC)
    except CoreError:  # no working time at all: the plain reading
        return _local(day, _MORNING, zone)


def _relative(phrase: str, now: datetime, zone: tzinfo) -> datetime | None:
    match = _RELATIVE.fullmatch(phrase)
    if match is None:
        return None
    backwards = match["ago"] is not None or match["sign"] == "-"
    span = match["ahead"] or match["ago"] or match["signed"]
    span = re.sub(r"\b(?:an?)\b", "1", re.sub(r"\band\b", " ", span))  # "an hour and 5 min"
    if not _SPAN.fullmatch(span):
        return None
    days, elapsed = 0, timedelta()
    for number, unit in _SPAN_PART.findall(span):
        size = _UNITS.get(unit)
        if size is None:
            return None
        if isinstance(size, int):
            days += int(number) * size
        else:
            elapsed += int(number) * size
    sign = -1 if backwards else 1
    start = now.astimezone(UTC)
    if days:  # keep the wall-clock time; a skipped local time is normalised through UTC
        start = (now.astimezone(zone) + timedelta(days=sign * days)).astimezone(UTC)
    return start + sign * elapsed


def _fixed_zone(match: re.Match[str]) -> tzinfo:
    if match["z"]:
        return UTC
    hours, minutes = int(match["oh"]), int(match["om"])
    if hours > 23 or minutes > 59:
        raise _ClockRangeError
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if match["sign"] == "-" else offset)


def _splits(phrase: str) -> Iterator[tuple[str | None, str | None]]:
    """The ways to cut ``phrase`` into a day part and a clock part, most specific first."""
    yield None, phrase
    for pattern in (_DAY_THEN_CLOCK, _CLOCK_THEN_DAY):
        match = pattern.fullmatch(phrase)
        if match is not None:
            yield match["day"], match["clock"]
    yield phrase, None


def _parse_clock(text: str, allow_bare_hour: bool) -> time | None:
    match = _CLOCK_RE.fullmatch(text)
    if match is None:
        return None
    if match["word"]:
        return time(12) if match["word"] == "noon" else time(0)
    if match["m"] is None and match["ap"] is None and not allow_bare_hour:
        return None
    hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
    fraction = int((match["f"] or "0").ljust(6, "0"))
    if match["ap"] is not None:
        if not 1 <= hour <= 12:
            raise _ClockRangeError
        hour = hour % 12 + (12 if match["ap"] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _ClockRangeError
    return time(hour, minute, second, fraction)


def _parse_day(text: str, today: date, prefer_future: bool) -> _Day | None:
    if text in _NAMED_DAYS:
        return _Day(today + timedelta(days=_NAMED_DAYS[text]), bare_hour=True)
    if text == "next week":
        return _Day(today + timedelta(days=7 - today.weekday()), bare_hour=True)
    match = _WEEKDAY.fullmatch(text)
    if match is not None and match["name"] in _WEEKDAYS:
        ahead = (_WEEKDAYS[match["name"]] - today.weekday()) % 7
        after = today + timedelta(days=ahead or 7)
        before = today - timedelta(days=(7 - ahead) % 7 or 7)
        if match["which"] == "next":
            return _Day(after, bare_hour=True)
        if match["which"] == "last":
            return _Day(before, bare_hour=True)
        if ahead:
            return _Day(after if prefer_future else before, bare_hour=True)
        return _Day(today, after if prefer_future else before, bare_hour=True)
    for pattern in (_ISO_DATE, _DOTTED_DATE, _DAY_MONTH, _MONTH_DAY):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = _MONTHS.get(match["mon"]) if "mon" in pattern.groupindex else int(match["m"])
        if month is not None:
            return _date(match["y"], month, int(match["d"]), today, prefer_future)
    return None


def _date(year: str | None, month: int, day: int, today: date, prefer_future: bool) -> _Day:
    """A calendar date; without a year, this year's or the next (previous) one's."""
    other_year = today.year + (1 if prefer_future else -1)
    candidates = [today.year, other_year] if year is None else [int(year)]
    found: list[date] = []
    for candidate in candidates:
        try:
            found.append(date(candidate, month, day))
        except ValueError:
            continue
    if not found:
        raise _NoSuchDateError
    return _Day(found[0], found[1] if len(found) > 1 else None)
