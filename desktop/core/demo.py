# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Demo requests placed relative to *now*, so a first start shows every bucket filled.

Each entry of the shipped demo file names the bucket it should land in. A reply-by inside that
bucket's stretch of working time is picked, and the received time is worked back from it through
the policy; where the policy cannot reach that far (a "later" chat message), the request gets a
deadline set by hand instead, as a user would for a long-running ask.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from desktop.core.calendar import BusinessCalendar
from desktop.core.policy import ResponsePolicy
from desktop.core.queue.buckets import Bucket, edges_at
from desktop.core.requests import Pause, Request, State, new_id, parse_channel, parse_priority

_MINUTE = timedelta(minutes=1)


DEMO_PEOPLE: dict[str, tuple[str, str]] = {
    "Maya Cohen <maya.cohen@umbrella-health.example>": ("America/New_York", "mon-fri 09:00-17:00"),
    "Emily Carter <emily.carter@initech.example>": ("America/Chicago", "mon-fri 08:30-16:30"),
    "Kenji Watanabe <kenji.watanabe@globex.example>": ("Asia/Tokyo", "mon-fri 09:30-18:00"),
    "Kenji Watanabe (@kenji.w)": ("Asia/Tokyo", "mon-fri 09:30-18:00"),
    "Ravi Iyer (@ravi)": ("Asia/Kolkata", "mon-fri 10:00-18:30"),
    "Anna Schmidt <anna.schmidt@northwind.example>": ("Europe/Berlin", "mon-fri 08:00-16:00"),
    "Beatriz Lima <beatriz.lima@wideworld.example>": ("America/Sao_Paulo", "mon-fri 09:00-18:00"),
}
"""Where some demo senders are and when they work, as their calendars' attendee data would
say (the people directory learns these with the demo)."""


def build_demo(
    entries: Sequence[Mapping[str, Any]],
    now: datetime,
    calendar: BusinessCalendar,
    policy: ResponsePolicy,
    at_risk: timedelta,
) -> list[Request]:
    """Turn demo entries into requests whose reply-by falls in each entry's ``place``."""
    edges = edges_at(now, calendar, at_risk)
    bounds = [datetime.fromtimestamp(b, now.tzinfo) for b in edges.bounds]
    out = []
    for index, entry in enumerate(entries):
        rng = random.Random(index)
        channel = parse_channel(entry["channel"])
        priority = parse_priority(entry["priority"])
        place = entry["place"]
        reply_by = _reply_by_for(place, now, bounds, calendar, rng)
        target = policy.target_for(channel, priority)
        budget = target.duration(calendar.day_length)
        received = calendar.subtract(reply_by, budget) if target.unit.is_business else (
            reply_by - budget
        )
        due = None
        if received > now - 5 * _MINUTE:
            received, due = now - rng.randint(10, 300) * _MINUTE, reply_by
        request = Request(
            id=new_id(),
            subject=entry["subject"],
            sender=entry.get("sender", ""),
            body=entry.get("body", ""),
            links=tuple(entry.get("links", ())),
            channel=channel,
            priority=priority,
            received_at=received.replace(microsecond=0),
            due=due.replace(microsecond=0) if due else None,
            source="demo",
            external_id=f"demo-{index}",
            modified_at=now,
        )
        out.append(_finish(request, place, now, rng))
    return out


def _reply_by_for(
    place: str,
    now: datetime,
    bounds: list[datetime],
    calendar: BusinessCalendar,
    rng: random.Random,
) -> datetime:
    """A reply-by inside the working time of ``place``'s stretch, or the nearest later one."""
    if place in (Bucket.OVERDUE.value, "done"):
        return now - rng.randint(30, 26 * 60) * _MINUTE
    stretches = {
        Bucket.AT_RISK.value: 1, Bucket.TODAY.value: 2, Bucket.TOMORROW.value: 3,
        Bucket.THIS_WEEK.value: 4, Bucket.SNOOZED.value: 3, Bucket.WAITING.value: 3,
        Bucket.FOLLOW_UP.value: 3,
    }
    if place == Bucket.LATER.value:
        return calendar.add(bounds[4], calendar.day_length * rng.randint(2, 12))
    first = stretches.get(place, 3)
    for k in range(first, 5):  # an empty stretch (Today at 16:55) hands over to the next one
        lo = now if k == 1 else bounds[k - 1]
        span = calendar.between(lo, bounds[k])
        if span > 10 * _MINUTE:
            return calendar.add(lo, span * rng.uniform(0.15, 0.85))
    return calendar.add(bounds[4], calendar.day_length * rng.randint(1, 3))


def _finish(request: Request, place: str, now: datetime, rng: random.Random) -> Request:
    if place == Bucket.SNOOZED.value:
        until = now + timedelta(hours=rng.randint(3, 60))
        return Request(**{**_fields(request), "snoozed_until": until.replace(microsecond=0)})
    if place == Bucket.WAITING.value:
        since = max(request.received_at, now - rng.randint(30, 600) * _MINUTE)
        return Request(**{**_fields(request), "state": State.WAITING, "pauses": (Pause(since),)})
    if place == Bucket.FOLLOW_UP.value:  # waited days ago; the follow-up came due this morning
        since = max(request.received_at, now - rng.randint(3, 5) * timedelta(days=1))
        follow_up = (now - rng.randint(30, 240) * _MINUTE).replace(microsecond=0)
        return Request(**{**_fields(request), "state": State.WAITING, "pauses": (Pause(since),),
                          "follow_up_at": follow_up})
    if place == "done":
        done_at = max(request.received_at, now - rng.randint(20, 2000) * _MINUTE)
        return Request(**{**_fields(request), "state": State.DONE, "done_at": done_at})
    return request


def _fields(request: Request) -> dict[str, Any]:
    return {name: getattr(request, name) for name in request.__slots__}
