# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turning values into text for the window, in the user's locale through Babel: date-times,
durations ("2h 10m", "in 3 hours"), numbers, percentages, week starts; and external text made
safe to show. Nothing here builds English by hand: every pattern comes from the locale's data."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_datetime,
    format_skeleton,
    format_time,
    format_timedelta,
    get_day_names,
)
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from desktop.core.i18n import _
from desktop.core.text import one_line, visible

_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
# Bidi overrides and other invisible controls in external text would reorder or hide what the
# user reads; show them as visible replacement marks instead.
_UNITS = ("duration-day", "duration-hour", "duration-minute")


def safe_locale(name: str) -> Locale:
    """A Babel locale for ``name`` (``de``, ``de_DE``, ``de-DE``), English when unknown or empty.

    The pseudo-locale ``en_XA`` is unknown to Babel, so it formats as English.
    """
    try:
        return Locale.parse(name.replace("-", "_")) if name else Locale("en")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


class Formatter:
    """Formats values for one locale and the user's zone.

    ``zone`` may be replaced when the user picks another time zone; the locale is fixed for
    the run (a new language applies at the next start).
    """

    def __init__(self, locale: Locale, zone: tzinfo) -> None:
        self.locale = locale
        self.zone = zone
        self._length = unit_length(locale)

    # -- dates and times -------------------------------------------------------------------------

    def moment(self, value: datetime, now: datetime) -> str:
        """A reply-by for the list: ``Thu, Nov 26, 5:00 PM``, ``Do., 26. Nov., 17:00``.

        The year is shown only when it is not this year.
        """
        local = value.astimezone(self.zone)
        skeleton = "MMMEd" if local.year == now.astimezone(self.zone).year else "yMMMEd"
        return self._date_time(format_skeleton(skeleton, local, tzinfo=self.zone,
                                               locale=self.locale), self.clock(value))

    def full(self, value: datetime) -> str:
        """A date-time with its zone for the detail pane: ``Thursday, November 26, 2026, ...``."""
        local = value.astimezone(self.zone)
        clock = "{time} {zone}".format(time=self.clock(value), zone=format_datetime(
            local, "zzz", tzinfo=self.zone, locale=self.locale))
        return self._date_time(format_date(local.date(), "full", locale=self.locale), clock)

    def day(self, value: date | datetime) -> str:
        """A date without time: ``Nov 26, 2026``, ``26.11.2026``."""
        if isinstance(value, datetime):
            value = value.astimezone(self.zone).date()
        return format_date(value, "medium", locale=self.locale)

    def clock(self, value: datetime) -> str:
        """The time of day in the user's zone: ``5:00 PM``, ``17:00``."""
        return format_time(value, "short", tzinfo=self.zone, locale=self.locale)

    def _date_time(self, day: str, clock: str) -> str:
        pattern = str(self.locale.datetime_formats["short"]).replace("'", "")
        return pattern.replace("{1}", day).replace("{0}", clock)

    # -- weeks -----------------------------------------------------------------------------------

    @property
    def first_weekday(self) -> int:
        """The day a week starts on (0 is Monday, 6 Sunday): Sunday for en_US, Monday for de."""
        return int(self.locale.first_week_day)

    def week_start(self, value: date) -> date:
        """The first day of the week that holds ``value``, by the locale's week."""
        return value - timedelta(days=(value.weekday() - self.first_weekday) % 7)

    def weekdays(self, width: DayWidth = "wide") -> list[tuple[int, str]]:
        """``(weekday, name)`` in the locale's week order, starting with its first day."""
        names = get_day_names(width, locale=self.locale)
        return [((self.first_weekday + i) % 7, names[(self.first_weekday + i) % 7])
                for i in range(7)]

    # -- durations -------------------------------------------------------------------------------

    def duration(self, delta: timedelta, day: timedelta | None = None) -> str:
        """``2h 10m``, ``45m``; with ``day`` (a working day's length) and at least one day:
        ``3d 2h``, in the locale's unit forms (``2 Std., 10 Min.`` in German)."""
        minutes = max(int(delta.total_seconds() // 60), 0)
        day_minutes = int(day.total_seconds() // 60) if day else 0
        parts: list[tuple[int, str]] = []
        if day_minutes and minutes >= day_minutes:
            days, rest = divmod(minutes, day_minutes)
            parts = [(days, "duration-day"), (rest // 60, "duration-hour")]
        else:
            hours, mins = divmod(minutes, 60)
            parts = [(hours, "duration-hour"), (mins, "duration-minute")]
        shown = [(n, u) for n, u in parts if n] or [parts[-1]]
        return self._unit_list([format_unit(n, u, length=self._length, locale=self.locale)
                                for n, u in shown])

    def _unit_list(self, parts: list[str]) -> str:
        """``parts`` joined as the locale lists units. Babel's data for some locales (bg, dsb)
        has only part of a list pattern and raises ``KeyError``; the next style takes over."""
        first: ListStyle = ("unit-short" if self._length == "short"
                            else "unit-narrow" if self._length == "narrow" else "unit")
        styles: tuple[ListStyle, ...] = (first, "unit", "standard")
        for style in styles:
            try:
                return format_list(parts, style=style, locale=self.locale)
            except KeyError:
                continue
        return ", ".join(parts)

    def time_left(self, left: timedelta, overdue_by: timedelta, day: timedelta) -> str:
        """``2h 10m left`` (business time, days of working length) or ``overdue 1h``."""
        if overdue_by > timedelta(0) or left <= timedelta(0):
            return _("overdue {time}").format(time=self.duration(_coarse(overdue_by),
                                                                  timedelta(days=1)))
        return _("{time} left").format(time=self.duration(left, day))

    def spoken(self, delta: timedelta) -> str:
        """``2 hours``, ``3 days``: a length in words, rounded to one unit (for screen
        readers, which read ``2h`` badly)."""
        return format_timedelta(abs(delta), format="long", locale=self.locale)

    def relative(self, delta: timedelta) -> str:
        """``in 3 hours``, ``20 minutes ago``: ``delta`` from now, rounded to one unit."""
        return format_timedelta(delta, add_direction=True, locale=self.locale)

    # -- numbers ---------------------------------------------------------------------------------

    def number(self, value: float) -> str:
        """``1,234.5`` or ``1.234,5``: a count or measure with the locale's separators."""
        return format_decimal(value, locale=self.locale)

    def percent(self, ratio: float) -> str:
        """``92%`` or ``92 %``: a share from 0 to 1 in whole percent."""
        return format_percent(ratio, locale=self.locale)


UnitLength = Literal["short", "long", "narrow"]
DayWidth = Literal["abbreviated", "narrow", "short", "wide"]
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short",
                    "unit-narrow"]


def unit_length(locale: Locale) -> UnitLength:
    """The narrowest unit length whose day, hour and minute forms read as one set.

    CLDR mixes styles within a length: German narrow is "2 T", "2h", "2 Min." (babel 2.19),
    which would show "2h, 10 Min.". A length is used only when the number stands against the
    unit the same way (glued or spaced) in all three forms and none is missing; long forms
    always qualify.
    """
    lengths: tuple[UnitLength, ...] = ("narrow", "short")
    for length in lengths:
        forms = [format_unit(2, unit, length=length, locale=locale) for unit in _UNITS]
        if any("duration-" in form for form in forms):  # no pattern: Babel prints the unit id
            continue
        glued = {not form.removeprefix("2")[:1].isspace() for form in forms}
        if all(form.startswith("2") for form in forms) and len(glued) == 1:
            return length
    return "long"


def duration_text(delta: timedelta, day: timedelta | None = None) -> str:
    """English :meth:`Formatter.duration`, for callers without a formatter; prefer the method."""
    return _ENGLISH.duration(delta, day)


def time_left_text(left: timedelta, overdue_by: timedelta, day: timedelta) -> str:
    """English :meth:`Formatter.time_left`, for callers without a formatter; prefer the method."""
    return _ENGLISH.time_left(left, overdue_by, day)


def _coarse(delta: timedelta) -> timedelta:
    """Round to the largest useful unit: minutes under an hour, hours under a day, else days."""
    if delta >= timedelta(days=1):
        return timedelta(days=delta // timedelta(days=1))
    if delta >= timedelta(hours=1):
        return timedelta(hours=delta // timedelta(hours=1))
    return delta


def plain(text: str) -> str:
    """External text for a single-line cell: controls made visible, one line, never markup."""
    return one_line(text)


TOOLTIP_CHARS = 500


def plain_tooltip(text: str) -> str:
    """External text for a tooltip: shown literally, at most :data:`TOOLTIP_CHARS` long.

    Qt guesses whether a tooltip is rich text (``Qt::mightBeRichText``), so a subject such as
    ``<b>hi</b>`` or ``<img src=…>`` would be rendered as markup. Escaped and wrapped in
    ``<qt>``, it is always read as rich text whose text is exactly the message's.
    """
    shown = plain(text)
    if len(shown) > TOOLTIP_CHARS:
        shown = shown[:TOOLTIP_CHARS] + "\u2026"
    return f"<qt>{html.escape(shown)}</qt>"


def plain_html(text: str) -> str:
    """External text as HTML that shows it literally, with web links made clickable.

    Everything is escaped first, so markup in a message is shown as text; only ``http(s)``
    links become anchors.
    """
    cleaned = visible(text)
    out: list[str] = []
    last = 0
    for match in _URL.finditer(cleaned):
        out.append(html.escape(cleaned[last:match.start()]))
        url = html.escape(match.group(0), quote=True)
        out.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    out.append(html.escape(cleaned[last:]))
    return "".join(out).replace("\n", "<br>")


_ENGLISH = Formatter(Locale("en"), UTC)
