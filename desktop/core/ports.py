# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Protocols the core needs from the outside world; adapters in ``store`` and ``platform``
implement them, fakes in ``tests`` stand in for them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from desktop.core.requests import Request

if TYPE_CHECKING:
    from desktop.core.focus.log import HeldEntry, Interruption
    from desktop.core.focus.plan import FocusSchedule, FocusSession
    from desktop.core.health.decisions import Decision
    from desktop.core.health.measures import FocusSpan
    from desktop.core.health.measures import Interruption as MeasuredInterruption
    from desktop.core.meetings import MeetingEvent
    from desktop.core.queue.buckets import QueueEntry


class Clock(Protocol):
    """The source of the current time."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class RequestRepository(Protocol):
    """Where requests are kept. Every call is one transaction."""

    def get(self, request_id: str) -> Request | None:
        """The request with ``request_id``, deleted ones included; ``None`` if unknown."""
        ...

    def save(self, request: Request) -> None:
        """Insert or replace one request."""
        ...

    def save_many(self, requests: Iterable[Request]) -> None:
        """Insert or replace many requests in one transaction."""
        ...

    def active(self) -> list[Request]:
        """Every request that is neither done nor deleted."""
        ...

    def all(self, *, include_deleted: bool = False) -> list[Request]:
        """Every request, done ones included, oldest first."""
        ...

    def entries(self) -> list[QueueEntry]:
        """:meth:`active` as queue entries: far cheaper to read for a large queue."""
        ...

    def known_ids(self, request_ids: Iterable[str]) -> set[str]:
        """Those of ``request_ids`` that are stored (deleted ones too: a deletion is kept)."""
        ...

    def replace_unchanged(self, requests: Iterable[tuple[Request, Request]]) -> int:
        """Store each request (first of a pair) over its stored row only if that row is still
        as read (second of the pair), in one transaction; a row changed meanwhile (by the
        user, in another process) is kept. Returns how many were stored."""
        ...

    def insert_new(self, requests: Iterable[Request]) -> int:
        """Store those of ``requests`` whose id is not stored yet, in one transaction: the
        check and the write are one step, so a stored row (and what the user changed in it) is
        never replaced. Returns how many were stored."""
        ...

    def get_many(self, request_ids: Iterable[str]) -> list[Request]:
        """The requests with these ids (unknown ids are left out), in no particular order."""
        ...

    def search(self, query: str, limit: int = 200) -> list[str]:
        """Ids of requests that match a full-text ``query``, best first."""
        ...

    def search_hits(self, query: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, snippet) of the best full-text matches, the words found marked with [ ]."""
        ...

    def count(self) -> int:
        """How many requests exist (deleted ones excluded)."""
        ...

    def ids_starting(self, prefix: str, *, deleted: bool, limit: int) -> list[str]:
        """Up to ``limit`` ids that start with ``prefix`` (lower-case hex), in id order: of
        deleted requests, or of the rest."""
        ...

    def deleted(self) -> list[Request]:
        """The deleted requests (kept as tombstones), the latest deleted first."""
        ...


class SettingsStore(Protocol):
    """Where the user's settings are kept, as their text forms."""

    def values(self) -> Mapping[str, str]:
        """Every stored setting, key to text value."""
        ...

    def put(self, values: Mapping[str, str]) -> None:
        """Store several settings in one transaction."""
        ...


class SecretStore(Protocol):
    """Where passwords live (the system keyring); never the database, logs or exports."""

    def get(self, account: str) -> str | None:
        """The password stored for ``account`` (e.g. ``imap:me@host``), or ``None``."""
        ...

    def put(self, account: str, secret: str) -> None:
        """Store ``secret`` for ``account``.

        Raises:
            desktop.core.errors.SecretsUnavailable: no keyring to keep it in; the caller keeps
                the secret for this run only and tells the user why.
        """
        ...

    def delete(self, account: str) -> None:
        """Forget the password for ``account`` (nothing happens if there is none)."""
        ...


# -- measures (calendar, decisions, focus history) ------------------------------------------------


