# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.calendar.BusinessCalendar`` on hand-picked cases.

November 2026: Monday 23, Wednesday 25, Friday 27, Monday 30. Berlin changes to summer time on
Sunday 29 March 2026 (02:00 → 03:00) and back on Sunday 25 October 2026 (03:00 → 02:00).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from desktop.core.calendar import _CHUNK, _VECTOR_MIN, BusinessCalendar
from desktop.core.errors import NoBusinessTime
from desktop.core.working_hours import WorkingHours, parse_working_hours

BERLIN = ZoneInfo("Europe/Berlin")
SYDNEY = ZoneInfo("Australia/Sydney")
H = timedelta(hours=1)


def berlin(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def calendar(text: str = "mon-fri 09:00-17:00", zone=BERLIN, **kwargs) -> BusinessCalendar:
    return BusinessCalendar(zone, parse_working_hours(text), **kwargs)


OFFICE = calendar()


# -- the closing-time rule -------------------------------------------------------------------


def test_a_deadline_on_closing_time_stays_at_closing_time():
    assert OFFICE.add(berlin(23, 9), 8 * H) == berlin(23, 17)


def test_one_second_past_closing_time_moves_to_the_next_opening():
    assert OFFICE.add(berlin(23, 9), 8 * H + timedelta(seconds=1)) == berlin(24, 9, 0, 1)


def test_closing_time_rule_on_a_friday_does_not_jump_over_the_weekend():
    assert OFFICE.add(berlin(27, 16), H) == berlin(27, 17)
    assert OFFICE.add(berlin(27, 16), H + timedelta(seconds=1)) == berlin(30, 9, 0, 1)


def test_closing_time_rule_before_a_lunch_break():
    lunch = calendar("mon-fri 09:00-12:00,13:00-17:00")
    assert lunch.add(berlin(23, 9), 3 * H) == berlin(23, 12)
    assert lunch.add(berlin(23, 9), 3 * H + timedelta(seconds=1)) == berlin(23, 13, 0, 1)


def test_touching_ranges_are_one_stretch():
    split = calendar("mon 09:00-12:00,12:00-17:00")
    assert split.add(berlin(23, 9), 8 * H) == berlin(23, 17)
    assert split.between(berlin(23, 0), berlin(24, 0)) == 8 * H


# -- add ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (berlin(23, 10), 2 * H, berlin(23, 12)),
        (berlin(23, 7), 2 * H, berlin(23, 11)),  # before opening: counts from 09:00
        (berlin(23, 16), 2 * H, berlin(24, 10)),  # overnight
        (berlin(23, 17), 2 * H, berlin(24, 11)),  # at closing time
        (berlin(27, 16), 2 * H, berlin(30, 10)),  # over the weekend
        (berlin(28, 12), 2 * H, berlin(30, 11)),  # from Saturday
        (berlin(23, 9), 40 * H, berlin(27, 17)),  # a whole week
        (berlin(23, 9), 40 * H + timedelta(minutes=1), berlin(30, 9, 1)),
        (berlin(23, 10, 0, 30), timedelta(seconds=1.5), berlin(23, 10, 0, 31) + timedelta(0, 0.5)),
    ],
)
def test_add(start, duration, expected):
    assert OFFICE.add(start, duration) == expected


def test_add_returns_utc():
    assert OFFICE.add(berlin(23, 10), H).tzinfo is UTC


@pytest.mark.parametrize("moment", [berlin(23, 10), berlin(28, 3), berlin(23, 17)])
@pytest.mark.parametrize("duration", [timedelta(0), -H])
def test_add_of_nothing_or_less_is_the_start(moment, duration):
    assert OFFICE.add(moment, duration) == moment
    assert OFFICE.subtract(moment, duration) == moment
    assert OFFICE.add_many([moment], duration) == [moment]


def test_add_is_the_earliest_instant_at_which_the_time_has_passed():
    start = berlin(27, 16, 30)
    result = OFFICE.add(start, H)
    assert OFFICE.between(start, result) == H
    assert OFFICE.between(start, result - timedelta(microseconds=1)) < H
    assert result == berlin(30, 9, 30)


