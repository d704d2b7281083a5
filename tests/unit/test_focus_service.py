# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The focus service on fakes: blocks, hold and release, digest, coalescing, schedules and
restarts. The clock is a FakeClock and notifications go to a recording notifier."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.focus.log import InterruptionKind
from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.requests import Priority, Request, State
from tests.fakes import FakeClock, MemoryFocusRepository, MemoryRequestRepository, RecordingNotifier

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday, 10:00 in Berlin
M = timedelta(minutes=1)


class World:
    def __init__(self, **options) -> None:
        self.clock = FakeClock(NOW)
        self.repo = MemoryFocusRepository()
        self.requests = MemoryRequestRepository()
        self.notifier = RecordingNotifier()
        self.settings = FocusSettings(zone="Europe/Berlin", **options)
        self.service = self.restart()

    def restart(self) -> FocusService:
        self.service = FocusService(self.repo, self.requests, self.clock, self.notifier,
                                    lambda: self.settings)
        self.service.sync_requests()
        return self.service

    def arrive(self, rid: str, *, due_in: int | None, priority=Priority.NORMAL,
               sender="anna@example.org", subject="Q3 budget") -> Request:
        now = self.clock.now()
        request = Request(rid, subject, now, now, sender=sender, priority=priority,
                          reply_by=None if due_in is None else now + due_in * M)
        self.requests.save(request)
        self.service.sync_requests()
        return request

    def kinds(self) -> list[tuple[str | None, InterruptionKind]]:
        return [(e.request_id, e.kind) for e in self.repo.log]


@pytest.fixture
def world() -> World:
    return World()


def test_three_arrivals_two_break_through_and_one_waits_for_the_digest(world):
    world.service.start(length=90 * M)
    world.arrive("urgent", due_in=600, priority=Priority.URGENT, subject="Prod down")
    world.arrive("soon", due_in=60, subject="Q3 budget")
    world.arrive("tomorrow", due_in=24 * 60, subject="Offsite")
    assert [n.request_ids for n in world.notifier.sent] == [("urgent",), ("soon",)]
    assert world.notifier.sent[1].body == "due 11:00, before your focus ends"
    assert world.service.held_ids() == ["tomorrow"]
    assert world.service.next_event() == NOW + 90 * M

    world.clock.advance(minutes=90)
    world.service.tick()
    digest = world.notifier.sent[-1]
    assert digest.kind == "digest"
    assert digest.title == "1 request held — 0 due today"
    assert digest.request_ids == ("tomorrow",)
    assert "reply by Thu 10:00" in digest.body
    assert world.kinds() == [("urgent", InterruptionKind.BREAKTHROUGH),
                             ("soon", InterruptionKind.BREAKTHROUGH),
                             ("tomorrow", InterruptionKind.DIGEST)]
    assert world.service.held_ids() == []


def test_a_held_request_comes_out_when_its_reply_by_comes_close(world):
    world.service.start(length=90 * M)
    world.arrive("r", due_in=150)  # breach at 11:00 UTC-ish: after the block's end
    assert world.service.held_ids() == ["r"]
    world.service.extend(60 * M)  # now the block runs past the breach
    assert world.service.next_event() == NOW + 120 * M
    world.clock.advance(minutes=119)
    world.service.tick()
    assert world.notifier.sent == []
    world.clock.advance(minutes=1)
    world.service.tick()
    assert world.notifier.sent[-1].request_ids == ("r",)
    assert world.kinds() == [("r", InterruptionKind.RELEASE)]


def test_digest_at_a_delivery_time_during_the_block():
    world = World(delivery_times=(10 * 60 + 30,))  # 10:30 Berlin = 09:30 UTC
    world.service.start(length=3 * 60 * M)
    world.arrive("a", due_in=600)
    world.arrive("b", due_in=300)
    assert world.service.next_event() == NOW + 30 * M
    world.clock.advance(minutes=30)
    world.service.tick()
    digest = world.notifier.sent[-1]
    assert digest.title == "2 requests held — 2 due today"
    assert digest.request_ids == ("b", "a")  # soonest reply-by first
    assert world.service.current() is not None  # the block goes on


