# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: the same services as the window.

Bad input (an unknown channel, a time that cannot be read, a missing id, an unreadable or newer
database) ends with exit status 2 and one line on stderr that says what was wrong and what is
accepted; nothing is written then.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from desktop import __version__
from desktop.commands import register_all
from desktop.commands.calendar import import_ics
from desktop.core.drafting.checker import Severity
from desktop.core.errors import CoreError, InvalidInput, NotFound
from desktop.core.i18n import _, ngettext
from desktop.core.queue.buckets import Bucket, overdue_counts, parse_bucket
from desktop.core.queue.service import QueueService
from desktop.core.queue.status import status_message
from desktop.core.requests import (
    Channel,
    Priority,
    Request,
    parse_channel,
    parse_priority,
    snooze_hides_lateness,
)
from desktop.core.settings import REGISTRY, parse_zone
from desktop.core.text import one_line, spreadsheet_cell, visible
from desktop.core.when import parse_when
from desktop.platform.i18n import install_language
from desktop.platform.paths import resolve_paths
from desktop.sources import KINDS, read_source
from desktop.sources.runner import run_import
from desktop.store.db import set_busy_notice
from desktop.store.diagnosis import explain
from desktop.store.errors import StoreError
from desktop.wiring.checking import check_message
from desktop.wiring.services import Context, load_demo, open_context, people_learner, slack_items

from desktop.ui.common.formatting import safe_locale

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The parser for ``unhurried``; with no subcommand the window starts."""
    parser = _Parser(prog="unhurried", description=_("Async-first work desk."))
    parser.add_argument("--data-dir", metavar="DIR", help=_("keep all data in DIR"))
    parser.add_argument("--version", action="version", version=f"unhurried {__version__}")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--new-window", action="store_true",
                        help=_("open another window on the same data, beside the running one"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    add = sub.add_parser("add", help=_("add a request to the queue; prints its id"))
    add.add_argument("subject")
    add.add_argument("--from", dest="sender", default="", metavar="ADDR")
    add.add_argument("--channel", default="manual", metavar="|".join(c.value for c in Channel))
    add.add_argument("--priority", default="normal", metavar="|".join(p.value for p in Priority))
    add.add_argument("--received", metavar="WHEN", help=_("e.g. 'now', 'thu 5pm', '2 hours ago'"))
    add.add_argument("--due", metavar="WHEN", help=_("a deadline set by hand"))
    add.add_argument("--body", default="", metavar="TEXT")

    lst = sub.add_parser("list", help=_("list the queue by bucket"))
    lst.add_argument("--bucket", metavar="NAME", help=", ".join(b.value for b in Bucket))
    lst.add_argument("--all", action="store_true", help=_("include done requests"))
    lst.add_argument("--deleted", action="store_true",
                     help=_("list the deleted requests instead ('restore ID' brings one back)"))
    lst.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help=_("show one request"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    for name, text in (("done", _("mark a request done")), ("reopen", _("reopen a done request")),
                       ("resume", _("continue the clock after waiting")),
                       ("unsnooze", _("show a snoozed request again")),
                       ("delete", _("delete a request (restore undoes it)")),
                       ("restore", _("restore a deleted request"))):
        sub.add_parser(name, help=text).add_argument("id")
    wait = sub.add_parser("wait", help=_("waiting on others: pause the clock until an answer "
                                         "comes, or the follow-up is due"))
    wait.add_argument("id")
    wait.add_argument("--follow-up", metavar="WHEN",
                      help=_("when to follow up if no answer came (default: the "
                             "follow_up_after setting, 2 business days)"))
    snooze = sub.add_parser("snooze", help=_("hide a request until WHEN"))
    snooze.add_argument("id")
    snooze.add_argument("when", nargs="+", metavar="WHEN")
    prio = sub.add_parser("priority", help=_("change a request's priority"))
    prio.add_argument("id")
    prio.add_argument("level", metavar="|".join(p.value for p in Priority))

    search = sub.add_parser("search", help=_("full-text search"))
    search.add_argument("query", nargs="+")
    search.add_argument("--json", action="store_true")

    export = sub.add_parser("export", help=_("export every request"))
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--out", metavar="FILE")

    config = sub.add_parser("config", help=_("read or change settings"))
    config_sub = config.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser,
                                       required=True)
    setter = config_sub.add_parser("set", help=_("change a setting"))
    setter.add_argument("key")
    setter.add_argument("value", nargs="+")
    getter = config_sub.add_parser("get", help=_("print a setting"))
    getter.add_argument("key")
    config_sub.add_parser("list", help=_("print every setting"))

    sub.add_parser("demo", help=_("add the demo requests"))
    chk = sub.add_parser("check", help=_("check a message for summary, ask, deadline, links"))
    chk.add_argument("file", nargs="?", default="-", help=_("a text file, or - for stdin"))
    chk.add_argument("--json", action="store_true")
    chk.add_argument("--recipient-tz", help=_("the reader's time zone (IANA name)"))
    status = sub.add_parser("status", help=_("print a status message from your reply policy"))
    status.add_argument("--for", dest="channel", default="chat",
                        help=_("channel: email, chat, tracker or manual (default chat), or a "
                               "person's address or handle (their channel and zone)"))
    status.add_argument("--tz", help=_("the reader's time zone (default: yours)"))
    imp = sub.add_parser("import", help=_("import requests from mail files, a CSV export or a "
                                          "Slack export; meetings from a calendar (.ics)"))
    imp.add_argument("kind", choices=KINDS)
    imp.add_argument("path", type=Path)
    imp.add_argument("--preset", choices=("jira", "github", "unhurried", "generic"),
                     help=_("CSV layout (default: guessed from the header)"))
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help=_("for CSV: which column holds a field, e.g. subject=Title"))
    imp.add_argument("--me", metavar="ID",
                     help=_("for Slack: your user id (or name or email) in the export"))
    imp.add_argument("--workspace", metavar="NAME",
                     help=_("for Slack: the NAME of NAME.slack.com, to link each message"))
    imp.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    register_all(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Any = None) -> int:
    """Run one command line. Returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError(_("no command given; run 'unhurried --help'"))
        return _dispatch(args, clock)
    except UsageError as error:
        return _fail(str(error))
    except (InvalidInput, StoreError) as error:
        return _fail(str(error))
    except NotFound as error:
        return _fail(_("No request with id '{id}'; 'unhurried list' shows the ids.").format(
            id=error.request_id))
    except CoreError as error:
        return _fail(str(error), EXIT_FAILED)
    except BrokenPipeError:  # `unhurried list | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    print(f"unhurried: error: {message}", file=sys.stderr)
    return status


