# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Matrix homeserver through matrix-nio: log in (for an access token), ``/sync`` and a room's
older history (``/messages``).

A :class:`Session` keeps one client and one event loop for as long as the caller wants (the
window's long-poll loop keeps it open; the CLI's :func:`fetch` opens one for one sync); the
caller stays synchronous. The password is used once, to log in; only the access token is kept
(in the keyring, by the caller). nio retries nothing here: a refused or lost connection is an
error at once, so a call either returns a whole response or nothing is written. A call waits
for the server in short slices and stops within a tenth of a second once ``cancelled()`` says
so (a window closing during a long-poll does not hang).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from desktop.core.i18n import _

if TYPE_CHECKING:
    from aiohttp import ClientResponse
    from nio import MatrixRoom

TIMEOUT = 30.0
TIMELINE_LIMIT = 100
HISTORY_PAGE = 500
"""Events per ``/messages`` request when reading a room's older history."""
MAX_BYTES = 64 * 1024 * 1024
"""The most one answer may hold (a page of 500 events is a few hundred KB)."""
PARALLEL = 3
"""Rooms whose history is asked for at once."""
_SLICE = 0.1
_REFUSED = {"M_FORBIDDEN", "M_UNKNOWN_TOKEN", "M_MISSING_TOKEN", "M_USER_DEACTIVATED",
            "M_INVALID_USERNAME"}


T = TypeVar("T")


class _Client(Protocol):
    """What is used of ``nio.AsyncClient`` (nio has no type hints); its responses are nio
    classes, told apart with ``isinstance``."""

    access_token: str

    @property
    def rooms(self) -> Mapping[str, MatrixRoom]: ...

    def restore_login(self, user_id: str, device_id: str, access_token: str) -> None: ...

    async def login(self, password: str | None = None, device_name: str | None = "") -> object:
        ...

    async def sync(self, timeout: int | None = 0, sync_filter: object = None,
                   since: str | None = None, full_state: bool | None = None) -> object: ...

    async def get_displayname(self, user_id: str | None = None) -> object: ...

    async def send(self, method: str, path: str, data: object = None,
                   headers: dict[str, str] | None = None, trace_context: object = None,
                   timeout: float | None = None) -> ClientResponse: ...

    async def room_send(self, room_id: str, message_type: str, content: dict[str, Any],
                        tx_id: str | None = None, ignore_unverified_devices: bool = False
                        ) -> object: ...

    async def close(self) -> None: ...


