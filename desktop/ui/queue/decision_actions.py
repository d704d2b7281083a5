# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Edit > "This is a decision" and "Decision made…" for the request under the cursor, undoable.

Marking a request opens a decision (its title is the request's subject); "Decision made" records
it with an optional outcome. Decision speed in the Health view is the time between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.core.errors import InvalidInput
from desktop.core.health.decisions import Decision, DecisionService
from desktop.core.i18n import _


class DecisionCommand(QUndoCommand):
    """One change to one decision; undo puts the earlier state back (or removes a new one).

    Args:
        text: what the Edit menu shows ("Undo Mark as decision").
        service: the decision service.
        before: the decision as it was (``None`` when the change opens it).
        change: makes the change and returns the decision after it.
    """

    def __init__(self, text: str, service: DecisionService, before: Decision | None,
                 change: Callable[[], Decision]) -> None:
        super().__init__(text)
        self._service = service
        self._before = before
        self._change: Callable[[], Decision] | None = change
        self.after: Decision | None = None
        self.error: str | None = None

    def redo(self) -> None:
        if self._change is not None:
            change, self._change = self._change, None
            try:
                self.after = change()
            except InvalidInput as error:  # Qt calls redo(): record it, drop the command
                self.error = error.message
                self.setObsolete(True)
        elif self.after is not None:
            self._service.put(self.after)

    def undo(self) -> None:
        if self.after is None:
            return
        if self._before is None:
            self._service.remove(self.after.id)
        else:
            self._service.put(self._before)


class DecisionActions(QObject):
    """Adds the two decision actions to ``window.edit_menu`` and runs them.

    Args:
        window: the main window (``edit_menu``, ``undo_stack``, ``current_request()``,
            ``statusBar()``).
        decisions: the decision service.
    """

    def __init__(self, window: Any, decisions: DecisionService) -> None:
        super().__init__(window)
        self._window = window
        self._decisions = decisions
        self.mark_action = self._action(_("This is a decisi&on"), self.mark, "Ctrl+Alt+D")
        self.made_action = self._action(_("Decision &made…"), self.made, "Ctrl+Alt+M")
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.mark_action)
        window.edit_menu.addAction(self.made_action)

    def _action(self, text: str, slot: Callable[[], None], shortcut: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def mark(self) -> Decision | None:
        """Open a decision for the current request (once: marking again changes nothing)."""
        request = self._window.current_request()
        if request is None:
            self._say(_("Select a request first."))
            return None
        existing = self._decisions.for_request(request.id)
        if existing is not None and existing.is_open:
            self._say(_("This request is already an open decision."))
            return existing
        command = DecisionCommand(
            _("Mark as decision"), self._decisions, None,
            lambda: self._decisions.open_decision(request.subject, request_id=request.id))
        return self._push(command, _("Decision opened: {title}"))

    def made(self, outcome: str | None = None) -> Decision | None:
        """Record the current request's open decision as made; asks for the outcome unless
        ``outcome`` is given."""
        request = self._window.current_request()
        decision = self._decisions.for_request(request.id) if request is not None else None
        if decision is None or not decision.is_open:
            QMessageBox.information(
                self._window, _("Decision made"),
                _("Select a request marked with Edit > This is a decision first."))
            return None
        if outcome is None:
            text, ok = QInputDialog.getText(self._window, _("Decision made"),
                                            _("What was decided? (optional)"),
                                            QLineEdit.EchoMode.Normal, "")
            if not ok:
                return None
            outcome = text
        command = DecisionCommand(_("Decision made"), self._decisions, decision,
                                  lambda: self._decisions.decide(decision.id, outcome or ""))
        return self._push(command, _("Decision recorded: {title}"))

    def _push(self, command: DecisionCommand, done_text: str) -> Decision | None:
        self._window.undo_stack.push(command)
        if command.error is not None:
            QMessageBox.warning(self._window, command.text(), command.error)
            return None
        if command.after is not None:
            self._say(done_text.format(title=command.after.title))
        return command.after

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 4000)
