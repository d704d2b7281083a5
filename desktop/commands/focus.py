# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried focus …``: start, stop and extend focus blocks, their status, recurring
schedules and a calendar export.

With the window running, the command is handed to it (over the single-instance socket) and
the window's answer is printed, so the window's banner, tray and timers change at once.
Without it, the command works on the store directly.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime, format_time

from desktop import APP_ID
from desktop.commands import SubParsers, command, formatter
from desktop.core.errors import InvalidInput
from desktop.core.focus.plan import new_session, parse_length, zone_named
from desktop.core.focus.service import FocusService
from desktop.core.i18n import _
from desktop.core.ports import Notification
from desktop.core.when import parse_when
from desktop.platform.i18n import formatting_locale, system_language
from desktop.platform.paths import resolve_paths
from desktop.sync.focus_ics import write_ics
from desktop.wiring.services import Context, open_focus

from desktop.ui.common.formatting import safe_locale

EXIT_OK, EXIT_USAGE = 0, 2
READ_ONLY = {"status", "list"}


def register(sub: SubParsers) -> None:
    """Add ``focus`` and its actions to the ``unhurried`` subparsers."""
    focus = command(sub, "focus", run, writes=True,
                    help=_("focus blocks: start, stop, extend, status, schedules"))
    actions = focus.add_subparsers(dest="action", metavar="ACTION", required=True,
                                   parser_class=type(focus))
    start = actions.add_parser("start", help=_("start a focus block now"))
    length = start.add_mutually_exclusive_group()
    length.add_argument("--for", dest="length", metavar="LENGTH",
                        help=_("how long, e.g. 90m or 1h30m"))
    length.add_argument("--until", metavar="TIME", help=_("until when, e.g. 11:30"))
    actions.add_parser("stop", help=_("stop the running block; held requests come out"))
    extend = actions.add_parser("extend", help=_("make the running block longer"))
    extend.add_argument("length", metavar="LENGTH", help=_("e.g. 15m"))
    status = actions.add_parser("status", help=_("whether you are focusing, and until when"))
    status.add_argument("--json", action="store_true")
    schedule = actions.add_parser("schedule", help=_("recurring focus blocks"))
    what = schedule.add_subparsers(dest="schedule_action", metavar="ACTION", required=True,
                                   parser_class=type(focus))
    add = what.add_parser("add", help=_("add one, e.g. 'mon-fri 09:00-11:00'"))
    add.add_argument("when", nargs="+", metavar="DAYS TIMES")
    add.add_argument("--tz", metavar="ZONE", help=_("its time zone (default: yours)"))
    what.add_parser("list", help=_("list the schedules"))
    remove = what.add_parser("remove", help=_("remove one by its id"))
    remove.add_argument("id")
    export = actions.add_parser("export-ics", help=_("write blocks and schedules to a calendar "
                                                      "file"))
    export.add_argument("file", type=Path)


