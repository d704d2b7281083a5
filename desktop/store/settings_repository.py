# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings in SQLite: one row per key, the value as its text form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils


class SqliteSettingsStore:
    """The ``SettingsStore`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def values(self) -> Mapping[str, str]:
        """Every stored setting, key to text value."""
        rows = self._db.conn.execute("SELECT key, value FROM settings").fetchall()
        return {str(k): str(v) for k, v in rows}

    def put(self, values: Mapping[str, str]) -> None:
        """Store several settings in one transaction."""
        with transaction(self._db) as conn:
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
