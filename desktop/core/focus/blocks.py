# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus blocks and what happens to notifications during them: the policy, no timers.

During a block a notification about a request is held unless it must not wait: an urgent
request, a sender on the allow-list, or a request whose reply-by (less a margin) comes before
the block ends. A held request is released on its own the moment its reply-by comes that
close (the block may have been extended, or the reply-by moved); the rest go out together as
one digest when the block ends or at a set delivery time. Outside focus, notifications are
coalesced to at most one per interval.

Everything takes the current time as an argument; the platform layer owns the clock and the
timers and asks :meth:`HeldRequests.next_release` when to wake up.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _, ngettext
from desktop.core.requests import Priority, Request, State, sender_is

DEFAULT_MARGIN = timedelta(minutes=30)
UNBOUNDED = timedelta(hours=4)
"""The block suggested when no reply-by limits it."""


class Reason(Enum):
    """Why a notification went out."""

    OUTSIDE_FOCUS = "outside-focus"
    URGENT = "urgent"
    ALLOWED_SENDER = "allowed-sender"
    DUE_BEFORE_END = "due-before-end"
    NEAR_DEADLINE = "near-deadline"
    DIGEST = "digest"

    @property
    def label(self) -> str:
        """Untranslated label (pass it through ``_`` to show it)."""
        return _REASON_LABELS[self]


_REASON_LABELS = {
    Reason.OUTSIDE_FOCUS: N_("not focusing"),
    Reason.URGENT: N_("urgent"),
    Reason.ALLOWED_SENDER: N_("sender on your allow-list"),
    Reason.DUE_BEFORE_END: N_("due before your focus ends"),
    Reason.NEAR_DEADLINE: N_("its reply-by is close"),
    Reason.DIGEST: N_("focus digest"),
}


@dataclass(frozen=True, slots=True)
class FocusBlock:
    """A stretch of protected time, ``start`` to ``end``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput(_("A focus block must end after it starts."))

    def covers(self, moment: datetime) -> bool:
        """Whether ``moment`` lies inside the block."""
        return self.start <= moment < self.end

    def extended(self, by: timedelta) -> FocusBlock:
        """The block made longer (or shorter, never ending before it starts)."""
        return FocusBlock(self.start, self.end + by)

    def ended_at(self, moment: datetime) -> FocusBlock:
        """The block stopped early at ``moment``."""
        return FocusBlock(self.start, max(min(moment, self.end), self.start + _TICK))


_TICK = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class FocusPolicy:
    """The user's rules for breaking through focus."""

    margin: timedelta = DEFAULT_MARGIN
    allowed_senders: frozenset[str] = frozenset()
    """Addresses or names whose messages always come through."""

    def reason_to_release(self, request: Request, block: FocusBlock | None,
                          now: datetime) -> Reason | None:
        """Why a notification about ``request`` goes out now; ``None``: hold it."""
        if block is None or not block.covers(now):
            return Reason.OUTSIDE_FOCUS
        if request.priority is Priority.URGENT:
            return Reason.URGENT
        if sender_is(request.sender, self.allowed_senders):
            return Reason.ALLOWED_SENDER
        breach = self.breach_at(request)
        if breach is not None and breach < block.end:
            return Reason.DUE_BEFORE_END
        return None

    def breach_at(self, request: Request) -> datetime | None:
        """When a held request must come through: its reply-by less the margin."""
        return None if request.reply_by is None else request.reply_by - self.margin


