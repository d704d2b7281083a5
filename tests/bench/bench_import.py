# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Importing a Maildir beside ``notmuch new`` on the same files, and full-text search (top 50
with snippets) beside ``notmuch search``, in the same run: at 20,000 and at 200,000 mails, so
the lines show how time and memory grow (``python bench_import.py N ...`` or, through
``run.py``, ``BENCH_IMPORT_SIZES=20000`` picks the sizes).

Targets: import at least 3x notmuch's rate within 300 MB peak RSS, the RSS flat in the number
of mails; search median <= 20 ms. The corpus is generated once into the cache folder (see
``common.maildir``). Needs the Debian package ``notmuch`` for the peer (the line says so when
it is missing).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Timer, load, maildir, report

SIZES = ([int(arg) for arg in sys.argv[1:]]
         or [int(n) for n in os.environ.get("BENCH_IMPORT_SIZES", "").split(",") if n]
         or [20_000, 200_000])
REPS = 7
QUERIES = {"word": "invoice", "rare_word": "warranty"}
NOTMUCH_CONFIG = """[database]
path={db}
mail_root={maildir}
[user]
name=Bench
primary_email=bench@ourcompany.example
[new]
tags=unread;inbox;
[maildir]
synchronize_flags=false
"""


def main() -> None:
    for n in SIZES:
        _measure(n, maildir(n))


def _measure(n: int, mails: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="unhurried-bench-") as work:
        data_dir = Path(work) / "data"
        app_seconds, app_mb = _app_import(mails, data_dir, n)
        report("app.import.maildir", n, app_seconds, peak_rss_mb=app_mb, target_ratio=3,
               target_mb=300, load=load())
        peer = _notmuch(mails, Path(work) / "notmuch")
        if peer is None:
            print("peer.notmuch_new skipped: apt-get install notmuch")
        else:
            nm_new, nm_search = peer
            report("peer.notmuch_new", n, nm_new, ratio=round(nm_new / app_seconds, 2),
                   load=load())
        for name, query in QUERIES.items():
            seconds, hits = _app_search(data_dir, query)
            report(f"app.search.{name}", n, seconds, count=1, hits=hits, target_ms=20)
            if peer is not None:
                report(f"peer.notmuch_search.{name}", n, nm_search[name], count=1,
                       ratio=round(nm_search[name] / seconds, 1))


def _app_import(maildir: Path, data_dir: Path, n: int) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with Timer() as t:
        out = subprocess.run([sys.executable, str(ROOT / "tests/bench/peak.py"), "-m", "desktop",
                              "--data-dir", str(data_dir), "import", "maildir", str(maildir),
                              "--json"], env=env, capture_output=True, text=True, check=True)
    imported = json.loads(out.stdout)["imported"]
    assert imported == n, out.stdout[:500]
    # this child's own peak: RUSAGE_CHILDREN is the largest of all children so far, notmuch too
    peak = float(out.stderr.rsplit("PEAK_RSS_MB", 1)[1].split()[0])
    return t.seconds, peak


def _app_search(data_dir: Path, query: str) -> tuple[float, int]:
    """Median in-process time for the top 50 with snippets (the window's and CLI's query)."""
    from desktop.store.db import connect
    from desktop.store.request_repository import SqliteRequestRepository

    db = connect(data_dir / "unhurried.sqlite3")
    repo = SqliteRequestRepository(db)
    times, hits = [], 0
    for _rep in range(REPS):
        start = time.perf_counter()
        hits = len(repo.search_hits(query, 50))
        times.append(time.perf_counter() - start)
    db.conn.close()
    return statistics.median(times), hits


def _notmuch(maildir: Path, base: Path) -> tuple[float, dict[str, float]] | None:
    if not shutil.which("notmuch"):
        return None
    db = base / "db"
    db.mkdir(parents=True)
    config = base / "config"
    config.write_text(NOTMUCH_CONFIG.format(db=db, maildir=maildir), "utf-8")
    env = dict(os.environ, NOTMUCH_CONFIG=str(config), TZ="UTC")

    def run(*args: str) -> None:
        subprocess.run(["notmuch", f"--config={config}", *args], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with Timer() as t:
        run("new")
    searches = {}
    for name, query in QUERIES.items():
        times = []
        for _rep in range(REPS):
            with Timer() as s:
                run("search", "--limit=50", query)
            times.append(s.seconds)
        searches[name] = statistics.median(times)
    return t.seconds, searches


if __name__ == "__main__":
    main()
