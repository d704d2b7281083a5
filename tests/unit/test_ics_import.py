# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calendar import: the hand-counted fixture, recurrence bounded to the range, time zones, and
broken files imported as far as they go with every loss reported."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.health.measures import IsoWeek, meeting_hours
from desktop.core.meetings import MeetingEvent
from desktop.sources.ics import read_ics
from desktop.store.calendar_repository import SqliteCalendarRepository

DATA = Path(__file__).resolve().parents[1] / "data"
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 10, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)
ME = ("ann@example.org",)


def calendar(tmp_path: Path, *events: str, header: str = "", raw: bytes | None = None) -> Path:
    path = tmp_path / "cal.ics"
    if raw is not None:
        path.write_bytes(raw)
        return path
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *filter(
        None, [header]), *events, "END:VCALENDAR", ""])
    path.write_text(body, encoding="utf-8")
    return path


def event(uid: str, *lines: str) -> str:
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", *lines, "END:VEVENT"])


def test_the_hand_counted_week() -> None:
    read = read_ics(DATA / "week.ics", START, END)
    assert read.problems == []
    assert read.calendar_id == "Work"
    # Stand-ups Mon, Tue, Thu (Wed is an EXDATE) 15 min each + Friday moved to 11:00-11:30;
    # planning 14:00-16:00 and review 15:30-17:00 overlap: 3 h; 1:1 45 min. Cancelled vendor
    # call, declined all-hands and the all-day offsite take no time: 75 + 180 + 45 = 300 min.
    assert meeting_hours(read.events, IsoWeek(2026, 48), BERLIN, ME) == pytest.approx(5.0)
    assert meeting_hours(read.events, IsoWeek(2026, 47), BERLIN, ME) == pytest.approx(1.25)
    by_summary = {e.summary: e for e in read.events}
    assert by_summary["Vendor call"].cancelled
    assert by_summary["All-hands"].declined_by == ("ann@example.org",)
    assert by_summary["All-hands"].start == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # New York
    assert by_summary["Team offsite"].all_day
    moved = by_summary["Stand-up (moved)"]
    assert moved.recurrence_id == "2026-11-27T08:30:00+00:00"
    assert moved.start == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def test_a_series_without_end_is_expanded_only_inside_the_range(tmp_path) -> None:
    path = calendar(tmp_path, event("daily", "DTSTART:19900101T090000Z",
                                    "DTEND:19900101T093000Z", "RRULE:FREQ=DAILY"))
    began = time.monotonic()
    read = read_ics(path, datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC))
    assert time.monotonic() - began < 10
    assert [e.start.day for e in read.events] == [23, 24, 25, 26, 27, 28, 29]
    assert read.problems == []


def test_a_series_by_the_minute_is_reported_not_expanded(tmp_path) -> None:
    path = calendar(tmp_path, event("spam", "DTSTART:20261123T090000Z", "DURATION:PT1M",
                                    "RRULE:FREQ=MINUTELY"),
                    event("ok", "DTSTART:20261123T100000Z", "DTEND:20261123T110000Z"))
    read = read_ics(path, START, END)
    assert [e.uid for e in read.events] == ["ok"]
    [problem] = read.problems
    assert problem.where.endswith(": spam")
    assert "minute" in problem.reason


def test_too_many_occurrences_are_cut_and_reported(tmp_path) -> None:
    path = calendar(tmp_path, event("hourly", "DTSTART:20261101T000000Z", "DURATION:PT10M",
                                    "RRULE:FREQ=HOURLY"))
    read = read_ics(path, START, END, max_occurrences=50)
    assert len(read.events) == 50
    assert "more than 50" in read.problems[0].reason


def test_an_unknown_time_zone_is_read_as_utc_and_reported(tmp_path) -> None:
    path = calendar(tmp_path, event("mars", "DTSTART;TZID=Mars/Olympus:20261123T100000",
                                    "DTEND;TZID=Mars/Olympus:20261123T110000"))
    read = read_ics(path, START, END)
    [only] = read.events
    assert only.start == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert "Mars/Olympus" in read.problems[0].reason


def test_an_unknown_start_zone_beside_a_known_end_zone_is_reported(tmp_path) -> None:
    path = calendar(tmp_path, event("half", "DTSTART;TZID=Mars/Olympus:20261123T100000",
                                    "DTEND;TZID=Europe/Berlin:20261123T110000"))
    read = read_ics(path, START, END)
    assert len(read.events) == 1
    assert [p for p in read.problems if "Mars/Olympus" in p.reason]