@dataclass(slots=True)
class HeldRequests:
    """Requests held during focus, ordered by when each must come through.

    Holding and releasing cost ``O(log n)``; moving the clock costs only the releases.
    """

    _heap: list[tuple[datetime, str]] = field(default_factory=list)
    _held: dict[str, datetime | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._held)

    def __contains__(self, request_id: object) -> bool:
        return request_id in self._held

    def hold(self, request_id: str, breach_at: datetime | None) -> None:
        """Hold a request (again, with a new breach time if it changed)."""
        self._held[request_id] = breach_at
        if breach_at is not None:
            heapq.heappush(self._heap, (breach_at, request_id))

    def drop(self, request_id: str) -> None:
        """Forget a request (done or deleted meanwhile)."""
        self._held.pop(request_id, None)

    def due(self, now: datetime) -> list[str]:
        """Release and return the held requests whose breach time has come, soonest first."""
        out: list[str] = []
        while self._heap and self._heap[0][0] <= now:
            breach, request_id = heapq.heappop(self._heap)
            if self._held.get(request_id, _GONE) == breach:  # not dropped nor held anew
                del self._held[request_id]
                out.append(request_id)
        return out

    def next_release(self) -> datetime | None:
        """When :meth:`due` will next have something, if ever."""
        while self._heap and self._held.get(self._heap[0][1], _GONE) != self._heap[0][0]:
            heapq.heappop(self._heap)  # stale entries of dropped or re-held requests
        return self._heap[0][0] if self._heap else None

    def ids(self) -> list[str]:
        """The held ids, in the order they were first held."""
        return list(self._held)

    def drain(self) -> list[str]:
        """Release everything (the digest); ids in the order they were first held."""
        out = list(self._held)
        self._held.clear()
        self._heap.clear()
        return out


_GONE = datetime.min


@dataclass(frozen=True, slots=True)
class Digest:
    """Held requests released together, soonest reply-by first."""

    requests: tuple[Request, ...]
    due_today: int

    @classmethod
    def of(cls, requests: Iterable[Request], end_of_today: datetime) -> Digest:
        """The digest of ``requests``; those done meanwhile are left out."""
        still_open = [r for r in requests if r.state is not State.DONE and r.deleted_at is None]
        far = datetime.max.replace(tzinfo=end_of_today.tzinfo)
        ordered = tuple(sorted(still_open, key=lambda r: (r.reply_by or far, r.id)))
        today = sum(1 for r in ordered if r.reply_by is not None and r.reply_by < end_of_today)
        return cls(ordered, today)

    def title(self) -> str:
        """``5 requests held — 2 due today``."""
        return _("{held} held — {today} due today").format(
            held=_plural_requests(len(self.requests)), today=self.due_today)


def _plural_requests(count: int) -> str:
    return ngettext("{count} request", "{count} requests", count).format(count=count)


@dataclass(slots=True)
class Coalescer:
    """Outside focus: at most one notification per ``interval``, listing what arrived."""

    interval: timedelta
    _last_sent: datetime | None = None
    _pending: list[str] = field(default_factory=list)

    def offer(self, request_id: str, now: datetime) -> list[str]:
        """Queue a notification; returns the ids to notify about now (maybe none)."""
        if request_id not in self._pending:
            self._pending.append(request_id)
        return self.tick(now)

    def tick(self, now: datetime) -> list[str]:
        """Send what is pending if the interval has passed since the last notification."""
        if not self._pending:
            return []
        if self._last_sent is not None and now - self._last_sent < self.interval:
            return []
        out, self._pending = self._pending, []
        self._last_sent = now
        return out

    def next_send(self) -> datetime | None:
        """When :meth:`tick` will send what is pending."""
        if not self._pending or self._last_sent is None:
            return None
        return self._last_sent + self.interval


def suggested_length(requests: Sequence[Request], now: datetime,
                     margin: timedelta = DEFAULT_MARGIN) -> tuple[timedelta, Request | None]:
    """How long the user can focus before the next reply falls due (less ``margin``), and
    the request that bounds it; ``(0, request)`` when one is already that close."""
    ahead = [r for r in requests
             if r.reply_by is not None and r.state is State.OPEN and r.deleted_at is None
             and not r.is_snoozed(now) and r.reply_by > now]
    if not ahead:
        return UNBOUNDED, None
    first = min(ahead, key=lambda r: (r.reply_by, r.id))
    assert first.reply_by is not None
    return max(first.reply_by - margin - now, timedelta(0)), first
