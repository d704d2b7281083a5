# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.deadlines`` (and the request transitions that feed it).

Berlin office hours, Monday to Friday 09:00-17:00. November 2026: Wednesday 25, Thursday 26,
Friday 27, Saturday 28, Monday 30.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import requests as rq
from desktop.core.calendar import BusinessCalendar
from desktop.core.deadlines import derive, with_reply_by, with_reply_bys
from desktop.core.errors import InvalidInput
from desktop.core.policy import DEFAULT_POLICY, ResponsePolicy, parse_target
from desktop.core.requests import Channel, Pause, Priority, Request, State
from desktop.core.working_hours import parse_working_hours

BERLIN = ZoneInfo("Europe/Berlin")
H = timedelta(hours=1)
OFFICE = BusinessCalendar(BERLIN, parse_working_hours("mon-fri 09:00-17:00"))


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Berlin wall-clock time as the aware UTC instant that requests hold."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


WEDNESDAY_10 = berlin(25, 10)


def request(received: datetime = WEDNESDAY_10, **kwargs) -> Request:
    return Request(id="r1", subject="Hi", received_at=received, modified_at=received, **kwargs)


def policy(text: str) -> ResponsePolicy:
    """Every channel and priority with the same target."""
    target = parse_target(text)
    return ResponsePolicy(MappingProxyType({(c, p): target for c in Channel for p in Priority}))


# -- the clock without pauses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "priority", "received", "reply_by"),
    [
        (Channel.MANUAL, Priority.NORMAL, berlin(25, 10), berlin(26, 10)),
        (Channel.CHAT, Priority.LOW, berlin(25, 10), berlin(26, 10)),
        (Channel.TRACKER, Priority.NORMAL, berlin(25, 10), berlin(27, 10)),
        (Channel.TRACKER, Priority.HIGH, berlin(25, 10), berlin(26, 10)),
        (Channel.EMAIL, Priority.URGENT, berlin(25, 10), berlin(25, 11)),
        (Channel.EMAIL, Priority.NORMAL, berlin(28, 12), berlin(30, 17)),  # on a Saturday
        (Channel.EMAIL, Priority.NORMAL, berlin(30, 9), berlin(30, 17)),  # closing-time rule
        (Channel.CHAT, Priority.NORMAL, berlin(27, 16), berlin(30, 16)),  # over the weekend
        (Channel.TRACKER, Priority.LOW, berlin(27, 16), berlin(1, 16, month=12)),
    ],
)
def test_reply_by_from_the_default_policy(channel, priority, received, reply_by):
    clock = derive(request(received, channel=channel, priority=priority), DEFAULT_POLICY, OFFICE)
    assert clock.reply_by == reply_by
    assert clock.remaining == DEFAULT_POLICY.target_for(channel, priority).duration(8 * H)


def test_half_a_business_day():
    assert derive(request(), policy("0.5bd"), OFFICE).reply_by == berlin(25, 14)


@pytest.mark.parametrize(
    ("received", "target", "reply_by"),
    [
        (berlin(27, 16), "48h", berlin(29, 16)),  # calendar hours run over the weekend
        (berlin(25, 10), "0h", berlin(25, 10)),
        # 24 real hours across the fall-back change end at 11:00 on the wall clock.
        (berlin(24, 12, month=10), "24h", berlin(25, 11, month=10)),
    ],
)
def test_calendar_hour_targets_count_wall_time(received, target, reply_by):
    assert derive(request(received), policy(target), OFFICE).reply_by == reply_by


def test_a_due_date_overrides_the_policy():
    due = berlin(4, 12, month=12)
    assert derive(request(due=due), DEFAULT_POLICY, OFFICE).reply_by == due
    waiting = request(due=due, state=State.WAITING, pauses=(Pause(berlin(25, 11)),))
    assert derive(waiting, DEFAULT_POLICY, OFFICE).reply_by == due


def test_a_snooze_never_moves_the_reply_by():
    plain = request()
    snoozed = rq.snooze(plain, berlin(27, 9), berlin(25, 11))
    assert snoozed.snoozed_until == berlin(27, 9)
    assert derive(snoozed, DEFAULT_POLICY, OFFICE) == derive(plain, DEFAULT_POLICY, OFFICE)


# -- waiting on others -----------------------------------------------------------------------


