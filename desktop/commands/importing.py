# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried import`` (mail files, CSV, Slack, calendars) and ``unhurried demo``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop.commands import SubParsers, command
from desktop.commands.calendar import import_ics
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.settings import parse_zone
from desktop.core.text import one_line
from desktop.sources import KINDS, csv_columns, read_source
from desktop.sources.runner import run_import
from desktop.store.db import tune_for_bulk_writes
from desktop.wiring.demo import load_demo
from desktop.wiring.services import Context, people_learner, slack_items


def register(sub: SubParsers) -> None:
    """Add ``import`` and ``demo``."""
    command(sub, "demo", _cmd_demo, writes=True, help=_("add the demo requests"))
    imp = command(sub, "import", _cmd_import, writes=True,
                  help=_("import requests from mail files, a CSV export or a "
                         "Slack export; meetings from a calendar (.ics)"))
    imp.add_argument("kind", choices=KINDS)
    imp.add_argument("path", type=Path)
    imp.add_argument("--preset", choices=("jira", "github", "unhurried", "generic"),
                     help=_("CSV layout (default: guessed from the header)"))
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help=_("for CSV: which column holds a field, e.g. subject=Title"))
    imp.add_argument("--zone", metavar="ZONE",
                     help=_("for CSV: the time zone of times without one (IANA name; "
                            "default: yours)"))
    imp.add_argument("--me", metavar="ID",
                     help=_("for Slack: your user id (or name or email) in the export"))
    imp.add_argument("--workspace", metavar="NAME",
                     help=_("for Slack: the NAME of NAME.slack.com, to link each message"))
    imp.add_argument("--json", action="store_true", help=_("print the report as JSON"))


def _cmd_demo(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if not checked_only:
        count = load_demo(ctx)
        print(ngettext("Added {count} demo request.", "Added {count} demo requests.",
                       count).format(count=count))
    return 0


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
    zone = ZoneInfo(parse_zone(args.zone) if args.zone else ctx.queue.settings.timezone)
    preset = args.preset
    if args.kind == "csv" and not mapping:  # the remembered mapping, else the window's guess
        preset, mapping = csv_columns(args.path, preset, ctx.queue.settings.csv_mappings)
        if mapping and not args.json:
            print(_("Columns used: {mapping}").format(mapping=", ".join(
                f"{field}={column}" for field, column in mapping.items())))
    if args.kind == "slack" and not args.me:  # who "me" is, from the settings (as the window)
        items = slack_items(args.path, ctx.queue.settings.me, args.workspace)
    else:
        items = read_source(args.kind, args.path, preset=preset, mapping=mapping or None,
                            me=args.me, workspace=args.workspace, zone=zone)
    if checked_only:  # reading the first item raises for a path that is not of this kind
        next(iter(items), None)
        return 0
    tune_for_bulk_writes(ctx.db)
    report = run_import(ctx.queue, items, learn=people_learner(ctx), atomic=ctx.atomic)
    if args.json:
        print(json.dumps({**report.to_json(), **({"mapping": mapping} if mapping else {})},
                         ensure_ascii=False, indent=2))
        return 0
    print(_("Imported {imported}, already there {duplicates}, problems {failed}.").format(
        imported=report.imported, duplicates=report.skipped_duplicates,
        failed=len(report.failed)))
    if report.answered:
        print(_("Marked done because you had replied: {count}.").format(count=report.answered))
    for problem in report.failed:
        print(f"  {one_line(problem.where)}: {one_line(problem.reason)}")
    return 0
