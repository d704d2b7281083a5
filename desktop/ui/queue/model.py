# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue as one flat list: each bucket's title row, then that bucket's requests.

Where each request sits is :class:`~desktop.ui.queue.rows.QueueRows`' business; this
model turns it into Qt rows. Full requests are read from the queue a page at a time, only for
rows the view asks about (and only a few pages are kept), so a queue of 200,000 opens and
scrolls as fast as one of a hundred.

The rows are flat and all there from the start (no ``fetchMore``): a ``QTreeView`` lays out each
row through the Python model (2-4 s at 200,000, at every fetch, insert or reset); a ``QTableView``
does it in C++ from the row count. An empty bucket has no title row; a folded one only that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket, QueueEntry, QueueHead
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
from desktop.ui.queue.flat_rows import FlatRows
from desktop.ui.queue.head_rows import HeadRows
from desktop.ui.queue.rows import GROUPS, QueueRows
from desktop.ui.queue.wake_times import WakeTimes

PAGE = 50
"""Requests read from the queue at once, for the rows around the one asked for: a screenful
(reading 200 took 5 ms of a jump to the end of 200,000; 50 take 0.5 ms)."""
CACHE_PAGES = 40
"""Pages of whole requests kept; scrolling through 200,000 keeps no more than these."""

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Computed once: or-ing two Qt enums in Python costs more than the rest of flags().
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
    Qt.ItemFlag.ItemNeverHasChildren
_COLUMNS = tuple(Column)
# The roles any row answers (QueueCells words them); the rest are answered None at once.
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole, SORT_ROLE, ITEM_ROLE, BUCKET_ROLE))


