# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sync engine: one sync of the local store with the CalDAV collections.

Per collection it (1) asks what changed since the last sync token (or lists the ETags),
(2) fetches only the items whose ETag it has not seen, in batches (one multiget each, the next
read on a thread of its own while this one is applied), and merges each into the local store
(:func:`desktop.core.sync.items.merge`), one transaction per batch together with the sync
state, (3) applies deletions from the server, (4) sends what changed here, with
``If-Match`` so nothing on the server is overwritten unseen (a 412 fetches, merges and sends
again), and (5) keeps the new sync token.

Step (1) is skipped for a collection whose last-modified time shows it unchanged since the
last complete sync (:mod:`desktop.core.sync.freshness`): that time is read first, and kept
only with a sync that took in everything up to it.

Offline first: when the server cannot be reached the sync stops, what was applied stays, and
local changes keep waiting (their ``modified_at`` differs from the synced one). A bad item
(HTTP error, malformed iCalendar, too large) is skipped and reported; the rest goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import partial
from typing import Protocol

from desktop.core.ports import Clock
from desktop.core.sync.freshness import Stamp, unchanged
from desktop.core.sync.items import Failure, HistoryEntry, Side, SyncItem, SyncReport
from desktop.sync.bindings import Binding, Local
from desktop.sync.errors import BadItem, Conflict412, ServerUnreachable, SyncError
from desktop.sync.ical import RemoteItem, parse_item
from desktop.sync.ports import Fetched, Remote, chunks
from desktop.sync.receive import Where, receive

logger = logging.getLogger(__name__)

BATCH = 200


class SyncState(Protocol):
    """The engine's memory (:class:`desktop.store.sync_repository.SqliteSyncState`)."""

    def atomic(self) -> AbstractContextManager[None]: ...
    def item(self, kind: str, item_id: str) -> SyncItem | None: ...
    def etags(self, collection: str) -> dict[str, str | None]: ...
    def by_href(self, href: str) -> SyncItem | None: ...
    def save_items(self, items: Sequence[SyncItem]) -> None: ...
    def drop(self, kind: str, item_id: str) -> None: ...
    def drop_href(self, href: str) -> None: ...
    def token(self, collection: str) -> str | None: ...
    def stamp(self, collection: str) -> Stamp | None: ...
    def set_token(self, collection: str, token: str | None, stamp: Stamp | None) -> None: ...
    def add_history(self, entries: Sequence[HistoryEntry]) -> None: ...


@dataclass
class _Batch:
    items: list[SyncItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)


