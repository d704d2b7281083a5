# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.ui.queue.flat_rows.FlatRows``: where buckets fall in the queue's flat
list, checked against the list itself, written out row by row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.ui.queue.flat_rows import FlatRows

GROUPS = 9
COUNTS = st.lists(st.integers(min_value=0, max_value=4), min_size=GROUPS, max_size=GROUPS)
FOLDED = st.sets(st.integers(min_value=0, max_value=GROUPS - 1))


def written_out(counts: list[int], folded: set[int]) -> list[tuple[int, int]]:
    """Every row as ``(bucket, request within it)``, -1 for a title row."""
    rows = []
    for group, count in enumerate(counts):
        if count:
            rows.append((group, -1))
            if group not in folded:
                rows += [(group, n) for n in range(count)]
    return rows


def flat(counts: list[int], folded: set[int]) -> FlatRows:
    made = FlatRows(GROUPS)
    made.folded = set(folded)
    made.lay_out(counts)
    return made


@given(counts=COUNTS, folded=FOLDED)
def test_rows_titles_and_requests_match_the_list_written_out(counts, folded):
    rows = written_out(counts, folded)
    made = flat(counts, folded)
    assert made.total == len(rows)
    assert [made.place(row) for row in range(made.total)] == rows
    for group, count in enumerate(counts):
        assert made.title(group) == (rows.index((group, -1)) if count else -1)
        for n in range(count + 1):
            expected = rows.index((group, n)) if (group, n) in rows else -1
            assert made.request(group, n) == expected


@given(counts=COUNTS, folded=FOLDED, group=st.integers(min_value=0, max_value=GROUPS - 1),
       data=st.data())
def test_a_request_coming_adds_the_rows_the_list_gains(counts, folded, group, data):
    row = data.draw(st.integers(min_value=0, max_value=counts[group]))
    before = written_out(counts, folded)
    after_counts = [*counts]
    after_counts[group] += 1
    after = written_out(after_counts, folded)
    span = flat(counts, folded).coming(group, row)
    if span is None:
        assert after == before
    else:
        first, last = span
        assert after[:first] == before[:first]
        assert len(after) - len(before) == last - first + 1
        assert after[last + 1:] == [(g, n + (g == group)) if n >= 0 else (g, n)
                                    for g, n in before[first:]]


@given(counts=COUNTS, folded=FOLDED, group=st.integers(min_value=0, max_value=GROUPS - 1),
       data=st.data())
def test_a_request_going_removes_the_rows_the_list_loses(counts, folded, group, data):
    counts[group] = max(counts[group], 1)
    row = data.draw(st.integers(min_value=0, max_value=counts[group] - 1))
    before = written_out(counts, folded)
    after_counts = [*counts]
    after_counts[group] -= 1
    after = written_out(after_counts, folded)
    span = flat(counts, folded).going(group, row)
    if span is None:
        assert after == before
    else:
        first, last = span
        assert before[:first] == after[:first]
        assert len(before) - len(after) == last - first + 1


@given(counts=COUNTS, group=st.integers(min_value=0, max_value=GROUPS - 1))
def test_folding_takes_away_exactly_the_buckets_requests(counts, group):
    opened, folded = written_out(counts, set()), written_out(counts, {group})
    span = flat(counts, set()).folding(group)
    if span is None:
        assert opened == folded
    else:
        first, last = span
        assert opened[:first] + opened[last + 1:] == folded
        assert {opened[r][0] for r in range(first, last + 1)} == {group}
