# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
""""Find focus time": the free stretches of 90 minutes or more in the coming week, each with a
check box, and "Schedule as focus blocks" for the ones ticked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from babel import Locale
from babel.dates import format_datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CoreError
from desktop.core.i18n import _, ngettext
from desktop.core.intervals import Interval

from desktop.ui.common.accessibility import describe, describe_buttons

ScheduleFocus = Callable[[list[Interval]], None]
"""Turns stretches into focus blocks (connected by the app to the focus feature)."""

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class StretchModel(QAbstractListModel):
    """Free stretches, each checkable; all checked to begin with."""

    def __init__(self, stretches: Sequence[Interval], text: Callable[[Interval], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stretches = list(stretches)
        self._checked = [True] * len(self._stretches)
        self._text = [text(s) for s in self._stretches]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._stretches)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[row]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role == ITEM_ROLE:
            return self._stretches[row]
        if role == SORT_ROLE:
            return self._stretches[row][0].timestamp()
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._checked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def checked(self) -> list[Interval]:
        """The stretches ticked, in order."""
        return [s for s, on in zip(self._stretches, self._checked, strict=True) if on]


class FocusTimeDialog(QDialog):
    """Lists free stretches; "Schedule as focus blocks" hands the ticked ones to ``schedule``."""

    def __init__(self, stretches: Sequence[Interval], schedule: ScheduleFocus | None,
                 locale: Locale, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("focusTimeDialog")
        self.setWindowTitle(_("Find focus time"))
        self._schedule = schedule

        def text(stretch: Interval) -> str:
            start, end = stretch
            minutes = int((end - start).total_seconds() // 60)
            return _("{start} – {end} ({hours} h {minutes} min)").format(
                start=format_datetime(start, "EEE d MMM, HH:mm", tzinfo=zone, locale=locale),
                end=format_datetime(end, "HH:mm", tzinfo=zone, locale=locale),
                hours=minutes // 60, minutes=minutes % 60)

        self.model = StretchModel(stretches, text, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Free stretches"))
        describe(self.view, _("Free times without meetings in your working hours."))
        self.view.setUniformItemSizes(True)
        intro = QLabel(ngettext(
            "{count} free stretch of 90 minutes or more in your working hours this coming week:",
            "{count} free stretches of 90 minutes or more in your working hours this coming "
            "week:", len(stretches)).format(count=len(stretches)), self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        describe_buttons(buttons)
        self.schedule_button = QPushButton(_("Schedule as focus blocks"), self)
        self.schedule_button.setDefault(True)
        describe(self.schedule_button, _("Adds the selected free stretches as focus blocks."))
        buttons.addButton(self.schedule_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if schedule is None:
            self.schedule_button.setEnabled(False)
            self.schedule_button.setToolTip(_("Focus blocks are not available in this build."))
        if not stretches:
            self.schedule_button.setEnabled(False)
        self.schedule_button.clicked.connect(self._on_schedule_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def _on_schedule_clicked(self) -> None:
        chosen = self.model.checked()
        if self._schedule is None or not chosen:
            return
        try:
            self._schedule(chosen)
        except CoreError as error:
            QMessageBox.warning(self, _("Find focus time"), str(error))
            return
        self.accept()