class CalendarRepository(Protocol):
    """Where imported calendar events are kept. Every call is one transaction."""

    def replace_calendar(self, calendar_id: str, events: Iterable[MeetingEvent]) -> int:
        """Drop every event of ``calendar_id`` and store ``events`` instead; returns how many."""
        ...

    def between(self, start: datetime, end: datetime) -> list[MeetingEvent]:
        """Events of every calendar that overlap ``[start, end)``, by start."""
        ...


class DecisionRepository(Protocol):
    """Where decisions are kept. Every call is one transaction."""

    def get(self, decision_id: str) -> Decision | None:
        """The decision with this id, or ``None``."""
        ...

    def save(self, decision: Decision) -> None:
        """Insert or replace one decision."""
        ...

    def delete(self, decision_id: str) -> None:
        """Remove one decision (nothing happens if it is unknown)."""
        ...

    def all(self) -> list[Decision]:
        """Every decision, oldest first."""
        ...


class FocusHistory(Protocol):
    """Past focus blocks and the interruptions logged during them, for the measures."""

    def spans(self, start: datetime, end: datetime) -> list[FocusSpan]:
        """Focus blocks overlapping ``[start, end)``: start to actual end (planned end while
        a block still runs)."""
        ...

    def interruptions(self, start: datetime, end: datetime) -> list[MeasuredInterruption]:
        """Interruptions logged in ``[start, end)``."""
        ...


class ReplyHistory(Protocol):
    """Requests for the reply measures, read without loading the whole queue."""

    def due_or_done_between(self, start: datetime, end: datetime) -> list[Request]:
        """Requests (not deleted) whose reply-by or done time lies in ``[start, end)``."""
@dataclass(frozen=True, slots=True)
class Notification:
    """A desktop notification: what to show, and which requests it is about.

    ``kind`` is ``breakthrough``, ``release``, ``digest`` or ``arrived`` (outside focus);
    clicking one opens the window on ``request_ids``.
    """

    title: str
    body: str
    request_ids: tuple[str, ...] = ()
    kind: str = "arrived"
    urgent: bool = False


class Notifier(Protocol):
    """Shows notifications (desktop server, tray balloon, or the window's own banner)."""

    def notify(self, notification: Notification) -> bool:
        """Show ``notification``; whether some backend took it."""
        ...


class FocusRequests(Protocol):
    """What the focus service reads about requests."""

    def next_due(self, now: datetime) -> Request | None:
        """The open, not snoozed request whose reply-by comes next after ``now``."""
        ...

    def get_many(self, request_ids: Iterable[str]) -> list[Request]:
        """The requests with these ids (unknown ids are left out)."""
        ...

    def versions(self) -> Mapping[str, str]:
        """Id to a version stamp (``modified_at`` as text) of every active request: cheap to
        read, to find what changed."""
        ...


class FocusRepository(Protocol):
    """Where focus blocks, schedules, held requests and the interruption log are kept."""

    def sessions(self, since: datetime | None = None) -> list[FocusSession]:
        """Blocks not deleted that end after ``since`` (all when ``None``), oldest first."""
        ...

    def save_session(self, session: FocusSession) -> None:
        """Insert or replace one block."""
        ...

    def schedules(self) -> list[FocusSchedule]:
        """Recurring schedules, deleted ones left out."""
        ...

    def save_schedule(self, schedule: FocusSchedule) -> None:
        """Insert or replace one schedule (a deletion is a tombstone)."""
        ...

    def held(self) -> list[HeldEntry]:
        """Requests held for the digest."""
        ...

    def hold(self, entries: Iterable[HeldEntry]) -> None:
        """Hold requests (again, replacing their breach time)."""
        ...

    def release(self, request_ids: Iterable[str], log: Iterable[Interruption]) -> None:
        """Stop holding requests and append to the interruption log, in one transaction."""
        ...

    def interruptions(self, since: datetime) -> list[Interruption]:
        """Log entries at or after ``since``, oldest first."""
        ...
