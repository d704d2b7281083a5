# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Matrix homeserver through matrix-nio: log in (for an access token), and one ``/sync``.

Each call runs its own event loop (the CLI and the window's worker thread are synchronous).
The password is used once, to log in; only the access token is kept (in the keyring, by the
caller). nio retries nothing here: a refused or lost connection is an error at once, so a sync
either returns a whole response or nothing is written.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from desktop.core.i18n import _

TIMEOUT = 30.0
TIMELINE_LIMIT = 100
_REFUSED = {"M_FORBIDDEN", "M_UNKNOWN_TOKEN", "M_MISSING_TOKEN", "M_USER_DEACTIVATED",
            "M_INVALID_USERNAME"}


class MatrixError(Exception):
    """The homeserver could not be reached, refused the login, or answered with an error."""

    def __init__(self, message: str, *, reached: bool, refused: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reached = reached
        self.refused = refused


@dataclass(slots=True)
class Room:
    """One joined room's new events and what is known of it."""

    room_id: str
    name: str
    direct: bool | None
    """Two members at most (``None``: this sync did not say)."""
    encrypted: bool
    events: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Members' display names by user id (those this sync knows)."""


@dataclass(slots=True)
class SyncResult:
    next_batch: str
    display_name: str
    rooms: list[Room] = field(default_factory=list)


def login(homeserver: str, user_id: str, password: str) -> tuple[str, str]:
    """(access token, device id) for a password login.

    Raises:
        MatrixError: unreachable, or the login was refused.
    """
    return asyncio.run(_login(homeserver, user_id, password))


def fetch(homeserver: str, user_id: str, token: str, device_id: str,
          since: str | None) -> SyncResult:
    """One ``/sync`` from ``since`` (``None``: the first).

    Raises:
        MatrixError: unreachable, the token was refused, or the server failed.
    """
    return asyncio.run(_fetch(homeserver, user_id, token, device_id, since))


def _client(homeserver: str, user_id: str) -> Any:
    from nio import AsyncClient, AsyncClientConfig

    config = AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0, request_timeout=TIMEOUT,
                               store_sync_tokens=False, encryption_enabled=False)
    return AsyncClient(homeserver, user_id, config=config)


async def _login(homeserver: str, user_id: str, password: str) -> tuple[str, str]:
    from nio import LoginResponse

    client = _client(homeserver, user_id)
    try:
        response = await _guard(homeserver, client.login(password, device_name="Unhurried"))
    finally:
        await client.close()
    if not isinstance(response, LoginResponse):
        raise _refusal(homeserver, response)
    return response.access_token, response.device_id


async def _fetch(homeserver: str, user_id: str, token: str, device_id: str,
                 since: str | None) -> SyncResult:
    from nio import SyncResponse

    client = _client(homeserver, user_id)
    client.restore_login(user_id, device_id, token)
    try:
        response = await _guard(homeserver, client.sync(
            timeout=0, since=since, full_state=since is None,
            sync_filter={"room": {"timeline": {"limit": TIMELINE_LIMIT}}}))
        if not isinstance(response, SyncResponse):
            raise _refusal(homeserver, response)
        name = await _guard(homeserver, client.get_displayname(user_id))
        result = SyncResult(response.next_batch, str(getattr(name, "displayname", "") or ""))
        for room_id, joined in response.rooms.join.items():
            room = client.rooms.get(room_id)
            members = room.joined_count if room is not None else 0
            # Without state in this sync nio knows no members and calls the room "Empty Room".
            name = "" if room is None else (room.name or (room.display_name if members else ""))
            result.rooms.append(Room(
                room_id, name,
                (members <= 2) if members else None,
                bool(room is not None and room.encrypted),
                [e.source for e in joined.timeline.events if isinstance(e.source, dict)],
                {uid: str(u.display_name or "") for uid, u in room.users.items()}
                if room is not None else {}))
        return result
    finally:
        await client.close()


async def _guard(homeserver: str, call: Any) -> Any:
    """``call``'s result; a transport failure as :class:`MatrixError`."""
    import aiohttp

    try:
        return await asyncio.wait_for(call, TIMEOUT + 5)
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise MatrixError(_("The Matrix server {server} cannot be reached: {reason}").format(
            server=homeserver, reason=type(error).__name__), reached=False) from None


def _refusal(homeserver: str, response: Any) -> MatrixError:
    code = str(getattr(response, "status_code", "") or "")
    if code in _REFUSED:
        return MatrixError(_("The Matrix server {server} refused the login ({code}).").format(
            server=homeserver, code=code), reached=True, refused=True)
    return MatrixError(_("The Matrix server {server} answered with an error: {code}").format(
        server=homeserver, code=code or getattr(response, "message", "?")), reached=True)
