# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo: the shipped requests, calendar, decisions, focus blocks and people, placed
relative to now so a first start shows a living queue and Health view."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

from desktop.core.people import Source
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request
from desktop.platform.resources import read_text
from desktop.store.decision_repository import SqliteDecisionRepository
from desktop.store.focus_repository import SqliteFocusRepository
from desktop.wiring.services import Context, import_calendar, open_people


def demo_requests(queue: QueueService) -> list[Request]:
    """The shipped demo requests, placed relative to the queue's now."""
    from desktop.core.demo import build_demo  # the demo is for a first start only

    entries = json.loads(read_text("demo", "requests.json"))["requests"]
    settings = queue.settings
    return build_demo(entries, queue.now(), queue.calendar, settings.policy, settings.at_risk)


def load_demo(context: Context) -> int:
    """Add the demo requests (once: they carry external ids) and return how many were added."""
    fresh = [
        r for r in demo_requests(context.queue)
        if context.requests.find_external(r.source, r.external_id or "") is None
    ]
    context.queue.put_many(fresh)
    load_demo_calendar(context)
    from desktop.core.demo import DEMO_PEOPLE

    people = open_people(context)
    for sender, (zone, hours) in DEMO_PEOPLE.items():
        people.learn(sender, Source.CALENDAR, zone=zone, hours=hours)
    return len(fresh)


def demo_calendar_text(now: datetime) -> str:
    """The shipped demo calendar with its weeks moved so that its last week is ``now``'s."""
    from desktop.core.demo_calendar import shift_weeks, weeks_since_anchor

    return shift_weeks(read_text("demo", "calendar.ics"), weeks_since_anchor(now))


def load_demo_calendar(context: Context) -> int:
    """Import the shipped demo calendar (its dates moved so its last week is this week), and
    add demo decisions and answered requests of past weeks once. Returns how many events were
    stored."""
    from desktop.core.demo_calendar import demo_decisions, demo_focus, demo_reply_history

    text = demo_calendar_text(context.clock.now())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-calendar.ics"
        path.write_text(text, encoding="utf-8")
        report = import_calendar(context, path)
    decisions = SqliteDecisionRepository(context.db)
    if not decisions.all():
        for decision in demo_decisions(context.clock.now()):
            decisions.save(decision)
    focus = SqliteFocusRepository(context.db)
    if not focus.all_sessions():
        sessions, interruptions = demo_focus(context.clock.now())
        for session in sessions:
            focus.save_session(session)
        focus.release([], interruptions)
    queue = context.queue
    history = demo_reply_history(queue.now(), queue.calendar, queue.settings.policy)
    context.queue.put_many(r for r in history if context.requests.find_external(
        r.source, r.external_id or "") is None)
    return report.imported
