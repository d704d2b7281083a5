# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.working_hours``: ranges, schedules and their text form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.working_hours import (
    MINUTES_PER_DAY,
    TimeRange,
    WorkingHours,
    format_working_hours,
    parse_working_hours,
)

NINE_TO_FIVE = TimeRange(9 * 60, 17 * 60)


def week(*days: tuple[TimeRange, ...]) -> WorkingHours:
    """A schedule from the given weekdays (Monday first), the rest without work."""
    return WorkingHours(tuple(days) + ((),) * (7 - len(days)))


# -- TimeRange -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "minutes", "text"),
    [
        (540, 1020, 480, "09:00-17:00"),
        (0, 1440, 1440, "00:00-24:00"),
        (600, 1440, 840, "10:00-24:00"),
        (1320, 1800, 480, "22:00-06:00"),  # crosses midnight
        (540, 1980, 1440, "09:00-09:00"),  # a whole day from 09:00
        (1439, 1440, 1, "23:59-24:00"),
        (0, 1, 1, "00:00-00:01"),
    ],
)
def test_time_range_length_and_text(start, end, minutes, text):
    r = TimeRange(start, end)
    assert r.minutes == minutes
    assert str(r) == text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (600, 600, "must end after it starts"),
        (600, 500, "must end after it starts"),
        (-1, 60, "must end after it starts"),
        (1440, 1500, "must end after it starts"),
        (60, 60 + 1441, "longer than a day"),
    ],
)
def test_time_range_rejects_impossible_ranges(start, end, message):
    with pytest.raises(InvalidInput, match=message):
        TimeRange(start, end)


def test_time_ranges_sort_by_start_then_end():
    ranges = [TimeRange(780, 1020), TimeRange(540, 720), TimeRange(540, 600)]
    assert sorted(ranges) == [TimeRange(540, 600), TimeRange(540, 720), TimeRange(780, 1020)]


# -- WorkingHours ----------------------------------------------------------------------------


def test_office_is_monday_to_friday_nine_to_five():
    hours = WorkingHours.office()
    assert hours.days == ((NINE_TO_FIVE,),) * 5 + ((), ())
    assert [hours.minutes_on(d) for d in range(7)] == [480] * 5 + [0, 0]
    assert hours.day_minutes == 480
    assert not hours.is_empty


def test_office_with_other_times():
    hours = WorkingHours.office("08:30", "12:00")
    assert hours.days[0] == (TimeRange(510, 720),)
    assert hours.day_minutes == 210


@pytest.mark.parametrize("count", [0, 6, 8])
def test_working_hours_need_seven_days(count):
    with pytest.raises(InvalidInput, match="seven weekdays"):
        WorkingHours(((),) * count)


def test_minutes_on_counts_overlapping_ranges_once():
    hours = week((TimeRange(540, 720), TimeRange(660, 780), TimeRange(900, 960)))
    assert hours.minutes_on(0) == 240 + 60
    assert hours.minutes_on(1) == 0


def test_minutes_on_counts_a_night_range_on_the_day_it_starts():
    hours = week((), (TimeRange(1320, 1800),))
    assert hours.minutes_on(1) == 480
    assert hours.minutes_on(2) == 0


@pytest.mark.parametrize(
    ("text", "day_minutes"),
    [
        ("mon-thu 09:00-17:00; fri 09:00-13:00", 480),  # most common wins
        ("mon 09:00-17:00; tue-fri 09:00-13:00", 240),  # most common wins, though shorter
        ("mon-tue 09:00-17:00; wed-thu 09:00-13:00", 480),  # tie: the longer
        ("mon-tue 09:00-13:00; wed-thu 09:00-17:00; fri 09:00-10:00", 480),
        ("sat 10:00-12:00", 120),
        ("mon-fri 22:00-06:00", 480),
        ("mon 09:00-12:00,13:00-17:00", 420),
        ("none", 0),
    ],
)
def test_day_minutes_is_the_most_common_daily_length(text, day_minutes):
    assert parse_working_hours(text).day_minutes == day_minutes


def test_is_empty_only_without_any_range():
    assert parse_working_hours("none").is_empty
    assert not parse_working_hours("sun 00:00-00:15").is_empty


