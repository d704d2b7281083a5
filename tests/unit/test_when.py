# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.when.parse_when``: every accepted form, DST and errors."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.when import parse_when
from desktop.core.working_hours import WorkingHours

BERLIN = ZoneInfo("Europe/Berlin")
# Thursday 26 November 2026, 10:00:12.000345 in Berlin (CET, UTC+1).
NOW = datetime(2026, 11, 26, 10, 0, 12, 345, tzinfo=BERLIN)


def berlin(day: str, clock: str = "09:00", fold: int = 0) -> datetime:
    """The instant of a Berlin wall-clock time, as parse_when returns it (in UTC)."""
    naive = datetime.fromisoformat(f"{day}T{clock}")
    return naive.replace(tzinfo=BERLIN, fold=fold).astimezone(UTC)


def parse(text: str, now: datetime = NOW, *, prefer_future: bool = True) -> datetime:
    result = parse_when(text, now, BERLIN, prefer_future=prefer_future)
    assert result.tzinfo is UTC
    return result


@pytest.mark.parametrize("prefer_future", [True, False])
@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("now", timedelta()),
        ("today", timedelta()),
        ("in 2 hours", timedelta(hours=2)),
        ("in 90 minutes", timedelta(minutes=90)),
        ("in 2h", timedelta(hours=2)),
        ("in 30m", timedelta(minutes=30)),
        ("in 30 min", timedelta(minutes=30)),
        ("in 1 day", timedelta(days=1)),
        ("in 3 days", timedelta(days=3)),
        ("in 2 weeks", timedelta(weeks=2)),
        ("in 1h30m", timedelta(hours=1, minutes=30)),
        ("in 1 hour and 15 minutes", timedelta(hours=1, minutes=15)),
        ("in an hour", timedelta(hours=1)),
        ("in 1d 2h", timedelta(days=1, hours=2)),
        ("2 hours ago", -timedelta(hours=2)),
        ("3 days ago", -timedelta(days=3)),
        ("30m ago", -timedelta(minutes=30)),
        ("+2h", timedelta(hours=2)),
        ("+ 45 mins", timedelta(minutes=45)),
        ("-1d", -timedelta(days=1)),
        ("  IN 2 Hours ", timedelta(hours=2)),
    ],
)
def test_relative_phrases_keep_the_precision_of_now(
    text: str, delta: timedelta, prefer_future: bool
) -> None:
    assert parse(text, prefer_future=prefer_future) == NOW + delta


@pytest.mark.parametrize("prefer_future", [True, False])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 17:00", berlin("2026-11-26", "17:00")),
        ("today 8:00", berlin("2026-11-26", "08:00")),
        ("tomorrow 9:00", berlin("2026-11-27")),
        ("tomorrow 9am", berlin("2026-11-27")),
        ("Tomorrow at 9 AM", berlin("2026-11-27")),
        ("9am tomorrow", berlin("2026-11-27")),
        ("tomorrow", berlin("2026-11-27")),
        ("tomorrow 9", berlin("2026-11-27")),
        ("yesterday 14:30", berlin("2026-11-25", "14:30")),
        ("yesterday", berlin("2026-11-25")),
        ("next mon 9:00", berlin("2026-11-30")),
        ("next thu", berlin("2026-12-03")),
        ("next fri 5pm", berlin("2026-11-27", "17:00")),
        ("last thu 9:00", berlin("2026-11-19")),
        ("next week", berlin("2026-11-30")),
        ("next week 10:30", berlin("2026-11-30", "10:30")),
        ("later today", berlin("2026-11-26", "13:15")),
        ("2026-11-27 14:00", berlin("2026-11-27", "14:00")),
        ("2026-11-27T14:00", berlin("2026-11-27", "14:00")),
        ("2026-11-27 14:00:30", berlin("2026-11-27", "14:00:30")),
        ("2026-11-27", berlin("2026-11-27")),
        ("2025-01-02 08:15", berlin("2025-01-02", "08:15")),
        ("2026-07-01 12:00", berlin("2026-07-01", "12:00")),  # summer time, UTC+2
        ("27.11.2026 14:00", berlin("2026-11-27", "14:00")),
        ("27.11.2026", berlin("2026-11-27")),
        ("1.2.2027 7:05", berlin("2027-02-01", "07:05")),
        ("27 nov 2026", berlin("2026-11-27")),
        ("27 November 2026 6pm", berlin("2026-11-27", "18:00")),
        ("nov 27, 2026", berlin("2026-11-27")),
        ("november 27 2025 2pm", berlin("2025-11-27", "14:00")),
    ],
)
def test_phrases_that_name_their_day(text: str, expected: datetime, prefer_future: bool) -> None:
    assert parse(text, prefer_future=prefer_future) == expected


