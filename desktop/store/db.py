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
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from desktop.core.i18n import _
from desktop.store import load_sqlite_utils
from desktop.store.diagnosis import busy_message, explain
from desktop.store.errors import DatabaseUnreadable, StorageFull, StorageReadOnly, StoreBusy
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
        DatabaseCorrupt, StorageReadOnly, StorageFull, StoreBusy: as
            :func:`desktop.store.diagnosis.explain` finds.
    """
    if str(path) != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageReadOnly(_("The data folder {folder} cannot be made ({reason}). Pass "
                                    "another --data-dir.").format(
                folder=Path(path).parent, reason=error.strerror or error)) from error
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise _explained(error, path) from error
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _explained(error, path) from error
    return wrap(conn)


def _explained(error: sqlite3.Error, path: Path | str) -> BaseException:
    """What to raise for ``error`` met while opening ``path``."""
    found = explain(error, path)
    if found is not None:
        return found
    return DatabaseUnreadable(_("{path} cannot be opened ({reason}). Check the file and its "
                                "folder, or pass another --data-dir.").format(
        path=path, reason=error))


def set_busy_notice(db: sqlite_utils.Database, notice: Callable[[str], None]) -> None:
    """Call ``notice`` with a sentence when a write has to wait for another process."""
    vars(db)["busy_notice"] = notice


def open_reader(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """A second connection to the file behind ``db``, only for reading, to use on a worker.

    SQLite runs the statements of one connection one at a time: a query over the whole queue
    on a worker (the focus service's, 35-100 ms at 200,000 requests) held up the GUI thread's
    next query on the same connection for as long (a settings read waited 0.23 s). WAL lets a
    second connection read beside the first. An in-memory database has no file to share:
    ``db`` itself is returned.
    """
    row = db.conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row is not None else ""
    if not path:
        return db
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
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
        DatabaseCorrupt, StorageReadOnly, StorageFull, StoreBusy: as
            :func:`desktop.store.diagnosis.explain` finds.
    """
    db = connect(path)
    try:
        current = is_current(db.conn)
        if not current:
            from desktop.store.migrations import check_known

            check_known(db, path)
        _set_up(db, path)
        if not current:
            from desktop.store.migrations import migrate

            migrate(db, path, now)
    except sqlite3.Error as error:
        db.conn.close()
        found = explain(error, path)
        if found is None:
            raise
        raise found from error
    except BaseException:
        db.conn.close()
        raise
    return db


def _set_up(db: sqlite_utils.Database, path: Path | str) -> None:
    """Busy timeout, foreign keys, WAL."""
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.conn.execute("PRAGMA journal_mode = WAL")
        db.conn.execute("PRAGMA synchronous = NORMAL")


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
    _begin(db)
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


BULK_CHECKPOINT_PAGES = 16_384
"""WAL pages (64 MiB) before an importing connection copies them into the database (default
1,000). Each imported row goes into four indexes at places its random id picks, so every
batch dirties index pages all over the file; checkpointing after every other batch copied the
same pages again and again (at 200,000 mails the import spent a quarter of its time in the
kernel). A 64 MiB page cache saved about 15 % more CPU there (44 s against 51 s at 200k), but
it grew the import's memory with the store (102 MB at 20k, 144 MB at 200k; the target is
memory flat in the number of mails), so the cache stays as it is."""


def tune_for_bulk_writes(db: sqlite_utils.Database) -> None:
    """Checkpoint this connection's WAL less often, for an import of many rows. Only this
    connection changes; the window's connections keep SQLite's defaults."""
    db.conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")


_FIRST_TRY_MS = 250
"""How long a write waits quietly for the lock before it says that it is waiting."""


def _begin(db: sqlite_utils.Database) -> None:
    """Take the write lock; if another process holds it, say so and wait the busy timeout.

    Raises:
        StoreBusy: the lock did not come free within the connection's busy timeout.
    """
    conn = db.conn
    patience = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {min(_FIRST_TRY_MS, patience)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if not isinstance(explain(error, ":memory:"), StoreBusy):
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {patience}")
    notice = vars(db).get("busy_notice")
    if notice is not None:
        notice(_("The database is busy (another Unhurried command or window is writing); "
                 "waiting up to {seconds} s…").format(seconds=patience // 1000))
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if isinstance(explain(error, ":memory:"), StoreBusy):
            raise StoreBusy(busy_message()) from error
        raise


def _is_full(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or (
        "full" in str(error).lower())
