# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The async-health measures: hand-counted weeks, a daylight-saving week, and meeting hours
against a minute-by-minute reference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.health.decisions import Decision
from desktop.core.health.measures import (
    FocusSpan,
    Interruption,
    IsoWeek,
    MeasureInputs,
    against_previous,
    decision_speed,
    focus_minutes,
    interruptions_in_focus,
    last_weeks,
    longest_stretches,
    median_reply_hours,
    meeting_hours,
    reply_compliance,
    week_figures,
)
from desktop.core.health.off_hours import DeliveredReply, off_hours_replies, within_hours
from desktop.core.meetings import MeetingEvent, find_focus_time
from desktop.core.requests import Channel, Pause, Priority, Request, State
from desktop.core.working_hours import WorkingHours, parse_working_hours

BERLIN = ZoneInfo("Europe/Berlin")
W48 = IsoWeek(2026, 48)  # Mon 23 Nov – Sun 29 Nov 2026
ME = ("ann@example.org",)


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def meeting(start: datetime, end: datetime, **extra) -> MeetingEvent:
    return MeetingEvent("work", f"{start.isoformat()}", start, end, **extra)


# -- weeks ----------------------------------------------------------------------------------------


def test_iso_weeks_read_print_and_cross_the_new_year() -> None:
    assert str(W48) == "2026-W48"
    assert IsoWeek.parse("2026-W48") == W48
    assert IsoWeek.of(date(2027, 1, 1)) == IsoWeek(2026, 53)
    assert IsoWeek(2026, 53).shifted(1) == IsoWeek(2027, 1)
    # Sunday 23:30 in Berlin is already Monday in UTC+14, but the user's zone decides
    assert IsoWeek.of(local(29, 23, 30), BERLIN) == W48
    for bad in ("2026-48", "2026-W54", "W48", ""):
        with pytest.raises(InvalidInput):
            IsoWeek.parse(bad)


def test_a_week_with_the_autumn_change_has_169_hours() -> None:
    lo, hi = IsoWeek(2026, 43).bounds(BERLIN)
    assert hi - lo == timedelta(hours=169)
    lo, hi = IsoWeek(2026, 13).bounds(BERLIN)  # spring forward on 29 March
    assert hi - lo == timedelta(hours=167)


def test_last_weeks_end_with_the_current_week() -> None:
    assert last_weeks(local(25, 10), BERLIN, 3) == [IsoWeek(2026, 46), IsoWeek(2026, 47), W48]


# -- meetings -------------------------------------------------------------------------------------


def test_meeting_hours_count_overlaps_once_and_leave_out_what_takes_no_time() -> None:
    events = [
        meeting(local(23, 10), local(23, 11)),
        meeting(local(23, 10, 30), local(23, 12)),  # overlaps: 10:00–12:00 is 2 h in all
        meeting(local(24, 9), local(24, 10), cancelled=True),
        meeting(local(24, 14), local(24, 15), declined_by=("ann@example.org",)),
        meeting(local(24, 16), local(24, 17), declined_by=("bob@example.org",)),  # 1 h
        meeting(local(25, 0), local(26, 0), all_day=True),
        meeting(local(29, 23), local(30, 1)),  # Sunday night into next week: 1 h here
    ]
    assert meeting_hours(events, W48, BERLIN, ME) == pytest.approx(4.0)
    assert meeting_hours(events, W48.shifted(1), BERLIN, ME) == pytest.approx(1.0)
    # the same events for a user who is not Ann: her declined meeting counts again
    assert meeting_hours(events, W48, BERLIN, ()) == pytest.approx(5.0)


@given(st.lists(st.tuples(st.integers(-300, 10_400), st.integers(0, 400)), max_size=10))
def test_meeting_hours_equal_a_minute_by_minute_count(raw) -> None:
    lo, _hi = W48.bounds(UTC)
    events = [meeting(lo + timedelta(minutes=a), lo + timedelta(minutes=a + n)) for a, n in raw]
    week_minutes = 7 * 24 * 60
    reference = {m for a, n in raw for m in range(a, a + n) if 0 <= m < week_minutes}
    assert meeting_hours(events, W48, UTC, ME) == pytest.approx(len(reference) / 60)


# -- focus ----------------------------------------------------------------------------------------


