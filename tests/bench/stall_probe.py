# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long the GUI thread's event loop went without turning: a timer that should fire every
few milliseconds notes the longest gap between two of its ticks. Work that blocks the loop
(a query, a regroup, a relayout) shows as a gap that long.

The clock is injected, so a test can stand in for a blocked loop by moving it on.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer


class StallProbe(QObject):
    """Ticks every ``interval_ms`` while started; :attr:`longest` is the longest gap, seconds."""

    def __init__(self, interval_ms: int = 5, clock: Callable[[], float] = time.perf_counter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last = 0.0
        self.longest = 0.0
        self.ticks = 0

    def start(self) -> None:
        """Start a new measurement (the longest gap so far is forgotten)."""
        self._last = self._clock()
        self.longest = 0.0
        self.ticks = 0
        self._timer.start()

    def stop(self) -> float:
        """End the measurement, counting the gap up to now; returns the longest gap."""
        self._on_timer_timeout()
        self._timer.stop()
        return self.longest

    def _on_timer_timeout(self) -> None:
        now = self._clock()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1
