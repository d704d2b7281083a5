# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A first Matrix sync of 20 direct rooms x 1,000 messages from a local Synapse (every message
becomes a request), beside a plain matrix-nio script that pages every room's full history;
each side in its own process, twice, alternating (the better run of each counts). Target: at
least as fast, peak RSS <= 150 MB. Also the figure at 1/10 the size (2 rooms x 1,000)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from common import report
from matrix_seed import ROOMS, SMALL_ROOMS, seeded

HERE = Path(__file__).resolve().parent
RUNS = 2


def _child(side: str, url: str, user: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(HERE / "matrix_child.py"), side, url, user],
                         check=True, capture_output=True, text=True, cwd=HERE).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    server, info = seeded()
    try:
        for suffix, user, rooms in (("", info["ann"], ROOMS),
                                    ("_tenth", info["cat"], SMALL_ROOMS)):
            runs: dict[str, list[dict[str, float]]] = {"app": [], "peer": []}
            for _ in range(RUNS):
                for side in ("app", "peer"):
                    runs[side].append(_child(side, server.url, user))
            app = min(runs["app"], key=lambda r: r["seconds"])
            peer = min(runs["peer"], key=lambda r: r["seconds"])
            report(f"app.matrix_first_sync{suffix}", int(app["count"]), app["seconds"],
                   rooms=rooms, cpu_s=round(app["cpu"], 2), peak_mb=app["peak_mb"],
                   target_peak_mb=150)
            report(f"peer.nio_page_history{suffix}", int(peer["count"]), peer["seconds"],
                   rooms=rooms, cpu_s=round(peer["cpu"], 2), peak_mb=peer["peak_mb"],
                   ratio=round(peer["seconds"] / app["seconds"], 2))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
