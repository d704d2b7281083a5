# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Edit > "This is a decision" and "Decision made…" for the request under the cursor, undoable.

Marking a request opens a decision (its title is the request's subject); "Decision made" records
it with an optional outcome. Decision speed in the Health view is the time between the two.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.core.health.decisions import Decision, DecisionService
from desktop.core.i18n import _

from desktop.ui.common.host import FeatureWindow
from desktop.ui.common.undo import RecordCommand, push


def decision_command(text: str, service: DecisionService, before: Decision | None,
                     change: Callable[[], Decision]) -> RecordCommand[Decision]:
    """One change to one decision; undo puts the earlier state back (or removes a new one)."""

    def store(decision: Decision) -> Decision:
        service.put(decision)
        return decision

    def remove(decision: Decision) -> None:
        service.remove(decision.id)

    return RecordCommand(text, before, change, store, remove)


class DecisionActions(QObject):
    """Adds the two decision actions to ``window.edit_menu`` and runs them.

    Args:
        window: the main window (``edit_menu``, ``undo_stack``, ``current_request()``,
            ``statusBar()``).
        decisions: the decision service.
    """

    def __init__(self, window: FeatureWindow, decisions: DecisionService) -> None:
        super().__init__(window.window())
        self._window = window
        self._decisions = decisions
        self.mark_action = self._action(_("This is a decisi&on"), self.mark, "Ctrl+Alt+D")
        self.made_action = self._action(_("Decision &made…"), self.made, "Ctrl+Alt+M")
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.mark_action)
        window.edit_menu.addAction(self.made_action)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str) -> QAction:
        action = QAction(text, self)
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
        command = decision_command(
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
                self._window.window(), _("Decision made"),
                _("Select a request marked with Edit > This is a decision first."))
            return None
        if outcome is None:
            text, ok = QInputDialog.getText(self._window.window(), _("Decision made"),
                                            _("What was decided? (optional)"),
                                            QLineEdit.EchoMode.Normal, "")
            if not ok:
                return None
            outcome = text
        command = decision_command(_("Decision made"), self._decisions, decision,
                                  lambda: self._decisions.decide(decision.id, outcome or ""))
        return self._push(command, _("Decision recorded: {title}"))

    def _push(self, command: RecordCommand[Decision], done_text: str) -> Decision | None:
        if push(self._window.undo_stack, command) is None:
            QMessageBox.warning(self._window.window(), command.text(), command.error or "")
            return None
        if command.after is not None:
            self._say(done_text.format(title=command.after.title))
        return command.after

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 4000)