def test_add_many_gives_the_same_results_as_add():
    rng = random.Random(7)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    starts = [
        base + timedelta(seconds=rng.randrange(0, 400 * 86_400), microseconds=rng.randrange(10**6))
        for _ in range(300)
    ] + [berlin(23, 9), berlin(23, 17), berlin(28, 12)]
    cal = calendar("mon-thu 08:00-12:00,13:00-17:30; fri 22:00-06:00", holidays=_fixed_holidays)
    for duration in (timedelta(seconds=1), 90 * timedelta(minutes=1), 3 * 8 * H, 200 * H):
        assert cal.add_many(starts, duration) == [cal.add(s, duration) for s in starts]
    assert cal.add_many([], H) == []


def test_add_many_array_path_over_several_chunks_gives_the_same_results_as_add():
    """The array path takes its starts ``_CHUNK`` at a time; a call of more than two chunks,
    unsorted, in every kind of zone, over several years (so the timeline grows within the
    call) must still answer each start as ``add`` does, in UTC."""
    rng = random.Random(11)
    zones = [UTC, BERLIN, SYDNEY, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5,
             minutes=30))]
    base = datetime(2024, 1, 1, tzinfo=UTC)
    starts = [
        (base + timedelta(seconds=rng.randrange(0, 3 * 365 * 86_400),
                          microseconds=rng.choice((0, rng.randrange(10**6)))))
        .astimezone(rng.choice(zones))
        for _ in range(2 * _CHUNK + 123)
    ]
    # the repeated hour of a fall-back change, both passes
    starts[5:7] = [datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=f) for f in (0, 1)]
    assert len(starts) > 2 * _CHUNK > _VECTOR_MIN
    cal = calendar("mon-thu 08:00-12:00,13:00-17:30; fri 22:00-06:00", holidays=_fixed_holidays)
    for duration in (timedelta(seconds=1), 3 * 8 * H):
        got = cal.add_many(starts, duration)
        assert got == [cal.add(s, duration) for s in starts]
        assert all(end.tzinfo is UTC for end in got)


def _fixed_holidays(year: int) -> list[date]:
    return [date(year, 1, 1), date(year, 5, 1), date(year, 12, 25), date(year, 12, 26)]


# -- subtract and between ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "duration", "expected"),
    [
        (berlin(24, 12), 2 * H, berlin(24, 10)),
        (berlin(24, 10), 2 * H, berlin(23, 16)),
        (berlin(30, 10), H, berlin(30, 9)),  # latest: the opening after the weekend
        (berlin(30, 9), H, berlin(27, 16)),
        (berlin(30, 9), 8 * H, berlin(27, 9)),
        (berlin(28, 12), 8 * H, berlin(27, 9)),  # end on a Saturday
    ],
)
def test_subtract(end, duration, expected):
    assert OFFICE.subtract(end, duration) == expected
    assert OFFICE.between(expected, end) == duration


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (berlin(23, 9), berlin(23, 17), 8 * H),
        (berlin(23, 0), berlin(30, 0), 40 * H),
        (berlin(23, 16, 30), berlin(24, 9, 30), H),
        (berlin(28, 0), berlin(29, 23), timedelta(0)),  # a weekend
        (berlin(23, 12), berlin(23, 12), timedelta(0)),
        (berlin(24, 10), berlin(23, 16), -2 * H),  # backwards is negative
    ],
)
def test_between(start, end, expected):
    assert OFFICE.between(start, end) == expected
    assert OFFICE.between(end, start) == -expected


def test_between_and_add_agree():
    start = berlin(25, 11, 17, 3)
    for minutes in (1, 59, 60, 479, 480, 481, 5000):
        assert OFFICE.between(start, OFFICE.add(start, timedelta(minutes=minutes))) == timedelta(
            minutes=minutes
        )


# -- holidays, days off and working days -------------------------------------------------------


def test_holidays_come_from_a_callable_per_year():
    asked: list[int] = []

    def holidays(year: int) -> list[date]:
        asked.append(year)
        return [date(2026, 11, 30)] if year == 2026 else []

    cal = calendar(holidays=holidays)
    # Friday 16:00 + 2 h: Monday 30 is a holiday, so Tuesday 10:00.
    assert cal.add(berlin(27, 16), 2 * H) == berlin(1, 10, month=12)
    assert 2026 in asked
    assert not cal.is_working_day(date(2026, 11, 30))
    assert cal.is_working_day(date(2026, 12, 1))


def test_holiday_before_a_weekend():
    cal = calendar(holidays=lambda year: [date(2026, 11, 27)])
    assert cal.add(berlin(26, 16), 2 * H) == berlin(30, 10)
    assert cal.between(berlin(26, 0), berlin(1, 0, month=12)) == 16 * H


