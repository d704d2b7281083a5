# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The SMTP account dialog: server, security, user, From address and the password (which
goes to the keyring through the save function, never to the database)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QWidget

from desktop.core.drafting.outbox import Security, SmtpAccount, check_security
from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _

from desktop.ui.common.accessibility import describe
from desktop.ui.common.error_text import error_label
from desktop.ui.common.form_dialog import lay_out_form

SaveAccount = Callable[[SmtpAccount, str | None], None]
"""Stores the account and, unless ``None``, its password (may raise SecretsUnavailable)."""

_PORTS = {Security.TLS: 465, Security.STARTTLS: 587, Security.NONE: 25}


class SmtpAccountDialog(QDialog):
    """Edits the one SMTP account.

    Args:
        account: the stored account, if any.
        save: stores it; ``SecretsUnavailable`` means the password is kept for this run only.
    """

    def __init__(self, account: SmtpAccount | None, save: SaveAccount,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("SMTP account"))
        self._save = save
        self.host = QLineEdit(placeholderText="smtp.example.org")
        self.security = QComboBox()
        for security, label in ((Security.STARTTLS, _("STARTTLS (port 587)")),
                                (Security.TLS, _("TLS (port 465)")),
                                (Security.NONE, _("None (only for a server on this machine)"))):
            self.security.addItem(label, security)
        self.port = QSpinBox(minimum=1, maximum=65535, value=587)
        self.user = QLineEdit()
        self.from_address = QLineEdit(placeholderText="you@example.org")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        describe(self.security, _("How the connection to the mail server is encrypted."))
        describe(self.port, _("The mail server's port; the encryption choice sets the usual one."))
        describe(self.user, _("The name you log in to the mail server with."))
        self.password.setPlaceholderText(_("kept in the system keyring") if account is None
                                         else _("unchanged"))
        self.error = error_label()
        if account is not None:
            self.host.setText(account.host)
            self.security.setCurrentIndex(self.security.findData(account.security))
            self.port.setValue(account.port)
            self.user.setText(account.username)
            self.from_address.setText(account.from_address)
        self.security.currentIndexChanged.connect(self._on_security_changed)
        form = QFormLayout()
        form.addRow(_("&Server:"), self.host)
        form.addRow(_("S&ecurity:"), self.security)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("&From address:"), self.from_address)
        form.addRow(_("Pass&word:"), self.password)
        lay_out_form(self, form, self.error, save=True)
        self.warning = ""

    def account(self) -> SmtpAccount:
        """The account as typed.

        Raises:
            InvalidInput: no server, or a From address that is not one.
        """
        host, sender = self.host.text().strip(), self.from_address.text().strip()
        if not host:
            raise InvalidInput(_("Type the SMTP server, e.g. smtp.example.org."))
        if "@" not in sender.strip("@"):
            raise InvalidInput(_("Type the From address, e.g. you@example.org."))
        check_security(host, self.security.currentData())
        return SmtpAccount(host, self.user.text().strip(), sender, self.port.value(),
                           self.security.currentData())

    def accept(self) -> None:
        try:
            account = self.account()
        except InvalidInput as error:
            self.error.setText(error.message)
            self.error.show()
            return
        try:
            self._save(account, self.password.text() or None)
        except SecretsUnavailable as error:
            self.warning = error.message  # saved; the password lasts for this run only
        super().accept()

    def _on_security_changed(self, _index: int) -> None:
        if self.port.value() in _PORTS.values():
            self.port.setValue(_PORTS[self.security.currentData()])
