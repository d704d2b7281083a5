# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The words of focus notifications: one request let through and why, several that arrived,
and the digest. Times are formatted by an injected :data:`Moment`, so this stays pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from desktop.core.focus.blocks import Digest, Reason
from desktop.core.i18n import _, ngettext
from desktop.core.ports import Notification
from desktop.core.requests import Request

Moment = Callable[[datetime], str]
"""Formats a reply-by for the user: ``11:40`` today, ``Thu 11:40`` on another day."""

MAX_LINES = 8
"""Requests listed in one notification; the rest are counted."""


def why(request: Request, reason: Reason, moment: Moment) -> str:
    """Why ``request`` came through: ``due 11:40, before your focus ends``."""
    due = moment(request.reply_by) if request.reply_by is not None else None
    if reason is Reason.DUE_BEFORE_END and due:
        return _("due {time}, before your focus ends").format(time=due)
    if reason is Reason.NEAR_DEADLINE and due:
        return _("due {time}: its reply-by is close").format(time=due)
    if reason is Reason.URGENT:
        return _("urgent")
    if reason is Reason.ALLOWED_SENDER:
        return _("{sender} is on your allow-list").format(sender=request.sender)
    if due:
        return _("reply by {time}").format(time=due)
    return _(reason.label)


def line(request: Request, moment: Moment) -> str:
    """``Anna: Q3 budget (reply by 11:40)`` for a list."""
    who = request.sender.split("<")[0].strip() or _("Someone")
    if request.reply_by is None:
        return _("{sender}: {subject}").format(sender=who, subject=request.subject)
    return _("{sender}: {subject} (reply by {time})").format(
        sender=who, subject=request.subject, time=moment(request.reply_by))


def single(request: Request, reason: Reason, moment: Moment, kind: str) -> Notification:
    """One request let through, with the reason."""
    who = request.sender.split("<")[0].strip() or _("Someone")
    title = _("{sender}: {subject}").format(sender=who, subject=request.subject)
    return Notification(title, why(request, reason, moment), (request.id,), kind,
                        urgent=reason is Reason.URGENT)


def several(requests: Sequence[Request], moment: Moment, kind: str,
            reason: Reason | None = None) -> Notification:
    """Several requests in one notification (arrived together, or released together)."""
    if kind == "arrived":
        title = ngettext("{count} new request", "{count} new requests",
                         len(requests)).format(count=len(requests))
    else:
        title = ngettext("{count} request came through", "{count} requests came through",
                         len(requests)).format(count=len(requests))
        if reason is not None:
            title += " — " + _(reason.label)
    return Notification(title, _listing(requests, moment), tuple(r.id for r in requests), kind,
                        urgent=reason is Reason.URGENT)


def digest(held: Digest, moment: Moment) -> Notification:
    """``5 requests held — 2 due today``, the requests soonest reply-by first."""
    return Notification(held.title(), _listing(held.requests, moment),
                        tuple(r.id for r in held.requests), "digest")


def _listing(requests: Sequence[Request], moment: Moment) -> str:
    lines = [line(r, moment) for r in requests[:MAX_LINES]]
    rest = len(requests) - MAX_LINES
    if rest > 0:
        lines.append(ngettext("and {count} more", "and {count} more", rest).format(count=rest))
    return "\n".join(lines)


OPEN, SNOOZE, REPLY, DEFAULT = "open", "snooze", "reply", "default"
"""Keys of a notification's actions; ``default`` is a click on the notification itself."""
SNOOZE_FOR = timedelta(hours=1)
"""How long the "Snooze 1 h" action hides requests."""


def actions_for(notification: Notification) -> list[str]:
    """The freedesktop ``Notify`` actions (key, label, key, label, …): "Open all" on a
    digest; "Open" and "Snooze 1 h" on the rest, and "Reply" on one about a single request."""
    if not notification.request_ids:
        return []
    if notification.kind == "digest":
        return [DEFAULT, _("Open all"), OPEN, _("Open all")]
    actions = [DEFAULT, _("Open"), OPEN, _("Open"), SNOOZE, _("Snooze 1 h")]
    if len(notification.request_ids) == 1:
        actions += [REPLY, _("Reply")]
    return actions
