# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""One side of the Matrix first-sync bench, in a process of its own (so ``VmHWM`` is its own
peak): ``app URL USER`` runs Unhurried's first sync into a fresh store; ``peer URL USER`` is a
plain matrix-nio script that does one ``/sync`` and pages every room's history to its start.
Prints one JSON line: seconds, events (peer) or received requests (app), peak_mb.
``listen URL USER`` is the new-DM peer: a plain matrix-nio long-poll loop that prints
``ready``, then ``<unix time> <body>`` for every message as it arrives."""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from matrix_seed import PASSWORD
from peak import peak_rss_mb

PAGE = 500  # the same page size as the app's (desktop.sources.matrix.HISTORY_PAGE)


def app(url: str, user: str) -> dict[str, float]:
    from desktop.platform.clock import SystemClock
    from desktop.platform.paths import resolve_paths
    from desktop.wiring import matrix
    from desktop.wiring.services import open_context
    from tests.fakes import FakeSecrets

    context = open_context(resolve_paths(tempfile.mkdtemp(prefix="unhurried-bench-mx-")),
                           SystemClock())
    secrets = FakeSecrets()
    matrix.set_account(context, secrets, url, user, password=PASSWORD)
    started, cpu = time.perf_counter(), time.process_time()
    report = matrix.sync(context, secrets)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert not report.failed, report
    context.close()
    return {"seconds": seconds, "cpu": cpu, "count": report.received}


async def _peer(url: str, user: str) -> dict[str, float]:
    from nio import AsyncClient

    client = AsyncClient(url, user)
    await client.login(PASSWORD)
    started, cpu = time.perf_counter(), time.process_time()
    response = await client.sync(timeout=0, full_state=True,
                                 sync_filter={"room": {"timeline": {"limit": 100}}})
    events = 0
    for room_id, joined in response.rooms.join.items():
        events += len(joined.timeline.events)
        token = joined.timeline.prev_batch
        while token:
            page = await client.room_messages(room_id, token, limit=PAGE)
            events += len(page.chunk)
            token = page.end if page.end != token else None  # none: the room's start
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    await client.close()
    return {"seconds": seconds, "cpu": cpu, "count": events}


async def _listen(url: str, user: str) -> None:
    from nio import AsyncClient

    client = AsyncClient(url, user)
    await client.login(PASSWORD)
    since = (await client.sync(timeout=0, sync_filter={"room": {"timeline": {"limit": 1}}})
             ).next_batch
    print("ready", flush=True)
    while True:
        response = await client.sync(timeout=30_000, since=since)
        arrived = time.time()
        since = response.next_batch
        for joined in response.rooms.join.values():
            for event in joined.timeline.events:
                body = event.source.get("content", {}).get("body")
                if body:
                    print(f"{arrived} {body}", flush=True)


if __name__ == "__main__":
    side, url, user = sys.argv[1:4]
    if side == "listen":
        asyncio.run(_listen(url, user))
    result = app(url, user) if side == "app" else asyncio.run(_peer(url, user))
    print(json.dumps({**result, "peak_mb": round(peak_rss_mb(), 1)}), flush=True)
