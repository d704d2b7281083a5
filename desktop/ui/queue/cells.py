# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each cell of the queue shows: the bucket rows' titles, and per request the time left,
reply-by, sender, subject, channel and priority, with the icon, colour, tooltip, sort value
and the sentence a screen reader says. :class:`~desktop.ui.queue.model.QueueModel` places the
rows; this base class only words them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.core.i18n import N_, _
from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority, Request

from desktop.ui.common.formatting import Formatter, plain, plain_tooltip
from desktop.ui.queue.rows import GROUPS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 3


class Column(IntEnum):
    """The queue's columns."""

    TIME_LEFT = 0
    REPLY_BY = 1
    SENDER = 2
    SUBJECT = 3
    CHANNEL = 4
    PRIORITY = 5


COLUMN_COUNT = len(Column)

HEADERS = (N_("Time left"), N_("Reply by"), N_("From"), N_("Subject"), N_("Channel"),
           N_("Priority"))


class QueueCells(QAbstractItemModel):
    """The words of the queue's cells; the model sets the attributes declared here."""

    _queue: QueueService
    _fmt: Formatter
    _icons: dict[Bucket, QIcon]
    _now: datetime
    _scheduled: dict[str, datetime]
    _bold: QFont
    colours: dict[Bucket, QColor]

    def _row_count(self, group: int) -> int:
        raise NotImplementedError

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

    def _group_data(self, group: int, column: int, role: int) -> object:
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

    def _item_data(self, item: Request, bucket: Bucket, column: Column, role: int) -> object:
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

    def _sort_value(self, item: Request, column: Column) -> float | str:
        if column in (Column.TIME_LEFT, Column.REPLY_BY):
            return item.reply_by.timestamp() if item.reply_by else float("inf")
        if column is Column.SENDER:
            return item.sender.casefold()
        if column is Column.SUBJECT:
            return item.subject.casefold()
        if column is Column.CHANNEL:
            return item.channel.value
        return item.priority.rank


def time_left_text(queue: QueueService, formatter: Formatter, request: Request,
                   now: datetime) -> str:
    """``7h 59m left`` or ``overdue 2h``: a request's time left as the list's column states it
    (business time, days of working length); the detail pane uses the same words."""
    assert request.reply_by is not None
    left = queue.time_left(request, now)
    return formatter.time_left(left, now - request.reply_by, queue.calendar.day_length)
