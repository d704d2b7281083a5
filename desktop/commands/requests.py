# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests from the command line: ``add``, ``done``, ``reopen``, ``wait``, ``resume``,
``unsnooze``, ``delete``, ``restore``, ``snooze`` and ``priority``.

An id may be given whole or as any unique prefix of it (as ``list`` prints ids).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command, formatter
from desktop.core.errors import InvalidInput, NotFound
from desktop.core.i18n import N_, _
from desktop.core.queue.service import QueueService
from desktop.core.requests import (
    Channel,
    Priority,
    Request,
    parse_channel,
    parse_priority,
    snooze_hides_lateness,
)
from desktop.core.when import parse_when
from desktop.wiring.services import Context


def register(sub: SubParsers) -> None:
    """Add ``add``, the state changes (``done``, ``snooze``, …) and ``priority``."""
    add = command(sub, "add", _cmd_add, writes=True,
                  help=_("add a request to the queue; prints its id"))
    add.add_argument("subject", nargs="?", default="")
    add.add_argument("--dialog", action="store_true",
                     help=_("ask in a small window (bind it to a key in your desktop's "
                            "keyboard settings for quick capture)"))
    add.add_argument("--from", dest="sender", default="", metavar="ADDR")
    add.add_argument("--channel", default="manual", metavar="|".join(c.value for c in Channel))
    add.add_argument("--priority", default="normal", metavar="|".join(p.value for p in Priority))
    add.add_argument("--received", metavar="WHEN", help=_("e.g. 'now', 'thu 5pm', '2 hours ago'"))
    add.add_argument("--due", metavar="WHEN", help=_("a deadline set by hand"))
    add.add_argument("--body", default="", metavar="TEXT")
    for name, text, change in _CHANGES:
        command(sub, name, _simple(change), writes=True, help=_(text)).add_argument("id")
    wait = command(sub, "wait", _cmd_wait, writes=True,
                   help=_("waiting on others: pause the clock until an answer comes, or the "
                          "follow-up is due"))
    wait.add_argument("id")
    wait.add_argument("--follow-up", metavar="WHEN",
                      help=_("when to follow up if no answer came (default: the "
                             "follow_up_after setting, 2 business days)"))
    snooze = command(sub, "snooze", _cmd_snooze, writes=True,
                     help=_("hide a request until WHEN"))
    snooze.add_argument("id")
    snooze.add_argument("when", nargs="+", metavar="WHEN")
    prio = command(sub, "priority", _cmd_priority, writes=True,
                   help=_("change a request's priority"))
    prio.add_argument("id")
    prio.add_argument("level", metavar="|".join(p.value for p in Priority))


_CHANGES: tuple[tuple[str, str, Callable[[QueueService, str], object]], ...] = (
    ("done", N_("mark a request done"), lambda q, i: q.done(i)),
    ("reopen", N_("reopen a done request"), lambda q, i: q.reopen(i)),
    ("resume", N_("continue the clock after waiting"), lambda q, i: q.resume(i)),
    ("unsnooze", N_("show a snoozed request again"), lambda q, i: q.unsnooze(i)),
    ("delete", N_("delete a request (restore undoes it)"), lambda q, i: q.delete(i)),
    ("restore", N_("restore a deleted request"), lambda q, i: q.restore(i)),
)


def when(queue: QueueService, text: str | None, *, future: bool) -> datetime | None:
    if text is None:
        return None
    return parse_when(text, queue.now(), ZoneInfo(queue.settings.timezone), prefer_future=future,
                      calendar=queue.calendar)


def resolve(queue: QueueService, text: str) -> Request:
    """A request by id, or by any unique prefix of it (as ``list`` prints ids)."""
    return queue.find(text)


def _cmd_add(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    if args.dialog:
        return 0 if checked_only else _add_with_dialog(ctx, args.subject)
    channel, priority = parse_channel(args.channel), parse_priority(args.priority)
    received = when(queue, args.received, future=False)
    due = when(queue, args.due, future=True)
    if not args.subject.strip():
        raise InvalidInput(_("A request needs a subject."))
    if checked_only:
        return 0
    request = queue.add(args.subject, sender=args.sender, channel=channel, priority=priority,
                        received_at=received, body=args.body, due=due)
    print(request.id)
    return 0


def _add_with_dialog(ctx: Context, subject: str) -> int:
    """``add --dialog``: the window's Add request dialog on its own; prints the new id (1 when
    cancelled). A running window picks the new request up from the store."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.queue.add_dialog import AddRequestDialog

    if QApplication.instance() is None:
        QApplication([sys.argv[0]])
    QApplication.setApplicationDisplayName("Unhurried")
    dialog = AddRequestDialog(ctx.queue)
    dialog.subject.setText(subject)
    dialog.setWindowTitle(_("Add request"))
    if not dialog.exec():
        return 1
    request = ctx.queue.add(**dialog.values)
    print(request.id)
    return 0


def _simple(change: Callable[[QueueService, str], object]) -> Callable[..., int]:
    def run(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
        if checked_only:
            raise NotFound(args.id)  # an empty store has no requests
        request = ctx.queue.find(args.id, deleted=args.command == "restore")
        change(ctx.queue, request.id)
        return 0
    return run


def _cmd_snooze(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    until = when(ctx.queue, " ".join(args.when), future=True)
    if checked_only:
        raise NotFound(args.id)
    assert until is not None
    queue = ctx.queue
    request = resolve(queue, args.id)
    if snooze_hides_lateness(request, until, queue.now()):
        assert request.reply_by is not None
        text = (_("'{subject}' is already overdue (reply by {reply_by}); snoozed anyway until "
                  "{until}.") if request.reply_by <= queue.now() else
                _("Snoozing '{subject}' until {until} hides it past its reply-by "
                  "({reply_by}); snoozed anyway."))
        fmt, now = formatter(ctx), queue.now()
        print("unhurried: warning: " + text.format(
            subject=request.subject, until=fmt.moment(until, now),
            reply_by=fmt.moment(request.reply_by, now)), file=sys.stderr)
    queue.snooze(request.id, until)
    return 0


def _cmd_wait(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    follow_up = when(ctx.queue, args.follow_up, future=True)
    if follow_up is not None and follow_up <= ctx.queue.now():
        raise InvalidInput(_("A follow-up must be in the future."))
    if checked_only:
        raise NotFound(args.id)
    ctx.queue.wait(resolve(ctx.queue, args.id).id, follow_up)
    return 0


def _cmd_priority(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    level = parse_priority(args.level)
    if checked_only:
        raise NotFound(args.id)
    ctx.queue.set_priority(resolve(ctx.queue, args.id).id, level)
    return 0
