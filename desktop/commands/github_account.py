# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried account github set|show|remove`` and ``unhurried sync github``.

The token is read from stdin (``--token-stdin``) or asked without echo, and kept only in the
system keyring. ``sync github`` exits 2 with one line when GitHub cannot be reached or refuses
the token, 1 when GitHub asks to wait or answers off the reference.
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
from desktop.core.importing.github_notifications import DEFAULT_API
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import github as wired
from desktop.wiring.services import Context


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``account github`` and ``sync github`` come here."""


def add_account_kind(kinds: SubParsers) -> None:
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
    add_show_remove(actions, _show, _remove)


def _set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    api = wired.check_api(args.api)
    token = read_secret(
        args, from_stdin=args.token_stdin, prompt=_("GitHub token: "),
        not_a_terminal=_("Give the token with --token-stdin when stdin is not a terminal."),
        empty=_("The token is empty; nothing was changed."))
    if checked_only:
        return 0
    try:
        wired.set_account(ctx, SessionSecrets(), api, token, mark_done=args.mark_done_on_github)
    except SecretsUnavailable as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 2
    print(_("GitHub account at {api} set up; the token is in the system keyring.").format(
        api=api))
    return 0


def _show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    state = wired.account(ctx)
    if state is None:
        print("null" if args.json else _("No GitHub account is set up; add one with: "
                                         "unhurried account github set --token-stdin"))
        return 0
    api = str(state.get("api") or DEFAULT_API)
    data = {"api": api, "mark_done_on_github": bool(state.get("mark_done")),
            "token_stored": SessionSecrets().get(wired.secret_key(api)) is not None}
    return print_account(data, [
        (_("API"), api),
        (_("Mark done on GitHub"), _("yes") if data["mark_done_on_github"] else _("no")),
        (_("Token"), token_state(data["token_stored"] is True)),
    ], args.json)


def _remove(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    return print_removed(wired.remove_account(ctx, SessionSecrets()),
                         _("GitHub account removed, with its token."),
                         _("No GitHub account is set up; nothing to remove."))


def cmd_sync_github(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """``unhurried sync github``: see the module docstring for the exit status."""
    from desktop.sources.github import GitHubError

    if wired.account(ctx) is None:
        raise InvalidInput(_("No GitHub account is set up; add one with: unhurried account "
                             "github set --token-stdin"))
    if checked_only:
        return 0
    return run_sync(
        lambda: wired.sync(ctx, SessionSecrets(), force=True), GitHubError, args.json,
        _("GitHub synced: {received} new, {updated} updated, {answered} marked done, "
          "{failed} problems."),
        waiting=_("GitHub asks to wait {seconds} s before the next sync; nothing was fetched."))