class MatrixError(Exception):
    """The homeserver could not be reached, refused the login, or answered with an error."""

    def __init__(self, message: str, *, reached: bool, refused: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reached = reached
        self.refused = refused


class Cancelled(Exception):
    """The caller's ``cancelled()`` said stop while the server was being waited for."""


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
    prev_batch: str = ""
    """Where older history starts (``/messages`` from here, backwards)."""
    limited: bool = False
    """The server left out older events of this sync (there is history before them)."""


@dataclass(slots=True)
class SyncResult:
    next_batch: str
    display_name: str
    rooms: list[Room] = field(default_factory=list)


@dataclass(slots=True)
class History:
    """One page of a room's older events, newest first, and where the next page starts."""

    events: list[dict[str, Any]]
    end: str
    """The token of the next (older) page; "" when the room's start was reached."""


def login(homeserver: str, user_id: str, password: str) -> tuple[str, str]:
    """(access token, device id) for a password login.

    Raises:
        MatrixError: unreachable, or the login was refused.
    """
    return asyncio.run(_login(homeserver, user_id, password))


def fetch(homeserver: str, user_id: str, token: str, device_id: str,
          since: str | None) -> SyncResult:
    """One ``/sync`` from ``since`` (``None``: the first), on a session of its own.

    Raises:
        MatrixError: unreachable, the token was refused, or the server failed.
    """
    with Session(homeserver, user_id, token, device_id) as session:
        return session.sync(since)


class Session:
    """One logged-in client and its event loop; close it (or use ``with``) when done."""

    def __init__(self, homeserver: str, user_id: str, token: str, device_id: str) -> None:
        self.homeserver = homeserver
        self.user_id = user_id
        self._runner = asyncio.Runner()
        self._client = _client(homeserver, user_id)
        self._client.restore_login(user_id, device_id, token)
        self._display_name: str | None = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection and the event loop."""
        try:
            self._runner.run(self._client.close())
        finally:
            self._runner.close()

    def sync(self, since: str | None, wait_ms: int = 0,
             cancelled: Callable[[], bool] = lambda: False) -> SyncResult:
        """One ``/sync`` from ``since``; the server holds it up to ``wait_ms`` for news.

        Raises:
            MatrixError: unreachable, the token was refused, or the server failed.
            Cancelled: ``cancelled()`` said stop first.
        """
        return self._runner.run(self._sync(since, wait_ms, cancelled))

    def history(self, room_id: str, start: str, *, end: str | None = None,
                limit: int = HISTORY_PAGE,
                cancelled: Callable[[], bool] = lambda: False) -> History:
        """The page of ``room_id``'s events before ``start`` (a ``prev_batch`` or ``end``),
        back to ``end`` at most (an older ``/sync`` position).

        Raises:
            MatrixError: unreachable, the token was refused, or the server failed.
            Cancelled: ``cancelled()`` said stop first.
        """
        return self._runner.run(self._history(room_id, start, end, limit, cancelled))

    def read_back(self, rooms: dict[str, tuple[str, str | None]],
                  on_page: Callable[[str, History], str | None], *,
                  limit: int = HISTORY_PAGE, parallel: int = PARALLEL,
                  cancelled: Callable[[], bool] = lambda: False) -> None:
        """Page the rooms (room id to (start, end) as for :meth:`history`) back, up to
        ``parallel`` rooms at once, so the server works on the next pages while ``on_page``
        handles one. ``on_page(room, page)`` gets each room's pages in order and returns
        where that room's next page starts (``None``: the room is done).

        Raises:
            MatrixError: unreachable, the token was refused, or the server failed.
            Cancelled: ``cancelled()`` said stop.
        """
        self._runner.run(self._read_back(rooms, on_page, limit, parallel, cancelled))

    async def _read_back(self, rooms: dict[str, tuple[str, str | None]],
                         on_page: Callable[[str, History], str | None], limit: int,
                         parallel: int, cancelled: Callable[[], bool]) -> None:
        waiting = list(rooms.items())
        running: dict[asyncio.Future[History], tuple[str, str | None]] = {}

        def ask(room: str, start: str, end: str | None) -> None:
            running[asyncio.ensure_future(
                self._history(room, start, end, limit, cancelled))] = (room, end)

        try:
            while waiting or running:
                while waiting and len(running) < max(1, parallel):
                    room, (start, end) = waiting.pop(0)
                    ask(room, start, end)
                done, _pending = await asyncio.wait(running,
                                                    return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    room, end = running.pop(task)
                    following = on_page(room, task.result())
                    if cancelled():
                        raise Cancelled
                    if following:
                        ask(room, following, end)
        finally:
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    async def _sync(self, since: str | None, wait_ms: int,
                    cancelled: Callable[[], bool]) -> SyncResult:
        from nio import SyncResponse

        client = self._client
        response = await _guard(self.homeserver, client.sync(
            timeout=wait_ms if since else 0, since=since, full_state=since is None,
            sync_filter={"room": {"timeline": {"limit": TIMELINE_LIMIT}}}),
            cancelled, wait_ms / 1000 if since else 0)
        if not isinstance(response, SyncResponse):
            raise _refusal(self.homeserver, response)
        if self._display_name is None:
            name = await _guard(self.homeserver, client.get_displayname(self.user_id),
                                cancelled)
            self._display_name = str(getattr(name, "displayname", "") or "")
        result = SyncResult(response.next_batch, self._display_name)
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
                if room is not None else {},
                str(joined.timeline.prev_batch or ""), bool(joined.timeline.limited)))
        return result

    async def _history(self, room_id: str, start: str, end: str | None, limit: int,
                       cancelled: Callable[[], bool]) -> History:
        # The raw JSON, not nio's RoomMessagesResponse: nio checks every event against a JSON
        # schema and builds an object for it, which was most of a first sync's CPU; the
        # events are read by desktop.core.importing.matrix_events anyway.
        from nio import Api, MessageDirection

        client = self._client
        method, path = Api.room_messages(
            client.access_token, room_id, start=start, end=end,
            direction=MessageDirection.back, limit=limit)  # unfiltered: filtering was slower
        status, data = await _guard(self.homeserver, _json(client, method, path), cancelled)
        if status != 200:
            raise _refusal(self.homeserver, _Refused(str(data.get("errcode") or status),
                                                     str(data.get("error") or "")))
        chunk = data.get("chunk")
        events = [e for e in chunk if isinstance(e, dict)] if isinstance(chunk, list) else []
        # The spec: no "end" once there is nothing before; a page may be empty and still
        # have one (the server filtered everything in it out).
        token = data.get("end")
        return History(events, token if isinstance(token, str) and token != start else "")


@dataclass(frozen=True, slots=True)
class _Refused:
    status_code: str
    message: str


async def _json(client: _Client, method: str, path: str) -> tuple[int, dict[str, Any]]:
    """(HTTP status, the JSON object) of one request, read up to :data:`MAX_BYTES`."""
    response = await client.send(method, path, timeout=TIMEOUT)
    parts: list[bytes] = []
    size = 0
    try:
        async for part in response.content.iter_any():
            size += len(part)
            if size > MAX_BYTES:
                return 0, {"errcode": "M_TOO_LARGE"}
            parts.append(part)
    finally:
        response.release()
    try:
        data = json.loads(b"".join(parts))
    except ValueError:
        data = None
    return response.status, data if isinstance(data, dict) else {}


def _client(homeserver: str, user_id: str) -> _Client:
    from nio import AsyncClient, AsyncClientConfig

    config = AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0, request_timeout=TIMEOUT,
                               store_sync_tokens=False, encryption_enabled=False)
    client: _Client = AsyncClient(homeserver, user_id, config=config)
    return client


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


async def _guard(homeserver: str, call: Awaitable[T], cancelled: Callable[[], bool] = lambda: False,
                 wait: float = 0) -> T:
    """``call``'s result; a transport failure as :class:`MatrixError`, a cancel as
    :class:`Cancelled`. ``wait`` is how long the server may hold the request on purpose."""
    import aiohttp

    task = asyncio.ensure_future(call)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT + 5 + wait
    try:
        while not task.done():
            if cancelled():
                raise Cancelled
            if loop.time() > deadline:
                raise TimeoutError
            await asyncio.wait({task}, timeout=_SLICE)
        return task.result()
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise MatrixError(_("The Matrix server {server} cannot be reached: {reason}").format(
            server=homeserver, reason=type(error).__name__), reached=False) from None
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def _refusal(homeserver: str, response: object) -> MatrixError:
    code = str(getattr(response, "status_code", "") or "")
    if code in _REFUSED:
        return MatrixError(_("The Matrix server {server} refused the login ({code}).").format(
            server=homeserver, code=code), reached=True, refused=True)
    return MatrixError(_("The Matrix server {server} answered with an error: {code}").format(
        server=homeserver, code=code or getattr(response, "message", "?")), reached=True)
