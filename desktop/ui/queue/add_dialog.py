# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "Add request" dialog. Times are typed the way people say them ("thu 5pm")."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority
from desktop.core.when import parse_when

from desktop.ui.common.accessibility import describe
from desktop.ui.common.error_text import error_label
from desktop.ui.common.form_dialog import lay_out_form


class AddRequestDialog(QDialog):
    """Collects a new request; :attr:`values` holds what :meth:`QueueService.add` takes."""

    def __init__(self, queue: QueueService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add request"))
        self._queue = queue
        self.values: dict[str, Any] = {}
        self.subject = QLineEdit(placeholderText=_("What is asked?"))
        self.sender_edit = QLineEdit(placeholderText=_("Name or address"))
        self.channel = QComboBox()
        describe(self.channel, _("Where the request came from; it sets the reply-by target."))
        for channel in Channel:
            self.channel.addItem(_(channel.label), channel)
        self.channel.setCurrentIndex(list(Channel).index(Channel.MANUAL))
        self.priority = QComboBox()
        describe(self.priority, _("How urgent the request is; urgent ones break through focus."))
        for priority in Priority:
            self.priority.addItem(_(priority.label), priority)
        self.priority.setCurrentIndex(list(Priority).index(Priority.NORMAL))
        self.received = QLineEdit("now", placeholderText=_("now, 2 hours ago, mon 9:00"))
        self.due = QLineEdit(placeholderText=_("optional: thu 5pm, in 3 days"))
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        describe(self.body, _("The request's text, as plain text."))
        self.error = error_label()

        form = QFormLayout()
        form.addRow(_("&Subject"), self.subject)
        form.addRow(_("&From"), self.sender_edit)
        form.addRow(_("&Channel"), self.channel)
        form.addRow(_("&Priority"), self.priority)
        form.addRow(_("&Received"), self.received)
        form.addRow(_("&Deadline"), self.due)
        form.addRow(_("&Text"), self.body)
        lay_out_form(self, form, self.error)
        self.resize(520, 420)

    def _when(self, text: str, *, future: bool) -> datetime | None:
        if not text.strip():
            return None
        zone = ZoneInfo(self._queue.settings.timezone)
        return parse_when(text, self._queue.now(), zone, prefer_future=future,
                          calendar=self._queue.calendar)

    def accept(self) -> None:
        """Check the input; stay open with a message when something cannot be read."""
        try:
            if not self.subject.text().strip():
                raise InvalidInput(_("A request needs a subject."))
            received = self._when(self.received.text(), future=False)
            due = self._when(self.due.text(), future=True)
        except InvalidInput as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.values = {
            "subject": self.subject.text(),
            "sender": self.sender_edit.text(),
            "channel": self.channel.currentData(),
            "priority": self.priority.currentData(),
            "received_at": received,
            "due": due,
            "body": self.body.toPlainText(),
        }
        super().accept()
