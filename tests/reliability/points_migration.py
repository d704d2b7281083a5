# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill points while a store of the first schema version is migrated, from the command line and
from the window (offscreen): the backup is there and the next start completes the upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.store.migrations import known_names
from tests.reliability.kill_points import Inputs, KillPoint, register

DATABASE = "unhurried.sqlite3"


def _first(inputs: Inputs, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shutil.copy(inputs.first_schema, data_dir / DATABASE)


def _list(_inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["list", "--json"]]


def _smoke(_inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["--smoke"]]


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _upgraded_with_backup(inputs: Inputs, data_dir: Path) -> None:
    assert _applied(data_dir / DATABASE) == known_names()
    backups = sorted(data_dir.glob(f"{DATABASE}.bak-m0001_create_requests-*"))
    assert backups, "no backup of the first-schema store was kept"
    assert _applied(backups[0]) == ["m0001_create_requests"]
    conn = sqlite3.connect(f"file:{backups[0]}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 300
    finally:
        conn.close()


for name, trigger, nth in (
    ("inside-m0002", r"^DROP INDEX requests_active", 1),
    ("inside-m0003", r"INSERT INTO requests_fts\(requests_fts, rank\)", 1),
    ("recording-m0002", r"INSERT INTO \"?_sqlite_migrations", 1),
):
    register(KillPoint(f"migration-cli-{name}", "migration", _list, trigger, nth,
                       prepare=_first, check=_upgraded_with_backup))
for name, trigger, nth in (
    ("inside-m0002", r"^CREATE INDEX requests_queue", 1),
    ("recording-m0003", r"INSERT INTO \"?_sqlite_migrations", 2),
):
    register(KillPoint(f"migration-gui-{name}", "migration", _smoke, trigger, nth,
                       prepare=_first, gui=True, check=_upgraded_with_backup))