@pytest.mark.parametrize(
    ("text", "future", "past"),
    [
        # Bare clock times: today, else tomorrow (future) or yesterday (past).
        ("17:00", berlin("2026-11-26", "17:00"), berlin("2026-11-25", "17:00")),
        ("5pm", berlin("2026-11-26", "17:00"), berlin("2026-11-25", "17:00")),
        ("5:30pm", berlin("2026-11-26", "17:30"), berlin("2026-11-25", "17:30")),
        ("5:30 p.m.", berlin("2026-11-26", "17:30"), berlin("2026-11-25", "17:30")),
        ("9am", berlin("2026-11-27"), berlin("2026-11-26")),
        ("09:00", berlin("2026-11-27"), berlin("2026-11-26")),
        ("noon", berlin("2026-11-26", "12:00"), berlin("2026-11-25", "12:00")),
        ("midnight", berlin("2026-11-27", "00:00"), berlin("2026-11-26", "00:00")),
        ("12am", berlin("2026-11-27", "00:00"), berlin("2026-11-26", "00:00")),
        ("12pm", berlin("2026-11-26", "12:00"), berlin("2026-11-25", "12:00")),
        ("12:30am", berlin("2026-11-27", "00:30"), berlin("2026-11-26", "00:30")),
        ("1am", berlin("2026-11-27", "01:00"), berlin("2026-11-26", "01:00")),
        # Weekdays; NOW is a Thursday at 10:00.
        ("thu 5pm", berlin("2026-11-26", "17:00"), berlin("2026-11-19", "17:00")),
        ("thursday 17:00", berlin("2026-11-26", "17:00"), berlin("2026-11-19", "17:00")),
        ("5pm thu", berlin("2026-11-26", "17:00"), berlin("2026-11-19", "17:00")),
        ("thu 9am", berlin("2026-12-03"), berlin("2026-11-26")),
        ("thu", berlin("2026-12-03"), berlin("2026-11-26")),
        ("fri", berlin("2026-11-27"), berlin("2026-11-20")),
        ("Fri 8:00", berlin("2026-11-27", "08:00"), berlin("2026-11-20", "08:00")),
        ("wed 17:00", berlin("2026-12-02", "17:00"), berlin("2026-11-25", "17:00")),
        ("mon 9", berlin("2026-11-30"), berlin("2026-11-23")),
        ("monday", berlin("2026-11-30"), berlin("2026-11-23")),
        ("sun 18:00", berlin("2026-11-29", "18:00"), berlin("2026-11-22", "18:00")),
        ("this sat", berlin("2026-11-28"), berlin("2026-11-21")),
        # Dates without a year: this year, else next year (future) or last year (past).
        ("27 nov 14:00", berlin("2026-11-27", "14:00"), berlin("2025-11-27", "14:00")),
        ("nov 27 2pm", berlin("2026-11-27", "14:00"), berlin("2025-11-27", "14:00")),
        ("1st dec", berlin("2026-12-01"), berlin("2025-12-01")),
        ("25 nov", berlin("2027-11-25"), berlin("2026-11-25")),
        ("jan 5", berlin("2027-01-05"), berlin("2026-01-05")),
        ("27.11.", berlin("2026-11-27"), berlin("2025-11-27")),
    ],
)
def test_prefer_future_picks_the_side_of_now(text: str, future: datetime, past: datetime) -> None:
    assert parse(text, prefer_future=True) == future
    assert parse(text, prefer_future=False) == past


