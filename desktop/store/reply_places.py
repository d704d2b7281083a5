# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where replies to chat requests are posted (table ``reply_places``): per request its room
or channel, its thread and the room's name, written by the live chat sources when they import
the request and read by the routes that post replies back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.core.drafting.routes import ReplyPlace
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils


class SqliteReplyPlaces:
    """The ``reply_places`` table on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, request_id: str) -> ReplyPlace | None:
        """Where a reply to this request goes, or ``None`` when no source said."""
        row = self._db.conn.execute(
            "SELECT place, thread, name FROM reply_places WHERE request_id = ?",
            (request_id,)).fetchone()
        return None if row is None else ReplyPlace(str(row[0]), str(row[1]), str(row[2]))

    def put_many(self, places: Mapping[str, ReplyPlace]) -> None:
        """Record (or correct) the places of these requests, in one transaction."""
        if not places:
            return
        with transaction(self._db) as conn:
            conn.executemany(
                "INSERT INTO reply_places (request_id, place, thread, name) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(request_id) DO UPDATE SET place = excluded.place, "
                "thread = excluded.thread, name = excluded.name",
                [(rid, p.place, p.thread, p.name) for rid, p in places.items()])
