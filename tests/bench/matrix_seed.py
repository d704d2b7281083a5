# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local Synapse seeded once for the Matrix benches, kept under the cache dir so reruns start
it in seconds: ``ann`` has 20 direct rooms with 1,000 messages from ``bob`` each, ``cat`` has 2
such rooms (the 1/10 figure), ``dan`` has one quiet direct room with ``bob`` (no-change sync,
new DM). Reseeded when older than 12 days (a first sync reads back 14 days)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.integration.synapse_server import SynapseServer

PASSWORD = "bench password"
ROOMS, MESSAGES, SMALL_ROOMS = 20, 1000, 2
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "unhurried-bench" / (
    f"synapse-{ROOMS}x{MESSAGES}")
MAX_AGE = 12 * 86400


async def _client(url: str, user: str) -> Any:
    from nio import AsyncClient, AsyncClientConfig

    client = AsyncClient(url, user, config=AsyncClientConfig(request_timeout=120))
    await client.login(PASSWORD)
    return client


async def _fill(url: str, bob_id: str, invitees: list[tuple[str, int]]) -> dict[str, list[str]]:
    bob = await _client(url, bob_id)
    rooms: dict[str, list[str]] = {}
    try:
        for user, count in invitees:
            guest = await _client(url, user)
            for _ in range(count):
                room = (await bob.room_create(invite=[user], is_direct=True)).room_id
                await guest.join(room)
                rooms.setdefault(user, []).append(room)
            await guest.close()

        async def say(room: str, n: int) -> None:
            for i in range(n):
                await bob.room_send(room, "m.room.message",
                                    {"msgtype": "m.text", "body": f"Question {i} in {room}?"})

        full = [r for user, _c in invitees if user != invitees[-1][0] for r in rooms[user]]
        await asyncio.gather(*(say(room, MESSAGES) for room in full))
    finally:
        await bob.close()
    return rooms


def seeded() -> tuple[SynapseServer, dict[str, Any]]:
    """The started server and ``{"ann", "cat", "dan", "bob": user ids, "rooms": {...}}``."""
    info_file = CACHE / "seeded.json"
    if info_file.exists() and time.time() - info_file.stat().st_mtime > MAX_AGE:
        shutil.rmtree(CACHE)
    if info_file.exists():
        server = SynapseServer(CACHE)
        server.start()
        return server, json.loads(info_file.read_text(encoding="utf-8"))
    shutil.rmtree(CACHE, ignore_errors=True)
    server = SynapseServer(CACHE)
    server.start()
    started = time.monotonic()
    users = {name: server.register(name, PASSWORD) for name in ("ann", "bob", "cat", "dan")}
    rooms = asyncio.run(_fill(server.url, users["bob"], [(users["ann"], ROOMS),
                                                         (users["cat"], SMALL_ROOMS),
                                                         (users["dan"], 1)]))
    info = {**users, "rooms": rooms}
    info_file.write_text(json.dumps(info), encoding="utf-8")
    print(f"# seeded {ROOMS + SMALL_ROOMS} rooms x {MESSAGES} in "
          f"{time.monotonic() - started:.0f} s (kept in {CACHE})", flush=True)
    return server, info


if __name__ == "__main__":
    running, _info = seeded()
    running.stop()