def test_focus_minutes_and_the_longest_uninterrupted_stretch_of_each_day() -> None:
    spans = [FocusSpan(local(23, 9), local(23, 11)),  # 120 min, cut at 9:40 → 40 + 80
             FocusSpan(local(23, 10), local(23, 10, 30)),  # inside the first: counted once
             FocusSpan(local(24, 14), local(24, 15, 30)),  # 90 min, no interruption
             FocusSpan(local(25, 23), local(26, 1))]  # 60 min on each side of midnight
    interruptions = [Interruption(local(23, 9, 40)), Interruption(local(24, 12)),
                     Interruption(local(26, 0, 15))]
    assert focus_minutes(spans, W48, BERLIN) == 330
    assert longest_stretches(spans, interruptions, W48, BERLIN) == {
        date(2026, 11, 23): 80, date(2026, 11, 24): 90, date(2026, 11, 25): 60,
        date(2026, 11, 26): 45}
    assert interruptions_in_focus(spans, interruptions, W48, BERLIN) == 2  # 12:00 was not focus


def test_interruptions_per_focus_hour_in_the_week_figures() -> None:
    spans = [FocusSpan(local(23, 9), local(23, 11))]
    inputs = MeasureInputs(focus=spans, interruptions=[Interruption(local(23, 10))])
    figures = week_figures(W48, inputs, zone=BERLIN, now=local(27, 12), calendar=_calendar(),
                           me=ME)
    assert figures.interruptions_per_focus_hour == pytest.approx(0.5)
    assert figures.longest_focus_minutes == 60
    empty = week_figures(W48, MeasureInputs(), zone=BERLIN, now=local(27, 12),
                         calendar=_calendar(), me=ME)
    assert empty.interruptions_per_focus_hour is None
    assert empty.to_json()["reply_on_time_ratio"] is None


# -- decisions ------------------------------------------------------------------------------------


def test_decision_speed_counts_decisions_made_in_the_week() -> None:
    decisions = [
        Decision("a", "A", local(20, 9), decided_at=local(23, 9)),  # 72 h, made in W48
        Decision("b", "B", local(23, 9), decided_at=local(23, 13)),  # 4 h
        Decision("c", "C", local(24, 9), decided_at=local(24, 19)),  # 10 h
        Decision("d", "D", local(24, 9)),  # still open
        Decision("e", "E", local(24, 9), decided_at=local(1, 9, month=12)),  # next week
    ]
    speed = decision_speed(decisions, W48, BERLIN)
    assert (speed.made, speed.median_hours, speed.slowest_hours) == (3, 10, 72)
    assert decision_speed([], W48, BERLIN).median_hours is None


# -- replies --------------------------------------------------------------------------------------


def request(rid: str, received: datetime, reply_by: datetime, done: datetime | None = None,
            channel: Channel = Channel.CHAT, priority: Priority = Priority.NORMAL,
            **extra) -> Request:
    return Request(rid, rid, received, received, channel=channel, priority=priority,
                   reply_by=reply_by, done_at=done, state=State.DONE if done else State.OPEN,
                   **extra)


def test_reply_compliance_per_channel_and_priority() -> None:
    now = local(26, 12)
    rows = [
        request("on-time", local(23, 9), local(24, 9), local(23, 15)),
        request("late", local(23, 9), local(24, 9), local(24, 10)),
        request("open-late", local(23, 9), local(24, 9)),  # still open past its reply-by
        request("not-yet", local(25, 9), local(27, 9)),  # due later: not counted yet
        request("early", local(25, 9), local(27, 9), local(25, 10)),  # done already: counted
        request("mail", local(23, 9), local(24, 9), local(23, 10), channel=Channel.EMAIL,
                priority=Priority.HIGH),
        request("gone", local(23, 9), local(24, 9), deleted_at=local(23, 10)),
        request("last-week", local(16, 9), local(17, 9), local(17, 8)),
    ]
    result = reply_compliance(rows, W48, BERLIN, now)
    assert (result.overall.due, result.overall.on_time) == (5, 3)
    assert result.by_channel["chat"].ratio == pytest.approx(2 / 4)
    assert result.by_channel["email"].ratio == 1
    assert result.by_priority["high"].due == 1
    assert result.by_priority["normal"].due == 4


def _calendar() -> BusinessCalendar:
    return BusinessCalendar(BERLIN, WorkingHours.office())


def test_median_reply_time_counts_business_hours_without_waiting() -> None:
    rows = [
        # Friday 16:00 → Monday 10:00: 1 h on Friday + 1 h on Monday
        request("weekend", local(20, 16), local(23, 16), local(23, 10)),
        # 09:00 → 15:00 with a wait 10:00–13:00: 3 h
        request("waited", local(24, 9), local(25, 9), local(24, 15),
                pauses=(Pause(local(24, 10), local(24, 13)),)),
        request("slow", local(24, 9), local(26, 9), local(26, 9)),  # 16 h
    ]
    assert median_reply_hours(rows, W48, BERLIN, _calendar()) == pytest.approx(3)
    assert median_reply_hours(rows[:1], W48, BERLIN, _calendar()) == pytest.approx(2)


