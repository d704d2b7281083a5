# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.queue.buckets``: bucket edges, bucket of a request and the next change.

Berlin office hours (Mon-Fri 09:00-17:00). November 2026: Wednesday 25, Friday 27, Saturday 28,
Sunday 29, Monday 30.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.queue.buckets import TIMED_BUCKETS, Bucket, edges_at, next_change, parse_bucket
from desktop.core.requests import Request, State
from desktop.core.working_hours import parse_working_hours

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)
OFFICE = BusinessCalendar(BERLIN, parse_working_hours("mon-fri 09:00-17:00"))


def local(day: int, hour: int, minute: int = 0, zone=BERLIN, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def due(reply_by: datetime | None, **kwargs) -> Request:
    return Request(
        id="r", subject="s", received_at=local(20, 9), modified_at=local(20, 9),
        reply_by=reply_by, **kwargs,
    )


def bucket(now: datetime, reply_by: datetime, at_risk=HOUR, calendar=OFFICE) -> Bucket | None:
    return edges_at(now, calendar, at_risk).bucket_of(due(reply_by))


# -- the time-based buckets ------------------------------------------------------------------

WEDNESDAY_10 = local(25, 10)


@pytest.mark.parametrize(
    ("reply_by", "expected"),
    [
        (local(25, 9, 59), Bucket.OVERDUE),
        (local(20, 9), Bucket.OVERDUE),
        (local(25, 10, 30), Bucket.AT_RISK),
        (local(25, 10, 59), Bucket.AT_RISK),
        (local(25, 11), Bucket.TODAY),  # exactly one business hour left: not at risk
        (local(25, 23, 59), Bucket.TODAY),
        (local(26, 0), Bucket.TOMORROW),
        (local(26, 23, 59), Bucket.TOMORROW),
        (local(27, 0), Bucket.THIS_WEEK),
        (local(29, 23, 59), Bucket.THIS_WEEK),
        (local(30, 0), Bucket.LATER),
        (local(15, 12, month=12), Bucket.LATER),
    ],
)
def test_buckets_on_a_wednesday_morning(reply_by, expected):
    assert bucket(WEDNESDAY_10, reply_by) is expected


@pytest.mark.parametrize("at_risk", [timedelta(0), HOUR])
def test_a_reply_due_this_very_second_is_overdue(at_risk):
    """Bug: ``timed_bucket`` uses ``bisect_right``, so a reply-by equal to ``now`` lands in the
    bucket after Overdue (At risk, or Today when the at-risk threshold is 0)."""
    assert bucket(WEDNESDAY_10, WEDNESDAY_10, at_risk) is Bucket.OVERDUE


def test_the_refresh_at_next_change_shows_the_reply_overdue():
    """The window refreshes at ``next_change``; at that moment the reply that caused it is due.

    With the bug above it stays At risk, and since ``next_change`` then only looks past ``now``
    the next refresh is at midnight: the request is shown as not overdue all afternoon.
    """
    reply_by = local(25, 15)
    refresh = next_change(local(25, 14, 30), OFFICE, HOUR, [reply_by], [])
    assert refresh == reply_by
    assert bucket(refresh, reply_by) is Bucket.OVERDUE


def test_at_risk_counts_business_time_over_the_weekend():
    friday = local(27, 16, 50)
    assert bucket(friday, local(30, 9, 30)) is Bucket.AT_RISK  # 40 business minutes left
    assert bucket(friday, local(30, 9, 50)) is Bucket.LATER  # exactly 60 left
    assert bucket(friday, local(30, 9, 30), at_risk=timedelta(minutes=30)) is Bucket.LATER


def test_at_risk_wins_over_today_and_tomorrow():
    afternoon = local(25, 16, 30)
    assert bucket(afternoon, local(26, 10), at_risk=2 * HOUR) is Bucket.AT_RISK
    assert bucket(afternoon, local(26, 10, 30), at_risk=2 * HOUR) is Bucket.TOMORROW


@pytest.mark.parametrize(
    ("now", "reply_by", "expected"),
    [
        (local(28, 12), local(29, 12), Bucket.TOMORROW),  # Saturday: tomorrow is Sunday
        (local(28, 12), local(30, 0), Bucket.LATER),  # ...and "this week" is empty
        (local(29, 12), local(30, 10), Bucket.TOMORROW),  # Sunday: Monday is tomorrow
        (local(29, 12), local(1, 10, month=12), Bucket.LATER),
        (local(29, 12), local(29, 23), Bucket.TODAY),
        (local(23, 8), local(29, 23, 59), Bucket.THIS_WEEK),  # Monday
    ],
)
def test_weekends_and_the_end_of_the_week(now, reply_by, expected):
    assert bucket(now, reply_by, at_risk=timedelta(0)) is expected


@pytest.mark.parametrize(
    ("reply_by", "expected"),
    [
        (local(25, 23, 0, NEW_YORK), Bucket.TODAY),  # already Thursday in UTC
        (local(26, 23, 30, NEW_YORK), Bucket.TOMORROW),
        (local(27, 0, 30, NEW_YORK), Bucket.THIS_WEEK),
    ],
)
def test_today_and_tomorrow_are_the_users_local_days(reply_by, expected):
    york = BusinessCalendar(NEW_YORK, parse_working_hours("mon-fri 09:00-17:00"))
    assert bucket(local(25, 20, 0, NEW_YORK), reply_by, timedelta(0), york) is expected


def test_local_days_across_a_dst_change():
    calendar = BusinessCalendar(BERLIN, parse_working_hours("mon-sun 00:00-24:00"))
    saturday = local(24, 12, month=10)  # the night to Sunday 25 October has 25 hours
    assert bucket(saturday, local(25, 23, 30, month=10), timedelta(0), calendar) is Bucket.TOMORROW
    assert bucket(saturday, local(26, 0, 0, month=10), timedelta(0), calendar) is Bucket.LATER


def test_edges_at_gives_the_instants_between_buckets():
    edges = edges_at(WEDNESDAY_10, OFFICE, HOUR)
    expected = (WEDNESDAY_10, local(25, 11), local(26, 0), local(27, 0), local(30, 0))
    assert edges.bounds == tuple(t.timestamp() for t in expected)
    assert edges.now == WEDNESDAY_10
    late = edges_at(local(29, 12), OFFICE, 24 * HOUR).bounds  # at risk reaches to Wednesday
    assert late == (local(29, 12).timestamp(), *[local(2, 17, month=12).timestamp()] * 4)


# -- requests that are not in a time-based bucket ---------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"state": State.DONE}, None),
        ({"deleted_at": local(24, 9)}, None),
        ({"state": State.WAITING, "reply_by": None}, Bucket.WAITING),
        ({"state": State.WAITING}, Bucket.WAITING),  # a due date keeps reply_by while waiting
        ({"reply_by": None}, Bucket.WAITING),
        ({"snoozed_until": local(26, 9)}, Bucket.SNOOZED),
        ({"snoozed_until": local(26, 9), "state": State.WAITING}, Bucket.WAITING),
        ({"snoozed_until": WEDNESDAY_10}, Bucket.OVERDUE),  # the snooze has run out
        ({"snoozed_until": local(24, 9)}, Bucket.OVERDUE),
    ],
)
def test_bucket_of_requests_outside_the_timed_buckets(changes, expected):
    overdue = due(local(25, 9))
    assert edges_at(WEDNESDAY_10, OFFICE, HOUR).bucket_of(replace(overdue, **changes)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at-risk", Bucket.AT_RISK),
        ("At Risk", Bucket.AT_RISK),
        ("this_week", Bucket.THIS_WEEK),
        (" OVERDUE ", Bucket.OVERDUE),
        ("waiting", Bucket.WAITING),
    ],
)
def test_parse_bucket(text, expected):
    assert parse_bucket(text) is expected


