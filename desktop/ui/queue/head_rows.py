# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue's rows while only its head has been read.

A window over 100,000 requests paints its first screen from a
:class:`~desktop.core.queue.buckets.QueueHead` (every bucket's count and the first rows) and reads
the rest after it has painted. Until then :class:`HeadRows` answers what painting asks; anything
else (a row beyond the head, a search, a change) reads the rest first, so nothing behaves
differently, it only waits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from desktop.core.queue.buckets import QueueHead

from desktop.ui.queue.rows import QueueRows


class HeadRows:
    """:class:`QueueRows` as far as ``head`` knows it; ``rest`` gives the full rows."""

    def __init__(self, head: QueueHead, rest: Callable[[], QueueRows]) -> None:
        self.edges = head.edges
        self._head = head
        self._rest = rest
        self._full: QueueRows | None = None
        self._building = threading.Lock()  # the reading thread may build them (read_rest)

    def full(self) -> QueueRows:
        """All the rows (built the first time this is asked, on whichever thread asks; a
        second asker waits for that one)."""
        if self._full is None:
            with self._building:
                if self._full is None:
                    self._full = self._rest()
        return self._full

    @property
    def filtered(self) -> bool:
        """Whether a search is on (never, until the rest is read)."""
        return self._full is not None and self._full.filtered

    def count(self, group: int) -> int:
        """How many rows ``group`` has."""
        if self._full is not None:
            return self._full.count(group)
        return self._head.counts[group]

    def id_at(self, group: int, row: int) -> str:
        """The id on ``row`` of ``group``."""
        first = self._head.first[group]
        if self._full is None and row < len(first):
            return first[row]
        return self.full().id_at(group, row)

    def ids(self, group: int, start: int, stop: int) -> list[str]:
        """The ids on rows ``start`` up to ``stop`` of ``group`` that the head has (a page
        read ahead may get fewer than asked; :meth:`id_at` reads the rest when needed)."""
        if self._full is not None:
            return self._full.ids(group, start, stop)
        return list(self._head.first[group][start:stop])

    def snoozed_overdue(self, now: float) -> int:
        """:meth:`QueueRows.snoozed_overdue`; 0 until the rest is read (the head has no
        reply-bys of snoozed rows, and a first paint must not wait for them)."""
        return 0 if self._full is None else self._full.snoozed_overdue(now)

    def __getattr__(self, name: str) -> Any:
        """Everything else needs every row."""
        return getattr(self.full(), name)
