# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A live source (GitHub, Slack, Matrix) in the window: File > "GitHub account…", "Sync GitHub
now", "Cancel GitHub sync", a sync every few minutes (or, for a source with a ``live`` job such
as Matrix, one loop that stays live while the window is open and tells each page it commits),
and a status-bar label saying what came in.

The sync runs on a worker thread through an injected job that opens a store connection of its
own, as the mail sync does, so the window never freezes; a long first sync shows its progress
and can be cancelled (what was read stays). An error is shown in a message box once, not again
on every timer tick while it lasts; a sync the user asked for always shows it. The account
dialog hands the token straight to the injected ``save`` (the keyring); it is never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CoreError, SecretsUnavailable
from desktop.core.i18n import _, ngettext
from desktop.core.importing.items import Problem
from desktop.core.queue.service import QueueService

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.error_text import error_label
from desktop.ui.common.operation import Operation, Step

MINUTE_MS = 60_000


class Report(Protocol):
    """What a sync job returns (``desktop.wiring.source_report.SourceReport``)."""

    received: int
    answered: int
    failed: list[Problem]
    cancelled: bool
    wait_seconds: int


SourceJob = Callable[[Callable[[int, int], None], Callable[[], bool], bool], Report]
"""Runs one sync: (progress(done, total), cancelled(), asked) -> report; raises ``CoreError``."""

LiveJob = Callable[[Callable[[object], None], Callable[[], bool]], Report]
"""Syncs until cancelled: (tell, cancelled()) -> totals; ``tell`` takes each committed
:class:`Report` or a line for the status bar; raises ``CoreError``."""


@dataclass(frozen=True)
class LiveSource:
    """One source as the window sees it.

    Attributes:
        name: shown in menus and the status bar ("GitHub").
        job: runs one sync on the worker thread.
        account: the account as ``{"api": ..., "user": ..., "switch": bool}``, or ``None``
            (main thread).
        save: stores (api, user, token or password or ``None`` to keep the stored token,
            switch); raises ``CoreError`` (``SecretsUnavailable`` when the keyring refused).
        default_api: the API address a new account starts with.
        switch_label: the label of the account's one switch ("" for none).
        interval_minutes: minutes between syncs while the window is open.
    """

    name: str
    job: SourceJob
    account: Callable[[], dict[str, Any] | None]
    save: Callable[[str, str, str | None, bool], None]
    default_api: str
    switch_label: str = ""
    interval_minutes: int = 5
    user_label: str = ""
    """The label of a user id field ("" for none: the token says who)."""
    secret_label: str = ""
    """The label of the secret field ("" for "&Token")."""
    live: LiveJob | None = None
    """Keeps the source live while the window is open (a long-poll); the timer then only
    restarts it when it stopped."""
    api_label: str = ""
    """The label of the address field ("" for "&API address")."""


class SourceAccountDialog(QDialog):
    """The API address, the token (never shown back) and the source's switch."""

    def __init__(self, source: LiveSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("{name} account").format(name=source.name))
        self.setObjectName("sourceAccountDialog")
        self.setMinimumWidth(480)  # a homeserver address and a user id fit without scrolling
        self._source = source
        self.warning_box: QMessageBox | None = None
        current = source.account()
        self.api = QLineEdit(str((current or {}).get("api") or source.default_api))
        self.user = QLineEdit(str((current or {}).get("user") or ""))
        self.token = QLineEdit()
        describe(self.api,
                 _("The address of the service's API; change it only for a self-hosted one."))
        describe(self.token, _("The access token; it is kept in the system keyring."))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(_("kept in the system keyring") if current else "")
        self.switch = QCheckBox(source.switch_label)
        self.switch.setChecked(bool((current or {}).get("switch")))
        self.switch.setVisible(bool(source.switch_label))
        describe(self.switch,
                 _("Also marks the item done on the service when you mark it done here."))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(source.api_label or _("&API address"), self.api)
        if source.user_label:
            form.addRow(source.user_label, self.user)
        form.addRow(source.secret_label or _("&Token"), self.token)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.switch)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._has_account = current is not None

    def accept(self) -> None:
        """Store the account, or stay open and say what is wrong."""
        token = self.token.text().strip()
        if not token and not self._has_account:
            self._fail(_("Enter the token."))
            return
        try:
            self._source.save(self.api.text().strip(), self.user.text().strip(), token or None,
                              self.switch.isChecked())
        except SecretsUnavailable as error:
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), error.message,
                              parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            self.warning_box = box
        except CoreError as error:
            self._fail(str(error))
            return
        self.token.clear()
        super().accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def outcome_text(answered: int, failed: Sequence[Problem], cancelled: bool = False) -> str:
    """What a sync's status line adds after "{count} new": `` · 1 answered · 2 problems``."""
    parts = []
    if answered:
        parts.append(ngettext("{count} answered", "{count} answered",
                              answered).format(count=answered))
    if failed:
        parts.append(ngettext("{count} problem", "{count} problems",
                              len(failed)).format(count=len(failed)))
    if cancelled:
        parts.append(_("cancelled"))
    return "".join(" · " + part for part in parts)


def problems_text(failed: Sequence[Problem], shown: int = 20) -> str:
    """The first problems of a sync, one a line, for the status line's tooltip."""
    return "\n".join(f"{p.where}: {p.reason}" for p in failed[:shown])


