# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Upgrades: a store of the first schema version is migrated to this one with its backup kept;
a store from a newer version is refused, from the command line and the window, untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.store.db import open_database
from desktop.store.migrations import known_names
from tests.reliability import corpus

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "unhurried.sqlite3"


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _subjects(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT subject FROM requests ORDER BY id")]
    finally:
        conn.close()


def _files(folder: Path) -> dict[str, str]:
    """Files of the data dir (not the log and config folders) by their SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] not in ("cache", "config")}


@pytest.fixture
def newer_store(tmp_path: Path) -> Path:
    """A store that a later release migrated further (one migration this build lacks)."""
    data = tmp_path / "data"
    db = open_database(data / DATABASE, datetime(2026, 11, 25, tzinfo=UTC))
    db.execute("INSERT INTO requests (id, subject, channel, priority, state, source, "
               "received_at, modified_at) VALUES ('a', 'Kept', 'email', 'normal', 'open', "
               "'manual', '2026-11-25T09:00:00+00:00', '2026-11-25T09:00:00+00:00')")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('unhurried', 'm9999_from_the_future', '2030-01-01')")
    db.conn.close()
    return data


def test_a_first_schema_store_is_migrated_with_its_backup_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    corpus.first_schema_store(data / DATABASE)
    before = _subjects(data / DATABASE)
    assert cli_main(["--data-dir", str(data), "list", "--json"]) == 0
    assert _applied(data / DATABASE) == known_names()
    assert _subjects(data / DATABASE) == before
    [backup] = data.glob(f"{DATABASE}.bak-m0001_create_requests-*")
    assert _applied(backup) == ["m0001_create_requests"]
    assert _subjects(backup) == before
    assert cli_main(["--data-dir", str(data), "search", "Old", "request", "299"]) == 0


def test_a_newer_store_is_refused_by_the_cli_and_left_byte_identical(
        newer_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(newer_store)
    for argv in (["list"], ["add", "Should not land"], ["demo"]):
        assert cli_main(["--data-dir", str(newer_store), *argv]) == 2
        assert "newer version of Unhurried" in capsys.readouterr().err
    assert _files(newer_store) == before


def test_a_newer_store_is_refused_by_the_window_without_hanging(
        newer_store: Path, tmp_path: Path) -> None:
    before = _files(newer_store)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(tmp_path), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(newer_store),
                             "--smoke"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "newer version of Unhurried" in result.stderr
    assert _files(newer_store) == before
