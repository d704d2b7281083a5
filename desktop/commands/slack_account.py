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
import getpass
import json
import sys
from typing import Any

from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.core.importing.slack_messages import DEFAULT_API
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import slack as wired
from desktop.wiring.github import check_api
from desktop.wiring.services import Context


def register(sub: Any) -> None:
    """Nothing of its own: ``account slack`` and ``sync slack`` come here."""


def add_account_kind(kinds: Any) -> None:
    """Add ``slack set|show|remove`` under ``unhurried account``."""
    parser = kinds.add_parser("slack", help=_("the Slack workspace chat requests come from"))
    actions = parser.add_subparsers(dest="account_action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("set up the account with a user token"))
    setter.add_argument("--api", default=DEFAULT_API, metavar="URL", help=argparse.SUPPRESS)
    setter.add_argument("--token-stdin", action="store_true",
                        help=_("read the token from the first line of stdin"))
    setter.set_defaults(handler=_set, writes=True)
    show = actions.add_parser("show", help=_("print the account (never the token)"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show, writes=False)
    actions.add_parser("remove", help=_("forget the account and its token")).set_defaults(
        handler=_remove, writes=True)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    api = check_api(args.api)
    if not hasattr(args, "token_read"):
        if args.token_stdin:
            args.token_read = sys.stdin.readline().strip()
        elif sys.stdin.isatty():
            args.token_read = getpass.getpass(_("Slack user token: ")).strip()
        else:
            raise InvalidInput(_("Give the token with --token-stdin when stdin is not a "
                                 "terminal."))
        if not args.token_read:
            raise InvalidInput(_("The token is empty; nothing was changed."))
    if checked_only:
        return 0
    try:
        wired.set_account(ctx, SessionSecrets(), args.token_read, api)
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
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    token = _("in the system keyring") if data["token_stored"] else _("not stored")
    for label, value in ((_("API"), api), (_("User"), data["user_id"] or "?"),
                         (_("Token"), token)):
        print(f"{label}: {value}")
    return 0


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    if wired.remove_account(ctx, SessionSecrets()):
        print(_("Slack account removed, with its token."))
    else:
        print(_("No Slack account is set up; nothing to remove."))
    return 0


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

    try:
        report = wired.sync(ctx, SessionSecrets(), progress=progress)
    except SlackError as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2 if not error.reached or error.refused else 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(_("Slack synced: {received} new, {updated} already there, {answered} marked done, "
            "{failed} problems.").format(received=report.received, updated=report.updated,
                                         answered=report.answered, failed=len(report.failed)))
    for problem in report.failed:
        print(f"  {problem.where}: {problem.reason}")
    return 0