def test_parse_bucket_lists_the_accepted_names():
    with pytest.raises(InvalidInput, match="Unknown bucket 'soon'; use one of: overdue, at-risk"):
        parse_bucket("soon")


def test_every_bucket_has_a_label():
    assert [b.label for b in TIMED_BUCKETS] == [
        "Overdue", "At risk", "Today", "Tomorrow", "This week", "Later"
    ]
    assert Bucket.WAITING.label == "Waiting on others"


# -- next_change on examples -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "reply_bys", "snoozes", "expected"),
    [
        (WEDNESDAY_10, [], [], local(26, 0)),  # the next local midnight
        (WEDNESDAY_10, [local(25, 10, 30)], [], local(25, 10, 30)),  # turns overdue
        (WEDNESDAY_10, [local(25, 15)], [], local(25, 14)),  # turns at risk
        (WEDNESDAY_10, [local(25, 9)], [local(25, 12)], local(25, 12)),  # a snooze ends
        (WEDNESDAY_10, [local(25, 9)], [local(24, 12)], local(26, 0)),  # a past snooze
        (local(27, 12), [local(30, 9, 30)], [], local(27, 16, 30)),
        (local(27, 20), [local(30, 9, 30)], [], local(28, 0)),  # already at risk
        (local(28, 12), [local(30, 9, 30)], [], local(29, 0)),
    ],
)
def test_next_change(now, reply_bys, snoozes, expected):
    assert next_change(now, OFFICE, HOUR, reply_bys, snoozes) == expected


