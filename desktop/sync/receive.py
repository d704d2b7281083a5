# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Taking in one server copy of an item: the merge rules of the sync engine, as data.

:func:`receive` decides, from the local copy, what the last sync knew and the server's copy,
what to write here, what to remember and what to report. It reads nothing and writes nothing;
:class:`desktop.sync.engine.SyncEngine` applies the decision inside its batch transaction.

The rules:

1. **New here**: an item unknown here is stored as the server has it, and is in step.
2. **Merge base**: the fields of the last sync; a local copy never changed here
   (``modified_at`` is :data:`~desktop.sync.bindings.NEVER`) is its own base, so every server
   change simply wins. Without a last sync, every differing field is a conflict.
3. **Field by field** (:func:`desktop.core.sync.items.merge`): a field changed on one side
   takes that side; changed on both, the later side wins and the lost value goes to history.
4. **Deleted here, changed there later**: if the server copy changed after the deletion and
   the deletion was not yet sent, the item comes back (history records the undone deletion).
   A deletion later than the server change stays, and is sent.
5. **Written here** when a field or the deletion changed; ``modified_at`` moves to the later
   of both sides (microseconds dropped, as iCalendar keeps seconds).
6. **Counted as merged** when unsent local changes and server changes were both taken in.
7. **In step** (``synced_modified_at`` set) unless the server lacks something of ours: then
   ``None`` marks the item to be sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.sync.items import Fields, HistoryEntry, Merged, Side, SyncItem, merge
from desktop.sync.bindings import NEVER, Local
from desktop.sync.ical import RemoteItem


@dataclass(frozen=True, slots=True)
class Where:
    """Where the server keeps the item: collection, href and ETag."""

    collection: str
    href: str
    etag: str | None


@dataclass(frozen=True, slots=True)
class Write:
    """What to store here."""

    values: Fields
    modified_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True, slots=True)
class Received:
    """The decision for one server copy."""

    write: Write | None
    """What to store here; ``None``: the local copy stays as it is."""
    item: SyncItem
    """What the sync state remembers."""
    history: tuple[HistoryEntry, ...] = ()
    """Values that lost a conflict, to show the user."""
    received: int = 0
    merged: int = 0
    conflicts: int = 0


def receive(kind: str, names: tuple[str, ...], local: Local | None, synced: SyncItem | None,
            remote: RemoteItem, where: Where, now: datetime) -> Received:
    """Decide how the server copy ``remote`` is taken in (the rules in the module text)."""
    server_at = (remote.modified_at or now).replace(microsecond=0)
    if local is None:
        return _new(kind, names, remote, where, server_at)
    return _merge_existing(kind, names, local, synced, remote, where, server_at, now)


def _new(kind: str, names: tuple[str, ...], remote: RemoteItem, where: Where,
         server_at: datetime) -> Received:
    values = {n: remote.fields.get(n) for n in names}
    return Received(Write(values, server_at, None),
                    SyncItem(kind, remote.uid, where.collection, where.href, where.etag,
                             server_at, values), received=1)


def merge_base(local: Local, synced: SyncItem | None) -> Fields | None:
    """The fields both sides last agreed on (rule 2)."""
    if local.modified_at == NEVER:
        return local.fields
    return synced.snapshot if synced is not None else None


def _merge_existing(kind: str, names: tuple[str, ...], local: Local, synced: SyncItem | None,
                    remote: RemoteItem, where: Where, server_at: datetime,
                    now: datetime) -> Received:
    base = merge_base(local, synced)
    unsynced = synced is None or synced.synced_modified_at != local.modified_at
    merged = merge(base, local.fields, remote.fields, local.modified_at, server_at, names)
    history = _lost_values(kind, remote.uid, merged, now)
    deleted_at = kept_deletion(local.deleted_at, server_at, unsynced=unsynced)
    if deleted_at != local.deleted_at:  # the deletion here is undone: say so
        history.insert(0, HistoryEntry(kind, remote.uid, "deleted", False, True, Side.LOCAL,
                                       now))
    changed_here = merged.local_changed or deleted_at != local.deleted_at
    modified = max(local.modified_at, server_at) if changed_here else local.modified_at
    needs_send = merged.server_changed or deleted_at is not None
    server_full = {n: remote.fields.get(n, (base or local.fields).get(n)) for n in names}
    return Received(
        Write(merged.values, modified, deleted_at) if changed_here else None,
        SyncItem(kind, remote.uid, where.collection, where.href, where.etag,
                 None if needs_send else modified, server_full),
        tuple(history),
        received=int(changed_here),
        merged=int(unsynced and changed_here and merged.server_changed),
        conflicts=len(merged.conflicts))


def kept_deletion(deleted_at: datetime | None, server_at: datetime, *,
                  unsynced: bool) -> datetime | None:
    """The deletion time that stands (rule 4): ``None`` when a later server change undoes an
    unsent deletion here."""
    if deleted_at is not None and server_at > deleted_at and unsynced:
        return None
    return deleted_at


def _lost_values(kind: str, item_id: str, merged: Merged, now: datetime) -> list[HistoryEntry]:
    """One history entry per conflict, naming the side whose value was lost (rule 3)."""
    return [HistoryEntry(kind, item_id, c.field, c.kept, c.lost,
                         Side.LOCAL if c.winner is Side.SERVER else Side.SERVER, now)
            for c in merged.conflicts]
