# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window quiets the desktop while a block runs: the status bar names the backend, the
end of the block and a quit put it back, and a hand change is said in the window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtGui import QIcon

from desktop.core.focus.quiet import DesktopQuieter
from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.requests import Priority
from tests.fakes import (
    FakeDesktopQuiet,
    MemoryFocusRepository,
    MemoryQuietRecords,
    RecordingNotifier,
)

from desktop.ui.focus.controller import FocusController


@pytest.fixture
def dunst() -> FakeDesktopQuiet:
    return FakeDesktopQuiet("dunst")


@pytest.fixture
def focus(window, repository, clock, formatter, dunst) -> FocusController:
    records = MemoryQuietRecords()
    quieter = DesktopQuieter(lambda: dunst, records, clock.now, lambda: True)
    desktop = RecordingNotifier()
    service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                           lambda: FocusSettings(zone="Europe/Berlin"),
                           desktop_quieted=quieter.quieted_by)
    controller = FocusController(window, service, formatter, desktop, QIcon(), lambda: True,
                                 quieter=quieter)
    service.notifier = controller
    window.load()
    controller.start()
    return controller


def test_the_status_bar_names_the_quieted_desktop_while_a_block_runs(focus, dunst) -> None:
    assert focus.quiet_label.isHidden()
    focus.service.start(length=timedelta(minutes=30))
    focus.refresh()
    assert dunst.state is True
    assert not focus.quiet_label.isHidden()
    assert focus.quiet_label.text() == "Desktop notifications held (dunst)"
    assert focus.service.state().desktop_quieted == "dunst"
    assert focus.stop()
    assert dunst.state is False
    assert focus.quiet_label.isHidden()


def test_a_quit_during_a_block_puts_the_desktop_back(focus, dunst) -> None:
    focus.service.start(length=timedelta(minutes=30))
    focus.refresh()
    focus.follow_desktop(False)  # what aboutToQuit does
    assert dunst.state is False
    assert dunst.calls == ["quiet", "unquiet 1"]


def test_a_hand_change_is_said_in_the_window_and_left_alone(focus, dunst) -> None:
    focus.service.start(length=timedelta(minutes=30))
    focus.refresh()
    dunst.state = False  # the user resumes dunst
    focus.refresh()
    assert not focus.notice.isHidden()
    assert "Unhurried leaves it as you set it" in focus.notice.text.text()
    assert focus.quiet_label.isHidden()
    focus.refresh()
    assert dunst.calls == ["quiet"]


def test_a_failing_desktop_is_said_once(focus, dunst) -> None:
    dunst.fail = True
    told: list[str] = []
    focus.tell = told.append  # type: ignore[method-assign]
    focus.service.start(length=timedelta(minutes=30))
    focus.refresh()
    focus.refresh()
    assert told == ["dunstctl is gone"]


def test_an_urgent_breakthrough_shows_in_the_window_while_dunst_holds_it(
        focus, window, service) -> None:
    focus.service.start(length=timedelta(minutes=30))
    focus.refresh()
    focus.service.sync_requests()
    service.add("Prod is down", sender="Ana", priority=Priority.URGENT)
    focus.service.sync_requests()
    assert not focus.notice.isHidden()
    assert "Prod is down" in focus.notice.text.text()


def test_a_breakthrough_goes_only_to_a_desktop_that_shows_critical_ones(
        window, repository, clock, formatter, service) -> None:
    kde = FakeDesktopQuiet("kde")
    quieter = DesktopQuieter(lambda: kde, MemoryQuietRecords(), clock.now, lambda: True)
    desktop = RecordingNotifier()
    focus_service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, desktop, QIcon(),
                                 lambda: True, quieter=quieter)
    focus_service.notifier = controller
    focus_service.start(length=timedelta(minutes=30))
    controller.refresh()
    focus_service.sync_requests()
    service.add("Prod is down", sender="Ana", priority=Priority.URGENT)
    focus_service.sync_requests()
    assert desktop.titles() == ["Ana: Prod is down"]
    assert controller.notice.isHidden()
