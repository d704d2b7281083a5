# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regrouping 100,000 open requests when the clock moves (buckets and time left), in the
window's model, offscreen. Target: 50 ms. The peer is a plain Python pass that computes every
request's bucket one by one, the way a model without sorted cuts would."""

from __future__ import annotations

import os
import statistics
import sys
from datetime import timedelta
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import Timer, report
from fixtures import CORPUS_END, corpus_requests

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


class Clock:
    def __init__(self) -> None:
        self.moment = CORPUS_END

    def now(self):
        return self.moment


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.core.queue.service import QueueService
    from tests.fakes import MemoryRequestRepository, MemorySettingsStore, no_holidays

    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.queue.model import QueueModel

    app = QApplication.instance() or QApplication([])
    clock = Clock()
    repo = MemoryRequestRepository()
    queue = QueueService(repo, MemorySettingsStore({"timezone": "Europe/Berlin"}), clock,
                         no_holidays, "Europe/Berlin")
    queue.put_many(corpus_requests(N))
    model = QueueModel(queue, Formatter(safe_locale("en"), ZoneInfo("Europe/Berlin")), {})
    model.load_entries(queue.entries(), clock.now())
    times, moved = [], 0
    for _step in range(30):
        clock.moment += timedelta(minutes=7)
        with Timer() as t:
            moved += model.refresh(clock.moment)
        times.append(t.seconds)
    median = statistics.median(times)
    report("app.regroup", N, median, count=1, max_ms=round(max(times) * 1000, 2),
           moves_with_changes=moved, target_ms=50)

    active = queue.active()
    peer_times = []
    for _step in range(3):
        clock.moment += timedelta(minutes=7)
        with Timer() as t:
            edges = queue.edges(clock.moment)
            [edges.bucket_of(r) for r in active]
        peer_times.append(t.seconds)
    peer = statistics.median(peer_times)
    report("peer.per_row_bucketing", N, peer, count=1, ratio=round(peer / median, 1))
    del app


if __name__ == "__main__":
    main()
