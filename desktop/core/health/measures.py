# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The async-health measures, per ISO week in the user's time zone.

What each measure counts (every one is a pure function of its inputs):

- **Meeting hours**: time in meetings (see :mod:`desktop.core.meetings` for which events
  count), overlapping meetings once, clipped to the week.
- **Focus minutes**: time in focus blocks, overlapping blocks once, clipped to the week. The
  **longest stretch** of a day is the longest piece of focus that day with no interruption
  inside it; **interruptions per focus hour** counts interruptions that fell inside focus.
- **Decision speed**: hours from opening a decision to making it, for the decisions *made* in
  the week: the median and the slowest.
- **Reply-target compliance**: of the requests whose reply-by fell in the week and has passed
  (or that are already done), the share done by their reply-by; overall, per channel and per
  priority. **Median time to reply**: business hours from arrival to done (time spent waiting
  on others left out), for the requests done in the week.
- **Replies outside their hours**: of the replies the outbox delivered in the week to someone
  whose zone and working hours are known, how many (and what share) arrived outside those
  hours, in the recipient's own zone.

A week runs from Monday 00:00 to the next Monday 00:00 local time, so a week with a
daylight-saving change has 167 or 169 hours.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.health.decisions import Decision
from desktop.core.health.off_hours import DeliveredReply, OffHours, off_hours_replies
from desktop.core.i18n import _
from desktop.core.intervals import Interval, clip, covered, merge, split_at
from desktop.core.meetings import MeetingEvent, meeting_intervals
from desktop.core.requests import Request, State

_HOUR = timedelta(hours=1)
_WEEK_TEXT = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    """An ISO 8601 week: ``2026-W48``."""

    year: int
    week: int

    @classmethod
    def of(cls, moment: datetime | date, zone: tzinfo | None = None) -> IsoWeek:
        """The week ``moment`` falls in, in ``zone`` (default UTC; a date is taken as it is)."""
        day = moment.astimezone(zone or UTC).date() if isinstance(moment, datetime) else moment
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Read ``2026-W48``.

        Raises:
            InvalidInput: not an ISO week.
        """
        match = _WEEK_TEXT.match(text.strip())
        try:
            if match:
                date.fromisocalendar(int(match[1]), int(match[2]), 1)
                return cls(int(match[1]), int(match[2]))
        except ValueError:
            pass
        raise InvalidInput(_("Write a week as 2026-W48."))

    @property
    def monday(self) -> date:
        """The week's first day."""
        return date.fromisocalendar(self.year, self.week, 1)

    def days(self) -> list[date]:
        """Monday to Sunday."""
        return [self.monday + timedelta(days=i) for i in range(7)]

    def bounds(self, zone: tzinfo) -> Interval:
        """Monday 00:00 to the next Monday 00:00 in ``zone``."""
        return day_bounds(self.monday, zone)[0], day_bounds(self.monday + timedelta(7), zone)[0]

    def shifted(self, weeks: int) -> IsoWeek:
        """The week ``weeks`` later (earlier when negative)."""
        return IsoWeek.of(self.monday + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def day_bounds(day: date, zone: tzinfo) -> Interval:
    """Midnight to midnight of ``day`` in ``zone``, as UTC instants (arithmetic on two times
    of one zone would be wall-clock arithmetic and miss a daylight-saving hour)."""
    return (datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC),
            datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC))


def last_weeks(now: datetime, zone: tzinfo, count: int) -> list[IsoWeek]:
    """The ``count`` weeks up to and including the current one, oldest first."""
    current = IsoWeek.of(now, zone)
    return [current.shifted(-k) for k in range(count - 1, -1, -1)]


