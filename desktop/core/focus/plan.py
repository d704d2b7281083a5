# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus blocks as the user plans and records them: one-off sessions, recurring schedules,
and the focus minutes per day they add up to. Pure: every function takes ``now``.

A :class:`FocusSession` is one stored block. Its id is stable (a UUID; for a block made from a
schedule it is derived from the schedule and the day, so two devices make the same block), and
a deleted session stays as a tombstone, because blocks sync as calendar events.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.errors import InvalidInput
from desktop.core.focus.blocks import FocusBlock
from desktop.core.i18n import _
from desktop.core.working_hours import DAY_NAMES, TimeRange, parse_working_hours

MAX_LENGTH = timedelta(hours=12)
"""The longest block one start may ask for: a typo (``900m``) should not silence a day."""

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_SCHEDULE_NAMESPACE = uuid.UUID("4f0c8f55-3d2e-4c59-9a51-5f3b4a7e2c11")


@dataclass(frozen=True, slots=True)
class FocusSession:
    """One focus block as stored.

    ``ended_at`` is the actual end when the block was stopped early; ``None`` means it runs
    (or ran) to ``planned_end``.
    """

    id: str
    start: datetime
    planned_end: datetime
    modified_at: datetime
    ended_at: datetime | None = None
    schedule_id: str | None = None
    deleted_at: datetime | None = None

    @property
    def end(self) -> datetime:
        """When the block ends (or ended)."""
        return self.ended_at if self.ended_at is not None else self.planned_end

    @property
    def block(self) -> FocusBlock:
        """The stretch the focus policy protects."""
        return FocusBlock(self.start, self.end)

    def is_active(self, now: datetime) -> bool:
        """Whether the block runs at ``now``."""
        return self.deleted_at is None and self.start <= now < self.end


def new_session(now: datetime, *, length: timedelta | None = None,
                until: datetime | None = None) -> FocusSession:
    """A block that starts ``now`` and lasts ``length`` or runs ``until`` a time.

    Raises:
        InvalidInput: neither or both given, a zero or negative length, an end in the past, or
            longer than :data:`MAX_LENGTH`.
    """
    if (length is None) == (until is None):
        raise InvalidInput(_("Say how long to focus (e.g. 90m) or until when (e.g. 11:30)."))
    end = now + length if length is not None else until
    assert end is not None
    check_length(now, end)
    return FocusSession(str(uuid.uuid4()), now, end, now)


def booked(stretches: Iterable[tuple[datetime, datetime]], now: datetime,
           existing: Iterable[FocusSession]) -> list[FocusSession]:
    """Focus blocks for free ``stretches`` (from "Find focus time"), to start when they start.

    A stretch that has begun starts its block now; one that has passed, or that overlaps a
    block already planned, is refused.

    Raises:
        InvalidInput: a stretch has passed, overlaps a block or is too long.
    """
    taken = [s.block for s in existing if s.deleted_at is None and s.end > now]
    sessions: list[FocusSession] = []
    for start, end in sorted(stretches):
        start = max(start, now)
        check_length(start, end)
        if any(start < block.end and block.start < end for block in taken):
            raise InvalidInput(_("A ticked stretch overlaps a focus block that is already "
                                 "planned; untick it and try again."))
        session = FocusSession(str(uuid.uuid4()), start, end, now)
        taken.append(session.block)
        sessions.append(session)
    return sessions


def next_planned_start(sessions: Iterable[FocusSession], now: datetime) -> datetime | None:
    """When the next block planned ahead (not yet running) starts."""
    return min((s.start for s in sessions if s.deleted_at is None and s.start > now),
               default=None)


def check_length(start: datetime, end: datetime) -> None:
    """Refuse an end at or before the start, or a block longer than :data:`MAX_LENGTH`.

    Raises:
        InvalidInput: with a sentence that says what is accepted.
    """
    if end <= start:
        raise InvalidInput(_("A focus block must end after it starts; give a positive length "
                             "such as 90m or a time later than now."))
    if end - start > MAX_LENGTH:
        raise InvalidInput(_("A focus block can last at most 12 hours."))


