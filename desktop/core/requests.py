# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A request in the queue, and the transitions a user can make on it.

Each transition is a pure function of the request and ``now``; it returns a new request with
``modified_at`` set, ready for the repository to store (and, later, to sync).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _


class Channel(Enum):
    """Where a request came from; the policy sets a target per channel."""

    EMAIL = "email"
    CHAT = "chat"
    TRACKER = "tracker"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        """Untranslated label (pass it through ``_`` to show it)."""
        return _CHANNEL_LABELS[self]


class Priority(Enum):
    """How soon a request needs an answer; ``URGENT`` breaks through focus."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        """Untranslated label (pass it through ``_`` to show it)."""
        return _PRIORITY_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for low up to 3 for urgent, for sorting."""
        return list(Priority).index(self)


class State(Enum):
    """Where a request stands. Snoozing is not a state: it only hides an open request."""

    OPEN = "open"
    WAITING = "waiting"
    DONE = "done"


_CHANNEL_LABELS = {
    Channel.EMAIL: N_("Email"),
    Channel.CHAT: N_("Chat"),
    Channel.TRACKER: N_("Tracker"),
    Channel.MANUAL: N_("Manual"),
}
_PRIORITY_LABELS = {
    Priority.LOW: N_("Low"),
    Priority.NORMAL: N_("Normal"),
    Priority.HIGH: N_("High"),
    Priority.URGENT: N_("Urgent"),
}


def parse_channel(text: str) -> Channel:
    """Read a channel name.

    Raises:
        InvalidInput: unknown name; the message lists the accepted ones.
    """
    try:
        return Channel(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown channel '{value}'; use one of: {accepted}.").format(
                value=text, accepted=", ".join(c.value for c in Channel)
            )
        ) from None


def parse_priority(text: str) -> Priority:
    """Read a priority name.

    Raises:
        InvalidInput: unknown name; the message lists the accepted ones.
    """
    try:
        return Priority(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown priority '{value}'; use one of: {accepted}.").format(
                value=text, accepted=", ".join(p.value for p in Priority)
            )
        ) from None


