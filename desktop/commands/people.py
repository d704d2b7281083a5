# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried person list``, ``person show ADDR_OR_HANDLE`` and ``person set ADDR``: the people
directory (:mod:`desktop.core.people`).

``show`` and ``list`` print ``name``, ``addresses``, ``zone``, ``hours`` and ``learned_from``
(where each value came from: ``user`` for an edit, else ``slack``, ``calendar`` or
``mail-date``). ``set`` stores the user's own values, which nothing learned overwrites; an
unknown zone or unreadable hours exit 2 with one line and change nothing.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from desktop.commands import SubParsers, command
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.people import Person, local_clock, parse_hours, parse_zone_name
from desktop.core.requests import parse_channel
from desktop.wiring.services import Context, open_people


def register(sub: SubParsers) -> None:
    """Add ``person``."""
    person = command(sub, "person", _cmd_list, writes=False,
                     help=_("the people requests come from: zones, hours, addresses"))
    actions = person.add_subparsers(dest="person_action", metavar="ACTION")
    listing = actions.add_parser("list", help=_("list everyone in the directory"))
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help=_("show one person"))
    show.add_argument("address", metavar="ADDR_OR_HANDLE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_cmd_show)
    change = actions.add_parser("set", help=_("set a person's zone, hours or name (your "
                                              "values win over learned ones)"))
    change.add_argument("address", metavar="ADDR")
    change.add_argument("--zone", metavar="ZONE", help=_("an IANA zone, e.g. America/New_York"))
    change.add_argument("--hours", metavar="SPEC", help=_("e.g. mon-fri 09:00-17:00"))
    change.add_argument("--name", metavar="NAME")
    change.add_argument("--channel", metavar="email|chat|tracker|manual",
                        help=_("how they prefer to be answered (status --for uses it)"))
    change.set_defaults(handler=_cmd_set, writes=True)


def person_json(person: Person, now: datetime) -> dict[str, Any]:
    """A person as the JSON object of ``person show --json``."""
    clock = local_clock(person, now)
    return {
        "key": person.key, "name": person.name, "addresses": list(person.addresses),
        "zone": person.zone or None, "hours": person.hours or None,
        "channel": person.channel or None,
        "learned_from": {field: source.value for field, source in person.sources},
        "local_time": clock.local.isoformat(timespec="minutes") if clock else None,
    }


def _cmd_list(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    people = open_people(ctx).all()
    now = ctx.queue.now()
    if getattr(args, "json", False):
        print(json.dumps([person_json(p, now) for p in people], ensure_ascii=False, indent=2))
        return 0
    if not people:
        print(_("Nobody yet: people are learned from imports, or added with 'unhurried "
                "person set'."))
    for person in people:
        print(f"{person.key[:32]:<32}  {person.zone or '-':<20}  {person.hours or '-':<22}  "
              f"{person.name}")
    return 0


def _cmd_show(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    person = open_people(ctx).find(args.address)
    if person is None:
        raise InvalidInput(_("Nobody with the address or handle '{address}'; 'unhurried "
                             "person list' shows who is known.").format(address=args.address))
    data = person_json(person, ctx.queue.now())
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for key, value in data.items():
            if value not in (None, [], {}, ""):
                print(f"{key:>12}: {value}")
    return 0


def _cmd_set(args: argparse.Namespace, ctx: Context, *, checked_only: bool) -> int:
    if args.zone is None and args.hours is None and args.name is None and args.channel is None:
        raise InvalidInput(_("Give --zone, --hours, --name or --channel."))
    if args.channel is not None:
        parse_channel(args.channel)
    if args.zone is not None:
        parse_zone_name(args.zone)
    if args.hours is not None:
        parse_hours(args.hours)
    if checked_only:
        return 0
    person = open_people(ctx).edit(args.address, zone=args.zone, hours=args.hours,
                                   name=args.name, channel=args.channel)
    print(person.key)
    return 0
