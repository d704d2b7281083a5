# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail account dialog and the sync in the window: folders loaded off the GUI thread, the
password into the secret store only, a locked keyring said once, the status bar after a sync,
errors shown once while they last, and a sync every N minutes."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from desktop.core.importing.items import ImportReport
from desktop.core.importing.mail_account import MailServerError, Security
from tests.fakes import FakeSecrets
from tests.ui.conftest import CLOCK_TEXT, REGIONS, ZONES

from desktop.ui.importing.imap_dialog import MailAccountDialog
from desktop.ui.importing.mail_sync import MINUTE_MS, MailSyncController
from desktop.ui.main_window import MainWindow


class FolderLister:
    """Answers when the test lets it (so "Load folders" is seen to run in the background)."""

    def __init__(self, folders: list[str] | None = None, error: Exception | None = None):
        self.folders = folders or ["INBOX", "Archive", "Sent"]
        self.error = error
        self.release = threading.Event()
        self.calls: list[tuple[str, str]] = []

    def __call__(self, account, password):
        self.calls.append((account.host, password))
        self.release.wait(5)
        if self.error is not None:
            raise self.error
        return self.folders


def fill(dialog: MailAccountDialog, host: str = "imap.example.org", password: str = "pw",
         security: Security = Security.TLS) -> None:
    dialog.host.setText(host)
    dialog.user.setText("ann@example.org")
    dialog.password.setText(password)
    dialog.security.setCurrentIndex(dialog.security.findData(security))


def test_folders_load_in_the_background_and_the_account_is_stored(qtbot, service) -> None:
    secrets, lister = FakeSecrets(), FolderLister()
    dialog = MailAccountDialog(service, secrets, lister)
    qtbot.addWidget(dialog)
    fill(dialog)
    assert dialog.load_folders()
    assert dialog.loading
    assert not dialog.load_button.isEnabled()
    lister.release.set()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert [dialog.folders.item(r).text() for r in range(dialog.folders.rowCount())] == [
        "INBOX", "Archive", "Sent"]
    assert dialog.chosen_folders() == ["INBOX"]
    dialog.folders.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.interval.setValue(10)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert lister.calls == [("imap.example.org", "pw")]
    assert secrets.values == {"imap:ann@example.org@imap.example.org": "pw"}
    assert service.setting_text("imap.folders") == '["INBOX", "Sent"]'
    assert service.setting_text("imap.interval") == "10"
    assert "pw" not in "".join(service._settings_store.values().values())


def test_plain_to_another_host_and_a_missing_password_keep_the_dialog_open(qtbot,
                                                                           service) -> None:
    dialog = MailAccountDialog(service, FakeSecrets(), FolderLister())
    qtbot.addWidget(dialog)
    fill(dialog, security=Security.PLAIN)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "only allowed to this machine" in dialog.error.text()
    fill(dialog, password="")
    dialog.accept()
    assert "Enter the password" in dialog.error.text()
    assert service.setting_text("imap.host") == ""


def test_a_server_error_while_loading_folders_is_shown_in_the_dialog(qtbot, service) -> None:
    lister = FolderLister(error=MailServerError("imap.example.org refused the login."))
    lister.release.set()
    dialog = MailAccountDialog(service, FakeSecrets(), lister)
    qtbot.addWidget(dialog)
    fill(dialog)
    dialog.load_folders()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert dialog.error.text() == "imap.example.org refused the login."
    assert dialog.load_button.isEnabled()


