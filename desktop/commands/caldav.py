# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried sync caldav [--json]`` and ``unhurried account caldav set URL USER``.

``sync`` and ``account`` (in their own modules) hand ``caldav`` to the handlers here; the
wiring they share with the window is in :mod:`desktop.wiring.caldav`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desktop.commands import SubParsers
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.ports import SecretStore
from desktop.core.sync.cleartext import cleartext_warning, is_cleartext_remote
from desktop.core.sync.items import SyncReport
from desktop.platform.secrets import SessionSecrets
from desktop.sync.account import check_url, check_user
from desktop.sync.errors import NotConfigured, SyncError
from desktop.wiring.services import Context

EXIT_OK, EXIT_FAILED = 0, 1

# -- command line ---------------------------------------------------------------------------------


def register(sub: SubParsers) -> None:
    """Nothing of its own: ``sync caldav`` and ``account caldav`` come here."""


def add_account_kind(kinds: SubParsers) -> None:
    """Add ``account caldav set URL USER`` to the ``account`` command's kinds."""
    caldav = kinds.add_parser("caldav", help=_("the CalDAV server the queue syncs through"))
    actions = caldav.add_subparsers(dest="action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("store URL, user and password (keyring)"))
    setter.set_defaults(handler=cmd_account_caldav_set, writes=True)
    setter.add_argument("url")
    setter.add_argument("user")
    setter.add_argument("--password-stdin", action="store_true",
                        help=_("read the password from standard input"))
    setter.add_argument("--tasks", metavar="NAME", help=_("task collection (default: made)"))
    setter.add_argument("--calendar", metavar="NAME", help=_("calendar for focus blocks"))
    setter.add_argument("--allow-http", action="store_true",
                        help=_("accept a plain http URL to another machine (the password "
                               "travels unencrypted)"))


def cmd_sync_caldav(args: argparse.Namespace, ctx: Context, *, checked_only: bool,
                    secrets: SecretStore | None = None) -> int:
    """``unhurried sync caldav [--json]``: exit 0 when everything synced, 1 otherwise."""
    if checked_only:
        raise NotConfiguredInput()
    from desktop.wiring.caldav import sync_caldav

    try:
        report = sync_caldav(ctx, secrets or SessionSecrets())
    except NotConfigured as error:
        raise InvalidInput(str(error)) from None
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(describe(report))
        for failure in report.failed:
            print(f"  {failure.item}: {failure.reason}")
    return EXIT_OK if report.error is None and not report.failed else EXIT_FAILED


def cmd_account_caldav_set(args: argparse.Namespace, ctx: Context, *, checked_only: bool,
                           secrets: SecretStore | None = None) -> int:
    """``unhurried account caldav set URL USER [--password-stdin]``."""
    check_url(args.url)
    check_user(args.user)
    if is_cleartext_remote(args.url) and not args.allow_http:
        raise InvalidInput(_("{warning} To use it anyway, add --allow-http.").format(
            warning=cleartext_warning(args.url)))
    if checked_only:
        return EXIT_OK
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(_("Password for {user}: ").format(user=args.user))
    if not password:
        raise InvalidInput(_("The password is empty."))
    from desktop.wiring.caldav import set_account

    try:
        account, warning = set_account(ctx, secrets or SessionSecrets(), args.url, args.user,
                                       password, tasks=args.tasks, calendar=args.calendar)
    except SyncError as error:
        print(f"unhurried: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    if warning:
        print(warning, file=sys.stderr)
    print(_("CalDAV account {user} on {url}: tasks in {tasks}, focus blocks in {calendar}.")
          .format(user=account.user, url=account.url, tasks=account.tasks,
                  calendar=account.calendar))
    return EXIT_OK


class NotConfiguredInput(InvalidInput):
    """A sync asked for on a store that does not exist yet (so has no account)."""

    def __init__(self) -> None:
        super().__init__(_("No CalDAV account is set up; run: unhurried account caldav set "
                           "URL USER"))


def describe(report: SyncReport) -> str:
    """One line that says what a sync did."""
    if report.error is not None:
        waiting = ngettext("{count} change waiting", "{count} changes waiting",
                           report.pending).format(count=report.pending)
        if report.offline:
            return _("Offline — {waiting}. {reason}").format(waiting=waiting,
                                                             reason=report.error)
        return _("Sync failed: {reason} ({waiting})").format(reason=report.error,
                                                            waiting=waiting)
    return _("Sent {sent}, received {received}, merged {merged}, conflicts {conflicts}, "
             "failed {failed}.").format(sent=report.sent, received=report.received,
                                        merged=report.merged, conflicts=report.conflicts,
                                        failed=len(report.failed))
