# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried smtp-account set HOST USER --from ADDR [--port N] [--security S]``,
``smtp-account show`` and ``smtp-account delete``.

The password is read from stdin with ``--password-stdin`` (or asked for on a terminal with
``--password``) and goes to the keyring only. (To be folded into ``account smtp`` beside
``account imap``.)
"""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.commands import SubParsers
from desktop.core.drafting.outbox import Security, SmtpAccount, check_security, parse_security
from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.platform.secrets import SessionSecrets
from desktop.wiring.services import Context, open_drafting

_DEFAULT_PORTS = {Security.TLS: 465, Security.STARTTLS: 587, Security.NONE: 25}


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``account`` adds ``account smtp`` through :func:`add_account_kind`."""


def add_account_kind(kinds: SubParsers) -> None:
    """Add ``account smtp set|show|delete`` to the ``account`` command's kinds."""
    parser = kinds.add_parser("smtp", help=_("the SMTP account that sends drafts"))
    parser.set_defaults(handler=_cmd_smtp_account, writes=True)
    actions = parser.add_subparsers(dest="smtp_action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("set the server, user and From address"))
    setter.add_argument("host")
    setter.add_argument("user")
    setter.add_argument("--from", dest="sender", required=True, metavar="ADDR")
    setter.add_argument("--port", type=int, metavar="N",
                        help=_("default: 587 for starttls, 465 for tls"))
    setter.add_argument("--security", default="starttls", metavar="tls|starttls|none")
    secret = setter.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true",
                        help=_("read the password from the first line of stdin"))
    secret.add_argument("--password", action="store_true",
                        help=_("ask for the password (it goes to the system keyring)"))
    actions.add_parser("show", help=_("print the account (never the password)"))
    actions.add_parser("delete", help=_("forget the account and its password"))


def _account(args: argparse.Namespace) -> SmtpAccount:
    security = parse_security(args.security)
    port = args.port if args.port is not None else _DEFAULT_PORTS[security]
    if not 0 < port < 65536:
        raise InvalidInput(_("A port is a number from 1 to 65535."))
    if not args.host.strip():
        raise InvalidInput(_("Give the SMTP server, e.g. smtp.example.org."))
    if "@" not in args.sender.strip("@"):
        raise InvalidInput(_("--from needs an email address, e.g. you@example.org."))
    check_security(args.host, security)
    return SmtpAccount(args.host.strip(), args.user.strip(), args.sender.strip(), port, security)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InvalidInput(_("No password on stdin."))
        return line
    if args.password:
        return getpass.getpass(_("SMTP password: ")) or None
    return None


def _cmd_smtp_account(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if args.smtp_action == "set":
        account = _account(args)
        if checked_only:
            return 0
        password = _password(args)
        accounts = open_drafting(ctx).accounts
        accounts.put(account)
        if password is not None:
            try:
                SessionSecrets().put(account.secret_key, password)
            except SecretsUnavailable as error:
                print(f"unhurried: warning: {error.message}", file=sys.stderr)
                return 1
        return 0
    if checked_only:
        return 0
    accounts = open_drafting(ctx).accounts
    stored = accounts.get()
    if args.smtp_action == "show":
        if stored is None:
            print(_("No SMTP account; set one with: unhurried smtp-account set HOST USER "
                    "--from ADDR"))
            return 0
        print(f"{stored.host}:{stored.port} ({stored.security.value}) {stored.username} "
              f"<{stored.from_address}>")
        return 0
    if stored is not None:
        SessionSecrets().delete(stored.secret_key)
        accounts.delete()
    return 0
