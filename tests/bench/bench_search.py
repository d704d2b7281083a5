# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Search over 200,000 requests (and 20,000, the 1/10 figure): the top 50 with snippets, through
``QueueService.search_hits`` (the repository's ``_search``, the path the window's search box
takes too), beside a bare SQLite FTS5 ``MATCH`` + ``snippet()`` over the same file in the same
run. Target: 20 ms a query, for a common word, a rare word, a prefix and ticket keys.

    bench_search.py [N]      N requests (default 200,000), then N/10
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from common import benchlib, load_note, report, rows
from fixtures import CORPUS_END, store_with

from desktop.core.requests import Request

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
RUNS = 15
TOP = 50
TARGET_S = 0.020


def queries(n: int) -> list[tuple[str, str]]:
    """(label, what the user types): picked from the corpus so they hold for any N."""
    keys = Counter(key for row in rows(n) for key in re.findall(r"OPS-[0-9]+", row["subject"]))
    return [("word", "invoice"),            # common: about 7 % of the subjects
            ("rare", "presupuesto"),        # about 0.1 %
            ("prefix", "inv"),              # a word half typed
            ("two_words", "invoice overdue"),
            ("key_given", "OPS-103"),       # one request, added: the example
            ("key_prefix", "OPS-12"),       # OPS-12, OPS-120…: the box while typing a key
            ("key", keys.most_common(1)[0][0])]


def _peer_match(text: str) -> str:
    """What someone writing the FTS5 query by hand would send: words as prefixes, a key as a
    phrase."""
    return " ".join(f'"{" ".join(w for w in chunk.replace("-", " ").split())}"*'
                    for chunk in text.split())


def _medians(app, peer, runs: int = RUNS) -> tuple[float, float, list, list]:
    """Median seconds of ``app()`` and ``peer()``, timed in turn so that a burst of load from
    other work hits both alike."""
    got_app, got_peer = app(), peer()  # warm the page cache and the statement cache
    app_times, peer_times = [], []
    for _run in range(runs):
        for call, times in ((app, app_times), (peer, peer_times)):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
    return statistics.median(app_times), statistics.median(peer_times), got_app, got_peer


def measure(n: int) -> None:
    from desktop.platform.paths import resolve_paths
    from desktop.wiring.services import open_context

    class Fixed:
        def now(self) -> datetime:
            return CORPUS_END

    data_dir = store_with(Path(benchlib.workdir(f"search-store-{n}")), n)
    context = open_context(resolve_paths(data_dir), Fixed())
    if not context.queue.search("OPS-103"):  # the corpus has no such key: the example
        context.queue.put_many([Request(id="ops103".ljust(32, "0"),
                                        subject="[OPS-103] Outage on VPN this morning",
                                        sender="ops@project.bridge.example",
                                        received_at=CORPUS_END, modified_at=CORPUS_END)])
    peer = sqlite3.connect(str(resolve_paths(data_dir).database))
    peer_sql = ("SELECT rowid, snippet(requests_fts, -1, '[', ']', '…', 12) FROM requests_fts "
                "WHERE requests_fts MATCH ? ORDER BY rank LIMIT ?")
    try:
        for label, text in queries(n):
            match = _peer_match(text)
            app_s, peer_s, hits, found = _medians(
                lambda t=text: context.queue.search_hits(t, TOP),
                lambda m=match: peer.execute(peer_sql, (m, TOP)).fetchall())
            assert isinstance(hits, list)
            assert isinstance(found, list)
            report(f"app.search.{label}", n, app_s, count=1, hits=len(hits), query=text,
                   target_s=TARGET_S, ok=app_s <= TARGET_S)
            report(f"peer.fts5_match.{label}", n, peer_s, count=1, hits=len(found),
                   ratio=round(app_s / peer_s, 2))
    finally:
        peer.close()
        context.close()


def main() -> None:
    for n in (N // 10, N):
        print(load_note(f"n={n}"), flush=True)
        measure(n)


if __name__ == "__main__":
    main()
