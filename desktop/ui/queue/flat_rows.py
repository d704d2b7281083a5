# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where each bucket falls in the queue's one flat list of rows, without Qt.

The queue view shows one list: for every bucket with a request, its title row, then its
requests (none while the bucket is folded). :class:`FlatRows` works that out from the
buckets' counts (nine sums, whatever the number of requests) and answers which bucket, and
which request of it, a row shows; and which rows a request coming or going adds or takes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Span = tuple[int, int]
"""First and last row, both included."""


class FlatRows:
    """The flat rows of ``groups`` buckets; call :meth:`lay_out` after any count changes."""

    def __init__(self, groups: int) -> None:
        self.folded: set[int] = set()
        """Buckets folded to their title row."""
        self.total = 0
        """How many rows there are."""
        self._heads: list[int] = []  # the title row of each shown bucket, ascending
        self._groups: list[int] = []  # which bucket that is
        self._head_of = [-1] * groups  # per bucket: its title row, -1 when not shown
        self._counts = [0] * groups

    def lay_out(self, counts: Sequence[int]) -> None:
        """Place the rows for these counts of requests per bucket."""
        heads, groups, head_of, row = [], [], [-1] * len(counts), 0
        for group, count in enumerate(counts):
            if count:
                heads.append(row)
                groups.append(group)
                head_of[group] = row
                row += 1 + (0 if group in self.folded else count)
        self._heads, self._groups, self._head_of, self.total = heads, groups, head_of, row
        self._counts = list(counts)

    def place(self, row: int) -> tuple[int, int]:
        """``(bucket, request within it)`` of a row (0 <= row < total); -1 is the title."""
        at = bisect_right(self._heads, row) - 1
        return self._groups[at], row - self._heads[at] - 1

    def title(self, group: int) -> int:
        """The title row of ``group``; -1 while it has no request."""
        return self._head_of[group]

    def request(self, group: int, row: int) -> int:
        """The row of the ``row``-th request of ``group``; -1 if folded or out of range."""
        if group in self.folded or not 0 <= row < self._counts[group]:
            return -1
        return self._head_of[group] + 1 + row

    def folding(self, group: int) -> Span | None:
        """The rows that folding ``group`` takes away (or opening it brings back)."""
        head, count = self._head_of[group], self._counts[group]
        return (head + 1, head + count) if head >= 0 and count else None

    def coming(self, group: int, row: int) -> Span | None:
        """The rows a request placed as the ``row``-th of ``group`` adds (with the title
        row if it is the bucket's first); ``None`` if none shows (the bucket is folded)."""
        folded = group in self.folded
        head = self._head_of[group]
        if head < 0:
            later = [h for g, h in zip(self._groups, self._heads, strict=True) if g > group]
            first = later[0] if later else self.total
            return first, first + (0 if folded else 1)
        return None if folded else (head + 1 + row, head + 1 + row)

    def going(self, group: int, row: int) -> Span | None:
        """The rows taking the ``row``-th request of ``group`` away removes (with the title
        row if it was the last); ``None`` if none was shown (the bucket is folded)."""
        folded = group in self.folded
        head = self._head_of[group]
        if self._counts[group] == 1:
            return head, head + (0 if folded else 1)
        return None if folded else (head + 1 + row, head + 1 + row)
