# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calendar files (``.ics``) into meeting events, for meeting hours and free time.

Recurring series are expanded with ``recurring-ical-events`` (which honours EXDATE, RDATE,
moved and cancelled occurrences) but only within the range asked for, and lazily, so a series
without an end costs no more than the weeks it covers. Time zones come from the file's
VTIMEZONE blocks or the IANA name in TZID; a zone neither knows is read as UTC and reported.
Floating times (no zone) are the calendar's X-WR-TIMEZONE, else the user's zone.

Broken input is imported as far as it goes. The file is split into its events before any of it
is parsed, so one bad date, a truncated last event or a series that cannot be expanded costs
that event only; each such loss is listed as a :class:`~desktop.core.importing.items.Problem`. Bytes
that are not UTF-8 are read as Windows-1252 and reported.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]

from desktop.core.budgets import BudgetExceeded, Deadline
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.ical_budget import ZONE_HORIZON_YEAR, ExpansionBudget, rule_costs
from desktop.core.importing.items import Problem
from desktop.core.meetings import MeetingEvent
from desktop.sources.ics_blocks import Block, split_blocks, unfold

MAX_OCCURRENCES = 1_000
"""Occurrences kept of one series within the range (59 weeks on import): a meeting twice every
day is 826; more is not a meeting series. Each costs about 1.3 ms to expand."""
MAX_WINDOW_REPETITIONS = 20 * MAX_OCCURRENCES
"""What a rule may give within the range's years, priced before expanding it (an upper bound:
whole years, every BY value). Above this it would only run into :data:`MAX_OCCURRENCES`
after seconds of expanding, so it is reported at once: an hourly series is 17,568."""
MAX_ICS_BYTES = 64 * 2**20
"""A calendar export of ten busy years is about 20 MB; 64 MiB keeps every real one and bounds
the lines held in memory (a few times the file)."""
MAX_COMPONENTS = 100_000
"""Events and time zones read from one file: ten busy years are about 20,000 events."""
MAX_ICS_SECONDS = 30.0
"""Wall time for one file. 5,000 meetings in the range (a very full calendar) take about 7 s;
the rest is room for a slow machine, not for a hostile file."""
MAX_SERIES_SECONDS = 3.0
"""Wall time for one series, so one cannot spend the whole file's: 1,000 occurrences (the most
kept) take about 1.3 s."""
_TOO_FREQUENT = {"SECONDLY", "MINUTELY"}
_TZID = re.compile(r"^(?:DTSTART|DTEND|RECURRENCE-ID)[^:]*;TZID=\"?([^:;\"]+)", re.IGNORECASE)
_FREQ = re.compile(r"^RRULE(?:;[^:]*)?:.*\bFREQ=([A-Z]+)", re.IGNORECASE)