def test_waiting_pauses_the_clock():
    waiting = rq.start_waiting(request(), berlin(25, 12))
    clock = derive(waiting, DEFAULT_POLICY, OFFICE)
    assert clock.reply_by is None
    assert clock.remaining == 6 * H


def test_resuming_continues_with_what_was_left():
    waiting = rq.start_waiting(request(), berlin(25, 12))
    resumed = rq.resume(waiting, berlin(26, 11))
    assert resumed.pauses == (Pause(berlin(25, 12), berlin(26, 11)),)
    clock = derive(resumed, DEFAULT_POLICY, OFFICE)
    assert clock.reply_by == berlin(26, 17)  # six hours left, ending on closing time
    assert clock.remaining == 6 * H
    later = derive(rq.resume(waiting, berlin(26, 12)), DEFAULT_POLICY, OFFICE)
    assert later.reply_by == berlin(27, 10)  # resumed an hour later: the last hour is Friday


def test_several_pauses_add_up():
    paused = request(
        pauses=(Pause(berlin(25, 11), berlin(25, 15)), Pause(berlin(26, 9), berlin(27, 9)))
    )
    # 1 h used before the first pause, 2 h (15-17) before the second: 5 h left from Friday 09:00.
    assert derive(paused, DEFAULT_POLICY, OFFICE).reply_by == berlin(27, 14)


def test_a_pause_outside_working_hours_changes_nothing():
    paused = request(pauses=(Pause(berlin(25, 18), berlin(26, 8)),))
    assert derive(paused, DEFAULT_POLICY, OFFICE).reply_by == berlin(26, 10)


@pytest.mark.parametrize(
    "pause",
    [
        Pause(berlin(26, 11), berlin(30, 9)),  # after the reply-by had passed
        Pause(berlin(26, 10), berlin(30, 9)),  # exactly at the reply-by
        Pause(berlin(26, 17, 30), berlin(30, 9)),
        Pause(berlin(26, 11)),  # still running
    ],
)
def test_a_pause_after_the_reply_by_passed_does_not_extend_it(pause):
    assert derive(request(pauses=(pause,)), DEFAULT_POLICY, OFFICE).reply_by == berlin(26, 10)


def test_a_pause_before_the_request_arrived_only_delays_the_start():
    paused = request(berlin(25, 10), pauses=(Pause(berlin(24, 10), berlin(25, 12)),))
    assert derive(paused, DEFAULT_POLICY, OFFICE).reply_by == berlin(26, 12)


def test_pauses_with_calendar_hour_targets_count_wall_time():
    paused = request(berlin(27, 16), pauses=(Pause(berlin(28, 4), berlin(28, 14)),))
    clock = derive(paused, policy("48h"), OFFICE)
    assert clock.reply_by == berlin(30, 2)  # 12 h used, 36 h left from Saturday 14:00
    assert clock.remaining == 36 * H


def test_with_reply_by_stores_the_derived_time_and_keeps_unchanged_requests():
    fresh = with_reply_by(request(), DEFAULT_POLICY, OFFICE)
    assert fresh.reply_by == berlin(26, 10)
    assert with_reply_by(fresh, DEFAULT_POLICY, OFFICE) is fresh
    waiting = with_reply_by(rq.start_waiting(fresh, berlin(25, 12)), DEFAULT_POLICY, OFFICE)
    assert waiting.reply_by is None


# -- the clock, as a property ----------------------------------------------------------------

CALENDARS = [
    OFFICE,
    BusinessCalendar(
        BERLIN,
        parse_working_hours("mon-thu 08:00-12:00,13:00-17:30; fri 22:00-06:00"),
        holidays=lambda year: [date(year, 12, 25), date(year, 5, 1), date(year, 3, 30)],
    ),
    BusinessCalendar(ZoneInfo("Australia/Sydney"), parse_working_hours("sun-thu 09:30-18:00")),
]


