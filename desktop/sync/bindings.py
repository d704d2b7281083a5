# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the sync engine syncs, one *binding* per kind: requests, focus blocks, settings.

A binding reads the local copy of an item as synced fields, writes merged fields back, encodes
the item as iCalendar, and lists what changed here since the last sync. The engine
(:mod:`desktop.sync.engine`) does the rest the same way for every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from desktop.core.errors import InvalidInput
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request
from desktop.core.settings import SYNCED, SettingsAccess
from desktop.core.sync.items import (
    FOCUS_FIELDS,
    REQUEST_FIELDS,
    Fields,
    FocusBlockStore,
    SyncItem,
    focus_fields,
    focus_from_fields,
    request_fields,
    request_from_fields,
)
from desktop.sync.errors import BadItem
from desktop.sync.ical import SETTINGS_UID, focus_to_ical, request_to_ical, settings_to_ical

NEVER = datetime(1970, 1, 1, tzinfo=UTC)
"""``modified_at`` of a local copy that was never changed here (the server's copy wins)."""

SYNCED_SETTINGS = tuple(spec.key for spec in SYNCED)
"""The settings whose entries say they travel to other devices (not the language, the accounts
on this device or how its last sync went)."""


@dataclass(frozen=True, slots=True)
class Local:
    """The local copy of an item as the engine sees it."""

    fields: Fields
    modified_at: datetime
    deleted_at: datetime | None = None


class Binding(Protocol):
    """One kind of synced item."""

    @property
    def kind(self) -> str:
        """The item kind ("request", "focus", "settings")."""
        ...

    @property
    def names(self) -> tuple[str, ...]:
        """The fields a merge compares (read only: each binding declares its own)."""
        ...

    def load(self, item_id: str) -> Local | None:
        """The local copy, tombstones included; ``None`` if unknown here."""
        ...

    def store(self, item_id: str, values: Fields, modified_at: datetime,
              deleted_at: datetime | None) -> None:
        """Write merged fields (buffered until :meth:`flush`)."""
        ...

    def flush(self) -> None:
        """Write what :meth:`store` buffered (inside the engine's transaction)."""
        ...

    def encode(self, item_id: str, now: datetime) -> bytes:
        """The item as iCalendar."""
        ...

    def pending(self, state: Callable[[str], SyncItem | None]) -> list[str]:
        """Ids changed here since the last sync (``state`` gives an id's sync state)."""
        ...


class RequestBinding:
    """Requests, through the queue service (which derives each reply-by afresh)."""

    kind = "request"
    names = REQUEST_FIELDS

    def __init__(self, queue: QueueService, get: Callable[[str], Request | None],
                 pending_ids: Callable[[], list[str]]) -> None:
        self._queue = queue
        self._get = get
        self._pending_ids = pending_ids
        self._buffer: dict[str, Request] = {}

    def load(self, item_id: str) -> Local | None:
        request = self._buffer.get(item_id) or self._get(item_id)
        if request is None:
            return None
        return Local(request_fields(request), request.modified_at, request.deleted_at)

    def store(self, item_id: str, values: Fields, modified_at: datetime,
              deleted_at: datetime | None) -> None:
        self._buffer[item_id] = request_from_fields(item_id, values, modified_at, deleted_at)

    def flush(self) -> None:
        if self._buffer:
            self._queue.put_many(self._buffer.values())
            self._buffer.clear()

    def encode(self, item_id: str, now: datetime) -> bytes:
        request = self._get(item_id)
        if request is None:
            raise BadItem(f"request {item_id} is gone")
        return request_to_ical(request, now)

    def pending(self, state: Callable[[str], SyncItem | None]) -> list[str]:
        return self._pending_ids()


class FocusBinding:
    """Focus blocks, through the :class:`~desktop.core.sync.items.FocusBlockStore` port."""

    kind = "focus"
    names = FOCUS_FIELDS

    def __init__(self, store: FocusBlockStore, since: Callable[[], datetime | None]) -> None:
        self._store = store
        self._since = since
        self._buffer: list[Any] = []

    def load(self, item_id: str) -> Local | None:
        record = self._store.get(item_id)
        if record is None:
            return None
        return Local(focus_fields(record), record.modified_at, record.deleted_at)

    def store(self, item_id: str, values: Fields, modified_at: datetime,
              deleted_at: datetime | None) -> None:
        self._buffer.append(focus_from_fields(item_id, values, modified_at, deleted_at))

    def flush(self) -> None:
        for record in self._buffer:
            self._store.upsert(record)
        self._buffer.clear()

    def encode(self, item_id: str, now: datetime) -> bytes:
        record = self._store.get(item_id)
        if record is None:
            raise BadItem(f"focus block {item_id} is gone")
        return focus_to_ical(record, now)

    def pending(self, state: Callable[[str], SyncItem | None]) -> list[str]:
        out = []
        for record in self._store.changed_since(self._since()):
            synced = state(record.id)
            if synced is None and record.deleted_at is not None:
                continue
            if synced is None or synced.synced_modified_at != record.modified_at.replace(
                    microsecond=0):
                out.append(record.id)
        return out


class SettingsBinding:
    """The settings that decide reply-by times, as one item.

    Settings keep no change time of their own: a value that differs from what was last
    synced counts as changed now; on a device that never synced, the server's values win.
    """

    kind = "settings"
    names = SYNCED_SETTINGS

    def __init__(self, queue: SettingsAccess, now: Callable[[], datetime],
                 state: Callable[[str], SyncItem | None]) -> None:
        self._queue = queue
        self._now = now
        self._state = state
        self._buffer: dict[str, str] | None = None
        self.rejected: str | None = None
        """Why the server's settings were not taken (a message), if they were not."""

    def values(self) -> dict[str, str]:
        """The synced settings as they are in force here."""
        settings = self._queue.settings
        return {spec.key: settings.text(spec) for spec in SYNCED}

    def load(self, item_id: str) -> Local | None:
        values = self.values()
        synced = self._state(SETTINGS_UID)
        if synced is None:
            return Local(values, NEVER)
        if _differs(values, synced.snapshot):
            return Local(values, self._now().replace(microsecond=0))
        return Local(values, synced.synced_modified_at or NEVER)

    def store(self, item_id: str, values: Fields, modified_at: datetime,
              deleted_at: datetime | None) -> None:
        current = self.values()
        self._buffer = {k: str(v) for k, v in values.items()
                        if k in current and v is not None and current[k] != v}

    def flush(self) -> None:
        changed, self._buffer = self._buffer, None
        if changed:
            try:
                self._queue.update_settings(changed)
            except InvalidInput as error:
                self.rejected = error.message

    def encode(self, item_id: str, now: datetime) -> bytes:
        return settings_to_ical(self.values(), now.replace(microsecond=0), now)

    def pending(self, state: Callable[[str], SyncItem | None]) -> list[str]:
        synced = state(SETTINGS_UID)
        if synced is None or _differs(self.values(), synced.snapshot):
            return [SETTINGS_UID]
        return []


def _differs(values: Mapping[str, str], snapshot: Mapping[str, Any]) -> bool:
    return any(snapshot.get(k) != v for k, v in values.items())

