# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus blocks as an iCalendar file (``icalendar``): one VEVENT per one-off block, one
weekly VEVENT with an RRULE per schedule, times with their TZID and a VTIMEZONE for it.

A block made from a schedule is left out: the schedule's RRULE already shows it. UIDs are the
blocks' stable ids, so importing the file again updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from desktop import APP_ID, __version__
from desktop.core.errors import InvalidInput
from desktop.core.focus.plan import FocusSchedule, FocusSession
from desktop.core.i18n import _

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def focus_calendar(sessions: Iterable[FocusSession], schedules: Iterable[FocusSchedule],
                   zone: ZoneInfo, now: datetime) -> Calendar:
    """The calendar of one-off ``sessions`` (shown in ``zone``) and weekly ``schedules``."""
    cal = Calendar()
    cal.add("prodid", f"-//Unhurried//{APP_ID} {__version__}//EN")
    cal.add("version", "2.0")
    summary = _("Focus time")
    for session in sessions:
        if session.deleted_at is not None or session.schedule_id is not None:
            continue
        event = _event(f"{session.id}@unhurried", summary, now)
        event.add("dtstart", session.start.astimezone(zone))
        event.add("dtend", session.end.astimezone(zone))
        cal.add_component(event)
    for schedule in schedules:
        if schedule.deleted_at is not None:
            continue
        local_zone = ZoneInfo(schedule.zone)
        first = schedule.modified_at.astimezone(local_zone).date()
        while first.weekday() not in schedule.weekdays:
            first += timedelta(days=1)
        start = datetime.combine(first, time(0), tzinfo=local_zone)
        event = _event(f"schedule-{schedule.id}@unhurried", summary, now)
        event.add("dtstart", _wall(start, schedule.span.start))
        event.add("dtend", _wall(start, schedule.span.end))
        event.add("rrule", vRecur(freq="WEEKLY",
                                  byday=[_BYDAY[d] for d in sorted(schedule.weekdays)]))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def _wall(midnight: datetime, minutes: int) -> datetime:
    naive = midnight.replace(tzinfo=None) + timedelta(minutes=minutes)
    return naive.replace(tzinfo=midnight.tzinfo)


def _event(uid: str, summary: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstamp", now)
    event.add("transp", "OPAQUE")
    event.add("categories", ["FOCUS"])
    return event


def write_ics(path: Path, sessions: Iterable[FocusSession], schedules: Iterable[FocusSchedule],
              now: datetime, zone: ZoneInfo | None = None) -> int:
    """Write the calendar to ``path`` (replacing it whole); returns how many events.

    Raises:
        InvalidInput: the file cannot be written (the message says why).
    """
    cal = focus_calendar(sessions, schedules, zone or ZoneInfo("UTC"), now)
    data = cal.to_ical()
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as error:
        raise InvalidInput(_("Could not write {file}: {reason}. Pick a folder you can write "
                             "to.").format(file=path, reason=error.strerror or error)) from None
    return sum(1 for c in cal.walk("VEVENT"))
