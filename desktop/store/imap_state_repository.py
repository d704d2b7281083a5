# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How far each IMAP folder has been read (UIDVALIDITY and last UID), one row per folder.

The IMAP sync advances a folder only after the requests of a batch are committed, so this
table never claims more than the queue holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.importing.mail_account import FolderState
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils


class SqliteImapStateRepository:
    """The IMAP sync's folder states on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, account: str, folder: str) -> FolderState | None:
        """The state of ``folder`` of ``account``, or ``None`` if it was never read."""
        row = self._db.conn.execute(
            "SELECT uidvalidity, last_uid FROM imap_folders WHERE account = ? AND folder = ?",
            (account, folder)).fetchone()
        return None if row is None else FolderState(int(row[0]), int(row[1]))

    def put(self, account: str, folder: str, state: FolderState) -> None:
        """Record how far ``folder`` has been read, in one transaction."""
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT INTO imap_folders (account, folder, uidvalidity, last_uid) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(account, folder) DO UPDATE SET "
                "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid",
                (account, folder, state.uidvalidity, state.last_uid))

    def forget(self, account: str) -> int:
        """Forget every folder of ``account`` (the account was removed); returns how many."""
        with transaction(self._db) as conn:
            return conn.execute("DELETE FROM imap_folders WHERE account = ?",
                                (account,)).rowcount
