# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The focus policy: what breaks through, what is held, when held requests come out, the
digest and the coalescing outside focus. Time is always passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.focus.blocks import (
    UNBOUNDED,
    Coalescer,
    Digest,
    FocusBlock,
    FocusPolicy,
    HeldRequests,
    Reason,
    suggested_length,
)
from desktop.core.requests import Priority, Request, State

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)
BLOCK = FocusBlock(NOW, NOW + 90 * M)


def req(rid: str = "r", *, due_in: int | None = 300, sender: str = "ann@example.org",
        priority: Priority = Priority.NORMAL, **kwargs) -> Request:
    reply_by = None if due_in is None else NOW + due_in * M
    return Request(rid, "s", NOW, NOW, sender=sender, priority=priority, reply_by=reply_by,
                   **kwargs)


@pytest.mark.parametrize(("request_", "block", "reason"), [
    (req(), None, Reason.OUTSIDE_FOCUS),
    (req(), FocusBlock(NOW - 60 * M, NOW), Reason.OUTSIDE_FOCUS),  # the block just ended
    (req(priority=Priority.URGENT), BLOCK, Reason.URGENT),
    (req(sender="Boss <BOSS@example.org>"), BLOCK, Reason.ALLOWED_SENDER),
    (req(due_in=119), BLOCK, Reason.DUE_BEFORE_END),  # 11:00 - 30 m = 10:29 < 10:30
    (req(due_in=120), BLOCK, None),  # 10:30 exactly: held (it comes out at the end)
    (req(due_in=None), BLOCK, None),  # waiting on others: no deadline to protect
])
def test_what_breaks_through(request_, block, reason):
    policy = FocusPolicy(allowed_senders=frozenset({"boss@example.org"}))
    assert policy.reason_to_release(request_, block, NOW) is reason


def test_blocks_refuse_to_end_before_they_start_and_can_change_length():
    with pytest.raises(InvalidInput):
        FocusBlock(NOW, NOW)
    assert BLOCK.extended(30 * M).end == NOW + 120 * M
    assert BLOCK.ended_at(NOW + 10 * M).end == NOW + 10 * M
    assert BLOCK.ended_at(NOW - 10 * M).end > BLOCK.start  # never inside-out


def test_held_requests_come_out_at_their_breach_time_once():
    held = HeldRequests()
    held.hold("a", NOW + 50 * M)
    held.hold("b", NOW + 20 * M)
    held.hold("c", None)
    assert held.next_release() == NOW + 20 * M
    assert held.due(NOW + 19 * M) == []
    assert held.due(NOW + 50 * M) == ["b", "a"]
    assert held.due(NOW + 99 * M) == []
    assert held.drain() == ["c"]
    assert len(held) == 0


def test_a_changed_reply_by_or_a_dropped_request_is_respected():
    held = HeldRequests()
    held.hold("a", NOW + 10 * M)
    held.hold("a", NOW + 40 * M)  # its reply-by moved later
    held.hold("b", NOW + 5 * M)
    held.drop("b")  # done meanwhile
    assert held.next_release() == NOW + 40 * M
    assert held.due(NOW + 30 * M) == []
    assert held.due(NOW + 40 * M) == ["a"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.one_of(st.none(), st.integers(0, 60)),
                          st.booleans(), st.integers(0, 60)), max_size=40))
def test_releases_match_a_plain_reference(steps):
    """Any mix of holding, dropping and moving the clock (forward) releases each held
    request exactly when its latest breach time has passed, and never twice."""
    held = HeldRequests()
    reference: dict[str, datetime | None] = {}
    now = NOW
    released: list[str] = []
    for rid, breach_minutes, drop, advance in steps:
        breach = None if breach_minutes is None else NOW + breach_minutes * M
        if drop:
            held.drop(rid)
            reference.pop(rid, None)
        else:
            held.hold(rid, breach)
            reference[rid] = breach
        now += advance * M
        out = held.due(now)
        expected = sorted((b, r) for r, b in reference.items() if b is not None and b <= now)
        assert out == [r for _b, r in expected]
        for r in out:
            del reference[r]
        released += out
        upcoming = [b for b in reference.values() if b is not None]
        assert held.next_release() == (min(upcoming) if upcoming else None)
    assert sorted(held.drain()) == sorted(reference)


def test_the_digest_orders_by_reply_by_and_counts_today():
    requests = [req("late", due_in=600), req("soon", due_in=60), req("paused", due_in=None),
                req("done", due_in=30, state=State.DONE)]
    digest = Digest.of(requests, end_of_today=NOW + 8 * 60 * M)
    assert [r.id for r in digest.requests] == ["soon", "late", "paused"]
    assert digest.due_today == 1
    assert digest.title() == "3 requests held — 1 due today"


def test_outside_focus_at_most_one_notification_per_interval():
    coalesce = Coalescer(timedelta(minutes=10))
    assert coalesce.offer("a", NOW) == ["a"]
    assert coalesce.offer("b", NOW + 2 * M) == []
    assert coalesce.offer("c", NOW + 5 * M) == []
    assert coalesce.next_send() == NOW + 10 * M
    assert coalesce.tick(NOW + 9 * M) == []
    assert coalesce.tick(NOW + 10 * M) == ["b", "c"]
    assert coalesce.next_send() is None


def test_the_suggested_length_stops_before_the_next_reply_is_due():
    anna = req("anna", due_in=130, sender="Anna")
    length, bound = suggested_length([req("later", due_in=500), anna,
                                      req("snoozed", due_in=40, snoozed_until=NOW + 60 * M),
                                      req("done", due_in=10, state=State.DONE)], NOW)
    assert (length, bound) == (100 * M, anna)  # 1 h 40 m: 11:10 less the 30 m margin
    assert suggested_length([], NOW) == (UNBOUNDED, None)
    assert suggested_length([req(due_in=20)], NOW)[0] == timedelta(0)
