# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The people directory as a table: name, addresses, zone, hours and where each came from.

Name, zone and hours are editable; an edit goes through ``save`` (the directory checks it and
records it as the user's own), and a value it refuses leaves the row as it was, with the
reason in :attr:`PeopleModel.problem`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.core.errors import InvalidInput
from desktop.core.i18n import N_, _
from desktop.core.people import Person

Index = QModelIndex | QPersistentModelIndex
Save = Callable[[Person, str, str], Person]
"""``(person, field, value)`` → the stored person; raises ``InvalidInput`` for a bad value."""


class PeopleColumn(IntEnum):
    """The table's columns."""

    NAME = 0
    ADDRESSES = 1
    ZONE = 2
    HOURS = 3
    LEARNED = 4


_HEADERS = (N_("Name"), N_("Addresses and handles"), N_("Time zone"), N_("Working hours"),
            N_("Learned from"))
_FIELDS = {PeopleColumn.NAME: "name", PeopleColumn.ZONE: "zone", PeopleColumn.HOURS: "hours"}


class PeopleModel(QAbstractTableModel):
    """Rows of :class:`Person`."""

    problem = Signal(str)  # an edit was refused: the reason, for the user

    def __init__(self, save: Save, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._people: list[Person] = []

    def set_people(self, people: Sequence[Person]) -> None:
        """Show ``people``."""
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    def person(self, row: int) -> Person:
        """The person on ``row``."""
        return self._people[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PeopleColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(_HEADERS)):
            return _(_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                                Qt.ItemDataRole.EditRole):
            return None
        person = self._people[index.row()]
        column = PeopleColumn(index.column())
        if column is PeopleColumn.ADDRESSES:
            return ", ".join(person.addresses)
        if column is PeopleColumn.LEARNED:
            return ", ".join(f"{field}: {source.value}" for field, source in person.sources)
        value = str(getattr(person, _FIELDS[column]))
        if role == Qt.ItemDataRole.DisplayRole and not value and column is PeopleColumn.ZONE:
            return _("unknown")
        return value

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = _FIELDS.get(PeopleColumn(index.column()))
        if field is None:
            return False
        try:
            stored = self._save(self._people[index.row()], field, str(value))
        except InvalidInput as error:
            self.problem.emit(error.message)
            return False
        self._people[index.row()] = stored
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(PeopleColumn) - 1))
        return True
