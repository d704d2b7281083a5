# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A damaged, read-only, full or busy database: one sentence that names the cause and what to
do (never "move it away" for a file that is only locked out), exit 2, and nothing written."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.db import open_database, set_busy_notice, transaction
from desktop.store.diagnosis import explain
from desktop.store.errors import DatabaseCorrupt, StorageFull, StorageReadOnly, StoreBusy
from tests.fakes import FakeClock

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A data folder with a few requests, closed cleanly (no -wal left)."""
    data = tmp_path / "data"
    for subject in ("Budget review", "Launch plan", "Hiring"):
        assert main(["--data-dir", str(data), "add", subject], clock=FakeClock()) == 0
    return data


def cli(data: Path, *argv: str) -> int:
    return main(["--data-dir", str(data), *argv], clock=FakeClock())


def _bad_utf8(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE requests SET subject = CAST(x'fffe41' AS TEXT) "
                     "WHERE rowid = (SELECT min(rowid) FROM requests)")
    conn.close()


def _smashed_page(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'requests'"
                            ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * size + 8)
        file.write(b"\xff" * 300)


@pytest.mark.parametrize("damage", [_bad_utf8, _smashed_page], ids=["not-utf8", "malformed"])
@pytest.mark.parametrize("command", [["list"], ["done", "{id}"]])
def test_a_damaged_database_says_so_suggests_recover_and_writes_nothing(
        store: Path, capsys, damage, command) -> None:
    database = store / "unhurried.sqlite3"
    with sqlite3.connect(database) as conn:
        first = conn.execute("SELECT id FROM requests ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.close()
    command = [part.format(id=first) for part in command]
    damage(database)
    capsys.readouterr()
    before = digest(database)
    assert cli(store, *command) == 2
    out = capsys.readouterr()
    [line] = out.err.strip().splitlines()
    assert "is damaged" in line
    assert ".recover" in line
    assert "backup" in line
    assert "Traceback" not in out.err
    assert digest(database) == before


def test_a_broken_header_is_not_called_someone_elses_file_to_move_away(
        store: Path, capsys) -> None:
    database = store / "unhurried.sqlite3"
    with database.open("r+b") as file:
        file.write(b"garbage!garbage!")
    before = digest(database)
    assert cli(store, "list") == 2
    line = capsys.readouterr().err.strip()
    assert "first page is damaged" in line
    assert ".recover" in line
    assert "Move it away" not in line
    assert digest(database) == before


@contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[None]:
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_data_folder_is_named_as_such(store: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    with _tmpfs(folder, "2m"):
        shutil.copy(store / "unhurried.sqlite3", folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        for command in (["list"], ["add", "Hi"]):
            assert cli(folder, *command) == 2
            line = capsys.readouterr().err.strip()
            assert "cannot be written (it is read-only" in line
            assert "not an Unhurried database" not in line


def test_a_full_disk_at_open_is_named_as_such(store: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "full"
    folder.mkdir()
    size = (store / "unhurried.sqlite3").stat().st_size
    with _tmpfs(folder, f"{size // 1024 + 48}k"):
        shutil.copy(store / "unhurried.sqlite3", folder)
        _fill(folder / "filler")
        before = digest(folder / "unhurried.sqlite3")
        assert cli(folder, "list") == 2
        line = capsys.readouterr().err.strip()
        assert "is full" in line
        assert digest(folder / "unhurried.sqlite3") == before


def _fill(path: Path) -> None:
    """Write to ``path`` until the disk is full."""
    with path.open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            return


def test_a_busy_database_waits_with_a_message_then_gives_up(db_path: Path) -> None:
    first = open_database(db_path, NOW)
    second = open_database(db_path, NOW)
    second.conn.execute("PRAGMA busy_timeout = 600")  # the real wait is 15 s
    notices: list[str] = []
    set_busy_notice(second, notices.append)
    try:
        with transaction(first) as conn:
            conn.execute("INSERT INTO settings VALUES ('held', '1')")
            with (pytest.raises(StoreBusy, match="another Unhurried command or window"),
                  transaction(second) as other):
                other.execute("INSERT INTO settings VALUES ('late', '2')")
        assert len(notices) == 1
        assert "waiting up to" in notices[0]
        assert not second.conn.in_transaction
        assert int(second.conn.execute("PRAGMA busy_timeout").fetchone()[0]) == 600
    finally:
        first.conn.close()
        second.conn.close()


def test_a_busy_database_that_frees_up_in_time_just_waits(db_path: Path) -> None:
    first = open_database(db_path, NOW)
    second = open_database(db_path, NOW)
    waiting = threading.Event()
    try:
        with transaction(first) as conn:
            conn.execute("INSERT INTO settings VALUES ('held', '1')")
            thread = threading.Thread(target=lambda: _late_write(second, waiting))
            thread.start()
            assert waiting.wait(10)  # the second writer said it waits; now the lock frees
        thread.join(15)
        assert not thread.is_alive()
        assert [r[0] for r in first.conn.execute("SELECT key FROM settings ORDER BY key")
                ] == ["held", "late"]
    finally:
        first.conn.close()
        second.conn.close()


def _late_write(db, waiting: threading.Event) -> None:
    set_busy_notice(db, lambda text: waiting.set())
    with transaction(db) as conn:
        conn.execute("INSERT INTO settings VALUES ('late', '2')")


@pytest.mark.parametrize(("error", "kind"), [
    (sqlite3.DatabaseError("database disk image is malformed"), DatabaseCorrupt),
    (sqlite3.OperationalError("Could not decode to UTF-8 column 'subject' with text 'x'"),
     DatabaseCorrupt),
])
def test_damage_is_recognised_by_its_message_too(tmp_path: Path, error, kind) -> None:
    found = explain(error, tmp_path / "unhurried.sqlite3")
    assert isinstance(found, kind)
    assert "with text" not in str(found)  # the damaged bytes are not repeated


def test_other_errors_are_left_as_they_are(tmp_path: Path) -> None:
    assert explain(sqlite3.OperationalError("no such table: x"), tmp_path / "db") is None
    assert explain(ValueError("x"), tmp_path / "db") is None


def test_read_only_and_full_are_told_apart_by_probing_the_folder(tmp_path: Path) -> None:
    cantopen = sqlite3.OperationalError("unable to open database file")
    cantopen.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
    missing = tmp_path / "gone" / "unhurried.sqlite3"  # a folder that cannot take a file
    assert explain(cantopen, missing) is None
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    assert isinstance(explain(full, tmp_path / "db"), StorageFull)
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorcode = sqlite3.SQLITE_READONLY  # type: ignore[attr-defined]
    assert isinstance(explain(readonly, tmp_path / "db"), StorageReadOnly)
