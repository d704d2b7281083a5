# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The live sources' accounts and read positions (table ``source_accounts``), one JSON object
per source: its server, its switches and how far it has read; and the chat contacts' profile
time zones (table ``people_zones``). Tokens are never stored here; they live in the keyring."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils


class SqliteSourceAccounts:
    """The ``source_accounts`` table on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, source: str) -> dict[str, Any] | None:
        """The state of ``source``, or ``None`` when no account is set up."""
        row = self._db.conn.execute("SELECT state FROM source_accounts WHERE source = ?",
                                    (source,)).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def put(self, source: str, state: dict[str, Any]) -> None:
        """Replace the state of ``source``, in one transaction."""
        with transaction(self._db) as conn:
            conn.execute("INSERT INTO source_accounts (source, state) VALUES (?, ?) "
                         "ON CONFLICT(source) DO UPDATE SET state = excluded.state",
                         (source, json.dumps(state, ensure_ascii=False, sort_keys=True)))

    def remove(self, source: str) -> bool:
        """Forget the account of ``source``; whether there was one."""
        with transaction(self._db) as conn:
            return conn.execute("DELETE FROM source_accounts WHERE source = ?",
                                (source,)).rowcount > 0

    def done_external_ids(self, source: str) -> list[str]:
        """External ids of the requests of ``source`` that are done (not deleted)."""
        rows = self._db.conn.execute(
            "SELECT external_id FROM requests WHERE source = ? AND state = 'done' "
            "AND deleted_at IS NULL AND external_id IS NOT NULL", (source,)).fetchall()
        return [str(r[0]) for r in rows]


class SqlitePeopleZones:
    """Chat contacts' names and profile time zones (table ``people_zones``), for the people
    directory: ``(source, user id) -> (name, IANA zone or "")``."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get_all(self, source: str) -> dict[str, tuple[str, str]]:
        """Every contact of ``source``: user id to (name, zone)."""
        rows = self._db.conn.execute(
            "SELECT user_id, name, tz FROM people_zones WHERE source = ?", (source,)).fetchall()
        return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}

    def put_many(self, source: str, people: dict[str, tuple[str, str]]) -> None:
        """Record names and zones, in one transaction."""
        if not people:
            return
        with transaction(self._db) as conn:
            conn.executemany(
                "INSERT INTO people_zones (source, user_id, name, tz) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(source, user_id) DO UPDATE SET name = excluded.name, "
                "tz = excluded.tz",
                [(source, uid, name, tz) for uid, (name, tz) in people.items()])
