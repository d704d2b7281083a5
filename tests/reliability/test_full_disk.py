# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A full disk while importing: a clear message, the store still opens, nothing committed is
lost, and once there is space again the same import completes the queue.

The disk is a real 640 KiB tmpfs when this runs as root and may mount one (SQLite then gets
ENOSPC from the kernel); otherwise ``PRAGMA max_page_count`` makes SQLite itself answer
SQLITE_FULL when the file would grow past its current size plus a little.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.platform.paths import resolve_paths
from desktop.wiring.services import open_context
from tests.reliability import corpus

ROOT = Path(__file__).resolve().parents[2]
FULL_MESSAGE = "The disk is full; the last change was not saved"


@contextlib.contextmanager
def _small_disk(folder: Path) -> Iterator[str]:
    """A 1 MiB tmpfs at ``folder`` (yields "tmpfs"), or nothing mounted ("page-limit")."""
    folder.mkdir()
    mounted = os.geteuid() == 0 and shutil.which("mount") is not None and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True).returncode == 0
    try:
        yield "tmpfs" if mounted else "page-limit"
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


_LIMITED = """
import sqlite3, sys
original = sqlite3.connect
def connect(*args, **kwargs):
    conn = original(*args, **kwargs)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 40}")
    return conn
sqlite3.connect = connect
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _count(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM requests").fetchone()[0]
    finally:
        conn.close()


def test_a_full_disk_mid_import_says_so_and_loses_nothing(tmp_path: Path) -> None:
    issues = corpus.write_csv(tmp_path / "issues.csv", rows=4000)
    with _small_disk(tmp_path / "disk") as kind:
        data = tmp_path / "disk" / "data"
        open_context(resolve_paths(data)).close()
        assert cli_main(["--data-dir", str(data), "add", "Committed before the import"]) == 0
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        code = ["-c", _LIMITED] if kind == "page-limit" else ["-m", "desktop"]
        result = subprocess.run([sys.executable, *code, "--data-dir", str(data), "import", "csv",
                                 str(issues), "--preset", "jira"],
                                env=env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 2, (kind, result.stdout, result.stderr)
        assert FULL_MESSAGE in result.stderr
        assert "Traceback" not in result.stderr
        assert "locked" not in result.stderr

        database = data / "unhurried.sqlite3"
        conn = sqlite3.connect(database)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        stored = _count(database)
        assert 1 <= stored < 4001, "nothing was committed, or the disk never filled"
        assert (stored - 1) % 500 == 0, "a batch was half stored"
        assert cli_main(["--data-dir", str(data), "list", "--json"]) == 0

        moved = tmp_path / "roomy"  # the user frees space: here, the store moves to a big disk
        shutil.copytree(data, moved)
    assert cli_main(["--data-dir", str(moved), "import", "csv", str(issues), "--preset",
                     "jira"]) == 0
    assert _count(moved / "unhurried.sqlite3") == 4001


@pytest.mark.parametrize("kind", ["page-limit"])
def test_the_injected_full_disk_gives_the_same_message(tmp_path: Path, kind: str) -> None:
    issues = corpus.write_csv(tmp_path / "issues.csv", rows=4000)
    data = tmp_path / "data"
    open_context(resolve_paths(data)).close()
    result = subprocess.run([sys.executable, "-c", _LIMITED, "--data-dir", str(data), "import",
                             "csv", str(issues), "--preset", "jira"],
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 2, result.stderr
    assert FULL_MESSAGE in result.stderr
    assert _count(data / "unhurried.sqlite3") % 500 == 0