def extend(session: FocusSession, by: timedelta, now: datetime) -> FocusSession:
    """The running block made ``by`` longer.

    Raises:
        InvalidInput: ``by`` is not positive, or the block would pass :data:`MAX_LENGTH`.
    """
    if by <= timedelta(0):
        raise InvalidInput(_("Extend by a positive length, such as 15m."))
    planned = session.end + by
    check_length(session.start, planned)
    return replace(session, planned_end=planned, ended_at=None, modified_at=now)


def stop(session: FocusSession, now: datetime) -> FocusSession:
    """The block stopped at ``now`` (never before it started)."""
    return replace(session, ended_at=max(min(now, session.end), session.start),
                   modified_at=now)


def parse_length(text: str) -> timedelta:
    """Read ``90m``, ``1h30m``, ``2h``, ``45`` (minutes).

    Raises:
        InvalidInput: not a positive length.
    """
    value = text.strip().lower().replace(" ", "")
    total = timedelta(0)
    number = ""
    try:
        for char in value:
            if char.isdigit():
                number += char
            elif char in "hm" and number:
                total += timedelta(hours=int(number)) if char == "h" else timedelta(
                    minutes=int(number))
                number = ""
            else:
                raise ValueError(char)
        if number:
            total += timedelta(minutes=int(number))
    except (ValueError, OverflowError):
        total = timedelta(0)
    if total <= timedelta(0) or not value:
        raise InvalidInput(_("Write a length such as 90m, 1h30m or 2h (more than zero)."))
    return total


