# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An honest status message from the response-time policy: what a sender can expect.

"Focusing until 11:30 UTC. I answer chat within 1 business day, so your message from 10:05
gets a reply by Wed 10:05 UTC." Times are formatted by the caller (locale and the reader's
zone are presentation), so this stays pure.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop.core.calendar import BusinessCalendar
from desktop.core.i18n import N_, _, ngettext
from desktop.core.policy import ResponsePolicy, Target, TargetUnit
from desktop.core.requests import Channel, Priority

_PROMISES = {  # one whole sentence per channel, so translations need not bend a noun
    Channel.CHAT: N_("I answer chat within {target}, so your message from {arrived} gets a "
                     "reply by {reply_by}."),
    Channel.EMAIL: N_("I answer email within {target}, so your mail from {arrived} gets a "
                      "reply by {reply_by}."),
    Channel.TRACKER: N_("I answer tracker comments within {target}, so your comment from "
                        "{arrived} gets a reply by {reply_by}."),
    Channel.MANUAL: N_("I answer requests within {target}, so yours from {arrived} gets a "
                       "reply by {reply_by}."),
}

Moment = Callable[[datetime], str]
"""Formats an instant for the reader, with its zone: ``Wed 10:05 UTC``."""


def describe_target(target: Target) -> str:
    """``1 business day``, ``4 business hours``, ``48 hours``."""
    amount = target.amount
    count = int(amount) if amount == int(amount) else 2  # plural form for fractions
    text = str(target)[: -len(target.unit.value)]
    if target.unit is TargetUnit.BUSINESS_DAYS:
        return ngettext("{n} business day", "{n} business days", count).format(n=text)
    if target.unit is TargetUnit.BUSINESS_HOURS:
        return ngettext("{n} business hour", "{n} business hours", count).format(n=text)
    return ngettext("{n} hour", "{n} hours", count).format(n=text)


def status_message(
    policy: ResponsePolicy,
    calendar: BusinessCalendar,
    now: datetime,
    channel: Channel,
    moment: Moment,
    clock_time: Moment,
    focus_until: datetime | None = None,
) -> str:
    """The message to post or set as a chat status, for a message arriving ``now``.

    ``moment`` formats the reply-by (day and time with zone); ``clock_time`` the focus end and
    the arrival (time with zone).
    """
    target = policy.target_for(channel, Priority.NORMAL)
    budget = target.duration(calendar.day_length)
    reply_by = calendar.add(now, budget) if target.unit.is_business else now + budget
    promise = _(_PROMISES[channel]).format(
        target=describe_target(target), arrived=clock_time(now), reply_by=moment(reply_by))
    if focus_until is None or focus_until <= now:
        return promise
    return _("Focusing until {end}.").format(end=clock_time(focus_until)) + " " + promise