@dataclass(frozen=True, slots=True)
class FocusSpan:
    """A focus block as it happened: its start and its actual end (UTC)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Interruption:
    """Something that broke into focus, at ``at`` (UTC)."""

    at: datetime


# -- meetings and focus --------------------------------------------------------------------------


def meeting_hours(events: Iterable[MeetingEvent], week: IsoWeek, zone: tzinfo,
                  me: Sequence[str]) -> float:
    """Hours of meetings in ``week``, overlaps once, all-day/cancelled/declined left out."""
    lo, hi = week.bounds(zone)
    return covered(meeting_intervals(events, me), lo, hi) / _HOUR


def _focus(spans: Iterable[FocusSpan]) -> list[Interval]:
    return merge((s.start, s.end) for s in spans)


def focus_minutes(spans: Iterable[FocusSpan], week: IsoWeek, zone: tzinfo) -> float:
    """Minutes of focus in ``week``, overlapping blocks counted once."""
    lo, hi = week.bounds(zone)
    return covered(_focus(spans), lo, hi) / timedelta(minutes=1)


def longest_stretches(spans: Iterable[FocusSpan], interruptions: Iterable[Interruption],
                      week: IsoWeek, zone: tzinfo) -> dict[date, float]:
    """For each day of ``week`` with focus, the minutes of its longest uninterrupted stretch.

    Focus crossing midnight counts towards each day for its part of it.
    """
    focus = _focus(spans)
    cuts = [i.at for i in interruptions]
    out: dict[date, float] = {}
    for day in week.days():
        lo, hi = day_bounds(day, zone)
        pieces = [p for piece in clip(focus, lo, hi) for p in split_at(piece, cuts)]
        if pieces:
            out[day] = max(e - s for s, e in pieces) / timedelta(minutes=1)
    return out


def interruptions_in_focus(spans: Iterable[FocusSpan], interruptions: Iterable[Interruption],
                           week: IsoWeek, zone: tzinfo) -> int:
    """How many interruptions fell inside focus time in ``week``."""
    lo, hi = week.bounds(zone)
    focus = clip(_focus(spans), lo, hi)
    return sum(1 for i in interruptions if any(s <= i.at < e for s, e in focus))


# -- decisions and replies -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecisionSpeed:
    """Decisions made in a week and how long they took (hours, open to made)."""

    made: int = 0
    median_hours: float | None = None
    slowest_hours: float | None = None


def decision_speed(decisions: Iterable[Decision], week: IsoWeek, zone: tzinfo) -> DecisionSpeed:
    """Median and slowest time to decide, for the decisions made in ``week``."""
    lo, hi = week.bounds(zone)
    hours = [(d.decided_at - d.opened_at) / _HOUR for d in decisions
             if d.decided_at is not None and lo <= d.decided_at < hi]
    if not hours:
        return DecisionSpeed()
    return DecisionSpeed(len(hours), statistics.median(hours), max(hours))


@dataclass(frozen=True, slots=True)
class Compliance:
    """Requests due in a week and how many were done by their reply-by."""

    due: int = 0
    on_time: int = 0

    @property
    def ratio(self) -> float | None:
        """The share on time, ``None`` when nothing was due."""
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True, slots=True)
class ReplyCompliance:
    """Reply-target compliance overall, per channel and per priority (keys: enum values)."""

    overall: Compliance = Compliance()
    by_channel: dict[str, Compliance] = field(default_factory=dict)
    by_priority: dict[str, Compliance] = field(default_factory=dict)


def reply_compliance(requests: Iterable[Request], week: IsoWeek, zone: tzinfo,
                     now: datetime) -> ReplyCompliance:
    """Of the requests due in ``week`` (reply-by in it, and passed or done), those done by
    their reply-by. A request still open after its reply-by counts as late; one not yet due
    and not done is left out until it is."""
    lo, hi = week.bounds(zone)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in requests:
        if r.reply_by is None or r.deleted_at is not None or not lo <= r.reply_by < hi:
            continue
        done = r.state is State.DONE and r.done_at is not None
        if not done and r.reply_by > now:
            continue
        cell = counts[(r.channel.value, r.priority.value)]
        cell[0] += 1
        cell[1] += 1 if done and r.done_at is not None and r.done_at <= r.reply_by else 0

    def sum_by(pick: int) -> dict[str, Compliance]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for key, (due, on_time) in counts.items():
            out[key[pick]][0] += due
            out[key[pick]][1] += on_time
        return {k: Compliance(*v) for k, v in sorted(out.items())}

    overall = Compliance(sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values()))
    return ReplyCompliance(overall, sum_by(0), sum_by(1))


def reply_business_hours(request: Request, calendar: BusinessCalendar) -> float | None:
    """Business hours from arrival to done, time waiting on others left out."""
    if request.done_at is None:
        return None
    spent = calendar.between(request.received_at, request.done_at)
    for pause in request.pauses:
        end = pause.end or request.done_at
        spent -= calendar.between(max(pause.start, request.received_at),
                                  max(min(end, request.done_at), request.received_at))
    return max(spent, timedelta(0)) / _HOUR


def median_reply_hours(requests: Iterable[Request], week: IsoWeek, zone: tzinfo,
                       calendar: BusinessCalendar) -> float | None:
    """Median business hours to reply, for the requests done in ``week``."""
    lo, hi = week.bounds(zone)
    hours = [h for r in requests
             if r.state is State.DONE and r.deleted_at is None and r.done_at is not None
             and lo <= r.done_at < hi and (h := reply_business_hours(r, calendar)) is not None]
    return statistics.median(hours) if hours else None


# -- one week's figures --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """Every measure for one week (``None`` where there was nothing to measure)."""

    week: IsoWeek
    meeting_hours: float
    focus_minutes: float
    longest_focus_minutes: float
    """The longest uninterrupted stretch of any day of the week."""
    longest_focus_by_day: dict[date, float]
    interruptions: int
    interruptions_per_focus_hour: float | None
    decisions: DecisionSpeed
    replies: ReplyCompliance
    median_reply_hours: float | None
    off_hours: OffHours = field(default_factory=OffHours)
    """Replies delivered outside the recipient's working hours."""

    def to_json(self) -> dict[str, Any]:
        """The week as ``unhurried stats --json`` prints it (hours and minutes rounded)."""
        def r(value: float | None, digits: int = 2) -> float | None:
            return None if value is None else round(value, digits)

        def ratios(table: dict[str, Compliance]) -> dict[str, float | None]:
            return {k: r(c.ratio, 3) for k, c in table.items()}

        return {
            "week": str(self.week),
            "meeting_hours": r(self.meeting_hours),
            "focus_minutes": r(self.focus_minutes, 1),
            "longest_focus_minutes": r(self.longest_focus_minutes, 1),
            "longest_focus_minutes_by_day": {d.isoformat(): r(m, 1)
                                             for d, m in self.longest_focus_by_day.items()},
            "interruptions": self.interruptions,
            "interruptions_per_focus_hour": r(self.interruptions_per_focus_hour),
            "decisions_made": self.decisions.made,
            "decisions_median_hours": r(self.decisions.median_hours),
            "decisions_slowest_hours": r(self.decisions.slowest_hours),
            "replies_due": self.replies.overall.due,
            "replies_on_time": self.replies.overall.on_time,
            "reply_on_time_ratio": r(self.replies.overall.ratio, 3),
            "reply_on_time_by_channel": ratios(self.replies.by_channel),
            "reply_on_time_by_priority": ratios(self.replies.by_priority),
            "median_reply_business_hours": r(self.median_reply_hours),
            "replies_delivered_known_hours": self.off_hours.known,
            "replies_outside_recipient_hours": self.off_hours.outside,
            "replies_outside_recipient_hours_ratio": r(self.off_hours.ratio, 3),
        }


