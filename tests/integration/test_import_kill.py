# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An import killed with SIGKILL at any point, then run again, ends with exactly the queue of
one clean import: committed batches stay, nothing comes twice, nothing is half-written."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 3000


def _maildir(root: Path) -> Path:
    cur = root / "Maildir" / "cur"
    cur.mkdir(parents=True)
    for n in range(MESSAGES):
        (cur / f"{n:05}.eml").write_text(
            f"From: Person {n % 97} <p{n % 97}@example.org>\n"
            f"Subject: Request number {n}\n"
            f"Date: Tue, {1 + n % 28:02} Sep 2026 {n % 24:02}:{n % 60:02}:00 +0200\n"
            f"Message-ID: <{n}@kill.example>\n\n"
            f"Body of request {n}, see https://tracker.example/{n}\n", "utf-8")
    return root / "Maildir"


def _cli(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(data_dir: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{data_dir / 'unhurried.sqlite3'}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM requests").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _queue(data_dir: Path) -> list[dict[str, object]]:
    process = _cli(data_dir, "export", "--format", "json")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    rows = json.loads(out)
    for row in rows:
        row.pop("modified_at", None)  # when it was written, which differs between runs
    return sorted(rows, key=lambda r: r["id"])


def _import(data_dir: Path, maildir: Path) -> None:
    process = _cli(data_dir, "import", "maildir", str(maildir), "--json")
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert json.loads(out)["failed"] == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    root = tmp_path_factory.mktemp("kill")
    maildir = _maildir(root)
    clean = root / "clean"
    _import(clean, maildir)
    queue = _queue(clean)
    assert len(queue) == MESSAGES
    return maildir, queue


@pytest.mark.parametrize("kill_at", [0, 1, 700, 1600, 2900])  # requests stored at the kill
def test_a_killed_import_run_again_gives_the_clean_queue(corpus, tmp_path: Path,
                                                          kill_at: int) -> None:
    maildir, clean = corpus
    data_dir = tmp_path / "data"
    process = _cli(data_dir, "import", "maildir", str(maildir))
    while _count(data_dir) < kill_at and process.poll() is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.002)
    if kill_at < MESSAGES - 500:  # before the last batch: the kill must land mid-import
        assert process.poll() is None, "the import ended before the kill point"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert _count(data_dir) <= MESSAGES

    _import(data_dir, maildir)
    assert _queue(data_dir) == clean