def test_a_time_equal_to_now_is_not_in_the_past() -> None:
    now = datetime(2026, 11, 26, 17, 0, tzinfo=BERLIN)
    assert parse("thu 5pm", now) == now
    assert parse("17:00", now) == now
    assert parse("17:00", now, prefer_future=False) == now


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27T14:00:00+01:00", datetime(2026, 11, 27, 13, 0, tzinfo=UTC)),
        ("2026-11-27T14:00:00Z", datetime(2026, 11, 27, 14, 0, tzinfo=UTC)),
        ("2026-11-27T14:00Z", datetime(2026, 11, 27, 14, 0, tzinfo=UTC)),
        ("2026-11-27 14:00 -05:00", datetime(2026, 11, 27, 19, 0, tzinfo=UTC)),
        ("2026-11-27T14:00:00+0530", datetime(2026, 11, 27, 8, 30, tzinfo=UTC)),
        ("2026-11-27T14:00:00.250+00:00", datetime(2026, 11, 27, 14, 0, 0, 250_000, tzinfo=UTC)),
    ],
)
def test_an_explicit_offset_wins_over_the_zone(text: str, expected: datetime) -> None:
    assert parse(text) == expected


def test_now_may_be_given_in_any_zone() -> None:
    in_tokyo = NOW.astimezone(ZoneInfo("Asia/Tokyo"))
    assert parse("tomorrow 9:00", in_tokyo) == berlin("2026-11-27")
    assert parse("in 2h", in_tokyo) == NOW + timedelta(hours=2)
    # 23:30 UTC on the 26th is already the 27th in Berlin.
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert parse("today 17:00", late) == berlin("2026-11-27", "17:00")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN), berlin("2026-11-26", "13:00")),
        (datetime(2026, 11, 26, 10, 0, 1, tzinfo=BERLIN), berlin("2026-11-26", "13:15")),
        (datetime(2026, 11, 26, 10, 14, 59, tzinfo=BERLIN), berlin("2026-11-26", "13:15")),
        (datetime(2026, 11, 26, 10, 15, tzinfo=BERLIN), berlin("2026-11-26", "13:15")),
        (datetime(2026, 11, 26, 10, 46, tzinfo=BERLIN), berlin("2026-11-26", "14:00")),
    ],
)
def test_later_today_rounds_up_to_a_quarter_hour(now: datetime, expected: datetime) -> None:
    assert parse("later today", now) == expected


def test_results_of_absolute_phrases_have_no_seconds() -> None:
    for text in ("tomorrow 9:00", "thu 5pm", "17:00", "2026-11-27", "next week", "later today"):
        result = parse(text)
        assert (result.second, result.microsecond) == (0, 0), text


# 2026-03-29: Berlin moves from 02:00 CET to 03:00 CEST; 02:00-03:00 does not exist.
SPRING_NIGHT = datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)


@pytest.mark.parametrize("text", ["02:30", "today 2:30", "2026-03-29 02:30", "sun 2:30am"])
def test_a_time_in_the_spring_forward_gap_gives_a_valid_instant(text: str) -> None:
    result = parse(text, SPRING_NIGHT)
    # Read with the offset before the change (UTC+1): the clock then shows 03:30 CEST.
    assert result == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local = result.astimezone(BERLIN)
    assert (local.hour, local.minute, local.utcoffset()) == (3, 30, timedelta(hours=2))
    assert local.astimezone(UTC) == result


def test_wall_clock_times_around_the_spring_change() -> None:
    saturday = datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)
    assert parse("tomorrow 10:00", saturday) == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    # Days keep the wall-clock time (23 hours later); hours are elapsed time.
    assert parse("in 1 day", saturday) == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert parse("in 24 hours", saturday) == datetime(2026, 3, 29, 9, 0, tzinfo=UTC)
    assert parse("in 2 hours", SPRING_NIGHT) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_a_repeated_fall_back_time_means_its_first_pass() -> None:
    # 2026-10-25: Berlin goes back from 03:00 CEST to 02:00 CET; 02:00-03:00 happens twice.
    night = datetime(2026, 10, 25, 0, 30, tzinfo=BERLIN)
    assert parse("02:30", night) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second_pass = datetime(2026, 10, 25, 2, 10, tzinfo=BERLIN, fold=1)
    assert parse("now", second_pass) == datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
    assert parse("in 30 min", second_pass) == datetime(2026, 10, 25, 1, 40, tzinfo=UTC)