# -- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri 09:00-17:00", ((NINE_TO_FIVE,),) * 5 + ((), ())),
        ("  Mon-FRI 9:00-17:00  ", ((NINE_TO_FIVE,),) * 5 + ((), ())),
        ("mon 09:00 - 17:00", ((NINE_TO_FIVE,),) + ((),) * 6),
        ("sun 09:00-17:00", ((),) * 6 + ((NINE_TO_FIVE,),)),
        ("fri-mon 09:00-17:00", ((NINE_TO_FIVE,),) + ((),) * 3 + ((NINE_TO_FIVE,),) * 3),
        ("mon,wed 09:00-17:00", ((NINE_TO_FIVE,), (), (NINE_TO_FIVE,)) + ((),) * 4),
        ("mon 13:00-17:00,09:00-12:00", ((TimeRange(540, 720), TimeRange(780, 1020)),) + ((),) * 6),
        ("mon 09:00-17:00; mon 09:00-17:00;", ((NINE_TO_FIVE,),) + ((),) * 6),
        ("tue 22:00-06:00", ((), (TimeRange(1320, 1800),)) + ((),) * 5),
        ("tue 00:00-24:00", ((), (TimeRange(0, 1440),)) + ((),) * 5),
        ("tue 00:00-00:00", ((), (TimeRange(0, 1440),)) + ((),) * 5),
        ("tue 10:00-00:00", ((), (TimeRange(600, 1440),)) + ((),) * 5),
        ("none", ((),) * 7),
        (" NONE ", ((),) * 7),
    ],
)
def test_parse_working_hours(text, days):
    assert parse_working_hours(text).days == days


def test_parse_gives_the_same_schedule_as_the_constructor():
    assert parse_working_hours("mon-fri 09:00-17:00") == WorkingHours.office()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "mon-fri 09:00-17:00"),
        ("   ", "mon-fri 09:00-17:00"),
        ("mon-fri", "mon 09:00-12:00,13:00-17:00"),
        ("monday 09:00-17:00", "Weekdays are written mon, tue"),
        ("mon-xyz 09:00-17:00", "Weekdays are written mon, tue"),
        ("mon 09:00", "A range is written as 09:00-17:00"),
        ("mon 9-17", "Times are written as HH:MM"),
        ("mon 25:00-26:00", "Times are written as HH:MM"),
        ("mon 09:60-17:00", "Times are written as HH:MM"),
        ("mon 09:00-24:01", "Times are written as HH:MM"),
        ("mon 24:00-02:00", "cannot start at 24:00"),
        ("mon 9h-17h", "Times are written as HH:MM"),
    ],
)
def test_parse_working_hours_rejects_bad_text_with_a_helpful_message(text, message):
    with pytest.raises(InvalidInput, match=message) as caught:
        parse_working_hours(text)
    assert caught.value.message == str(caught.value)


# -- formatting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("mon-fri 09:00-17:00", "mon-fri 09:00-17:00"),
        ("mon 09:00-12:00,13:00-17:00", "mon 09:00-12:00,13:00-17:00"),
        ("mon,tue,wed,thu,fri 9:00-17:00", "mon-fri 09:00-17:00"),
        ("mon-thu 09:00-17:00; fri 09:00-13:00", "mon-thu 09:00-17:00; fri 09:00-13:00"),
        ("mon 09:00-17:00; wed 09:00-17:00", "mon 09:00-17:00; wed 09:00-17:00"),
        ("fri-mon 10:00-11:00", "mon 10:00-11:00; fri-sun 10:00-11:00"),
        ("mon-sun 22:00-06:00", "mon-sun 22:00-06:00"),
        ("sat 00:00-00:00", "sat 00:00-24:00"),
        ("sat 10:00-00:00", "sat 10:00-24:00"),
        ("none", "none"),
    ],
)
def test_format_working_hours_canonical_form(text, canonical):
    hours = parse_working_hours(text)
    assert format_working_hours(hours) == canonical
    assert str(hours) == canonical
    assert parse_working_hours(canonical) == hours


ranges = st.builds(
    lambda start, length: TimeRange(start, start + length),
    st.integers(0, MINUTES_PER_DAY - 1),
    st.integers(1, MINUTES_PER_DAY),
)
schedules = st.lists(
    st.lists(ranges, max_size=3).map(lambda rs: tuple(sorted(set(rs)))), min_size=7, max_size=7
).map(lambda days: WorkingHours(tuple(days)))


@settings(max_examples=300, deadline=None)
@given(schedules)
def test_text_form_round_trips(hours):
    text = format_working_hours(hours)
    assert parse_working_hours(text) == hours
    assert format_working_hours(parse_working_hours(text)) == text
