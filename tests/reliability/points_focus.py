# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill points in focus blocks: starting one, letting held requests out near their reply-by,
and writing the digest when a block stops. The killed process is ``focus_driver`` (the focus
service on the real store, with a set clock, as the window's controller drives it).

After each restart the held requests must all come out exactly once: a late tick (after every
block) empties ``focus_held``, and the interruption log names every arrival once, none of them
also still held.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.reliability import focus_driver
from tests.reliability.kill_points import Inputs, KillPoint, register

DATABASE = "unhurried.sqlite3"
ENTRY = "tests.reliability.focus_driver"
ARRIVALS = 4

_START = ["start", "2026-11-25T09:00:00+00:00", "120"]
_ARRIVE = ["arrive", "2026-11-25T09:10:00+00:00", str(ARRIVALS), "240"]  # held: due 13:10
_EXTEND = ["extend", "2026-11-25T09:20:00+00:00", "120"]  # now the block ends after 12:40
_NEAR = ["tick", "2026-11-25T12:45:00+00:00"]  # breach 12:40: they come out near-deadline
_STOP = ["stop", "2026-11-25T10:00:00+00:00"]
_LATE = ["tick", "2026-11-25T16:00:00+00:00"]  # after every block


def _drive(data_dir: Path, *steps: list[str]) -> None:
    for step in steps:
        assert focus_driver.main(["--data-dir", str(data_dir), *step]) == 0


def _prepared(*steps: list[str]) -> Callable[[Inputs, Path], None]:
    def prepare(_inputs: Inputs, data_dir: Path) -> None:
        from desktop.platform.paths import resolve_paths
        from desktop.wiring.services import open_context

        open_context(resolve_paths(data_dir)).close()
        _drive(data_dir, *steps)
    return prepare


def _runs(*steps: list[str]) -> Callable[[Inputs, Path], list[list[str]]]:
    return lambda _inputs, _data: [list(s) for s in steps]


def _settles(*steps: list[str]) -> Callable[[Inputs, Path], None]:
    """After the restart: run ``steps``, then a late tick; every arrival is out exactly once."""
    def check(_inputs: Inputs, data_dir: Path) -> None:
        _drive(data_dir, *steps, _LATE)
        conn = sqlite3.connect(f"file:{data_dir / DATABASE}?mode=ro", uri=True)
        try:
            arrivals = {r[0] for r in conn.execute(
                "SELECT id FROM requests WHERE subject LIKE 'Focus arrival %'")}
            held = [r[0] for r in conn.execute("SELECT request_id FROM focus_held")]
            logged = Counter(r[0] for r in conn.execute(
                "SELECT request_id FROM focus_interruptions"))
        finally:
            conn.close()
        assert len(arrivals) == ARRIVALS
        assert held == [], "requests still held after every block ended"
        assert set(logged) == arrivals, "a held request never came out (lost)"
        assert all(n == 1 for n in logged.values()), f"a request came out twice: {logged}"
    return check


_ENDED = _prepared(_START, _ARRIVE)
for name, runs, prepare, trigger, nth, then in (
    ("start-before-commit", _runs(_START), _prepared(), r"^COMMIT", 1,
     (["start", "2026-11-25T09:05:00+00:00", "120"], _ARRIVE)),
    ("near-deadline-release", _runs(_NEAR), _prepared(_START, _ARRIVE, _EXTEND),
     r"^INSERT INTO focus_interruptions", 1, ()),
    ("stop-before-block-commit", _runs(_STOP), _ENDED, r"^COMMIT", 1, ()),
    ("digest-inside-release", _runs(_STOP), _ENDED, r"^INSERT INTO focus_interruptions", 2,
     ()),
    ("digest-before-commit", _runs(_STOP), _ENDED, r"^COMMIT", 2, ()),
):
    register(KillPoint(f"focus-{name}", "focus", runs, trigger, nth, prepare=prepare,
                       entry=ENTRY, check=_settles(*then)))
