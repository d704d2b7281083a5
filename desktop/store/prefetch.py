# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the queue on a thread of its own while the window is being built.

SQLite scans the queue index without holding Python's lock, so on a second core the scan
overlaps the imports and widget set-up of the window start instead of following them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from desktop.core.buckets import QueueEntry
from desktop.store.db import BUSY_TIMEOUT_MS, wrap
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.schema import is_current

logger = logging.getLogger(__name__)


class EntryPrefetch:
    """Starts reading the queue entries of ``database`` at once, on its own connection."""

    def __init__(self, database: Path) -> None:
        self._database = database
        self._entries: list[QueueEntry] | None = None
        self._thread = threading.Thread(target=self._run, name="queue-prefetch", daemon=True)
        self._thread.start()

    def result(self) -> list[QueueEntry] | None:
        """The entries; ``None`` when they could not be read ahead (no store yet, one that
        needs migrating, an error), in which case the caller reads them itself."""
        self._thread.join()
        return self._entries

    def _run(self) -> None:
        if not self._database.exists():
            return
        try:
            conn = sqlite3.connect(str(self._database), timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
            try:
                if not is_current(conn):
                    return
                self._entries = SqliteRequestRepository(wrap(conn)).entries()
            finally:
                conn.close()
        except sqlite3.Error:
            logger.warning("could not read the queue ahead; the window reads it", exc_info=True)
            self._entries = None
