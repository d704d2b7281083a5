# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""File > Outbox…: what is queued, going out or failed, with when and why.

Cancel takes a message back (it becomes a draft again; a request it replies to stays open),
Reschedule… asks for another time on the recipient's clock (:class:`SendLaterDialog`), and
Edit takes it back and opens it in its window. A failed message shows the server's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.core.drafting.drafts import Draft
from desktop.core.drafting.outbox import Outbox
from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.formatting import Formatter
from desktop.ui.drafting.dialogs import SendLaterDialog, _table
from desktop.ui.drafting.models import ITEM_ROLE, SORT_ROLE, _ListModel

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class OutboxColumn(IntEnum):
    """The outbox table's columns."""

    WHEN = 0
    STATE = 1
    TO = 2
    SUBJECT = 3
    REASON = 4


class OutboxModel(_ListModel[Draft]):
    """Queued, in-flight and failed messages: when, state, to, subject, and the reason."""

    headers = (N_("Goes out"), N_("State"), N_("To"), N_("Subject"), N_("Reason"))

    def __init__(self, moment: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moment = moment

    def cell(self, item: Draft, column: int, role: int) -> object:
        when = item.retry_at or item.send_at
        if role == SORT_ROLE:
            return ((when or _EPOCH).timestamp(), item.state.value, item.recipient,
                    item.subject, item.error)[column]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self._moment(when) if when else "—", _(item.state.label), item.recipient,
                item.subject or _("(no subject)"), item.error)[column]


class OutboxDialog(QDialog):
    """The outbox, with Cancel, Reschedule… and Edit.

    Args:
        outbox: lists and changes queued messages.
        formatter: formats times in the user's zone.
        user_zone: the user's zone (for a recipient whose zone is unknown).
        open_draft: opens a draft in its window (Edit).
        changed: called after a cancel or a reschedule (the queue shows reply states).
    """

    def __init__(self, outbox: Outbox, formatter: Formatter, open_draft: Callable[[Draft], object],
                 changed: Callable[[], None] = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Outbox"))
        self._outbox = outbox
        self._formatter = formatter
        self._open = open_draft
        self._changed = changed
        self.model = OutboxModel(formatter.full, self)
        self.view = _table(self.model, self)
        self.view.setAccessibleName(_("Outbox"))
        describe(self.view, _("Messages waiting to be sent, with when and to whom."))
        self.empty = QLabel(_("Nothing is queued to send."))
        self.problem = QLabel(wordWrap=True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.cancel_button = buttons.addButton(_("&Cancel sending"), role)
        self.reschedule_button = buttons.addButton(_("&Reschedule…"), role)
        self.edit_button = buttons.addButton(_("&Edit"), role)
        describe(self.cancel_button, _("Takes the selected message out of the outbox as a draft."))
        describe(self.reschedule_button, _("Sends the selected message at another time."))
        describe(self.edit_button, _("Opens the selected message to change it before it goes."))
        self.cancel_button.clicked.connect(self.cancel_current)
        self.reschedule_button.clicked.connect(lambda: self.reschedule_current())
        self.edit_button.clicked.connect(self.edit_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.reload()
        self.resize(820, 380)

    def reload(self) -> None:
        """Read the outbox again."""
        self.model.set_items(self._outbox.pending())
        self.empty.setVisible(not self.model.items)
        for button in (self.cancel_button, self.reschedule_button, self.edit_button):
            button.setEnabled(bool(self.model.items))
        if self.model.items:
            self.view.selectRow(0)

    def current(self) -> Draft | None:
        """The selected message."""
        index: QModelIndex = self.view.currentIndex()
        item = index.data(ITEM_ROLE) if index.isValid() else None
        return item if isinstance(item, Draft) else None

    def cancel_current(self) -> None:
        """Take the selected message back; a request it replies to stays open."""
        draft = self.current()
        if draft is not None and self._try(lambda: self._outbox.unschedule(draft)):
            self._changed()

    def reschedule_current(self, when: datetime | None = None) -> None:
        """Send the selected message at ``when`` (asks on the recipient's clock if ``None``)."""
        draft = self.current()
        if draft is None:
            return
        if when is None:
            dialog = SendLaterDialog(draft.send_at or draft.modified_at, self._formatter,
                                     draft.recipient_zone, self)
            if not dialog.exec():
                return
            when = dialog.when()
        chosen = when
        if self._try(lambda: self._outbox.reschedule(draft, chosen)):
            self._changed()

    def edit_current(self) -> None:
        """Take the selected message back and open it to edit."""
        draft = self.current()
        if draft is None:
            return
        taken: list[Draft] = []
        if self._try(lambda: taken.append(self._outbox.unschedule(draft))):
            self._changed()
            self._open(taken[0])
            self.accept()

    def _try(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except InvalidInput as error:
            self.problem.setText(error.message)
            self.problem.show()
            return False
        self.problem.hide()
        self.reload()
        return True
