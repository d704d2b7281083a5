# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Delivering the outbox from the window: a timer armed for the next due draft, the delivery
itself on a worker thread (SMTP may take seconds), the report back on the GUI thread.

The timer is capped at an hour and re-armed, because a QTimer overflows past 2^31 ms and
because the command line may queue drafts behind the window's back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.drafting.outbox import DeliveryReport
from desktop.core.i18n import _

from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)

MAX_WAIT_MS = 60 * 60 * 1000


class OutboxRunner(QObject):
    """Runs ``deliver`` when a draft is due, one round at a time.

    Args:
        deliver: sends the due drafts (opens its own store connection: it runs off the GUI
            thread).
        next_due: when the next queued draft is due (read on the GUI thread).
        now: the current instant.
        threaded: run ``deliver`` on a worker thread (tests pass ``False``).
    """

    delivered = Signal(DeliveryReport)
    failed = Signal(str)  # a delivery round broke: the message for the user

    def __init__(self, deliver: Callable[[], DeliveryReport],
                 next_due: Callable[[], datetime | None], now: Callable[[], datetime],
                 parent: QObject | None = None, *, threaded: bool = True,
                 max_wait_ms: int = MAX_WAIT_MS) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._next_due = next_due
        self._now = now
        self._max_wait = max_wait_ms
        self._op = Operation(self, "unhurried-outbox", threaded=threaded)
        self._again = False
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.deliver_soon)

    @property
    def running(self) -> bool:
        """Whether a delivery round is under way."""
        return self._op.running

    def start(self) -> None:
        """Arm the timer for the next due draft."""
        self.arm()

    def arm(self) -> None:
        """Set the timer to the next due draft (at most an hour away)."""
        due = self._next_due()
        if due is None:
            wait = self._max_wait
        else:
            wait = int(max((due - self._now()).total_seconds(), 0) * 1000)
        self.timer.start(min(wait, self._max_wait))

    def deliver_soon(self) -> None:
        """Start a delivery round now (or right after the one running)."""
        if self._op.running:
            self._again = True
            return
        self.timer.stop()
        self._op.start(lambda _step: self._deliver(), done=self._on_delivered,
                       failed=self._on_failed, describe=str)

    def _on_delivered(self, report: DeliveryReport) -> None:
        self.delivered.emit(report)
        self._next_round()

    def _on_failed(self, reason: str) -> None:  # the next round tries again
        self.failed.emit(_("The outbox could not be delivered ({reason}). It is tried "
                           "again later.").format(reason=reason))
        self._next_round()

    def _next_round(self) -> None:
        if self._again:
            self._again = False
            self.deliver_soon()
            return
        self.arm()

    def stop(self) -> None:
        """Stop the timer and wait for a running round (it finishes its message)."""
        self.timer.stop()
        self._op.wait(60)
