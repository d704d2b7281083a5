# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub and Slack in the window: the account dialog hands the token to the store callback
only, the sync runs on a worker thread and reports in the status bar, progress shows, a cancel
reaches the job, errors show once while they last, and the timer runs only with an account."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from PySide6.QtWidgets import QDialog, QLabel

from desktop.core.errors import SecretsUnavailable
from desktop.core.importing.items import Problem
from desktop.wiring.live_sources import SourceFailed
from desktop.wiring.source_report import SourceReport
from tests.ui.conftest import CLOCK_TEXT, REGIONS, ZONES

from desktop.ui.importing.live_source import (
    MINUTE_MS,
    LiveSource,
    LiveSourceController,
    SourceAccountDialog,
)
from desktop.ui.main_window import MainWindow


@dataclass
class FakeAccount:
    state: dict[str, Any] | None = None
    saved: list[tuple[str, str, str | None, bool]] = field(default_factory=list)
    refuse: Exception | None = None

    def account(self) -> dict[str, Any] | None:
        return self.state

    def save(self, api: str, user: str, token: str | None, switch: bool) -> None:
        self.saved.append((api, user, token, switch))
        if isinstance(self.refuse, SourceFailed):
            raise self.refuse
        self.state = {"api": api, "switch": switch}
        if self.refuse is not None:
            raise self.refuse


class FakeJob:
    def __init__(self) -> None:
        self.results: list[SourceReport | Exception] = []
        self.runs: list[bool] = []
        self.release = threading.Event()
        self.release.set()
        self.saw_cancel = False

    def __call__(self, progress, cancelled, asked):
        self.runs.append(asked)
        progress(1, 4)
        self.release.wait(5)
        self.saw_cancel = cancelled()
        result = self.results.pop(0) if self.results else SourceReport()
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture
def window(qtbot, service, formatter) -> MainWindow:
    made = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                      data_version=lambda: 0, demo=lambda: 0)
    qtbot.addWidget(made)
    made.load()
    return made


def make(window, service, job, account, switch: str = "Mark done on GitHub"):
    source = LiveSource("GitHub", job, account.account, account.save, "https://api.github.com",
                        switch, 2)
    controller = LiveSourceController(service, source, window, clock_text=CLOCK_TEXT)
    controller.install(window.file_menu, window.demo_action)
    controller.synced.connect(window.reload)
    return controller


def finish(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)


def test_the_dialog_stores_the_token_through_save_only_and_syncs(qtbot, window,
                                                                  service) -> None:
    account, job = FakeAccount(), FakeJob()
    controller = make(window, service, job, account)
    assert not controller.sync_action.isEnabled()
    assert not controller.timer.isActive()

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, SourceAccountDialog)
        buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
                   if label.buddy() is not None}
        assert buddies["&Token"] is dialog.token
        dialog.accept()  # no token yet
        assert dialog.error.text() == "Enter the token."
        dialog.token.setText(" ghp_secret ")
        dialog.switch.setChecked(True)
        dialog.accept()
        assert dialog.token.text() == ""
        return dialog.result() == QDialog.DialogCode.Accepted

    assert controller.edit_account(ask=fill)
    assert account.saved == [("https://api.github.com", "", "ghp_secret", True)]
    finish(qtbot, controller)
    assert job.runs == [True]
    assert controller.timer.isActive()
    assert controller.timer.interval() == 2 * MINUTE_MS
    again = SourceAccountDialog(controller.source, window)
    qtbot.addWidget(again)
    assert (again.token.text(), again.switch.isChecked()) == ("", True)
    again.accept()  # the stored token stays
    assert account.saved[-1] == ("https://api.github.com", "", None, True)


def test_a_locked_keyring_is_said_and_a_bad_address_keeps_the_dialog_open(qtbot, window,
                                                                         service) -> None:
    account = FakeAccount(refuse=SecretsUnavailable("keyring locked"))
    dialog = SourceAccountDialog(make(window, service, FakeJob(), account).source, window)
    qtbot.addWidget(dialog)
    dialog.token.setText("t")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.warning_box is not None
    assert dialog.warning_box.text() == "keyring locked"
    account.refuse = SourceFailed("'x' is not an API address")
    dialog = SourceAccountDialog(make(window, service, FakeJob(), account).source, window)
    qtbot.addWidget(dialog)
    dialog.token.setText("t")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == "'x' is not an API address"


def test_a_sync_shows_progress_then_what_came_in_and_reloads(qtbot, window, service) -> None:
    job = FakeJob()
    job.release.clear()
    job.results.append(SourceReport(received=3, answered=1,
                                    failed=[Problem("github:9", "odd")]))
    controller = make(window, service, job, FakeAccount({"api": "x", "switch": False}))
    with qtbot.waitSignal(window.queue_changed, timeout=5000):
        controller.sync_action.trigger()
        qtbot.waitUntil(lambda: controller.label.text() == "Syncing GitHub… 1 of 4",
                        timeout=5000)
        assert controller.cancel_action.isEnabled()
        job.release.set()
    finish(qtbot, controller)
    assert controller.label.text() == "GitHub synced 10:00 — 3 new · 1 answered · 1 problem"
    assert controller.label.toolTip() == "github:9: odd"
    assert not controller.cancel_action.isEnabled()