def test_a_locked_keyring_is_said_and_the_account_still_stored(qtbot, service) -> None:
    secrets = FakeSecrets(locked=True)
    dialog = MailAccountDialog(service, secrets, FolderLister())
    qtbot.addWidget(dialog)
    fill(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.warning_box is not None
    assert dialog.warning_box.text() == "keyring locked"
    assert service.setting_text("imap.host") == "imap.example.org"


def test_the_dialog_shows_the_stored_account_without_its_password(qtbot, service) -> None:
    secrets = FakeSecrets()
    secrets.values["imap:ann@localhost"] = "pw"
    service.update_settings({"imap.host": "localhost", "imap.user": "ann",
                             "imap.security": "plain", "imap.folders": "INBOX, Sent"})
    dialog = MailAccountDialog(service, secrets, FolderLister())
    qtbot.addWidget(dialog)
    assert dialog.host.text() == "localhost"
    assert dialog.port.value() == 143
    assert dialog.password.text() == ""
    assert "keyring" in dialog.password.placeholderText()
    assert dialog.chosen_folders() == ["INBOX", "Sent"]
    dialog.accept()  # no new password typed: the stored one stays
    assert secrets.values == {"imap:ann@localhost": "pw"}


class FakeSyncJob:
    def __init__(self) -> None:
        self.results: list[ImportReport | Exception] = []
        self.runs = 0

    def __call__(self, progress, cancelled):
        self.runs += 1
        progress(3)
        result = self.results.pop(0) if self.results else ImportReport()
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture
def job() -> FakeSyncJob:
    return FakeSyncJob()


@pytest.fixture
def window(qtbot, service, formatter) -> MainWindow:
    made = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                      data_version=lambda: 0, demo=lambda: 0)
    qtbot.addWidget(made)
    made.load()
    return made


@pytest.fixture
def controller(window, service, job) -> MailSyncController:
    service.update_settings({"imap.host": "localhost", "imap.user": "ann",
                             "imap.security": "plain", "imap.interval": "5"})
    made = MailSyncController(service, job, FakeSecrets(), FolderLister(), window,
                              clock_text=CLOCK_TEXT)
    made.install(window.file_menu, window.demo_action)
    made.synced.connect(window.reload)
    return made


def finish(qtbot, controller: MailSyncController) -> None:
    qtbot.waitUntil(lambda: not controller.running, timeout=5000)


def test_the_menu_has_the_actions_and_the_timer_follows_the_interval(controller,
                                                                     window) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Mail account…" in texts
    assert "Sync mai&l now" in texts
    assert controller.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert controller.timer.isActive()
    assert controller.timer.interval() == 5 * MINUTE_MS


def test_a_sync_reports_in_the_status_bar_and_reloads_the_queue(qtbot, controller, job,
                                                                window) -> None:
    job.results.append(ImportReport(imported=3, answered=1))
    with qtbot.waitSignal(window.queue_changed, timeout=5000):
        controller.sync_action.trigger()
    finish(qtbot, controller)
    assert controller.label.text() == "Mail synced 10:00 — 3 new · 1 answered"


def test_an_error_is_shown_once_while_it_lasts_but_always_when_asked(qtbot, controller,
                                                                     job) -> None:
    gone = MailServerError("The connection to localhost was lost during the sync.")
    job.results += [gone, gone, gone, ImportReport(), gone]
    controller.timer.timeout.emit()
    finish(qtbot, controller)
    first = controller.error_box
    assert first is not None
    assert first.text() == gone.message
    assert controller.label.text() == "Mail sync failed 10:00"
    controller.timer.timeout.emit()  # the same error on the next tick: no second box
    finish(qtbot, controller)
    assert controller.error_box is first
    controller.sync(asked=True)  # asked for: shown again
    finish(qtbot, controller)
    assert controller.error_box is not first
    shown = controller.error_box
    controller.timer.timeout.emit()  # a success in between ...
    finish(qtbot, controller)
    controller.timer.timeout.emit()  # ... so the error is news again
    finish(qtbot, controller)
    assert controller.error_box is not shown
    assert job.runs == 5


def test_no_account_no_sync(qtbot, window, service, job) -> None:
    made = MailSyncController(service, job, FakeSecrets(), FolderLister(), window,
                              clock_text=CLOCK_TEXT)
    made.install(window.file_menu, window.demo_action)
    assert not made.sync_action.isEnabled()
    assert not made.sync(asked=True)
    assert not made.timer.isActive()
    assert job.runs == 0


def test_the_dialog_works_from_the_keyboard(qtbot, service) -> None:
    dialog = MailAccountDialog(service, FakeSecrets(), FolderLister())
    qtbot.addWidget(dialog)
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
               if label.buddy() is not None}
    assert buddies["&Server"] is dialog.host
    assert buddies["&Folders"] is dialog.folder_view
    assert buddies["&Password"] is dialog.password
    wanted = [dialog.host, dialog.port, dialog.security, dialog.user, dialog.password]
    chain, widget = [], dialog.host
    for _step in range(40):
        if any(widget is w for w in wanted) and not any(widget is c for c in chain):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == wanted  # Tab goes host, port, security, user, password
