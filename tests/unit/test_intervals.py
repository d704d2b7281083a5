# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Interval arithmetic against a minute-by-minute reference: a set of covered minutes."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.intervals import clip, covered, merge, split_at, subtract, total

BASE = datetime(2026, 3, 23, 0, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

minutes = st.integers(min_value=0, max_value=600)
pairs = st.tuples(minutes, minutes)
interval_lists = st.lists(pairs, max_size=12)


def at(m: int) -> datetime:
    return BASE + m * MINUTE


def as_intervals(raw: list[tuple[int, int]]) -> list[tuple[datetime, datetime]]:
    return [(at(a), at(b)) for a, b in raw]  # reversed and empty pairs stay in: they must drop


def minute_set(raw: list[tuple[int, int]]) -> set[int]:
    return {m for a, b in raw for m in range(a, b)}


def minutes_of(intervals: list[tuple[datetime, datetime]]) -> set[int]:
    return {m for s, e in intervals for m in range((s - BASE) // MINUTE, (e - BASE) // MINUTE)}


@given(interval_lists)
def test_merge_covers_the_same_minutes_once(raw) -> None:
    merged = merge(as_intervals(raw))
    assert minutes_of(merged) == minute_set(raw)
    assert total(as_intervals(raw)) == len(minute_set(raw)) * MINUTE
    # sorted, disjoint and not touching: a merge of a merge changes nothing
    assert all(a[1] < b[0] for a, b in itertools.pairwise(merged))
    assert merge(merged) == merged


@given(interval_lists, minutes, minutes)
def test_clip_and_covered_match_the_reference(raw, lo, hi) -> None:
    window = set(range(lo, hi))
    assert minutes_of(clip(merge(as_intervals(raw)), at(lo), at(hi))) == minute_set(raw) & window
    assert covered(as_intervals(raw), at(lo), at(hi)) == len(minute_set(raw) & window) * MINUTE


@given(interval_lists, interval_lists)
def test_subtract_leaves_the_minutes_not_in_the_holes(base, holes) -> None:
    result = subtract(as_intervals(base), as_intervals(holes))
    assert minutes_of(result) == minute_set(base) - minute_set(holes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(result))


@given(pairs, st.lists(minutes, max_size=6))
def test_split_at_cuts_only_inside(pair, cuts) -> None:
    a, b = sorted(pair)
    pieces = split_at((at(a), at(b)), [at(c) for c in cuts])
    assert minutes_of(pieces) == set(range(a, b))
    inner = sorted({c for c in cuts if a < c < b})
    assert len(pieces) == (len(inner) + 1 if a < b else 0)


def test_touching_meetings_join_and_a_gap_keeps_them_apart() -> None:
    assert merge([(at(0), at(30)), (at(30), at(60))]) == [(at(0), at(60))]
    assert merge([(at(0), at(30)), (at(31), at(60))]) == [(at(0), at(30)), (at(31), at(60))]
