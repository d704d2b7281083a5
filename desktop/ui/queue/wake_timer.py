# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One timer for everything time-driven in the queue.

It fires at the next moment a request changes bucket, with the interval capped (QTimer cannot
wait longer than 2^31 ms, and a capped wait also recovers from missed wake-ups), and once a
minute to refresh the time-left column. A wall-clock gap between ticks (the machine slept, or
the clock was set) re-plans at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

MAX_WAIT = timedelta(hours=1)
TICK = timedelta(minutes=1)
JUMP = timedelta(minutes=2)


class WakeTimer(QObject):
    """Emits ``due`` when requests may have changed bucket and ``ticked`` once a minute.

    Args:
        now: reads the current time (the injected clock).
        next_change: returns the next moment a bucket changes.
    """

    due = Signal()
    ticked = Signal()

    def __init__(self, now: Callable[[], datetime], next_change: Callable[[], datetime],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._next_change = next_change
        self._wake = QTimer(self, singleShot=True, timerType=Qt.TimerType.CoarseTimer)
        self._wake.timeout.connect(self._on_wake_timeout)
        self._tick = QTimer(self, singleShot=True)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._last_tick = now()
        self.planned_for: datetime | None = None

    def start(self) -> None:
        """Plan the first wake-up and start the minute tick."""
        self.replan()
        self._arm_tick()

    def stop(self) -> None:
        """Wake no more (until :meth:`start`)."""
        self._wake.stop()
        self._tick.stop()

    def replan(self) -> None:
        """Compute the next bucket change again and arm the timer for it."""
        now = self._now()
        self.planned_for = self._next_change()
        wait = min(max(self.planned_for - now, timedelta(0)), MAX_WAIT)
        self._wake.start(int(wait.total_seconds() * 1000) + 50)

    def _arm_tick(self) -> None:
        now = self._now()
        to_next_minute = 60 - now.second - now.microsecond / 1e6
        self._tick.start(max(int(to_next_minute * 1000), 200))

    def _on_wake_timeout(self) -> None:
        self.due.emit()
        self.replan()

    def _on_tick_timeout(self) -> None:
        now = self._now()
        gap = now - self._last_tick
        self._last_tick = now
        if gap > JUMP or gap < timedelta(0):  # slept or the clock was set: start over
            self.due.emit()
            self.replan()
        self.ticked.emit()
        self._arm_tick()
