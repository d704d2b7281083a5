# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the queue on a thread of its own while the window is being built.

First the head (every bucket's count and the first rows: two scans of the queue index, whatever
the queue's size), which is all the window's first paint needs; then, once asked, every entry.
Both come from one read transaction, so the entries agree with the head even when another
process writes in between. SQLite runs without holding Python's lock, so on a second core the
reading overlaps the window's start instead of following it.
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.queue.buckets import BucketEdges, QueueEntry, QueueHead
from desktop.store.db import BUSY_TIMEOUT_MS, wrap
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.schema import is_current

logger = logging.getLogger(__name__)

HEAD_ROWS = 200
"""Rows read for the first screen: more than a tall window shows."""


class QueuePrefetch:
    """Starts reading the queue of ``database`` at once: the head at ``edges``, then (after
    :meth:`read_rest`) the entries."""

    def __init__(self, database: Path, edges: BucketEdges, *, rows: int = HEAD_ROWS) -> None:
        self._database = database
        self._edges = edges
        self._rows = rows
        self._head: QueueHead | None = None
        self._entries: list[QueueEntry] | None = None
        self._head_read = threading.Event()
        self._go = threading.Event()
        self._then: Callable[[], None] | None = None
        self._thread = threading.Thread(target=self._run, name="queue-prefetch", daemon=True)
        self._thread.start()

    def head(self) -> QueueHead | None:
        """The top of the queue; ``None`` when it could not be read ahead (no store yet, one
        that needs migrating, an error), in which case the caller reads the queue itself."""
        self._head_read.wait()
        return self._head

    def read_rest(self, then: Callable[[], None] | None = None) -> None:
        """Go on to read every entry; ``then`` is called (on the reading thread) when done."""
        self._then = then
        self._go.set()

    def entries(self) -> list[QueueEntry] | None:
        """Every entry (waits for them); ``None`` if they could not be read."""
        self._go.set()
        if threading.current_thread() is not self._thread:  # read_rest's ``then`` asks too
            self._thread.join()
        return self._entries

    def _run(self) -> None:
        try:
            if self._database.exists():
                self._read()
        except sqlite3.Error:
            logger.warning("could not read the queue ahead; the window reads it", exc_info=True)
        finally:
            self._head_read.set()
        then = self._then
        if then is not None:
            with _no_collector_pauses():  # placing them makes as many objects again
                then()

    def _read(self) -> None:
        conn = sqlite3.connect(str(self._database), timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
        try:
            if not is_current(conn):
                return
            repository = SqliteRequestRepository(wrap(conn))
            conn.execute("BEGIN")  # one snapshot for the head and the entries
            self._head = repository.head(self._edges, self._rows)
            self._head_read.set()
            self._go.wait()
            with _no_collector_pauses():
                self._entries = repository.entries(ordered=True)
            conn.execute("COMMIT")
        finally:
            conn.close()


@contextmanager
def _no_collector_pauses() -> Iterator[None]:
    """Make many lasting objects (200,000 entries are 400,000 tuples) without the cyclic
    garbage collector stopping every thread meanwhile.

    Each collection holds Python's lock for as long as it scans, and scans grow with the
    objects made: reading 200,000 entries set off collections of 40-75 ms on this thread,
    each a stall of the window's loop as long. So collection is off while they are made, and
    then everything is frozen (``gc.freeze``: never scanned again; freed by reference counts
    as before), so that no later collection scans them either. Entries hold no reference
    cycles, so freezing them keeps nothing alive.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
