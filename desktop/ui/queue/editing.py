# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the main window's request actions do: add, mark done, waiting, priority, delete and
restore, snooze. Each change is a step of the window's one undo stack (several selected
requests make one step), so Edit > Undo reaches all of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.queue.service import QueueService
from desktop.core.requests import Priority, Request, State, snooze_hides_lateness

from desktop.ui.common.formatting import Formatter
from desktop.ui.common.undo import Undo, push, request_command
from desktop.ui.queue.plug_in import PlugIn
from desktop.ui.queue.view import QueueView

if TYPE_CHECKING:
    from desktop.ui.queue.trash import DeletedDialog


class RequestEditing(PlugIn):
    """The request actions of :class:`~desktop.ui.main_window.MainWindow`, which sets the
    attributes declared here and applies each change to its rows in ``_on_command_applied``."""

    _queue: QueueService
    _fmt: Formatter
    _trash: DeletedDialog | None
    view: QueueView
    undo_stack: QUndoStack

    def _on_command_applied(self, request: Request) -> None:
        raise NotImplementedError

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: str | QKeySequence | QKeySequence.StandardKey = "",
                *, on_view: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if on_view:  # single-key shortcuts act on the list only, never while typing a search
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_edit_menus(self) -> None:
        """Edit > Snooze and Edit > Priority, each entry with its key on the queue."""
        self.snooze_menu = QMenu(_("S&nooze"), self)
        for label, key, preset in ((_("Later today (3 hours)"), "S", "later today"),
                                   (_("Tomorrow morning"), "Shift+S", "tomorrow"),
                                   (_("Next week"), "", "next week")):
            self.snooze_menu.addAction(self._action(
                label, partial(self.snooze_selected, preset), key, on_view=True))
        self.snooze_menu.addAction(self._action(_("Until…"), self._snooze_custom, "Ctrl+S",
                                                on_view=True))
        self.snooze_menu.addAction(self._action(_("Show again now"), self._unsnooze))
        self.priority_menu = QMenu(_("&Priority"), self)
        for number, priority in enumerate(Priority, start=1):
            self.priority_menu.addAction(self._action(
                _(priority.label), partial(self.set_priority, priority), str(number),
                on_view=True))

    def add_request(self) -> None:
        """Ask for a new request and add it (undoable)."""
        from desktop.ui.queue.add_dialog import (
            AddRequestDialog,  # with the time parser: on first use
        )

        dialog = AddRequestDialog(self._queue, self)
        if not dialog.exec():
            return
        values = dialog.values
        command = request_command(_("Add request"), self._queue, None,
                                  lambda: self._queue.add(**values), self._on_command_applied)
        self.undo_stack.push(command)
        if command.result is not None:
            self.view.select_request(command.result.id)

    def mark_done(self) -> None:
        """Mark the selected requests done."""
        self._apply(_("Mark done"), self._queue.done)

    def mark_done_by_id(self, request_id: str) -> Undo:
        """Mark one request done as a step of this window's undo stack (a sent reply does);
        returns how to undo that step from elsewhere (a message bar's Undo).

        Raises:
            CoreError: the request is gone or cannot be marked done.
        """
        command = request_command(_("Mark done"), self._queue, self._queue.get(request_id),
                                  lambda: self._queue.done(request_id),
                                  self._on_command_applied)
        undo = push(self.undo_stack, command)
        if undo is None:
            raise InvalidInput(command.error or "")
        return undo

    def toggle_waiting(self) -> None:
        """Waiting on others for open requests, asking when to follow up (Cancel changes
        nothing); resume for waiting ones."""
        from desktop.ui.queue.follow_up import ask_follow_up

        chosen = self.view.selected_requests() or (
            [r] if (r := self.view.current_request()) else [])
        follow_up = None
        if any(r.state is not State.WAITING for r in chosen):
            follow_up = ask_follow_up(self, self._queue)
            if follow_up is None:
                return
        self._apply(_("Waiting on others"), lambda rid: (
            self._queue.resume(rid) if self._queue.get(rid).state is State.WAITING
            else self._queue.wait(rid, follow_up)), chosen or None)

    def set_priority(self, priority: Priority) -> None:
        """Change the priority of the selected requests."""
        self._apply(_("Set priority"), lambda rid: self._queue.set_priority(rid, priority))

    def delete_selected(self) -> None:
        """Delete the selected requests (undo brings them back)."""
        self._apply(_("Delete"), self._queue.delete)

    def restore(self, request_ids: Sequence[str]) -> None:
        """Bring back deleted requests, as one step undo deletes again."""
        found = [self._queue.find(i, deleted=True) for i in request_ids]
        self._apply(_("Restore"), self._queue.restore, found)

    def show_deleted(self) -> DeletedDialog:
        """View > Deleted requests: the deleted ones, to restore."""
        from desktop.ui.queue.trash import DeletedDialog

        if self._trash is None:
            self._trash = DeletedDialog(self._queue.deleted, self.restore, self._fmt,
                                        self._queue.now, self)
        else:
            self._trash.reload()
        self._trash.show()
        self._trash.raise_()
        return self._trash

    def snooze_selected(self, phrase: str) -> None:
        """Snooze the selected requests until a preset ("tomorrow") or a typed time."""
        try:
            until = self._snooze_time(phrase)
        except InvalidInput as error:
            QMessageBox.warning(self, _("Snooze"), error.message)
            return
        now = self._queue.now()
        chosen = self.view.selected_requests() or (
            [r] if (r := self.view.current_request()) else [])
        late = [r for r in chosen if snooze_hides_lateness(r, until, now)]
        if late and QMessageBox.question(self, _("Snooze"), ngettext(
                "{count} request is overdue or due before the snooze ends. It stays counted "
                "as overdue. Snooze anyway?",
                "{count} requests are overdue or due before the snooze ends. They stay counted "
                "as overdue. Snooze anyway?", len(late)).format(count=len(late)),
        ) != QMessageBox.StandardButton.Yes:
            return
        self._apply(_("Snooze"), lambda rid: self._queue.snooze(rid, until), chosen)

    def snooze_by_ids(self, request_ids: Sequence[str], until: datetime) -> None:
        """Snooze these requests (gone ones are skipped) as one step Edit > Undo reverts, as
        a notification's Snooze 1 h does."""
        if found := list(self._queue.get_many(request_ids).values()):
            self._apply(_("Snooze"), lambda rid: self._queue.snooze(rid, until), found)

    def _snooze_time(self, phrase: str) -> datetime:
        """``phrase`` read as the command line reads it: a day means its working morning."""
        from desktop.core.when import parse_when  # its patterns compile on first use

        return parse_when(phrase, self._queue.now(), ZoneInfo(self._queue.settings.timezone),
                          calendar=self._queue.calendar)

    def _snooze_custom(self) -> None:
        text, ok = QInputDialog.getText(self, _("Snooze until"),
                                        _("Until when? (e.g. thu 9am, in 2 days)"))
        if ok and text.strip():
            self.snooze_selected(text)

    def _unsnooze(self) -> None:
        self._apply(_("Show again"), self._queue.unsnooze)

    def _apply(self, text: str, change: Callable[[str], Request],
               requests: list[Request] | None = None) -> None:
        if requests is None:
            requests = self.view.selected_requests() or (
                [r] if (r := self.view.current_request()) else [])
        if not requests:
            self.statusBar().showMessage(_("Select a request first."), 3000)
            return
        errors: list[str] = []
        self.undo_stack.beginMacro(text)
        for request in requests:
            command = request_command(text, self._queue, request,
                                      partial(change, request.id), self._on_command_applied)
            self.undo_stack.push(command)
            if command.error is not None:
                errors.append(command.error)
        self.undo_stack.endMacro()
        if errors:
            QMessageBox.warning(self, text, errors[0])
