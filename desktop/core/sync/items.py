# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Syncing between devices, the pure part: what a synced item is made of, how two changed
copies merge, and what a sync reports. No I/O; the CalDAV engine lives in ``desktop.sync``.

**Fields.** A request is synced as a handful of *fields* (:func:`request_fields`), each a
JSON-able value. Values that only make sense together travel as one field: ``status`` holds the
state, the done time and the pauses, so a merge can never mark a request done while a pause is
still running. ``reply_by`` is not a field: every device derives it from the (synced) settings.

**Merge** (:func:`merge`). The engine keeps, per item, the fields as they were at the last
sync (the *base*). A field changed on one side only takes that side's value. A field changed
on both sides to different values is a conflict: the side changed later (``modified_at`` here,
``LAST-MODIFIED`` on the server) wins, and the other value is returned as a :class:`Conflict`
for the item's history. On a tie the server wins, so every device reaches the same result.
A field the server copy does not state (another client dropped the ``X-UNHURRIED-*``
properties) counts as unchanged there.

**Deletions.** A deletion is a change too: a request deleted here and edited on the server
stays deleted when the deletion is later, and comes back otherwise (both are reported). A
request deleted on the server but changed here since the last sync is kept and sent again; one
not changed here becomes a tombstone that can be restored for :data:`RESTORE_DAYS` days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Protocol, TypeVar

from desktop.core.requests import Channel, Pause, Priority, Request, State

RESTORE_DAYS = 30
RESTORE_WINDOW = timedelta(days=RESTORE_DAYS)

E = TypeVar("E", bound=Enum)
Fields = dict[str, Any]
"""Field name to a JSON-able value (times as ISO 8601 text, UTC)."""

REQUEST_FIELDS = ("subject", "sender", "body", "links", "channel", "priority", "status",
                  "snoozed_until", "due", "source", "external_id", "received_at")
"""The fields of a request that sync, in a stable order."""

FOCUS_FIELDS = ("start", "end", "title")
"""The fields of a focus block that sync."""


def stamp(value: datetime | None) -> str | None:
    """A time as the ISO text used in fields (whole seconds, as the store keeps them)."""
    return None if value is None else value.isoformat(timespec="seconds")


def unstamp(value: str | None) -> datetime | None:
    """The time of a field value written by :func:`stamp`."""
    return None if value is None else datetime.fromisoformat(value)


def request_fields(request: Request) -> Fields:
    """The synced fields of ``request``."""
    return {
        "subject": request.subject,
        "sender": request.sender,
        "body": request.body,
        "links": list(request.links),
        "channel": request.channel.value,
        "priority": request.priority.value,
        "status": [request.state.value, stamp(request.done_at),
                   [[stamp(p.start), stamp(p.end)] for p in request.pauses]],
        "snoozed_until": stamp(request.snoozed_until),
        "due": stamp(request.due),
        "source": request.source,
        "external_id": request.external_id,
        "received_at": stamp(request.received_at),
    }


def request_from_fields(request_id: str, values: Mapping[str, Any], modified_at: datetime,
                        deleted_at: datetime | None = None) -> Request:
    """A request made of synced fields (its reply-by still to derive).

    Values that cannot be read fall back to the defaults of a manual request, so an item from
    another client never fails on one odd value.
    """
    state_text, done_text, pause_list = values.get("status") or ["open", None, []]
    received = unstamp(values.get("received_at")) or modified_at
    return Request(
        id=request_id,
        subject=str(values.get("subject") or ""),
        received_at=received,
        modified_at=modified_at,
        sender=str(values.get("sender") or ""),
        body=str(values.get("body") or ""),
        links=tuple(str(link) for link in values.get("links") or ()),
        channel=_enum(Channel, values.get("channel"), Channel.MANUAL),
        priority=_enum(Priority, values.get("priority"), Priority.NORMAL),
        state=_enum(State, state_text, State.OPEN),
        source=str(values.get("source") or "manual"),
        external_id=values.get("external_id") or None,
        snoozed_until=unstamp(values.get("snoozed_until")),
        pauses=tuple(Pause(start, unstamp(end)) for s, end in pause_list
                     if (start := unstamp(s)) is not None),
        due=unstamp(values.get("due")),
        done_at=unstamp(done_text),
        deleted_at=deleted_at,
    )


def _enum(kind: type[E], value: object, default: E) -> E:
    try:
        return kind(value)
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class FocusRecord:
    """A focus block as it is stored and synced: a stable id, times, a tombstone."""

    id: str
    start: datetime
    end: datetime
    modified_at: datetime
    title: str = ""
    deleted_at: datetime | None = None


def focus_fields(record: FocusRecord) -> Fields:
    """The synced fields of a focus block."""
    return {"start": stamp(record.start), "end": stamp(record.end), "title": record.title}


def focus_from_fields(record_id: str, values: Mapping[str, Any], modified_at: datetime,
                      deleted_at: datetime | None = None) -> FocusRecord:
    """A focus block made of synced fields."""
    start = unstamp(values["start"])
    end = unstamp(values["end"])
    assert start is not None
    assert end is not None
    return FocusRecord(record_id, start, end, modified_at, str(values.get("title") or ""),
                       deleted_at)


