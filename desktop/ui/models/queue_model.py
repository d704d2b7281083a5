# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue as a two-level tree: bucket rows, each holding its requests.

Open requests are kept in one list sorted by reply-by; the six time-based buckets are
consecutive slices of it, cut where the bucket edges fall. Moving the clock only moves the cuts
(a few binary searches), so regrouping 100,000 requests costs the same as regrouping ten.
Snoozed and waiting requests are kept in lists of their own.

A group shows its first :data:`PAGE` rows and pages in more as the view scrolls
(``canFetchMore``/``fetchMore``), so the tree never lays out 100,000 rows through Python.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.core.buckets import TIMED_BUCKETS, Bucket, BucketEdges
from desktop.core.i18n import N_, _
from desktop.core.queue import QueueService
from desktop.core.requests import Request, State

from desktop.ui.formatting import Formatter, plain, time_left_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE = 200
GROUPS = tuple(Bucket)
_SNOOZED, _WAITING = GROUPS.index(Bucket.SNOOZED), GROUPS.index(Bucket.WAITING)
_TIMED = len(TIMED_BUCKETS)
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Column(IntEnum):
    """The queue's columns."""

    TIME_LEFT = 0
    REPLY_BY = 1
    SENDER = 2
    SUBJECT = 3
    CHANNEL = 4
    PRIORITY = 5


HEADERS = (N_("Time left"), N_("Reply by"), N_("From"), N_("Subject"), N_("Channel"),
           N_("Priority"))


def _key(request: Request) -> tuple[float, str]:
    return (request.reply_by.timestamp() if request.reply_by else float("inf"), request.id)


