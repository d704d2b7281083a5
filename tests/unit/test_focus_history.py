# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus history for the measures, read from what the focus feature stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.focus.blocks import Reason
from desktop.core.focus.log import Interruption, InterruptionKind
from desktop.core.focus.plan import FocusSession
from desktop.core.health.measures import FocusSpan
from desktop.core.health.measures import Interruption as Moment
from desktop.store.db import open_database
from desktop.store.focus_history import StoreFocusHistory
from desktop.store.focus_repository import SqliteFocusRepository

T = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T + timedelta(hours=hours)


def test_blocks_and_interruptions_come_back_as_the_measures_need_them() -> None:
    db = open_database(":memory:", T)
    focus = SqliteFocusRepository(db)
    focus.save_session(FocusSession("early", at(0), at(2), at(0), ended_at=at(1)))
    focus.save_session(FocusSession("full", at(3), at(4.5), at(3)))
    focus.save_session(FocusSession("gone", at(5), at(6), at(5), deleted_at=at(5)))
    focus.save_session(FocusSession("later", at(30), at(31), at(3)))

    def log(hours: float, kind: InterruptionKind, request: str) -> Interruption:
        return Interruption(at(hours), request, kind, Reason.DIGEST)

    focus.release([], [
        log(0.5, InterruptionKind.BREAKTHROUGH, "a"),
        log(3.5, InterruptionKind.DIGEST, "b"), log(3.5, InterruptionKind.DIGEST, "c"),
        log(8, InterruptionKind.ARRIVED, "d"),  # outside focus: not an interruption
    ])
    history = StoreFocusHistory(db)

    assert history.spans(at(-1), at(24)) == [FocusSpan(at(0), at(1)), FocusSpan(at(3), at(4.5))]
    assert history.spans(at(0.5), at(3.5)) == [FocusSpan(at(0), at(1)),
                                                FocusSpan(at(3), at(4.5))]
    assert history.spans(at(1), at(3)) == []  # touching is not overlapping
    assert history.interruptions(at(-1), at(24)) == [Moment(at(0.5)), Moment(at(3.5))]
    assert history.interruptions(at(1), at(3.5)) == []
