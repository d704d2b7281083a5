# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests, focus blocks and settings as iCalendar: round trips and other clients' edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from desktop.core.requests import Channel, Pause, Priority, Request, State
from desktop.core.sync.items import (
    FocusRecord,
    focus_fields,
    request_fields,
    request_from_fields,
)
from desktop.sync.errors import BadItem
from desktop.sync.ical import (
    focus_to_ical,
    parse_item,
    priority_of,
    request_to_ical,
    settings_to_ical,
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
body = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
               max_size=200)
moments = st.integers(0, 10**7).map(lambda s: NOW + timedelta(seconds=s))
maybe = lambda strategy: st.none() | strategy  # noqa: E731


@st.composite
def requests(draw: st.DrawFn) -> Request:
    state = draw(st.sampled_from(State))
    received = draw(moments)
    pauses: tuple[Pause, ...] = ()
    if draw(st.booleans()):
        start = received + timedelta(hours=1)
        end = None if state is State.WAITING else start + timedelta(hours=2)
        pauses = (Pause(start, end),)
    elif state is State.WAITING:
        pauses = (Pause(received + timedelta(hours=1)),)
    return Request(
        id=draw(st.uuids()).hex, subject=draw(text), received_at=received,
        modified_at=draw(moments), sender=draw(text), body=draw(body),
        links=tuple(draw(st.lists(st.from_regex(r"https://[a-z]{1,8}\.org/[a-z,;]{0,6}",
                                                fullmatch=True), max_size=3))),
        channel=draw(st.sampled_from(Channel)), priority=draw(st.sampled_from(Priority)),
        state=state, source=draw(st.sampled_from(["manual", "maildir", "csv"])),
        external_id=draw(maybe(text.filter(bool))), snoozed_until=draw(maybe(moments)),
        pauses=pauses, due=draw(maybe(moments)),
        reply_by=None if state is State.WAITING else draw(maybe(moments)),
        done_at=draw(moments) if state is State.DONE else None,
    )


@settings(max_examples=100, deadline=None)
@given(requests())
def test_request_round_trips_through_vtodo(request: Request) -> None:
    item = parse_item(request_to_ical(request, NOW))
    assert item.kind == "request"
    assert item.uid == request.id
    assert item.fields == request_fields(request)
    back = request_from_fields(item.uid, item.fields, item.modified_at or NOW)
    assert back == replace(request, reply_by=None)


def _todo(lines: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//todoman//\r\nBEGIN:VTODO\r\n"
            + lines.replace("\n", "\r\n") + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n").encode()


def test_a_task_from_another_client_is_a_manual_request_with_its_due_by_hand() -> None:
    item = parse_item(_todo("UID:abc@laptop\nSUMMARY:Call the bank\nDUE:20261127T150000Z\n"
                            "PRIORITY:4\nCREATED:20261120T080000Z\nLAST-MODIFIED:20261120T080000Z"))
    request = request_from_fields(item.uid, item.fields, item.modified_at or NOW)
    assert (request.subject, request.channel, request.priority, request.source) == (
        "Call the bank", Channel.MANUAL, Priority.HIGH, "manual")
    assert request.due == datetime(2026, 11, 27, 15, tzinfo=UTC)
    assert request.received_at == datetime(2026, 11, 20, 8, tzinfo=UTC)


def test_another_client_moving_due_sets_a_deadline_by_hand_and_keeps_our_fields() -> None:
    request = Request("r1", "Review", NOW, NOW, sender="ann@example.org",
                      channel=Channel.EMAIL, reply_by=NOW + timedelta(days=1))
    text = request_to_ical(request, NOW).decode()
    moved = text.replace("DUE:20261126T090000Z", "DUE:20261201T120000Z")
    assert moved != text
    item = parse_item(moved)
    assert item.fields["due"] == "2026-12-01T12:00:00+00:00"
    assert item.fields["sender"] == "ann@example.org"
    unmoved = parse_item(text)
    assert unmoved.fields["due"] is None


def test_completed_by_another_client_is_done_and_ends_a_wait() -> None:
    waiting = Request("r2", "Wait", NOW, NOW, state=State.WAITING, pauses=(Pause(NOW),))
    text = request_to_ical(waiting, NOW).decode().replace(
        "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261125T120000Z")
    item = parse_item(text)
    done = request_from_fields("r2", item.fields, NOW)
    assert done.state is State.DONE
    assert done.done_at == datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert done.pauses == (Pause(NOW, done.done_at),)


@pytest.mark.parametrize(("code", "priority"), [
    (0, Priority.NORMAL), (1, Priority.URGENT), (2, Priority.URGENT), (3, Priority.HIGH),
    (4, Priority.HIGH), (5, Priority.NORMAL), (6, Priority.LOW), (9, Priority.LOW)])
def test_priority_codes(code: int, priority: Priority) -> None:
    assert priority_of(code) is priority


def test_a_date_only_due_means_the_end_of_that_day() -> None:
    item = parse_item(_todo("UID:d1\nSUMMARY:x\nDUE;VALUE=DATE:20261127"))
    assert item.fields["due"] == "2026-11-28T00:00:00+00:00"


@pytest.mark.parametrize("data", [
    b"not a calendar", _todo("UID:x\nDUE:garbage"), _todo("SUMMARY:no uid"),
    b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\n",
])
def test_malformed_items_raise_bad_item(data: bytes) -> None:
    with pytest.raises(BadItem):
        parse_item(data)


def test_focus_block_round_trips_as_a_busy_event() -> None:
    record = FocusRecord("f1", NOW, NOW + timedelta(hours=2), NOW, "Deep work")
    data = focus_to_ical(record, NOW)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["TRANSP"]) == "OPAQUE"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Focus"]
    item = parse_item(data)
    assert (item.kind, item.uid, item.fields) == ("focus", "f1", focus_fields(record))


def test_someone_elses_meeting_is_not_ours() -> None:
    data = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:m1\r\nSUMMARY:Standup\r\n"
            b"DTSTART:20261125T090000Z\r\nDTEND:20261125T091500Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert parse_item(data).kind == "other"


def test_settings_round_trip_through_a_journal() -> None:
    values = {"working_hours": "mon-fri 09:00-17:00; sat 10:00-12:00",
              "timezone": "Europe/Berlin", "policy.chat.normal": "1d", "at_risk_minutes": "60",
              "days_off": "2026-12-24,2026-12-31"}
    item = parse_item(settings_to_ical(values, NOW, NOW))
    assert (item.kind, item.fields, item.modified_at) == ("settings", values, NOW)
