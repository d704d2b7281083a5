# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo calendar, decisions, focus blocks and answered requests, placed before *now* so
the Health view shows recent weeks at once.

The shipped ``demo/calendar.ics`` is written for the weeks up to :data:`ANCHOR` (2026-W48);
:func:`shift_weeks` moves every date in it by whole weeks, so weekdays, times and recurrence
rules stay as written.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, time, timedelta

from desktop.core.calendar import BusinessCalendar
from desktop.core.focus.blocks import Reason
from desktop.core.focus.log import Interruption, InterruptionKind
from desktop.core.focus.plan import FocusSession
from desktop.core.health.decisions import Decision
from desktop.core.health.measures import IsoWeek
from desktop.core.policy import ResponsePolicy
from desktop.core.requests import Channel, Priority, Request, State, new_id

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


_HISTORY = (
    (Channel.CHAT, Priority.NORMAL, "Bea (@bea)", "Can you look at the retry policy PR?"),
    (Channel.EMAIL, Priority.NORMAL, "Priya Raman <priya@example.org>",
     "Numbers for the quarterly review"),
    (Channel.TRACKER, Priority.HIGH, "Tom Becker <tom@example.org>",
     "[CHK-301] Checkout fails for saved cards"),
    (Channel.CHAT, Priority.NORMAL, "Yuki Sato (@yuki)", "Which branch has the i18n fix?"),
    (Channel.TRACKER, Priority.NORMAL, "Grace Kim <grace@example.org>",
     "[DOC-88] Review the onboarding guide"),
    (Channel.EMAIL, Priority.NORMAL, "Ben Adler <ben@example.org>", "Interview slot next week?"),
)


def demo_reply_history(now: datetime, calendar: BusinessCalendar, policy: ResponsePolicy,
                       weeks: int = 7) -> list[Request]:
    """Answered requests over the ``weeks`` weeks before this one, more of them on time as the
    weeks go on, so reply compliance and time to reply have a history."""
    rng = random.Random(48)
    monday = IsoWeek.of(now, calendar.zone).monday
    out = []
    for back in range(weeks, 0, -1):
        on_time_chance = 0.55 + 0.05 * (weeks - back)
        for k, (channel, priority, sender, subject) in enumerate(_HISTORY):
            day = monday - timedelta(weeks=back) + timedelta(days=k % 5)
            local = datetime.combine(day, time(9), tzinfo=calendar.zone)
            received = calendar.next_opening(local + timedelta(minutes=rng.randint(0, 360)))
            budget = policy.target_for(channel, priority).duration(calendar.day_length)
            share = (rng.uniform(0.1, 0.9) if rng.random() < on_time_chance
                     else rng.uniform(1.1, 1.8))
            done = calendar.add(received, budget * share).replace(microsecond=0)
            if done >= now:
                continue
            out.append(Request(
                id=new_id(), subject=subject, received_at=received.replace(microsecond=0),
                modified_at=done, sender=sender, channel=channel, priority=priority,
                state=State.DONE, source="demo", external_id=f"demo-history-{back}-{k}",
                done_at=done))
    return out


def demo_focus(now: datetime, weeks: int = 8) -> tuple[list[FocusSession], list[Interruption]]:
    """Focus blocks of the past ``weeks`` weeks (mornings, some stopped early) and the
    interruptions in them, all before ``now``: the focus charts of the Health view."""
    rng = random.Random(48)  # the same demo every time
    monday = IsoWeek.of(now).monday
    sessions: list[FocusSession] = []
    log: list[Interruption] = []
    for back in range(weeks, -1, -1):
        for weekday in range(5):
            if rng.random() < 0.3 - 0.02 * (weeks - back):  # more focus in recent weeks
                continue
            day = monday - timedelta(weeks=back) + timedelta(days=weekday)
            start = datetime.combine(day, time(9, rng.choice((0, 15, 30))), tzinfo=now.tzinfo)
            planned = start + timedelta(minutes=rng.choice((60, 90, 120)))
            if planned > now:
                continue
            stopped = planned - timedelta(minutes=30) if rng.random() < 0.2 else None
            block_id = f"demo-focus-{day.isoformat()}"
            sessions.append(FocusSession(block_id, start, planned, stopped or planned,
                                         ended_at=stopped))
            end = stopped or planned
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                at = start + timedelta(minutes=rng.randrange(10, int((end - start).seconds / 60)))
                log.append(Interruption(at, None, InterruptionKind.BREAKTHROUGH, Reason.URGENT,
                                        session_id=block_id))
    return sessions, log