class LiveSourceController(QObject):
    """Owns one source's actions, its sync timer and its status-bar label."""

    synced = Signal()
    """Emitted after a sync that changed the queue."""

    def __init__(self, queue: QueueService, source: LiveSource, window: QMainWindow, *,
                 clock_text: Callable[[datetime], str]) -> None:
        super().__init__(window)
        self._queue = queue
        self._clock_text = clock_text
        self.source = source
        self._window = window
        self._op = Operation(self, f"{source.name} sync")
        self._asked = False
        self._last_error: str | None = None
        self.error_box: QMessageBox | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync(asked=False))
        name = source.name
        self.account_action = QAction(_("{name} account…").format(name=name), self)
        self.account_action.triggered.connect(lambda _checked=False: self.edit_account())
        self.sync_action = QAction(_("Sync {name} now").format(name=name), self)
        self.sync_action.triggered.connect(lambda _checked=False: self.sync(asked=True))
        self.cancel_action = QAction(_("Cancel {name} sync").format(name=name), self)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(lambda _checked=False: self._op.cancel())

    def install(self, file_menu: QMenu, before: QAction) -> None:
        """Add the actions to the File menu and the label to the status bar; start the timer."""
        file_menu.insertActions(before, [self.account_action, self.sync_action,
                                         self.cancel_action])
        file_menu.insertSeparator(before)
        self._window.statusBar().addWidget(self.label)
        self.replan()

    def replan(self) -> None:
        """Arm the timer when an account is set up (or stop it); start a live source."""
        has_account = self.source.account() is not None
        self.sync_action.setEnabled(has_account)
        if has_account and self.source.interval_minutes > 0:
            self.timer.start(self.source.interval_minutes * MINUTE_MS)
        else:
            self.timer.stop()
        if has_account and self.source.live is not None and not self.running:
            QTimer.singleShot(0, self, lambda: self.sync(asked=False))  # live from the start

    @property
    def running(self) -> bool:
        """Whether a sync is under way."""
        return self._op.running

    def edit_account(self, ask: Callable[[QDialog], bool] | None = None) -> bool:
        """Show the account dialog; on OK sync at once. ``ask`` shows it (tests replace it)."""
        dialog = SourceAccountDialog(self.source, self._window)
        if not (ask or (lambda d: bool(d.exec())))(dialog):
            return False
        self._last_error = None
        self.replan()
        self.sync(asked=True, restart=self.source.live is not None)  # with the new login
        return True

    def sync(self, *, asked: bool, restart: bool = False) -> bool:
        """Start a sync (or a live source's loop) on the worker thread; ``False`` when one
        runs (unless ``restart``: it is stopped) or no account is set."""
        if (self.running and not restart) or self.source.account() is None:
            return False
        self._asked = asked
        self.cancel_action.setEnabled(True)
        self.label.setText(_("Syncing {name}…").format(name=self.source.name))
        work = self._live if self.source.live is not None else self._work
        return self._op.start(work, done=self._on_finished, failed=self._on_failed,
                              describe=self._describe, progress=self._on_progressed,
                              supersede=restart)

    def cancel_and_wait(self, timeout: float = 5.0) -> None:
        """Stop after the current conversation (the window is closing)."""
        self.timer.stop()
        self._op.cancel_and_wait(timeout)

    def _work(self, step: Step) -> Report:
        def tell(done: int, total: int) -> None:
            step.progress((done, total))

        return self.source.job(tell, step.cancelled, self._asked)

    def _live(self, step: Step) -> Report:
        assert self.source.live is not None
        return self.source.live(step.progress, step.cancelled)

    def _describe(self, error: Exception) -> str:
        return _("The {name} sync stopped because of an error: {error}. What was synced "
                 "before it stays; the log has the details.").format(
                     name=self.source.name, error=type(error).__name__)

    def _on_progressed(self, counts: object) -> None:
        if isinstance(counts, str):  # a live source lost its server and tries again
            self.label.setText(counts)
            self.label.setToolTip(counts)
            return
        if not isinstance(counts, tuple):  # a live source committed a page
            self._show_report(counts)  # type: ignore[arg-type]
            return
        done, total = counts
        self.label.setText(_("Syncing {name}… {done} of {total}").format(
            name=self.source.name, done=done, total=total))

    def _on_failed(self, message: str) -> None:
        self.cancel_action.setEnabled(False)
        time = self._clock_text(self._queue.now())
        self.label.setText(_("{name} sync failed {time}").format(name=self.source.name,
                                                                 time=time))
        self.label.setToolTip(message)
        if self._asked or message != self._last_error:
            self._show_error(message)
        self._last_error = message

    def _on_finished(self, report: Report) -> None:
        self.cancel_action.setEnabled(False)
        # A live loop's totals at its end: each page was shown and reloaded when it came.
        self._show_report(report, reload=self.source.live is None)

    def _show_report(self, report: Report, *, reload: bool = True) -> None:
        name = self.source.name
        time = self._clock_text(self._queue.now())
        self._last_error = None
        if report.wait_seconds and not report.received:
            text = _("{name} asked to wait {seconds} s").format(name=name,
                                                                seconds=report.wait_seconds)
        else:
            text = ngettext("{name} synced {time} — {count} new",
                            "{name} synced {time} — {count} new", report.received).format(
                name=name, time=time, count=report.received)
        self.label.setText(text + outcome_text(report.answered, report.failed, report.cancelled))
        self.label.setToolTip(problems_text(report.failed))
        if reload and (report.received or report.answered):
            self.synced.emit()

    def _show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.source.name, message,
                          parent=self._window)
        box.setObjectName("sourceSyncError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.error_box = box
