# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafting in the main window: File > New message and File > Drafts…, the draft windows,
and what the outbox runner reports (sent, or failing: told once in the status bar and a
message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from desktop.core.drafting.drafts import Draft
from desktop.core.drafting.outbox import DeliveryReport
from desktop.core.drafting.replies import thread_headers
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.requests import Request

from desktop.ui.common.undo import RecordCommand, push
from desktop.ui.drafting.env import DraftEnvironment
from desktop.ui.drafting.outbox_runner import OutboxRunner

if TYPE_CHECKING:  # the editor (with the checker's patterns) loads when a draft first opens
    from desktop.ui.drafting.dialogs import DraftsDialog
    from desktop.ui.drafting.outbox_dialog import OutboxDialog
    from desktop.ui.drafting.window import DraftWindow


class DraftingController(QObject):
    """Owns the drafting actions and the open draft windows of one main window.

    Args:
        window: the main window (its ``file_menu``, ``edit_menu`` and status bar are used).
        env: what draft windows need.
        runner: delivers the outbox; ``None`` without sending.
        edit_account: shows the SMTP account dialog.
    """

    def __init__(self, window: QMainWindow, env: DraftEnvironment,
                 runner: OutboxRunner | None = None,
                 edit_account: Callable[[QWidget], bool] | None = None, *,
                 undo_stack: QUndoStack | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.env = env
        self.runner = runner
        self.windows: dict[str, DraftWindow] = {}
        self.report_box: QMessageBox | None = None
        self.new_action = self._action(_("&New message"), lambda: self.new_draft(), "Ctrl+M")
        self.drafts_action = self._action(_("D&rafts…"), self.show_drafts, "Ctrl+Shift+D")
        self.outbox_action = self._action(_("Outbo&x…"), self.show_outbox)
        self.outbox_changed: Callable[[], None] = lambda: None
        self.account_action = self._action(_("SMTP &account…"),
                                           lambda: edit_account(window) if edit_account else None)
        self.account_action.setEnabled(edit_account is not None)
        if runner is not None:
            runner.delivered.connect(self._on_runner_delivered)
            runner.failed.connect(self._on_runner_failed)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def install(self, file_menu: QMenu, edit_menu: QMenu) -> None:
        """Put the actions into the main window's menus (after its first entry)."""
        actions = file_menu.actions()
        before = actions[1] if len(actions) > 1 else None
        for action in (self.new_action, self.drafts_action, self.outbox_action):
            file_menu.insertAction(before, action) if before else file_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.account_action)

    # -- windows -------------------------------------------------------------------------------

    def new_draft(self, reply_to: Request | None = None, *, subject: str = "",
                  body: str = "", recipient: str = "", recipient_zone: str = "",
                  template_id: str | None = None) -> DraftWindow:
        """Start a draft (a reply to ``reply_to`` when given, in its thread) and open its
        window."""
        in_reply_to, references = thread_headers(reply_to) if reply_to else ("", "")
        draft = self.env.drafts.create(
            subject=subject, body=body, recipient=recipient, recipient_zone=recipient_zone,
            template_id=template_id, reply_to=reply_to.id if reply_to is not None else None,
            in_reply_to=in_reply_to, references=references)
        return self.open_draft(draft)

    def open_draft(self, draft: Draft) -> DraftWindow:
        """Show the draft's window (raising it if it is open)."""
        window = self.windows.get(draft.id)
        if window is not None:
            window.raise_()
            window.activateWindow()
            return window
        from desktop.ui.drafting.window import DraftWindow

        window = DraftWindow(self.env, self.env.drafts.get(draft.id))
        window.closed.connect(self._on_draft_window_closed)
        self.windows[draft.id] = window
        window.show()
        return window

    def show_drafts(self) -> DraftsDialog:
        """File > Drafts…: reopen or delete drafts."""
        drafts = self.env.drafts

        def delete(draft: Draft) -> Callable[[], None]:
            command = RecordCommand(_("Delete draft"), draft, lambda: drafts.delete(draft.id),
                                    drafts.put, lambda _gone: None)
            undo = push(self.undo_stack, command)  # Edit > Undo in the main window reaches it
            if undo is None:
                raise InvalidInput(command.error or "")
            return undo

        from desktop.ui.drafting.dialogs import DraftsDialog

        dialog = DraftsDialog(drafts.drafts, self.env.formatter, self.open_draft, delete,
                              self._window)
        dialog.open()
        return dialog

    def show_outbox(self) -> OutboxDialog:
        """File > Outbox…: cancel, reschedule or edit what is queued."""
        from desktop.ui.drafting.outbox_dialog import OutboxDialog

        def changed() -> None:
            if self.runner is not None:
                self.runner.arm()
            self.outbox_changed()

        dialog = OutboxDialog(self.env.outbox, self.env.formatter, self.open_draft, changed,
                              self._window)
        dialog.open()
        return dialog

    def close_all(self) -> None:
        """Close every draft window (each saves first)."""
        for window in list(self.windows.values()):
            window.close()

    def _on_draft_window_closed(self, draft_id: str) -> None:
        window = self.windows.pop(draft_id, None)
        if window is not None:
            window.deleteLater()

    # -- outbox --------------------------------------------------------------------------------

    def report_interrupted(self, drafts: list[Draft]) -> None:
        """Tell the user about sends a crash cut off (from ``Outbox.recover`` at start)."""
        if not drafts:
            return
        no_subject = _("(no subject)")
        subjects = ", ".join(f"“{d.subject or no_subject}”" for d in drafts)
        self._tell(_("Sending was interrupted"), _(
            "Unhurried stopped while sending {subjects}. The message may have gone out: check "
            "your Sent folder, then send it again from File > Drafts if it did not.").format(
            subjects=subjects))

    def _on_runner_delivered(self, report: DeliveryReport) -> None:
        for draft in (*report.sent, *report.retrying, *report.failed):
            window = self.windows.get(draft.id)
            if window is not None:
                window.refresh()
        bar = self._window.statusBar()
        if report.sent:
            posted = sum(d.reply_to is not None and self.env.post_place(d.reply_to) is not None
                         for d in report.sent)
            sent = len(report.sent) - posted
            done = [ngettext("Sent {count} message.", "Sent {count} messages.", sent)
                    .format(count=sent)] if sent else []
            if posted:
                done.append(ngettext("Posted {count} reply.", "Posted {count} replies.",
                                     posted).format(count=posted))
            bar.showMessage(" ".join(done), 6000)
        if not report.first_failures:
            return
        first = report.first_failures[0]
        if first in report.retrying:
            text = _("“{subject}” could not be sent: {reason} It stays in the outbox and is "
                     "tried again.")
        else:
            text = _("“{subject}” was not sent: {reason} Fix it, then send it again from File "
                     "> Drafts.")
        self._tell(_("Sending failed"), text.format(subject=first.subject or _("(no subject)"),
                                                    reason=first.error))

    def _on_runner_failed(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 10000)

    def _tell(self, title: str, text: str) -> None:
        self._window.statusBar().showMessage(text, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()  # not modal-blocking: the outbox keeps running
        self.report_box = box
