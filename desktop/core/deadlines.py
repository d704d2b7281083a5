# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deriving a request's reply-by time from the policy, the calendar and its pauses.

The clock starts when the request arrives and runs through the target. "Waiting on others"
stops it: the time already used is kept, and on resuming the rest of the target runs from the
moment of resuming. A snooze never moves the reply-by. A deadline set by hand (``due``) wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desktop.core.calendar import BusinessCalendar
from desktop.core.policy import ResponsePolicy, Target
from desktop.core.requests import Request


@dataclass(frozen=True, slots=True)
class Clockwork:
    """What the policy and the calendar say about one request's clock."""

    reply_by: datetime | None
    """When the reply is due; ``None`` while the clock is paused."""
    remaining: timedelta
    """Target time still left when the clock last stopped (the whole target if never paused)."""


def derive(request: Request, policy: ResponsePolicy, calendar: BusinessCalendar) -> Clockwork:
    """Run the request's clock through its pauses and return where it stands."""
    target = policy.target_for(request.channel, request.priority)
    budget = target.duration(calendar.day_length)
    if request.due is not None:
        return Clockwork(request.due, budget)
    running_from = request.received_at
    for pause in request.pauses:
        used = _elapsed(target, calendar, running_from, pause.start)
        if used >= budget:
            break  # the reply-by had already passed when the wait started
        budget -= used
        if pause.end is None:
            return Clockwork(None, budget)
        running_from = max(pause.end, running_from)
    return Clockwork(_advance(target, calendar, running_from, budget), budget)


def with_reply_by(request: Request, policy: ResponsePolicy, calendar: BusinessCalendar) -> Request:
    """The request with its stored ``reply_by`` derived afresh."""
    reply_by = derive(request, policy, calendar).reply_by
    return request if reply_by == request.reply_by else replace(request, reply_by=reply_by)


def with_reply_bys(
    requests: Sequence[Request], policy: ResponsePolicy, calendar: BusinessCalendar
) -> list[Request]:
    """:func:`with_reply_by` for many requests; those never paused and without a deadline
    of their own are derived together per target (:meth:`BusinessCalendar.add_many`)."""
    out = list(requests)
    simple: dict[Target, list[int]] = defaultdict(list)
    for index, request in enumerate(out):
        target = policy.target_for(request.channel, request.priority)
        if request.due is None and not request.pauses and target.unit.is_business:
            simple[target].append(index)
        else:
            out[index] = with_reply_by(request, policy, calendar)
    for target, indexes in simple.items():
        starts = [out[i].received_at for i in indexes]
        budget = target.duration(calendar.day_length)
        for i, reply_by in zip(indexes, calendar.add_many(starts, budget), strict=True):
            if reply_by != out[i].reply_by:
                out[i] = replace(out[i], reply_by=reply_by)
    return out


def time_left(
    request: Request, policy: ResponsePolicy, calendar: BusinessCalendar, now: datetime
) -> timedelta:
    """Time from ``now`` until the reply-by, counted as the request's target counts time.

    Negative once the reply-by has passed; the whole remaining target while the clock is paused.
    """
    if request.reply_by is None:
        return derive(request, policy, calendar).remaining
    target = policy.target_for(request.channel, request.priority)
    if target.unit.is_business:
        return calendar.between(now, request.reply_by)
    return request.reply_by - now


def _elapsed(target: Target, calendar: BusinessCalendar, a: datetime, b: datetime) -> timedelta:
    if b <= a:
        return timedelta(0)
    return calendar.between(a, b) if target.unit.is_business else b - a


def _advance(
    target: Target, calendar: BusinessCalendar, start: datetime, budget: timedelta
) -> datetime:
    return calendar.add(start, budget) if target.unit.is_business else start + budget
