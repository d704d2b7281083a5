# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker on a 2,000-word message, as the editor runs it while one types.
Target: 30 ms. There is no peer that checks the same things; the line stands alone.

``app.check.secrets`` is detect-secrets on the same text: the editor runs it on a worker
thread after each check, so no keystroke waits for it; it has no target of its own."""

from __future__ import annotations

import random
import statistics

from common import Timer, report

SAMPLE = ("please review the proposal for the budget and confirm the numbers by Thursday "
          "17:00 UTC we need a decision on the migration see https://docs.example.org/plan "
          "the doc ASAP tomorrow at 10:30 @here token")


def main() -> None:
    from desktop.core.drafting.checker import check
    from desktop.platform.secret_scan import scan

    rng = random.Random(7)
    words = SAMPLE.split(" ")
    text = " ".join(rng.choice(words) + ("\n\n" if rng.random() < 0.02 else "")
                    for _ in range(2000))
    times, found = [], 0
    for _run in range(20):
        with Timer() as t:
            found = len(check(text))
        times.append(t.seconds)
    report("app.check", 2000, statistics.median(times), count=1, findings=found,
           max_ms=round(max(times) * 1000, 2), target_ms=30)
    scan(text)  # the plugins load once, when the first draft is checked
    times, hits = [], 0
    for _run in range(5):
        with Timer() as t:
            hits = len(scan(text))
        times.append(t.seconds)
    report("app.check.secrets", 2000, statistics.median(times), count=1, hits=hits,
           max_ms=round(max(times) * 1000, 2), thread="worker")


if __name__ == "__main__":
    main()
