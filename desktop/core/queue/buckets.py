# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Grouping the queue by time left: Overdue, At risk, Today, Tomorrow, This week, Later,
Snoozed, Waiting, and Follow up (waiting requests whose follow-up time has come).

For a given moment every boundary between the time-based buckets is one instant, so a request's
bucket follows from its reply-by alone: :func:`edges_at` computes the instants once and
:meth:`BucketEdges.bucket_of` is a comparison. "At risk" means less than *N business minutes*
left, so a reply due Monday 09:30 is already at risk on Friday at 16:50.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum
from typing import NamedTuple

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _
from desktop.core.requests import Request, State


class Bucket(Enum):
    """The queue's groups, in the order they are shown."""

    OVERDUE = "overdue"
    AT_RISK = "at-risk"
    TODAY = "today"
    TOMORROW = "tomorrow"
    THIS_WEEK = "this-week"
    LATER = "later"
    SNOOZED = "snoozed"
    WAITING = "waiting"
    FOLLOW_UP = "follow-up"

    @property
    def label(self) -> str:
        """Untranslated label (pass it through ``_`` to show it)."""
        return _LABELS[self]


_LABELS = {
    Bucket.OVERDUE: N_("Overdue"),
    Bucket.AT_RISK: N_("At risk"),
    Bucket.TODAY: N_("Today"),
    Bucket.TOMORROW: N_("Tomorrow"),
    Bucket.THIS_WEEK: N_("This week"),
    Bucket.LATER: N_("Later"),
    Bucket.SNOOZED: N_("Snoozed"),
    Bucket.WAITING: N_("Waiting on others"),
    Bucket.FOLLOW_UP: N_("Follow up"),
}

TIMED_BUCKETS = (
    Bucket.OVERDUE,
    Bucket.AT_RISK,
    Bucket.TODAY,
    Bucket.TOMORROW,
    Bucket.THIS_WEEK,
    Bucket.LATER,
)


def parse_bucket(text: str) -> Bucket:
    """Read a bucket name such as ``at-risk`` or ``this-week``.

    Raises:
        InvalidInput: unknown name; the message lists the accepted ones.
    """
    try:
        return Bucket(text.strip().lower().replace("_", "-").replace(" ", "-"))
    except ValueError:
        raise InvalidInput(
            _("Unknown bucket '{value}'; use one of: {accepted}.").format(
                value=text, accepted=", ".join(b.value for b in Bucket)
            )
        ) from None


class QueueEntry(NamedTuple):
    """What it takes to place an active request in the queue, without loading all of it.

    Times are UTC seconds. ``reply_by`` is ``None`` while the request waits on others (its clock
    is paused), which also covers the ``waiting`` state. A window over 100,000 requests keeps
    these and loads full requests only for the rows on screen.
    """

    id: str
    reply_by: float | None
    received_at: float
    """Orders the waiting group; may be 0 for entries with a reply-by."""
    snoozed_until: float | None
    follow_up: float | None = None
    """While waiting: when the request comes back to be followed up."""

    @classmethod
    def of(cls, request: Request) -> QueueEntry:
        """The entry of a request that is neither done nor deleted."""
        paused = request.state is State.WAITING or request.reply_by is None
        return cls(
            request.id,
            None if paused or request.reply_by is None else request.reply_by.timestamp(),
            request.received_at.timestamp(),
            request.snoozed_until.timestamp() if request.snoozed_until else None,
            request.follow_up_at.timestamp() if paused and request.follow_up_at else None,
        )


@dataclass(frozen=True, slots=True)
class BucketEdges:
    """The instants (UTC seconds) where the time-based buckets meet, at one moment ``now``.

    A reply-by at or before ``bounds[0]`` is overdue, before ``bounds[1]`` at risk, before
    ``bounds[2]`` today, and so on; at or after ``bounds[4]`` it is later.
    """

    now: datetime
    bounds: tuple[float, float, float, float, float]

    def timed_bucket(self, reply_by_ts: float) -> Bucket:
        """The bucket of an open, unsnoozed request whose reply-by is ``reply_by_ts``."""
        if reply_by_ts <= self.bounds[0]:  # due this very second: overdue (as edges_at says)
            return Bucket.OVERDUE
        return TIMED_BUCKETS[bisect_right(self.bounds, reply_by_ts)]

    def entry_bucket(self, entry: QueueEntry) -> Bucket:
        """:meth:`bucket_of` for an active request known only by its :class:`QueueEntry`."""
        if entry.reply_by is None:
            if entry.follow_up is not None and entry.follow_up <= self.now.timestamp():
                return Bucket.FOLLOW_UP
            return Bucket.WAITING
        if entry.snoozed_until is not None and entry.snoozed_until > self.now.timestamp():
            return Bucket.SNOOZED
        return self.timed_bucket(entry.reply_by)

    def bucket_of(self, request: Request) -> Bucket | None:
        """Where ``request`` belongs now; ``None`` for done or deleted requests."""
        if request.state is State.DONE or request.deleted_at is not None:
            return None
        if request.needs_follow_up(self.now):
            return Bucket.FOLLOW_UP
        if request.state is State.WAITING or request.reply_by is None:
            return Bucket.WAITING
        if request.is_snoozed(self.now):
            return Bucket.SNOOZED
        return self.timed_bucket(request.reply_by.timestamp())


