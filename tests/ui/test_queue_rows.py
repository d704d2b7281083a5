# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``QueueRows`` against a plain reference: after any mix of placing, taking and moving the
clock, every group holds exactly the entries the core's ``entry_bucket`` puts there, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.queue.buckets import QueueEntry, edges_at
from desktop.core.working_hours import WorkingHours

from desktop.ui.queue.rows import FOLLOW_UP, GROUPS, SNOOZED, WAITING, QueueRows

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CALENDAR = BusinessCalendar(ZoneInfo("Europe/Berlin"), WorkingHours.office())
HOUR = 3600.0


def edges(hours: float):
    return edges_at(START + timedelta(hours=hours), CALENDAR, timedelta(minutes=60))


def hours_from_start(lo: int, hi: int, step: float = HOUR) -> st.SearchStrategy[float]:
    return st.integers(lo, hi).map(lambda n: START.timestamp() + n * step)


entries = st.builds(
    QueueEntry,
    id=st.sampled_from([f"r{n:02}" for n in range(30)]),
    reply_by=st.one_of(st.none(), hours_from_start(-200, 400, HOUR / 4)),
    received_at=hours_from_start(-100, 0),
    snoozed_until=st.one_of(st.none(), hours_from_start(0, 100)),
    follow_up=st.one_of(st.none(), hours_from_start(-20, 100)),
)
steps = st.lists(st.one_of(
    st.tuples(st.just("place"), entries),
    st.tuples(st.just("take"), st.sampled_from([f"r{n:02}" for n in range(30)])),
    st.tuples(st.just("clock"), st.integers(0, 8 * 24)),
), max_size=40)


def reference(known: dict[str, QueueEntry], at) -> list[list[str]]:
    groups: list[list[tuple[float, str]]] = [[] for _ in GROUPS]
    for entry in known.values():
        group = GROUPS.index(at.entry_bucket(entry))
        if group == WAITING:
            key = entry.received_at
        elif group == SNOOZED:
            key = entry.snoozed_until
        elif group == FOLLOW_UP:
            key = entry.follow_up
        else:
            key = entry.reply_by
        groups[group].append((key, entry.id))
    return [[i for _k, i in sorted(g)] for g in groups]


def shown(rows: QueueRows) -> list[list[str]]:
    return [rows.ids(g, 0, rows.count(g)) for g in range(len(GROUPS))]


@settings(max_examples=300, deadline=None)
@given(first=st.lists(entries, max_size=20), steps=steps)
def test_rows_match_the_reference_after_any_changes(first, steps) -> None:
    at = edges(0)
    known = {e.id: e for e in first}
    rows = QueueRows(at)
    rows.reset(known.values(), at)
    for kind, value in steps:
        if kind == "place":
            rows.take(value.id)
            known[value.id] = value
            address = rows.address_for(value)
            assert rows.place(value) == address
        elif kind == "take":
            rows.take(value)
            known.pop(value, None)
        else:
            at = edges(value)  # forward, or back as when the system clock is set back
            expected_move = rows.moves(at)
            assert rows.move_clock(at) == expected_move
        want = reference(known, rows.edges)
        assert shown(rows) == want
        for group, ids in enumerate(want):
            for row, request_id in enumerate(ids):
                assert rows.locate(request_id) == (group, row)
                assert rows.id_at(group, row) == request_id


searches = st.lists(st.one_of(
    st.tuples(st.just("place"), entries),
    st.tuples(st.just("take"), st.sampled_from([f"r{n:02}" for n in range(30)])),
    st.tuples(st.just("clock"), st.integers(0, 8 * 24)),
    st.tuples(st.just("search"), st.sets(st.sampled_from([f"r{n:02}" for n in range(34)]))),
    st.tuples(st.just("lift"), st.none()),
), max_size=40)


@settings(max_examples=300, deadline=None)
@given(first=st.lists(entries, max_size=20), steps=searches)
def test_searching_and_lifting_the_search_match_the_reference(first, steps) -> None:
    # Lifting a search brings back the rows from before it: they must be what placing every
    # request again at the current edges gives, whatever changed while the search was on.
    at = edges(0)
    known = {e.id: e for e in first}
    found: set[str] | None = None
    rows = QueueRows(at)
    rows.reset(known.values(), at)
    for kind, value in steps:
        if kind == "place":
            rows.take(value.id)
            known[value.id] = value
            rows.place(value)
        elif kind == "take":
            rows.take(value)
            known.pop(value, None)
        elif kind == "clock":
            at = edges(value)
            rows.move_clock(at)
        else:
            found = value if kind == "search" else None
            rows.show_only(found, at)
        assert rows.filtered == (found is not None)
        visible = {i: e for i, e in known.items() if found is None or i in found}
        assert shown(rows) == reference(visible, rows.edges)
