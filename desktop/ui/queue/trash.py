# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Deleted view: the deleted requests (kept as tombstones), latest first, with Restore."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _
from desktop.core.requests import Request

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.formatting import Formatter, plain

_Index = QModelIndex | QPersistentModelIndex
_HEADERS = (N_("Deleted"), N_("From"), N_("Subject"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DeletedModel(QAbstractTableModel):
    """Deleted requests as rows: when deleted, sender, subject (external text kept plain)."""

    def __init__(self, formatter: Formatter, now: Callable[[], datetime],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fmt = formatter
        self._now = now
        self._rows: list[Request] = []

    def reset(self, requests: Sequence[Request]) -> None:
        """Show ``requests`` (deleted ones) instead of the rows shown."""
        self.beginResetModel()
        self._rows = list(requests)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(_HEADERS)):
            return _(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        request = self._rows[index.row()]
        if role == ID_ROLE:
            return request.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return plain(request.subject)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            deleted = request.deleted_at
            return self._fmt.moment(deleted, self._now()) if deleted is not None else "—"
        return plain(request.sender if index.column() == 1 else request.subject)

    def request_id(self, row: int) -> str:
        """The id of the request in ``row``."""
        return self._rows[row].id


class DeletedDialog(QDialog):
    """View > Deleted requests: lists them and restores the selected ones.

    Args:
        deleted: reads the deleted requests, latest first.
        restore: brings back the requests with these ids (through the window's undo).
        formatter: formats the deletion times.
        now: the current instant.
    """

    def __init__(self, deleted: Callable[[], list[Request]],
                 restore: Callable[[list[str]], None], formatter: Formatter,
                 now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deletedDialog")
        self.setWindowTitle(_("Deleted requests"))
        self._deleted = deleted
        self._restore = restore
        self.model = DeletedModel(formatter, now, self)
        self.view = QTableView(self)
        self.view.setAccessibleName(_("Deleted requests"))
        describe(self.view, _("Deleted requests, last deleted first."))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(self)
        self.restore_button = QPushButton(_("&Restore"), self)
        describe(self.restore_button, _("Puts the selected requests back in the queue."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        describe_buttons(buttons)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.view.doubleClicked.connect(lambda _index: self.restore_selected())
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(640, 380)
        self.reload()

    def reload(self) -> None:
        """Read the deleted requests again."""
        rows = self._deleted()
        self.model.reset(rows)
        self.hint.setText(_("Nothing deleted.") if not rows else _(
            "Deleted requests stay here until you restore them."))
        self._on_selection_changed()

    def restore_selected(self) -> None:
        """Restore the selected requests; they go back to the queue."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if not rows:
            return
        self._restore([self.model.request_id(row) for row in rows])
        self.reload()

    def _on_selection_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.view.selectionModel().hasSelection())
