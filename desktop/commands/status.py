# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried status``: a status message from the reply policy, for a channel or a person."""

from __future__ import annotations

import argparse
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from desktop.commands import SubParsers, command
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _, ngettext
from desktop.core.queue.buckets import overdue_counts
from desktop.core.queue.status import status_message
from desktop.core.requests import Channel, parse_channel
from desktop.core.settings import parse_zone
from desktop.wiring.services import Context

from desktop.ui.common.formatting import safe_locale


def register(sub: SubParsers) -> None:
    """Add ``status``."""
    status = command(sub, "status", _cmd_status, writes=False,
                     help=_("print a status message from your reply policy"))
    status.add_argument("--for", dest="channel", default="chat",
                        help=_("channel: email, chat, tracker or manual (default chat), or a "
                               "person's address or handle (their channel and zone)"))
    status.add_argument("--tz", help=_("the reader's time zone (default: yours)"))


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
    return 0
