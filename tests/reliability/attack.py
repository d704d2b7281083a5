# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One hostile input through one parser, in a child process with its memory capped: how long
it took, its peak RSS, and what it reported (issue 21).

``python -m tests.reliability.attack KIND PATH`` runs in the child and prints one JSON line;
:func:`run_attack` starts it with a wall-time limit and ``RLIMIT_AS``, so an attack that
would eat the machine ends as ``MemoryError`` or a timeout instead. It uses only the parsers'
public entry points, so the same file measures an older checkout too (``PYTHONPATH``).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("eml", "maildir", "ics", "caldav", "slack", "csv")


@dataclass(frozen=True)
class Outcome:
    seconds: float
    peak_mb: float
    status: str
    """``ok``, ``timeout``, ``MemoryError``, or the name of an uncaught exception."""
    items: int = 0
    reasons: tuple[str, ...] = ()


def run_attack(kind: str, path: Path, *, timeout: float = 30.0, memory_mb: int = 2_048,
               root: Path = ROOT) -> Outcome:
    """Parse ``path`` as ``kind`` in a child process of the checkout at ``root``."""
    # A clean environment: only what the child needs (another test may leave a variable the
    # child could not even be started with, and the reports are compared in English).
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"),
           "LANGUAGE": "en", "PYTHONPATH": str(root), "ATTACK_MEMORY_MB": str(memory_mb)}
    began = time.monotonic()
    try:
        done = subprocess.run([sys.executable, str(Path(__file__)), kind, str(path)], env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(time.monotonic() - began, float("nan"), "timeout")
    lines = done.stdout.strip().splitlines()
    if not lines:
        return Outcome(time.monotonic() - began, float("nan"),
                       done.stderr.strip().splitlines()[-1:][0] if done.stderr.strip()
                       else f"exit {done.returncode}")
    found = json.loads(lines[-1])
    return Outcome(found["seconds"], found["peak_mb"], found["status"], found["items"],
                   tuple(found["reasons"]))


def _parse(kind: str, path: Path) -> tuple[int, list[str]]:
    """(items read, reasons reported) for one input."""
    if kind in ("eml", "maildir", "csv", "slack"):
        from desktop.core.importing.items import Problem
        from desktop.sources import read_source

        items = list(read_source(kind, path, me="U1"))
        return (sum(not isinstance(i, Problem) for i in items),
                [i.reason for i in items if isinstance(i, Problem)])
    if kind == "ics":
        from desktop.sources.ics import read_ics

        read = read_ics(path, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
        return len(read.events), [p.reason for p in read.problems]
    from desktop.sync.errors import BadItem
    from desktop.sync.ical import parse_item

    try:
        parse_item(path.read_bytes())
    except BadItem as error:
        return 0, [str(error)]
    return 1, []


def _child(kind: str, path: Path) -> dict[str, Any]:
    cap = int(os.environ.get("ATTACK_MEMORY_MB", "2048")) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    began = time.monotonic()
    status, items, reasons = "ok", 0, list[str]()
    try:
        items, reasons = _parse(kind, path)
    except MemoryError:
        status = "MemoryError"
    except Exception as error:  # an uncaught error is the finding: name it
        status = type(error).__name__
    peak = _peak_mb()
    return {"seconds": time.monotonic() - began, "peak_mb": peak, "status": status,
            "items": items, "reasons": reasons[:5]}


def _peak_mb() -> float:
    """This process's peak RSS alone: VmHWM starts afresh at exec, while ``ru_maxrss`` keeps
    the peak of the parent it was forked from (a pytest process of 300 MB, say)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.setrecursionlimit(1_000)
    print(json.dumps(_child(sys.argv[1], Path(sys.argv[2]))))