def test_days_off_close_the_whole_day():
    cal = calendar(days_off=[date(2026, 11, 24), date(2026, 11, 25)])
    assert cal.add(berlin(23, 16), 2 * H) == berlin(26, 10)
    assert cal.days_off == frozenset({date(2026, 11, 24), date(2026, 11, 25)})


def test_deadlines_cross_the_year_into_next_years_holidays():
    cal = calendar(holidays=_fixed_holidays)
    # Thursday 31 December 2026, 16:00 + 2 h: Friday 1 January 2027 is a holiday, so the
    # second hour falls on Monday 4 January.
    assert cal.add(datetime(2026, 12, 31, 16, tzinfo=BERLIN), 2 * H) == datetime(
        2027, 1, 4, 10, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [(date(2026, 11, 23), True), (date(2026, 11, 28), False), (date(2026, 12, 25), False)],
)
def test_is_working_day(day, working):
    assert calendar(holidays=_fixed_holidays).is_working_day(day) is working


# -- ranges that cross midnight --------------------------------------------------------------


NIGHTS = calendar("mon-fri 22:00-06:00")


def test_a_night_range_belongs_to_the_day_it_starts_on():
    assert NIGHTS.add(berlin(27, 22), 8 * H) == berlin(28, 6)  # Friday night into Saturday
    assert NIGHTS.between(berlin(28, 0), berlin(29, 23, 59)) == 6 * H
    assert NIGHTS.is_business_time(berlin(28, 5, 59))
    assert not NIGHTS.is_business_time(berlin(28, 22))
    assert NIGHTS.is_business_time(berlin(23, 23))


def test_a_holiday_after_a_night_range_does_not_cut_it():
    cal = calendar("mon-fri 22:00-06:00", holidays=lambda year: [date(2026, 11, 24)])
    assert cal.add(berlin(23, 22), 8 * H) == berlin(24, 6)  # Monday's night, Tuesday holiday
    assert not cal.is_business_time(berlin(24, 23))  # Tuesday's own night is off
    assert cal.add(berlin(24, 6), H) == berlin(25, 23)


def test_a_day_off_removes_the_night_that_starts_on_it():
    cal = calendar("mon-fri 22:00-06:00", days_off=[date(2026, 11, 24)])
    assert cal.is_business_time(berlin(24, 3))  # Monday's night
    assert not cal.is_business_time(berlin(24, 23))  # Tuesday's night
    assert not cal.is_business_time(berlin(25, 3))
    assert cal.add(berlin(24, 5), 2 * H) == berlin(25, 23)


def test_overlapping_night_and_morning_ranges_count_once():
    cal = calendar("mon 22:00-06:00; tue 00:00-08:00")
    assert cal.between(berlin(23, 0), berlin(25, 0)) == 10 * H
    assert cal.add(berlin(23, 22), 10 * H) == berlin(24, 8)


def test_a_whole_day_range():
    cal = calendar("sat 00:00-24:00")
    assert cal.between(berlin(27, 0), berlin(30, 0)) == 24 * H
    assert cal.add(berlin(28, 0), 24 * H) == berlin(29, 0)
    assert cal.add(berlin(28, 0), 24 * H + timedelta(seconds=1)) == berlin(5, 0, 0, 1, month=12)


# -- daylight-saving changes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "sunday", "hours"),
    [
        (BERLIN, date(2026, 3, 29), 23),  # spring forward
        (BERLIN, date(2026, 10, 25), 25),  # fall back: both passes of 02:00-03:00 count
        (SYDNEY, date(2026, 4, 5), 25),  # southern autumn
        (SYDNEY, date(2026, 10, 4), 23),  # southern spring
    ],
)
def test_a_whole_sunday_across_a_dst_change(zone, sunday, hours):
    cal = calendar("sun 00:00-24:00", zone=zone)
    midnight = datetime(sunday.year, sunday.month, sunday.day, tzinfo=zone)
    next_midnight = datetime.combine(sunday + timedelta(days=1), midnight.timetz())
    assert cal.between(midnight, next_midnight) == hours * H
    assert cal.add(midnight, hours * H) == next_midnight