def test_floating_times_use_the_calendar_zone_or_the_users(tmp_path) -> None:
    lines = ("DTSTART:20261123T100000", "DTEND:20261123T110000")
    read = read_ics(calendar(tmp_path, event("f", *lines)), START, END, floating_zone=BERLIN)
    assert read.events[0].start == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    read = read_ics(calendar(tmp_path, event("f", *lines), header="X-WR-TIMEZONE:Asia/Tokyo"),
                    START, END, floating_zone=BERLIN)
    assert read.events[0].start == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_a_bad_date_costs_that_event_only(tmp_path) -> None:
    path = calendar(tmp_path, event("bad", "DTSTART:2026-13-45", "SUMMARY:Broken"),
                    event("good", "DTSTART:20261124T100000Z", "DTEND:20261124T110000Z"))
    read = read_ics(path, START, END)
    assert [e.uid for e in read.events] == ["good"]
    [problem] = read.problems
    assert problem.where == f"{path}: bad"
    assert "2026-13-45" in problem.reason


def test_a_truncated_file_keeps_the_events_before_the_cut(tmp_path) -> None:
    whole = (DATA / "week.ics").read_bytes()
    cut = whole[: whole.index(b"UID:oneonone") + 40]
    read = read_ics(calendar(tmp_path, raw=cut), START, END)
    assert "Sprint planning" in {e.summary for e in read.events}
    assert "1:1 with Bob" not in {e.summary for e in read.events}
    [problem] = read.problems
    assert problem.where.endswith("oneonone@example.org")
    assert "truncated" in problem.reason


def test_text_that_is_not_utf8_is_read_as_windows_1252_and_reported(tmp_path) -> None:
    text = "\r\n".join(["BEGIN:VCALENDAR", event("j", "SUMMARY:Besprechung mit Jürgen",
                                                 "DTSTART:20261124T100000Z",
                                                 "DTEND:20261124T110000Z"), "END:VCALENDAR"])
    read = read_ics(calendar(tmp_path, raw=text.encode("cp1252")), START, END)
    assert read.events[0].summary == "Besprechung mit Jürgen"
    assert "UTF-8" in read.problems[0].reason


@pytest.mark.parametrize("raw", [b"", b"\x00\xff\xfe junk", b"Subject: not a calendar\n\nhi"])
def test_a_file_that_is_no_calendar_at_all_is_refused(tmp_path, raw) -> None:
    with pytest.raises(InvalidInput, match="not an iCalendar"):
        read_ics(calendar(tmp_path, raw=raw), START, END)


def test_a_missing_file_is_refused(tmp_path) -> None:
    with pytest.raises(InvalidInput, match="could not be read"):
        read_ics(tmp_path / "nope.ics", START, END)


def test_the_calendar_id_is_the_path_without_a_name(tmp_path) -> None:
    path = calendar(tmp_path, event("x", "DTSTART:20261124T100000Z", "DTEND:20261124T110000Z"))
    assert read_ics(path, START, END).calendar_id == str(path.resolve())


def test_importing_a_calendar_again_replaces_its_events(db) -> None:
    repo = SqliteCalendarRepository(db)
    at = datetime(2026, 11, 24, 10, tzinfo=UTC)

    def ev(cal: str, uid: str) -> MeetingEvent:
        return MeetingEvent(cal, uid, at, at + timedelta(hours=1), declined_by=("a@x",))

    assert repo.replace_calendar("work", [ev("work", "a"), ev("work", "b")]) == 2
    assert repo.replace_calendar("home", [ev("home", "c")]) == 1
    assert repo.replace_calendar("work", [ev("work", "b"), ev("work", "b")]) == 1
    stored = repo.between(at - timedelta(days=1), at + timedelta(days=1))
    assert sorted((e.calendar_id, e.uid) for e in stored) == [("home", "c"), ("work", "b")]
    assert stored[0].declined_by == ("a@x",)
    assert repo.between(at + timedelta(hours=1), at + timedelta(hours=2)) == []
    assert repo.calendars() == {"home": 1, "work": 1}


def test_requests_due_or_done_in_a_range_are_read_for_the_measures(db) -> None:
    from desktop.core.requests import Request, State
    from desktop.store.request_repository import SqliteRequestRepository

    repo = SqliteRequestRepository(db)
    at = datetime(2026, 11, 24, 10, tzinfo=UTC)
    hour = timedelta(hours=1)
    repo.save_many([
        Request("due", "due", at - 50 * hour, at, reply_by=at),
        Request("done", "done", at - 50 * hour, at, reply_by=at - 30 * hour,
                state=State.DONE, done_at=at + hour),
        Request("before", "before", at - 50 * hour, at, reply_by=at - 30 * hour),
        Request("gone", "gone", at - 50 * hour, at, reply_by=at, deleted_at=at),
    ])
    found = repo.due_or_done_between(at - hour, at + 2 * hour)
    assert sorted(r.id for r in found) == ["done", "due"]
