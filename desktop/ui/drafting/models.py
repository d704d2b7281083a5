# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Item models of the drafting window: the checker's findings, a draft's saved versions and
the list of drafts. Each holds core dataclasses and serves them under ``ITEM_ROLE``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from desktop.core.drafting.checker import Finding, Severity
from desktop.core.drafting.drafts import Draft, DraftVersion
from desktop.core.i18n import N_, _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class _ListModel(QAbstractTableModel, Generic[T]):
    """Rows of dataclasses; subclasses say what each column shows and how it sorts."""

    headers: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        """Show ``items`` (a full reload)."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return _(self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        return self.cell(item, index.column(), role)

    def cell(self, item: T, column: int, role: int) -> object:
        raise NotImplementedError


class FindingColumn(IntEnum):
    """Columns of :class:`FindingsModel`."""

    MESSAGE = 0


class FindingsModel(_ListModel[Finding]):
    """The checker's findings, an icon per severity."""

    headers = (N_("Finding"),)

    def __init__(self, icons: dict[Severity, QIcon], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons = icons

    def cell(self, item: Finding, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(item.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.code
        if role == SORT_ROLE:
            return item.start
        return None


class VersionColumn(IntEnum):
    """Columns of :class:`VersionsModel`."""

    SAVED = 0
    START = 1


class VersionsModel(_ListModel[DraftVersion]):
    """A draft's saved versions, newest first."""

    headers = (N_("Saved"), N_("Begins with"))

    def __init__(self, moment: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moment = moment

    def cell(self, item: DraftVersion, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == VersionColumn.SAVED:
                return self._moment(item.saved_at)
            return " ".join((item.subject + " — " + item.body).split())[:80]
        if role == SORT_ROLE:
            return item.number if column == VersionColumn.SAVED else item.body
        return None


class DraftColumn(IntEnum):
    """Columns of :class:`DraftsModel`."""

    CHANGED = 0
    STATE = 1
    TO = 2
    SUBJECT = 3


class DraftsModel(_ListModel[Draft]):
    """Every draft, with its state and when it was last changed."""

    headers = (N_("Changed"), N_("State"), N_("To"), N_("Subject"))

    def __init__(self, moment: Callable[[datetime], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moment = moment

    def cell(self, item: Draft, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DraftColumn.CHANGED:
                return self._moment(item.modified_at)
            if column == DraftColumn.STATE:
                return _(item.state.label)
            if column == DraftColumn.TO:
                return item.recipient
            return item.subject or _("(no subject)")
        if role == SORT_ROLE:
            return (item.modified_at.timestamp(), item.state.value, item.recipient,
                    item.subject)[column]
        return None
