# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried drafts [--json]``, ``unhurried drafts show ID`` and ``unhurried outbox``.

``outbox`` lists what is queued or failed (a failed one with its ``error``, the reason the
server gave); ``outbox cancel ID`` takes a queued message back (its request stays open),
``outbox reschedule ID WHEN`` moves it, and ``outbox deliver`` sends what is due now (for a
timer without the window). ``ID`` is a message's id or the id of the request it replies to,
or a unique prefix of either.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command
from desktop.core.drafting.drafts import Draft, DraftNotFound
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import SessionSecrets
from desktop.wiring.services import Context, deliver_outbox, open_drafting


def register(sub: SubParsers) -> None:
    """Add ``drafts`` and ``outbox``."""
    drafts = command(sub, "drafts", _cmd_drafts, writes=False,
                     help=_("list drafts, or show one"))
    drafts.add_argument("--json", action="store_true")
    actions = drafts.add_subparsers(dest="draft_action", metavar="ACTION")
    show = actions.add_parser("show", help=_("print one draft"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    outbox = command(sub, "outbox", _cmd_outbox, writes=False,
                     help=_("list messages queued to send, and failed ones"))
    outbox.add_argument("--json", action="store_true")
    actions = outbox.add_subparsers(dest="outbox_action", metavar="ACTION")
    cancel = actions.add_parser("cancel", help=_("take a queued message back; its request "
                                                 "stays open"))
    cancel.add_argument("id")
    cancel.set_defaults(handler=_cmd_cancel, writes=True)
    move = actions.add_parser("reschedule", help=_("send a queued message at another time"))
    move.add_argument("id")
    move.add_argument("when", nargs="+", metavar="WHEN")
    move.set_defaults(handler=_cmd_reschedule, writes=True)
    deliver = actions.add_parser("deliver", help=_("send the messages that are due now"))
    deliver.set_defaults(handler=_cmd_deliver, writes=True)


def draft_json(draft: Draft, zone: ZoneInfo, *, full: bool = False) -> dict[str, Any]:
    """A draft as the JSON object of ``drafts --json`` (``full`` adds the body)."""

    def stamp(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")

    data: dict[str, Any] = {
        "id": draft.id, "state": draft.state.value, "recipient": draft.recipient,
        "recipient_zone": draft.recipient_zone or None, "subject": draft.subject,
        "template_id": draft.template_id, "reply_to": draft.reply_to,
        "send_at": stamp(draft.retry_at or draft.send_at), "sent_at": stamp(draft.sent_at),
        "tries": draft.tries, "error": draft.error or None, "reason": draft.error or None,
        "created_at": stamp(draft.created_at), "modified_at": stamp(draft.modified_at),
    }
    if full:
        data["body"] = draft.body
    return data


def _print_rows(drafts: list[Draft], zone: ZoneInfo, empty: str) -> None:
    if not drafts:
        print(empty)
    no_subject = _("(no subject)")
    for draft in drafts:
        when = draft.retry_at or draft.send_at or draft.modified_at
        print(f"{draft.id[:8]}  {draft.state.value:<9}  "
              f"{when.astimezone(zone):%a %d %b %H:%M}  {draft.recipient[:28]:<28}  "
              f"{draft.subject or no_subject}")
        if draft.error:
            print(f"          {draft.error}")


def _cmd_drafts(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    zone = ZoneInfo(ctx.queue.settings.timezone)
    drafting = open_drafting(ctx)
    if getattr(args, "draft_action", None) == "show":
        try:
            draft = drafting.drafts.resolve(args.id)
        except DraftNotFound:
            raise InvalidInput(_("No draft with id '{id}'; 'unhurried drafts' shows the ids.")
                               .format(id=args.id)) from None
        data = draft_json(draft, zone, full=True)
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        for key, value in data.items():
            if key != "body" and value not in (None, "", 0):
                print(f"{key:>14}: {value}")
        print()
        print(draft.body)
        return 0
    drafts = drafting.drafts.drafts()
    if args.json:
        print(json.dumps([draft_json(d, zone) for d in drafts], ensure_ascii=False, indent=2))
    else:
        _print_rows(drafts, zone, _("No drafts."))
    return 0


def _cmd_outbox(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    zone = ZoneInfo(ctx.queue.settings.timezone)
    pending = open_drafting(ctx).outbox.pending()
    if args.json:
        print(json.dumps([draft_json(d, zone) for d in pending], ensure_ascii=False, indent=2))
    else:
        _print_rows(pending, zone, _("The outbox is empty."))
    return 0


def _queued(ctx: Context, text: str) -> Draft:
    """A queued or failed message by its id, or by the id of the request it replies to."""
    pending = open_drafting(ctx).outbox.pending()
    exact = [d for d in pending if text in (d.id, d.reply_to)]
    matches = exact or [d for d in pending if len(text) >= 4 and (
        d.id.startswith(text) or (d.reply_to or "").startswith(text))]
    if len(matches) != 1:
        raise InvalidInput(_("No single queued message matches '{id}'; give a message id or "
                             "the id of the request it replies to (or a unique prefix of "
                             "four or more characters), as 'unhurried outbox' prints "
                             "them.").format(id=text))
    return matches[0]


def _cmd_cancel(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    draft = _queued(ctx, args.id)
    if checked_only:
        return 0
    open_drafting(ctx).outbox.unschedule(draft)
    print(_("Cancelled {id}; it is a draft again and its request stays open.").format(
        id=draft.id[:8]))
    return 0


def _cmd_reschedule(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    from desktop.commands.replies import send_time

    settings = ctx.queue.settings
    when = send_time(" ".join(args.when), ctx.queue.now(), settings.timezone)
    draft = _queued(ctx, args.id)
    if checked_only:
        return 0
    moved = open_drafting(ctx).outbox.reschedule(draft, when)
    zone = ZoneInfo(settings.timezone)
    print(_("{id} goes out {when}.").format(
        id=moved.id[:8], when=f"{when.astimezone(zone):%a %d %b %H:%M %Z}"))
    return 0


def _cmd_deliver(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        return 0
    drafting = open_drafting(ctx)
    for draft in drafting.outbox.recover():
        print(_("{id} was cut off while sending; check your Sent folder, then send it again "
                "from the outbox.").format(id=draft.id[:8]), file=sys.stderr)
    if drafting.accounts.get() is None:
        raise InvalidInput(_("No SMTP account; set one with 'unhurried account smtp set'."))
    report = deliver_outbox(resolve_paths(args.data_dir), ctx.clock, SessionSecrets(), ctx)
    print(ngettext("{n} message sent.", "{n} messages sent.", len(report.sent)).format(
        n=len(report.sent)))
    for draft in [*report.retrying, *report.failed]:
        print(_("{id} not sent: {reason}").format(id=draft.id[:8], reason=draft.error),
              file=sys.stderr)
    return 0 if not report.failed and not report.retrying else 1