def overdue_counts(entries: Iterable[QueueEntry], now: datetime) -> tuple[int, int]:
    """How many active requests are overdue at ``now``, and how many of those are snoozed: a
    snooze hides a request but never its lateness, so both count as overdue."""
    cut, overdue, snoozed = now.timestamp(), 0, 0
    for entry in entries:
        if entry.reply_by is not None and entry.reply_by <= cut:
            overdue += 1
            snoozed += entry.snoozed_until is not None and entry.snoozed_until > cut
    return overdue, snoozed


@dataclass(frozen=True, slots=True)
class QueueHead:
    """The top of the queue at ``edges``: what a window needs to paint its first screen.

    ``counts`` has the number of requests of every bucket, ``first`` the ids of the first
    requests in queue order (bucket by bucket, each bucket in its own order) up to some number;
    a window shows it at once and reads the rest of the queue after it has painted.
    """

    edges: BucketEdges
    counts: tuple[int, ...]
    """Requests per bucket, in :class:`Bucket` order."""
    first: tuple[tuple[str, ...], ...]
    """Per bucket, the ids of its first rows (all, some or none of them)."""


def edges_at(now: datetime, calendar: BusinessCalendar, at_risk: timedelta) -> BucketEdges:
    """Compute the bucket boundaries for ``now`` in the calendar's zone.

    "Overdue" ends at ``now`` (a reply due this very second is overdue), "At risk" where
    ``at_risk`` of business time from now runs out, "Today" and "Tomorrow" at the user's local
    midnights, "This week" at the start of next Monday.
    """
    zone = calendar.zone
    today = now.astimezone(zone).date()
    overdue = now.timestamp()
    at_risk_end = max(_risk_edge(calendar, now, at_risk).timestamp(), overdue)
    tomorrow = _midnight(today + timedelta(days=1), zone)
    day_after = _midnight(today + timedelta(days=2), zone)
    next_week = _midnight(today + timedelta(days=7 - today.weekday()), zone)
    # Tomorrow's end may come after next Monday (on a Sunday); buckets never overlap.
    bounds = (
        overdue,
        at_risk_end,
        max(tomorrow, at_risk_end),
        max(day_after, at_risk_end),
        max(next_week, day_after, at_risk_end),
    )
    return BucketEdges(now, bounds)


def next_change(
    now: datetime,
    calendar: BusinessCalendar,
    at_risk: timedelta,
    reply_bys: Iterable[datetime],
    snoozes: Iterable[datetime],
) -> datetime:
    """The next moment after ``now`` at which some request changes bucket.

    That is the first of: the next local midnight; the earliest reply-by still ahead (it turns
    overdue); the moment the earliest reply-by not yet at risk comes within ``at_risk``
    business time; the end of the earliest running snooze.
    """
    zone = calendar.zone
    today = now.astimezone(zone).date()
    candidates = [datetime.fromtimestamp(_midnight(today + timedelta(days=1), zone), now.tzinfo)]
    risk_edge = _risk_edge(calendar, now, at_risk)
    ahead = sorted(t for t in reply_bys if t > now)
    if ahead:
        candidates.append(ahead[0])
        later = [t for t in ahead if t >= risk_edge]
        if later and calendar.hours.is_empty:
            candidates.append(later[0] - at_risk)
        elif later:
            turns = calendar.subtract(later[0], at_risk)
            candidates.append(turns if turns > now else calendar.next_opening(now))
    candidates.extend(t for t in snoozes if t > now)
    return max(min(candidates), now + timedelta(seconds=1))


def _risk_edge(calendar: BusinessCalendar, now: datetime, at_risk: timedelta) -> datetime:
    """Where ``at_risk`` of business time from ``now`` runs out.

    Without any working hours (every target then counts calendar hours) it is clock time.
    """
    return now + at_risk if calendar.hours.is_empty else calendar.add(now, at_risk)


def _midnight(day: date, zone: tzinfo) -> float:
    return datetime.combine(day, time(0), tzinfo=zone).timestamp()
