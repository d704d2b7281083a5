# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account slack set|show|remove`` and ``unhurried sync slack``.

The user token (``xoxp-...``, from the user's own internal Slack app: see the README) is read
from stdin or asked without echo and kept only in the system keyring. ``sync slack`` exits 2
with one line when Slack cannot be reached or refuses the token, 1 when Slack asks to wait too
long or the sync stopped on the way (what was read up to then is kept).
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
from desktop.core.importing.slack_messages import DEFAULT_API
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import slack as wired
from desktop.wiring.services import Context
from desktop.wiring.source_report import SourceReport


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``account slack`` and ``sync slack`` come here."""


def add_account_kind(kinds: SubParsers) -> None:
    """Add ``slack set|show|remove`` under ``unhurried account``."""
    parser = kinds.add_parser("slack", help=_("the Slack workspace chat requests come from"))
    actions = parser.add_subparsers(dest="account_action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("set up the account with a user token"))
    setter.add_argument("--api", default=DEFAULT_API, metavar="URL", help=argparse.SUPPRESS)
    setter.add_argument("--token-stdin", action="store_true",
                        help=_("read the token from the first line of stdin"))
    setter.set_defaults(handler=_set, writes=True)
    add_show_remove(actions, _show, _remove)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    api = wired.check_api(args.api)
    token = read_secret(
        args, from_stdin=args.token_stdin, prompt=_("Slack user token: "),
        not_a_terminal=_("Give the token with --token-stdin when stdin is not a terminal."),
        empty=_("The token is empty; nothing was changed."))
    if checked_only:
        return 0
    try:
        wired.set_account(ctx, SessionSecrets(), token, api)
    except SecretsUnavailable as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2
    print(_("Slack account set up; the token is in the system keyring."))
    return 0


def _show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    state = wired.account(ctx)
    if state is None:
        print("null" if args.json else _("No Slack account is set up; add one with: "
                                         "unhurried account slack set --token-stdin"))
        return 0
    api = str(state.get("api") or DEFAULT_API)
    data = {"api": api, "user_id": state.get("user_id"),
            "conversations": len(state.get("cursors") or {}),
            "threads": len(state.get("threads") or {}),
            "token_stored": SessionSecrets().get(wired.secret_key(api)) is not None}
    return print_account(data, [(_("API"), api), (_("User"), data["user_id"] or "?"),
                                (_("Token"), token_state(data["token_stored"] is True))], args.json)


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    return print_removed(wired.remove_account(ctx, SessionSecrets()),
                         _("Slack account removed, with its token."),
                         _("No Slack account is set up; nothing to remove."))


def cmd_sync_slack(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """``unhurried sync slack``: see the module docstring for the exit status."""
    from desktop.sources.slack_api import SlackError

    if wired.account(ctx) is None:
        raise InvalidInput(_("No Slack account is set up; add one with: unhurried account "
                             "slack set --token-stdin"))
    if checked_only:
        return 0

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print("\r" + _("Slack: {done} of {total} conversations read").format(
                done=done, total=total), end="", file=sys.stderr, flush=True)

    def sync() -> SourceReport:
        try:
            return wired.sync(ctx, SessionSecrets(), progress=progress)
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)

    return run_sync(sync, SlackError, args.json, _(
        "Slack synced: {received} new, {updated} already there, {answered} marked done, "
        "{failed} problems."))
