# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail sync in the window: File > Mail account…, File > Sync mail now (Ctrl+Shift+S), and a
sync every N minutes.

The sync runs on a worker thread through an injected job (the app opens a store connection of
its own for it), like File > Import does, so the window never freezes. The status bar says when
mail was last synced and how much was new; an error is shown in a message box once, not again
on every timer tick while it lasts (a sync the user asked for always shows it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.importing.items import ImportReport
from desktop.core.importing.mail_account import MailAccount
from desktop.core.importing.mail_settings import account_from_settings
from desktop.core.ports import SecretStore
from desktop.core.queue.service import QueueService

from desktop.ui.common.operation import Operation
from desktop.ui.importing.live_source import outcome_text, problems_text

if TYPE_CHECKING:
    from desktop.ui.importing.imap_dialog import FolderLoader

logger = logging.getLogger(__name__)

SyncJob = Callable[[Callable[[int], None], Callable[[], bool]], ImportReport]
"""Runs one sync: (progress(messages read), cancelled()) -> report; raises ``CoreError``."""

MINUTE_MS = 60_000


class MailSyncController(QObject):
    """Owns the mail actions, the sync timer and the status-bar label.

    Args:
        queue: the queue service (settings, the clock and the user's zone).
        job: runs one sync on the worker thread.
        secrets: the password store the account dialog writes to.
        load_folders: lists the server's folders for the account dialog.
        window: the main window to plug into.
    """

    progressed = Signal(int)
    finished = Signal(ImportReport)
    """A sync ran to its end (its report may name messages that could not be read)."""
    failed = Signal(str)
    """A sync stopped early; the message says why, for the user."""
    synced = Signal()
    """Emitted after a sync that changed the queue."""

    def __init__(self, queue: QueueService, job: SyncJob, secrets: SecretStore,
                 load_folders: FolderLoader, window: QMainWindow, *,
                 clock_text: Callable[[datetime], str]) -> None:
        super().__init__(window)
        self._clock_text = clock_text
        self._queue = queue
        self._job = job
        self._secrets = secrets
        self._load_folders = load_folders
        self._window = window
        self._op = Operation(self, "unhurried-mail")
        self._asked = False
        self._last_error: str | None = None
        self.error_box: QMessageBox | None = None
        """The last error shown (kept so it stays open, and for tests)."""
        self.label = QLabel()
        self.label.setObjectName("mailSyncStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync(asked=False))
        self.account_action = QAction(_("&Mail account…"), self)
        self.account_action.triggered.connect(lambda _checked=False: self.edit_account())
        self.sync_action = QAction(_("Sync mai&l now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(lambda _checked=False: self.sync(asked=True))
        self.progressed.connect(self._on_progressed)
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)

    def install(self, file_menu: QMenu, before: QAction) -> None:
        """Add the actions to the File menu (before ``before``) and the label to the status
        bar, and start the timer."""
        file_menu.insertActions(before, [self.account_action, self.sync_action])
        file_menu.insertSeparator(before)
        self._window.statusBar().addWidget(self.label)
        self.replan()

    def account(self) -> MailAccount | None:
        """The account in the settings (``None`` if none, or if its settings are broken)."""
        try:
            return account_from_settings(self._queue.settings)
        except InvalidInput:
            return None

    def replan(self) -> None:
        """Arm the timer for the account's interval (or stop it)."""
        account = self.account()
        self.sync_action.setEnabled(account is not None)
        if account is None or account.interval_minutes <= 0:
            self.timer.stop()
            return
        self.timer.start(account.interval_minutes * MINUTE_MS)

    @property
    def running(self) -> bool:
        """Whether a sync is under way."""
        return self._op.running

    def edit_account(self) -> bool:
        """Show the account dialog; on OK sync at once. Returns whether it was accepted."""
        from desktop.ui.importing.imap_dialog import MailAccountDialog  # opened rarely

        dialog = MailAccountDialog(self._queue, self._secrets, self._load_folders, self._window)
        if not dialog.exec():
            return False
        self._last_error = None
        self.replan()
        self.sync(asked=True)
        return True

    def sync(self, *, asked: bool) -> bool:
        """Start a sync on the worker thread (``asked``: the user asked, so errors always show).
        ``False`` when one is running or no account is set up."""
        if self.running or self.account() is None:
            return False
        self._asked = asked
        self.label.setText(_("Syncing mail…"))
        return self._op.start(
            lambda step: self._job(step.progress, step.cancelled),
            done=self.finished.emit, failed=self.failed.emit, progress=self.progressed.emit,
            describe=lambda error: _("The mail sync stopped because of an error: {error}. What "
                                     "was synced before it stays; the log has the "
                                     "details.").format(error=error))

    def cancel_and_wait(self, timeout: float = 5.0) -> None:
        """Stop after the current batch (the window is closing). Every batch is its own
        transaction, so a sync still waiting on the network may be left to the process exit."""
        self.timer.stop()
        self._op.cancel_and_wait(timeout)

    # -- main thread -----------------------------------------------------------------------------

    def _on_progressed(self, count: int) -> None:
        self.label.setText(ngettext("Syncing mail… {count} message read",
                                    "Syncing mail… {count} messages read", count)
                           .format(count=count))

    def _on_finished(self, report: ImportReport) -> None:
        self._last_error = None
        text = ngettext("Mail synced {time} — {count} new", "Mail synced {time} — {count} new",
                        report.imported).format(time=self._now_text(), count=report.imported)
        self.label.setText(text + outcome_text(report.answered, report.failed))
        self.label.setToolTip(problems_text(report.failed))
        if report.imported or report.answered:
            self.synced.emit()

    def _on_failed(self, message: str) -> None:
        self.label.setText(_("Mail sync failed {time}").format(time=self._now_text()))
        self.label.setToolTip(message)
        if self._asked or message != self._last_error:
            self._show_error(message)
        self._last_error = message

    def _now_text(self) -> str:
        return self._clock_text(self._queue.now())

    def _show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Mail sync"), message,
                          parent=self._window)
        box.setObjectName("mailSyncError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.error_box = box
