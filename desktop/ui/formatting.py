# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turning times into text for the window: local date-times through Babel, time left, and
external text made safe to show."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, tzinfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime

from desktop.core.i18n import _

_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
# Bidi overrides and other invisible controls in external text would reorder or hide what the
# user reads; show them as visible replacement marks instead.
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]")


def safe_locale(name: str) -> Locale:
    """A Babel locale for ``name`` (``de``, ``de_DE``), English when unknown or empty."""
    try:
        return Locale.parse(name.replace("-", "_")) if name else Locale("en")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


class Formatter:
    """Formats times for one locale and the user's zone."""

    def __init__(self, locale: Locale, zone: tzinfo) -> None:
        self.locale = locale
        self.zone = zone

    def moment(self, value: datetime, now: datetime) -> str:
        """A reply-by for the list: ``Thu 26 Nov, 17:00`` (the year only if not this year)."""
        local = value.astimezone(self.zone)
        pattern = "EEE d MMM, HH:mm" if local.year == now.astimezone(self.zone).year else (
            "EEE d MMM y, HH:mm")
        return format_datetime(local, pattern, tzinfo=self.zone, locale=self.locale)

    def full(self, value: datetime) -> str:
        """A date-time with its zone for the detail pane."""
        return format_datetime(value, "EEEE d MMMM y, HH:mm zzz", tzinfo=self.zone,
                               locale=self.locale)


def duration_text(delta: timedelta, day: timedelta | None = None) -> str:
    """``2 h 10 m``, ``45 m``, or with ``day`` given and at least one day: ``3 d 2 h``."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    day_minutes = int(day.total_seconds() // 60) if day else 0
    if day_minutes and minutes >= day_minutes:
        days, rest = divmod(minutes, day_minutes)
        hours = rest // 60
        if hours:
            return _("{days} d {hours} h").format(days=days, hours=hours)
        return _("{days} d").format(days=days)
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return _("{hours} h {minutes} m").format(hours=hours, minutes=mins)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} m").format(minutes=mins)


def time_left_text(left: timedelta, overdue_by: timedelta, day: timedelta) -> str:
    """``2 h 10 m left`` (business time, days of working length) or ``overdue 1 h``."""
    if overdue_by > timedelta(0) or left <= timedelta(0):
        return _("overdue {time}").format(time=duration_text(_coarse(overdue_by),
                                                               timedelta(days=1)))
    return _("{time} left").format(time=duration_text(left, day))


def _coarse(delta: timedelta) -> timedelta:
    """Round to the largest useful unit: minutes under an hour, hours under a day, else days."""
    if delta >= timedelta(days=1):
        return timedelta(days=delta // timedelta(days=1))
    if delta >= timedelta(hours=1):
        return timedelta(hours=delta // timedelta(hours=1))
    return delta


def plain(text: str) -> str:
    """External text for a single-line cell: controls made visible, one line, never markup."""
    cleaned = _CONTROLS.sub("\ufffd", text)
    return " ".join(cleaned.split())


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
    cleaned = _CONTROLS.sub("\ufffd", text)
    out: list[str] = []
    last = 0
    for match in _URL.finditer(cleaned):
        out.append(html.escape(cleaned[last:match.start()]))
        url = html.escape(match.group(0), quote=True)
        out.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    out.append(html.escape(cleaned[last:]))
    return "".join(out).replace("\n", "<br>")
