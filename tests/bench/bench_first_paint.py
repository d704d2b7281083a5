# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Opening the window on a store of 1,000,000 requests (and 100,000, the 1/10 figure): process
start to first paint, and each process's own peak memory, beside a bare QTableView over the same
rows in a fresh process. Target: at most the peer's time (1.0×), 250 MB.

    bench_first_paint.py [N]     N requests (default 1,000,000), then N/10
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import benchlib, load_note, report
from fixtures import store_with

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = 3
CHILD = Path(__file__).with_name("paint_child.py")


def _measure(kind: str, data_dir: Path) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    out = subprocess.run([sys.executable, str(CHILD), kind, str(data_dir)], env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("PAINTED")), None)
    if line is None:
        raise SystemExit(f"{kind} never painted:\n{out.stderr[-2000:]}")
    _tag, stamp, rss = line.split()
    return float(stamp) - started, float(rss)


def measure(n: int) -> None:
    data_dir = store_with(Path(benchlib.workdir(f"store-{n}")), n)
    results = {}
    for kind in ("app", "peer"):
        runs = [_measure(kind, data_dir) for _run in range(RUNS)]
        results[kind] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))
    app_s, app_mb = results["app"]
    peer_s, peer_mb = results["peer"]
    report("app.first_paint", n, app_s, count=1, peak_rss_mb=app_mb, target_ratio=1.0,
           target_mb=250)
    report("peer.qtableview_first_paint", n, peer_s, count=1, peak_rss_mb=peer_mb,
           ratio=round(app_s / peer_s, 2))


def main() -> None:
    for n in (N // 10, N):
        print(load_note(f"n={n}"), flush=True)
        measure(n)


if __name__ == "__main__":
    main()
