# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Small dialogs of the drafting window: a draft's history, when to send later, and the list
of drafts (File > Drafts…)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QModelIndex, QSortFilterProxyModel, Qt, QTimeZone
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.core.drafting.drafts import Draft, DraftVersion
from desktop.core.i18n import _

from desktop.ui.common.formatting import Formatter
from desktop.ui.drafting.models import (
    ITEM_ROLE,
    SORT_ROLE,
    DraftColumn,
    DraftsModel,
    VersionsModel,
)


class _SortProxy(QSortFilterProxyModel):
    """Sorts by the models' SORT_ROLE values, compared in Python."""

    def lessThan(self, left: Any, right: Any) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def _table(model: Any, parent: Any) -> QTableView:
    view = QTableView(parent)
    proxy = _SortProxy(view)
    proxy.setSourceModel(model)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class HistoryDialog(QDialog):
    """The saved versions of a draft, newest first; Restore picks one (``chosen``)."""

    def __init__(self, versions: Sequence[DraftVersion], formatter: Formatter,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History"))
        self.chosen: DraftVersion | None = None
        self.model = VersionsModel(formatter.full, self)
        self.model.set_items(versions)
        self.view = _table(self.model, self)
        self.view.setColumnWidth(0, 260)
        self.view.doubleClicked.connect(lambda _index: self._restore())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(_("&Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Every autosave that changed the text is kept (the last 50). Restoring "
                        "can be undone with Ctrl+Z in the message."), wordWrap=True)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        if versions:
            self.view.selectRow(0)
        self.resize(640, 420)

    def select(self, row: int) -> None:
        """Select a row (tests and keyboard users)."""
        self.view.selectRow(row)

    def _restore(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.chosen = index.data(ITEM_ROLE)
            self.accept()


class SendLaterDialog(QDialog):
    """When to send: the suggestion (the recipient's next working moment outside the user's
    focus), editable."""

    def __init__(self, suggested: datetime, formatter: Formatter, recipient_zone: str,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Send later"))
        zone = ZoneInfo(recipient_zone) if recipient_zone else formatter.zone
        self._qzone = QTimeZone(str(zone).encode())
        self.edit = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(
            int(suggested.timestamp()), self._qzone))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy HH:mm")
        where = recipient_zone or _("your time zone")
        hint = QLabel(_("Suggested: the next moment inside the recipient's working hours and "
                        "outside your focus blocks. Times are in {zone}.").format(zone=where),
                      wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    def when(self) -> datetime:
        """The chosen instant (UTC)."""
        return datetime.fromtimestamp(self.edit.dateTime().toSecsSinceEpoch(), UTC)


class DraftsDialog(QDialog):
    """Every draft: Open (Enter) reopens one in its window, Delete removes it (undo: Restore).

    Args:
        drafts: reads the current drafts.
        formatter: formats times.
        open_draft: opens a draft in a window.
        delete_draft: deletes a draft; returns how to undo it.
    """

    def __init__(self, drafts: Callable[[], Sequence[Draft]], formatter: Formatter,
                 open_draft: Callable[[Draft], None],
                 delete_draft: Callable[[Draft], Callable[[], None]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Drafts"))
        self._drafts = drafts
        self._open = open_draft
        self._delete = delete_draft
        self._undo: Callable[[], None] | None = None
        self.model = DraftsModel(formatter.full, self)
        self.view = _table(self.model, self)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DraftColumn.CHANGED, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(self._on_view_activated)
        self.empty = QLabel(_("No drafts yet. File > New message starts one."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(_("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = buttons.addButton(_("&Delete"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button = QPushButton(_("&Undo delete"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.setEnabled(False)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._on_view_activated(self.view.currentIndex()))
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.reload()
        self.resize(760, 420)

    def reload(self) -> None:
        """Read the drafts again."""
        self.model.set_items(self._drafts())
        self.empty.setVisible(not self.model.items)
        if self.model.items:
            self.view.selectRow(0)
        self.view.resizeColumnToContents(DraftColumn.CHANGED)

    def current(self) -> Draft | None:
        """The selected draft."""
        item = self.view.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Draft) else None

    def delete_current(self) -> None:
        """Delete the selected draft (Undo delete brings it back)."""
        draft = self.current()
        if draft is not None:
            self._undo = self._delete(draft)
            self.undo_button.setEnabled(True)
            self.reload()

    def undo_delete(self) -> None:
        """Bring back the last deleted draft."""
        if self._undo is not None:
            self._undo()
            self._undo = None
            self.undo_button.setEnabled(False)
            self.reload()

    def _on_view_activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE) if index.isValid() else None
        if isinstance(item, Draft):
            self._open(item)
            self.accept()