@settings(max_examples=200, deadline=None)
@given(
    calendar=st.sampled_from(CALENDARS),
    target=st.sampled_from(["1bd", "2bd", "4bh", "0.5bd", "1bh", "3bd"]),
    received=st.integers(0, 365 * 86_400),
    into=st.floats(0, 1, exclude_max=True),
    wait=st.integers(0, 10 * 86_400),
)
def test_a_closed_pause_moves_the_reply_by_by_the_business_time_it_held(
    calendar, target, received, into, wait
):
    received_at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=received)
    rules = policy(target)
    budget = parse_target(target).duration(calendar.day_length)
    original = derive(request(received_at), rules, calendar).reply_by
    assert original == calendar.add(received_at, budget)
    p = received_at + timedelta(seconds=int((original - received_at).total_seconds() * into))
    resumed_at = p + timedelta(seconds=wait)
    paused = request(received_at, pauses=(Pause(p, resumed_at),))
    left = budget - calendar.between(received_at, p)
    assert left > timedelta(0)
    assert derive(paused, rules, calendar).reply_by == calendar.add(resumed_at, left)
    running = request(received_at, state=State.WAITING, pauses=(Pause(p),))
    assert derive(running, rules, calendar).reply_by is None
    assert derive(running, rules, calendar).remaining == left


# -- the transitions that make pauses ----------------------------------------------------------


def test_waiting_twice_keeps_one_pause_and_resume_without_waiting_does_nothing():
    waiting = rq.start_waiting(request(), berlin(25, 12))
    assert rq.start_waiting(waiting, berlin(25, 13)) is waiting
    plain = request()
    assert rq.resume(plain, berlin(25, 13)) is plain
    assert waiting.state is State.WAITING
    assert waiting.modified_at == berlin(25, 12)


def test_waiting_ends_a_snooze():
    snoozed = rq.snooze(request(), berlin(30, 9), berlin(25, 11))
    assert rq.start_waiting(snoozed, berlin(25, 12)).snoozed_until is None


def test_done_closes_a_running_pause():
    done = rq.mark_done(rq.start_waiting(request(), berlin(25, 12)), berlin(26, 9))
    assert done.state is State.DONE
    assert done.done_at == berlin(26, 9)
    assert done.pauses == (Pause(berlin(25, 12), berlin(26, 9)),)
    reopened = rq.reopen(done, berlin(26, 10))
    assert (reopened.state, reopened.done_at) == (State.OPEN, None)


@pytest.mark.parametrize("until", [berlin(25, 11), berlin(25, 10)])
def test_a_snooze_must_end_in_the_future(until):
    with pytest.raises(InvalidInput, match="future"):
        rq.snooze(request(), until, berlin(25, 11))


@pytest.mark.parametrize(
    ("changes", "now", "status"),
    [
        ({}, berlin(25, 11), "open"),
        ({"snoozed_until": berlin(26, 9)}, berlin(25, 11), "snoozed"),
        ({"snoozed_until": berlin(26, 9)}, berlin(26, 9), "open"),  # the snooze has run out
        ({"state": State.WAITING}, berlin(25, 11), "waiting"),
        ({"state": State.DONE}, berlin(25, 11), "done"),
    ],
)
def test_status_as_the_user_sees_it(changes, now, status):
    assert replace(request(), **changes).status(now) == status


def test_delete_and_restore_keep_the_request():
    deleted = rq.delete(request(), berlin(25, 11))
    assert deleted.deleted_at == berlin(25, 11)
    restored = rq.restore(deleted, berlin(25, 12))
    assert restored.deleted_at is None
    assert restored.modified_at == berlin(25, 12)
    assert rq.set_priority(restored, Priority.HIGH, berlin(25, 13)).priority is Priority.HIGH


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.integers(0, 60 * 24 * 21),  # minutes after Monday 23 Nov, 00:00
    st.sampled_from(list(Channel)), st.sampled_from(list(Priority)),
    st.booleans(), st.booleans()), max_size=25))
def test_many_at_once_equals_one_by_one(rows):
    """``with_reply_bys`` batches the simple requests through ``add_many``; every answer must
    be the one ``with_reply_by`` gives, paused, hand-set and calendar-hour ones included."""
    start = datetime(2026, 11, 23, tzinfo=BERLIN)
    mixed = DEFAULT_POLICY.with_target(Channel.CHAT, Priority.LOW, parse_target("36h"))
    requests = []
    for minutes, channel, priority, paused, due in rows:
        received = start + timedelta(minutes=minutes)
        made = request(received, channel=channel, priority=priority)
        if paused:
            made = replace(made, pauses=(Pause(received + timedelta(hours=1),
                                               received + timedelta(hours=30)),))
        if due:
            made = replace(made, due=received + timedelta(days=2))
        requests.append(made)
    expected = [with_reply_by(r, mixed, OFFICE) for r in requests]
    assert with_reply_bys(requests, mixed, OFFICE) == expected
