# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue as a two-level tree: bucket rows, each holding its requests.

Where each request sits is :class:`~desktop.ui.queue.rows.QueueRows`' business; this
model turns it into Qt rows. Full requests are read from the queue a page at a time, only for
rows the view asks about, so a queue of 100,000 opens as fast as one of a hundred.

A group shows its first :data:`PAGE` rows and pages in more as the view scrolls
(``canFetchMore``/``fetchMore``), so the tree never lays out 100,000 rows through Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket, BucketEdges, QueueEntry, QueueHead
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request, State

from desktop.ui.common.appearance import queue_colours
from desktop.ui.common.formatting import Formatter
from desktop.ui.queue.cells import BUCKET_ROLE as BUCKET_ROLE
from desktop.ui.queue.cells import COLUMN_COUNT, HEADERS, QueueCells
from desktop.ui.queue.cells import ITEM_ROLE as ITEM_ROLE
from desktop.ui.queue.cells import SORT_ROLE as SORT_ROLE
from desktop.ui.queue.cells import Column as Column
from desktop.ui.queue.cells import time_left_text as time_left_text
from desktop.ui.queue.head_rows import HeadRows
from desktop.ui.queue.rows import GROUPS, QueueRows

PAGE = 200

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Computed once: the tree view asks flags() for every row it lays out, and or-ing two Qt
# enums in Python costs more than the rest of the call (1.5 s of a scroll through 200,000).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class QueueModel(QueueCells):
    """Requests grouped by bucket. Items are core ``Request`` objects (``ITEM_ROLE``)."""

    def __init__(self, queue: QueueService, formatter: Formatter, icons: dict[Bucket, QIcon],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._fmt = formatter
        self._icons = icons
        self._now = queue.now()
        self._rows: QueueRows | HeadRows = QueueRows(queue.edges(self._now))
        self._cache: dict[str, Request] = {}
        self._scheduled_source: Callable[[], dict[str, datetime]] = dict
        self._scheduled: dict[str, datetime] = {}
        self._fetched = [PAGE] * len(GROUPS)
        self._bold = QFont()
        self._bold.setBold(True)
        self.colours: dict[Bucket, QColor] = queue_colours(dark=False)
        """Text colours of the time left, per bucket (see :meth:`set_dark`)."""

    def set_dark(self, dark: bool) -> None:
        """Use the overdue and at-risk colours chosen for the dark or the light scheme."""
        self.colours = queue_colours(dark)
        for group in range(len(GROUPS)):
            shown = self._shown(group)
            if shown:
                parent = self.index(group, 0)
                self.dataChanged.emit(self.index(0, Column.TIME_LEFT, parent),
                                      self.index(shown - 1, Column.TIME_LEFT, parent),
                                      [Qt.ItemDataRole.ForegroundRole])

    def set_scheduled_replies(self, source: Callable[[], dict[str, datetime]]) -> None:
        """Show "Reply scheduled" on requests with a queued reply: ``source`` gives the send
        time by request id (the outbox's). It is read now and on every load, never per row."""
        self._scheduled_source = source
        self._scheduled = source()
        self._touch_times()

    # -- loading and changing ----------------------------------------------------------------

    def load(self, requests: Iterable[Request], now: datetime) -> None:
        """Replace everything with these requests (a full reset)."""
        requests = [r for r in requests if r.state is not State.DONE and r.deleted_at is None]
        self._reset([QueueEntry.of(r) for r in requests], {r.id: r for r in requests}, now)

    def load_entries(self, entries: Iterable[QueueEntry], now: datetime) -> None:
        """Replace everything; whole requests are read from the queue as rows are shown."""
        self._reset(entries, {}, now)

    def load_head(self, head: QueueHead, rest: Callable[[], list[QueueEntry]]) -> None:
        """Show the top of the queue from ``head``; ``rest`` reads all of it, which happens
        on :meth:`complete` or as soon as anything beyond the head is asked for."""
        self.beginResetModel()
        self._now = head.edges.now
        self._cache = {}
        self._scheduled = self._scheduled_source()
        self._rows = HeadRows(head, lambda: self._full_rows(rest))
        self._fetched = [PAGE] * len(GROUPS)
        self.endResetModel()

    def complete(self) -> None:
        """Read the rest of the queue, if only its head was loaded."""
        if isinstance(self._rows, HeadRows):
            self._rows = self._rows.full()

    def read_rest(self) -> None:
        """Build the rows behind a head now, on the calling thread (the app's reading thread:
        placing 200,000 requests held the window for 0.14 s), so that :meth:`complete` on the
        GUI thread only swaps them in."""
        rows = self._rows
        if isinstance(rows, HeadRows):
            rows.full()

    def set_filter(self, ids: Iterable[str] | None) -> None:
        """Show only the requests with these ids (``None`` shows all)."""
        self.beginResetModel()
        self._rows.show_only(ids, self._queue.edges(self._now))
        self._fetched = [PAGE] * len(GROUPS)
        self.endResetModel()

    def refresh(self, now: datetime) -> bool:
        """Move requests between buckets for ``now`` and update the time-left column.

        Returns:
            Whether any request changed bucket.
        """
        self._now = now
        edges = self._queue.edges(now)
        moved = self._rows.moves(edges)
        if moved:
            self.layoutAboutToBeChanged.emit()
            before = [(p, self._address(p)) for p in self.persistentIndexList()]
            self._rows.move_clock(edges)
            self._relocate(before)
            self.layoutChanged.emit()
        else:
            self._rows.move_clock(edges)
        self._touch_times()
        return moved

    def upsert(self, request: Request) -> None:
        """Show a changed or new request where it now belongs (or drop it if done/deleted)."""
        self._remove(request.id)
        if request.state is State.DONE or request.deleted_at is not None:
            return
        self._cache[request.id] = request
        self._insert(QueueEntry.of(request))

    def remove(self, request_id: str) -> None:
        """Drop a request from the view."""
        self._remove(request_id)

    # -- questions -----------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The moment the buckets were last computed for."""
        return self._now

    @property
    def filtered(self) -> bool:
        """Whether a search filter is on."""
        return self._rows.filtered

    def count(self, bucket: Bucket) -> int:
        """How many requests are shown in ``bucket``."""
        return self._row_count(GROUPS.index(bucket))

    def overdue_count(self) -> int:
        """Overdue requests shown, snoozed ones included: the status bar counts them all."""
        return self.count(Bucket.OVERDUE) + self._rows.snoozed_overdue(self._now.timestamp())

    def reply_bys(self, edges: BucketEdges) -> list[datetime]:
        """Reply-bys of shown open requests that the next bucket change at ``edges`` can
        depend on (for the next-wake timer): those ahead, up to the first not yet at risk."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.reply_bys_ahead(edges)]

    def snooze_ends(self) -> list[datetime]:
        """Ends of the running snoozes."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.snooze_ends()]

    def snoozed_reply_bys(self) -> list[datetime]:
        """Reply-bys of snoozed requests still ahead: the overdue count changes then."""
        now = self._now.timestamp()
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.snoozed_reply_bys_ahead(now)]

    def follow_ups(self) -> list[datetime]:
        """Follow-up times of the waiting requests shown: each then moves to Follow up."""
        return [datetime.fromtimestamp(t, UTC) for t in self._rows.follow_ups_ahead()]

    def group_index(self, bucket: Bucket) -> QModelIndex:
        """The header row of ``bucket``."""
        return self.createIndex(GROUPS.index(bucket), 0, 0)

    def index_of(self, request_id: str) -> QModelIndex:
        """The row of a shown request (invalid if it is not shown)."""
        address = self._locate(request_id)
        if address is None:
            return QModelIndex()
        group, row = address
        while row >= self._fetched[group]:  # page in far enough to show it
            self.fetchMore(self.createIndex(group, 0, 0))
        return self.createIndex(row, 0, group + 1)

    # -- Qt model interface --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        # Checked here rather than by hasIndex(), which would call rowCount() and
        # columnCount() back: a view laying out thousands of rows asks this for each.
        if not 0 <= column < COLUMN_COUNT:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(GROUPS) else QModelIndex()
        group = parent.row()
        # row < fetched first: it is the cheap test, and the one a view laying out rows passes
        if (parent.internalId() != 0 or parent.column() != 0 or not 0 <= row < self._fetched[group]
                or row >= self._rows.count(group)):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == 0 and parent.column() == 0:
            return self._shown(parent.row())
        return 0

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return (parent.isValid() and parent.internalId() == 0
                and self._row_count(parent.row()) > self._fetched[parent.row()])

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        group = parent.row()
        first = self._fetched[group]
        last = min(self._row_count(group), first + PAGE) - 1
        self.beginInsertRows(self.createIndex(group, 0, 0), first, last)
        self._fetched[group] = last + 1
        self.endInsertRows()

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index.row(), index.column(), role)
        group = index.internalId() - 1
        if index.row() >= self._shown(group):
            return None
        return self._item_data(self._request_at(group, index.row()), GROUPS[group],
                               Column(index.column()), role)

    # -- internals -------------------------------------------------------------------------------

    def _row_count(self, group: int) -> int:
        return self._rows.count(group)

    def _shown(self, group: int) -> int:
        """Rows of ``group`` the view has been given so far."""
        return min(self._rows.count(group), self._fetched[group])

    def _request_at(self, group: int, row: int) -> Request:
        """The whole request on a row, read from the queue with the rest of its page."""
        request_id = self._rows.id_at(group, row)
        request = self._cache.get(request_id)
        if request is None:
            start = row - row % PAGE
            wanted = [i for i in self._rows.ids(group, start, start + PAGE)
                      if i not in self._cache]
            self._cache.update(self._queue.get_many(wanted))
            request = self._cache.get(request_id)
        if request is None:  # deleted behind our back (another process); shown until reload
            entry = self._rows.entries[request_id]
            request = Request(request_id, "", datetime.fromtimestamp(entry.received_at, UTC),
                              datetime.fromtimestamp(entry.received_at, UTC))
        return request

    def _full_rows(self, rest: Callable[[], list[QueueEntry]]) -> QueueRows:
        """The full rows behind a head (read from the same snapshot, so every count and
        every row the head showed stays as it was). May run on the reading thread: it builds
        and touches nothing the GUI thread uses."""
        rows = QueueRows(self._rows.edges)
        rows.reset(rest(), rows.edges)
        return rows

    def _reset(self, entries: Iterable[QueueEntry], cache: dict[str, Request],
               now: datetime) -> None:
        self.beginResetModel()
        self._now = now
        self._cache = cache
        self._scheduled = self._scheduled_source()
        edges = self._queue.edges(now)
        if isinstance(self._rows, HeadRows):  # no need to read what is replaced anyway
            self._rows = QueueRows(edges)
        self._rows.reset(entries, edges)
        self._fetched = [PAGE] * len(GROUPS)
        self.endResetModel()

    def _insert(self, entry: QueueEntry) -> None:
        address = self._rows.address_for(entry)
        if address is None:
            self._rows.place(entry)  # kept for when the filter is lifted
            return
        group, row = address
        parent = self.createIndex(group, 0, 0)
        visible = row < self._fetched[group]  # on a page the view has: tell it
        if visible:
            self.beginInsertRows(parent, row, row)
            self._fetched[group] += 1
        self._rows.place(entry)
        if visible:
            self.endInsertRows()
        self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.DisplayRole])

    def _remove(self, request_id: str) -> None:
        address = self._rows.locate(request_id)
        self._cache.pop(request_id, None)
        if address is None:
            self._rows.take(request_id)
            return
        group, row = address
        visible = row < self._shown(group)
        if visible:
            self.beginRemoveRows(self.createIndex(group, 0, 0), row, row)
        self._rows.take(request_id)
        if visible:
            self._fetched[group] -= 1  # the shown count drops by exactly this row
            self.endRemoveRows()
        header = self.createIndex(group, 0, 0)
        self.dataChanged.emit(header, header, [Qt.ItemDataRole.DisplayRole])

    def _locate(self, request_id: str) -> tuple[int, int] | None:
        return self._rows.locate(request_id)

    def _address(self, index: QModelIndex) -> tuple[str | int, int]:
        """What a persistent index points at: a request id, or a group row."""
        if index.internalId() == 0:
            return index.row(), index.column()
        group = index.internalId() - 1
        if index.row() >= self._shown(group):
            return -1, index.column()
        return self._rows.id_at(group, index.row()), index.column()

    def _relocate(self, before: list[tuple[QModelIndex, tuple[str | int, int]]]) -> None:
        for old, (target, column) in before:
            if isinstance(target, int):
                new = self.createIndex(target, column, 0) if target >= 0 else QModelIndex()
            else:
                found = self.index_of(target)
                new = found.siblingAtColumn(column) if found.isValid() else QModelIndex()
            self.changePersistentIndex(old, new)

    def _touch_times(self) -> None:
        for group in range(len(GROUPS)):
            count = self._shown(group)
            if count:
                parent = self.createIndex(group, 0, 0)
                self.dataChanged.emit(self.index(0, Column.TIME_LEFT, parent),
                                      self.index(count - 1, Column.TIME_LEFT, parent),
                                      [Qt.ItemDataRole.DisplayRole])