def _dispatch(args: argparse.Namespace, clock: Any) -> int:
    paths = resolve_paths(args.data_dir)
    handler = getattr(args, "handler", None) or _HANDLERS[args.command]
    writes = getattr(args, "writes", None)
    if writes is None:
        read_only = ("list", "show", "search", "export", "status", "check")
        writes = args.command not in read_only and not (
            args.command == "config" and args.action != "set")
    # Read-only commands and input checks run on the existing store (or an empty one in memory);
    # the store is created only once the input has been accepted.
    ctx = open_context(paths, clock, create=False)
    install_language(ctx.queue.settings.language)  # the window's language, on the terminal too
    try:
        if writes and ctx.in_memory:
            handler(args, ctx, checked_only=True)
            ctx.close()
            ctx = open_context(paths, clock, create=True)
        set_busy_notice(ctx.db, lambda text: print(text, file=sys.stderr, flush=True))
        return handler(args, ctx, checked_only=False)
    except sqlite3.Error as error:  # damage or a lock met in the middle of a command
        found = explain(error, paths.database)
        if found is None:
            raise
        raise found from error
    finally:
        ctx.close()


# -- commands -----------------------------------------------------------------------------------


def _when(queue: QueueService, text: str | None, *, future: bool) -> datetime | None:
    if text is None:
        return None
    return parse_when(text, queue.now(), ZoneInfo(queue.settings.timezone), prefer_future=future,
                      calendar=queue.calendar)