class SyncEngine:
    """Syncs the bindings of each collection with the server.

    Args:
        remote: the server.
        state: the sync state store (same database as the bindings write to).
        clock: the source of ``now``.
        collections: collection path to the bindings kept there, e.g. the task collection
            to requests and settings, the calendar to focus blocks.
        zone: the user's zone (floating times and all-day dates from other clients).
        progress: told a line of text as the sync goes (called on the engine's thread).
        cancelled: asked between batches; the sync stops there, keeping what it did.
    """

    def __init__(self, remote: Remote, state: SyncState, clock: Clock,
                 collections: dict[str, list[Binding]], zone: tzinfo,
                 progress: Callable[[str], None] = lambda _text: None,
                 cancelled: Callable[[], bool] = lambda: False) -> None:
        self._remote = remote
        self._state = state
        self._clock = clock
        self._collections = collections
        self._zone = zone
        self._progress = progress
        self._cancelled = cancelled
        self.report = SyncReport()
        self._unread = False

    def run(self) -> SyncReport:
        """Sync every collection; never raises for server trouble (it is in the report)."""
        self.report = SyncReport()
        for collection, bindings in self._collections.items():
            try:
                self._sync(collection, {b.kind: b for b in bindings})
            except SyncError as error:
                self.report.offline = isinstance(error, ServerUnreachable)
                self.report.error = str(error)
                logger.warning("sync of %s stopped: %s", collection, error)
                break
        return self.report

    # -- one collection ------------------------------------------------------------------------

    def _sync(self, collection: str, bindings: dict[str, Binding]) -> None:
        self._progress(f"checking {collection}")
        token = self._state.token(collection)
        kept = self._state.stamp(collection)
        stamp = self._remote.stamp(collection)  # before the full check: it covers up to here
        if unchanged(kept, stamp, token):
            self._send(collection, bindings)
            return
        changes = self._remote.changes(collection, token)
        # nothing changed on the server (the usual answer): no need to read what is known
        known = (self._state.etags(collection)
                 if changes.etags or changes.deleted or changes.complete else {})
        self._unread = False  # an item the server failed to send keeps the old token
        wanted = [href for href, etag in changes.etags.items()
                  if etag is None or known.get(href) != etag]
        received = 0
        for fetched in self._fetched(collection, wanted):
            if self._cancelled():
                return
            received += len(fetched)
            self._progress(f"receiving {received} of {len(wanted)}")
            self._apply(collection, bindings, fetched)
        gone = set(changes.deleted)
        if changes.complete:
            gone |= set(known) - set(changes.etags)
        self._apply_deletions(collection, bindings, sorted(gone & set(known)))
        self._send(collection, bindings)
        if not self._cancelled() and not self._unread and (changes.token, stamp) != (token,
                                                                                     kept):
            self._state.set_token(collection, changes.token, stamp)

    def _fetched(self, collection: str, hrefs: Sequence[str]) -> Iterator[Sequence[Fetched]]:
        """The items at ``hrefs``, one multiget of :data:`BATCH` at a time, the next batch
        read on a thread of its own while this one is merged and stored (the server works
        on it meanwhile). At most one batch is read ahead, none once the sync is cancelled;
        a server error is raised here, on the engine's thread."""
        batches = list(chunks(hrefs, BATCH))
        if not batches or self._cancelled():
            return
        if len(batches) == 1:
            yield self._remote.fetch(collection, batches[0])
            return
        with ThreadPoolExecutor(1, thread_name_prefix="caldav-fetch") as reader:
            ahead = reader.submit(self._remote.fetch, collection, batches[0])
            for following in range(1, len(batches) + 1):
                fetched = ahead.result()
                more = following < len(batches) and not self._cancelled()
                if more:
                    ahead = reader.submit(self._remote.fetch, collection, batches[following])
                yield fetched
                if not more:
                    return

    def _apply(self, collection: str, bindings: dict[str, Binding],
               fetched: Sequence[Fetched]) -> None:
        batch = _Batch()
        for item in fetched:
            if item.data is None:
                self._unread = True
                self._fail(item.href, item.error or "no data")
                continue
            try:
                remote = parse_item(item.data, self._zone)
            except BadItem as error:
                self._fail(item.href, str(error))
                batch.items.append(SyncItem("skipped", item.href, collection, item.href,
                                            item.etag, None, {}))
                continue
            binding = bindings.get(remote.kind)
            if binding is None:  # not ours (a meeting in the calendar): remember its ETag
                batch.items.append(SyncItem("other", item.href, collection, item.href,
                                            item.etag, None, {}))
                continue
            self._merge_in(collection, binding, remote, item, batch)
        self._commit(bindings, batch)

    def _commit(self, bindings: dict[str, Binding], batch: _Batch) -> None:
        with self._state.atomic():
            for binding in bindings.values():
                binding.flush()
            self._state.save_items(batch.items)
            self._state.add_history(batch.history)

    def _merge_in(self, collection: str, binding: Binding, remote: RemoteItem, item: Fetched,
                  batch: _Batch) -> None:
        """Take in one server copy by the rules of :mod:`desktop.sync.receive`."""
        decision = receive(binding.kind, binding.names, binding.load(remote.uid),
                           self._state.item(binding.kind, remote.uid), remote,
                           Where(collection, item.href, item.etag), self._clock.now())
        if decision.write is not None:
            write = decision.write
            binding.store(remote.uid, write.values, write.modified_at, write.deleted_at)
        batch.items.append(decision.item)
        batch.history.extend(decision.history)
        self.report.received += decision.received
        self.report.merged += decision.merged
        self.report.conflicts += decision.conflicts

    def _history(self, batch: _Batch, kind: str, item_id: str, name: str, kept: object,
                 lost: object, lost_side: Side) -> None:
        batch.history.append(HistoryEntry(kind, item_id, name, kept, lost, lost_side,
                                          self._clock.now()))

    def _apply_deletions(self, collection: str, bindings: dict[str, Binding],
                         hrefs: Sequence[str]) -> None:
        now = self._clock.now()
        for group in chunks(hrefs, BATCH):
            batch = _Batch()
            drop: list[str] = []
            for href in group:
                synced = self._state.by_href(href)
                binding = bindings.get(synced.kind) if synced is not None else None
                drop.append(href)
                if synced is None or binding is None:
                    continue
                local = binding.load(synced.id)
                if local is None or local.deleted_at is not None:
                    continue
                if synced.synced_modified_at != local.modified_at:
                    # changed here since the last sync: keep it and send it again
                    self._history(batch, binding.kind, synced.id, "deleted", False, True,
                                  Side.SERVER)
                    self.report.conflicts += 1
                    continue
                binding.store(synced.id, local.fields, now, now)
                self.report.deleted_here += 1
            with self._state.atomic():
                for href in drop:
                    self._state.drop_href(href)
                self._commit(bindings, batch)

    # -- sending -------------------------------------------------------------------------------

    def _send(self, collection: str, bindings: dict[str, Binding]) -> None:
        for binding in bindings.values():
            pending = binding.pending(partial(self._state.item, binding.kind))
            for number, group in enumerate(chunks(pending, BATCH)):
                if self._cancelled():
                    return
                self._progress(f"sending {number * BATCH + len(group)} of {len(pending)}")
                saved: list[SyncItem] = []
                for item_id in group:
                    done = self._send_one(collection, binding, item_id)
                    if done is not None:
                        saved.append(done)
                self._state.save_items(saved)

    def _send_one(self, collection: str, binding: Binding, item_id: str,
                  retry: bool = True) -> SyncItem | None:
        local = binding.load(item_id)
        synced = self._state.item(binding.kind, item_id)
        if local is None:
            return None
        try:
            if local.deleted_at is not None:
                if synced is not None:
                    self._remote.delete(synced.href, synced.etag)
                    self._state.drop(binding.kind, item_id)
                    self.report.deleted_there += 1
                return None
            href = synced.href if synced is not None else self._remote.item_href(collection,
                                                                                  item_id)
            data = binding.encode(item_id, self._clock.now())
            etag = self._remote.put(href, data, synced.etag if synced else None,
                                    create=synced is None)
        except Conflict412:
            if not retry:
                self._fail(item_id, "changed on the server again while sending; next sync")
                return None
            href = synced.href if synced else self._remote.item_href(collection, item_id)
            self._apply(collection, {binding.kind: binding}, [self._remote.get(href)])
            return self._send_one(collection, binding, item_id, retry=False)
        except BadItem as error:
            self._fail(item_id, str(error))
            return None
        self.report.sent += 1
        return SyncItem(binding.kind, item_id, collection, href, etag,
                        _second(local), local.fields)

    def _fail(self, item: str, reason: str) -> None:
        logger.warning("sync skipped %s: %s", item, reason)
        self.report.failed.append(Failure(item, reason))


def _second(local: Local) -> datetime:
    return local.modified_at.replace(microsecond=0)

