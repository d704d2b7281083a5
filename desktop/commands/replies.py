# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried reply ID``: a reply to a queued request, as R does in the window.

It fills the reply template (or ``--template``) from the request, ``--field NAME=VALUE`` on top,
and prints it as plain text, Markdown or an ``.eml`` message (``To:`` the sender, the thread's
``In-Reply-To`` and ``References``), or writes it to ``--out``. Times are in the sender's zone
when the people directory knows it, else in the user's.

``--send`` queues the reply in the outbox for ``--at`` (default: the sender's next working
moment outside the user's focus blocks). The request then shows ``reply-scheduled`` and closes
only when the server has accepted the message; a refused or cancelled send leaves it open.
``--post`` does the same for a chat request (Matrix, Slack): the outbox posts the reply into
its room or thread. Before either, the context checker reads the reply: an error it finds (a
secret in the text) is printed and stops the reply with exit 1 unless ``--anyway``.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command, formatter
from desktop.commands.drafting import field_values, write_output
from desktop.core.drafting.outbox import next_send_time
from desktop.core.drafting.outputs import TextFormat, message_id, to_eml, to_text
from desktop.core.drafting.replies import REPLY_TEMPLATE, reply_values, thread_headers
from desktop.core.drafting.routes import CHAT_SOURCES
from desktop.core.drafting.templates import fill
from desktop.core.errors import InvalidInput, NotFound
from desktop.core.i18n import _
from desktop.core.requests import Request
from desktop.core.when import parse_when
from desktop.platform.paths import resolve_paths
from desktop.platform.templates import open_library
from desktop.store.focus_history import StoreFocusHistory
from desktop.wiring.services import Context, open_drafting, open_people

from desktop.ui.common.formatting import Formatter


def register(sub: SubParsers) -> None:
    """Add ``reply``."""
    reply = command(sub, "reply", _cmd_reply, writes=True,
                    help=_("write a reply to a request; --send queues it in the outbox"))
    reply.add_argument("id", help=_("a request id or a unique prefix of it"))
    reply.add_argument("--template", default=REPLY_TEMPLATE, metavar="NAME",
                       help=_("a template id (default: reply)"))
    reply.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                       help=_("a field value; repeat for more fields or more list items"))
    reply.add_argument("--format", choices=("txt", "md", "eml"), default="txt")
    reply.add_argument("--out", metavar="FILE", help=_("write to FILE instead of printing"))
    reply.add_argument("--send", action="store_true",
                       help=_("queue the reply in the outbox instead of printing it"))
    reply.add_argument("--post", action="store_true",
                       help=_("queue a reply to a chat request to be posted into its room or "
                              "thread"))
    reply.add_argument("--at", metavar="WHEN",
                       help=_("with --send or --post: when it goes out (default: their next "
                              "working moment)"))
    reply.add_argument("--anyway", action="store_true",
                       help=_("with --send or --post: queue it although the checker found an "
                              "error"))


def find_request(ctx: Context, text: str) -> Request:
    """A request by id or by a unique prefix of at least four characters.

    Raises:
        InvalidInput: none or several match; the message says what is accepted.
    """
    queue = ctx.queue
    try:
        return queue.get(text)
    except NotFound:
        pass
    matches = [r for r in queue.all() if len(text) >= 4 and r.id.startswith(text.lower())]
    if len(matches) != 1:
        raise InvalidInput(_("No single request matches '{id}'; give its id or a unique "
                             "prefix of four or more characters, as 'unhurried list' "
                             "prints it.").format(id=text))
    return matches[0]


def their_zone(ctx: Context, request: Request) -> str | None:
    """The sender's zone from the people directory (``None``: not known; use the user's)."""
    return open_people(ctx).zone_of(request.sender)