def test_cancel_reaches_the_job_and_is_said(qtbot, window, service) -> None:
    job = FakeJob()
    job.release.clear()
    job.results.append(SourceReport(received=2, cancelled=True))
    controller = make(window, service, job, FakeAccount({"api": "x", "switch": False}))
    controller.sync(asked=True)
    controller.cancel_action.trigger()
    job.release.set()
    finish(qtbot, controller)
    assert job.saw_cancel
    assert controller.label.text() == "GitHub synced 10:00 — 2 new · cancelled"


def test_a_wait_asked_by_the_server_is_said(qtbot, window, service) -> None:
    job = FakeJob()
    job.results.append(SourceReport(wait_seconds=40))
    controller = make(window, service, job, FakeAccount({"api": "x", "switch": False}))
    controller.timer.timeout.emit()
    finish(qtbot, controller)
    assert job.runs == [False]
    assert controller.label.text() == "GitHub asked to wait 40 s"


def test_an_error_is_shown_once_while_it_lasts_but_always_when_asked(qtbot, window,
                                                                     service) -> None:
    gone = SourceFailed("GitHub at x cannot be reached: refused")
    job = FakeJob()
    job.results += [gone, gone, gone]
    controller = make(window, service, job, FakeAccount({"api": "x", "switch": False}))
    controller.timer.timeout.emit()
    finish(qtbot, controller)
    first = controller.error_box
    assert first is not None
    assert first.text() == "GitHub at x cannot be reached: refused"
    assert controller.label.text() == "GitHub sync failed 10:00"
    controller.timer.timeout.emit()
    finish(qtbot, controller)
    assert controller.error_box is first
    controller.sync(asked=True)
    finish(qtbot, controller)
    assert controller.error_box is not first


def test_a_source_with_a_user_id_asks_for_it_and_a_password(qtbot, window, service) -> None:
    account = FakeAccount()
    source = LiveSource("Matrix", FakeJob(), account.account, account.save,
                        "https://matrix.org", "", 1, "&User id", "&Password",
                        api_label="&Homeserver")
    dialog = SourceAccountDialog(source, window)
    qtbot.addWidget(dialog)
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
               if label.buddy() is not None}
    assert buddies["&Homeserver"] is dialog.api  # Matrix calls its server a homeserver
    assert buddies["&User id"] is dialog.user
    assert buddies["&Password"] is dialog.token
    assert not dialog.switch.isVisibleTo(dialog)
    dialog.api.setText("http://127.0.0.1:8008")
    dialog.user.setText("@ann:localhost")
    dialog.token.setText("pw")
    dialog.accept()
    assert account.saved == [("http://127.0.0.1:8008", "@ann:localhost", "pw", False)]


class FakeLive:
    """A live job: tells what it is given, then holds (as a long-poll does) until cancelled."""

    def __init__(self, told: list[object]) -> None:
        self.told = told
        self.starts = 0
        self.saw_cancel = threading.Event()

    def __call__(self, tell, cancelled):
        self.starts += 1
        for value in self.told:
            tell(value)
        while not cancelled():
            self.saw_cancel.wait(0.01)
        self.saw_cancel.set()
        return SourceReport(cancelled=True)


def make_live(window, service, live, account):
    source = LiveSource("Matrix", FakeJob(), account.account, account.save,
                        "https://matrix.org", "", 1, "&User id", "&Password", live)
    controller = LiveSourceController(service, source, window, clock_text=CLOCK_TEXT)
    controller.install(window.file_menu, window.demo_action)
    controller.synced.connect(window.reload)
    return controller


def test_a_live_source_starts_with_the_window_and_shows_each_page(qtbot, window,
                                                                  service) -> None:
    live = FakeLive([SourceReport(), SourceReport(received=2)])
    with qtbot.waitSignal(window.queue_changed, timeout=5000):
        controller = make_live(window, service, live, FakeAccount({"api": "x"}))
    qtbot.waitUntil(lambda: controller.label.text() == "Matrix synced 10:00 — 2 new",
                    timeout=5000)
    assert controller.running
    assert not controller.sync(asked=True)  # already live: no second loop
    assert controller.cancel_action.isEnabled()
    controller.cancel_and_wait(timeout=2)
    assert live.saw_cancel.is_set()
    assert not controller.timer.isActive()
    assert live.starts == 1


def test_a_live_source_says_when_it_waits_for_its_server(qtbot, window, service) -> None:
    line = "The Matrix server x cannot be reached: ClientConnectorError Trying again in 4 s."
    live = FakeLive([line])
    controller = make_live(window, service, live, FakeAccount({"api": "x"}))
    qtbot.waitUntil(lambda: controller.label.text() == line, timeout=5000)
    assert controller.error_box is None  # it tries again by itself: no dialog
    controller.cancel_and_wait(timeout=2)


def test_a_new_login_restarts_the_live_loop(qtbot, window, service) -> None:
    live = FakeLive([])
    account = FakeAccount({"api": "x"})
    controller = make_live(window, service, live, account)
    qtbot.waitUntil(lambda: live.starts == 1, timeout=5000)

    def fill(dialog: QDialog) -> bool:
        dialog.token.setText("new password")
        dialog.accept()
        return True

    assert controller.edit_account(ask=fill)
    qtbot.waitUntil(lambda: live.starts == 2, timeout=5000)
    qtbot.waitUntil(live.saw_cancel.is_set, timeout=5000)  # the old loop was told to stop
    controller.cancel_and_wait(timeout=2)
