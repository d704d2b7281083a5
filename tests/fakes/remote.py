# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An in-memory CalDAV server for unit tests of the sync engine (the ``Remote`` Protocol).

Items live in a dict of href to (ETag, iCalendar bytes). Every change bumps a version; a sync
token is the version it was given at, so ``changes`` answers like a server that keeps a change
log. ``edit`` and ``remove`` are another device's changes; ``race`` makes the next ``put`` to an
href find the item changed (HTTP 412), as when someone saves between listing and sending.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.sync.freshness import Stamp
from desktop.sync.errors import Conflict412
from desktop.sync.ports import Changes, Fetched


class MemoryRemote:
    """The ``Connection`` Protocol over a dict."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[str, bytes]] = {}
        self.auth_type: str | None = "basic"
        self.closed = False
        self.puts: list[str] = []
        self.fetches: list[list[str]] = []
        """The hrefs of each ``fetch`` (one multiget each)."""
        self.gets: list[str] = []
        """The href of each ``get`` (one request each)."""
        self._version = 0
        self._changed: dict[str, int] = {}  # href to the version it last changed (or went)
        self._races: dict[str, bytes] = {}

    # -- another device ------------------------------------------------------------------------

    def edit(self, href: str, data: bytes) -> None:
        self._version += 1
        self.items[href] = (f'"v{self._version}"', data)
        self._changed[href] = self._version

    def remove(self, href: str) -> None:
        self._version += 1
        self.items.pop(href)
        self._changed[href] = self._version

    def race(self, href: str, data: bytes) -> None:
        """The next put to ``href`` finds ``data`` saved there just before."""
        self._races[href] = data

    # -- the Protocol --------------------------------------------------------------------------

    def stamp(self, collection: str) -> Stamp | None:
        return None

    def changes(self, collection: str, token: str | None) -> Changes:
        since = int(token) if token is not None else None
        mine = {h: v for h, v in self._changed.items() if h.startswith(collection)}
        if since is None:
            etags = {h: e for h, (e, _d) in self.items.items() if h.startswith(collection)}
            return Changes(etags, frozenset(), str(self._version), complete=True)
        fresh = {h for h, v in mine.items() if v > since}
        return Changes({h: self.items[h][0] for h in fresh if h in self.items},
                       frozenset(h for h in fresh if h not in self.items),
                       str(self._version), complete=False)

    def fetch(self, collection: str, hrefs: Sequence[str]) -> list[Fetched]:
        self.fetches.append(list(hrefs))
        return [self._read(href) for href in hrefs]

    def get(self, href: str) -> Fetched:
        self.gets.append(href)
        return self._read(href)

    def _read(self, href: str) -> Fetched:
        if href not in self.items:
            return Fetched(href, None, None, "404 Not Found")
        etag, data = self.items[href]
        return Fetched(href, etag, data)

    def put(self, href: str, data: bytes, etag: str | None, *, create: bool) -> str | None:
        if href in self._races:
            self.edit(href, self._races.pop(href))
        current = self.items.get(href)
        if (create and current is not None) or (not create and (
                current is None or current[0] != etag)):
            raise Conflict412(href)
        self.edit(href, data)
        self.puts.append(href)
        return self.items[href][0]

    def delete(self, href: str, etag: str | None) -> None:
        current = self.items.get(href)
        if current is not None and current[0] != etag:
            raise Conflict412(href)
        if current is not None:
            self.remove(href)

    def item_href(self, collection: str, item_id: str) -> str:
        return f"{collection}{item_id}.ics"

    def close(self) -> None:
        self.closed = True
