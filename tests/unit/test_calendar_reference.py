# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``BusinessCalendar`` against a slow, obviously correct minute-by-minute reference.

The reference walks UTC minutes. A minute ``[t, t + 60 s)`` is business time when the wall-clock
time of ``t`` lies in a working range of the day that range belongs to (a range crossing midnight
belongs to the day it starts on) and that owning day is neither a holiday nor a day off. Both
passes of a repeated fall-back hour count because both are separate UTC minutes.

The exactness test at the end compares ``add`` with ``businesstimedelta`` for a German office.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.calendar import _VECTOR_MIN, BusinessCalendar
from desktop.core.epoch_arrays import utc_datetimes
from desktop.core.working_hours import MINUTES_PER_DAY, TimeRange, WorkingHours

MINUTE = timedelta(minutes=1)
WINDOW_DAYS = 24  # how far the reference looks ahead of the start
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",  # southern hemisphere: clocks go back in April
    "Asia/Kolkata",  # +05:30, no DST
    "UTC",
    "America/St_Johns",  # -03:30 with DST
    "Australia/Lord_Howe",  # DST of only 30 minutes
)


# -- the reference ---------------------------------------------------------------------------


def is_business_minute(t: datetime, hours: WorkingHours, closed: set[date], zone: ZoneInfo):
    """Whether the UTC minute starting at ``t`` is business time (the rule, spelled out)."""
    wall = t.astimezone(zone)
    day = wall.date()
    minute = wall.hour * 60 + wall.minute
    if day not in closed:
        for r in hours.days[day.weekday()]:
            if r.start <= minute < r.end:
                return True
    previous = day - timedelta(days=1)
    if previous not in closed:
        for r in hours.days[previous.weekday()]:
            if r.end > MINUTES_PER_DAY and minute + MINUTES_PER_DAY < r.end:
                return True
    return False


def business_minutes(start, count, hours, closed, zone) -> list[bool]:
    """One flag per UTC minute from ``start`` on."""
    return [is_business_minute(start + i * MINUTE, hours, closed, zone) for i in range(count)]


def add_ref(start: datetime, n: int, flags: list[bool]) -> datetime:
    """End of the minute that completes the n-th business minute after ``start``."""
    seen = 0
    for i, flag in enumerate(flags):
        seen += flag
        if seen == n:
            return start + (i + 1) * MINUTE
    raise AssertionError("reference window too short")


def subtract_ref(start: datetime, end_index: int, n: int, flags: list[bool]) -> datetime:
    """Start of the n-th business minute counted backwards from minute ``end_index``."""
    seen = 0
    for i in range(end_index - 1, -1, -1):
        seen += flags[i]
        if seen == n:
            return start + i * MINUTE
    raise AssertionError("reference window too short")


# -- strategies ------------------------------------------------------------------------------


@cache
def transitions(zone_name: str) -> tuple[datetime, ...]:
    """UTC instants in 2025-2027 where the zone's offset changes (hourly sampling is enough)."""
    zone = ZoneInfo(zone_name)
    t = datetime(2025, 1, 1, tzinfo=UTC)
    found = []
    offset = t.astimezone(zone).utcoffset()
    while t.year < 2028:
        t += timedelta(hours=1)
        now_offset = t.astimezone(zone).utcoffset()
        if now_offset != offset:
            found.append(t)
            offset = now_offset
    return tuple(found) or (datetime(2026, 3, 29, tzinfo=UTC), datetime(2026, 10, 25, tzinfo=UTC))


grid_range = st.builds(
    lambda start, length: TimeRange(start * 15, start * 15 + length * 15),
    st.integers(0, 95),
    st.integers(1, 96),
)
day_ranges = st.lists(grid_range, max_size=2).map(lambda rs: tuple(sorted(set(rs))))
working_hours = (
    st.lists(day_ranges, min_size=7, max_size=7)
    .filter(lambda days: any(days))
    .map(lambda days: WorkingHours(tuple(days)))
)


@st.composite
def scenarios(draw):
    zone_name = draw(st.sampled_from(ZONES))
    switch = draw(st.sampled_from(transitions(zone_name)))
    offset = draw(st.integers(-3 * 24 * 60, 3 * 24 * 60))
    start = (switch + offset * MINUTE).replace(second=0, microsecond=0)
    hours = draw(working_hours)
    first_day = start.date() - timedelta(days=2)
    closed_offsets = draw(st.sets(st.integers(0, WINDOW_DAYS + 2), max_size=6))
    closed = [first_day + timedelta(days=d) for d in sorted(closed_offsets)]
    split = draw(st.integers(0, len(closed)))
    holidays, days_off = closed[:split], closed[split:]
    calendar = BusinessCalendar(
        ZoneInfo(zone_name),
        hours,
        days_off=days_off,
        holidays=lambda year: [d for d in holidays if d.year == year],
    )
    flags = business_minutes(start, WINDOW_DAYS * 1440, hours, set(closed), ZoneInfo(zone_name))
    return calendar, start, flags


REFERENCE_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# -- properties ------------------------------------------------------------------------------


