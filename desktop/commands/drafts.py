# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried drafts [--json]``, ``unhurried drafts show ID`` and ``unhurried outbox``."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.commands import command
from desktop.core.drafting.drafts import Draft, DraftNotFound
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.wiring.services import Context, open_drafting


def register(sub: Any) -> None:
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


def draft_json(draft: Draft, zone: ZoneInfo, *, full: bool = False) -> dict[str, Any]:
    """A draft as the JSON object of ``drafts --json`` (``full`` adds the body)."""

    def stamp(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")

    data: dict[str, Any] = {
        "id": draft.id, "state": draft.state.value, "recipient": draft.recipient,
        "recipient_zone": draft.recipient_zone or None, "subject": draft.subject,
        "template_id": draft.template_id, "reply_to": draft.reply_to,
        "send_at": stamp(draft.retry_at or draft.send_at), "sent_at": stamp(draft.sent_at),
        "tries": draft.tries, "error": draft.error or None,
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
