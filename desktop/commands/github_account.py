# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account github set|show|remove`` and ``unhurried sync github``.

The token is read from stdin (``--token-stdin``) or asked without echo, and kept only in the
system keyring. ``sync github`` exits 2 with one line when GitHub cannot be reached or refuses
the token, 1 when GitHub asks to wait or answers off the reference.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from desktop.core.errors import InvalidInput, SecretsUnavailable
from desktop.core.i18n import _
from desktop.core.importing.github_notifications import DEFAULT_API
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import github as wired
from desktop.wiring.services import Context


def register(sub: Any) -> None:
    """Nothing of its own: ``account github`` and ``sync github`` come here."""


def add_account_kind(kinds: Any) -> None:
    """Add ``github set|show|remove`` under ``unhurried account``."""
    parser = kinds.add_parser("github", help=_("the GitHub account notifications come from"))
    actions = parser.add_subparsers(dest="account_action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("set up the account with a personal access token"))
    setter.add_argument("--api", default=DEFAULT_API, metavar="URL",
                        help=_("the API base; https://HOST/api/v3 for GitHub Enterprise"))
    setter.add_argument("--token-stdin", action="store_true",
                        help=_("read the token from the first line of stdin"))
    setter.add_argument("--mark-done-on-github", action="store_true",
                        help=_("marking a request done marks its thread done on GitHub"))
    setter.set_defaults(handler=_set, writes=True)
    show = actions.add_parser("show", help=_("print the account (never the token)"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show, writes=False)
    actions.add_parser("remove", help=_("forget the account and its token")).set_defaults(
        handler=_remove, writes=True)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    api = wired.check_api(args.api)
    if not hasattr(args, "token_read"):  # asked once, also when the store is created after
        args.token_read = _token(args)
    if checked_only:
        return 0
    try:
        wired.set_account(ctx, SessionSecrets(), api, args.token_read,
                          mark_done=args.mark_done_on_github)
    except SecretsUnavailable as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2
    print(_("GitHub account at {api} set up; the token is in the system keyring.").format(
        api=api))
    return 0


def _token(args: argparse.Namespace) -> str:
    if args.token_stdin:
        token = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        token = getpass.getpass(_("GitHub token: ")).strip()
    else:
        raise InvalidInput(_("Give the token with --token-stdin when stdin is not a terminal."))
    if not token:
        raise InvalidInput(_("The token is empty; nothing was changed."))
    return token


def _show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    state = wired.account(ctx)
    if state is None:
        print("null" if args.json else _("No GitHub account is set up; add one with: "
                                         "unhurried account github set --token-stdin"))
        return 0
    api = str(state.get("api") or DEFAULT_API)
    data = {"api": api, "mark_done_on_github": bool(state.get("mark_done")),
            "token_stored": SessionSecrets().get(wired.secret_key(api)) is not None}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    lines = [
        (_("API"), api),
        (_("Mark done on GitHub"), _("yes") if data["mark_done_on_github"] else _("no")),
        (_("Token"), _("in the system keyring") if data["token_stored"] else _("not stored")),
    ]
    for label, value in lines:
        print(f"{label}: {value}")
    return 0


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    if wired.remove_account(ctx, SessionSecrets()):
        print(_("GitHub account removed, with its token."))
    else:
        print(_("No GitHub account is set up; nothing to remove."))
    return 0


def cmd_sync_github(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """``unhurried sync github``: see the module docstring for the exit status."""
    from desktop.sources.github import GitHubError

    if wired.account(ctx) is None:
        raise InvalidInput(_("No GitHub account is set up; add one with: unhurried account "
                             "github set --token-stdin"))
    if checked_only:
        return 0
    try:
        report = wired.sync(ctx, SessionSecrets(), force=True)
    except GitHubError as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2 if not error.reached or error.refused else 1
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    if report.wait_seconds:
        print(_("GitHub asks to wait {seconds} s before the next sync; nothing was fetched.")
              .format(seconds=report.wait_seconds))
        return 0
    print(_("GitHub synced: {received} new, {updated} updated, {answered} marked done, "
            "{failed} problems.").format(received=report.received, updated=report.updated,
                                         answered=report.answered, failed=len(report.failed)))
    for problem in report.failed:
        print(f"  {problem.where}: {problem.reason}")
    return 0
