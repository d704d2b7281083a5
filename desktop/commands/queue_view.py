# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the queue from the command line: ``list``, ``show``, ``search``, ``export`` and
``status``. Dates for people go through the window's :class:`Formatter` (locale and zone);
JSON and CSV carry ISO 8601 times in the user's zone.
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

from babel.dates import format_datetime

from desktop.commands import command, formatter
from desktop.commands.requests import resolve
from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket, parse_bucket
from desktop.core.queue.service import QueueService
from desktop.core.queue.status import status_message
from desktop.core.requests import Request, parse_channel
from desktop.core.settings import parse_zone
from desktop.wiring.services import Context

from desktop.ui.common.formatting import safe_locale


def register(sub: Any) -> None:
    """Add ``list``, ``show``, ``search``, ``export`` and ``status``."""
    lst = command(sub, "list", _cmd_list, writes=False, help=_("list the queue by bucket"))
    lst.add_argument("--bucket", metavar="NAME", help=", ".join(b.value for b in Bucket))
    lst.add_argument("--all", action="store_true", help=_("include done requests"))
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
    status = command(sub, "status", _cmd_status, writes=False,
                     help=_("print a status message from your reply policy"))
    status.add_argument("--for", dest="channel", default="chat",
                        help=_("channel: email, chat, tracker or manual (default chat)"))
    status.add_argument("--tz", help=_("the reader's time zone (default: yours)"))


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
    }
    if full:
        data |= {"body": request.body, "links": list(request.links),
                 "external_id": request.external_id}
    return data


def _cmd_list(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    wanted = parse_bucket(args.bucket) if args.bucket else None
    edges = queue.edges()
    order = {b: i for i, b in enumerate(Bucket)}
    rows = [(edges.bucket_of(r), r) for r in (queue.all() if args.all else queue.active())]
    rows = [(b, r) for b, r in rows if wanted is None or b is wanted]
    rows.sort(key=lambda br: (order.get(br[0], 99) if br[0] else 99, br[1].reply_by or
                              br[1].received_at))
    if args.json:
        print(json.dumps([request_json(r, queue) for _b, r in rows], ensure_ascii=False, indent=2))
        return 0
    dates, now = formatter(ctx), queue.now()
    current = object()
    for bucket, request in rows:
        if bucket is not current:
            print("\n" + (_(bucket.label) if bucket else _("Done")))
            current = bucket
        reply_by = dates.moment(request.reply_by, now) if request.reply_by else "—"
        print(f"  {request.id[:8]}  {reply_by:<22}  {request.sender[:24]:<24}  {request.subject}")
    if not rows:
        print(_("Nothing in the queue."))
    return 0


def _cmd_show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    request = resolve(ctx.queue, args.id)
    data = request_json(request, ctx.queue, full=True)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for key, value in data.items():
            if key != "body" and value not in (None, [], ""):
                print(f"{key:>14}: {value}")
        print()
        print(request.body)
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
            print(f"{r.id[:8]}  {r.sender[:24]:<24}  {r.subject}")
            print(f"          {snippet}")
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
        for row in rows:
            writer.writerow(row | {"links": " ".join(row.get("links", []))})
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(out.getvalue())
    else:
        sys.stdout.write(out.getvalue())
    return 0


def _cmd_status(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    channel = parse_channel(args.channel)
    zone = ZoneInfo(parse_zone(args.tz)) if args.tz else ZoneInfo(queue.settings.timezone)
    locale = safe_locale(queue.settings.language or "en")

    def moment(value: datetime) -> str:
        return format_datetime(value, "EEE d MMM, HH:mm zzz", tzinfo=zone, locale=locale)

    def clock_time(value: datetime) -> str:
        return format_datetime(value, "HH:mm zzz", tzinfo=zone, locale=locale)

    print(status_message(queue.settings.policy, queue.calendar, queue.now(), channel, moment,
                         clock_time))
    return 0
