# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exceptions of the storage layer.

``StoreError`` is the base. Its subclasses are *environment* failures the user can act on (a file
that is not a database, one written by a newer version, a full disk); their message says what to
do. Anything else escaping the store is a bug.
"""

from __future__ import annotations

from desktop.core.errors import StorageFailed


class StoreError(StorageFailed):
    """Base of every storage exception; ``str(error)`` is a sentence for the user."""


class DatabaseUnreadable(StoreError):
    """The file exists but is not an SQLite database we can read."""


class NewerDatabase(StoreError):
    """The database records migrations this version does not know: a newer version wrote it."""


class StorageFull(StoreError):
    """The disk is full or the database hit a size limit; nothing of the failed write was kept."""


class DatabaseCorrupt(StoreError):
    """SQLite found damage inside the file (a malformed page, text that is not UTF-8)."""


class StorageReadOnly(StoreError):
    """The data folder or the database file cannot be written."""


class StoreBusy(StoreError):
    """Another process held the write lock for longer than the store waits."""