def test_a_year_without_the_date_is_skipped() -> None:
    now = datetime(2027, 3, 1, 12, 0, tzinfo=BERLIN)
    assert parse("29 feb", now) == berlin("2028-02-29")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("blah", "Try 'in 2 hours'"),
        ("", "Try 'in 2 hours'"),
        ("   ", "Try 'in 2 hours'"),
        ("in x hours", "Try 'in 2 hours'"),
        ("in 2 fortnights", "Try 'in 2 hours'"),
        ("in hours", "Try 'in 2 hours'"),
        ("2 hours", "Try 'in 2 hours'"),
        ("17", "Try 'in 2 hours'"),
        ("nov", "Try 'in 2 hours'"),
        ("funday 9:00", "Try 'in 2 hours'"),
        ("2026-11-27T14:00+25:00", "hours go from 0 to 23"),
        ("25:00", "hours go from 0 to 23"),
        ("24:00", "hours go from 0 to 23"),
        ("13pm", "hours go from 0 to 23"),
        ("0am", "hours go from 0 to 23"),
        ("12:60", "minutes from 0 to 59"),
        ("tomorrow 9:75", "minutes from 0 to 59"),
        ("thu 25", "hours go from 0 to 23"),
        ("31.02.2026", "no day"),
        ("2026-13-01", "no day"),
        ("nov 31", "no day"),
        ("in 999999999 weeks", "too far"),
        ("9999-12-31 23:00 -12:00", "too far"),
    ],
)
def test_nonsense_is_refused_with_a_helpful_message(text: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(says)) as caught:
        parse_when(text, NOW, BERLIN)
    assert f"'{text.strip()}'" in caught.value.message


def test_a_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_when("now", datetime(2026, 11, 26, 10, 0), BERLIN)


ZONES = [BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe"), UTC]
FIXED_OFFSETS = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]


@settings(database=None, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from(FIXED_OFFSETS),
    ),
    n=st.integers(min_value=1, max_value=10_000),
    zone=st.sampled_from(ZONES),
)
def test_in_n_minutes_is_now_plus_n_minutes(now: datetime, n: int, zone: tzinfo) -> None:
    result = parse_when(f"in {n} minutes", now, zone)
    assert result == now + timedelta(minutes=n)
    assert result.tzinfo is UTC


@settings(database=None, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from(ZONES),
    ),
    n=st.integers(min_value=1, max_value=10_000),
    zone=st.sampled_from(ZONES),
)
def test_in_n_minutes_is_elapsed_time_across_dst(now: datetime, n: int, zone: tzinfo) -> None:
    # Python's aware arithmetic on a ZoneInfo datetime is wall-clock arithmetic, so the
    # expectation is built on the UTC instant: "in 90 minutes" is 90 minutes of real time.
    result = parse_when(f"in {n} minutes", now, zone)
    assert result == now.astimezone(UTC) + timedelta(minutes=n)
    assert result.tzinfo is UTC


# -- with the business calendar: a day named alone means its working morning --------------------

FRIDAY = datetime(2026, 11, 27, 15, 30, tzinfo=BERLIN)


def _office(start: str = "09:00", days_off: tuple[date, ...] = ()) -> BusinessCalendar:
    return BusinessCalendar(BERLIN, WorkingHours.office(start), days_off)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", berlin("2026-11-30", "08:30")),  # Friday: the next working morning
        ("next week", berlin("2026-11-30", "08:30")),
        ("sat", berlin("2026-11-30", "08:30")),
        ("fri", berlin("2026-12-04", "08:30")),  # today's opening has passed: next Friday
        ("2026-12-01", berlin("2026-12-01", "08:30")),
        ("tomorrow 7am", berlin("2026-11-28", "07:00")),  # a clock time is taken as typed
        ("in 2 days", berlin("2026-11-29", "15:30")),
    ],
)
def test_with_a_calendar_a_day_alone_means_its_first_working_moment(text, expected) -> None:
    assert parse_when(text, FRIDAY, BERLIN, calendar=_office("08:30")) == expected


def test_a_holiday_moves_tomorrow_to_the_next_working_day() -> None:
    thursday = datetime(2026, 11, 26, 12, tzinfo=BERLIN)
    calendar = _office(days_off=(date(2026, 11, 27),))
    assert parse_when("tomorrow", thursday, BERLIN, calendar=calendar) == berlin("2026-11-30")


def test_times_in_the_past_ignore_the_calendar() -> None:
    assert parse_when("yesterday", FRIDAY, BERLIN, prefer_future=False,
                      calendar=_office("08:30")) == berlin("2026-11-26")
