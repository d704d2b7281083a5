# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A quick reader for *plain* calendar objects: what Unhurried itself writes.

``icalendar`` builds a full object model (parameters, value types, time zones) and takes about
half a millisecond per task: most of a first sync of 10,000 tasks. The objects this app writes
are much simpler: one ``VTODO``, ``VEVENT`` or ``VJOURNAL`` in one ``VCALENDAR``, no
parameters, UTC times, each property once. :func:`read_plain` reads exactly such an object
into the values ``icalendar`` would give for it (text unescaped as ``icalendar`` does, times as
``datetime``/``date``, ``PRIORITY`` as an int, ``CATEGORIES`` with its ``cats``, our
``X-UNHURRIED-*`` properties verbatim, as ``icalendar`` keeps unknown values), so
:mod:`desktop.sync.ical` reads them with the same code either way.

Anything else (a parameter such as ``TZID``, a time zone, an alarm, a property it does not know,
a repeated property, a value of an unexpected shape, text that is not UTF-8) returns ``None``,
and the caller reads the object with ``icalendar``. ``tests/unit/test_sync_ical_plain.py``
checks with hypothesis that both ways give the same item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar.parser.property import split_on_unescaped_comma, unescape_backslash

# icalendar's own unfolding and line split (icalendar.parser.content_line); without blank
# lines (the usual case) its unfolding is the same as the much quicker _FOLD
_UNFOLD = re.compile(r"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
_FOLD = re.compile(r"\r?\n[ \t]")
_NEWLINE = re.compile(r"\r?\n")
_LINE = re.compile(r"([A-Z][A-Z0-9-]*):(.*)")
_DATE_TIME = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")
_DIGITS = re.compile(r"[0-9]{1,9}")

COMPONENTS = frozenset({"VTODO", "VEVENT", "VJOURNAL"})
_CALENDAR_PROPERTIES = frozenset({"PRODID", "VERSION"})
_TEXT = frozenset({"UID", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP"})
_TIMES = frozenset({"DTSTAMP", "LAST-MODIFIED", "DUE", "COMPLETED", "CREATED", "DTSTART",
                    "DTEND"})
_OURS = "X-UNHURRIED-"


@dataclass(frozen=True, slots=True)
class Categories:
    """A ``CATEGORIES`` value, shaped like ``icalendar``'s (its ``cats``)."""

    cats: list[str]


def read_plain(data: bytes | str) -> tuple[str, dict[str, object]] | None:
    """The one component of a plain calendar object and its properties (upper-case names),
    or ``None`` when the object is not plain and needs ``icalendar``."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        return None
    unfold = _UNFOLD if "\n\n" in text or "\n\r\n" in text else _FOLD
    lines = [line for line in _NEWLINE.split(unfold.sub("", text)) if line]
    if len(lines) < 4 or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return None
    kind: str | None = None
    done = False
    values: dict[str, object] = {}
    for line in lines[1:-1]:
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        name, raw = match[1], match[2]
        if name == "BEGIN":
            if kind is not None or done or raw not in COMPONENTS:
                return None
            kind = raw
        elif name == "END":
            if raw != kind or done:
                return None
            done = True
        elif kind is None or done:
            if name not in _CALENDAR_PROPERTIES:
                return None
        else:
            if name in values:
                return None
            value = _value(name, raw)
            if value is None:
                return None
            values[name] = value
    if kind is None or not done:
        return None
    return kind, values


def _value(name: str, raw: str) -> object:
    """The value of one property as ``icalendar`` would give it; ``None``: not plain."""
    if name.startswith(_OURS):
        return raw  # an unknown type: kept verbatim
    if name in _TEXT:
        return unescape_backslash(raw) if "\\" in raw else raw
    if name in _TIMES:
        return _time(raw)
    if name == "PRIORITY":
        return int(raw) if _DIGITS.fullmatch(raw) else None
    if name == "CATEGORIES":
        return Categories(split_on_unescaped_comma(raw))
    return None


def _time(raw: str) -> date | datetime | None:
    match = _DATE_TIME.fullmatch(raw)
    if match is None:
        return None
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                        tzinfo=UTC if utc else None)
    except ValueError:
        return None
