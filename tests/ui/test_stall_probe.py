# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bench's event-loop stall probe measures what a blocked loop looks like to it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from stall_probe import StallProbe


class SteppedClock:
    """A clock that moves only when told: the test decides how long the loop was blocked."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_loop_that_keeps_turning_shows_no_gap_beyond_its_steps(qtbot) -> None:
    clock = SteppedClock()
    probe = StallProbe(interval_ms=1, clock=clock)
    probe.start()
    for _step in range(3):
        ticks = probe.ticks
        clock.now += 0.005
        qtbot.waitUntil(lambda t=ticks: probe.ticks > t, timeout=2000)
    assert probe.stop() == pytest.approx(0.005)


def test_a_blocked_loop_shows_as_the_longest_gap(qtbot) -> None:
    clock = SteppedClock()
    probe = StallProbe(interval_ms=1, clock=clock)
    probe.start()
    clock.now += 0.004
    qtbot.waitUntil(lambda: probe.ticks >= 1, timeout=2000)
    clock.now += 0.180  # the loop was held this long: the next tick sees it
    ticks = probe.ticks
    qtbot.waitUntil(lambda: probe.ticks > ticks, timeout=2000)
    clock.now += 0.003
    assert probe.stop() == pytest.approx(0.180)


def test_start_forgets_the_last_measurement(qtbot) -> None:
    clock = SteppedClock()
    probe = StallProbe(interval_ms=1, clock=clock)
    probe.start()
    clock.now += 0.5
    assert probe.stop() == pytest.approx(0.5)
    probe.start()
    clock.now += 0.002
    assert probe.stop() == pytest.approx(0.002)
    assert probe.ticks == 1
