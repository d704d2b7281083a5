# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What an SQLite failure means for the user: damaged, read-only, full, busy (store layer).

SQLite reports "unable to open database file" for a read-only folder, a full disk and a missing
permission alike, and a damaged page can surface in any query. :func:`explain` turns such an
error into the :mod:`desktop.store.errors` exception that names the cause and what to do, or
``None`` when it is not one the user can act on (a bug, to be raised as it is). Nothing here
writes to the database; the folder is probed with a temporary file that is removed at once.
"""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from pathlib import Path

from desktop.core.i18n import _
from desktop.store.errors import (
    DatabaseCorrupt,
    DatabaseUnreadable,
    StorageFull,
    StorageReadOnly,
    StoreBusy,
    StoreError,
)

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL = {errno.ENOSPC, errno.EDQUOT}
_PROBE_BYTES = 64 * 1024
"""What the folder probe writes: about what opening a WAL database needs (-wal and -shm)."""


def explain(error: BaseException, path: Path | str) -> StoreError | None:
    """The user's view of ``error`` raised on the database at ``path``, or ``None``."""
    if isinstance(error, StoreError):
        return error
    if not isinstance(error, sqlite3.Error):
        return None
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error)
    if code == sqlite3.SQLITE_CORRUPT or "malformed" in text or "Could not decode" in text:
        return DatabaseCorrupt(corrupt_message(path, text))
    if code == sqlite3.SQLITE_NOTADB:
        return DatabaseUnreadable(_(
            "{path} is not an SQLite database, or its first page is damaged ({reason}). If it "
            "is your Unhurried database, recover it with sqlite3 .recover or restore a backup "
            "(the {name}.bak-… files beside it); otherwise pass another --data-dir. Nothing was "
            "written.").format(path=path, reason=text, name=Path(path).name))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreBusy(busy_message())
    if code == sqlite3.SQLITE_FULL:
        return StorageFull(_full(path))
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
                sqlite3.SQLITE_IOERR):
        cause = _probe(Path(path).parent)
        if code == sqlite3.SQLITE_READONLY or cause in _READ_ONLY:
            return StorageReadOnly(_(
                "{folder} cannot be written (it is read-only or not yours), so {name} cannot be "
                "opened for changes. Make the folder writable, or pass another --data-dir. "
                "Nothing was written.").format(folder=Path(path).parent, name=Path(path).name))
        if cause in _FULL:
            return StorageFull(_full(path))
    return None


def corrupt_message(path: Path | str, reason: str) -> str:
    """The sentence for a damaged database at ``path``."""
    return _("{path} is damaged ({reason}). Nothing was written. Recover what can be read "
             "with: sqlite3 {path} .recover | sqlite3 recovered.sqlite3, then move the damaged "
             "file away and put recovered.sqlite3 in its place; or restore the latest backup "
             "(the {name}.bak-… files beside it).").format(
        path=path, reason=reason.partition(" with text ")[0], name=Path(path).name)


def busy_message() -> str:
    """The sentence for a write lock that did not come free in time."""
    return _("The database is busy: another Unhurried command or window is writing to it (for "
             "example re-deriving reply-by times). Nothing was changed; try again when it has "
             "finished.")


def _full(path: Path | str) -> str:
    return _("The disk holding {folder} is full, so the database cannot be opened or changed. "
             "Free some space and try again. Nothing was written.").format(
        folder=Path(path).parent)


def _probe(folder: Path) -> int | None:
    """The errno of writing a small temporary file in ``folder`` (``None`` when it works)."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0" * _PROBE_BYTES)
            probe.flush()
    except OSError as error:
        return error.errno
    return None