class QueueModel(QueueCells, WakeTimes):
    """Requests grouped by bucket. Items are core ``Request`` objects (``ITEM_ROLE``)."""

    def __init__(self, queue: QueueService, formatter: Formatter, icons: dict[Bucket, QIcon],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._fmt = formatter
        self._icons = icons
        self._now = queue.now()
        self._rows: QueueRows | HeadRows = QueueRows(queue.edges(self._now))
        self._cache: dict[str, Request] = {}
        self._scheduled_source: Callable[[], dict[str, datetime]] = dict
        self._scheduled: dict[str, datetime] = {}
        self._fold_icons: tuple[QIcon | None, QIcon | None] = (None, None)
        self._flat = FlatRows(len(GROUPS))
        # The counts the title rows show: updated after rows come or go, not while (a view
        # and the model tester read the row before an insertion as it was).
        self._titles = [0] * len(GROUPS)
        self._bold = QFont()
        self._bold.setBold(True)
        self.colours: dict[Bucket, QColor] = queue_colours(dark=False)
        """Text colours of the time left, per bucket (see :meth:`set_dark`)."""

    def set_dark(self, dark: bool) -> None:
        """Use the overdue and at-risk colours chosen for the dark or the light scheme."""
        self.colours = queue_colours(dark)
        self._touch_column(Column.TIME_LEFT, Qt.ItemDataRole.ForegroundRole)

    def set_scheduled_replies(self, source: Callable[[], dict[str, datetime]]) -> None:
        """Show "Reply scheduled" on requests with a queued reply: ``source`` gives the send
        time by request id (the outbox's). It is read now and on every load, never per row."""
        self._scheduled_source = source
        self._scheduled = source()
        self._touch_column(Column.TIME_LEFT, Qt.ItemDataRole.DisplayRole)

    def set_fold_icons(self, unfolded: QIcon, folded: QIcon) -> None:
        """The marks a title row shows for an open and for a folded bucket (the view's)."""
        self._fold_icons = (unfolded, folded)

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
        self._lay_out()
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
        self._lay_out()
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
            self._lay_out()
            self._relocate(before)
            self.layoutChanged.emit()
        else:
            self._rows.move_clock(edges)
        self._touch_column(Column.TIME_LEFT, Qt.ItemDataRole.DisplayRole)
        return moved

    def upsert(self, request: Request) -> None:
        """Show a changed or new request where it now belongs (or drop it if done/deleted)."""
        self._remove(request.id)
        if request.state is State.DONE or request.deleted_at is not None:
            return
        self._remember({request.id: request})
        self._insert(QueueEntry.of(request))

    def remove(self, request_id: str) -> None:
        """Drop a request from the view."""
        self._remove(request_id)

    def set_folded(self, bucket: Bucket, folded: bool) -> None:
        """Fold a bucket to its title row, or open it again (kept across reloads)."""
        group = GROUPS.index(bucket)
        if (group in self._flat.folded) == folded:
            return
        rows = self._flat.folding(group)
        if rows is not None:
            (self.beginRemoveRows if folded else self.beginInsertRows)(_ROOT, *rows)
        (self._flat.folded.add if folded else self._flat.folded.discard)(group)
        if rows is None:  # nothing shown to fold: only remembered
            return
        self._lay_out()
        (self.endRemoveRows if folded else self.endInsertRows)()
        title = self.createIndex(rows[0] - 1, 0, 0)
        self.dataChanged.emit(title, title, [Qt.ItemDataRole.DecorationRole])

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
        """How many requests are shown in ``bucket`` (folded or not)."""
        return self._rows.count(GROUPS.index(bucket))

    def folded(self, bucket: Bucket) -> bool:
        """Whether ``bucket`` is folded to its title row."""
        return GROUPS.index(bucket) in self._flat.folded

    def group_index(self, bucket: Bucket) -> QModelIndex:
        """The title row of ``bucket`` (invalid while the bucket is empty)."""
        head = self._flat.title(GROUPS.index(bucket))
        return self.createIndex(head, 0, 0) if head >= 0 else QModelIndex()

    def request_index(self, bucket: Bucket, row: int, column: int = 0) -> QModelIndex:
        """The ``row``-th request of ``bucket`` (invalid if there is none, or it is folded)."""
        at = self._flat.request(GROUPS.index(bucket), row)
        return self.createIndex(at, column, 0) if at >= 0 else QModelIndex()

    def index_of(self, request_id: str) -> QModelIndex:
        """The row of a shown request (invalid if it is not shown, or its bucket is folded)."""
        address = self._rows.locate(request_id)
        if address is None:
            return QModelIndex()
        return self.request_index(GROUPS[address[0]], address[1])

    def reveal(self, request_id: str) -> QModelIndex:
        """:meth:`index_of`, opening the request's bucket if it is folded."""
        address = self._rows.locate(request_id)
        if address is not None:
            self.set_folded(GROUPS[address[0]], False)
        return self.index_of(request_id)

    def bucket_at(self, row: int) -> tuple[Bucket, int]:
        """The bucket a row belongs to, and the row within it (-1 for its title row)."""
        group, offset = self._flat.place(row)
        return GROUPS[group], offset

    # -- Qt model interface --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        # Checked here rather than by hasIndex(), which would call rowCount() and
        # columnCount() back: a view asks this for every cell it paints.
        if parent.isValid() or not 0 <= column < COLUMN_COUNT or not 0 <= row < self._flat.total:
            return QModelIndex()
        return self.createIndex(row, column, 0)

    def parent(self, index: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._flat.total

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A delegate asks seven roles of every cell it paints, three of which no row has.
        if role not in _ROLES or not index.isValid() or index.row() >= self._flat.total:
            return None
        group, offset = self._flat.place(index.row())
        if offset < 0:
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
                return self._fold_icons[group in self._flat.folded]
            return self._group_data(group, index.column(), role)
        return self._item_data(self._request_at(group, offset), GROUPS[group],
                               _COLUMNS[index.column()], role)

    # -- internals -------------------------------------------------------------------------------

    def _row_count(self, group: int) -> int:
        return self._titles[group]

    def _lay_out(self, titles: bool = True) -> None:
        """Place the flat rows for the groups' counts (after any change to them), and with
        ``titles`` update the counts the title rows show."""
        counts = [self._rows.count(group) for group in range(len(GROUPS))]
        self._flat.lay_out(counts)
        if titles:
            self._titles = counts

    def _request_at(self, group: int, row: int) -> Request:
        """The whole request on a row, read from the queue with the rest of its page."""
        request_id = self._rows.id_at(group, row)
        request = self._cache.get(request_id)
        if request is None:
            start = row - row % PAGE
            wanted = [i for i in self._rows.ids(group, start, start + PAGE)
                      if i not in self._cache]
            self._remember(self._queue.get_many(wanted))
            request = self._cache.get(request_id)
        if request is None:  # deleted behind our back (another process); shown until reload
            entry = self._rows.entries[request_id]
            request = Request(request_id, "", datetime.fromtimestamp(entry.received_at, UTC),
                              datetime.fromtimestamp(entry.received_at, UTC))
        return request

    def _remember(self, requests: dict[str, Request]) -> None:
        """Keep these requests for painting; start afresh when the cache is full (a scroll
        through 200,000 rows would otherwise keep every request it passed)."""
        if len(self._cache) + len(requests) > CACHE_PAGES * PAGE:
            self._cache = {}
        self._cache.update(requests)

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
        self._lay_out()
        self.endResetModel()

    def _insert(self, entry: QueueEntry) -> None:
        address = self._rows.address_for(entry)
        if address is None:
            self._rows.place(entry)  # kept for when the filter is lifted
            return
        group, row = address
        rows = self._flat.coming(group, row)
        if rows is not None:
            self.beginInsertRows(_ROOT, *rows)
        self._rows.place(entry)
        self._lay_out(titles=False)
        if rows is not None:
            self.endInsertRows()
        self._touch_title(group)

    def _remove(self, request_id: str) -> None:
        address = self._rows.locate(request_id)
        self._cache.pop(request_id, None)
        if address is None:
            self._rows.take(request_id)
            return
        group, row = address
        rows = self._flat.going(group, row)
        if rows is not None:
            self.beginRemoveRows(_ROOT, *rows)
        self._rows.take(request_id)
        self._lay_out(titles=False)
        if rows is not None:
            self.endRemoveRows()
        self._touch_title(group)

    def _touch_title(self, group: int) -> None:
        """The title row of ``group`` counts its requests: say it changed."""
        self._titles[group] = self._rows.count(group)
        head = self._flat.title(group)
        if head >= 0:
            title = self.createIndex(head, 0, 0)
            self.dataChanged.emit(title, title, [Qt.ItemDataRole.DisplayRole])

    def _address(self, index: QModelIndex) -> tuple[str | int, int]:
        """What a persistent index points at: a request id, or a group's title row."""
        if not index.isValid() or index.row() >= self._flat.total:
            return -1, index.column()
        group, offset = self._flat.place(index.row())
        if offset < 0:
            return group, index.column()
        return self._rows.id_at(group, offset), index.column()

    def _relocate(self, before: list[tuple[QModelIndex, tuple[str | int, int]]]) -> None:
        for old, (target, column) in before:
            if isinstance(target, int):
                head = self._flat.title(target) if target >= 0 else -1
                new = self.createIndex(head, column, 0) if head >= 0 else QModelIndex()
            else:
                found = self.index_of(target)
                new = found.siblingAtColumn(column) if found.isValid() else QModelIndex()
            self.changePersistentIndex(old, new)

    def _touch_column(self, column: Column, role: int) -> None:
        """Repaint one column on every row (one signal: the view repaints what it shows)."""
        if self._flat.total:
            self.dataChanged.emit(self.createIndex(0, column, 0),
                                  self.createIndex(self._flat.total - 1, column, 0), [role])
