# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account imap set|show|remove``: the mail account the sync reads.

The account lives in the settings (``imap.*``); the password only in the system keyring, asked
with ``getpass`` (or read from stdin with ``--password-stdin``) and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desktop.commands import (
    SubParsers,
    caldav,
    command,
    github_account,
    matrix_account,
    slack_account,
    smtp_account,
)
from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.core.importing.mail_account import (
    DEFAULT_INTERVAL,
    MailAccount,
    Security,
    make_account,
)
from desktop.core.importing.mail_settings import (
    account_from_settings,
    account_settings,
    no_account_settings,
)
from desktop.platform.secrets import SessionSecrets
from desktop.store.imap_state_repository import SqliteImapStateRepository
from desktop.wiring.services import Context


def register(sub: SubParsers) -> None:
    """Add ``account imap|smtp|caldav ...`` to the ``unhurried`` subcommands."""
    parser = command(sub, "account", _show, writes=False, help=_("set up the mail account"))
    kinds = parser.add_subparsers(dest="account_kind", metavar="KIND", required=True)
    imap = kinds.add_parser("imap", help=_("the IMAP account new mail is fetched from"))
    actions = imap.add_subparsers(dest="account_action", metavar="ACTION", required=True)

    setter = actions.add_parser("set", help=_("set up the account; asks for the password"))
    setter.add_argument("host")
    setter.add_argument("user")
    setter.add_argument("--port", type=int, default=0, metavar="N",
                        help=_("default: 993 with tls, 143 otherwise"))
    setter.add_argument("--security", choices=[s.value for s in Security], default="tls")
    setter.add_argument("--folder", action="append", default=[], metavar="F", dest="folders",
                        help=_("a folder to sync (repeat for more; default INBOX)"))
    setter.add_argument("--interval", type=int, default=DEFAULT_INTERVAL, metavar="MIN",
                        help=_("minutes between syncs in the window; 0 for none"))
    setter.add_argument("--password-stdin", action="store_true",
                        help=_("read the password from the first line of stdin"))
    setter.set_defaults(handler=_set, writes=True)

    show = actions.add_parser("show", help=_("print the account (never the password)"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show, writes=False)
    actions.add_parser("remove", help=_("forget the account and its password")).set_defaults(
        handler=_remove, writes=True)
    smtp_account.add_account_kind(kinds)
    caldav.add_account_kind(kinds)
    github_account.add_account_kind(kinds)
    slack_account.add_account_kind(kinds)
    matrix_account.add_account_kind(kinds)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    account = make_account(args.host, args.user, port=args.port, security=args.security,
                           folders=args.folders or ["INBOX"], interval_minutes=args.interval)
    if not hasattr(args, "password_read"):  # asked once, also when the store is created after
        args.password_read = _password(args, account)
    if checked_only:
        return 0
    secrets = SessionSecrets()
    old = account_from_settings(ctx.queue.settings)
    if old is not None and old.secret_key != account.secret_key:
        secrets.delete(old.secret_key)
    if old is not None and old.state_key != account.state_key:
        SqliteImapStateRepository(ctx.db).forget(old.state_key)
    ctx.queue.update_settings(account_settings(account))
    try:
        secrets.put(account.secret_key, args.password_read)
    except SecretsUnavailable:
        print(_("The account is set up, but no keyring could keep the password; 'unhurried "
                "sync' will ask for it. Unlock or install a keyring (e.g. gnome-keyring) and run "
                "this again to keep it."), file=sys.stderr)
        return 0
    print(_("Mail account {user} on {host} set up; the password is in the system keyring.")
          .format(user=account.user, host=account.host))
    return 0


def _password(args: argparse.Namespace, account: MailAccount) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(_("Password for {user} on {host}: ").format(
            user=account.user, host=account.host))
    else:
        raise InvalidInput(_("Give the password with --password-stdin when stdin is not a "
                             "terminal."))
    if not password:
        raise InvalidInput(_("The password is empty; nothing was changed."))
    return password


def _show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    account = account_from_settings(ctx.queue.settings)
    if account is None:
        if getattr(args, "json", False):
            print("null")
        else:
            print(_("No mail account is set up; add one with: unhurried account imap set HOST "
                    "USER."))
        return 0
    stored = SessionSecrets().get(account.secret_key) is not None
    data = {"host": account.host, "port": account.port, "security": account.security.value,
            "user": account.user, "folders": list(account.folders),
            "interval_minutes": account.interval_minutes, "password_stored": stored}
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    every = (_("{minutes} min").format(minutes=account.interval_minutes)
             if account.interval_minutes else _("only when asked"))
    lines = [
        (_("Server"), f"{account.host}:{account.port} ({account.security.value})"),
        (_("User"), account.user),
        (_("Folders"), ", ".join(account.folders)),
        (_("Sync every"), every),
        (_("Password"), _("in the system keyring") if stored else _("not stored")),
    ]
    for label, value in lines:
        print(f"{label}: {value}")
    return 0


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    account = account_from_settings(ctx.queue.settings)
    if account is None:
        print(_("No mail account is set up; nothing to remove."))
        return 0
    SessionSecrets().delete(account.secret_key)
    SqliteImapStateRepository(ctx.db).forget(account.state_key)
    ctx.queue.update_settings(no_account_settings())
    print(_("Mail account {user} on {host} removed, with its password.").format(
        user=account.user, host=account.host))
    return 0
