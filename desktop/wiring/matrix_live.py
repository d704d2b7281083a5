# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Matrix while the window is open: ``/sync`` as a long-poll in a loop, on the window's one
background helper (:class:`desktop.ui.common.operation.Operation`).

The server holds each ``/sync`` until something happens (up to :data:`WAIT_MS`), so a new DM
is in the store about as soon as it was sent. Every committed page is told to the window (it
reloads the queue). When the server goes away the loop says so in the status bar and tries
again after a growing pause (:data:`BACKOFF`); it resumes from the token saved with the last
committed page, so nothing is read twice. A refused login ends the loop (the user must act).
Cancelling (the window closing) ends a held ``/sync`` within a tenth of a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop.core.i18n import _
from desktop.core.ports import Clock, SecretStore
from desktop.platform.paths import AppPaths
from desktop.sources.matrix import Cancelled, MatrixError, Session
from desktop.wiring import matrix
from desktop.wiring.services import open_context
from desktop.wiring.source_report import SourceReport

WAIT_MS = 30_000
"""How long the server may hold one ``/sync`` when nothing happens."""
BACKOFF = (1, 2, 4, 8, 15, 30)
"""Seconds to wait after the 1st, 2nd, … failure in a row (the last one repeats)."""


def _pause(seconds: float, cancelled: Callable[[], bool]) -> None:
    end = time.monotonic() + seconds
    while not cancelled() and time.monotonic() < end:
        time.sleep(min(0.1, max(0.0, end - time.monotonic())))


def matrix_live_job(paths: AppPaths, clock: Clock, secrets: SecretStore,
                    tell: Callable[[object], None], cancelled: Callable[[], bool], *,
                    wait_ms: int = WAIT_MS, backoff: tuple[float, ...] = BACKOFF,
                    pause: Callable[[float, Callable[[], bool]], None] = _pause
                    ) -> SourceReport:
    """Sync until ``cancelled()``; ``tell`` hears each committed page (a
    :class:`SourceReport`) and, while the server is away, a line for the status bar.

    Returns the totals when cancelled.

    Raises:
        desktop.wiring.live_sources.SourceFailed: the login was refused, or there is no
            account or token.
    """
    from desktop.wiring.live_sources import SourceFailed

    context = open_context(paths, clock)
    session: Session | None = None
    total = SourceReport()
    failures = 0
    first = True

    def committed(report: SourceReport) -> None:
        total.received += report.received
        total.answered += report.answered
        tell(report)

    try:
        while not cancelled():
            try:
                if session is None:
                    session = matrix.open_session(context, secrets)
                matrix.sync(context, secrets, session=session, cancelled=cancelled,
                            wait_ms=0 if first or failures else wait_ms,
                            committed=committed)
                first, failures = False, 0
            except Cancelled:
                break
            except MatrixError as error:
                if error.refused:
                    raise SourceFailed(error.message) from None
                failures += 1
                seconds = backoff[min(failures, len(backoff)) - 1]
                tell(_("{reason} Trying again in {seconds} s.").format(
                    reason=error.message, seconds=seconds))
                pause(seconds, cancelled)
        return total
    finally:
        total.cancelled = True
        if session is not None:
            session.close()
        context.close()
