# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quick fixes for checker findings, where the right change is clear.

Given a :class:`~desktop.core.drafting.checker.Finding`, the text it was found in and a
:class:`FixContext` (the recipient's zone, the working-hours shape, ``now``), :func:`fixes_for`
returns edits that remove that finding and touch nothing outside its phrase (the finding's
span, and for an end of day the day word beside it):

* ``deadline-without-timezone``: append the zone after the clock time ("17:00" → "17:00 CET"),
  the recipient's zone when known, else the user's;
* ``vague-time``: "EOD"/"COB"/"end of day" become the end of the recipient's working day as a
  concrete date, time and zone ("Wed 25 Nov, 17:00 CET"); "EOW"/"end of week" the end of the
  last working day of this week. A day word beside it ("tomorrow EOD", "EOD Friday") names the
  day and is replaced with it, so no relative word is left beside an absolute date;
* ``mass-mention``: "@channel"/"@here"/"@everyone" become a mention of the recipient, or
  "everyone" without notifying anybody;
* ``secret``: remove the secret (the words around it stay);
* ``vague-ask``: a bare "Thoughts?" becomes a skeleton of what a reader needs: a summary line,
  the ask, and a deadline at the end of the reader's next working day.

Times are read in the recipient's zone when it is known (``FixContext.recipient``), else in
``FixContext.zone``. Dates and zones are written in English, as the checker reads them in both
languages; the skeleton's labels follow the interface language. Nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum
from functools import lru_cache

from desktop.core.drafting.checker import Finding, check
from desktop.core.i18n import _
from desktop.core.working_hours import WorkingHours

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_END_OF_DAY = re.compile(r"(?:EOD|COB|end of (?:the )?day)", re.IGNORECASE)
_END_OF_WEEK = re.compile(r"(?:EOW|end of (?:the )?week)", re.IGNORECASE)
# A day word that says which day an end of day is: "tomorrow EOD", "Friday's EOD", "EOD on
# Fri", "tomorrow, EOD"; a line break between counts as a space. A weekday followed by a
# number starts a date ("EOD Thu 26 Nov"): no fix is clear then.
_DAY_WORD = (r"(?P<day>today|tonight|tomorrow|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
             r"(?:day|nesday|rsday|urday)?)")
_DAY_BEFORE = re.compile(rf"\b{_DAY_WORD}(?:'s)?(?:\s*,)?\s+$", re.IGNORECASE)
_DAY_AFTER = re.compile(rf"^,?\s+(?:on\s+)?{_DAY_WORD}\b(?P<date>\s*\d)?", re.IGNORECASE)
_DAY_NAMES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_SEARCH_DAYS = 14  # a working-hours shape with no working day in two weeks has none at all
_OFFICE = WorkingHours.office()


class FixKind(Enum):
    """What a fix does, for the UI to word its menu entry."""

    ADD_ZONE = "add-zone"
    CONCRETE_TIME = "concrete-time"
    MENTION_RECIPIENT = "mention-recipient"
    NO_NOTIFY = "no-notify"
    REMOVE_SECRET = "remove-secret"
    INSERT_SKELETON = "insert-skeleton"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class QuickFix:
    """One way to fix one finding: ``kind`` and ``value`` (the new words) word the menu entry."""

    kind: FixKind
    value: str
    edit: Edit


@dataclass(frozen=True, slots=True)
class FixContext:
    """What fixes need to know about the recipient and the moment.

    Attributes:
        now: the current instant (timezone-aware).
        zone: the user's zone (or the recipient's, when the caller already knows it).
        hours: the working-hours shape, read in the reader's zone (default Mon–Fri
            09:00–17:00).
        mention: the recipient's chat handle without "@", if any.
        recipient: the recipient's zone from the people directory, when known: zones are
            named and "tomorrow" is judged in it rather than in ``zone``.
    """

    now: datetime
    zone: tzinfo
    hours: WorkingHours = _OFFICE
    mention: str = ""
    recipient: tzinfo | None = None

    @property
    def reader_zone(self) -> tzinfo:
        """The zone a deadline is written in: the recipient's when known."""
        return self.recipient if self.recipient is not None else self.zone


def fixes_for(finding: Finding, text: str, context: FixContext) -> list[QuickFix]:
    """The quick fixes for ``finding`` in ``text`` (empty when no fix is clear).

    Raises:
        ValueError: ``context.now`` is naive.
    """
    if context.now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if context.recipient is not None:
        context = FixContext(context.now, context.recipient, context.hours, context.mention)
    words = text[finding.start:finding.end]
    if finding.code == "secret":
        return [QuickFix(FixKind.REMOVE_SECRET, "", Edit(finding.start, finding.end, ""))]
    if finding.code == "vague-ask":
        return _skeleton(finding, context)
    if finding.code == "deadline-without-timezone":
        label = zone_label(context.zone, context.now)
        return [QuickFix(FixKind.ADD_ZONE, label, Edit(
            finding.end, finding.end, " " + label + _gap(text, finding.end)))]
    if finding.code == "vague-time":
        start, end, day = finding.start, finding.end, None
        if _END_OF_DAY.fullmatch(words) or _END_OF_WEEK.fullmatch(words):
            start, end, day = _day_phrase(text, start, end)
            # "EOD Thu 26 Nov" already has its date; "tomorrow EOW" contradicts itself
            if day == "dated" or (day is not None and _END_OF_WEEK.fullmatch(words)):
                return []
        moment = _vague_end(words, day, context)
        if moment is None:
            return []
        value = concrete(moment, context.zone)
        return [QuickFix(FixKind.CONCRETE_TIME, value, Edit(start, end, value + _gap(text, end)))]
    if finding.code == "mass-mention":
        out = []
        handle = context.mention.lstrip("@").strip()
        if handle and not any(c.isspace() for c in handle):
            out.append(QuickFix(FixKind.MENTION_RECIPIENT, "@" + handle,
                                Edit(finding.start, finding.end, "@" + handle)))
        glue = " " if finding.start and text[finding.start - 1] in "@!" else ""
        out.append(QuickFix(FixKind.NO_NOTIFY, "everyone",
                            Edit(finding.start, finding.end, glue + "everyone")))
        return out
    return []


def _skeleton(finding: Finding, context: FixContext) -> list[QuickFix]:
    """Summary, ask and deadline in place of a bare "Thoughts?"."""
    local = context.now.astimezone(context.zone)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=context.zone)
    end = end_of_working_day(max(tomorrow.astimezone(UTC), context.now), context.zone,
                             context.hours)
    if end is None:
        return []
    skeleton = _("Summary: <what this is about, in one sentence>\n"
                 "Ask: could you <what exactly you need from the reader>?\n"
                 "Deadline: by {when}").format(when=concrete(end, context.zone))
    return [QuickFix(FixKind.INSERT_SKELETON, skeleton,
                     Edit(finding.start, finding.end, skeleton))]


