# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The no-change shortcut against a real Radicale: a collection whose last-modified time has
not moved is not asked what changed, and no remote change is ever missed for it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.errors import NotFound
from desktop.core.requests import Priority
from desktop.core.sync.freshness import Stamp
from desktop.sync.remote import CalDavRemote, Changes
from tests.integration import caldav_devices

pytestmark = pytest.mark.integration


class Watched(CalDavRemote):
    """The real remote, counting full checks; ``stamp`` may be rewritten and ``after_listing``
    runs right after the server listed what changed (another device acting mid-sync)."""

    def __init__(self, server, stamp: Callable[[Stamp | None], Stamp | None] | None = None,
                 after_listing: Callable[[], None] | None = None) -> None:
        super().__init__(server.url, server.user, server.password)
        self.asked = 0
        self._rewrite = stamp
        self._after_listing = after_listing

    def stamp(self, collection: str) -> Stamp | None:
        real = super().stamp(collection)
        return self._rewrite(real) if self._rewrite else real

    def changes(self, collection: str, token: str | None) -> Changes:
        self.asked += 1
        listed = super().changes(collection, token)
        if self._after_listing is not None:
            self._after_listing()
        return listed


class Device(caldav_devices.Device):
    """One Unhurried profile on the shared server, its syncs watched."""

    def sync(self, **remote_options):
        """One sync; returns the report and how many collections were asked in full."""
        remote = Watched(self.server, **remote_options)
        return super().sync(remote=remote), remote.asked


def age(server, seconds: float = 600) -> None:
    """Set back every file time of the user's collections, as if nothing had been written
    for ``seconds`` (instead of waiting that long)."""
    then = time.time() - seconds
    for folder, _dirs, files in os.walk(server.storage / "collection-root"):
        for name in [".", *files]:
            os.utime(Path(folder) / name, (then, then))


@pytest.fixture
def devices(tmp_path: Path, radicale):
    yield from caldav_devices.two_devices(tmp_path, radicale, Device)


def in_step(a: Device, b: Device) -> str:
    """A request known to both devices, with ``a``'s stamp kept for an unchanged server."""
    made = a.queue.add("Budget review")
    a.sync()
    b.sync()
    age(a.server)
    a.sync()  # asks in full and keeps the (now old) last-modified time
    return made.id


def test_an_unchanged_collection_is_not_asked_and_a_change_on_the_server_comes_in(
        devices) -> None:
    a, b = devices
    made = in_step(a, b)
    report, asked = a.sync()
    assert asked == 0  # neither the task collection nor the calendar
    assert (report.sent, report.received, report.pending) == (0, 0, 0)
    b.clock.advance(minutes=1)
    b.queue.set_priority(made, Priority.HIGH)
    b.sync()
    report, asked = a.sync()
    assert asked >= 1
    assert report.received == 1
    assert a.queue.get(made).priority is Priority.HIGH


def test_a_deletion_on_the_server_between_syncs_comes_in(devices) -> None:
    a, b = devices
    made = in_step(a, b)
    b.clock.advance(minutes=1)
    b.queue.delete(made)
    assert b.sync()[0].deleted_there == 1
    report, _asked = a.sync()
    assert report.deleted_here == 1
    with pytest.raises(NotFound):
        a.queue.get(made)


def test_local_changes_go_out_without_the_full_check_and_the_next_sync_asks_again(
        devices) -> None:
    a, b = devices
    made = in_step(a, b)
    a.clock.advance(minutes=1)
    a.queue.set_priority(made, Priority.LOW)
    report, asked = a.sync()
    assert (asked, report.sent, report.pending) == (0, 1, 0)
    assert a.sync()[1] >= 1  # its own change moved the collection's time
    b.sync()
    assert b.queue.get(made).priority is Priority.LOW


def test_a_change_in_the_same_second_as_the_check_is_not_missed(devices) -> None:
    a, b = devices
    made = in_step(a, b)
    frozen: list[Stamp] = []

    def same_second(real: Stamp | None) -> Stamp | None:
        # the server's time stays in the second of the check, as it would for a change
        # made in that same second
        assert real is not None
        frozen.append(frozen[0] if frozen else Stamp(real.checked_at, real.checked_at))
        return frozen[-1]

    a.sync(stamp=same_second)  # kept: last change and check in the same second
    b.clock.advance(minutes=1)
    b.queue.set_priority(made, Priority.HIGH)
    b.sync()

    def an_hour_on(real: Stamp | None) -> Stamp | None:
        return Stamp(frozen[0].last_modified, frozen[0].checked_at + timedelta(minutes=30))

    _report, asked = a.sync(stamp=an_hour_on)
    assert asked >= 1
    assert a.queue.get(made).priority is Priority.HIGH


def test_a_server_without_last_modified_is_asked_every_time(devices) -> None:
    a, b = devices
    made = in_step(a, b)
    for _ in range(2):
        assert a.sync(stamp=lambda _real: None)[1] == 2  # tasks and calendar
    b.clock.advance(minutes=1)
    b.queue.set_priority(made, Priority.HIGH)
    b.sync()
    a.sync(stamp=lambda _real: None)
    assert a.queue.get(made).priority is Priority.HIGH


def test_a_change_made_while_syncing_after_the_listing_comes_in_next_time(devices) -> None:
    a, b = devices
    made = in_step(a, b)
    age(a.server, 1200)  # another time than the kept one: a asks in full
    done: list[bool] = []

    def b_edits() -> None:
        if not done:
            done.append(True)
            b.clock.advance(minutes=1)
            b.queue.set_priority(made, Priority.HIGH)
            b.sync()

    _report, asked = a.sync(after_listing=b_edits)
    assert asked >= 1
    assert done
    assert a.queue.get(made).priority is Priority.NORMAL  # listed before the edit
    _report, asked = a.sync()
    assert asked >= 1
    assert a.queue.get(made).priority is Priority.HIGH
