# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried import ics FILE`` (routed here from ``cli.py``) and ``unhurried calendar free``:
the free stretches of working time in the coming week, to schedule focus in."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command
from desktop.core.i18n import _
from desktop.core.text import one_line
from desktop.sources.ics import read_ics
from desktop.wiring.services import Context, import_calendar, stats_service


def import_ics(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """Import a calendar file: its events replace those of the same calendar."""
    if checked_only:  # raises InvalidInput for a file that is not a calendar at all
        now = ctx.clock.now()
        read_ics(args.path, now, now)
        return 0
    report = import_calendar(ctx, args.path)
    if args.json:
        data = report.to_json()
        print(json.dumps({"imported": data["imported"], "failed": data["failed"]},
                         ensure_ascii=False, indent=2))
        return 0
    print(_("Imported {imported} calendar events, problems {failed}.").format(
        imported=report.imported, failed=len(report.failed)))
    for problem in report.failed:
        print(f"  {one_line(problem.where)}: {one_line(problem.reason)}")
    return 0


def _cmd_free(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    zone = ZoneInfo(ctx.queue.settings.timezone)
    stretches = stats_service(ctx).free_time(days=args.days,
                                             minimum=timedelta(minutes=args.minutes))
    rows: list[dict[str, Any]] = [
        {"start": s.astimezone(zone).isoformat(timespec="minutes"),
         "end": e.astimezone(zone).isoformat(timespec="minutes"),
         "minutes": int((e - s).total_seconds() // 60)} for s, e in stretches]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for (s, e), row in zip(stretches, rows, strict=True):
        local_s, local_e = s.astimezone(zone), e.astimezone(zone)
        print(f"{local_s:%a %d %b %H:%M}–{local_e:%H:%M}  ({row['minutes']} min)")
    if not rows:
        print(_("No free stretch of {minutes} minutes in working hours.").format(
            minutes=args.minutes))
    return 0


def register(sub: SubParsers) -> None:
    """Add ``calendar free``."""
    parser = command(sub, "calendar", lambda *a, **k: 0, writes=False,
                     help=_("your imported calendar: free time for focus"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    free = actions.add_parser("free", help=_("free stretches in working hours, next 7 days"))
    free.set_defaults(handler=_cmd_free, writes=False)
    free.add_argument("--days", type=int, default=7, help=_("how many days ahead (default 7)"))
    free.add_argument("--minutes", type=int, default=90,
                      help=_("the shortest stretch worth listing (default 90)"))
    free.add_argument("--json", action="store_true")
