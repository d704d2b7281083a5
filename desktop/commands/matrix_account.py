# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account matrix set|show|remove`` and ``unhurried sync matrix``.

``set`` logs in with the password (read from stdin with ``--password-stdin`` or asked without
echo) and keeps only the access token, in the system keyring; ``--token-stdin`` takes a token
instead. ``sync matrix`` exits 2 with one line when the server cannot be reached or refuses the
login, 1 when it answers with another error.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands import SubParsers
from desktop.commands.source_account import (
    add_show_remove,
    print_account,
    print_removed,
    read_secret,
    run_sync,
    token_state,
)
from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import matrix as wired
from desktop.wiring.services import Context


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``account matrix`` and ``sync matrix`` come here."""


def add_account_kind(kinds: SubParsers) -> None:
    """Add ``matrix set|show|remove`` under ``unhurried account``."""
    parser = kinds.add_parser("matrix", help=_("the Matrix account chat requests come from"))
    actions = parser.add_subparsers(dest="account_action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("log in; only the access token is kept"))
    setter.add_argument("homeserver", metavar="HOMESERVER_URL")
    setter.add_argument("user_id", metavar="USER_ID")
    given = setter.add_mutually_exclusive_group()
    given.add_argument("--password-stdin", action="store_true",
                       help=_("read the password from the first line of stdin"))
    given.add_argument("--token-stdin", action="store_true",
                       help=_("read an access token from the first line of stdin"))
    setter.set_defaults(handler=_set, writes=True)
    add_show_remove(actions, _show, _remove)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    from desktop.sources.matrix import MatrixError

    secret = read_secret(
        args, from_stdin=args.password_stdin or args.token_stdin,
        prompt=_("Password for {user}: ").format(user=args.user_id),
        not_a_terminal=_("Give the password with --password-stdin when stdin is not a "
                         "terminal."),
        empty=_("The password is empty; nothing was changed."),
        strip=args.token_stdin)
    if checked_only:
        return 0
    try:
        wired.set_account(ctx, SessionSecrets(), args.homeserver, args.user_id,
                          password=None if args.token_stdin else secret,
                          token=secret if args.token_stdin else None)
    except (MatrixError, SecretsUnavailable) as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2
    print(_("Matrix account {user} set up; the access token is in the system keyring.")
          .format(user=args.user_id))
    return 0


def _show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    state = wired.account(ctx)
    if state is None:
        print("null" if args.json else _("No Matrix account is set up; add one with: "
                                         "unhurried account matrix set HOMESERVER_URL USER_ID"))
        return 0
    user, server = str(state.get("user_id")), str(state.get("homeserver"))
    data = {"homeserver": server, "user_id": user, "device_id": state.get("device_id"),
            "rooms": len(state.get("rooms") or {}),
            "token_stored": SessionSecrets().get(wired.secret_key(user, server)) is not None}
    return print_account(data, [(_("Server"), server), (_("User"), user),
                                (_("Token"), token_state(data["token_stored"] is True))], args.json)


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    return print_removed(wired.remove_account(ctx, SessionSecrets()),
                         _("Matrix account removed, with its token."),
                         _("No Matrix account is set up; nothing to remove."))


def cmd_sync_matrix(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """``unhurried sync matrix``: see the module docstring for the exit status."""
    from desktop.sources.matrix import MatrixError

    if wired.account(ctx) is None:
        raise InvalidInput(_("No Matrix account is set up; add one with: unhurried account "
                             "matrix set HOMESERVER_URL USER_ID --password-stdin"))
    if checked_only:
        return 0
    return run_sync(lambda: wired.sync(ctx, SessionSecrets()), MatrixError, args.json, _(
        "Matrix synced: {received} new, {updated} already there, {answered} marked done, "
        "{failed} problems."))
