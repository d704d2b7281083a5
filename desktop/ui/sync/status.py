# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync from the window: a worker thread, automatic and debounced runs, the status in
the status bar, and the menu actions (File > Sync now, Edit > CalDAV account…).

The sync itself is an injected job (the app opens a store connection of its own for it, as
for imports), so the window never waits for the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from desktop.core.i18n import _, ngettext
from desktop.core.sync.items import SyncReport

from desktop.ui.common.error_text import show_as_error
from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)

SyncJob = Callable[[Callable[[str], None], Callable[[], bool]], SyncReport]
"""Runs one sync: (progress(text), cancelled()) -> report."""

DEBOUNCE_MS = 5_000


@dataclass(frozen=True, slots=True)
class SyncHooks:
    """What the window's sync needs from the app, as plain callables.

    ``configured()`` says whether an account is set up; ``interval_minutes()`` how often to
    sync; ``pending()`` how many local changes wait; ``open_dialog(parent)`` shows the account
    dialog and returns whether it was saved.
    """

    job: SyncJob
    configured: Callable[[], bool]
    interval_minutes: Callable[[], int]
    pending: Callable[[], int]
    open_dialog: Callable[[QWidget], bool]
    clock: Callable[[], datetime]


class SyncController(QObject):
    """Runs one sync at a time off the GUI thread and shows how it went."""

    finished = Signal(SyncReport)
    """A sync ran to its end (its report may still name items that failed)."""
    failed = Signal(str)
    """A sync stopped early; the message says why, for the user."""

    def __init__(self, window: QMainWindow, hooks: SyncHooks,
                 format_time: Callable[[datetime], str],
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(window)
        self._window = window
        self._hooks = hooks
        self._format_time = format_time
        self._op = Operation(self, "unhurried-sync")
        self._again = False
        self.last_report: SyncReport | None = None
        self.label = QLabel(self._idle_text())
        self.label.setObjectName("syncStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        window.statusBar().addPermanentWidget(self.label)
        self.sync_action = QAction(_("S&ync with CalDAV now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.triggered.connect(lambda _checked=False: self.sync_now())
        self.account_action = QAction(_("CalDAV accoun&t…"), self)
        self.account_action.triggered.connect(lambda _checked=False: self.open_account())
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.sync_now)
        self._every = QTimer(self)
        self._every.timeout.connect(self.sync_now)
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self.replan()

    @property
    def running(self) -> bool:
        """Whether a sync is under way."""
        return self._op.running

    def replan(self) -> None:
        """Arm the automatic sync from the account's interval (none without an account)."""
        if self._hooks.configured():
            self._every.start(max(1, self._hooks.interval_minutes()) * 60_000)
        else:
            self._every.stop()

    def local_change(self) -> None:
        """Something changed here: sync a few seconds later (changes in a row sync once).

        Only when something waits to be sent: the window also reloads after a sync wrote."""
        if self._hooks.configured() and not self.running and self._hooks.pending():
            self._debounce.start()

    def sync_now(self) -> bool:
        """Start a sync on the worker thread; a sync asked for while one runs follows it."""
        if not self._hooks.configured():
            self.label.setText(self._idle_text())
            return False
        if self.running:
            self._again = True
            return False
        self.label.setText(_("Syncing…"))
        return self._op.start(
            lambda step: self._hooks.job(step.progress, step.cancelled),
            done=self.finished.emit, failed=self.failed.emit, progress=self._on_progressed,
            describe=lambda error: _("The sync stopped because of an error: {error}. Nothing "
                                     "was lost; the log has the details.").format(error=error))

    def open_account(self) -> None:
        """Show the account dialog; a saved account syncs at once."""
        if self._hooks.open_dialog(self._window):
            self.replan()
            self.sync_now()

    def cancel_and_wait(self) -> None:
        """Stop after the current batch (the window is closing)."""
        self._op.cancel_and_wait()

    # -- main thread -----------------------------------------------------------------------------

    def _on_progressed(self, text: str) -> None:
        self.label.setText(_("Syncing… {step}").format(step=text))

    def _on_finished(self, report: SyncReport) -> None:
        self.last_report = report
        self.label.setText(self.status_text(report))
        show_as_error(self.label, bool(report.error and not report.offline))
        self.label.setToolTip("\n".join(f"{f.item}: {f.reason}" for f in report.failed))
        self._again_if_asked()

    def _on_failed(self, message: str) -> None:
        self.label.setText(_("Sync failed: {reason}").format(reason=message))
        show_as_error(self.label)
        self._again_if_asked()

    def _again_if_asked(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    def status_text(self, report: SyncReport) -> str:
        """The status bar text for a finished sync."""
        waiting = ngettext("{count} change waiting", "{count} changes waiting",
                           report.pending).format(count=report.pending)
        if report.offline:
            return _("Offline — {waiting}").format(waiting=waiting)
        if report.error is not None:
            return _("Sync failed: {reason}").format(reason=report.error)
        text = _("Synced {time}").format(time=self._format_time(self._hooks.clock()))
        if report.failed:
            text += " · " + ngettext("{count} item skipped", "{count} items skipped",
                                     len(report.failed)).format(count=len(report.failed))
        return text

    def _idle_text(self) -> str:
        if not self._hooks.configured():
            return ""  # no account: nothing to say (Edit > CalDAV account… sets one up)
        return ngettext("{count} change to sync", "{count} changes to sync",
                        self._hooks.pending()).format(count=self._hooks.pending())

    def show_report(self) -> None:
        """The last sync's failures in a message box (from the status bar's tooltip too)."""
        report = self.last_report
        if report is None or not report.failed:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Sync"),
                          _("Some items were skipped; the rest synced."), parent=self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText("\n".join(f"{f.item}: {f.reason}" for f in report.failed))
        box.open()
