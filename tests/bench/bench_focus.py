# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deciding releases for 10,000 held requests when the clock moves, beside a plain pass that
checks every held request each time. Target: 20 ms."""

from __future__ import annotations

import random
import statistics
import sys
from datetime import UTC, datetime, timedelta

from common import Timer, report

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
STEPS = 60


def main() -> None:
    from desktop.core.focus.blocks import FocusPolicy, HeldRequests
    from desktop.core.requests import Request

    rng = random.Random(1)
    start = datetime(2026, 11, 25, 9, tzinfo=UTC)
    policy = FocusPolicy()
    requests = [Request(f"r{n}", "s", start, start,
                        reply_by=start + timedelta(minutes=rng.randint(30, 6000)))
                for n in range(N)]
    held = HeldRequests()
    for request in requests:
        held.hold(request.id, policy.breach_at(request))
    times, released = [], 0
    for step in range(1, STEPS + 1):
        now = start + timedelta(minutes=step)
        with Timer() as t:
            released += len(held.due(now))
            held.next_release()
        times.append(t.seconds)
    report("app.batch_decide", N, statistics.median(times), count=1,
           max_ms=round(max(times) * 1000, 3), released=released, target_ms=20)

    pending = {r.id: r for r in requests}
    peer_times = []
    for step in range(1, STEPS + 1):
        now = start + timedelta(minutes=step)
        with Timer() as t:
            out = [rid for rid, r in pending.items() if policy.breach_at(r) <= now]
            for rid in out:
                del pending[rid]
        peer_times.append(t.seconds)
    peer = statistics.median(peer_times)
    report("peer.scan_all_held", N, peer, count=1,
           ratio=round(peer / statistics.median(times), 1))


if __name__ == "__main__":
    main()