class FocusBlockStore(Protocol):
    """Where focus blocks are kept (implemented beside the focus feature's own table).

    Every block has a stable id, ``modified_at`` set on every change, and a deletion is kept
    as a tombstone (``deleted_at``) so it can be synced.
    """

    def changed_since(self, since: datetime | None) -> list[FocusRecord]:
        """Blocks (tombstones included) with ``modified_at`` after ``since``; all if ``None``."""
        ...

    def get(self, block_id: str) -> FocusRecord | None:
        """The block with ``block_id``, tombstones included."""
        ...

    def upsert(self, record: FocusRecord) -> None:
        """Insert or replace a block as given (``modified_at`` kept as given)."""
        ...

    def tombstone(self, block_id: str, at: datetime) -> None:
        """Mark the block deleted at ``at`` (nothing happens for an unknown id)."""
        ...


class Side(Enum):
    """Which copy a merged value came from."""

    LOCAL = "local"
    SERVER = "server"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field changed on both sides; ``kept`` won, ``lost`` goes into the history."""

    field: str
    kept: object
    lost: object
    winner: Side


@dataclass(frozen=True, slots=True)
class Merged:
    """The outcome of :func:`merge`."""

    values: Fields
    conflicts: tuple[Conflict, ...]
    local_changed: bool
    """The merged values differ from the local copy (the store must be written)."""
    server_changed: bool
    """The merged values differ from the server copy (it must be sent)."""


def merge(base: Mapping[str, Any] | None, local: Mapping[str, Any], server: Mapping[str, Any],
          local_at: datetime, server_at: datetime, names: Iterable[str]) -> Merged:
    """Merge two copies of an item field by field against the ``base`` of the last sync.

    Args:
        base: the fields at the last sync, ``None`` if the item never synced (then every
            differing field is a conflict).
        local: the fields here.
        server: the fields on the server; a missing field counts as unchanged there.
        local_at: when the local copy last changed.
        server_at: when the server copy last changed.
        names: the fields to merge.
    """
    server_wins_ties = server_at >= local_at
    values: Fields = {}
    conflicts: list[Conflict] = []
    for name in names:
        mine = local.get(name)
        theirs = server.get(name, base.get(name) if base is not None else mine)
        if mine == theirs:
            values[name] = mine
            continue
        mine_changed = base is None or base.get(name) != mine
        theirs_changed = base is None or base.get(name) != theirs
        if mine_changed and theirs_changed:
            winner = Side.SERVER if server_wins_ties else Side.LOCAL
            kept, lost = (theirs, mine) if winner is Side.SERVER else (mine, theirs)
            conflicts.append(Conflict(name, kept, lost, winner))
            values[name] = kept
        else:
            values[name] = mine if mine_changed else theirs
    names_seen = list(values)
    return Merged(
        values,
        tuple(conflicts),
        local_changed=any(values[n] != local.get(n) for n in names_seen),
        server_changed=any(values[n] != server.get(n, values[n]) for n in names_seen)
        or any(n not in server for n in names_seen),
    )


def merged_request(local: Request, merged: Merged, server_at: datetime) -> Request:
    """``local`` with the merged fields; ``modified_at`` moves to the later of both sides."""
    fresh = request_from_fields(local.id, merged.values, max(local.modified_at, server_at),
                                local.deleted_at)
    return replace(fresh, reply_by=local.reply_by)


@dataclass(frozen=True, slots=True)
class Failure:
    """One item that could not be synced, and why (a sentence for the user)."""

    item: str
    reason: str


@dataclass(slots=True)
class SyncReport:
    """What one sync did. ``offline`` is set when the server could not be reached; ``error``
    holds a sentence for the user when the whole sync stopped."""

    sent: int = 0
    received: int = 0
    merged: int = 0
    conflicts: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    failed: list[Failure] = field(default_factory=list)
    offline: bool = False
    error: str | None = None
    pending: int = 0
    """Local changes still waiting to be sent."""

    def to_json(self) -> dict[str, Any]:
        """The report as the JSON object of ``unhurried sync caldav --json``."""
        return {
            "sent": self.sent, "received": self.received, "merged": self.merged,
            "conflicts": self.conflicts, "deleted_here": self.deleted_here,
            "deleted_there": self.deleted_there,
            "failed": [{"item": f.item, "reason": f.reason} for f in self.failed],
            "offline": self.offline, "error": self.error, "pending": self.pending,
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A value a sync overwrote, kept so the user can see (and take back) what was lost."""

    kind: str
    item_id: str
    field: str
    kept: object
    lost: object
    lost_side: Side
    at: datetime


@dataclass(frozen=True, slots=True)
class SyncItem:
    """What the last sync knew of one item: where it lives, its ETag, and the merge base.

    ``synced_modified_at`` is the local ``modified_at`` when the item was last in step; a
    local copy with another ``modified_at`` has changes to send. ``None`` means "send it".
    """

    kind: str
    id: str
    collection: str
    href: str
    etag: str | None
    synced_modified_at: datetime | None
    snapshot: Fields