def test_against_previous_compares_the_last_week_with_the_mean_of_four() -> None:
    assert against_previous([9, 1, 2, 3, 4, 8]) == (8, 2.5)
    assert against_previous([None, 5]) == (5, None)
    assert against_previous([]) == (None, None)


# -- free time ------------------------------------------------------------------------------------


def test_find_focus_time_lists_free_working_stretches_of_90_minutes() -> None:
    events = [meeting(local(23, 10), local(23, 11)),
              meeting(local(23, 13), local(23, 13, 30)),
              meeting(local(24, 8), local(24, 16)),  # Tuesday: 16:00–17:00 left, too short
              meeting(local(25, 9), local(25, 17), cancelled=True),  # Wednesday free
              meeting(local(26, 0), local(27, 0), all_day=True)]  # all-day blocks nothing
    free = find_focus_time(events, _calendar(), local(23, 9), local(27, 0), ME,
                           taken=[(local(26, 9), local(26, 11))])
    assert free == [(local(23, 11), local(23, 13)), (local(23, 13, 30), local(23, 17)),
                    (local(25, 9), local(25, 17)), (local(26, 11), local(26, 17))]


@given(st.integers(0, 60 * 24 * 30), st.integers(0, 60 * 24 * 20))
def test_working_spans_add_up_to_the_business_time_between(offset, length) -> None:
    calendar = _calendar()
    start = local(1, 0, month=10) + timedelta(minutes=offset)  # across the October change
    end = start + timedelta(minutes=length)
    spans = calendar.working_spans(start, end)
    assert sum((e - s for s, e in spans), timedelta(0)) == calendar.between(start, end)
    assert all(calendar.is_business_time(s) for s, _e in spans)


# -- replies outside the other person's hours -----------------------------------------------------

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def test_replies_count_as_outside_by_the_recipients_own_clock_and_hours() -> None:
    office = WorkingHours.office()
    replies = [
        DeliveredReply(local(24, 10), TOKYO, office),     # 18:00 in Tokyo: outside
        DeliveredReply(local(24, 10), NEW_YORK, office),  # 04:00 in New York: outside
        DeliveredReply(local(24, 16), NEW_YORK, office),  # 10:00 in New York: inside
        DeliveredReply(local(24, 10), BERLIN, office),    # 10:00 in Berlin: inside
        DeliveredReply(local(28, 10), BERLIN, office),    # Saturday: outside
        DeliveredReply(local(24, 10)),                    # nobody knows their hours
        DeliveredReply(local(24, 10), BERLIN, None),
        DeliveredReply(local(30, 10), TOKYO, office),     # next week
        DeliveredReply(local(22, 23), TOKYO, office),     # Sunday before: last week
    ]
    counted = off_hours_replies(replies, W48, BERLIN)
    assert (counted.known, counted.outside, counted.unknown) == (5, 3, 2)
    assert counted.ratio == pytest.approx(0.6)
    assert off_hours_replies([], W48, BERLIN).ratio is None
    figures = week_figures(W48, MeasureInputs(deliveries=replies), zone=BERLIN,
                           now=local(29, 12), calendar=_calendar(), me=ME)
    assert figures.off_hours == counted
    data = figures.to_json()
    assert (data["replies_delivered_known_hours"], data["replies_outside_recipient_hours"],
            data["replies_outside_recipient_hours_ratio"]) == (5, 3, 0.6)


def test_a_shift_across_midnight_covers_the_next_morning() -> None:
    nights = parse_working_hours("Mon-Fri 22:00-06:00")
    tokyo = datetime(2026, 11, 24, 2, 0, tzinfo=TOKYO)  # Tuesday 02:00, Monday's shift
    assert within_hours(tokyo, TOKYO, nights)
    assert not within_hours(tokyo.replace(hour=7), TOKYO, nights)
    assert not within_hours(datetime(2026, 11, 23, 2, 0, tzinfo=TOKYO), TOKYO, nights)  # Mon


@given(st.integers(0, 7 * 24 * 60 - 1))
def test_within_office_hours_is_a_weekday_between_nine_and_five(minute: int) -> None:
    moment = datetime(2026, 11, 23, tzinfo=NEW_YORK) + timedelta(minutes=minute)
    local_time = moment.astimezone(NEW_YORK)
    expected = local_time.weekday() < 5 and 9 <= local_time.hour < 17
    assert within_hours(moment.astimezone(UTC), NEW_YORK, WorkingHours.office()) == expected
