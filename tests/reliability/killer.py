# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A driver that runs Unhurried in this process and SIGKILLs it at an exact SQL statement.

Usage (the kill tests start it as a subprocess)::

    python -m tests.reliability.killer PLAN.json

``PLAN.json`` holds ``{"trigger": REGEX, "nth": N, "snapshot": PATH, "database": PATH,
"runs": [ARGV, ...], "gui": false}``. Every SQLite connection the app opens gets a trace
callback; at the N-th statement whose text matches ``trigger`` (before it runs), the driver
reads what is committed at that instant through a second connection, writes it to
``snapshot`` (fsync'd) and kills itself with SIGKILL. That snapshot is exactly what a restart
must find: nothing more, nothing less. Trigger bodies show up as ``-- TRIGGER name``, so a
point can land in the middle of a statement too.

``runs`` are argument lists given in turn to ``desktop.cli.main`` (or ``desktop.app.main``
with ``gui``, or the ``main`` of the module named by ``entry``), so a burst of edits is one
process, as a user's session would be. Exit status 0 means the trigger was never reached.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import re
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any


def committed_rows(database: Path) -> list[list[Any]]:
    """Every request row as committed in ``database`` (empty if there is no file yet)."""
    if not database.exists():
        return []
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "requests" not in tables:
            return []
        return [list(row) for row in conn.execute("SELECT * FROM requests ORDER BY id")]
    finally:
        conn.close()


def committed_settings(database: Path) -> dict[str, str]:
    """The settings table as committed (empty if none)."""
    if not database.exists():
        return {}
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "settings" not in tables:
            return {}
        return dict(conn.execute("SELECT key, value FROM settings").fetchall())
    finally:
        conn.close()


FOCUS_TABLES = ("focus_blocks", "focus_held", "focus_interruptions")


def committed_focus(database: Path) -> dict[str, list[list[Any]]]:
    """The focus tables (blocks, held requests, the interruption log) as committed."""
    if not database.exists():
        return {}
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        return {t: [list(row) for row in conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
                for t in FOCUS_TABLES if t in tables}
    finally:
        conn.close()


def _install(plan: dict[str, Any]) -> None:
    pattern = re.compile(plan["trigger"], re.IGNORECASE)
    seen = 0
    database = Path(plan["database"])
    original = sqlite3.connect

    def trace(statement: str) -> None:
        nonlocal seen
        if not pattern.search(statement):
            return
        seen += 1
        if seen < plan["nth"]:
            return
        snapshot = {"rows": committed_rows(database), "settings": committed_settings(database),
                    "focus": committed_focus(database),
                    "statement": statement[:200]}
        with open(plan["snapshot"], "w", encoding="utf-8") as out:
            json.dump(snapshot, out)
            out.flush()
            os.fsync(out.fileno())
        os.kill(os.getpid(), signal.SIGKILL)

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = original(*args, **kwargs)
        conn.set_trace_callback(trace)
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]


def main(plan_path: str) -> int:
    """Run the plan; returns 0 when the trigger was never reached."""
    plan = json.loads(Path(plan_path).read_text("utf-8"))
    _install(plan)
    if plan.get("entry"):
        run = importlib.import_module(plan["entry"]).main
    elif plan.get("gui"):
        from desktop.app import main as run
    else:
        from desktop.cli import main as run
    for argv in plan["runs"]:
        status = run(argv)
        if status != 0:
            print(f"run {argv} ended with {status}", file=sys.stderr)
            return 10 + status
    return 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1]))
