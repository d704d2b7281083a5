# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus in SQLite: blocks with tombstones, schedules, held requests that survive a restart,
the interruption log, and focus minutes per day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.core.focus.blocks import Reason
from desktop.core.focus.log import HeldEntry, Interruption, InterruptionKind
from desktop.core.focus.plan import FocusSession, new_session, parse_schedule, stop
from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.requests import Request, State
from desktop.store.db import open_database
from desktop.store.focus_repository import SqliteFocusRepository
from desktop.store.request_repository import SqliteRequestRepository
from tests.fakes import FakeClock, RecordingNotifier

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)


def test_blocks_round_trip_and_deleted_ones_stay_as_tombstones(db):
    repo = SqliteFocusRepository(db)
    running = new_session(NOW, length=90 * M)
    repo.save_session(running)
    stopped = stop(running, NOW + 20 * M)
    repo.save_session(stopped)
    old = FocusSession("old", NOW - 48 * 60 * M, NOW - 47 * 60 * M, NOW, schedule_id="s1")
    repo.save_session(old)
    assert repo.sessions(since=NOW - M) == [stopped]
    assert repo.sessions() == [old, stopped]
    repo.save_session(replace(old, deleted_at=NOW))
    assert repo.sessions() == [stopped]
    assert [s.id for s in repo.all_sessions()] == ["old", running.id]
    assert repo.minutes_by_day(ZoneInfo("Europe/Berlin"), NOW + 60 * M) == {
        date(2026, 11, 25): 20}


def test_schedules_round_trip_with_tombstones(db):
    repo = SqliteFocusRepository(db)
    schedule = parse_schedule("mon,wed,fri 09:00-11:00", "Europe/Berlin", NOW)
    repo.save_schedule(schedule)
    assert repo.schedules() == [schedule]
    repo.save_schedule(replace(schedule, deleted_at=NOW))
    assert repo.schedules() == []
    assert repo.schedules(include_deleted=True)[0].deleted_at == NOW


def test_held_requests_and_the_log(db):
    repo = SqliteFocusRepository(db)
    repo.hold([HeldEntry("a", NOW + 60 * M, NOW, "b1"), HeldEntry("b", None, NOW, "b1")])
    repo.hold([HeldEntry("a", NOW + 30 * M, NOW + M, "b1")])  # held again: new breach time
    assert repo.held() == [HeldEntry("a", NOW + 30 * M, NOW, "b1"), HeldEntry("b", None, NOW, "b1")]
    entry = Interruption(NOW, "a", InterruptionKind.DIGEST, Reason.DIGEST, "Anna: x", "b1")
    repo.release(["a", "b"], [entry])
    assert repo.held() == []
    assert repo.interruptions(NOW) == [entry]
    assert repo.interruptions(NOW + M) == []


def test_a_restarted_app_delivers_the_digest_of_a_block_that_ended_meanwhile(db_path):
    clock = FakeClock(NOW)
    notifier = RecordingNotifier()

    def service() -> tuple[FocusService, SqliteRequestRepository]:
        database = open_database(db_path, clock.now())
        requests = SqliteRequestRepository(database)
        made = FocusService(SqliteFocusRepository(database), requests, clock, notifier,
                            lambda: FocusSettings(zone="Europe/Berlin"))
        made.sync_requests()
        return made, requests

    first, requests = service()
    first.start(length=30 * M)
    requests.save(Request("r1", "Offsite", NOW, NOW, sender="Anna", reply_by=NOW + 600 * M))
    first.sync_requests()
    assert first.held_ids() == ["r1"]
    assert notifier.sent == []

    clock.advance(minutes=45)  # closed during the block, opened after it ended
    second, _requests = service()
    second.tick()
    assert notifier.sent[-1].request_ids == ("r1",)
    assert notifier.sent[-1].title == "1 request held — 1 due today"  # 20:00 Berlin


def test_next_due_skips_done_waiting_snoozed_and_past_requests(db):
    requests = SqliteRequestRepository(db)
    base = Request("a", "s", NOW, NOW)
    requests.save_many([
        replace(base, id="past", reply_by=NOW - M),
        replace(base, id="snoozed", reply_by=NOW + 5 * M, snoozed_until=NOW + 60 * M),
        replace(base, id="done", reply_by=NOW + 6 * M, state=State.DONE),
        replace(base, id="next", reply_by=NOW + 10 * M),
        replace(base, id="later", reply_by=NOW + 20 * M),
    ])
    found = requests.next_due(NOW)
    assert found is not None
    assert found.id == "next"
    assert requests.next_due(NOW + 30 * M) is None
