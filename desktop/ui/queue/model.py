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
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.core.i18n import N_, _
from desktop.core.queue.buckets import Bucket, BucketEdges, QueueEntry, QueueHead
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority, Request, State

from desktop.ui.common.appearance import queue_colours
from desktop.ui.common.formatting import Formatter, plain, plain_tooltip
from desktop.ui.queue.head_rows import HeadRows
from desktop.ui.queue.rows import GROUPS, QueueRows

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE = 200

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Computed once: the tree view asks flags() for every row it lays out, and or-ing two Qt
# enums in Python costs more than the rest of the call (1.5 s of a scroll through 200,000).
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class Column(IntEnum):
    """The queue's columns."""

    TIME_LEFT = 0
    REPLY_BY = 1
    SENDER = 2
    SUBJECT = 3
    CHANNEL = 4
    PRIORITY = 5


_COLUMNS = len(Column)

HEADERS = (N_("Time left"), N_("Reply by"), N_("From"), N_("Subject"), N_("Channel"),
           N_("Priority"))


class QueueModel(QAbstractItemModel):
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

    def widest_texts(self, column: Column) -> list[str]:
        """Long texts ``column`` can show in this locale, with its header, for sizing it
        (German units and labels are longer than English ones)."""
        texts = [_(HEADERS[column])]
        day, hours = timedelta(days=1), timedelta(hours=23, minutes=58)  # two-digit hours
        sample = datetime(2026, 9, 30, 22, 58, tzinfo=UTC)
        if column is Column.TIME_LEFT:
            left = self._fmt.time_left(hours, timedelta(0), day)
            texts += [left, self._fmt.time_left(timedelta(0), hours, day),
                      _("paused, {time}").format(time=left),
                      _("sending {moment}").format(
                          moment=self._fmt.moment(sample, sample - 2 * day))]
        elif column is Column.REPLY_BY:
            texts.append(self._fmt.moment(sample, sample))
        elif column is Column.CHANNEL:
            texts += [_(channel.label) for channel in Channel]
        elif column is Column.PRIORITY:
            texts += [_(priority.label) for priority in Priority]
        return texts

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
        if not 0 <= column < _COLUMNS:
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

    def _group_data(self, group: int, column: int, role: int) -> Any:
        bucket = GROUPS[group]
        if role == BUCKET_ROLE:
            return bucket
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{bucket} ({count})").format(
                bucket=_(bucket.label), count=self._fmt.number(self._row_count(group)))
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
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(item, bucket)
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if column is Column.TIME_LEFT:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons.get(bucket)
            if role == Qt.ItemDataRole.ForegroundRole:
                return self.colours.get(bucket)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.SUBJECT, Column.SENDER):
            return plain_tooltip(item.subject if column is Column.SUBJECT else item.sender)
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

    def _spoken(self, item: Request, bucket: Bucket) -> str:
        """The row as a screen reader says it: "Overdue by 2 hours, from Ana, Q3 budget"."""
        who = {"sender": plain(item.sender), "subject": plain(item.subject)}
        if (scheduled := self._scheduled.get(item.id)) is not None:
            return _("Reply scheduled for {moment}, from {sender}, {subject}").format(
                moment=self._fmt.moment(scheduled, self._now), **who)
        if bucket is Bucket.WAITING or item.reply_by is None:
            return _("Waiting on others, from {sender}, {subject}").format(**who)
        if bucket is Bucket.SNOOZED and item.snoozed_until is not None:
            return _("Snoozed until {moment}, from {sender}, {subject}").format(
                moment=self._fmt.moment(item.snoozed_until, self._now), **who)
        if self._now >= item.reply_by:
            return _("Overdue by {time}, from {sender}, {subject}").format(
                time=self._fmt.spoken(self._now - item.reply_by), **who)
        return _("{time} left, from {sender}, {subject}").format(
            time=self._fmt.spoken(self._queue.time_left(item, self._now)), **who)

    def _time_left(self, item: Request, bucket: Bucket) -> str:
        day = self._queue.calendar.day_length
        if (scheduled := self._scheduled.get(item.id)) is not None:
            return _("sending {moment}").format(
                moment=self._fmt.moment(scheduled, self._now))
        left = self._queue.time_left(item, self._now)
        if bucket in (Bucket.WAITING, Bucket.FOLLOW_UP) or item.reply_by is None:
            return _("paused, {time}").format(time=self._fmt.time_left(left, timedelta(0), day))
        if bucket is Bucket.SNOOZED and item.snoozed_until is not None:
            return _("back {moment}").format(moment=self._fmt.moment(item.snoozed_until,
                                                                     self._now))
        return time_left_text(self._queue, self._fmt, item, self._now)

    def _sort_value(self, item: Request, column: Column) -> Any:
        if column in (Column.TIME_LEFT, Column.REPLY_BY):
            return item.reply_by.timestamp() if item.reply_by else float("inf")
        if column is Column.SENDER:
            return item.sender.casefold()
        if column is Column.SUBJECT:
            return item.subject.casefold()
        if column is Column.CHANNEL:
            return item.channel.value
        return item.priority.rank

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


def time_left_text(queue: QueueService, formatter: Formatter, request: Request,
                   now: datetime) -> str:
    """``7h 59m left`` or ``overdue 2h``: a request's time left as the list's column states it
    (business time, days of working length); the detail pane uses the same words."""
    assert request.reply_by is not None
    left = queue.time_left(request, now)
    return formatter.time_left(left, now - request.reply_by, queue.calendar.day_length)
