# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Interval arithmetic on time: merge, clip, subtract and measure half-open stretches.

An interval is a ``(start, end)`` pair of timezone-aware datetimes, read as ``[start, end)``.
Empty and reversed pairs are dropped wherever they come in, so callers may pass raw data.
Overlapping and touching intervals merge, which is what "overlapping meetings counted once"
means.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals``: sorted, disjoint, touching ones joined."""
    out: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def clip(intervals: Iterable[Interval], lo: datetime, hi: datetime) -> list[Interval]:
    """The parts of ``intervals`` inside ``[lo, hi)``, empty ones dropped, order kept."""
    out = []
    for start, end in intervals:
        s, e = max(start, lo), min(end, hi)
        if s < e:
            out.append((s, e))
    return out


def total(intervals: Iterable[Interval]) -> timedelta:
    """The time covered by ``intervals``, overlaps counted once."""
    return sum((e - s for s, e in merge(intervals)), timedelta(0))


def covered(intervals: Iterable[Interval], lo: datetime, hi: datetime) -> timedelta:
    """The time of ``[lo, hi)`` that ``intervals`` cover, overlaps counted once."""
    return total(clip(merge(intervals), lo, hi))


def subtract(base: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """``base`` (merged first) with everything in ``holes`` cut out; sorted and disjoint."""
    gaps = merge(holes)
    out: list[Interval] = []
    for start, end in merge(base):
        cursor = start
        for h_start, h_end in gaps:
            if h_end <= cursor:
                continue
            if h_start >= end:
                break
            if h_start > cursor:
                out.append((cursor, h_start))
            cursor = max(cursor, h_end)
            if cursor >= end:
                break
        if cursor < end:
            out.append((cursor, end))
    return out


def split_at(interval: Interval, cuts: Iterable[datetime]) -> list[Interval]:
    """``interval`` cut at every moment of ``cuts`` strictly inside it."""
    start, end = interval
    points = sorted({c for c in cuts if start < c < end})
    edges = [start, *points, end]
    return [(a, b) for a, b in itertools.pairwise(edges) if a < b]