@dataclass(frozen=True, slots=True)
class Pause:
    """A stretch of "waiting on others" during which the reply-by clock stood still."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """One incoming request. Times are timezone-aware UTC.

    ``reply_by`` is derived from the policy, the calendar and the pauses (see
    :mod:`desktop.core.deadlines`) and stored so lists can be sorted without deriving it again;
    it is ``None`` while the clock is paused. ``due`` is a deadline the user set by hand, which
    then replaces the policy's. ``deleted_at`` keeps a tombstone so deletions can be undone and
    synced.
    """

    id: str
    subject: str
    received_at: datetime
    modified_at: datetime
    sender: str = ""
    body: str = ""
    links: tuple[str, ...] = ()
    channel: Channel = Channel.MANUAL
    priority: Priority = Priority.NORMAL
    state: State = State.OPEN
    source: str = "manual"
    external_id: str | None = None
    snoozed_until: datetime | None = None
    pauses: tuple[Pause, ...] = field(default=())
    due: datetime | None = None
    reply_by: datetime | None = None
    done_at: datetime | None = None
    deleted_at: datetime | None = None
    follow_up_at: datetime | None = None
    """While waiting on others: when to follow up if no answer came (the Follow up group)."""

    def is_snoozed(self, now: datetime) -> bool:
        """Whether the request is hidden by a snooze that has not run out at ``now``."""
        return self.snoozed_until is not None and self.snoozed_until > now

    def status(self, now: datetime) -> str:
        """``open``, ``snoozed``, ``waiting``, ``follow-up`` or ``done``: the state as the user
        sees it."""
        if self.state is State.OPEN and self.is_snoozed(now):
            return "snoozed"
        if self.needs_follow_up(now):
            return "follow-up"
        return self.state.value

    def needs_follow_up(self, now: datetime) -> bool:
        """Whether the request waits on others and its follow-up time has come."""
        return (self.state is State.WAITING and self.follow_up_at is not None
                and self.follow_up_at <= now)


def sender_is(sender: str, names: Iterable[str]) -> bool:
    """Whether ``sender`` (``Name <address>`` or a bare address or id) is one of ``names``,
    compared without case, by the whole text or by the address alone."""
    whole = sender.casefold().strip()
    address = whole.rpartition("<")[2].rstrip(">").strip()
    return any(name.casefold() in (whole, address) for name in names)


def new_id() -> str:
    """A stable random id (UUID4, hex) that stays the same on every device."""
    import uuid  # here: importing uuid imports platform, 10 ms of every start

    return uuid.uuid4().hex


def mark_done(request: Request, now: datetime) -> Request:
    """Close the request; a running pause ends now."""
    return replace(
        request,
        state=State.DONE,
        done_at=now,
        snoozed_until=None,
        follow_up_at=None,
        pauses=_closed_pauses(request.pauses, now),
        modified_at=now,
    )


def reopen(request: Request, now: datetime) -> Request:
    """Put a done request back into the queue."""
    return replace(request, state=State.OPEN, done_at=None, modified_at=now)


def start_waiting(request: Request, now: datetime,
                  follow_up_at: datetime | None = None) -> Request:
    """Waiting on others: the reply-by clock pauses from ``now``; at ``follow_up_at`` (if
    given) the request comes back to be followed up. Waiting again only sets a new follow-up.

    Raises:
        InvalidInput: ``follow_up_at`` is not in the future.
    """
    if follow_up_at is not None and follow_up_at <= now:
        raise InvalidInput(_("A follow-up must be in the future."))
    if request.state is State.WAITING:
        if follow_up_at is None or follow_up_at == request.follow_up_at:
            return request
        return replace(request, follow_up_at=follow_up_at, modified_at=now)
    return replace(
        request,
        state=State.WAITING,
        pauses=(*request.pauses, Pause(now)),
        snoozed_until=None,
        follow_up_at=follow_up_at,
        modified_at=now,
    )


def resume(request: Request, now: datetime) -> Request:
    """End a wait: the reply-by clock continues with the time it had left."""
    if request.state is not State.WAITING:
        return request
    return replace(
        request, state=State.OPEN, pauses=_closed_pauses(request.pauses, now),
        follow_up_at=None, modified_at=now,
    )


def snooze(request: Request, until: datetime, now: datetime) -> Request:
    """Hide the request until ``until``. The reply-by does not move.

    Raises:
        InvalidInput: ``until`` is not in the future.
    """
    if until <= now:
        raise InvalidInput(_("A snooze must end in the future."))
    return replace(request, snoozed_until=until, modified_at=now)


def snooze_hides_lateness(request: Request, until: datetime, now: datetime) -> bool:
    """Whether snoozing until ``until`` hides the request past its reply-by, or hides one
    already overdue; the window asks first and the command line warns."""
    reply_by = request.reply_by
    return (request.state is State.OPEN and reply_by is not None
            and (reply_by <= now or until > reply_by))


def unsnooze(request: Request, now: datetime) -> Request:
    """Show a snoozed request again now."""
    return replace(request, snoozed_until=None, modified_at=now)


def set_priority(request: Request, priority: Priority, now: datetime) -> Request:
    """Change the priority (the reply-by is derived again by the caller)."""
    return replace(request, priority=priority, modified_at=now)


def delete(request: Request, now: datetime) -> Request:
    """Mark the request deleted; it stays as a tombstone that can be restored."""
    return replace(request, deleted_at=now, modified_at=now)


def restore(request: Request, now: datetime) -> Request:
    """Undo a deletion."""
    return replace(request, deleted_at=None, modified_at=now)


def _closed_pauses(pauses: tuple[Pause, ...], now: datetime) -> tuple[Pause, ...]:
    if pauses and pauses[-1].end is None:
        return (*pauses[:-1], Pause(pauses[-1].start, now))
    return pauses