@REFERENCE_SETTINGS
@given(scenarios(), st.data())
def test_add_matches_reference(scenario, data):
    calendar, start, flags = scenario
    available = sum(flags)
    if available == 0:  # a window without any working time: nothing to compare
        return
    n = data.draw(st.integers(1, min(3000, available)), label="minutes")
    expected = add_ref(start, n, flags)
    assert calendar.add(start, n * MINUTE) == expected
    assert calendar.add_many([start, start], n * MINUTE) == [expected, expected]
    # the array path of add_many (from _VECTOR_MIN starts on) against the same reference
    many = [start, start - MINUTE] * (_VECTOR_MIN // 2)
    earlier = calendar.add(many[1], n * MINUTE)
    assert calendar.add_many(many, n * MINUTE) == [expected, earlier] * (_VECTOR_MIN // 2)
    # and in chunks that split the starts unevenly (a million starts go through in chunks)
    chunked = calendar._ends_vectorized(many[:9], (n * MINUTE).total_seconds(), chunk=4)
    assert chunked == [expected, earlier] * 4 + [expected]


@REFERENCE_SETTINGS
@given(scenarios(), st.data())
def test_between_matches_reference(scenario, data):
    calendar, start, flags = scenario
    i = data.draw(st.integers(0, len(flags)), label="i")
    j = data.draw(st.integers(0, len(flags)), label="j")
    a, b = start + i * MINUTE, start + j * MINUTE
    expected = sum(flags[min(i, j) : max(i, j)]) * (1 if j >= i else -1)
    assert calendar.between(a, b) == expected * MINUTE
    assert calendar.between(b, a) == -expected * MINUTE


@REFERENCE_SETTINGS
@given(scenarios(), st.data())
def test_subtract_matches_reference(scenario, data):
    calendar, start, flags = scenario
    end_index = data.draw(st.integers(1, len(flags)), label="end")
    available = sum(flags[:end_index])
    if available == 0:
        return
    n = data.draw(st.integers(1, min(3000, available)), label="minutes")
    end = start + end_index * MINUTE
    assert calendar.subtract(end, n * MINUTE) == subtract_ref(start, end_index, n, flags)


@REFERENCE_SETTINGS
@given(scenarios(), st.data())
def test_is_business_time_and_next_opening_match_reference(scenario, data):
    calendar, start, flags = scenario
    i = data.draw(st.integers(0, len(flags) - 1), label="minute")
    moment = start + i * MINUTE + timedelta(seconds=data.draw(st.integers(0, 59)))
    assert calendar.is_business_time(moment) is flags[i]
    following = [k for k in range(i, len(flags)) if flags[k]]
    if following:
        expected = moment if flags[i] else start + following[0] * MINUTE
        assert calendar.next_opening(moment) == expected


# Instants from year 1 to 9998, the span the timeline can cover.
INSTANTS = st.floats(min_value=-62_135_596_800.0, max_value=253_370_764_799.0)


@settings(max_examples=300, deadline=None)
@given(st.lists(INSTANTS, min_size=1, max_size=40), st.integers(-(10**6), 10**6))
def test_utc_datetimes_match_fromtimestamp(stamps, whole):
    """The array path builds its datetimes without ``fromtimestamp``; the rounding to
    microseconds (half to even, carried into the seconds) must match it on every float,
    including exact half microseconds on either side of zero."""
    np = pytest.importorskip("numpy")
    ties = [whole + k * 0.5e-6 for k in (-3, -1, 1, 3)] + [whole + 0.9999995, whole - 0.9999995]
    values = stamps + ties
    built = utc_datetimes(np.array(values)).tolist()
    assert built == [datetime.fromtimestamp(t, UTC) for t in values]
    assert all(d.tzinfo is UTC for d in built)


# -- exactness against businesstimedelta ---------------------------------------------------


def test_add_matches_businesstimedelta_for_a_berlin_office():
    btd = pytest.importorskip("businesstimedelta")
    pytz = pytest.importorskip("pytz")
    holidays = pytest.importorskip("holidays")
    berlin_holidays = holidays.country_holidays("DE", subdiv="BE", years=range(2024, 2027))
    tz = pytz.timezone("Europe/Berlin")
    rules = btd.Rules(
        [
            btd.WorkDayRule(
                start_time=datetime.min.time().replace(hour=9),
                end_time=datetime.min.time().replace(hour=17),
                working_days=[0, 1, 2, 3, 4],
                tz=tz,
            ),
            btd.HolidayRule(berlin_holidays, tz=tz),
        ]
    )
    eight_hours = btd.BusinessTimeDelta(rules, hours=8)
    calendar = BusinessCalendar(
        ZoneInfo("Europe/Berlin"),
        WorkingHours.office(),
        holidays=lambda year: holidays.country_holidays("DE", subdiv="BE", years=year).keys(),
    )
    rng = random.Random(20250101)
    first = datetime(2025, 1, 1, tzinfo=UTC).timestamp()
    last = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    received = [
        datetime.fromtimestamp(rng.randrange(int(first), int(last)), UTC) for _ in range(2000)
    ]
    # Some received exactly at opening and closing times, where off-by-one errors live.
    received += [
        datetime(2025, 3, d, h, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)
        for d in range(3, 8)
        for h in (9, 17)
    ]
    expected = [(r + eight_hours).astimezone(UTC) for r in received]
    assert [calendar.add(r, timedelta(hours=8)) for r in received] == expected
    assert calendar.add_many(received, timedelta(hours=8)) == expected
