# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the queue from the command line: ``list``, ``show``, ``search`` and ``export``.

Dates for people go through the window's :class:`Formatter` (locale and zone); JSON and CSV
carry ISO 8601 times in the user's zone.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command, formatter
from desktop.commands.requests import resolve
from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket, parse_bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request
from desktop.core.text import one_line, spreadsheet_cell, visible
from desktop.wiring.services import Context


def register(sub: SubParsers) -> None:
    """Add ``list``, ``show``, ``search`` and ``export``."""
    lst = command(sub, "list", _cmd_list, writes=False, help=_("list the queue by bucket"))
    lst.add_argument("--bucket", metavar="NAME", help=", ".join(b.value for b in Bucket))
    lst.add_argument("--all", action="store_true", help=_("include done requests"))
    lst.add_argument("--deleted", action="store_true",
                     help=_("list the deleted requests instead ('restore ID' brings one back)"))
    lst.add_argument("--json", action="store_true")
    show = command(sub, "show", _cmd_show, writes=False, help=_("show one request"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    search = command(sub, "search", _cmd_search, writes=False, help=_("full-text search"))
    search.add_argument("query", nargs="+")
    search.add_argument("--json", action="store_true")
    export = command(sub, "export", _cmd_export, writes=False, help=_("export every request"))
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--out", metavar="FILE")


def request_json(request: Request, queue: QueueService, *, full: bool = False) -> dict[str, Any]:
    """A request as the JSON object of ``list --json`` (``full`` adds body and links)."""
    zone = ZoneInfo(queue.settings.timezone)
    bucket = queue.bucket_of(request)

    def stamp(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")

    data: dict[str, Any] = {
        "id": request.id, "subject": request.subject, "sender": request.sender,
        "channel": request.channel.value, "priority": request.priority.value,
        "state": request.status(queue.now()), "received_at": stamp(request.received_at),
        "reply_by": stamp(request.reply_by), "bucket": bucket.value if bucket else None,
        "snoozed_until": stamp(request.snoozed_until), "due": stamp(request.due),
        "done_at": stamp(request.done_at), "source": request.source,
        "follow_up_at": stamp(request.follow_up_at),
    }
    if request.deleted_at is not None:
        data["deleted_at"] = stamp(request.deleted_at)
    if full:
        data |= {"body": request.body, "links": list(request.links),
                 "external_id": request.external_id}
    return data


def _cmd_list(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    if args.deleted:
        return _list_deleted(ctx, as_json=args.json)
    wanted = parse_bucket(args.bucket) if args.bucket else None
    edges = queue.edges()
    order = {b: i for i, b in enumerate(Bucket)}
    rows = [(edges.bucket_of(r), r) for r in (queue.all() if args.all else queue.active())]
    rows = [(b, r) for b, r in rows if wanted is None or b is wanted]
    rows.sort(key=lambda br: (order.get(br[0], 99) if br[0] else 99, br[1].reply_by or
                              br[1].received_at))
    if args.json:
        replies = _scheduled_replies(ctx)
        print(json.dumps([_reply_state(request_json(r, queue), replies.get(r.id), queue)
                          for _b, r in rows], ensure_ascii=False, indent=2))
        return 0
    dates, now = formatter(ctx), queue.now()
    current = object()
    for bucket, request in rows:
        if bucket is not current:
            print("\n" + (_(bucket.label) if bucket else _("Done")))
            current = bucket
        reply_by = dates.moment(request.reply_by, now) if request.reply_by else "—"
        print(f"  {request.id[:8]}  {reply_by:<22}  {one_line(request.sender)[:24]:<24}  "
              f"{one_line(request.subject)}")
    if not rows:
        print(_("Nothing in the queue."))
    return 0


def _scheduled_replies(ctx: Context) -> dict[str, datetime | None]:
    """When the queued reply to each request goes out, by request id."""
    from desktop.core.drafting.drafts import DraftState
    from desktop.wiring.services import open_drafting

    out: dict[str, datetime | None] = {}
    for draft in open_drafting(ctx).outbox.pending():  # the soonest first
        if draft.reply_to and draft.state in (DraftState.SCHEDULED, DraftState.SENDING):
            out.setdefault(draft.reply_to, draft.retry_at or draft.send_at)
    return out


def _reply_state(data: dict[str, Any], at: datetime | None,
                 queue: QueueService) -> dict[str, Any]:
    """``state`` ``reply-scheduled`` and ``reply_scheduled_at`` while a reply is queued."""
    data["reply_scheduled_at"] = None
    if at is not None and data["state"] != "done":
        data["state"] = "reply-scheduled"
        data["reply_scheduled_at"] = at.astimezone(
            ZoneInfo(queue.settings.timezone)).isoformat(timespec="seconds")
    return data


def _list_deleted(ctx: Context, *, as_json: bool) -> int:
    queue = ctx.queue
    gone = queue.deleted()
    if as_json:
        print(json.dumps([request_json(r, queue) for r in gone], ensure_ascii=False, indent=2))
        return 0
    dates, now = formatter(ctx), queue.now()
    if gone:
        print(_("Deleted"))
    for request in gone:
        assert request.deleted_at is not None
        when = dates.moment(request.deleted_at, now)
        print(f"  {request.id[:8]}  {when:<22}  {one_line(request.sender)[:24]:<24}  "
              f"{one_line(request.subject)}")
    if not gone:
        print(_("Nothing deleted."))
    return 0


def _cmd_show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    from desktop.wiring.services import open_drafting

    request = resolve(ctx.queue, args.id)
    reply = open_drafting(ctx).outbox.scheduled_reply(request.id)
    data = _reply_state(request_json(request, ctx.queue, full=True),
                        (reply.retry_at or reply.send_at) if reply is not None else None,
                        ctx.queue)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for key, value in data.items():
            if key != "body" and value not in (None, [], ""):
                print(f"{key:>14}: {one_line(str(value))}")
        print()
        print(visible(request.body))
    return 0


def _cmd_search(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    hits = queue.search_hits(" ".join(args.query), 50)
    found = queue.get_many(i for i, _snippet in hits)
    rows = [(found[i], snippet) for i, snippet in hits if i in found]
    if args.json:
        print(json.dumps([{**request_json(r, queue), "snippet": s} for r, s in rows],
                         ensure_ascii=False, indent=2))
    else:
        for r, snippet in rows:
            print(f"{r.id[:8]}  {one_line(r.sender)[:24]:<24}  {one_line(r.subject)}")
            print(f"          {one_line(snippet)}")
    return 0


def _cmd_export(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    rows = [request_json(r, ctx.queue, full=True) for r in ctx.queue.all()]
    out = io.StringIO()
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        fields = list(rows[0]) if rows else list(request_json.__annotations__)
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for row in rows:  # cells a spreadsheet would run as formulas are made text
            cells = row | {"links": " ".join(row.get("links", []))}
            writer.writerow({k: spreadsheet_cell(v) for k, v in cells.items()})
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(out.getvalue())
    else:
        sys.stdout.write(out.getvalue())
    return 0
