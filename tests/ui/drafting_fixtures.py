# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the drafting windows: a DraftEnvironment on a real store and a FakeClock, with
its callbacks (mark done, open URL, deliver) recorded in ``calls``."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from desktop.core.drafting.drafts import DraftService
from desktop.core.drafting.outbox import Outbox
from desktop.core.working_hours import WorkingHours
from desktop.store.draft_repository import SqliteDraftRepository

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.drafting.env import DraftEnvironment


@dataclass
class Calls:
    done: list[str] = field(default_factory=list)
    undone: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    kicks: int = 0
    mark_done_on: bool = True
    account: bool = True
    export_choice: str = "yes"
    undo_seconds: int = 0


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def draft_env(db, clock, calls: Calls) -> DraftEnvironment:
    repo = SqliteDraftRepository(db)

    def mark_done(request_id: str):
        calls.done.append(request_id)
        return lambda: calls.undone.append(request_id)

    def kick() -> None:
        calls.kicks += 1

    def open_url(url: str) -> bool:
        calls.urls.append(url)
        return True

    return DraftEnvironment(
        DraftService(repo, clock), Outbox(repo, clock),
        Formatter(safe_locale("en"), ZoneInfo("Europe/Berlin")),
        user_zone=lambda: "Europe/Berlin", hours=WorkingHours.office,
        zones=("UTC", "Europe/Berlin", "Asia/Tokyo"), sender=lambda: "me@example.org",
        account_ready=lambda: calls.account, deliver_soon=kick, mark_done=mark_done,
        mark_done_on_send=lambda: calls.mark_done_on, open_url=open_url,
        mark_done_on_export=lambda: calls.export_choice,
        set_mark_done_on_export=lambda choice: setattr(calls, "export_choice", choice),
        undo_seconds=lambda: calls.undo_seconds)