def zone_named(name: str) -> ZoneInfo:
    """The zone called ``name``.

    Raises:
        InvalidInput: not a known IANA zone.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("Unknown time zone '{value}'; use an IANA name such as "
                             "Europe/Berlin or UTC.").format(value=name)) from None


@dataclass(frozen=True, slots=True)
class FocusSchedule:
    """A recurring block: on ``weekdays`` (0 = Monday) from ``span.start`` to ``span.end``
    minutes after local midnight in ``zone``."""

    id: str
    weekdays: tuple[int, ...]
    span: TimeRange
    zone: str
    modified_at: datetime
    deleted_at: datetime | None = None

    def occurrence_on(self, day: date) -> FocusBlock | None:
        """The block on ``day`` (local), or ``None`` on other weekdays."""
        if day.weekday() not in self.weekdays:
            return None
        zone = ZoneInfo(self.zone)
        start = _local(day, self.span.start, zone)
        end = _local(day, self.span.end, zone)
        return FocusBlock(start, end) if end > start else None

    def occurrences(self, start: datetime, end: datetime) -> Iterator[FocusBlock]:
        """The blocks that overlap ``start`` to ``end``, in order."""
        zone = ZoneInfo(self.zone)
        day = start.astimezone(zone).date() - timedelta(days=1)  # one crossing midnight
        last = end.astimezone(zone).date()
        while day <= last:
            block = self.occurrence_on(day)
            if block is not None and block.end > start and block.start < end:
                yield block
            day += timedelta(days=1)

    def session_id(self, day: date) -> str:
        """The stable id of the block this schedule makes on ``day``."""
        return str(uuid.uuid5(_SCHEDULE_NAMESPACE, f"{self.id}/{day.isoformat()}"))

    @property
    def text(self) -> str:
        """``mon,wed,fri 09:00-11:00``."""
        return f"{','.join(DAY_NAMES[d] for d in self.weekdays)} {self.span}"


def _local(day: date, minutes: int, zone: tzinfo) -> datetime:
    # wall-clock arithmetic, then read in the zone: 09:00 stays 09:00 across a DST change
    wall = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def parse_schedule(text: str, zone: str, now: datetime,
                   existing: Iterable[FocusSchedule] = ()) -> FocusSchedule:
    """Read ``mon-fri 09:00-11:00`` into a schedule in ``zone``.

    Raises:
        InvalidInput: not that form, an unknown zone, zero length, or it overlaps one of the
            ``existing`` schedules on a shared weekday.
    """
    zone_named(zone)
    clauses = [c for c in text.split(";") if c.strip()]
    if len(clauses) != 1:
        raise InvalidInput(_("Write one schedule such as 'mon-fri 09:00-11:00'."))
    hours = parse_working_hours(text)
    spans = {r for day in hours.days for r in day}
    if len(spans) != 1:
        raise InvalidInput(_("Write one schedule such as 'mon-fri 09:00-11:00'."))
    span = spans.pop()
    if span.minutes >= 24 * 60 or span.minutes > MAX_LENGTH.total_seconds() // 60:
        raise InvalidInput(_("A scheduled focus block must end after it starts and last at "
                             "most 12 hours, e.g. 'mon-fri 09:00-11:00'."))
    weekdays = tuple(d for d in range(7) if hours.days[d])
    schedule = FocusSchedule(str(uuid.uuid4()), weekdays, span, zone, now)
    for other in existing:
        if other.deleted_at is None and _overlap(schedule, other):
            raise InvalidInput(_("This overlaps your focus schedule '{other}'; remove that one "
                                 "first or pick another time.").format(other=other.text))
    return schedule


def _overlap(a: FocusSchedule, b: FocusSchedule) -> bool:
    """Whether two weekly schedules share any minute of the week (in UTC, one week sampled)."""
    monday = date(2026, 1, 5)  # a week without DST changes in either hemisphere's usual zones
    start = datetime.combine(monday, time(0), tzinfo=UTC) - timedelta(days=1)
    end = start + timedelta(days=9)
    blocks = list(b.occurrences(start, end))
    return any(x.start < y.end and y.start < x.end
               for x in a.occurrences(start, end) for y in blocks)


def due_scheduled(schedules: Iterable[FocusSchedule], now: datetime,
                  sessions: Iterable[FocusSession]) -> FocusSession | None:
    """The block a schedule says should run at ``now`` and that is not stored yet.

    A scheduled block the user stopped (or deleted) is stored, so it is not made again; a block
    already running wins, and a scheduled one starts, clamped to ``now``, only when it ends.
    """
    stored = {s.id for s in sessions}
    running = any(s.is_active(now) for s in sessions)
    if running:
        return None
    for schedule in schedules:
        if schedule.deleted_at is not None:
            continue
        for block in schedule.occurrences(now, now + timedelta(seconds=1)):
            day = block.start.astimezone(ZoneInfo(schedule.zone)).date()
            session_id = schedule.session_id(day)
            if session_id not in stored:
                return FocusSession(session_id, max(block.start, now), block.end, now,
                                    schedule_id=schedule.id)
    return None


def next_scheduled_start(schedules: Iterable[FocusSchedule], now: datetime) -> datetime | None:
    """When the next scheduled block starts after ``now``, within a week."""
    starts = [block.start for s in schedules if s.deleted_at is None
              for block in s.occurrences(now, now + timedelta(days=8)) if block.start > now]
    return min(starts, default=None)


def focus_minutes_by_day(sessions: Iterable[FocusSession], zone: tzinfo,
                         now: datetime) -> dict[date, int]:
    """Minutes of focus per local day, a block split at midnight, a running one up to ``now``."""
    out: dict[date, int] = {}
    for session in sessions:
        if session.deleted_at is not None or session.start >= now:
            continue
        start, end = session.start, min(session.end, now)
        while start < end:
            local = start.astimezone(zone)
            midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
            piece_end = min(end, midnight.astimezone(start.tzinfo))
            minutes = (piece_end - start).total_seconds() / 60
            out[local.date()] = out.get(local.date(), 0) + round(minutes)
            start = piece_end
    return out


def parse_clock_times(text: str) -> tuple[int, ...]:
    """Read delivery times ``11:30, 15:30`` as minutes after midnight (empty: none).

    Raises:
        InvalidInput: a time that is not HH:MM.
    """
    out: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _CLOCK.match(part)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise InvalidInput(_("Write delivery times as HH:MM separated by commas, e.g. "
                                 "11:30, 15:30."))
        out.add(int(match[1]) * 60 + int(match[2]))
    return tuple(sorted(out))