class QueueModel(QAbstractItemModel):
    """Requests grouped by bucket. Items are core ``Request`` objects (``ITEM_ROLE``)."""

    def __init__(self, queue: QueueService, formatter: Formatter, icons: dict[Bucket, QIcon],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._fmt = formatter
        self._icons = icons
        self._now = queue.now()
        self._edges: BucketEdges = queue.edges(self._now)
        self._open: list[Request] = []
        self._keys: list[tuple[float, str]] = []
        self._snoozed: list[Request] = []
        self._waiting: list[Request] = []
        self._cuts = [0] * (_TIMED + 1)
        self._fetched = [PAGE] * len(GROUPS)
        self._ids: set[str] = set()
        self._filter: set[str] | None = None
        self._all: dict[str, Request] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading and changing ----------------------------------------------------------------

    def load(self, requests: Iterable[Request], now: datetime) -> None:
        """Replace everything (a full reset)."""
        self.beginResetModel()
        self._all = {r.id: r for r in requests}
        self._partition(now)
        self.endResetModel()

    def set_filter(self, ids: Iterable[str] | None) -> None:
        """Show only the requests with these ids (``None`` shows all)."""
        self.beginResetModel()
        self._filter = None if ids is None else set(ids)
        self._partition(self._now)
        self.endResetModel()

    def refresh(self, now: datetime) -> bool:
        """Move requests between buckets for ``now`` and update the time-left column.

        Returns:
            Whether any request changed bucket.
        """
        self._now = now
        self._edges = self._queue.edges(now)
        expired = [r for r in self._snoozed if not r.is_snoozed(now)]
        cuts = self._cut_points()
        moved = bool(expired) or cuts != self._cuts
        if moved:
            self.layoutAboutToBeChanged.emit()
            before = [(p, self._address(p)) for p in self.persistentIndexList()]
            for request in expired:
                self._snoozed.remove(request)
                self._insert_open(request)
            self._cuts = self._cut_points()
            self._relocate(before)
            self.layoutChanged.emit()
        self._touch_times()
        return moved

    def upsert(self, request: Request) -> None:
        """Show a changed or new request where it now belongs (or drop it if done/deleted)."""
        self._remove(request.id)
        self._all[request.id] = request
        if self._visible(request):
            self._insert(request)

    def remove(self, request_id: str) -> None:
        """Drop a request from the view."""
        self._remove(request_id)
        self._all.pop(request_id, None)

    # -- questions -----------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The moment the buckets were last computed for."""
        return self._now

    def count(self, bucket: Bucket) -> int:
        """How many requests are shown in ``bucket``."""
        return self._row_count(GROUPS.index(bucket))

    def reply_bys(self) -> list[datetime]:
        """Reply-by times of the shown open requests (for the next-wake timer)."""
        return [r.reply_by for r in self._open if r.reply_by is not None]

    def snooze_ends(self) -> list[datetime]:
        """Ends of the running snoozes."""
        return [r.snoozed_until for r in self._snoozed if r.snoozed_until is not None]

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
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

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
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index.row(), index.column(), role)
        group = index.internalId() - 1
        if index.row() >= self._shown(group):
            return None
        return self._item_data(self._item_at(group, index.row()), GROUPS[group],
                               Column(index.column()), role)

    # -- internals -------------------------------------------------------------------------------

    def _group_data(self, group: int, column: int, role: int) -> Any:
        bucket = GROUPS[group]
        if role == BUCKET_ROLE:
            return bucket
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{bucket} ({count})").format(bucket=_(bucket.label),
                                                  count=self._row_count(group))
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _(bucket.label)
        return None

    def _item_data(self, item: Request, bucket: Bucket, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, bucket, column)
        if role == ITEM_ROLE:
            return item
        if role == BUCKET_ROLE:
            return bucket
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if column is Column.TIME_LEFT:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons.get(bucket)
            if role == Qt.ItemDataRole.ForegroundRole and bucket is Bucket.OVERDUE:
                return QColor("#b3261e")
            if role == Qt.ItemDataRole.ForegroundRole and bucket is Bucket.AT_RISK:
                return QColor("#9a5b00")
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.SUBJECT, Column.SENDER):
            return plain(item.subject if column is Column.SUBJECT else item.sender)
        return None

    def _display(self, item: Request, bucket: Bucket, column: Column) -> str:
        if column is Column.TIME_LEFT:
            return self._time_left(item, bucket)
        if column is Column.REPLY_BY:
            return self._fmt.moment(item.reply_by, self._now) if item.reply_by else "—"
        if column is Column.SENDER:
            return plain(item.sender)
        if column is Column.SUBJECT:
            return plain(item.subject)
        if column is Column.CHANNEL:
            return _(item.channel.label)
        return _(item.priority.label)

    def _time_left(self, item: Request, bucket: Bucket) -> str:
        day = self._queue.calendar.day_length
        left = self._queue.time_left(item, self._now)
        if bucket is Bucket.WAITING or item.reply_by is None:
            return _("paused, {time}").format(time=time_left_text(left, timedelta(0), day))
        return time_left_text(left, self._now - item.reply_by, day)

    def _sort_value(self, item: Request, column: Column) -> Any:
        if column in (Column.TIME_LEFT, Column.REPLY_BY):
            return _key(item)[0]
        if column is Column.SENDER:
            return item.sender.casefold()
        if column is Column.SUBJECT:
            return item.subject.casefold()
        if column is Column.CHANNEL:
            return item.channel.value
        return item.priority.rank

    def _row_count(self, group: int) -> int:
        if group < _TIMED:
            return self._cuts[group + 1] - self._cuts[group]
        return len(self._snoozed if group == _SNOOZED else self._waiting)

    def _shown(self, group: int) -> int:
        """Rows of ``group`` the view has been given so far."""
        return min(self._row_count(group), self._fetched[group])

    def _item_at(self, group: int, row: int) -> Request:
        if group < _TIMED:
            return self._open[self._cuts[group] + row]
        return (self._snoozed if group == _SNOOZED else self._waiting)[row]

    def _rows(self, group: int) -> list[Request]:
        if group < _TIMED:
            return self._open[self._cuts[group]:self._cuts[group + 1]]
        return self._snoozed if group == _SNOOZED else self._waiting

    def _visible(self, request: Request) -> bool:
        return (request.state is not State.DONE and request.deleted_at is None
                and (self._filter is None or request.id in self._filter))

    def _partition(self, now: datetime) -> None:
        self._now = now
        self._edges = self._queue.edges(now)
        waiting: list[Request] = []
        snoozed: list[Request] = []
        timed: list[Request] = []
        for request in self._all.values():
            if not self._visible(request):
                continue
            if request.state is State.WAITING or request.reply_by is None:
                waiting.append(request)
            elif request.is_snoozed(now):
                snoozed.append(request)
            else:
                timed.append(request)
        waiting.sort(key=lambda r: r.received_at)
        snoozed.sort(key=lambda r: (r.snoozed_until, r.id))
        keyed = sorted((_key(r), r) for r in timed) if timed else []
        self._keys = [k for k, _r in keyed]
        self._open = [r for _k, r in keyed]
        self._waiting, self._snoozed = waiting, snoozed
        self._ids = {r.id for r in waiting} | {r.id for r in snoozed} | {r.id for r in timed}
        self._cuts = self._cut_points()
        self._fetched = [PAGE] * len(GROUPS)

    def _cut_points(self) -> list[int]:
        bounds = self._edges.bounds
        keys = self._keys
        cuts = [0, bisect_right(keys, (bounds[0], "\uffff"))]
        cuts += [max(bisect_left(keys, (b, "")), cuts[1]) for b in bounds[1:]]
        return [*cuts, len(keys)]

    def _insert_open(self, request: Request) -> int:
        key = _key(request)
        position = bisect_left(self._keys, key)
        self._keys.insert(position, key)
        self._open.insert(position, request)
        return position

    def _insert(self, request: Request) -> None:
        bucket = self._edges.bucket_of(request)
        if bucket is None:
            return
        group = GROUPS.index(bucket)
        self._ids.add(request.id)
        if group < _TIMED:
            key = _key(request)
            lo, hi = self._cuts[group], self._cuts[group + 1]
            position = min(max(bisect_left(self._keys, key, lo, hi), lo), hi)
            row = position - lo
            visible = row < self._fetched[group]
            if visible:
                self.beginInsertRows(self.group_index(bucket), row, row)
                self._fetched[group] += 1
            self._keys.insert(position, key)
            self._open.insert(position, request)
            for k in range(group + 1, len(self._cuts)):
                self._cuts[k] += 1
            if visible:
                self.endInsertRows()
        else:
            rows = self._snoozed if group == _SNOOZED else self._waiting
            sort_key = ((lambda r: (r.snoozed_until, r.id)) if group == _SNOOZED
                        else (lambda r: r.received_at))
            row = bisect_left([sort_key(r) for r in rows], sort_key(request))
            visible = row < self._fetched[group]
            if visible:
                self.beginInsertRows(self.group_index(bucket), row, row)
                self._fetched[group] += 1
            rows.insert(row, request)
            if visible:
                self.endInsertRows()
        header = self.group_index(bucket)
        self.dataChanged.emit(header, header, [Qt.ItemDataRole.DisplayRole])

    def _remove(self, request_id: str) -> None:
        address = self._locate(request_id)
        if address is None:
            return
        group, row = address
        visible = row < self._shown(group)
        if visible:
            self.beginRemoveRows(self.createIndex(group, 0, 0), row, row)
            self._fetched[group] -= 1  # the shown count drops by exactly this row
        if group < _TIMED:
            position = self._cuts[group] + row
            del self._open[position]
            del self._keys[position]
            for k in range(group + 1, len(self._cuts)):
                self._cuts[k] -= 1
        else:
            del (self._snoozed if group == _SNOOZED else self._waiting)[row]
        self._ids.discard(request_id)
        if visible:
            self.endRemoveRows()
        header = self.createIndex(group, 0, 0)
        self.dataChanged.emit(header, header, [Qt.ItemDataRole.DisplayRole])

    def _locate(self, request_id: str) -> tuple[int, int] | None:
        if request_id not in self._ids:
            return None
        request = self._all.get(request_id)
        if request is not None and request.reply_by is not None:
            position = bisect_left(self._keys, _key(request))
            if position < len(self._open) and self._open[position].id == request_id:
                group = bisect_right(self._cuts, position) - 1
                return group, position - self._cuts[group]
        for group in (_SNOOZED, _WAITING):
            for row, item in enumerate(self._rows(group)):
                if item.id == request_id:
                    return group, row
        return None

    def _address(self, index: QModelIndex) -> tuple[str | int, int]:
        """What a persistent index points at: a request id, or a group row."""
        if index.internalId() == 0:
            return index.row(), index.column()
        group = index.internalId() - 1
        if index.row() >= self._shown(group):
            return -1, index.column()
        return self._item_at(group, index.row()).id, index.column()

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
