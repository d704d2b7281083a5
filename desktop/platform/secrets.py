# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Passwords in the system keyring (Secret Service, KWallet, macOS Keychain) via ``keyring``.

A keyring that is missing, locked or refuses is not fatal: ``put`` raises
:class:`SecretsUnavailable` with a message for the user, and :class:`SessionSecrets` keeps the
password in memory for this run only. Nothing here ever writes a password to a file or a log.
"""

from __future__ import annotations

import logging

from desktop.core.errors import SecretsUnavailable
from desktop.core.i18n import _

logger = logging.getLogger(__name__)

SERVICE = "org.unhurried.Unhurried"


class KeyringSecrets:
    """The system keyring, under one service name, one entry per account. ``keyring`` (and its
    backend discovery, 0.1 s) is imported on first use, not when the window starts."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    def get(self, account: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self._service, account)
        except (KeyringError, RuntimeError, OSError) as error:  # locked, no backend, no bus
            logger.warning("keyring could not be read for %s: %s", account, type(error).__name__)
            return None

    def put(self, account: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self._service, account, secret)
        except (KeyringError, RuntimeError, OSError) as error:
            logger.warning("keyring refused to store %s: %s", account, type(error).__name__)
            raise SecretsUnavailable(
                _("The system keyring could not store the password ({reason}). It is kept for "
                  "this run only; unlock or install a keyring (e.g. gnome-keyring) to keep it.")
                .format(reason=type(error).__name__)
            ) from None

    def delete(self, account: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self._service, account)
        except PasswordDeleteError:
            pass
        except (KeyringError, RuntimeError, OSError) as error:
            logger.warning("keyring could not delete %s: %s", account, type(error).__name__)


class SessionSecrets:
    """The keyring first; passwords it cannot keep are held in memory until the app exits."""

    def __init__(self, keyring_store: KeyringSecrets | None = None) -> None:
        self._keyring = keyring_store or KeyringSecrets()
        self._memory: dict[str, str] = {}

    def get(self, account: str) -> str | None:
        if account in self._memory:
            return self._memory[account]
        return self._keyring.get(account)

    def put(self, account: str, secret: str) -> None:
        """Store in the keyring; if it cannot, keep in memory and re-raise for the message."""
        try:
            self._keyring.put(account, secret)
        except SecretsUnavailable:
            self._memory[account] = secret
            raise
        self._memory.pop(account, None)

    def delete(self, account: str) -> None:
        self._memory.pop(account, None)
        self._keyring.delete(account)
