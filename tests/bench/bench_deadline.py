# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reply-by for 1,000,000 requests (and 100,000, the 1/10 figure): Unhurried's calendar beside
businesstimedelta and pandas' CustomBusinessHour, in the same process, on the same received
times (8 business hours, Europe/Berlin, Berlin holidays). Results must equal businesstimedelta's
on every row the peer computes, and the array path's must equal the pure loop's (the reference
of the property tests) on every row. A comment line also gives the ratio in CPU time, which the
machine's load moves less than wall time (businesstimedelta slows more under load).

    bench_deadline.py [N [PEER_N]]    default 1,000,000 and 100,000 (the peer's rate is per row,
                                      so its ratio holds; it would take minutes on a million)
"""

from __future__ import annotations

import sys
import time as clock
from datetime import UTC, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from common import Timer, load_note, received_times, report

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
PEER_N = int(sys.argv[2]) if len(sys.argv) > 2 else min(N, 100_000)


def main() -> None:
    from desktop.core.calendar import BusinessCalendar
    from desktop.core.working_hours import WorkingHours
    from desktop.platform.holidays import holiday_lookup

    zone = ZoneInfo("Europe/Berlin")
    starts = received_times(N)
    years = range(min(s.year for s in starts) - 1, max(s.year for s in starts) + 2)
    berlin = holidays.country_holidays("DE", subdiv="BE", years=years)
    eight = timedelta(hours=8)

    # The app's own holiday source, as the wiring makes it (desktop.platform.holidays), without
    # its disk cache: each year's dates are computed inside the timed call, as on a first run.
    calendar = BusinessCalendar(zone, WorkingHours.office(), holidays=holiday_lookup("DE", "BE"))
    print(load_note(), flush=True)
    cpu = clock.process_time()
    with Timer() as t:  # first, so it pays for building the calendar's timeline
        ours = calendar.add_many(starts, eight)
    cpu = clock.process_time() - cpu
    report("app.deadline", N, t.seconds)
    with Timer() as t10:
        calendar.add_many(starts[:N // 10], eight)
    pure = [calendar.add(s, eight) for s in starts]  # the loop the property tests check
    same_pure = sum(a == b and a.tzinfo is b.tzinfo for a, b in zip(ours, pure, strict=True))
    print(f"# app.deadline array path against the pure path: identical={same_pure}/{N}",
          flush=True)

    peer_starts = starts[:PEER_N]
    btd = _businesstimedelta(peer_starts, berlin)
    if btd is not None:
        seconds, theirs, btd_cpu = btd
        same = sum(a == b.astimezone(UTC) for a, b in zip(ours, theirs, strict=False))
        report("peer.businesstimedelta", PEER_N, seconds, identical=f"{same}/{PEER_N}",
               ratio=round((PEER_N / seconds and (N / t.seconds) / (PEER_N / seconds)), 1))
    pd_result = _pandas(peer_starts, berlin, zone)
    if pd_result is not None:
        seconds, theirs = pd_result
        same = sum(a == b for a, b in zip(ours, theirs, strict=False))
        report("peer.pandas_cbh", PEER_N, seconds, identical=f"{same}/{PEER_N}",
               ratio=round((N / t.seconds) / (PEER_N / seconds), 1))
    # After the peers: run.py pairs each peer line with the app line before it.
    if btd is not None:  # CPU time moves less with the machine's load than wall time does
        print(f"# app.deadline CPU time: app {cpu:.3f} s for {N}, businesstimedelta "
              f"{btd_cpu:.3f} s for {PEER_N}: ratio {(N / cpu) / (PEER_N / btd_cpu):.1f}x",
              flush=True)
    print(f"# app.deadline at 1/10 (n={N // 10}): seconds={t10.seconds:.6g} "
          f"growth={t.seconds / t10.seconds:.1f}x for 10x the rows", flush=True)


def _businesstimedelta(starts, berlin):
    try:
        import businesstimedelta as btd
        import pytz
    except ImportError:
        print("peer.businesstimedelta skipped: pip install businesstimedelta pytz")
        return None
    tz = pytz.timezone("Europe/Berlin")
    rules = btd.Rules([btd.WorkDayRule(start_time=time(9), end_time=time(17),
                                       working_days=[0, 1, 2, 3, 4], tz=tz),
                       btd.HolidayRule(berlin, tz=tz)])
    delta = btd.BusinessTimeDelta(rules, hours=8)
    cpu = clock.process_time()
    with Timer() as t:
        out = [s.astimezone(tz) + delta for s in starts]
    return t.seconds, out, clock.process_time() - cpu


def _pandas(starts, berlin, zone):
    try:
        import pandas as pd
    except ImportError:
        print("peer.pandas_cbh skipped: pip install pandas")
        return None
    offset = 8 * pd.offsets.CustomBusinessHour(start="09:00", end="17:00",
                                              holidays=sorted(berlin))
    with Timer() as t:
        out = [(pd.Timestamp(s.astimezone(zone).replace(tzinfo=None)) + offset)
               .tz_localize(zone).to_pydatetime().astimezone(UTC) for s in starts]
    return t.seconds, out


if __name__ == "__main__":
    main()