def _cmd_add(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    channel, priority = parse_channel(args.channel), parse_priority(args.priority)
    received = _when(queue, args.received, future=False)
    due = _when(queue, args.due, future=True)
    if not args.subject.strip():
        raise InvalidInput(_("A request needs a subject."))
    if checked_only:
        return EXIT_OK
    request = queue.add(args.subject, sender=args.sender, channel=channel, priority=priority,
                        received_at=received, body=args.body, due=due)
    print(request.id)
    return EXIT_OK


def _resolve(queue: QueueService, text: str) -> Request:
    """A request by id, or by any unique prefix of it (as ``list`` prints ids)."""
    return queue.find(text)


def _simple(change: Callable[[QueueService, str], Request]) -> Callable[..., int]:
    def run(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
        if checked_only:
            raise NotFound(args.id)  # an empty store has no requests
        request = ctx.queue.find(args.id, deleted=args.command == "restore")
        change(ctx.queue, request.id)
        return EXIT_OK
    return run


def _cmd_snooze(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    until = _when(ctx.queue, " ".join(args.when), future=True)
    if checked_only:
        raise NotFound(args.id)
    assert until is not None
    queue = ctx.queue
    request = _resolve(queue, args.id)
    if snooze_hides_lateness(request, until, queue.now()):
        assert request.reply_by is not None
        zone = ZoneInfo(queue.settings.timezone)
        text = (_("'{subject}' is already overdue (reply by {reply_by}); snoozed anyway until "
                  "{until}.") if request.reply_by <= queue.now() else
                _("Snoozing '{subject}' until {until} hides it past its reply-by "
                  "({reply_by}); snoozed anyway."))
        print("unhurried: warning: " + text.format(
            subject=request.subject, until=until.astimezone(zone).strftime("%a %d %b %H:%M"),
            reply_by=request.reply_by.astimezone(zone).strftime("%a %d %b %H:%M")),
            file=sys.stderr)
    queue.snooze(request.id, until)
    return EXIT_OK


def _cmd_wait(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    follow_up = _when(ctx.queue, args.follow_up, future=True)
    if follow_up is not None and follow_up <= ctx.queue.now():
        raise InvalidInput(_("A follow-up must be in the future."))
    if checked_only:
        raise NotFound(args.id)
    ctx.queue.wait(_resolve(ctx.queue, args.id).id, follow_up)
    return EXIT_OK


def _cmd_priority(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    level = parse_priority(args.level)
    if checked_only:
        raise NotFound(args.id)
    ctx.queue.set_priority(_resolve(ctx.queue, args.id).id, level)
    return EXIT_OK


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
        return _list_deleted(queue, as_json=args.json)
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
        return EXIT_OK
    zone = ZoneInfo(queue.settings.timezone)
    current = object()
    for bucket, request in rows:
        if bucket is not current:
            print("\n" + (_(bucket.label) if bucket else _("Done")))
            current = bucket
        reply_by = request.reply_by.astimezone(zone).strftime("%a %d %b %H:%M") if (
            request.reply_by) else "—"
        print(f"  {request.id[:8]}  {reply_by:<16}  {one_line(request.sender)[:24]:<24}  "
              f"{one_line(request.subject)}")
    if not rows:
        print(_("Nothing in the queue."))
    return EXIT_OK


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


def _list_deleted(queue: QueueService, *, as_json: bool) -> int:
    gone = queue.deleted()
    if as_json:
        print(json.dumps([request_json(r, queue) for r in gone], ensure_ascii=False, indent=2))
        return EXIT_OK
    zone = ZoneInfo(queue.settings.timezone)
    if gone:
        print(_("Deleted"))
    for request in gone:
        assert request.deleted_at is not None
        when = request.deleted_at.astimezone(zone).strftime("%a %d %b %H:%M")
        print(f"  {request.id[:8]}  {when:<16}  {request.sender[:24]:<24}  {request.subject}")
    if not gone:
        print(_("Nothing deleted."))
    return EXIT_OK


def _cmd_show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    from desktop.wiring.services import open_drafting

    request = _resolve(ctx.queue, args.id)
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
    return EXIT_OK


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
    return EXIT_OK


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
    return EXIT_OK


def _cmd_config(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    if args.action == "set":
        value = " ".join(args.value)
        if checked_only:
            # check against an empty store first: nothing is created for a bad value
            queue.update_settings({args.key: value})
            return EXIT_OK
        queue.update_settings({args.key: value})
        print(queue.setting_text(args.key))
    elif args.action == "get":
        print(queue.setting_text(args.key))
    else:
        for key in REGISTRY:
            print(f"{key} = {queue.setting_text(key)}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if not checked_only:
        count = load_demo(ctx)
        print(ngettext("Added {count} demo request.", "Added {count} demo requests.",
                       count).format(count=count))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if not args.path.exists():
        raise InvalidInput(_("{path} does not exist.").format(path=args.path))
    if args.kind == "ics":
        return import_ics(args, ctx, checked_only=checked_only)
    mapping = {}
    for pair in args.map:
        field, sign, column = pair.partition("=")
        if not sign or not field.strip() or not column.strip():
            raise InvalidInput(_("Write a column mapping as FIELD=COLUMN, e.g. subject=Title."))
        mapping[field.strip()] = column.strip()
    if args.kind == "slack" and not args.me:  # who "me" is, from the settings (as the window)
        items = slack_items(args.path, ctx.queue.settings.me, args.workspace)
    else:
        items = read_source(args.kind, args.path, preset=args.preset, mapping=mapping or None,
                            me=args.me, workspace=args.workspace)
    if checked_only:  # reading the first item raises for a path that is not of this kind
        next(iter(items), None)
        return EXIT_OK
    report = run_import(ctx.queue, items, learn=people_learner(ctx))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_("Imported {imported}, already there {duplicates}, problems {failed}.").format(
        imported=report.imported, duplicates=report.skipped_duplicates,
        failed=len(report.failed)))
    if report.answered:
        print(_("Marked done because you had replied: {count}.").format(count=report.answered))
    for problem in report.failed:
        print(f"  {one_line(problem.where)}: {one_line(problem.reason)}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if args.recipient_tz:
        parse_zone(args.recipient_tz)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = data.decode("utf-8")
    except OSError as error:
        raise InvalidInput(_("{file} could not be read: {error}").format(
            file=args.file, error=error.strerror or error)) from None
    except UnicodeDecodeError:
        raise InvalidInput(_("{file} is not UTF-8 text; save it as UTF-8 and check again.")
                           .format(file=args.file)) from None
    findings = check_message(text)  # with the secret scanner: nobody waits on a keystroke
    if args.json:
        print(json.dumps({"findings": [
            {"code": f.code, "severity": f.severity.value, "message": f.message,
             "start": f.start, "end": f.end} for f in findings]}, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            line = text.count("\n", 0, f.start) + 1
            print(f"{line}: {f.severity.value}: {f.code}: {f.message}")
    return EXIT_FAILED if any(f.severity is not Severity.INFO for f in findings) else EXIT_OK


def _status_reader(ctx: Context, text: str) -> tuple[Channel, str | None]:
    """``--for``: a channel, or a person from the directory (their preferred channel, else
    chat, and their zone)."""
    from desktop.wiring.services import open_people

    try:
        return parse_channel(text), None
    except InvalidInput:
        person = open_people(ctx).find(text) if text.strip() else None
        if person is None:
            raise
    channel = parse_channel(person.channel) if person.channel else Channel.CHAT
    return channel, person.zone or None


def _cmd_status(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    queue = ctx.queue
    channel, reader_zone = _status_reader(ctx, args.channel)
    zone = ZoneInfo(parse_zone(args.tz) if args.tz else reader_zone or queue.settings.timezone)
    locale = safe_locale(queue.settings.language or "en")

    def moment(value: datetime) -> str:
        return format_datetime(value, "EEE d MMM, HH:mm zzz", tzinfo=zone, locale=locale)

    def clock_time(value: datetime) -> str:
        return format_datetime(value, "HH:mm zzz", tzinfo=zone, locale=locale)

    print(status_message(queue.settings.policy, queue.calendar, queue.now(), channel, moment,
                         clock_time))
    overdue, snoozed = overdue_counts(queue.entries(), queue.now())
    if overdue:  # for the user, below the message: snoozing hides work, not lateness
        print(ngettext("Your queue: {count} overdue ({snoozed} of them snoozed).",
                       "Your queue: {count} overdue ({snoozed} of them snoozed).",
                       overdue).format(count=overdue, snoozed=snoozed) if snoozed else
              ngettext("Your queue: {count} overdue.", "Your queue: {count} overdue.",
                       overdue).format(count=overdue))
    return EXIT_OK


_HANDLERS: dict[str, Callable[..., int]] = {
    "add": _cmd_add, "list": _cmd_list, "show": _cmd_show, "search": _cmd_search,
    "export": _cmd_export, "config": _cmd_config, "demo": _cmd_demo, "snooze": _cmd_snooze,
    "priority": _cmd_priority, "import": _cmd_import, "status": _cmd_status,
    "check": _cmd_check,
    "done": _simple(lambda q, i: q.done(i)), "reopen": _simple(lambda q, i: q.reopen(i)),
    "wait": _cmd_wait, "resume": _simple(lambda q, i: q.resume(i)),
    "unsnooze": _simple(lambda q, i: q.unsnooze(i)), "delete": _simple(lambda q, i: q.delete(i)),
    "restore": _simple(lambda q, i: q.restore(i)),
}
