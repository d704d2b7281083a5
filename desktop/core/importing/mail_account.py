# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user's IMAP account as data: server, security, folders, sync interval, and the rules on
them (a password is never sent in the clear except to this machine).

Pure core: the account is kept in the settings (:mod:`.mail_settings`); the
password is not part of it and lives only in the secret store under :attr:`MailAccount.secret_key`.
Sources report a server the user must do something about (wrong password, unreachable, TLS
refused, gone mid-sync) as :class:`MailServerError`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum

from desktop.core.errors import CoreError, InvalidInput
from desktop.core.i18n import _

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_HOST = re.compile(r"^[A-Za-z0-9._:\[\]-]+$")
DEFAULT_FOLDERS = ("INBOX",)
DEFAULT_INTERVAL = 15


class Security(Enum):
    """How the connection is protected."""

    TLS = "tls"
    """TLS from the first byte (IMAPS, port 993)."""
    STARTTLS = "starttls"
    """A plain connection upgraded to TLS before login (port 143)."""
    PLAIN = "plain"
    """No encryption: only to this machine (a local Dovecot, a bridge such as Proton's)."""

    @property
    def default_port(self) -> int:
        """The usual port for this kind of connection."""
        return 993 if self is Security.TLS else 143


class MailServerError(CoreError):
    """The mail server could not be used; ``message`` says what the user can do about it.

    Raised for a refused login, an unreachable host, a TLS failure, a missing folder and a
    server that went away mid-sync (everything committed before that stays).
    """

    def __init__(self, message: str, *, connected: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.connected = connected
        """Whether login had succeeded (the server went away or refused later)."""


@dataclass(frozen=True, slots=True)
class FolderState:
    """How far one folder has been read: the mailbox's UIDVALIDITY and the last UID imported."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True, slots=True)
class MailAccount:
    """One IMAP account (without its password).

    Build it with :func:`make_account`, which checks the rules.
    """

    host: str
    user: str
    port: int = 993
    security: Security = Security.TLS
    folders: tuple[str, ...] = DEFAULT_FOLDERS
    interval_minutes: int = DEFAULT_INTERVAL
    """Minutes between automatic syncs; 0 syncs only when asked."""

    @property
    def secret_key(self) -> str:
        """The secret store's key for this account's password, e.g. ``imap:ann@mail.example``."""
        return f"imap:{self.user}@{self.host}"

    @property
    def state_key(self) -> str:
        """The key under which the folders' sync state is kept."""
        return f"{self.user}@{self.host}:{self.port}"


def make_account(host: str, user: str, *, port: int | None = None,
                 security: Security | str = Security.TLS,
                 folders: tuple[str, ...] | list[str] = DEFAULT_FOLDERS,
                 interval_minutes: int = DEFAULT_INTERVAL) -> MailAccount:
    """A checked account; the port defaults to the usual one for ``security``.

    Raises:
        InvalidInput: an empty or malformed host or user, a port outside 1–65535, an unknown
            security, no folder, a negative interval, or an unencrypted login to another machine.
    """
    mode = parse_security(security) if isinstance(security, str) else security
    host = parse_host(host)
    user = parse_user(user)
    if not user:
        raise InvalidInput(_("Enter the user name of the mail account (often your address)."))
    if not host:
        raise InvalidInput(_("Enter the mail server's host name, e.g. imap.example.org."))
    if mode is Security.PLAIN and host.lower() not in LOOPBACK:
        raise InvalidInput(
            _("An unencrypted login would send your password over the network to {host}. "
              "Choose TLS or STARTTLS; unencrypted logins are only allowed to this machine "
              "(localhost).").format(host=host))
    chosen = tuple(dict.fromkeys(f for f in folders if f.strip()))
    if not chosen:
        raise InvalidInput(_("Choose at least one folder to sync, e.g. INBOX."))
    if interval_minutes < 0:
        raise InvalidInput(_("Write a whole number of minutes, for example 60."))
    number = int(parse_port(str(port))) if port else 0
    return MailAccount(host, user, number or mode.default_port, mode, chosen, interval_minutes)


# -- setting parsers (used by the settings registry) ---------------------------------------------


def parse_host(text: str) -> str:
    """Check a host name or address (empty: no account).

    Raises:
        InvalidInput: spaces or characters no host name has.
    """
    host = text.strip()
    if host and not _HOST.match(host):
        raise InvalidInput(_("'{value}' is not a host name; write one such as imap.example.org.")
                           .format(value=text))
    return host


def parse_user(text: str) -> str:
    """Check a login name (any printable text on one line).

    Raises:
        InvalidInput: a control character or line break.
    """
    user = text.strip()
    if not user.isprintable():
        raise InvalidInput(_("Write the user name on one line."))
    return user


def parse_port(text: str) -> str:
    """Check a TCP port (0: the usual one for the security).

    Raises:
        InvalidInput: not a whole number from 0 to 65535.
    """
    try:
        port = int(text.strip())
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise InvalidInput(_("Write the port as a number from 1 to 65535, e.g. 993."))
    return str(port)


def parse_security(text: str) -> Security:
    """Read ``tls``, ``starttls`` or ``plain``.

    Raises:
        InvalidInput: any other word.
    """
    try:
        return Security(text.strip().lower())
    except ValueError:
        raise InvalidInput(_("Write the connection security as tls, starttls or plain.")
                           ) from None


def check_security(text: str) -> str:
    """:func:`parse_security` as the setting's text."""
    return parse_security(text).value


def parse_folder_list(text: str) -> tuple[str, ...]:
    """Folders as stored (a JSON list) or typed (names separated by commas).

    Raises:
        InvalidInput: a JSON text that is not a list of names.
    """
    value = text.strip()
    if value.startswith("["):
        try:
            names = json.loads(value)
        except ValueError:
            names = None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InvalidInput(_('Write folders as names separated by commas, e.g. INBOX, Sent, '
                                 'or as a JSON list such as ["INBOX", "Sent"].'))
    else:
        names = value.split(",")
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def format_folders(folders: tuple[str, ...] | list[str]) -> str:
    """Folders as their setting text (a JSON list: folder names may hold commas)."""
    return json.dumps(list(folders), ensure_ascii=False)


def check_folders(text: str) -> str:
    """:func:`parse_folder_list` as the setting's text."""
    return format_folders(parse_folder_list(text))
