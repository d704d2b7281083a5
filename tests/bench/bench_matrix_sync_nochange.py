# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A no-change incremental sync, Unhurried's own CPU (``time.thread_time`` of the syncing
thread: waiting on the server costs none) for Matrix (a local Synapse), Slack and GitHub (the
local HTTP servers of tests/fakes that follow their API references), median of 20. Target:
<= 50 ms per source. Peers: the bare request a plain client makes for the same "anything new?"
(matrix-nio's ``/sync`` with the token; urllib's ``conversations.list``; urllib's
``/notifications`` with ``If-Modified-Since``)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable

from common import report
from matrix_seed import PASSWORD, seeded

RUNS = 20


def _cpu(call: Callable[[], object]) -> tuple[float, float]:
    """Median thread CPU and median wall time of ``call`` over RUNS (after one warm-up)."""
    call()
    cpu, wall = [], []
    for _ in range(RUNS):
        started, t0 = time.thread_time(), time.perf_counter()
        call()
        cpu.append(time.thread_time() - started)
        wall.append(time.perf_counter() - t0)
    return statistics.median(cpu), statistics.median(wall)


def _line(source: str, app: tuple[float, float], peer: tuple[float, float],
          peer_name: str, extra: dict[str, object] | None = None) -> None:
    report("app.sync_nochange", 1, app[0], source=source, cpu_ms=round(app[0] * 1000, 1),
           wall_ms=round(app[1] * 1000, 1), target_cpu_ms=50, **(extra or {}))
    report(peer_name, 1, peer[0], source=source, cpu_ms=round(peer[0] * 1000, 1),
           wall_ms=round(peer[1] * 1000, 1), ratio=round(peer[0] / app[0], 2))


def _context():
    from desktop.platform.clock import SystemClock
    from desktop.platform.paths import resolve_paths
    from desktop.wiring.services import open_context

    return open_context(resolve_paths(tempfile.mkdtemp(prefix="unhurried-bench-nc-")),
                        SystemClock())


def matrix_line() -> None:
    from nio import AsyncClient

    from desktop.wiring import matrix
    from tests.fakes import FakeSecrets

    server, info = seeded()
    try:
        context, secrets = _context(), FakeSecrets()
        matrix.set_account(context, secrets, server.url, info["dan"], password=PASSWORD)
        matrix.sync(context, secrets)
        session = matrix.open_session(context, secrets)
        kept = _cpu(lambda: matrix.sync(context, secrets, session=session))
        one_shot = _cpu(lambda: matrix.sync(context, secrets))
        session.close()

        async def peer() -> tuple[float, float]:
            client = AsyncClient(server.url, info["dan"])
            await client.login(PASSWORD)
            first = await client.sync(timeout=0, full_state=True)
            since = first.next_batch
            cpu, wall = [], []
            for _ in range(RUNS + 1):
                started, t0 = time.thread_time(), time.perf_counter()
                await client.sync(timeout=0, since=since)
                cpu.append(time.thread_time() - started)
                wall.append(time.perf_counter() - t0)
            await client.close()
            return statistics.median(cpu[1:]), statistics.median(wall[1:])

        _line("matrix", kept, asyncio.run(peer()), "peer.nio_sync_since",
              {"one_shot_cpu_ms": round(one_shot[0] * 1000, 1)})
        context.close()
    finally:
        server.stop()


def slack_line() -> None:
    from desktop.wiring import slack
    from tests.fakes import FakeSecrets
    from tests.fakes.slack_api import ME, SlackServer, msg

    server = SlackServer()
    api = server.api
    now = time.time()
    api.users = {"U1": {"name": "ann", "real_name": "Ann Lee", "tz": "Europe/Berlin"},
                 ME: {"name": "me", "real_name": "Me", "tz": "Europe/Berlin"}}
    api.conversations = [{"id": f"D{n}", "is_im": True, "user": "U1"} for n in range(5)]
    api.history = {f"D{n}": [msg("U1", f"{now - 3600 + n:.6f}", f"Question {n}?")]
                   for n in range(5)}
    api.page_size = 100
    try:
        context, secrets = _context(), FakeSecrets()
        slack.set_account(context, secrets, api.token, server.url)
        slack.sync(context, secrets)
        app = _cpu(lambda: slack.sync(context, secrets))

        def peer() -> None:
            request = urllib.request.Request(f"{server.url}/conversations.list", data=b"",
                                             headers={"Authorization": f"Bearer {api.token}"})
            with urllib.request.urlopen(request, timeout=10) as answer:
                answer.read()

        _line("slack", app, _cpu(peer), "peer.urllib_conversations_list")
        context.close()
    finally:
        server.close()


def github_line() -> None:
    from desktop.wiring import github
    from tests.fakes import FakeSecrets
    from tests.fakes.github_api import LAST_MODIFIED, GitHubServer, thread

    server = GitHubServer()
    server.api.threads = [thread(str(100 + n), "mention", f"Thread {n}", "issues", n)
                          for n in range(5)]
    try:
        context, secrets = _context(), FakeSecrets()
        github.set_account(context, secrets, server.url, server.api.token)
        github.sync(context, secrets, force=True)
        app = _cpu(lambda: github.sync(context, secrets, force=True))

        def peer() -> None:
            request = urllib.request.Request(f"{server.url}/notifications", headers={
                "Authorization": f"Bearer {server.api.token}",
                "If-Modified-Since": LAST_MODIFIED})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    answer.read()
            except urllib.error.HTTPError as error:  # 304 Not Modified
                error.read()

        _line("github", app, _cpu(peer), "peer.urllib_notifications_304")
        context.close()
    finally:
        server.close()


if __name__ == "__main__":
    slack_line()
    github_line()
    matrix_line()
