# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The people directory in SQLite: one row per person, one per address or handle."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.people import Person, Source, normalize_address
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_SELECT = "SELECT key, name, zone, hours, channel, sources FROM people"
_Row = tuple[str, str, str, str, str, str]
"""A row of :data:`_SELECT` (every column is NOT NULL)."""


class SqlitePeopleRepository:
    """People by key or by any of their addresses."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def find(self, address: str) -> Person | None:
        """The person one of whose addresses or handles is ``address``."""
        row = self._db.conn.execute(
            "SELECT person_key FROM person_addresses WHERE address = ?",
            (normalize_address(address),)).fetchone()
        return None if row is None else self.get(row[0])

    def get(self, key: str) -> Person | None:
        """The person with ``key``."""
        row = self._db.conn.execute(f"{_SELECT} WHERE key = ?", (key,)).fetchone()
        return None if row is None else self._person(row)

    def all(self) -> list[Person]:
        """Everyone, by name then key."""
        rows = self._db.conn.execute(f"{_SELECT} ORDER BY lower(name), key").fetchall()
        return [self._person(r) for r in rows]

    def save(self, person: Person, now: datetime) -> None:
        """Insert or replace ``person`` and their addresses."""
        sources = json.dumps({field: source.value for field, source in person.sources})
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT INTO people (key, name, zone, hours, channel, sources, modified_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "name = excluded.name, zone = excluded.zone, hours = excluded.hours, "
                "channel = excluded.channel, sources = excluded.sources, "
                "modified_at = excluded.modified_at",
                (person.key, person.name, person.zone, person.hours, person.channel, sources,
                 now.isoformat()))
            conn.execute("DELETE FROM person_addresses WHERE person_key = ?", (person.key,))
            conn.executemany(
                "INSERT OR REPLACE INTO person_addresses (address, person_key, position) "
                "VALUES (?, ?, ?)",
                [(a, person.key, i) for i, a in enumerate(person.addresses)])

    def _person(self, row: _Row) -> Person:
        key, name, zone, hours, channel, sources = row
        addresses = [a for (a,) in self._db.conn.execute(
            "SELECT address FROM person_addresses WHERE person_key = ? ORDER BY position",
            (key,))]
        known = {s.value: s for s in Source}
        pairs = tuple((f, known[v]) for f, v in json.loads(sources).items() if v in known)
        return Person(key, tuple(addresses), name, zone, hours, channel, pairs)
