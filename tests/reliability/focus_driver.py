# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The focus service on a real store with a set clock, for the focus kill points.

``main(["--data-dir", DIR, STEP, AT, *ARGS])`` opens the store at instant ``AT`` (ISO 8601)
and runs one step, as the window's focus controller would: ``start MINUTES``, ``arrive N
DUE_MINUTES`` (N requests due that long after ``AT``, seen by ``sync_requests``), ``extend
MINUTES``, ``tick`` and ``stop``. The killer runs it in place of ``desktop.cli.main``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop.core.ports import Notification
from desktop.platform.paths import resolve_paths
from desktop.wiring.services import open_context, open_focus
from tests.fakes import FakeClock


class _Quiet:
    def notify(self, notification: Notification) -> bool:
        del notification
        return True


def main(argv: list[str]) -> int:
    """Run one step; 0 when it ran."""
    assert argv[0] == "--data-dir"
    data_dir, step, at, *args = argv[1:]
    clock = FakeClock(datetime.fromisoformat(at))
    ctx = open_context(resolve_paths(Path(data_dir)), clock)
    try:
        service = open_focus(ctx, _Quiet())
        if step == "start":
            service.start(length=timedelta(minutes=int(args[0])))
        elif step == "arrive":
            service.sync_requests()  # the first call only takes note of what is there
            for n in range(int(args[0])):
                ctx.queue.add(f"Focus arrival {n}", sender=f"a{n}@example.org",
                              due=clock.now() + timedelta(minutes=int(args[1])))
            service.sync_requests()
        elif step == "extend":
            service.extend(timedelta(minutes=int(args[0])))
        elif step == "tick":
            service.tick()
        elif step == "stop":
            service.stop()
        else:
            raise ValueError(step)
    finally:
        ctx.close()
    return 0