@dataclass(slots=True)
class CalendarFile:
    """What one ``.ics`` file gave: its calendar id, its events and what was lost."""

    calendar_id: str
    events: list[MeetingEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    organizer_zones: dict[str, str] = field(default_factory=dict)
    """Organizer address → the IANA zone their events are written in (for the people
    directory: where someone schedules is a fair hint at where they are)."""


def read_ics(path: Path, start: datetime, end: datetime, *, floating_zone: tzinfo = UTC,
             max_occurrences: int = MAX_OCCURRENCES) -> CalendarFile:
    """The events of ``path`` that overlap ``[start, end)``, recurring ones expanded.

    Raises:
        InvalidInput: the file cannot be read or is not a calendar at all.
    """
    try:
        with path.open("rb") as file:  # never more than the budget, whatever the file's size
            data = file.read(MAX_ICS_BYTES + 1)
    except OSError as error:
        raise InvalidInput(_("{path} could not be read: {error}").format(
            path=path, error=error.strerror or error)) from None
    if len(data) > MAX_ICS_BYTES:  # refused whole: a calendar read in part would replace
        # the meetings already imported from it with fewer
        raise InvalidInput(_("{path} is larger than {mib} MiB, the limit for a calendar "
                             "file.").format(path=path, mib=MAX_ICS_BYTES // 2**20))
    where = str(path)
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        problems.append(Problem(where, _("The file is not UTF-8; it was read as Windows-1252, "
                                         "so some letters may be wrong.")))
    lines = unfold(text)
    if not any(line.upper() in ("BEGIN:VCALENDAR", "BEGIN:VEVENT") for line in lines):
        raise InvalidInput(_("{path} is not an iCalendar (.ics) file.").format(path=path))
    header, blocks = split_blocks(lines)
    calendar_id = header.get("X-WR-CALNAME", "").strip() or str(path.resolve())
    floating = _zone_named(header.get("X-WR-TIMEZONE", "")) or floating_zone
    result = CalendarFile(calendar_id, problems=problems)
    if len(blocks) > MAX_COMPONENTS:
        problems.append(Problem(where, BudgetExceeded(_("events and time zones in a file"),
                                                      f"{MAX_COMPONENTS:,}").reason()))
        del blocks[MAX_COMPONENTS:]
    budget = ExpansionBudget()
    zones = _zones(where, blocks, budget, problems)
    groups: dict[str, list[Block]] = {}
    for block in blocks:
        if block.name != "VEVENT":
            continue
        label = _label(where, block)
        if not block.complete:
            problems.append(Problem(label, _("The file ends inside this event (truncated); "
                                             "it was left out.")))
            continue
        _organizer_zone(block, result.organizer_zones)
        uid = block.uid or "no-uid-" + hashlib.sha1(
            "\n".join(block.lines).encode()).hexdigest()[:16]
        groups.setdefault(uid, []).append(block)
    window = (start.astimezone(UTC), end.astimezone(UTC))
    deadline = Deadline(MAX_ICS_SECONDS, time.monotonic, _("time per calendar file"))
    for uid, group in groups.items():
        reader = _SeriesReader(result.calendar_id, uid, _label(where, group[0]), floating,
                               window, max_occurrences)
        if reader.too_frequent(group):
            problems.extend(reader.problems)
            continue
        lines = [line for b in group for line in b.lines]
        try:
            deadline.check()
            if max(rule_costs(lines, window[1].year, window[0].year), default=0) > \
                    MAX_WINDOW_REPETITIONS:
                raise BudgetExceeded(_("repetitions in the weeks imported"),
                                     f"{MAX_WINDOW_REPETITIONS:,}")
            budget.charge(lines, window[1].year)
        except BudgetExceeded as breach:
            problems.append(Problem(reader.label, breach.reason()))
            continue
        result.events.extend(reader.read(zones, group, deadline.sooner(MAX_SERIES_SECONDS)))
        problems.extend(reader.problems)
    return result


def _zones(where: str, blocks: list[Block], budget: ExpansionBudget,
           problems: list[Problem]) -> dict[str, Block]:
    """The file's usable VTIMEZONEs by TZID, each priced once: a zone whose rules are over
    the budget is left out (its times then read as UTC, and reported)."""
    zones: dict[str, Block] = {}
    for block in blocks:
        if block.name != "VTIMEZONE":
            continue
        label = _("{file}: time zone at line {line}").format(file=where, line=block.line_no)
        if not block.complete:
            problems.append(Problem(label, _("The file ends inside this time zone; it was "
                                             "left out.")))
            continue
        tzid = next((m[1].strip() for line in block.lines
                     if (m := re.match(r"^TZID[^:]*:(.+)$", line, re.IGNORECASE))), "")
        try:
            budget.charge(block.lines, ZONE_HORIZON_YEAR)
        except BudgetExceeded as breach:
            problems.append(Problem(label, breach.reason()))
            continue
        zones.setdefault(tzid, block)
    return zones


_ORGANIZER = re.compile(r"^ORGANIZER[^:]*:(?:mailto:)?(.+)$", re.IGNORECASE)


def _organizer_zone(block: Block, found: dict[str, str]) -> None:
    """Note the organizer's address and the IANA zone of the event's start, if both are
    there (a zone defined only by the file's VTIMEZONE is not an IANA name: skipped)."""
    address = zone = ""
    for line in block.lines:
        if match := _ORGANIZER.match(line):
            address = match[1].strip().lower()
        elif (match := _TZID.match(line)) and line.upper().startswith("DTSTART"):
            zone = match[1].strip()
    if "@" in address and zone and _zone_named(zone) is not None:
        found[address] = zone


def _label(where: str, block: Block) -> str:
    uid = block.uid
    return f"{where}: {uid}" if uid else _("{file}: event at line {line}").format(
        file=where, line=block.line_no)


def _zone_named(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name.strip()) if name.strip() else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


class _SeriesReader:
    """Reads one UID's events (a single event, or a series with its moved occurrences)."""

    def __init__(self, calendar_id: str, uid: str, label: str, floating: tzinfo,
                 window: tuple[datetime, datetime], max_occurrences: int) -> None:
        self.calendar_id, self.uid, self.label = calendar_id, uid, label
        self.floating, self.window, self.max_occurrences = floating, window, max_occurrences
        self.problems: list[Problem] = []
        self._unknown_zones: set[str] = set()
        self._tzids: set[str] = set()

    def read(self, zones: dict[str, Block], group: list[Block], deadline: Deadline
             ) -> list[MeetingEvent]:
        named = {m[1].strip() for b in group for line in b.lines if (m := _TZID.match(line))}
        used = [zones[z] for z in sorted(named) if z in zones]  # not every zone of the file
        self._tzids = {z for z in named if z not in zones and not _zone_named(z)}
        text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//unhurried//import//EN",
                            *(line for z in used for line in z.lines),
                            *(line for b in group for line in b.lines), "END:VCALENDAR", ""])
        try:
            calendar = icalendar.Calendar.from_ical(text)
            broken = [f"{name}: {reason}" for event in calendar.walk("VEVENT")
                      for name, reason in getattr(event, "errors", [])
                      if name in ("DTSTART", "DTEND", "DURATION", "RRULE", "RECURRENCE-ID")]
            if broken:
                self._problem(_("Its dates cannot be read ({reason}); it was left out.").format(
                    reason="; ".join(broken)))
                return []
            return list(self._occurrences(calendar, len(group) > 1 or self._recurs(group),
                                          deadline))
        except BudgetExceeded as breach:
            self._problem(breach.reason())
            return []
        except Exception as error:  # the parser's failures have no common base: any one
            # costs this event only
            self._problem(_("It cannot be read ({reason}); it was left out.").format(
                reason=error))
            return []

    def too_frequent(self, group: list[Block]) -> bool:
        """Whether the series repeats by the second or minute (reported: no meeting does)."""
        for block in group:
            match = next(filter(None, (_FREQ.match(line) for line in block.lines)), None)
            if match and match[1].upper() in _TOO_FREQUENT:
                self._problem(_("It repeats every second or minute, which no meeting does; "
                                "it was left out."))
                return True
        return False

    @staticmethod
    def _recurs(group: list[Block]) -> bool:
        return any(line.upper().startswith(("RRULE", "RDATE")) for b in group for line in b.lines)

    def _occurrences(self, calendar: icalendar.Calendar, series: bool, deadline: Deadline
                     ) -> Iterator[MeetingEvent]:
        lo, hi = self.window
        query = recurring_ical_events.of(calendar)
        seen: set[str] = set()
        for count, occurrence in enumerate(query.after(lo), start=1):
            deadline.check()
            event = self._event(occurrence, series)
            if event.start >= hi and not event.all_day:
                break
            if event.all_day and event.start >= hi + timedelta(days=1):
                break
            if count > self.max_occurrences:
                self._problem(_("It has more than {count} occurrences in the weeks imported; "
                                "the rest were left out.").format(count=self.max_occurrences))
                break
            if event.recurrence_id in seen:
                if not self.problems:
                    self._problem(_("The same event is in the file twice; the first was "
                                    "kept."))
                continue
            seen.add(event.recurrence_id)
            yield event
        for zone in sorted(self._unknown_zones):
            self._problem(_("Unknown time zone '{zone}'; its times were read as UTC.").format(
                zone=zone))
        # A zone the expansion replaced on its own (e.g. a start in an unknown zone read in
        # the end's known one) is still one the file named and nobody could read.
        for zone in sorted(self._tzids - self._unknown_zones):
            self._problem(_("Unknown time zone '{zone}'; times given in it may be off by the "
                            "difference to the event's other zone.").format(zone=zone))

    def _event(self, occurrence: Any, series: bool) -> MeetingEvent:
        start_prop = occurrence["DTSTART"]
        start_value = start_prop.dt
        end_prop = occurrence.get("DTEND")
        end_value = end_prop.dt if end_prop is not None else start_value
        all_day = isinstance(start_value, date) and not isinstance(start_value, datetime)
        if all_day:
            start = datetime.combine(start_value, datetime.min.time(), tzinfo=UTC)
            end_date = end_value if isinstance(end_value, date) else start_value
            end = max(datetime.combine(end_date, datetime.min.time(), tzinfo=UTC),
                      start + timedelta(days=1))
        else:
            start = self._utc(start_value, start_prop)
            end = max(self._utc(end_value, end_prop or start_prop), start)
        recurrence_id = ""
        if series:
            rid = occurrence.get("RECURRENCE-ID")
            moment = rid.dt if rid is not None else start_value
            recurrence_id = (self._utc(moment, rid or start_prop).isoformat()
                             if isinstance(moment, datetime) else moment.isoformat())
        return MeetingEvent(
            self.calendar_id, self.uid, start, end,
            summary=str(occurrence.get("SUMMARY", "")).strip(),
            recurrence_id=recurrence_id, all_day=all_day,
            cancelled=str(occurrence.get("STATUS", "")).strip().upper() == "CANCELLED",
            declined_by=_declined(occurrence.get("ATTENDEE")),
        )

    def _utc(self, value: date, prop: object) -> datetime:
        if not isinstance(value, datetime):  # a date where a time was expected
            return datetime.combine(value, datetime.min.time(), tzinfo=UTC)
        if value.tzinfo is None:
            tzid = getattr(prop, "params", {}).get("TZID")
            if tzid or self._tzids:  # the parameter may not survive the expansion
                self._unknown_zones.update([str(tzid)] if tzid else self._tzids)
                value = value.replace(tzinfo=UTC)
            else:
                value = value.replace(tzinfo=self.floating)
        moment: datetime = value.astimezone(UTC)
        return moment

    def _problem(self, reason: str) -> None:
        self.problems.append(Problem(self.label, reason))


def _declined(attendees: object) -> tuple[str, ...]:
    """Addresses of the attendees whose PARTSTAT is DECLINED, lower case, no ``mailto:``."""
    if attendees is None:
        return ()
    listed = attendees if isinstance(attendees, list) else [attendees]
    out = []
    for attendee in listed:
        params = getattr(attendee, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            address = str(attendee).strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            out.append(address.lower())
    return tuple(out)
