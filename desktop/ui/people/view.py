# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""View > People: the directory in a table; double-click a name, zone or hours to change it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.people import Person

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.error_text import error_label
from desktop.ui.common.host import FeatureWindow
from desktop.ui.people.model import PeopleModel


class Directory(Protocol):
    """What the view needs of :class:`desktop.core.people.PeopleDirectory`."""

    def all(self) -> list[Person]: ...

    def edit(self, address: str, *, zone: str | None = None, hours: str | None = None,
             name: str | None = None) -> Person: ...


class PeopleDialog(QDialog):
    """Everyone the directory knows, editable."""

    def __init__(self, people: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("People"))
        self.resize(860, 420)
        self._people = people
        self.model = PeopleModel(self._save, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("People"))
        describe(self.view, _("People you work with: zone, working hours and handles, with "
                              "where each was learned."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.hint = QLabel(_("Values you type win over learned ones. Zones are IANA names "
                             "such as America/New_York; hours read like mon-fri 09:00-17:00."),
                           wordWrap=True)
        self.problem = error_label()
        self.model.problem.connect(self._show_problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Read the directory again."""
        self.model.set_people(self._people.all())
        self.view.resizeColumnsToContents()

    def _save(self, person: Person, field: str, value: str) -> Person:
        stored = self._people.edit(person.key, **{field: value})
        self.problem.hide()
        return stored

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def install_people(window: FeatureWindow, people: Directory) -> QAction:
    """Add View > People… to ``window``."""
    action = QAction(_("&People…"), window.main_window())

    def show() -> None:
        PeopleDialog(people, window.main_window()).exec()

    action.triggered.connect(show)
    window.view_menu.addAction(action)
    return action
