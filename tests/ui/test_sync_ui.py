# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window's sync: worker thread, status bar text, debounced runs, the account dialog."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from desktop.core.errors import InvalidInput
from desktop.core.sync.items import Failure, SyncReport

from desktop.ui.sync.caldav_dialog import AccountForm, CalDavDialog
from desktop.ui.sync.status import SyncController, SyncHooks

NOW = datetime(2026, 11, 25, 9, 42, tzinfo=UTC)


class FakeSync:
    """A sync job that waits for the test to release it, then returns a set report."""

    def __init__(self, report: SyncReport) -> None:
        self.report = report
        self.release = threading.Event()
        self.calls = 0
        self.pending = 0

    def job(self, progress, cancelled) -> SyncReport:
        self.calls += 1
        progress("receiving 200 of 400")
        self.release.wait(10)
        return self.report

    def hooks(self, configured: bool = True) -> SyncHooks:
        return SyncHooks(self.job, lambda: configured, lambda: 15, lambda: self.pending,
                         lambda _parent: False, lambda: NOW)


def controller(window, fake: FakeSync, **kwargs) -> SyncController:
    return SyncController(window, fake.hooks(**kwargs), lambda t: t.strftime("%H:%M"),
                          debounce_ms=10)


def test_sync_runs_off_the_gui_thread_and_says_when_it_synced(qtbot, window) -> None:
    fake = FakeSync(SyncReport(sent=3))
    sync = controller(window, fake)
    assert sync.sync_now()
    qtbot.waitUntil(lambda: "receiving" in sync.label.text(), timeout=5000)
    assert sync.running  # the window is free while the job waits
    fake.release.set()
    qtbot.waitUntil(lambda: not sync.running, timeout=5000)
    assert sync.label.text() == "Synced 09:42"


def test_offline_shows_the_changes_waiting(qtbot, window) -> None:
    fake = FakeSync(SyncReport(offline=True, error="cannot be reached", pending=3))
    fake.release.set()
    sync = controller(window, fake)
    sync.sync_now()
    qtbot.waitUntil(lambda: not sync.running, timeout=5000)
    assert sync.label.text() == "Offline — 3 changes waiting"


def test_a_skipped_item_is_counted_and_its_reason_is_in_the_tooltip(qtbot, window) -> None:
    fake = FakeSync(SyncReport(failed=[Failure("/ann/tasks/x.ics", "malformed iCalendar")]))
    fake.release.set()
    sync = controller(window, fake)
    sync.sync_now()
    qtbot.waitUntil(lambda: not sync.running, timeout=5000)
    assert sync.label.text() == "Synced 09:42 · 1 item skipped"
    assert "malformed iCalendar" in sync.label.toolTip()


def test_local_changes_in_a_row_sync_once(qtbot, window) -> None:
    fake = FakeSync(SyncReport())
    fake.release.set()
    fake.pending = 2
    sync = controller(window, fake)
    for _ in range(3):
        sync.local_change()
    qtbot.waitUntil(lambda: fake.calls == 1 and not sync.running, timeout=5000)
    fake.pending = 0
    sync.local_change()  # nothing waits: the reload after a sync does not sync again
    qtbot.wait(50)
    assert fake.calls == 1


def test_without_an_account_nothing_runs(qtbot, window) -> None:
    fake = FakeSync(SyncReport())
    sync = controller(window, fake, configured=False)
    assert not sync.sync_now()
    assert sync.label.text() == ""  # a user without a CalDAV server sees nothing about it


def test_account_dialog_lists_collections_off_thread_and_saves(qtbot) -> None:
    saved = []

    def collections(url, user, password):
        if password != "pw":
            raise InvalidInput("the server refused the login")
        return [("/ann/tasks/", "Tasks", ("VTODO",)), ("/ann/cal/", "Work", ("VEVENT",))]

    dialog = CalDavDialog(AccountForm(), collections,
                          lambda form, password: saved.append((form, password)))
    qtbot.addWidget(dialog)
    dialog.url.setText("http://127.0.0.1:5232/")
    dialog.user.setText("ann")
    dialog.password.setText("wrong")
    dialog.list_collections()
    qtbot.waitUntil(lambda: "refused" in dialog.message.text(), timeout=5000)
    dialog.password.setText("pw")
    dialog.list_collections()
    qtbot.waitUntil(lambda: dialog.tasks.count() == 2, timeout=5000)
    assert dialog.tasks.currentData() == "/ann/tasks/"
    assert dialog.calendar.currentData() == "/ann/cal/"
    dialog.accept()
    [(form, password)] = saved
    assert (form.url, form.user, form.tasks, form.calendar, password) == (
        "http://127.0.0.1:5232/", "ann", "/ann/tasks/", "/ann/cal/", "pw")


def test_account_dialog_asks_once_before_plain_http_to_another_machine(qtbot) -> None:
    asked: list[str] = []
    answers = [False, True]
    listed: list[str] = []

    def confirm(parent, warning):
        asked.append(warning)
        return answers.pop(0)

    def collections(url, user, password):
        listed.append(url)
        return [("/ann/tasks/", "Tasks", ("VTODO",))]

    dialog = CalDavDialog(AccountForm(), collections, lambda form, password: None,
                          confirm=confirm)
    qtbot.addWidget(dialog)
    dialog.url.setText("http://dav.example.org/")
    dialog.user.setText("ann")
    dialog.password.setText("pw")
    dialog.list_collections()  # refused: nothing is sent
    assert listed == []
    assert "unencrypted" in dialog.message.text()
    dialog.list_collections()  # accepted
    qtbot.waitUntil(lambda: dialog.tasks.count() == 2, timeout=5000)
    dialog.accept()  # the same URL is not asked about again
    assert listed == ["http://dav.example.org/"]
    assert len(asked) == 2
    assert "dav.example.org is reached over plain http" in asked[0]


def test_account_dialog_does_not_ask_for_https_or_this_machine(qtbot) -> None:
    def never(parent, warning):
        raise AssertionError(warning)

    dialog = CalDavDialog(AccountForm(), lambda *a: [], lambda form, password: None,
                          confirm=never)
    qtbot.addWidget(dialog)
    for url in ("https://dav.example.org/", "http://127.0.0.1:5232/", "http://localhost/"):
        dialog.url.setText(url)
        assert dialog._cleartext_accepted()
