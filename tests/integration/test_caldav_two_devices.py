# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two Unhurried data dirs kept in step through a real Radicale server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.errors import NotFound
from desktop.core.requests import Priority, State
from desktop.core.settings.registry import CALDAV_AUTH
from desktop.core.sync.items import Side
from desktop.store.settings_repository import SqliteSettingsStore
from desktop.store.sync_repository import SqliteSyncState
from desktop.wiring.caldav import account_of, sync_caldav
from tests.integration import caldav_devices

pytestmark = pytest.mark.integration


class Device(caldav_devices.Device):
    def history(self, request_id: str):
        return SqliteSyncState(self.ctx.db).history("request", request_id)


@pytest.fixture
def devices(tmp_path: Path, radicale):
    yield from caldav_devices.two_devices(tmp_path, radicale, Device)


def test_created_on_a_appears_on_b_and_done_on_b_is_done_on_a(devices) -> None:
    a, b = devices
    a.queue.update_settings({"timezone": "Europe/Berlin", "working_hours": "mon-fri 08:00-16:00"})
    made = a.queue.add("Budget review", sender="cfo@example.org", body="See the sheet",
                       links=["https://example.org/sheet"], priority=Priority.HIGH)
    assert a.sync().sent == 2  # the request and the settings
    assert b.sync().received == 2
    on_b = b.queue.get(made.id)
    assert b.queue.setting_text("working_hours") == "mon-fri 08:00-16:00"
    assert (on_b.subject, on_b.sender, on_b.body, on_b.links, on_b.priority) == (
        made.subject, made.sender, made.body, made.links, Priority.HIGH)
    assert on_b.reply_by == made.reply_by  # the same settings give the same reply-by

    b.clock.advance(minutes=5)
    b.queue.done(made.id)
    assert b.sync().sent == 1
    a.sync()
    assert a.queue.get(made.id).state is State.DONE
    assert a.queue.get(made.id).done_at == b.queue.get(made.id).done_at
    assert (a.sync().sent, a.sync().received) == (0, 0)  # in step: nothing moves


def test_both_edited_offline_merge_field_by_field_and_keep_the_loser(devices) -> None:
    a, b = devices
    made = a.queue.add("Plan Q1", priority=Priority.NORMAL)
    a.sync()
    b.sync()
    a.clock.advance(minutes=1)
    a.queue.set_priority(made.id, Priority.HIGH)  # earlier change of the priority
    a.queue.snooze(made.id, a.clock.now() + timedelta(days=1))  # a field only A changed
    a.clock.advance(minutes=1)
    b.queue.set_priority(made.id, Priority.LOW)  # later change of the same field: wins
    b.queue.set_due(made.id, b.clock.now() + timedelta(days=3))  # a field only B changed

    a.sync()
    report = b.sync()
    assert (report.merged, report.conflicts) == (1, 1)
    a.sync()
    for device in (a, b):
        request = device.queue.get(made.id)
        assert request.priority is Priority.LOW
        assert request.snoozed_until == made.received_at + timedelta(days=1, minutes=1)
        assert request.due == made.received_at + timedelta(days=3, minutes=2)
    [entry] = b.history(made.id)
    assert (entry.field, entry.kept, entry.lost, entry.lost_side) == (
        "priority", "low", "high", Side.SERVER)


def test_deletions_travel_both_ways_and_a_restore_comes_back(devices) -> None:
    a, b = devices
    made = a.queue.add("Old thread")
    a.sync()
    b.sync()
    a.clock.advance(minutes=1)
    a.queue.delete(made.id)
    assert a.sync().deleted_there == 1
    assert b.sync().deleted_here == 1
    with pytest.raises(NotFound):
        b.queue.get(made.id)
    b.clock.advance(minutes=1)
    b.queue.restore(made.id)  # the tombstone keeps it for 30 days
    assert b.sync().sent == 1
    a.sync()
    assert a.queue.get(made.id).subject == "Old thread"


def test_server_stopped_mid_sync_then_the_next_sync_completes_without_duplicates(
        devices, radicale) -> None:
    a, b = devices
    ids = {a.queue.add(f"Request {n}").id for n in range(230)}
    stopped = []

    def stop_after_first_batch(text: str) -> None:
        if text.startswith("sending 230") and not stopped:
            radicale.stop()
            stopped.append(text)

    report = sync_caldav(a.ctx, a.secrets, progress=stop_after_first_batch)
    assert stopped
    assert report.offline
    assert "cannot be reached" in (report.error or "")
    assert report.pending == 30
    radicale.start()
    report = a.sync()
    assert report.pending == 0
    b.sync()
    assert {r.id for r in b.queue.all()} == ids
    tasks = radicale.collection_folder(a.account.tasks)
    assert len([p for p in tasks.iterdir() if p.is_file() and not p.name.startswith(".")]) == 231


def test_a_focus_block_on_a_shows_up_on_b_and_its_early_end_follows(devices) -> None:
    from desktop.core.focus.plan import FocusSession
    from desktop.store.focus_repository import SqliteFocusRepository
    from desktop.store.focus_sync import SqliteFocusBlocks

    a, b = devices
    now = a.clock.now()
    block = FocusSession("block-1", now, now + timedelta(minutes=90), now)
    SqliteFocusRepository(a.ctx.db).save_session(block)
    a.sync()
    b.sync()
    on_b = SqliteFocusBlocks(b.ctx.db).get("block-1")
    assert on_b is not None
    assert (on_b.start, on_b.end) == (now, now + timedelta(minutes=90))

    a.clock.advance(minutes=30)
    stopped = a.clock.now()
    SqliteFocusRepository(a.ctx.db).save_session(
        FocusSession("block-1", now, now + timedelta(minutes=90), stopped, ended_at=stopped))
    assert a.sync().sent >= 1
    b.sync()
    assert SqliteFocusBlocks(b.ctx.db).get("block-1").end == stopped


def test_the_login_scheme_is_remembered_and_a_refused_one_asked_for_again(devices) -> None:
    a, _b = devices
    assert account_of(a.ctx).auth == "basic"  # learned when the account was set up
    # as if the server had changed it
    SqliteSettingsStore(a.ctx.db).put({CALDAV_AUTH.key: "digest"})
    made = a.queue.add("Sent after the server changed its login")
    assert a.sync().sent >= 1
    assert account_of(a.ctx).auth == "basic"
    assert SqliteSyncState(a.ctx.db).item("request", made.id) is not None


def test_a_deletion_is_restorable_for_30_days_then_forgotten(devices) -> None:
    a, b = devices
    gone = a.queue.add("Forgotten after 30 days")
    kept = a.queue.add("Deleted later")
    a.sync()
    b.sync()
    a.clock.advance(minutes=1)
    a.queue.delete(gone.id)
    a.sync()
    assert b.sync().deleted_here == 1
    a.clock.advance(days=20)
    a.queue.delete(kept.id)
    a.sync()
    b.sync()
    a.clock.advance(days=11)
    b.sync()
    with pytest.raises(NotFound):
        b.queue.restore(gone.id)
    assert b.queue.restore(kept.id).deleted_at is None
    assert b.sync().sent == 1
    a.sync()
    assert a.queue.get(kept.id).subject == "Deleted later"