def _cmd_reply(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if args.send and args.post:
        raise InvalidInput(_("Give --send (mail) or --post (chat), not both."))
    queue_it = args.send or args.post
    if args.at is not None and not queue_it:
        raise InvalidInput(_("--at goes with --send or --post: it says when the reply goes "
                             "out."))
    request = find_request(ctx, args.id)
    if args.post and request.source not in CHAT_SOURCES:
        raise InvalidInput(_("This request did not come from chat; use --send to send the "
                             "reply by mail."))
    settings, now = ctx.queue.settings, ctx.queue.now()
    zone = their_zone(ctx, request) or settings.timezone
    library = open_library(resolve_paths(args.data_dir).config_dir, settings.language or "en",
                           zone)
    template = library.get(args.template)
    values = reply_values(request, now, settings.timezone, zone)
    names = {f.name for f in template.fields}
    values = {k: v for k, v in values.items() if k in names}
    values |= field_values(template, args.field)
    filled = fill(template, values, now=now, zone=zone)
    if filled.errors:
        raise InvalidInput(" ".join(
            _("--field {name}: {problem}").format(name=name, problem=problem)
            for name, problem in filled.errors.items()))
    rendered = library.render(template, filled.values)
    in_reply_to, references = thread_headers(request)
    if queue_it:
        when = _send_time(args.at, ctx, request, zone, now)
        if checked_only:
            return 0
        if not passes_checker(rendered.subject, rendered.body, zone, anyway=args.anyway):
            return 1
        drafting = open_drafting(ctx)
        draft = drafting.drafts.create(
            subject=rendered.subject, body=rendered.body, recipient=request.sender,
            recipient_zone=zone, template_id=template.id, reply_to=request.id,
            in_reply_to=in_reply_to, references=references)
        closes = ctx.queue.settings.mark_done_on_send
        queued = drafting.outbox.schedule(draft, when, closes_request=closes)
        ours = formatter(ctx)
        theirs = Formatter(ours.locale, ZoneInfo(zone))
        print(_("Queued {id} for {theirs} ({zone}); {ours} your time.").format(
            id=queued.id[:8], theirs=theirs.moment(when, now), zone=zone,
            ours=ours.moment(when, now)))
        return 0
    if args.format == "eml":
        sender = next((me for me in settings.me if "@" in me), "")
        data = to_eml(rendered.subject, rendered.body, request.sender, sender, date=now,
                      message_id=message_id(uuid.uuid4().hex, sender),
                      in_reply_to=in_reply_to, references=references)
    else:
        data = to_text(TextFormat(args.format), rendered.subject, rendered.body).encode("utf-8")
    write_output(data, args.out)
    return 0


def passes_checker(subject: str, body: str, zone: str, *, anyway: bool) -> bool:
    """Run the context checker on a reply about to be queued: its errors (a secret in the
    text) are printed to stderr as ``unhurried check`` prints them and stop the reply unless
    ``anyway``; warnings do not stop it and are left to ``unhurried check``. Returns whether
    it may be queued."""
    from desktop.core.drafting.checker import Severity
    from desktop.wiring.checking import check_message

    text = f"{subject}\n\n{body}" if subject else body
    findings = [f for f in check_message(text, recipient_zone=zone)
                if f.severity is Severity.ERROR]
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        print(f"{line}: {f.severity.value}: {f.code}: {f.message}", file=sys.stderr)
    if anyway or not findings:
        return True
    print(_("unhurried: not queued: the checker found an error in the reply; fix it, or add "
            "--anyway to queue it as it is."), file=sys.stderr)
    return False


def send_time(text: str, now: datetime, zone: str) -> datetime:
    """A send time the user typed, read in the user's ``zone``.

    Raises:
        InvalidInput: it cannot be read, or it is in the past.
    """
    when = parse_when(text, now, ZoneInfo(zone))
    if when < now:
        raise InvalidInput(_("'{text}' is in the past; give a send time from now on, e.g. "
                             "'now', 'in 2 hours' or 'mon 9:00'.").format(text=text))
    return when


def _send_time(text: str | None, ctx: Context, request: Request, zone: str,
               now: datetime) -> datetime:
    if text is not None:
        return send_time(text, now, ctx.queue.settings.timezone)
    history = StoreFocusHistory(ctx.db)
    person = open_people(ctx).find(request.sender)
    theirs = person.working_hours if person is not None else None
    hours = theirs or ctx.queue.settings.working_hours
    return next_send_time(now, ZoneInfo(zone), hours,
                          lambda start, end: [(s.start, s.end)
                                              for s in history.spans(start, end)])