def test_next_change_is_always_after_now():
    now = local(25, 10)
    # This reply-by turns at risk exactly now: the change follows at once.
    result = next_change(now, OFFICE, HOUR, [local(25, 11)], [])
    assert now < result <= now + timedelta(seconds=1)


# -- properties ------------------------------------------------------------------------------

CALENDARS = [
    OFFICE,
    BusinessCalendar(
        BERLIN,
        parse_working_hours("mon-thu 08:00-12:00,13:00-17:30; fri 22:00-06:00"),
        days_off=[date(2026, 3, 30), date(2026, 10, 26)],
    ),
    BusinessCalendar(NEW_YORK, parse_working_hours("mon-sat 07:00-19:00")),
    BusinessCalendar(ZoneInfo("Australia/Sydney"), parse_working_hours("mon-fri 09:00-17:00")),
]
# Around the 2026 DST changes of Europe, the US and Australia, and a plain week.
MOMENTS = [local(29, 0, month=3), local(25, 0, month=10), local(8, 0, 0, NEW_YORK, month=3),
           local(1, 0, 0, NEW_YORK, month=11), local(5, 0, month=4), WEDNESDAY_10]
nows = st.builds(
    lambda base, offset: base + timedelta(seconds=offset),
    st.sampled_from(MOMENTS),
    st.integers(-4 * 86_400, 4 * 86_400),
)
at_risks = st.integers(0, 600).map(lambda m: timedelta(minutes=m))


def direct_bucket(now: datetime, reply_by: datetime, calendar, at_risk) -> Bucket:
    """The definition, without edges."""
    if reply_by <= now:
        return Bucket.OVERDUE
    if calendar.between(now, reply_by) < at_risk:
        return Bucket.AT_RISK
    today = now.astimezone(calendar.zone).date()
    day = reply_by.astimezone(calendar.zone).date()
    if day == today:
        return Bucket.TODAY
    if day == today + timedelta(days=1):
        return Bucket.TOMORROW
    if day < today + timedelta(days=7 - today.weekday()):
        return Bucket.THIS_WEEK
    return Bucket.LATER


@settings(max_examples=300, deadline=None)
@given(
    calendar=st.sampled_from(CALENDARS),
    now=nows,
    at_risk=at_risks,
    # Non-zero: a reply-by of exactly ``now`` is pinned by its own test above.
    offsets=st.lists(st.integers(-3 * 86_400, 14 * 86_400).filter(bool), min_size=1, max_size=8),
)
def test_bucket_from_edges_matches_the_definition(calendar, now, at_risk, offsets):
    edges = edges_at(now, calendar, at_risk)
    for offset in offsets:
        reply_by = now + timedelta(seconds=offset)
        expected = direct_bucket(now, reply_by, calendar, at_risk)
        assert edges.bucket_of(due(reply_by)) is expected, reply_by


@settings(max_examples=150, deadline=None)
@given(
    calendar=st.sampled_from(CALENDARS),
    now=nows,
    at_risk=at_risks,
    queue=st.lists(
        st.tuples(
            st.integers(-2 * 86_400, 10 * 86_400).filter(bool),
            st.none() | st.integers(-86_400, 4 * 86_400),
        ),
        max_size=6,
    ),
)
def test_no_request_changes_bucket_before_next_change(calendar, now, at_risk, queue):
    requests = [
        due(
            now + timedelta(seconds=reply),
            snoozed_until=None if snooze is None else now + timedelta(seconds=snooze),
        )
        for reply, snooze in queue
    ]
    change = next_change(
        now,
        calendar,
        at_risk,
        [r.reply_by for r in requests if r.reply_by is not None],
        [r.snoozed_until for r in requests if r.snoozed_until is not None],
    )
    assert change > now
    span = change - now
    samples = [now + span * f for f in (0.0001, 0.137, 0.5, 0.861, 0.9999)]
    buckets = [[edges_at(s, calendar, at_risk).bucket_of(r) for r in requests] for s in samples]
    assert all(b == buckets[0] for b in buckets), list(zip(samples, buckets, strict=True))
