# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window over 200,000 requests (and 20,000, the 1/10 figure) stays responsive: the longest
event-loop stall, measured by a 5 ms timer probe, while the window reads the rest of the queue
after its first paint, while a word is typed into the search box letter by letter (QTest), and
while the queue is scrolled to its end. Target: no stall over 50 ms.

    bench_stall.py [N]       the real window (``desktop.app.main``), offscreen, in this process

Each size runs in a child process of its own (``bench_stall.py --child N``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import benchlib, load_note, report
from fixtures import store_with

N = int(sys.argv[-1]) if len(sys.argv) > 1 and sys.argv[-1].isdigit() else 200_000
TARGET_S = 0.050
WORD = "invoice"
LETTER_MS = 120  # a quick typist
SETTLE_MS = 800  # past the search box's delay and the query
SCROLL_S = 6.0  # at most this long to reach the end


def _child(n: int) -> None:
    from stall_probe import StallProbe

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    data_dir = store_with(Path(benchlib.workdir(f"store-{n}")), n)
    app = QApplication([])
    probe = StallProbe(5)
    results: dict[str, float | int] = {}

    def run() -> None:
        # From the loop's first turn (the window has been built and shown; starting before
        # would count the start itself): the rest of the queue is read meanwhile.
        probe.start()
        from desktop.ui.main_window import MainWindow
        from desktop.ui.queue.rows import QueueRows

        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        deadline = time.perf_counter() + 30
        while not isinstance(window.model._rows, QueueRows) and time.perf_counter() < deadline:
            QTest.qWait(20)
        QTest.qWait(SETTLE_MS)  # the focus service starts after the first paint, too
        results["load"] = probe.stop()

        window.search.setFocus()
        probe.start()
        for letter in WORD:
            QTest.keyClick(window.search, letter)
            QTest.qWait(LETTER_MS)
        QTest.qWait(SETTLE_MS)
        results["typing"] = probe.stop()
        results["found"] = sum(window.model.count(b) for b in _buckets())

        probe.start()
        window.search.clear()
        QTest.qWait(SETTLE_MS)
        results["clearing"] = probe.stop()

        view = window.view
        view.setFocus()
        bar = view.verticalScrollBar()
        total = sum(window.model.count(b) for b in _buckets())
        probe.start()
        started = time.perf_counter()
        while time.perf_counter() - started < SCROLL_S:
            bar.setValue(bar.maximum())  # as dragging the thumb to the bottom does
            QTest.keyClick(view, Qt.Key.Key_End)
            QTest.qWait(10)
            if _shown(window) >= total:
                break
        results["scrolling"] = probe.stop()
        results["scrolled_rows"] = _shown(window)
        results["rows"] = total
        results["scroll_s"] = time.perf_counter() - started
        window.close()
        app.quit()

    QTimer.singleShot(0, run)
    from desktop.app import main as app_main

    app_main(["--data-dir", str(data_dir), "--new-window"])
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()), flush=True)


def _buckets():
    from desktop.core.queue.buckets import Bucket

    return list(Bucket)


def _shown(window) -> int:
    """Requests up to the lowest row on screen: how far down the queue the view has got."""
    from desktop.core.queue.buckets import Bucket

    view, model = window.view, window.model
    bottom = view.rowAt(view.viewport().height() - 1)
    if bottom < 0:  # below the last row (or nothing shown): all of it is on screen
        bottom = model.rowCount() - 1
    titles = sum(1 for b in Bucket if 0 <= model.group_index(b).row() <= bottom)
    return bottom + 1 - titles


def measure(n: int) -> None:
    out = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True,
                         text=True, timeout=300, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"the stall probe never finished:\n{out.stderr[-3000:]}")
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    for phase in ("load", "typing", "clearing", "scrolling"):
        seconds = float(fields[phase])
        extra = {}
        if phase == "typing":
            extra = {"word": WORD, "found": fields["found"]}
        if phase == "scrolling":
            extra = {"rows_reached": f"{fields['scrolled_rows']}/{fields['rows']}",
                     "in_s": round(float(fields["scroll_s"]), 2)}
        report(f"app.stall.{phase}", n, seconds, count=1, target_s=TARGET_S,
               ok=seconds <= TARGET_S, **extra)


def main() -> None:
    for n in (N // 10, N):
        print(load_note(f"n={n}"), flush=True)
        measure(n)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child(N)
    else:
        main()
