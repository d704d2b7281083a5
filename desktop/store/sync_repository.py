# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync state in SQLite (migrations ``m0008_caldav_sync``, ``m0009_caldav_stamps``): what
each synced item looked like at the last sync, the sync token and last-modified stamp per
collection, and the history of overwritten values."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.sync.freshness import Stamp
from desktop.core.sync.items import HistoryEntry, Side, SyncItem
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_ITEM_COLUMNS = "kind, id, collection, href, etag, synced_modified_at, snapshot"
_ItemRow = tuple[str, str, str, str, str | None, str | None, str]
"""A row of ``sync_items`` in :data:`_ITEM_COLUMNS` order (``etag`` and the time nullable)."""


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _item(row: _ItemRow) -> SyncItem:
    kind, item_id, collection, href, etag, synced, snapshot = row
    return SyncItem(kind, item_id, collection, href, etag,
                    datetime.fromisoformat(synced) if synced else None, json.loads(snapshot))


class SqliteSyncState:
    """The sync engine's memory, on the same database as the requests it syncs."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction around request and sync-state writes (they commit together)."""
        with transaction(self._db):
            yield

    # -- items -----------------------------------------------------------------------------------

    def item(self, kind: str, item_id: str) -> SyncItem | None:
        """The sync state of one item, if it was ever synced."""
        row = self._db.conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM sync_items WHERE kind = ? AND id = ?", (kind, item_id)
        ).fetchone()
        return None if row is None else _item(row)

    def items(self, collection: str) -> dict[str, SyncItem]:
        """Every known item of ``collection`` by href."""
        rows = self._db.conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM sync_items WHERE collection = ?", (collection,))
        return {row[3]: _item(row) for row in rows}

    def etags(self, collection: str) -> dict[str, str | None]:
        """Href to ETag of every known item of ``collection`` (cheap: no snapshots)."""
        rows = self._db.conn.execute(
            "SELECT href, etag FROM sync_items WHERE collection = ?", (collection,))
        return {str(href): etag for href, etag in rows}

    def by_href(self, href: str) -> SyncItem | None:
        """The item stored under ``href``."""
        row = self._db.conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM sync_items WHERE href = ?", (href,)).fetchone()
        return None if row is None else _item(row)

    def save_items(self, items: Iterable[SyncItem]) -> None:
        """Insert or replace sync states (an item that moved to another href moves too)."""
        rows = [(i.kind, i.id, i.collection, i.href, i.etag, _ts(i.synced_modified_at),
                 json.dumps(i.snapshot, sort_keys=True)) for i in items]
        if not rows:
            return
        with transaction(self._db) as conn:
            conn.executemany("DELETE FROM sync_items WHERE href = ? AND NOT (kind = ? AND id = ?)",
                             [(r[3], r[0], r[1]) for r in rows])
            conn.executemany(
                f"INSERT OR REPLACE INTO sync_items ({_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows)

    def drop(self, kind: str, item_id: str) -> None:
        """Forget an item's sync state (it is gone from the server)."""
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM sync_items WHERE kind = ? AND id = ?", (kind, item_id))

    def drop_href(self, href: str) -> None:
        """Forget whatever was stored under ``href``."""
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM sync_items WHERE href = ?", (href,))

    def pending_request_ids(self) -> list[str]:
        """Requests changed here since they were last in step (deleted ones that never synced
        are left out: there is nothing to tell the server)."""
        # both sides from their covering indexes (m0009); SQLite without statistics would
        # take the primary key of sync_items and read each snapshot. Sorted here: usually
        # no row is left to sort, and SQL would sort with a temporary tree anyway.
        rows = self._db.conn.execute(
            "SELECT r.id, r.modified_at FROM requests r INDEXED BY requests_sync "
            "LEFT JOIN sync_items s INDEXED BY sync_items_synced "
            "ON s.kind = 'request' AND s.id = r.id "
            "WHERE (s.id IS NULL AND r.deleted_at IS NULL) "
            "OR (s.id IS NOT NULL AND r.modified_at IS NOT s.synced_modified_at)").fetchall()
        rows.sort(key=lambda row: (row[1], row[0]))
        return [str(row[0]) for row in rows]

    # -- tokens ----------------------------------------------------------------------------------

    def token(self, collection: str) -> str | None:
        """The sync token of ``collection`` from the last complete sync."""
        row = self._db.conn.execute(
            "SELECT token FROM sync_collections WHERE url = ?", (collection,)).fetchone()
        return None if row is None else row[0]

    def stamp(self, collection: str) -> Stamp | None:
        """The last-modified stamp taken before the last complete sync of ``collection``."""
        row = self._db.conn.execute(
            "SELECT last_modified, checked_at FROM sync_collections WHERE url = ?",
            (collection,)).fetchone()
        if row is None or row[0] is None or row[1] is None:
            return None
        return Stamp(datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1]))

    def set_token(self, collection: str, token: str | None, stamp: Stamp | None = None) -> None:
        """Keep the token and the stamp for the next sync (``None`` forgets either)."""
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sync_collections (url, token, last_modified, checked_at) "
                "VALUES (?, ?, ?, ?)",
                (collection, token, _ts(stamp.last_modified if stamp else None),
                 _ts(stamp.checked_at if stamp else None)))

    def forget_collections(self) -> None:
        """Forget every token and item state (the account or its collections changed)."""
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM sync_collections")
            conn.execute("DELETE FROM sync_items")

    # -- history ---------------------------------------------------------------------------------

    def add_history(self, entries: Iterable[HistoryEntry]) -> None:
        """Keep values that a merge overwrote."""
        rows = [(e.kind, e.item_id, e.field, json.dumps(e.kept), json.dumps(e.lost),
                 e.lost_side.value, _ts(e.at)) for e in entries]
        if rows:
            with transaction(self._db) as conn:
                conn.executemany(
                    "INSERT INTO sync_history (kind, item_id, field, kept, lost, lost_side, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def history(self, kind: str, item_id: str) -> list[HistoryEntry]:
        """The overwritten values of one item, newest first."""
        rows = self._db.conn.execute(
            "SELECT kind, item_id, field, kept, lost, lost_side, at FROM sync_history "
            "WHERE kind = ? AND item_id = ? ORDER BY seq DESC", (kind, item_id))
        return [HistoryEntry(k, i, f, json.loads(kept), json.loads(lost), Side(side),
                             datetime.fromisoformat(at))
                for k, i, f, kept, lost, side, at in rows]
