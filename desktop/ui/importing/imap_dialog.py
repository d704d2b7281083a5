# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""File > Mail account…: the IMAP server, the login, the folders to sync and how often.

The account goes into the settings (``imap.*``); the password only into the secret store. A
keyring that cannot keep it is said so once; the password then lasts for this run. "Load
folders" asks the server on a worker thread, so the dialog never freezes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import N_, _
from desktop.core.importing.mail_account import (
    DEFAULT_FOLDERS,
    DEFAULT_INTERVAL,
    MailAccount,
    Security,
    make_account,
)
from desktop.core.importing.mail_settings import account_from_settings, account_settings
from desktop.core.ports import SecretStore
from desktop.core.queue.service import QueueService

from desktop.ui.common.accessibility import describe
from desktop.ui.common.error_text import error_label
from desktop.ui.common.form_dialog import lay_out_form
from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)

FolderLoader = Callable[[MailAccount, str], list[str]]
"""Lists the server's folders: (account, password) -> names; raises ``CoreError`` subclasses."""

_SECURITY_LABELS = (
    (Security.TLS, N_("TLS (port 993)")),
    (Security.STARTTLS, N_("STARTTLS (port 143)")),
    (Security.PLAIN, N_("None (this computer only)")),
)


class MailAccountDialog(QDialog):
    """Sets up (or changes) the IMAP account.

    Args:
        queue: reads and stores the ``imap.*`` settings.
        secrets: keeps the password (the system keyring, or this run's memory).
        load_folders: lists the server's folders (called on a worker thread).
    """

    def __init__(self, queue: QueueService, secrets: SecretStore, load_folders: FolderLoader,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mail account"))
        self.setObjectName("mailAccountDialog")
        self._queue = queue
        self._secrets = secrets
        self._load_folders = load_folders
        self._op = Operation(self, "unhurried-imap-folders")
        self.warning_box: QMessageBox | None = None
        """The keyring warning, when one was shown (kept for tests)."""
        try:
            self._old = account_from_settings(queue.settings)
        except InvalidInput:
            self._old = None
        self._build()
        self._fill(self._old)

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.host = QLineEdit(placeholderText=_("e.g. imap.example.org"))
        self.security = QComboBox()
        for mode, label in _SECURITY_LABELS:
            self.security.addItem(_(label), mode)
        self.port = QSpinBox(minimum=0, maximum=65535)
        self.port.setSpecialValueText(_("usual"))
        self.host.setAccessibleName(_("Server"))
        self.port.setAccessibleName(_("Port"))
        describe(self.security, _("How the connection to the mail server is encrypted."))
        describe(self.port,
                 _("The mail server's port; leave it at usual for the encryption's own."))
        self.user = QLineEdit(placeholderText=_("often your mail address"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setObjectName("mailPassword")
        describe(self.password, _("Kept in the system keyring, never in Unhurried's files."))
        self.interval = QSpinBox(minimum=0, maximum=24 * 60, suffix=_(" min"))
        self.interval.setSpecialValueText(_("only when asked"))
        describe(self.interval, _("How often new mail is fetched while Unhurried runs."))
        self.folders = QStandardItemModel(self)
        self.folder_view = QListView()
        self.folder_view.setModel(self.folders)
        self.folder_view.setAccessibleName(_("Folders"))
        describe(self.folder_view, _("The checked folders are imported into the queue."))
        self.folder_view.setMinimumHeight(140)
        self.load_button = QPushButton(_("&Load folders"))
        describe(self.load_button, _("Connects to the server and lists its folders."))
        self.load_button.clicked.connect(self.load_folders)
        self.folder_state = QLabel(wordWrap=True)
        self.folder_state.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label()
        self.error.setObjectName("mailAccountError")

        server = QHBoxLayout()
        server.addWidget(self.host, 3)
        server.addWidget(QLabel(_("Port")))
        server.addWidget(self.port, 1)
        form = QFormLayout()
        form.addRow(self._label(_("&Server"), self.host), self._wrap(server))
        form.addRow(_("S&ecurity"), self.security)
        form.addRow(_("&User"), self.user)
        form.addRow(_("&Password"), self.password)
        folders = QVBoxLayout()
        folders.addWidget(self.folder_view)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addWidget(self.folder_state, 1)
        folders.addLayout(row)
        hint = QLabel(_("Include your Sent folder: your own replies then mark what they answer "
                        "as done."), wordWrap=True)
        hint.setStyleSheet("color: palette(placeholder-text)")
        folders.addWidget(hint)
        form.addRow(self._label(_("&Folders"), self.folder_view), self._wrap(folders))
        form.addRow(_("Sync e&very"), self.interval)
        lay_out_form(self, form, self.error)
        order = [self.host, self.port, self.security, self.user, self.password,
                 self.folder_view, self.load_button, self.interval]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.resize(520, 0)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # the field itself, not the row around it: Alt+key focuses it
        return label

    @staticmethod
    def _wrap(layout: QLayout) -> QWidget:
        widget = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        widget.setLayout(layout)
        return widget

    def _fill(self, account: MailAccount | None) -> None:
        if account is None:
            self.interval.setValue(DEFAULT_INTERVAL)
            self.set_folders(list(DEFAULT_FOLDERS), DEFAULT_FOLDERS)
            return
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(self.security.findData(account.security))
        self.user.setText(account.user)
        self.interval.setValue(account.interval_minutes)
        if self._secrets.get(account.secret_key) is not None:
            self.password.setPlaceholderText(_("stored in the keyring; type to change"))
        self.set_folders(list(account.folders), account.folders)

    # -- folders ---------------------------------------------------------------------------------

    def set_folders(self, names: list[str], checked: tuple[str, ...] | list[str]) -> None:
        """Offer ``names`` (plus any checked folder the server did not list), ``checked`` ticked."""
        self.folders.clear()
        for name in [*names, *(c for c in checked if c not in names)]:
            item = QStandardItem(name)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if name in checked
                               else Qt.CheckState.Unchecked)
            self.folders.appendRow(item)

    def chosen_folders(self) -> list[str]:
        """The ticked folders, in the list's order."""
        return [self.folders.item(row).text() for row in range(self.folders.rowCount())
                if self.folders.item(row).checkState() == Qt.CheckState.Checked]

    def load_folders(self) -> bool:
        """Ask the server for its folders on a worker thread; ``False`` if the form is not
        complete enough to ask (the reason is shown)."""
        if self._op.running:
            return False
        try:
            account = self._account(folders=["INBOX"])
            password = self._password_for(account)
        except InvalidInput as error:
            self._show_error(error.message)
            return False
        self.error.hide()
        self.load_button.setEnabled(False)
        self.folder_state.setText(_("Asking {host}…").format(host=account.host))
        return self._op.start(
            lambda _step: self._load_folders(account, password),
            done=self._on_folders_answered, failed=self._on_folders_answered,
            describe=lambda error: _("The folders could not be listed: {error}").format(
                error=error))

    @property
    def loading(self) -> bool:
        """Whether the folders are being asked for."""
        return self._op.running

    def _on_folders_answered(self, answer: object) -> None:
        self.load_button.setEnabled(True)
        if isinstance(answer, list):
            self.set_folders(answer, self.chosen_folders())
            self.folder_state.setText(_("{count} folders on the server.").format(
                count=len(answer)))
        else:
            self.folder_state.clear()
            self._show_error(str(answer))

    # -- OK --------------------------------------------------------------------------------------

    def _account(self, folders: list[str] | None = None) -> MailAccount:
        security = self.security.currentData()
        return make_account(self.host.text(), self.user.text(), port=self.port.value(),
                            security=security,
                            folders=self.chosen_folders() if folders is None else folders,
                            interval_minutes=self.interval.value())

    def _password_for(self, account: MailAccount) -> str:
        typed = self.password.text()
        if typed:
            return typed
        stored = self._secrets.get(account.secret_key)
        if stored is None:
            raise InvalidInput(_("Enter the password of the mail account."))
        return stored

    def accept(self) -> None:
        """Store the account and the password, or stay open and say what is missing."""
        try:
            account = self._account()
            password = self._password_for(account)
            self._queue.update_settings(account_settings(account))
        except InvalidInput as error:
            self._show_error(error.message)
            return
        if self._old is not None and self._old.secret_key != account.secret_key:
            self._secrets.delete(self._old.secret_key)
        if self.password.text() or self._secrets.get(account.secret_key) is None:
            try:
                self._secrets.put(account.secret_key, password)
            except SecretsUnavailable as error:
                self.warning_box = QMessageBox(QMessageBox.Icon.Warning, _("Mail account"),
                                               error.message, parent=self.parentWidget())
                self.warning_box.setTextFormat(Qt.TextFormat.PlainText)
                self.warning_box.open()
        self.account = account
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def done(self, result: int) -> None:
        self._op.forget()  # a slow server: let the answer go nowhere
        super().done(result)
