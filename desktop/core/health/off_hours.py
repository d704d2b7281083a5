# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Replies sent outside the other person's working hours: a health measure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.core.working_hours import MINUTES_PER_DAY, WorkingHours

if TYPE_CHECKING:
    from desktop.core.health.measures import IsoWeek

@dataclass(frozen=True, slots=True)
class DeliveredReply:
    """A reply the outbox delivered: when, and the recipient's zone and hours (``None``
    where the people directory does not know them)."""

    sent_at: datetime
    zone: tzinfo | None = None
    hours: WorkingHours | None = None


@dataclass(frozen=True, slots=True)
class OffHours:
    """Replies delivered in a week: ``known`` to someone whose zone and hours are known,
    ``outside`` of those outside their hours, ``unknown`` the rest."""

    known: int = 0
    outside: int = 0
    unknown: int = 0

    @property
    def ratio(self) -> float | None:
        """The share of ``known`` delivered outside hours (``None``: none known)."""
        return self.outside / self.known if self.known else None


def within_hours(moment: datetime, zone: tzinfo, hours: WorkingHours) -> bool:
    """Whether ``moment`` falls in ``hours`` on the wall clock of ``zone`` (a range that
    crosses midnight counts on the next morning too)."""
    local = moment.astimezone(zone)
    minute = local.hour * 60 + local.minute
    today, yesterday = hours.days[local.weekday()], hours.days[(local.weekday() - 1) % 7]
    return (any(r.start <= minute < r.end for r in today)
            or any(r.start <= minute + MINUTES_PER_DAY < r.end for r in yesterday))


def off_hours_replies(replies: Iterable[DeliveredReply], week: IsoWeek,
                      zone: tzinfo) -> OffHours:
    """Replies delivered in ``week`` (the user's ``zone``) outside the recipient's hours."""
    lo, hi = week.bounds(zone)
    known = outside = unknown = 0
    for reply in replies:
        if not lo <= reply.sent_at < hi:
            continue
        if reply.zone is None or reply.hours is None:
            unknown += 1
            continue
        known += 1
        outside += not within_hours(reply.sent_at, reply.zone, reply.hours)
    return OffHours(known, outside, unknown)
