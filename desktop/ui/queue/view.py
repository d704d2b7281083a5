# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tree view of the queue: group headers spanning the row, empty groups hidden."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from desktop.core.i18n import _
from desktop.core.queue.buckets import Bucket
from desktop.core.requests import Request

from desktop.ui.queue.model import ITEM_ROLE, Column, QueueModel


class QueueView(QTreeView):
    """Shows a :class:`QueueModel`; group rows span all columns and hide when empty."""

    def __init__(self, model: QueueModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.setAccessibleName(_("Queue"))
        self.setAccessibleDescription(_("Requests grouped by the time left to reply."))
        self._collapsed: set[int] = set()
        self._adjusting = False
        self._model = model
        self.setModel(model)
        self.collapsed.connect(lambda index: self._remember_fold(index, True))
        self.expanded.connect(lambda index: self._remember_fold(index, False))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformRowHeights(True)  # needed to stay fast with 100k rows
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(True)
        header = self.header()
        header.setStretchLastSection(False)
        widths = {Column.TIME_LEFT: 150, Column.REPLY_BY: 170, Column.SENDER: 170,
                  Column.CHANNEL: 70, Column.PRIORITY: 70}
        for column, width in widths.items():  # wider where the language's texts need it
            # padding, and in the first column the bucket icon and the rows' indentation
            margin = 48 + self.indentation() if column is Column.TIME_LEFT else 16
            fitted = [self.fontMetrics().horizontalAdvance(t) + margin
                      for t in model.widest_texts(column)]
            header.resizeSection(column, min(max([width, *fitted]), 3 * width))
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        for signal in (model.modelReset, model.layoutChanged, model.rowsRemoved):
            signal.connect(self._on_model_changed)
        model.rowsInserted.connect(self._on_rows_inserted)
        self._on_model_changed()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, _last: int) -> None:
        if not parent.isValid() or first == 0:  # a new group, or a group no longer empty
            self._on_model_changed()

    def _on_model_changed(self, *_args: object) -> None:
        """Span and expand group rows, and hide the empty ones."""
        if self._adjusting:  # spanning or expanding lays out, which pages rows in: no loop
            return
        self._adjusting = True
        try:
            self._adjust_groups()
        finally:
            self._adjusting = False

    def _adjust_groups(self) -> None:
        # Spans first, while nothing new is expanded: each span lays out every expanded row.
        root = QModelIndex()
        groups = [self._model.index(row, 0, root) for row in range(self._model.rowCount(root))]
        for group in groups:
            if not self.isFirstColumnSpanned(group.row(), root):
                self.setFirstColumnSpanned(group.row(), root, True)
        for group in groups:
            empty = self._model.rowCount(group) == 0
            if self.isRowHidden(group.row(), root) != empty:
                self.setRowHidden(group.row(), root, empty)
            if not empty and not self.isExpanded(group) and group.row() not in self._collapsed:
                self.expand(group)

    def _remember_fold(self, index: QModelIndex, collapsed: bool) -> None:
        """Remember which groups the user folded, so changes do not unfold them."""
        if index.parent().isValid():
            return
        (self._collapsed.add if collapsed else self._collapsed.discard)(index.row())

    def selected_requests(self) -> list[Request]:
        """The selected requests (group rows are ignored), in view order."""
        rows = self.selectionModel().selectedRows(0) if self.selectionModel() else []
        items = [index.data(ITEM_ROLE) for index in rows]
        return [item for item in items if isinstance(item, Request)]

    def current_request(self) -> Request | None:
        """The request under the cursor, if any."""
        item = self.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Request) else None

    def select_request(self, request_id: str) -> None:
        """Make ``request_id`` current and visible."""
        index = self._model.index_of(request_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if any(self._model.rowCount(self._model.index(row, 0)) for row in range(len(Bucket))):
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
