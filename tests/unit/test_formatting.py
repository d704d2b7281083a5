# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Formatter follows the chosen locale through Babel: dates, times, durations, "in 3 hours",
numbers, percentages and the first day of the week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale, localedata
from babel.units import format_unit
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.catalogue_tools import compiled, speaking

from desktop.ui.common.formatting import Formatter, duration_text, safe_locale

BERLIN = ZoneInfo("Europe/Berlin")
THURSDAY = datetime(2026, 11, 26, 16, 5, tzinfo=UTC)  # 17:05 in Berlin
DAY = timedelta(hours=8)  # a working day


def fmt(locale: str) -> Formatter:
    return Formatter(safe_locale(locale), BERLIN)


@pytest.mark.parametrize(("locale", "moment", "full"), [
    ("en_US", "Thu, Nov 26, 5:05\u202fPM", "Thursday, November 26, 2026, 5:05\u202fPM +0100"),
    ("en_GB", "Thu 26 Nov, 17:05", "Thursday, 26 November 2026, 17:05 CET"),
    ("de", "Do., 26. Nov., 17:05", "Donnerstag, 26. November 2026, 17:05 MEZ"),
])
def test_dates_and_times_follow_the_locale(locale: str, moment: str, full: str) -> None:
    assert fmt(locale).moment(THURSDAY, THURSDAY) == moment
    assert fmt(locale).full(THURSDAY) == full


def test_a_moment_in_another_year_shows_the_year() -> None:
    assert fmt("de").moment(THURSDAY, THURSDAY.replace(year=2025)) == "Do., 26. Nov. 2026, 17:05"
    assert fmt("en_GB").moment(THURSDAY, THURSDAY.replace(year=2027)) == (
        "Thu, 26 Nov 2026, 17:05")


def test_days_and_clock_times() -> None:
    assert fmt("de").day(date(2026, 11, 26)) == "26.11.2026"
    assert fmt("en_US").day(THURSDAY) == "Nov 26, 2026"
    assert fmt("de").clock(THURSDAY) == "17:05"
    assert fmt("en_US").clock(THURSDAY) == "5:05\u202fPM"


@pytest.mark.parametrize(("locale", "short", "long_", "days"), [
    ("en", "45m", "2h 10m", "3d 2h"),
    ("de", "45 Min.", "2 Std., 10 Min.", "3 Tg., 2 Std."),
])
def test_durations_use_the_locale_units(locale: str, short: str, long_: str, days: str) -> None:
    formatter = fmt(locale)
    assert formatter.duration(timedelta(minutes=45)) == short
    assert formatter.duration(timedelta(hours=2, minutes=10)) == long_
    assert formatter.duration(timedelta(hours=26), DAY) == days


_LOCALES = sorted(localedata.locale_identifiers())


@settings(max_examples=200)
@given(name=st.sampled_from(_LOCALES),
       minutes=st.integers(min_value=61, max_value=60 * 24 * 30).filter(lambda m: m % 60))
def test_no_locale_mixes_unit_lengths_in_one_duration(name: str, minutes: int) -> None:
    # "2h, 10 Min." (German narrow in CLDR 47): each part must stand against its number alike
    formatter = Formatter(Locale.parse(name), BERLIN)
    for delta, day in ((timedelta(minutes=minutes), None), (timedelta(minutes=minutes), DAY)):
        forms = [format_unit(2, unit, length=formatter._length, locale=formatter.locale)
                 for unit in ("duration-day", "duration-hour", "duration-minute")]
        if formatter._length != "long":  # whole words ("2 hours") never read as a mix
            assert len({form.removeprefix("2")[:1].isspace() for form in forms}) == 1, forms
        assert "duration-" not in formatter.duration(delta, day)


def test_whole_units_drop_the_zero_part() -> None:
    assert fmt("en").duration(timedelta(hours=3)) == "3h"
    assert fmt("en").duration(timedelta(hours=16), DAY) == "2d"
    assert fmt("en").duration(timedelta(seconds=20)) == "0m"
    assert fmt("en").duration(timedelta(minutes=-5)) == "0m"


def test_time_left_and_overdue_in_english_and_german(tmp_path: Path) -> None:
    english = fmt("en")
    assert english.time_left(timedelta(hours=2, minutes=10), timedelta(0), DAY) == "2h 10m left"
    assert english.time_left(timedelta(0), timedelta(hours=5, minutes=59), DAY) == "overdue 5h"
    assert english.time_left(timedelta(0), timedelta(days=2, hours=3), DAY) == "overdue 2d"
    with speaking(compiled(tmp_path, "de")):
        german = fmt("de")
        assert german.time_left(timedelta(minutes=30), timedelta(0), DAY) == "noch 30 Min."
        assert german.time_left(timedelta(0), timedelta(hours=1), DAY) == (
            "seit 1 Std. überfällig")


@pytest.mark.parametrize(("locale", "ahead", "behind"), [
    ("en", "in 3 hours", "20 minutes ago"),
    ("de", "in 3 Stunden", "vor 20 Minuten"),
])
def test_relative_times(locale: str, ahead: str, behind: str) -> None:
    assert fmt(locale).relative(timedelta(hours=2, minutes=50)) == ahead
    assert fmt(locale).relative(timedelta(minutes=-20)) == behind


def test_numbers_and_percentages() -> None:
    assert fmt("en").number(1234.5) == "1,234.5"
    assert fmt("de").number(1234.5) == "1.234,5"
    assert fmt("en").percent(0.92) == "92%"
    assert fmt("de").percent(0.92) == "92\xa0%"


def test_weeks_start_on_sunday_in_the_us_and_on_monday_in_germany() -> None:
    thursday = date(2026, 11, 26)
    assert fmt("en_US").first_weekday == 6
    assert fmt("en_US").week_start(thursday) == date(2026, 11, 22)
    assert fmt("de").first_weekday == 0
    assert fmt("de").week_start(thursday) == date(2026, 11, 23)
    assert [name for _day, name in fmt("en_US").weekdays("abbreviated")][:2] == ["Sun", "Mon"]
    assert [day for day, _name in fmt("de").weekdays()] == list(range(7))


@given(st.dates(), st.sampled_from(["en_US", "de", "ar_EG", "en_GB"]))
def test_a_week_start_is_the_locale_first_day_within_the_past_week(day: date,
                                                                   locale: str) -> None:
    formatter = fmt(locale)
    try:
        start = formatter.week_start(day)
    except OverflowError:  # the first week of year 1 starts before date.min
        return
    assert start.weekday() == formatter.first_weekday
    assert timedelta(0) <= day - start < timedelta(days=7)


def test_unknown_locales_and_the_pseudo_locale_format_as_english() -> None:
    assert str(safe_locale("en_XA")) == "en"
    assert str(safe_locale("xx_YY")) == "en"
    assert str(safe_locale("")) == "en"
    assert str(safe_locale("de-AT")) == "de_AT"


def test_the_english_helpers_without_a_formatter() -> None:
    assert duration_text(timedelta(hours=1, minutes=5)) == "1h 5m"
