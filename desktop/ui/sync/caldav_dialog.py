# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CalDAV account dialog: server, user, password, then the collections from the server.

"Connect" asks the server for its collections on a worker thread (the dialog stays usable);
the user picks one for requests and one for focus blocks, and Save keeps the account (the
password goes to the keyring through the injected ``save``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CoreError
from desktop.core.i18n import _
from desktop.core.sync.cleartext import cleartext_warning, is_cleartext_remote

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.operation import Operation

NEW = ""
"""Collection choice meaning: make a new one on the server."""


@dataclass(frozen=True, slots=True)
class AccountForm:
    """What the dialog edits."""

    url: str = ""
    user: str = ""
    tasks: str = ""
    calendar: str = ""
    interval_minutes: int = 15


Collections = Callable[[str, str, str], Sequence[tuple[str, str, tuple[str, ...]]]]
"""(url, user, password) -> [(path, name, components)]; raises CoreError with a message."""
Save = Callable[[AccountForm, str], str | None]
"""(form, password) -> a warning to show, or None; raises CoreError with a message."""
Confirm = Callable[[QDialog, str], bool]
"""(parent, warning) -> whether the user goes ahead anyway."""


def ask_user(parent: QDialog, warning: str) -> bool:
    """Ask with a message box whether to go on despite ``warning``."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Unencrypted connection"), warning,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(_("Connect without encryption anyway?"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class CalDavDialog(QDialog):
    """Set up (or change) the CalDAV account."""

    def __init__(self, form: AccountForm, collections: Collections, save: Save,
                 parent: QWidget | None = None, *, confirm: Confirm = ask_user) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self._cleartext_ok = form.url if is_cleartext_remote(form.url) else ""
        self.setWindowTitle(_("CalDAV account"))
        self.setObjectName("caldavDialog")
        self._collections = collections
        self._save = save
        self._op = Operation(self, "unhurried-caldav-connect")
        self.url = QLineEdit(form.url, placeholderText="https://dav.example.org/")
        self.user = QLineEdit(form.user)
        describe(self.user, _("The name you log in to the CalDAV server with."))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("kept in the system keyring"))
        self.connect_button = QPushButton(_("&Connect"))
        self.connect_button.clicked.connect(self.list_collections)
        describe(self.connect_button,
                 _("Connects to the server and lists its task lists and calendars."))
        self.tasks = QComboBox()
        self.calendar = QComboBox()
        describe(self.tasks, _("The task list the queue is kept in."))
        describe(self.calendar, _("The calendar focus blocks are kept in."))
        for combo, current in ((self.tasks, form.tasks), (self.calendar, form.calendar)):
            combo.addItem(current or _("(connect to choose)"), current or NEW)
        self.interval = QSpinBox(minimum=1, maximum=24 * 60, value=form.interval_minutes,
                                 suffix=_(" min"))
        describe(self.interval, _("How often the queue and focus blocks are synced."))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("caldavMessage")
        layout = QFormLayout()
        layout.addRow(_("Server &URL"), self.url)
        layout.addRow(_("&User"), self.user)
        layout.addRow(_("&Password"), self.password)
        layout.addRow("", self.connect_button)
        layout.addRow(_("&Requests (tasks)"), self.tasks)
        layout.addRow(_("&Focus blocks (calendar)"), self.calendar)
        layout.addRow(_("Sync &every"), self.interval)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.message)
        outer.addWidget(buttons)
        self.resize(520, 0)

    def list_collections(self) -> None:
        """Ask the server for its collections (off the GUI thread)."""
        if self._op.running or not self._cleartext_accepted():
            return
        self.connect_button.setEnabled(False)
        self.message.setText(_("Connecting…"))
        url, user, password = (self.url.text().strip(), self.user.text().strip(),
                               self.password.text())
        self._op.start(lambda _step: list(self._collections(url, user, password)),
                       done=self._on_listed, failed=self._on_listed,
                       describe=lambda error: _("Could not connect: {error}").format(
                           error=error))

    def _on_listed(self, result: object) -> None:
        self.connect_button.setEnabled(True)
        if isinstance(result, str):
            self.message.setText(result)
            return
        assert isinstance(result, list)
        for combo, component, new_label in (
                (self.tasks, "VTODO", _("New collection “Unhurried”")),
                (self.calendar, "VEVENT", _("New calendar “Unhurried focus”"))):
            chosen = combo.currentData()
            combo.clear()
            for path, name, components in result:
                if component in components:
                    combo.addItem(f"{name} ({path})", path)
            combo.addItem(new_label, NEW)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(index if index >= 0 else 0)
        self.message.setText(_("Connected: {count} collections found. Pick where requests "
                               "and focus blocks go, then Save.").format(count=len(result)))

    def form(self) -> AccountForm:
        """The account as filled in."""
        return AccountForm(self.url.text().strip(), self.user.text().strip(),
                           self.tasks.currentData() or NEW, self.calendar.currentData() or NEW,
                           self.interval.value())

    def accept(self) -> None:
        if not self.password.text():
            self.message.setText(_("Type the password: it is checked with the server and kept "
                                   "in the system keyring."))
            return
        if not self._cleartext_accepted():
            return
        try:
            warning = self._save(self.form(), self.password.text())
        except CoreError as error:
            self.message.setText(str(error))
            return
        if warning:
            self.message.setText(warning)
        super().accept()

    def _cleartext_accepted(self) -> bool:
        """Plain http to another machine: warn once per URL and ask."""
        url = self.url.text().strip()
        if not is_cleartext_remote(url) or url == self._cleartext_ok:
            return True
        warning = cleartext_warning(url)
        if not self._confirm(self, warning):
            self.message.setText(warning)
            return False
        self._cleartext_ok = url
        return True

    def done(self, result: int) -> None:
        self._op.wait()
        super().done(result)
