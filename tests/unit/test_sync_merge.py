# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field-by-field merge of two changed copies against the base of the last sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.sync.items import Side, merge

T0 = datetime(2026, 11, 25, 9, tzinfo=UTC)
NAMES = ("a", "b", "c")
BASE = {"a": 1, "b": 1, "c": 1}


def test_fields_changed_on_one_side_take_that_side() -> None:
    merged = merge(BASE, {**BASE, "a": 2}, {**BASE, "b": 3}, T0, T0, NAMES)
    assert merged.values == {"a": 2, "b": 3, "c": 1}
    assert merged.conflicts == ()
    assert merged.local_changed
    assert merged.server_changed


def test_same_field_on_both_sides_the_later_wins_and_the_other_is_returned() -> None:
    later_here = merge(BASE, {**BASE, "a": 2}, {**BASE, "a": 3}, T0 + timedelta(1), T0, NAMES)
    assert later_here.values["a"] == 2
    [conflict] = later_here.conflicts
    assert (conflict.kept, conflict.lost, conflict.winner) == (2, 3, Side.LOCAL)
    later_there = merge(BASE, {**BASE, "a": 2}, {**BASE, "a": 3}, T0, T0 + timedelta(1), NAMES)
    assert later_there.values["a"] == 3
    assert later_there.conflicts[0].lost == 2


def test_a_field_the_server_copy_does_not_state_counts_as_unchanged_there() -> None:
    merged = merge(BASE, {**BASE, "c": 5}, {"a": 1, "b": 1}, T0, T0 + timedelta(1), NAMES)
    assert merged.values == {"a": 1, "b": 1, "c": 5}
    assert merged.conflicts == ()


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    merged = merge(BASE, {**BASE, "a": 2}, {**BASE, "a": 2}, T0, T0, NAMES)
    assert (merged.conflicts, merged.local_changed, merged.server_changed) == ((), False, False)


values = st.fixed_dictionaries({n: st.integers(0, 3) for n in NAMES})
times = st.integers(-5, 5).map(lambda m: T0 + timedelta(minutes=m))


@given(values, values, values, times, times)
def test_both_devices_reach_the_same_values_and_nothing_is_lost(base, here, there, t_here,
                                                               t_there) -> None:
    merged = merge(base, here, there, t_here, t_there, NAMES)
    for name in NAMES:
        kept = merged.values[name]
        assert kept in (here[name], there[name])
        lost = [c.lost for c in merged.conflicts if c.field == name]
        changes = {v for v in (here[name], there[name]) if v != base[name]}
        assert changes <= {kept, *lost}  # every change is kept, or the loser is in history