def test_a_restart_during_a_block_still_delivers_the_digest(world):
    world.service.start(length=30 * M)
    world.arrive("a", due_in=600)
    world.clock.advance(minutes=45)  # the app was closed when the block ended
    service = world.restart()
    assert service.next_event() == world.clock.now()
    service.tick()
    assert world.notifier.sent[-1].request_ids == ("a",)


def test_stopping_early_releases_the_digest_and_records_the_actual_end(world):
    session = world.service.start(until=NOW + 60 * M)
    world.arrive("a", due_in=600)
    world.clock.advance(minutes=20)
    stopped = world.service.stop()
    assert stopped.id == session.id
    assert stopped.end == NOW + 20 * M
    assert stopped.planned_end == NOW + 60 * M
    assert world.notifier.sent[-1].kind == "digest"
    assert world.service.minutes_today() == 20
    with pytest.raises(InvalidInput):
        world.service.stop()


@pytest.mark.parametrize("kwargs", [
    {"length": timedelta(0)}, {"length": -5 * M}, {"until": NOW - M}, {"until": NOW},
    {"length": 13 * 60 * M}, {}, {"length": M, "until": NOW + M},
])
def test_bad_starts_change_nothing(world, kwargs):
    with pytest.raises(InvalidInput):
        world.service.start(**kwargs)
    assert world.repo.blocks == {}


def test_starting_twice_or_extending_badly_changes_nothing(world):
    session = world.service.start(length=30 * M)
    with pytest.raises(InvalidInput, match="already focusing"):
        world.service.start(length=30 * M)
    for by in (timedelta(0), -M, 13 * 60 * M):
        with pytest.raises(InvalidInput):
            world.service.extend(by)
    assert list(world.repo.blocks.values()) == [session]


def test_outside_focus_notifications_are_coalesced(world):
    world.arrive("a", due_in=600)
    world.clock.advance(minutes=2)
    world.arrive("b", due_in=600)
    world.arrive("c", due_in=300)
    assert [n.request_ids for n in world.notifier.sent] == [("a",)]
    assert world.service.next_event() == NOW + 10 * M
    world.clock.advance(minutes=8)
    world.service.tick()
    assert world.notifier.sent[-1].request_ids == ("c", "b")
    assert world.notifier.sent[-1].title == "2 new requests"
    assert {k for _r, k in world.kinds()} == {InterruptionKind.ARRIVED}


def test_changed_held_requests_are_decided_again(world):
    world.service.start(length=60 * M)
    request = world.arrive("a", due_in=600)
    world.arrive("b", due_in=600)
    world.clock.advance(minutes=5)
    world.requests.save(replace(request, priority=Priority.URGENT,
                                modified_at=world.clock.now()))
    world.requests.save(replace(world.requests.get("b"), state=State.DONE,
                                modified_at=world.clock.now()))
    world.service.sync_requests()
    assert [n.request_ids for n in world.notifier.sent] == [("a",)]
    assert world.service.held_ids() == []


def test_schedules_become_blocks_with_stable_ids_and_refuse_overlaps(world):
    schedule = world.service.add_schedule("mon-fri 10:30-12:00")  # Berlin
    with pytest.raises(InvalidInput, match="overlaps"):
        world.service.add_schedule("wed 11:00-13:00")
    world.service.add_schedule("sat 11:00-13:00")  # another day is fine
    with pytest.raises(InvalidInput):
        world.service.add_schedule("mon 10:00-10:00x")
    with pytest.raises(InvalidInput, match="time zone"):
        world.service.add_schedule("sun 08:00-09:00", zone="Mars/Olympus")
    assert world.service.next_event() == NOW + 30 * M
    world.clock.advance(minutes=30)
    world.service.tick()
    session = world.service.current()
    assert session is not None
    assert session.schedule_id == schedule.id
    assert session.end == NOW + 120 * M
    world.service.stop()
    world.service.tick()
    assert world.service.current() is None  # a stopped scheduled block is not made again
    world.service.remove_schedule(schedule.id[:8])
    assert [s.text for s in world.service.schedules] == ["sat 11:00-13:00"]


