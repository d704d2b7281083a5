# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""SIGKILL at every registered kill point (``points_*.py``), then restart.

After each kill: the file passes ``integrity_check`` and holds exactly what was committed at
the kill (read before the app touches it again); the app then opens it (exit 0); points that
resume run their commands again and must end with the queue of a run that was never killed.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tests.reliability as package
from desktop.cli import main as cli_main
from tests.reliability.kill_points import KILL_POINTS, Inputs, KillPoint
from tests.reliability.killer import committed_focus, committed_rows, committed_settings

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "unhurried.sqlite3"

for _info in pkgutil.iter_modules(package.__path__):
    if _info.name.startswith("points_"):
        importlib.import_module(f"{package.__name__}.{_info.name}")

_COLUMNS: list[str] = []
_CLEAN: dict[str, list[dict[str, Any]]] = {}


def _run_killed(point: KillPoint, inputs: Inputs, data_dir: Path, work: Path) -> dict[str, Any]:
    snapshot = work / "snapshot.json"
    plan = work / "plan.json"
    runs = [["--data-dir", str(data_dir), *argv] for argv in point.runs(inputs, data_dir)]
    plan.write_text(json.dumps({"trigger": point.trigger, "nth": point.nth, "runs": runs,
                                "snapshot": str(snapshot), "gui": point.gui,
                                "entry": point.entry,
                                "database": str(data_dir / DATABASE)}), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(work), HOME=str(work))
    result = subprocess.run([sys.executable, "-m", "tests.reliability.killer", str(plan)],
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == -9, (
        f"the kill point was never reached (exit {result.returncode}): {result.stderr[-2000:]}")
    return json.loads(snapshot.read_text("utf-8"))


def _rows(data_dir: Path, ignore: tuple[str, ...]) -> list[dict[str, Any]]:
    database = data_dir / DATABASE
    conn = sqlite3.connect(database)
    try:
        names = [d[1] for d in conn.execute("PRAGMA table_info(requests)")]
    finally:
        conn.close()
    return [{k: v for k, v in zip(names, row, strict=True) if k not in ignore}
            for row in committed_rows(database)]


def _clean(point: KillPoint, inputs: Inputs, tmp_path_factory: pytest.TempPathFactory) -> list[
        dict[str, Any]]:
    if point.name not in _CLEAN:
        data_dir = tmp_path_factory.mktemp("clean") / "data"
        point.prepare(inputs, data_dir)
        for argv in point.runs(inputs, data_dir):
            assert cli_main(["--data-dir", str(data_dir), *argv]) == 0
        _CLEAN[point.name] = _rows(data_dir, point.ignore)
    return _CLEAN[point.name]


@pytest.mark.parametrize("point", KILL_POINTS, ids=lambda p: p.name)
def test_a_kill_loses_nothing_committed_and_the_restart_opens(
        point: KillPoint, inputs: Inputs, tmp_path: Path,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    data_dir = tmp_path / "data"
    point.prepare(inputs, data_dir)
    snapshot = _run_killed(point, inputs, data_dir, tmp_path)

    database = data_dir / DATABASE
    conn = sqlite3.connect(database)  # recovers the WAL as any restart would
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert committed_rows(database) == snapshot["rows"], (
        f"killed at {snapshot['statement']!r}: the store differs from what was committed")
    assert committed_settings(database) == snapshot["settings"]
    assert committed_focus(database) == snapshot["focus"]

    assert cli_main(["--data-dir", str(data_dir), "list", "--all", "--json"]) == 0
    if point.check is not None:
        point.check(inputs, data_dir)
    if point.resume:
        for argv in point.runs(inputs, data_dir):
            assert cli_main(["--data-dir", str(data_dir), *argv]) == 0
        assert _rows(data_dir, point.ignore) == _clean(point, inputs, tmp_path_factory)


def test_the_registry_covers_every_area() -> None:
    areas = {p.area for p in KILL_POINTS}
    assert {"import", "edit", "migration", "settings", "focus"} <= areas
    assert len(KILL_POINTS) >= 25