@pytest.mark.parametrize(
    ("text", "sunday", "expected"),
    [
        ("sun 02:00-03:00", date(2026, 3, 29), timedelta(0)),  # the hour does not exist
        ("sun 02:30-03:30", date(2026, 3, 29), 30 * timedelta(minutes=1)),
        ("sun 01:00-04:00", date(2026, 3, 29), 2 * H),
        ("sun 02:00-03:00", date(2026, 10, 25), 2 * H),  # the hour happens twice
        ("sun 02:30-02:45", date(2026, 10, 25), 30 * timedelta(minutes=1)),
        ("sat 22:00-06:00", date(2026, 10, 25), 9 * H),  # a night that gets an extra hour
        ("sat 22:00-06:00", date(2026, 3, 29), 7 * H),
    ],
)
def test_working_hours_on_dst_days(text, sunday, expected):
    cal = calendar(text)
    start = datetime.combine(sunday - timedelta(days=1), datetime.min.time(), BERLIN)
    assert cal.between(start, start + 72 * H) == expected


def test_add_through_the_repeated_hour():
    cal = calendar("sun 01:00-04:00")
    one = datetime(2026, 10, 25, 1, tzinfo=BERLIN)
    # 01:00 CEST, then 02:00-03:00 CEST, then 02:00-03:00 CET again: 4 h of wall-clock ranges.
    # (Ambiguous wall times never compare equal across zones, so compare in UTC.)
    second_two = datetime(2026, 10, 25, 2, tzinfo=BERLIN, fold=1).astimezone(UTC)
    assert second_two == datetime(2026, 10, 25, 1, tzinfo=UTC)
    assert cal.add(one, 2 * H) == second_two
    assert cal.add(one, H) == datetime(2026, 10, 25, 0, tzinfo=UTC)
    assert cal.add(one, 4 * H) == datetime(2026, 10, 25, 4, tzinfo=BERLIN)
    assert cal.is_business_time(datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0))
    assert cal.is_business_time(datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1))


# -- next opening ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (berlin(23, 10), berlin(23, 10)),
        (berlin(23, 17), berlin(24, 9)),
        (berlin(23, 6), berlin(23, 9)),
        (berlin(28, 12), berlin(30, 9)),
    ],
)
def test_next_opening(moment, expected):
    assert OFFICE.next_opening(moment) == expected


def test_day_length_follows_the_working_hours():
    assert OFFICE.day_length == 8 * H
    assert calendar("mon-thu 08:00-18:00; fri 08:00-12:00").day_length == 10 * H


# -- no working time and far-away questions --------------------------------------------------


def test_without_working_hours_add_and_subtract_raise():
    empty = BusinessCalendar(BERLIN, WorkingHours(((),) * 7))
    with pytest.raises(NoBusinessTime):
        empty.add(berlin(23, 9), H)
    with pytest.raises(NoBusinessTime):
        empty.subtract(berlin(23, 9), H)
    assert empty.between(berlin(1, 0), berlin(30, 0)) == timedelta(0)
    assert not empty.is_business_time(berlin(23, 10))
    assert empty.day_length == timedelta(0)


def test_a_calendar_with_every_day_closed_raises():
    every_day = BusinessCalendar(
        BERLIN, WorkingHours.office(), holidays=lambda year: [
            date(year, 1, 1) + timedelta(days=d) for d in range(366)
        ]
    )
    with pytest.raises(NoBusinessTime):
        every_day.add(berlin(23, 9), H)


def test_far_future_and_far_past_questions():
    cal = calendar()
    assert cal.add(datetime(2026, 1, 5, 9, tzinfo=BERLIN), 8 * H * 2000) > datetime(
        2033, 1, 1, tzinfo=UTC
    )
    assert cal.add(datetime(2061, 3, 1, 9, tzinfo=BERLIN), 8 * H) == datetime(
        2061, 3, 1, 17, tzinfo=BERLIN
    )
    assert cal.add(datetime(1999, 3, 1, 9, tzinfo=BERLIN), 8 * H) == datetime(
        1999, 3, 1, 17, tzinfo=BERLIN
    )


@pytest.mark.parametrize("question", ["add", "subtract"])
def test_answers_do_not_depend_on_earlier_questions(question):
    """A long-lived calendar (the app keeps one per session) must answer like a fresh one.

    Bug: after one question spanning more than 30 years, an ``add``/``subtract`` that has to grow
    the timeline raises ``NoBusinessTime`` although there is working time every week.
    """
    moment = datetime(2035 if question == "add" else 2000, 6, 1, tzinfo=UTC)
    duration = 600 * 8 * H  # about two and a half years of working days
    expected = getattr(calendar(), question)(moment, duration)
    used = calendar()
    assert used.between(datetime(2000, 1, 1, tzinfo=UTC), datetime(2035, 1, 1, tzinfo=UTC)) > H
    assert getattr(used, question)(moment, duration) == expected