def run(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    """The ``focus`` command: handed to the running window if there is one."""
    read_only = args.action in READ_ONLY or getattr(args, "schedule_action", "") == "list"
    if checked_only and read_only:
        return EXIT_OK
    if not checked_only:
        answer = _ask_window(args)
        if answer is not None:
            if answer.get("output"):
                sys.stdout.write(str(answer["output"]))
            if answer.get("error"):
                raise InvalidInput(str(answer["error"]))
            return int(answer.get("status", EXIT_OK))
    words = formatter(ctx)
    service = open_focus(ctx, _PrintNotifier(sys.stdout),
                         lambda moment: words.moment(moment, ctx.clock.now()))
    return execute(args, service, sys.stdout, checked_only=checked_only, locale=words.locale)


def execute(args: argparse.Namespace, service: FocusService, out: TextIO, *,
            checked_only: bool = False, locale: Locale | None = None) -> int:
    """Run one ``focus`` action on ``service``, writing what it says to ``out`` (times for
    ``locale``; default: the system's).

    Raises:
        InvalidInput: bad input; nothing was changed.
    """
    zone = ZoneInfo(service.zone)
    locale = locale or safe_locale(formatting_locale(system_language()))
    now = service.now()
    if args.action == "start":
        length = parse_length(args.length) if args.length else None
        until = parse_when(args.until, now, zone) if args.until else None
        if length is None and until is None:
            length = service.state().suggested
        if checked_only:
            new_session(now, length=length, until=until)  # refuses what start would refuse
            return EXIT_OK
        session = service.start(length=length, until=until)
        out.write(_("Focusing until {end}.").format(end=_clock(session.end, zone, locale)) + "\n")
    elif args.action == "stop":
        if checked_only:
            raise InvalidInput(_("You are not focusing; start a block first."))
        session = service.stop()
        out.write(_("Stopped focusing at {end}.").format(
            end=_clock(session.end, zone, locale)) + "\n")
    elif args.action == "extend":
        by = parse_length(args.length)
        if checked_only:
            raise InvalidInput(_("You are not focusing; start a block first."))
        session = service.extend(by)
        out.write(_("Focusing until {end}.").format(end=_clock(session.end, zone, locale)) + "\n")
    elif args.action == "status":
        _status(service, zone, locale, out, as_json=args.json)
    elif args.action == "schedule":
        _schedule(args, service, out, checked_only=checked_only)
    else:
        if not checked_only:
            count = write_ics(args.file, service.all_sessions(), service.schedules, now, zone)
            out.write(_("Wrote {count} events to {file}.").format(count=count, file=args.file)
                      + "\n")
    return EXIT_OK


def _status(service: FocusService, zone: ZoneInfo, locale: Locale, out: TextIO, *,
            as_json: bool) -> None:
    state = service.state()
    session = state.session
    suggested = int(state.suggested.total_seconds() // 60)
    if as_json:
        data = {
            "active": state.active,
            "started_at": _iso(session.start if session else None, zone),
            "ends_at": _iso(session.end if session else None, zone),
            "held": state.held,
            "next_breach_at": _iso(state.next_breach_at, zone),
            "suggested_max_minutes": suggested,
            "focus_minutes_today": service.minutes_today(),
            "desktop_quieted": state.desktop_quieted,
        }
        out.write(json.dumps(data, indent=2) + "\n")
        return
    if session is not None:
        out.write(_("Focusing until {end}; {held} held.").format(
            end=_clock(session.end, zone, locale), held=state.held) + "\n")
    else:
        out.write(_("Not focusing. You can focus for {minutes} minutes before the next reply "
                    "is due.").format(minutes=suggested) + "\n")


def _schedule(args: argparse.Namespace, service: FocusService, out: TextIO, *,
              checked_only: bool) -> None:
    if args.schedule_action == "add":
        if args.tz:
            zone_named(args.tz)
        if checked_only:
            service.check_schedule(" ".join(args.when), args.tz)
            return
        schedule = service.add_schedule(" ".join(args.when), args.tz)
        out.write(f"{schedule.id[:8]}  {schedule.text}  {schedule.zone}\n")
    elif args.schedule_action == "remove":
        if checked_only:
            raise InvalidInput(_("No focus schedule with id '{id}'; 'unhurried focus schedule "
                                 "list' shows the ids.").format(id=args.id))
        gone = service.remove_schedule(args.id)
        out.write(_("Removed {schedule}.").format(schedule=gone.text) + "\n")
    else:
        for schedule in service.schedules:
            out.write(f"{schedule.id[:8]}  {schedule.text}  {schedule.zone}\n")
        if not service.schedules:
            out.write(_("No focus schedules.") + "\n")


def execute_argv(argv: list[str], service: FocusService,
                 parse: Callable[[list[str]], argparse.Namespace],
                 locale: Locale | None = None) -> dict[str, Any] | None:
    """Run a ``focus`` command line forwarded from another process; ``None`` if not one
    (times are written for ``locale``, the window's)."""
    try:
        args = parse(argv)
    except Exception:
        return None
    if getattr(args, "command", None) != "focus":
        return None
    out = io.StringIO()
    try:
        status = execute(args, service, out, locale=locale)
    except InvalidInput as error:
        return {"status": EXIT_USAGE, "output": out.getvalue(), "error": error.message}
    return {"status": status, "output": out.getvalue()}


def _ask_window(args: argparse.Namespace) -> dict[str, Any] | None:
    from desktop.platform.single_instance import ask, server_path

    paths = resolve_paths(args.data_dir)
    if not paths.database.exists():
        return None
    return ask(server_path(APP_ID, paths.data_dir), _argv(args))


def _argv(args: argparse.Namespace) -> list[str]:
    """The command line again, without global options (the window has its own store)."""
    argv = ["focus", args.action]
    if args.action == "start":
        argv += ["--for", args.length] if args.length else []
        argv += ["--until", args.until] if args.until else []
    elif args.action == "extend":
        argv.append(args.length)
    elif args.action == "status":
        argv += ["--json"] if args.json else []
    elif args.action == "schedule":
        argv.append(args.schedule_action)
        if args.schedule_action == "add":
            argv += [*args.when, *(["--tz", args.tz] if args.tz else [])]
        elif args.schedule_action == "remove":
            argv.append(args.id)
    elif args.action == "export-ics":
        argv.append(str(args.file.resolve()))
    return argv


def _clock(value: datetime, zone: ZoneInfo, locale: Locale) -> str:
    """The weekday, time and zone in the user's language: ``Fri 5:00 PM CET``, ``Fr. 17:00 CET``."""
    return "{day} {time} {zone}".format(
        day=format_datetime(value, "EEE", tzinfo=zone, locale=locale),
        time=format_time(value, "short", tzinfo=zone, locale=locale),
        zone=value.astimezone(zone).tzname())


def _iso(value: datetime | None, zone: ZoneInfo) -> str | None:
    return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")


class _PrintNotifier:
    """Without the window, what would have been a notification (a digest after ``focus stop``)
    is printed."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def notify(self, notification: Notification) -> bool:
        self._out.write(f"{notification.title}\n{notification.body}\n")
        return True
