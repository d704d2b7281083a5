# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the sync engine needs of a server: the :class:`Remote` Protocol and what it returns.

:class:`desktop.sync.remote.CalDavRemote` implements it over CalDAV (tested against Radicale);
``tests/fakes/remote.py`` keeps items in memory for unit tests of the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from desktop.core.sync.freshness import Stamp

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed in a collection. With ``complete`` the listing holds every item, so an
    item known locally but not listed was deleted; otherwise ``deleted`` says so."""

    etags: dict[str, str | None]
    deleted: frozenset[str]
    token: str | None
    complete: bool


@dataclass(frozen=True, slots=True)
class Fetched:
    """One item read from the server: its data, or why it could not be read."""

    href: str
    etag: str | None
    data: bytes | None
    error: str | None = None


class Remote(Protocol):
    """What the engine needs of the server.

    Failures are :mod:`desktop.sync.errors`: ``ServerUnreachable`` stops the sync,
    ``Conflict412`` on :meth:`put` says the item changed there, ``BadItem`` skips one item.
    """

    def stamp(self, collection: str) -> Stamp | None:
        """The collection's last-modified mark, ``None`` if the server gives none."""
        ...

    def changes(self, collection: str, token: str | None) -> Changes:
        """What changed since ``token`` (everything when ``None``)."""
        ...

    def fetch(self, collection: str, hrefs: Sequence[str]) -> list[Fetched]:
        """The items at ``hrefs``; one that cannot be read carries its error."""
        ...

    def get(self, href: str) -> Fetched:
        """One item (after a 412, to merge it before sending again)."""
        ...

    def put(self, href: str, data: bytes, etag: str | None, *, create: bool) -> str | None:
        """Write an item if its ETag is still ``etag`` (or it is new); returns the new ETag."""
        ...

    def delete(self, href: str, etag: str | None) -> None:
        """Delete an item if its ETag is still ``etag``."""
        ...

    def item_href(self, collection: str, item_id: str) -> str:
        """Where a new item with ``item_id`` goes."""
        ...


class Connection(Remote, Protocol):
    """A :class:`Remote` the wiring opens for one sync and closes after it."""

    @property
    def auth_type(self) -> str | None:
        """The login scheme the server took (kept, so the next sync sends it at once)."""
        ...

    def close(self) -> None:
        """Let go of the connection."""
        ...


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
