# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Schema migrations (``sqlite_utils.Migrations``), each in its own transaction.

Rules: never edit a migration once released; name them ``mNNNN_what`` and add the name to
:data:`desktop.store.schema.MIGRATION_NAMES`. Before pending
migrations run on an existing file, it is copied to ``<db>.bak-<last-applied>-<timestamp>``.
A database that records a migration this build does not know was written by a newer version
and is refused untouched.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.i18n import _
from desktop.store import load_sqlite_utils
from desktop.store.diagnosis import explain
from desktop.store.errors import DatabaseUnreadable, NewerDatabase

# the step modules register their migrations with MIGRATIONS on import, in this order
from desktop.store.migrations import m0001_to_m0009, m0011_to_m0018  # noqa: F401
from desktop.store.migrations.registry import MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

_sqlite_utils = load_sqlite_utils()


def known_names() -> list[str]:
    """Names of every migration this build has, in order."""
    return [m.name for m in MIGRATIONS.pending(_sqlite_utils.Database(memory=True))]


def applied_names(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations recorded in ``db``, in the order they ran."""
    return [m.name for m in MIGRATIONS.applied(db)]


def check_known(db: sqlite_utils.Database, path: Path | str) -> None:
    """Refuse a database that a newer version has migrated.

    Raises:
        NewerDatabase: ``db`` records a migration this build does not have.
    """
    known = set(known_names())
    unknown = [name for name in applied_names(db) if name not in known]
    if unknown:
        raise NewerDatabase(
            _("{path} was written by a newer version of Unhurried (it has {migration}). "
              "Update Unhurried to open it; the file was left untouched.").format(
                path=path, migration=unknown[-1]
            )
        )


def migrate(db: sqlite_utils.Database, path: Path | str, now: datetime) -> Path | None:
    """Apply pending migrations, backing the file up first.

    Returns:
        The backup's path, or ``None`` when nothing needed a backup (a new or current file).
    """
    pending = MIGRATIONS.pending(db)
    if not pending:
        return None
    backup = None
    if str(path) != ":memory:" and db.table_names():
        applied = applied_names(db)
        stamp = now.strftime("%Y%m%dT%H%M%S")
        backup = Path(f"{path}.bak-{applied[-1] if applied else 'none'}-{stamp}")
        _copy(db, backup)
    try:
        MIGRATIONS.apply(db)
    except sqlite3.OperationalError as error:  # e.g. a foreign file with its own tables
        found = explain(error, path)  # a full disk or a read-only folder is not a foreign file
        if found is not None:
            raise found from error
        raise DatabaseUnreadable(
            _("{path} is not an Unhurried database ({reason}). Move it away or pass another "
              "--data-dir.").format(path=path, reason=error)
        ) from error
    return backup


def _copy(db: sqlite_utils.Database, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while WAL frames are pending)."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
