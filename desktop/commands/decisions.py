# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried decision open|made|list``: decisions whose speed the Health view measures."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command
from desktop.core.errors import InvalidInput
from desktop.core.health.decisions import Decision, UnknownDecision
from desktop.core.i18n import _
from desktop.core.requests import Request
from desktop.wiring.services import Context, decision_service


def _request(ctx: Context, text: str) -> Request:
    """A request by id or by any unique prefix of it, as ``list`` prints ids."""
    return ctx.queue.find(text)


def decision_json(decision: Decision, zone: ZoneInfo) -> dict[str, Any]:
    """A decision as ``decision list --json`` prints it (times in the user's zone)."""
    def stamp(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")

    hours = None
    if decision.decided_at is not None:
        hours = round((decision.decided_at - decision.opened_at).total_seconds() / 3600, 2)
    return {"id": decision.id, "title": decision.title, "request_id": decision.request_id,
            "draft_id": decision.draft_id, "opened_at": stamp(decision.opened_at),
            "decided_at": stamp(decision.decided_at), "hours": hours,
            "outcome": decision.outcome}


def _cmd_open(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    request = _request(ctx, args.request) if args.request else None
    title = args.title or (request.subject if request else "")
    if not title.strip():
        raise InvalidInput(_("A decision needs a title (or --request with the request's id)."))
    if checked_only:
        return 0
    decision = decision_service(ctx).open_decision(
        title, request_id=request.id if request else None)
    print(decision.id)
    return 0


def _cmd_made(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if checked_only:
        raise UnknownDecision(args.id)  # an empty store has no decisions
    decision = decision_service(ctx).decide(args.id, args.outcome)
    print(decision.id)
    return 0


def _cmd_list(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    zone = ZoneInfo(ctx.queue.settings.timezone)
    decisions = decision_service(ctx).all()
    if args.json:
        print(json.dumps([decision_json(d, zone) for d in decisions], ensure_ascii=False,
                         indent=2))
        return 0
    for d in decisions:
        state = (_("made {when}").format(when=f"{d.decided_at.astimezone(zone):%a %d %b %H:%M}")
                 if d.decided_at else _("open"))
        print(f"{d.id[:8]}  {d.opened_at.astimezone(zone):%a %d %b %H:%M}  {state:<22}  {d.title}")
    if not decisions:
        print(_("No decisions yet."))
    return 0


def register(sub: SubParsers) -> None:
    """Add ``decision open``, ``decision made`` and ``decision list``."""
    parser = command(sub, "decision", _cmd_list, writes=False,
                     help=_("decisions: open one, record it made, list them"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    opener = actions.add_parser("open", help=_("start the clock on a decision; prints its id"))
    opener.set_defaults(handler=_cmd_open, writes=True)
    opener.add_argument("title", nargs="?", default="")
    opener.add_argument("--request", metavar="ID", help=_("the request it decides"))
    made = actions.add_parser("made", help=_("record a decision as made"))
    made.set_defaults(handler=_cmd_made, writes=True)
    made.add_argument("id")
    made.add_argument("--outcome", default="", metavar="TEXT")
    lister = actions.add_parser("list", help=_("list decisions"))
    lister.set_defaults(handler=_cmd_list, writes=False)
    lister.add_argument("--json", action="store_true")
