# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo calendar and demo decisions, moved to *now* so the Health view shows recent weeks.

The shipped ``demo/calendar.ics`` is written for the weeks up to :data:`ANCHOR` (2026-W48);
:func:`shift_weeks` moves every date in it by whole weeks, so weekdays, times and recurrence
rules stay as written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from desktop.core.decisions import Decision
from desktop.core.measures import IsoWeek

ANCHOR = IsoWeek(2026, 48)
"""The week the demo calendar treats as "this week"."""

_DATE = re.compile(r"(?<![0-9])(\d{4})(\d{2})(\d{2})(?=T\d{6}|[\s,;]|$)")
_DATED = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "RRULE")


def weeks_since_anchor(now: datetime) -> int:
    """Whole weeks from :data:`ANCHOR` to the week of ``now`` (UTC)."""
    return (IsoWeek.of(now).monday - ANCHOR.monday).days // 7


def shift_weeks(text: str, weeks: int) -> str:
    """``text`` (iCalendar) with every date on a date-bearing line moved by ``weeks``."""
    def move(match: re.Match[str]) -> str:
        day = date(int(match[1]), int(match[2]), int(match[3])) + timedelta(weeks=weeks)
        return day.strftime("%Y%m%d")

    out = []
    for line in text.splitlines(keepends=True):
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
        out.append(_DATE.sub(move, line) if name in _DATED else line)
    return "".join(out)


_DEMO_DECISIONS = (
    # (title, weeks before now, opened weekday+hour, hours to decide or None for open)
    ("Adopt written RFCs for API changes", 7, (0, 10), 30.0),
    ("Move the release to Thursdays", 6, (1, 11), 52.0),
    ("Pick the error-tracking vendor", 5, (0, 14), 96.0),
    ("Drop the weekly status meeting", 4, (2, 9), 20.0),
    ("Retire the legacy importer", 3, (0, 15), 70.0),
    ("Quarterly plan: focus on onboarding", 3, (1, 10), 28.0),
    ("On-call rotation across time zones", 2, (0, 9), 44.0),
    ("Async stand-ups in the team channel", 1, (1, 9), 18.0),
    ("Budget for the design system", 1, (0, 13), 26.0),
    ("Choose the Q1 hiring plan", 0, (0, 9), None),
)


def demo_decisions(now: datetime) -> list[Decision]:
    """Decisions over the last weeks, each made at most ``now``; the newest is still open."""
    monday = IsoWeek.of(now).monday
    out = []
    for index, (title, back, (weekday, hour), hours) in enumerate(_DEMO_DECISIONS):
        day = monday - timedelta(weeks=back) + timedelta(days=weekday)
        opened = datetime.combine(day, time(hour), tzinfo=now.tzinfo)
        decided = opened + timedelta(hours=hours) if hours is not None else None
        if opened > now:
            continue
        if decided is not None and decided > now:
            decided = None
        out.append(Decision(f"demo-decision-{index}", title, opened, decided_at=decided,
                            outcome="Agreed in the written thread." if decided else ""))
    return out
