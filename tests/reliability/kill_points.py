# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The registry of kill points: where the app is SIGKILLed, and what a restart must find.

Each feature adds its points in a module of its own, ``tests/reliability/points_<area>.py``,
that calls :func:`register` at import; ``test_kill.py`` imports every such module and runs each
point. A point names the SQL statement to die at (a regular expression and which occurrence,
see ``killer.py``), the commands the killed process runs, and what to check after the restart:

- always: the store opens, passes ``PRAGMA integrity_check``, and holds exactly the requests
  (and settings) that were committed at the kill, no more, no fewer;
- with ``resume``: running the same commands again gives the queue of a run never killed
  (nothing lost, nothing twice);
- ``check``: anything else (a migration's backup, for example).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Inputs:
    """Files made once per test session for every point to use (see ``corpus.py``)."""

    root: Path
    csv: Path
    maildir: Path
    slack: Path
    first_schema: Path
    demo_store: Path
    """A store with the demo requests: the starting point for edits."""
    demo_ids: tuple[str, ...]


def _nothing(inputs: Inputs, data_dir: Path) -> None:
    del inputs, data_dir


@dataclass(frozen=True)
class KillPoint:
    """One place to kill the app, and how to judge the restart."""

    name: str
    area: str
    """import, edit, migration, settings, focus (later: sync, drafting)."""
    runs: Callable[[Inputs, Path], list[list[str]]]
    """Argument lists (without ``--data-dir``) run one after another in the killed process."""
    trigger: str
    """Regular expression on the SQL text (``-- TRIGGER name`` for trigger bodies)."""
    nth: int = 1
    prepare: Callable[[Inputs, Path], None] = _nothing
    """Puts a store (or settings) into the data dir before the run."""
    resume: bool = False
    """Run ``runs`` again after the restart; the result must equal an unkilled run."""
    gui: bool = False
    """Run ``desktop.app.main`` (the window, offscreen) instead of the CLI."""
    entry: str = ""
    """A module whose ``main(argv)`` runs ``runs`` instead of the CLI (a driver of a service
    the CLI does not reach, such as focus holding)."""
    check: Callable[[Inputs, Path], None] | None = None
    ignore: tuple[str, ...] = field(default=("modified_at",))
    """Columns that may differ between a resumed and an unkilled run."""


KILL_POINTS: list[KillPoint] = []


def register(point: KillPoint) -> KillPoint:
    """Add ``point`` to the registry (names are unique)."""
    if any(p.name == point.name for p in KILL_POINTS):
        raise ValueError(f"kill point {point.name!r} is registered twice")
    KILL_POINTS.append(point)
    return point