def apply(text: str, edit: Edit) -> str:
    """``text`` with ``edit`` made."""
    return text[:edit.start] + edit.replacement + text[edit.end:]


def concrete(moment: datetime, zone: tzinfo) -> str:
    """A moment as the checker likes it: ``Wed 25 Nov, 17:00 CET`` in ``zone``."""
    local = moment.astimezone(zone)
    return (f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}, "
            f"{local:%H:%M} {zone_label(zone, moment)}")


def zone_label(zone: tzinfo, at: datetime) -> str:
    """How to name ``zone`` after a clock time at ``at``: its abbreviation when the checker
    knows it (CET, EST, UTC), otherwise its offset (``UTC+05:45``)."""
    local = at.astimezone(zone)
    name = local.tzname() or ""
    if name.isalpha() and _recognised(name):
        return name
    offset = local.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=64)
def _recognised(label: str) -> bool:
    """Whether the checker reads ``label`` after a clock time as a zone."""
    return not any(f.code == "deadline-without-timezone" for f in check(f"12:00 {label}"))


def _gap(text: str, end: int) -> str:
    """A space when the next character would glue onto the inserted words."""
    return " " if end < len(text) and (text[end].isalnum() or text[end] == "_") else ""


def _day_phrase(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Widen an end-of-day span over the day word before or after it; with that word, or
    ``"dated"`` when a date follows."""
    before = _DAY_BEFORE.search(text, 0, start)
    if before is not None:
        return before.start(), end, before.group("day").lower()
    after = _DAY_AFTER.search(text[end:])
    if after is not None:
        if after.group("date"):
            return start, end, "dated"
        return start, end + after.end(), after.group("day").lower()
    return start, end, None


def _vague_end(words: str, day: str | None, context: FixContext) -> datetime | None:
    if _END_OF_DAY.fullmatch(words):
        now, zone, hours = context.now, context.zone, context.hours
        if day is None or day in ("today", "tonight"):
            return end_of_working_day(now, zone, hours)
        today = now.astimezone(zone).date()
        ahead = 1 if day == "tomorrow" else (_DAY_NAMES[day[:3]] - today.weekday()) % 7
        first = datetime.combine(today + timedelta(days=ahead), time(0), tzinfo=zone)
        return end_of_working_day(max(first.astimezone(UTC), now), zone, hours)
    if _END_OF_WEEK.fullmatch(words):
        return end_of_working_week(context.now, context.zone, context.hours)
    return None


def end_of_working_day(now: datetime, zone: tzinfo, hours: WorkingHours) -> datetime | None:
    """The end of today's working hours in ``zone`` if they are still ahead, else the end of
    the next working day; ``None`` when ``hours`` has no working time."""
    today = now.astimezone(zone).date()
    for ahead in range(_SEARCH_DAYS):
        end = _closing(today + timedelta(days=ahead), zone, hours)
        if end is not None and end > now:
            return end
    return None


def end_of_working_week(now: datetime, zone: tzinfo, hours: WorkingHours) -> datetime | None:
    """The closing time of the last working day of this week (Monday to Sunday) in ``zone``,
    or of next week once this week's working time is over."""
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    for week in (monday, monday + timedelta(days=7)):
        closings = [_closing(week + timedelta(days=d), zone, hours) for d in range(7)]
        last = max((c for c in closings if c is not None), default=None)
        if last is not None and last > now:
            return last
    return None


def _closing(day: date, zone: tzinfo, hours: WorkingHours) -> datetime | None:
    ranges = hours.days[day.weekday()]
    if not ranges:
        return None
    end = max(r.end for r in ranges)
    # Aware + timedelta is wall-clock arithmetic: 17:00 stays 17:00 when the clocks change.
    wall = datetime.combine(day, time(0), tzinfo=zone) + timedelta(minutes=end)
    return wall.astimezone(UTC)
