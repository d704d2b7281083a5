# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""CalDAV sync against a real Radicale on 127.0.0.1, beside a plain ``caldav`` script on the
same collection: a device's first sync of 10,000 requests (and of 1,000, for the growth), a
no-change incremental sync (target 300 ms), and sending 100 new requests.

The items are written straight into Radicale's storage (Radicale's PUT costs time in
proportion to the collection's size, so uploading 10,000 one by one takes most of an hour on
any client); sending is measured on 100, for both into the same 10,000-item collection.

The no-change sync is measured as the window's timer runs it, minutes after the last change:
the collection's last-modified time is then at least :data:`~desktop.core.sync.freshness.
MARGIN` old, so the kept stamp stands for the full check. ``recent_ms`` is one no-change sync
right after a change, which has to ask for the changes in full (the REPORT the sync-token
peer sends).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import Timer, load_note, report

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SEND = 100
RUNS = 5
START = datetime(2026, 11, 2, 9, tzinfo=UTC)


def _collection(server: Any, remote: Any, name: str, n: int) -> str:
    """A new task collection holding ``n`` requests, read once by Radicale."""
    from desktop.core.requests import Request
    from desktop.sync.ical import request_to_ical

    tasks: str = remote.create_collection(name, "VTODO").url
    folder = server.collection_folder(tasks)
    for i in range(n):
        at = START + timedelta(minutes=i)
        request = Request(f"{i:032x}", f"Request {i}", at, at, sender=f"s{i}@example.org",
                          body=" ".join(["Body text"] * 20), reply_by=at + timedelta(days=1))
        (folder / f"{request.id}.ics").write_bytes(request_to_ical(request, at))
    remote.changes(tasks, None)  # Radicale reads and caches the new files once
    return tasks


def _first_sync(server: Any, remote: Any, root: Path, n: int, suffix: str) -> tuple[Any, ...]:
    """The app's first sync of ``n`` items beside the peer's fetch-all; the device's context
    and secrets, the peer's client and calendar, and the peer's sync token."""
    import caldav

    from desktop.platform.paths import resolve_paths
    from desktop.wiring.caldav import set_account, sync_caldav
    from desktop.wiring.services import open_context
    from tests.fakes import FakeClock, FakeSecrets

    tasks = _collection(server, remote, f"Bench {n}", n)
    print(load_note(f"{n:,} items"), flush=True)
    ctx = open_context(resolve_paths(root / f"device-{n}"), FakeClock())
    secrets = FakeSecrets()
    set_account(ctx, secrets, server.url, server.user, server.password, tasks=tasks)
    with Timer() as first:
        result = sync_caldav(ctx, secrets)
    assert result.received == n, result
    assert not result.failed, result
    report("app.caldav_first_sync" + suffix, n, first.seconds, received=result.received)

    client = caldav.DAVClient(url=server.url, username=server.user, password=server.password,
                              enable_rfc6764=False)
    calendar = client.calendar(url=server.url.rstrip("/") + tasks)
    with Timer() as peer_first:
        fetched = calendar.objects_by_sync_token(load_objects=True)
        count = sum(1 for _ in fetched)
    report("peer.caldav_fetch_all" + suffix, count, peer_first.seconds,
           ratio=round(peer_first.seconds / first.seconds, 2))
    return ctx, secrets, client, calendar, fetched.sync_token


def main() -> None:
    from desktop.core.requests import Request
    from desktop.core.sync.freshness import MARGIN
    from desktop.sync.ical import request_to_ical
    from desktop.sync.remote import CalDavRemote
    from desktop.wiring.caldav import sync_caldav
    from tests.integration.radicale_server import RadicaleServer

    root = Path(tempfile.mkdtemp(prefix="unhurried-bench-caldav-"))
    server = RadicaleServer(root / "radicale")
    server.start()
    try:
        remote = CalDavRemote(server.url, server.user, server.password, timeout=1800,
                              deadline=1800)
        ctx, secrets, client, calendar, token = _first_sync(server, remote, root, N, "")
        changed_at = time.monotonic()
        sync_caldav(ctx, secrets)  # takes in the token after its own settings item
        time.sleep(max(0.0, MARGIN.total_seconds() + 1 - (time.monotonic() - changed_at)))
        sync_caldav(ctx, secrets)  # keeps a stamp taken past the margin, as the timer would

        times = []
        for _ in range(RUNS):
            with Timer() as t:
                quiet = sync_caldav(ctx, secrets)
            assert (quiet.sent, quiet.received) == (0, 0), quiet
            times.append(t.seconds)
        nochange = statistics.median(times)
        calendar.save_todo(request_to_ical(Request("e" * 32, "Elsewhere", START, START),
                                           START).decode())  # another device's change
        assert sync_caldav(ctx, secrets).received == 1
        with Timer() as recent:
            quiet = sync_caldav(ctx, secrets)
        assert (quiet.sent, quiet.received) == (0, 0), quiet
        report("app.caldav_nochange", N, nochange, count=1, target_ms=300,
               max_ms=round(max(times) * 1000, 1), recent_ms=round(recent.seconds * 1000, 1))
        fetched = calendar.objects_by_sync_token(token, load_objects=False)
        list(fetched)
        peer_times = []
        for _ in range(RUNS):
            with Timer() as t:
                fetched = calendar.objects_by_sync_token(fetched.sync_token, load_objects=False)
                list(fetched)
            peer_times.append(t.seconds)
        report("peer.caldav_sync_token", N, statistics.median(peer_times), count=1,
               ratio=round(statistics.median(peer_times) / nochange, 2))

        for n in range(SEND):
            ctx.queue.add(f"New {n}", received_at=START)
        with Timer() as send:
            sent = sync_caldav(ctx, secrets)
        assert sent.sent == SEND, sent
        report("app.caldav_send", SEND, send.seconds)
        with Timer() as peer_send:
            for n in range(SEND):
                at = START + timedelta(minutes=n)
                calendar.save_todo(request_to_ical(
                    Request(f"p{n:031x}", f"New {n}", at, at), at).decode())
        report("peer.caldav_save_todo", SEND, peer_send.seconds,
               ratio=round(peer_send.seconds / send.seconds, 2))
        ctx.close()
        client.close()

        tenth, _secrets, client, _calendar, _token = _first_sync(server, remote, root,
                                                                  N // 10, ".tenth")
        tenth.close()
        client.close()
        remote.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
