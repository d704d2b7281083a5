# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A new DM sent by a second user reaches the open window's queue model (offscreen Qt, the
window wired as ``app.py`` wires it: ``install_live_sources``), target <= 2 s; beside a plain
matrix-nio long-poll loop in its own process receiving the same DMs. Five DMs, a second apart;
the figures are the median and the slowest, from the send returning to arrival."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import report
from matrix_seed import PASSWORD, seeded

HERE = Path(__file__).resolve().parent
DMS = 5


def _spin(until, timeout: float) -> bool:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until():
            return True
        time.sleep(0.002)  # a bench's event loop turn, not a test waiting for time
    return False


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from zoneinfo import ZoneInfo

    from nio import AsyncClient

    from PySide6.QtWidgets import QApplication

    from desktop.core.queue.buckets import Bucket
    from desktop.platform.clock import SystemClock
    from desktop.platform.paths import resolve_paths
    from desktop.wiring import matrix
    from desktop.wiring.live_sources import install_live_sources
    from desktop.wiring.services import open_context
    from tests.fakes import FakeSecrets

    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.main_window import MainWindow

    server, info = seeded()
    app = QApplication.instance() or QApplication([])
    listener = subprocess.Popen([sys.executable, str(HERE / "matrix_child.py"), "listen",
                                 server.url, info["dan"]], stdout=subprocess.PIPE, text=True,
                                cwd=HERE)
    runner = asyncio.Runner()
    try:
        assert listener.stdout is not None
        assert listener.stdout.readline().strip() == "ready"
        clock = SystemClock()
        paths = resolve_paths(tempfile.mkdtemp(prefix="unhurried-bench-dm-"))
        context, secrets = open_context(paths, clock), FakeSecrets()
        matrix.set_account(context, secrets, server.url, info["dan"], password=PASSWORD)
        window = MainWindow(context.queue, Formatter(safe_locale("en_GB"), ZoneInfo("UTC")),
                            settings_choices=lambda: (["UTC"], []),
                            data_version=context.requests.data_version, demo=lambda: 0)
        window.load()
        window.show()
        live = install_live_sources(window, window.file_menu, window.demo_action, context,
                                    paths, clock, secrets)
        for source in live:
            source.synced.connect(window.reload)
        assert _spin(lambda: live[-1].label.text().startswith("Matrix synced"), 120)

        def shown() -> int:
            return sum(window.model.count(b) for b in Bucket)

        bob = AsyncClient(server.url, info["bob"])
        runner.run(bob.login(PASSWORD))
        room = info["rooms"][info["dan"]][0]
        sent: dict[str, float] = {}
        app_latency = []
        for n in range(DMS):
            _spin(lambda: False, 1.0)  # both sides back in their long-poll
            before = shown()
            body = f"New DM {n} {time.time()}"
            runner.run(bob.room_send(room, "m.room.message", {"msgtype": "m.text",
                                                               "body": body}))
            sent[body] = time.time()
            assert _spin(lambda before=before: shown() > before, 10), "the DM did not arrive"
            app_latency.append(time.time() - sent[body])
        runner.run(bob.close())
        asked = time.monotonic()
        for source in live:
            source.cancel_and_wait()
        quit_seconds = time.monotonic() - asked
        window.close()
        context.close()
        listener.terminate()
        out, _err = listener.communicate(timeout=10)
        arrivals = {line.split(" ", 1)[1]: float(line.split(" ", 1)[0])
                    for line in out.splitlines() if " " in line}
        peer_latency = [arrivals[body] - at for body, at in sent.items() if body in arrivals]
        app_median = statistics.median(app_latency)
        report("app.matrix_new_dm", DMS, app_median, max_s=round(max(app_latency), 3),
               target_s=2, quit_s=round(quit_seconds, 3))
        peer_median = statistics.median(peer_latency)
        report("peer.nio_long_poll", len(peer_latency), peer_median,
               max_s=round(max(peer_latency), 3), ratio=round(peer_median / app_median, 2))
        del app
    finally:
        runner.close()
        if listener.poll() is None:
            listener.kill()
        server.stop()


if __name__ == "__main__":
    main()