def test_state_bounds_the_suggested_length_by_the_queue(world):
    world.arrive("a", due_in=130, sender="Anna <anna@example.org>")
    state = world.service.state()
    assert state.suggested == 100 * M
    assert state.bounded_by is not None
    assert state.bounded_by.id == "a"
    assert state.next_breach_at == NOW + 100 * M
    assert not state.active


# -- random clocks -------------------------------------------------------------------------


arrivals = st.lists(
    st.tuples(st.integers(0, 89), st.integers(1, 600), st.booleans()), min_size=1, max_size=12)
steps = st.lists(st.integers(1, 40), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(arrivals, steps)
def test_every_request_is_told_exactly_once_at_the_first_look_after_it_is_due(items, clock_steps):
    """During a 90-minute block each arrival comes out once: at once if urgent or due before
    the end (less the margin), else at the first look at the clock at or after
    min(breach, end); never earlier, never twice."""
    world = World()
    world.service.start(length=90 * M)
    end = NOW + 90 * M
    told: dict[str, list[datetime]] = {}
    expected: dict[str, datetime] = {}
    looks: list[datetime] = []
    pending = sorted((at, due, urgent, f"r{n}") for n, (at, due, urgent) in enumerate(items))

    def look() -> None:
        looks.append(world.clock.now())
        for note in world.notifier.sent:
            for rid in note.request_ids:
                told.setdefault(rid, []).append(world.clock.now())
        world.notifier.sent.clear()

    minute, step_iter = -1, itertools.cycle(clock_steps)
    while minute < 120:
        later = min(minute + next(step_iter), 120)
        for item in [p for p in pending if p[0] < later]:
            at, due, urgent, rid = item
            pending.remove(item)
            world.clock.set(NOW + at * M)
            world.arrive(rid, due_in=due, priority=Priority.URGENT if urgent else Priority.NORMAL)
            breach = NOW + (at + due - 30) * M
            expected[rid] = NOW + at * M if urgent or breach < end else min(breach, end)
            look()
        minute = later
        world.clock.set(NOW + minute * M)
        world.service.tick()
        look()
    assert set(told) == set(expected)
    for rid, when in told.items():
        assert when == [min(t for t in looks if t >= expected[rid])]
    assert sorted(e.request_id for e in world.repo.log) == sorted(expected)


# -- looking at the queue on a worker ---------------------------------------------------------


def test_changes_read_on_a_worker_are_acted_on_when_applied_and_not_before(world):
    """The window reads versions off its thread (read_changes) and acts later (apply_changes):
    nothing is decided in between, and what changes after the read is found next time."""
    world.service.start(length=90 * M)
    now = world.clock.now()
    world.requests.save(Request("urgent", "Prod down", now, now, priority=Priority.URGENT,
                                reply_by=now + 600 * M))
    found = world.service.read_changes()
    assert (found.fresh, found.new) == (("urgent",), frozenset({"urgent"}))
    assert world.notifier.sent == []  # reading decides nothing
    world.requests.save(Request("later", "Offsite", now, now, reply_by=now + 24 * 60 * M))
    assert world.service.apply_changes(found) == 1
    assert [n.request_ids for n in world.notifier.sent] == [("urgent",)]
    assert world.service.held_ids() == []  # "later" came after the read
    assert world.service.sync_requests() == 1
    assert world.service.held_ids() == ["later"]


def test_changes_compared_with_an_older_note_are_compared_again(world):
    """A look that compared with versions since replaced (the first look came back while it
    read) compares again with the ones noted, so nothing is told twice or missed."""
    fresh = FocusService(world.repo, world.requests, world.clock, world.notifier,
                         lambda: world.settings)
    now = world.clock.now()
    world.requests.save(Request("there", "Old", now, now, reply_by=now + 60 * M))
    first = fresh.read_versions()  # the first look, on its worker
    world.requests.save(Request("new", "New", now, now, priority=Priority.URGENT,
                                reply_by=now + 60 * M))
    found = fresh.read_changes()  # compared with nothing noted yet
    assert found.base is None
    fresh.first_look(first)  # the first look comes back meanwhile
    assert fresh.apply_changes(found) == 1  # compared again: "new" is new, "there" is not
    assert [n.request_ids for n in world.notifier.sent] == [("new",)]