@dataclass(frozen=True, slots=True)
class MeasureInputs:
    """Everything the measures read, for a range of weeks (already narrowed by the caller)."""

    events: Sequence[MeetingEvent] = ()
    focus: Sequence[FocusSpan] = ()
    interruptions: Sequence[Interruption] = ()
    decisions: Sequence[Decision] = ()
    requests: Sequence[Request] = ()
    deliveries: Sequence[DeliveredReply] = ()


def week_figures(week: IsoWeek, inputs: MeasureInputs, *, zone: tzinfo, now: datetime,
                 calendar: BusinessCalendar, me: Sequence[str]) -> WeekFigures:
    """Every measure for ``week``."""
    minutes = focus_minutes(inputs.focus, week, zone)
    longest = longest_stretches(inputs.focus, inputs.interruptions, week, zone)
    interrupted = interruptions_in_focus(inputs.focus, inputs.interruptions, week, zone)
    return WeekFigures(
        week=week,
        meeting_hours=meeting_hours(inputs.events, week, zone, me),
        focus_minutes=minutes,
        longest_focus_minutes=max(longest.values(), default=0.0),
        longest_focus_by_day=longest,
        interruptions=interrupted,
        interruptions_per_focus_hour=interrupted / (minutes / 60) if minutes else None,
        decisions=decision_speed(inputs.decisions, week, zone),
        replies=reply_compliance(inputs.requests, week, zone, now),
        median_reply_hours=median_reply_hours(inputs.requests, week, zone, calendar),
        off_hours=off_hours_replies(inputs.deliveries, week, zone),
    )


def against_previous(values: Sequence[float | None], previous: int = 4) -> tuple[
        float | None, float | None]:
    """The last value and the mean of the ``previous`` ones before it (``None`` ignored)."""
    if not values:
        return None, None
    before = [v for v in values[-1 - previous:-1] if v is not None]
    return values[-1], (statistics.fmean(before) if before else None)
