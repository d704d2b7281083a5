# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync against a real Radicale on 127.0.0.1, beside a plain ``caldav`` script on the
same collection: a device's first sync of 10,000 requests, a no-change incremental sync
(target 300 ms), and sending 500 new requests.

The 10,000 items are written straight into Radicale's storage (Radicale's PUT costs time in
proportion to the collection's size, so uploading 10,000 one by one takes most of an hour on
any client); sending is measured on 100, for both into the same 10,000-item collection.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import Timer, report

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SEND = 100
RUNS = 5


def main() -> None:
    import caldav

    from desktop.core.requests import Request
    from desktop.platform.paths import resolve_paths
    from desktop.sync.ical import request_to_ical
    from desktop.sync.remote import CalDavRemote
    from desktop.wiring.caldav import set_account, sync_caldav
    from desktop.wiring.services import open_context
    from tests.fakes import FakeClock, FakeSecrets
    from tests.integration.radicale_server import RadicaleServer

    root = Path(tempfile.mkdtemp(prefix="unhurried-bench-caldav-"))
    server = RadicaleServer(root / "radicale")
    server.start()
    try:
        remote = CalDavRemote(server.url, server.user, server.password, timeout=1800)
        tasks = remote.create_collection("Bench", "VTODO").url
        folder = server.collection_folder(tasks)
        start = datetime(2026, 11, 2, 9, tzinfo=UTC)
        for n in range(N):
            at = start + timedelta(minutes=n)
            request = Request(f"{n:032x}", f"Request {n}", at, at, sender=f"s{n}@example.org",
                              body=" ".join(["Body text"] * 20), reply_by=at + timedelta(days=1))
            (folder / f"{request.id}.ics").write_bytes(request_to_ical(request, at))
        remote.changes(tasks, None)  # Radicale reads and caches the new files once

        clock = FakeClock()
        ctx = open_context(resolve_paths(root / "device"), clock)
        secrets = FakeSecrets()
        set_account(ctx, secrets, server.url, server.user, server.password, tasks=tasks)
        with Timer() as first:
            result = sync_caldav(ctx, secrets)
        assert result.received == N, result
        assert not result.failed, result
        report("app.caldav_first_sync", N, first.seconds, received=result.received)
        sync_caldav(ctx, secrets)  # takes in the token after its own settings item
        times = []
        for _ in range(RUNS):
            with Timer() as t:
                quiet = sync_caldav(ctx, secrets)
            assert (quiet.sent, quiet.received) == (0, 0), quiet
            times.append(t.seconds)
        nochange = statistics.median(times)
        report("app.caldav_nochange", N, nochange, count=1, target_ms=300,
               max_ms=round(max(times) * 1000, 1))

        client = caldav.DAVClient(url=server.url, username=server.user,
                                  password=server.password, enable_rfc6764=False)
        calendar = client.calendar(url=server.url.rstrip("/") + tasks)
        with Timer() as peer_first:
            fetched = calendar.objects_by_sync_token(load_objects=True)
            count = sum(1 for _ in fetched)
        report("peer.caldav_fetch_all", count, peer_first.seconds,
               ratio=round(peer_first.seconds / first.seconds, 2))
        peer_times = []
        for _ in range(RUNS):
            with Timer() as t:
                fetched = calendar.objects_by_sync_token(fetched.sync_token, load_objects=False)
                list(fetched)
            peer_times.append(t.seconds)
        report("peer.caldav_sync_token", N, statistics.median(peer_times), count=1,
               ratio=round(statistics.median(peer_times) / nochange, 2))

        for n in range(SEND):
            ctx.queue.add(f"New {n}", received_at=start)
        with Timer() as send:
            sent = sync_caldav(ctx, secrets)
        assert sent.sent == SEND, sent
        report("app.caldav_send", SEND, send.seconds)
        with Timer() as peer_send:
            for n in range(SEND):
                at = start + timedelta(minutes=n)
                calendar.save_todo(request_to_ical(
                    Request(f"p{n:031x}", f"New {n}", at, at), at).decode())
        report("peer.caldav_save_todo", SEND, peer_send.seconds,
               ratio=round(peer_send.seconds / send.seconds, 2))
        ctx.close()
        client.close()
        remote.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
