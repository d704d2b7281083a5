# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The view of the queue: a table whose bucket title rows span the row and fold.

A ``QTableView`` rather than a ``QTreeView``: the tree lays out every row of an open bucket
through the Python model whenever anything changes (2-4 s at 200,000 requests), where the
table's layout is the vertical header's, in C++, from the row count alone (see
:mod:`desktop.ui.queue.model`). What the tree gave for free is kept: a title row folds and
opens by double-click, a click on its mark, Left and Right; Home and End go to the first and
last row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket
from desktop.core.requests import Request

from desktop.ui.queue.cells import COLUMN_COUNT
from desktop.ui.queue.model import ITEM_ROLE, Column, QueueModel

_MARK_WIDTH = 24  # the fold mark at the start of a title row: a click there folds


class QueueView(QTableView):
    """Shows a :class:`QueueModel`; title rows span all columns and fold their bucket."""

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.setAccessibleName(_("Queue"))
        self.setAccessibleDescription(_("Requests grouped by the time left to reply."))
        self._model = model
        style = self.style()
        model.set_fold_icons(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                             style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.hide()
        # One fixed height: no row is ever measured, whatever the number of rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(self.fontMetrics().height(), 16) + 4)  # dense, as a list
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = {Column.TIME_LEFT: 150, Column.REPLY_BY: 170, Column.SENDER: 170,
                  Column.CHANNEL: 70, Column.PRIORITY: 70}
        for column, width in widths.items():  # wider where the language's texts need it
            margin = 48 if column is Column.TIME_LEFT else 16  # padding, and the bucket icon
            fitted = [self.fontMetrics().horizontalAdvance(t) + margin
                      for t in model.widest_texts(column)]
            header.resizeSection(column, min(max([width, *fitted]), 3 * width))
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(self._on_model_changed)
        self.doubleClicked.connect(self._on_double_clicked)
        self._on_model_changed()

    def _on_model_changed(self, *_args: object) -> None:
        """Span the title rows over every column (nine spans at most, set afresh)."""
        self.clearSpans()
        for bucket in Bucket:
            title = self._model.group_index(bucket)
            if title.isValid():
                self.setSpan(title.row(), 0, 1, COLUMN_COUNT)

    # -- folding -------------------------------------------------------------------------------

    def _title_bucket(self, index: QModelIndex) -> Bucket | None:
        """The bucket whose title row ``index`` is on, if it is one."""
        if not index.isValid():
            return None
        bucket, offset = self._model.bucket_at(index.row())
        return bucket if offset < 0 else None

    def _toggle(self, bucket: Bucket) -> None:
        self._model.set_folded(bucket, not self._model.folded(bucket))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if (bucket := self._title_bucket(index)) is not None:
            self._toggle(bucket)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        bucket = self._title_bucket(index)
        if (bucket is not None and event.button() == Qt.MouseButton.LeftButton
                and event.position().x() - self.visualRect(index).left() < _MARK_WIDTH):
            self._toggle(bucket)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.currentIndex()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and current.isValid():
            bucket, offset = self._model.bucket_at(current.row())
            if offset < 0:  # a title row: Left folds, Right opens (as in a tree)
                self._model.set_folded(bucket, key == Qt.Key.Key_Left)
                return
            if key == Qt.Key.Key_Left:  # a request: Left goes up to its bucket's title
                self.setCurrentIndex(self._model.group_index(bucket))
                return
        super().keyPressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # The table's Home and End go to the first and last column; the queue's go to the
        # first and last request, as they did in the tree.
        last = self._model.rowCount() - 1
        if action == QAbstractItemView.CursorAction.MoveHome and last >= 0:
            return self._model.index(0, 0)
        if action == QAbstractItemView.CursorAction.MoveEnd and last >= 0:
            return self._model.index(last, 0)
        return super().moveCursor(action, modifiers)

    # -- requests --------------------------------------------------------------------------------

    def selected_requests(self) -> list[Request]:
        """The selected requests (title rows are ignored), in view order."""
        rows = self.selectionModel().selectedRows(0) if self.selectionModel() else []
        items = [index.data(ITEM_ROLE) for index in sorted(rows, key=QModelIndex.row)]
        return [item for item in items if isinstance(item, Request)]

    def current_request(self) -> Request | None:
        """The request under the cursor, if any."""
        item = self.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Request) else None

    def select_request(self, request_id: str) -> None:
        """Make ``request_id`` current and visible (opening its bucket if it is folded)."""
        index = self._model.reveal(request_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.empty_hint)

    @property
    def empty_hint(self) -> str:
        """What an empty queue (or a search that found nothing) says."""
        if self._model.filtered:
            return _("No request matches the search.")
        return _("Nothing waits for a reply.\nAdd a request with Ctrl+N, or bring in mail, "
                 "chat or tracker exports with File > Import.")

    def keyboardSearch(self, search: str) -> None:
        """Letters are action shortcuts here, not type-ahead search."""
        del search
