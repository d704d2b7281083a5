# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Opening the database: the one place that sets up the SQLite connection.

The path is injected (tests pass ``tmp_path`` or ``:memory:``). The connection runs in
autocommit mode; every write goes through :func:`transaction`, which takes the write lock up
front (``BEGIN IMMEDIATE``) so a second process waits for its turn instead of failing with
"database is locked". WAL lets readers go on while one process writes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from desktop.core.i18n import _
from desktop.store import load_sqlite_utils
from desktop.store.errors import DatabaseUnreadable, StorageFull
from desktop.store.schema import is_current

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 15_000


class _LazyDatabase:
    """A ``sqlite_utils.Database`` that imports sqlite-utils on first use beyond ``conn``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __getattr__(self, name: str) -> Any:  # only for attributes not set in __init__
        self._become_full()
        return getattr(self, name)

    def __getitem__(self, name: str) -> Any:  # ``db["table"]``: dunders skip __getattr__
        self._become_full()
        return self[name]

    def _become_full(self) -> None:
        full = load_sqlite_utils().Database(self.conn)
        self.__class__ = full.__class__  # the real thing from now on, so this happens once
        self.__dict__.update(full.__dict__)


def connect(path: Path | str) -> sqlite_utils.Database:
    """Connect without changing anything in the file.

    Raises:
        DatabaseUnreadable: the file is not an SQLite database.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseUnreadable(
            _("{path} is not an Unhurried database ({reason}). Move it away or pass another "
              "--data-dir.").format(path=path, reason=error)
        ) from error
    return wrap(conn)


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """``conn`` as a database object; sqlite-utils is imported only if it is used."""
    return cast("sqlite_utils.Database", _LazyDatabase(conn))


def open_database(path: Path | str, now: datetime) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at ``path``.

    A database written by a newer version is refused before anything is written to it; before
    pending migrations run, the file is copied next to itself (see :mod:`.migrations`).

    Raises:
        DatabaseUnreadable: not a database.
        NewerDatabase: a newer version of Unhurried wrote it.
    """
    db = connect(path)
    try:
        current = is_current(db.conn)
        if not current:
            from desktop.store.migrations import check_known

            check_known(db, path)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.conn.execute("PRAGMA journal_mode = WAL")
            db.conn.execute("PRAGMA synchronous = NORMAL")
        if not current:
            from desktop.store.migrations import migrate

            migrate(db, path, now)
    except BaseException:
        db.conn.close()
        raise
    return db


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """Run the block as one write transaction; roll back on any error.

    Raises:
        StorageFull: the disk is full; the transaction was rolled back.
    """
    conn = db.conn
    if conn.in_transaction:  # nested: the outer transaction decides
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        # SQLite may already have rolled back (a full disk, RAISE(ROLLBACK)); rolling back
        # again would hide the real error behind "no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError) and _is_full(error):
            raise StorageFull(_("The disk is full; the last change was not saved. Free some "
                                "space and try again.")) from error
        raise


def _is_full(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
        "full" in str(error).lower())
