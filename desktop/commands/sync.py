# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried sync [imap|caldav] [--json]``: fetch new mail from the IMAP account now.

Exit status 0 when the sync ran (some messages may be listed as problems), 2 when the server
cannot be reached or refuses the login (or no account is set up), 1 when the server went away
mid-sync (everything committed up to then stays; run it again to finish).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desktop.commands import SubParsers, command
from desktop.core.i18n import _
from desktop.core.importing.mail_account import MailServerError
from desktop.core.text import one_line
from desktop.platform.secrets import SessionSecrets
from desktop.wiring.mail import mail_account, sync_mail
from desktop.wiring.services import Context

TARGETS = ("imap", "caldav", "github", "slack", "matrix")


def register(sub: SubParsers) -> None:
    """Add ``sync`` to the ``unhurried`` subcommands."""
    parser = command(sub, "sync", run, writes=True,
                     help=_("fetch new mail (imap), sync with your CalDAV server (caldav), or "
                            "fetch GitHub notifications (github), Slack (slack) or Matrix (matrix) "
                            "messages"))
    parser.add_argument("target", nargs="?", default="imap", choices=TARGETS,
                        help=_("what to sync (default: imap)"))
    parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))


def run(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """Sync the IMAP account; see the module docstring for the exit status."""
    if args.target == "caldav":
        from desktop.commands.caldav import cmd_sync_caldav

        return cmd_sync_caldav(args, ctx, checked_only=checked_only)
    if args.target == "github":
        from desktop.commands.github_account import cmd_sync_github

        return cmd_sync_github(args, ctx, checked_only=checked_only)
    if args.target == "slack":
        from desktop.commands.slack_account import cmd_sync_slack

        return cmd_sync_slack(args, ctx, checked_only=checked_only)
    if args.target == "matrix":
        from desktop.commands.matrix_account import cmd_sync_matrix

        return cmd_sync_matrix(args, ctx, checked_only=checked_only)
    account = mail_account(ctx.queue)
    if checked_only:
        return 0
    secrets = SessionSecrets()
    password = secrets.get(account.secret_key)
    if password is None and sys.stdin.isatty():
        password = getpass.getpass(_("Password for {user} on {host}: ").format(
            user=account.user, host=account.host)) or None
    try:
        report = sync_mail(ctx, secrets, password)
    except MailServerError as error:
        print(f"unhurried: error: {error.message}", file=sys.stderr)
        return 1 if error.connected else 2
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(_("Mail synced: {imported} new, {duplicates} already there, {answered} marked done, "
            "{failed} problems.").format(imported=report.imported,
                                          duplicates=report.skipped_duplicates,
                                          answered=report.answered, failed=len(report.failed)))
    for problem in report.failed:
        print(f"  {one_line(problem.where)}: {one_line(problem.reason)}")
    return 0
