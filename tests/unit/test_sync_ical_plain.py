# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The quick reader of plain calendar objects gives the same item as ``icalendar`` does, and
leaves everything that is not plain to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.sync.items import FocusRecord
from desktop.sync.errors import BadItem
from desktop.sync.ical import (
    RemoteItem,
    focus_to_ical,
    parse_item,
    request_to_ical,
    settings_to_ical,
)
from desktop.sync.ical_plain import read_plain
from tests.unit.test_sync_ical import NOW, moments, requests, text

ZONE = ZoneInfo("Europe/Berlin")


def outcome(read: Callable[[bytes, ZoneInfo], RemoteItem],
            data: bytes) -> RemoteItem | tuple[str, str]:
    try:
        return read(data, ZONE)
    except BadItem as error:
        return ("bad", str(error))


def with_icalendar_alone(data: bytes, zone: ZoneInfo) -> RemoteItem:
    with patch("desktop.sync.ical.read_plain", return_value=None):
        return parse_item(data, zone)


def same_both_ways(data: bytes) -> None:
    assert outcome(parse_item, data) == outcome(with_icalendar_alone, data)


@settings(max_examples=200, deadline=None)
@given(requests(), moments)
def test_every_request_we_write_is_plain_and_reads_as_icalendar_reads_it(request, now) -> None:
    data = request_to_ical(request, now)
    assert read_plain(data) is not None
    same_both_ways(data)


@settings(max_examples=50, deadline=None)
@given(moments, st.integers(1, 10_000), text, moments)
def test_focus_blocks_are_plain_and_read_alike(start, minutes, title, now) -> None:
    data = focus_to_ical(FocusRecord("f1", start, start + timedelta(minutes=minutes), now,
                                     title), now)
    assert read_plain(data) is not None
    same_both_ways(data)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}(\.[a-z_]{1,8}){0,2}", fullmatch=True),
                       text, max_size=5), moments)
def test_settings_are_plain_and_read_alike(values, now) -> None:
    data = settings_to_ical(values, now, now)
    assert read_plain(data) is not None
    same_both_ways(data)


NAMES = ["UID", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP", "DTSTAMP", "LAST-MODIFIED", "DUE",
         "COMPLETED", "CREATED", "DTSTART", "DTEND", "PRIORITY", "CATEGORIES", "SEQUENCE",
         "X-UNHURRIED-SENDER", "X-UNHURRIED-KIND", "X-UNHURRIED-LINKS", "X-UNHURRIED-PAUSES",
         "X-UNHURRIED-STATE", "X-UNHURRIED-REPLY-BY", "X-UNHURRIED-DUE-BY-HAND",
         "X-UNHURRIED-SET-POLICY--CHAT--NORMAL", "X-OTHER", "summary", "DUE;TZID=Europe/Berlin",
         "DTSTART;VALUE=DATE", "RRULE"]
VALUES = (st.text(st.sampled_from("ab,;:\\nN\"1 é\r"), max_size=12)
          | st.from_regex(r"[0-9]{8}(T[0-9]{6}Z?)?", fullmatch=True)
          | st.from_regex(r"[0-9]{1,3}", fullmatch=True)
          | st.sampled_from(["unhurried-settings", "focus", "Focus", "waiting", "COMPLETED",
                             '["https://a.org"]', "[[\"2026-11-25T09:00:00+00:00\", null]]",
                             "2026-11-25T09:00:00+00:00", "FREQ=SECONDLY", "20261301T250000Z",
                             "٢٠٢٦١١٢٥"]))


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["VTODO", "VEVENT", "VJOURNAL", "VALARM"]))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", f"BEGIN:{kind}"]
    for name, value in draw(st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=10)):
        lines.append(f"{name}:{value}")
    lines += [f"END:{kind}", "END:VCALENDAR"]
    joined = "\r\n".join(lines) + "\r\n"
    fold = draw(st.integers(0, len(joined)))
    if draw(st.booleans()):  # a fold somewhere, as a writer may put one
        joined = joined[:fold] + "\r\n " + joined[fold:]
    return joined.encode("utf-8")


@settings(max_examples=400, deadline=None)
@given(calendars())
def test_any_object_reads_the_same_with_or_without_the_quick_reader(data: bytes) -> None:
    same_both_ways(data)


def todo(*lines: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t1\r\n" + "\r\n".join(lines)
            + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n").encode()


@pytest.mark.parametrize("data", [
    todo("DUE;TZID=Europe/Berlin:20261127T150000"),  # a parameter
    todo("SUMMARY:a", "SUMMARY:b"),  # a property twice
    todo("BEGIN:VALARM", "TRIGGER:-PT5M", "END:VALARM"),  # a component inside
    todo("summary:lower case"),
    todo("SEQUENCE:2"),  # a property it does not know
    todo("DUE:2026-11-27"),  # a time of another shape
    todo("DUE:20261331T000000Z"),  # no such day
    b"BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\nBEGIN:VTODO\r\nUID:t\r\n"
    b"END:VTODO\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\nSUMMARY:\xff\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n",  # not closed
])
def test_what_is_not_plain_is_left_to_icalendar(data: bytes) -> None:
    assert read_plain(data) is None
    same_both_ways(data)


def test_a_plain_task_reads_its_values() -> None:
    kind, values = read_plain(todo(r"SUMMARY:a\, b\nc", "DUE:20261127T150000Z",
                                   "COMPLETED:20261127", "PRIORITY:3", r"CATEGORIES:x,y\,z",
                                   r"X-UNHURRIED-SENDER:a\,b")) or ("", {})
    assert kind == "VTODO"
    assert values["SUMMARY"] == "a, b\nc"
    assert values["DUE"] == datetime(2026, 11, 27, 15, tzinfo=UTC)
    assert values["COMPLETED"] == NOW.date().replace(day=27)
    assert values["PRIORITY"] == 3
    assert values["CATEGORIES"].cats == ["x", "y,z"]
    assert values["X-UNHURRIED-SENDER"] == r"a\,b"  # verbatim, as icalendar keeps X- values
