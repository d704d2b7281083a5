# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus dialogs: starting a block (a length proposed from the queue) and the recurring
schedules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.focus.plan import FocusSchedule
from desktop.core.focus.service import FocusState
from desktop.core.i18n import _

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.formatting import Formatter, duration_text, plain
from desktop.ui.focus.banner import clock_text

DEFAULT_MINUTES = 90
LONGEST_PROPOSED = 120
"""A longer stretch is possible, but two hours is the most this dialog proposes."""
SHORTEST = 5
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


def proposal(state: FocusState, formatter: Formatter, now: datetime) -> tuple[int, str]:
    """The proposed length in minutes and the sentence that explains it."""
    bound = state.bounded_by
    if bound is None or bound.reply_by is None:
        return DEFAULT_MINUTES, _("No reply is due soon: focus as long as you like.")
    who = plain(bound.sender.split("<")[0].strip()) or _("someone")
    details = _("{sender}, '{subject}', reply by {time}").format(
        sender=who, subject=plain(bound.subject), time=clock_text(formatter, bound.reply_by, now))
    minutes = int(state.suggested.total_seconds() // 60)
    if minutes < SHORTEST:
        return 25, _("A reply is due very soon ({details}). Answer it first, or focus anyway: "
                     "it will break through.").format(details=details)
    return min(minutes, LONGEST_PROPOSED), _(
        "You can focus for {length} before the next reply is due ({details}).").format(
        length=duration_text(timedelta(minutes=minutes)), details=details)


class StartFocusDialog(QDialog):
    """Asks how long to focus, proposing the time until the next reply falls due."""

    def __init__(self, state: FocusState, formatter: Formatter, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Start focus"))
        self.setObjectName("startFocusDialog")
        self.setMinimumWidth(480)
        minutes, text = proposal(state, formatter, now)
        self.explanation = QLabel(text, textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.minutes = QSpinBox(minimum=SHORTEST, maximum=12 * 60, singleStep=15, value=minutes)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setAccessibleName(_("Length in minutes"))
        describe(self.minutes, _("How long the focus block lasts."))
        self.ends = QLabel(textFormat=Qt.TextFormat.PlainText)
        self._fmt, self._now = formatter, now
        self.minutes.valueChanged.connect(self._on_minutes_value_changed)
        self._on_minutes_value_changed(minutes)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Focus for")))
        row.addWidget(self.minutes)
        row.addWidget(self.ends, 1)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        describe_buttons(buttons)
        # the standard Ok button, renamed: an added button loses "default" to Cancel on show,
        # and Return would cancel
        buttons.button(ok).setText(_("Start focus"))
        buttons.button(ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Notifications are held and come as one digest at the end; "
                                  "urgent ones and replies due before then still come through."),
                                wordWrap=True))
        layout.addWidget(buttons)
        self.minutes.setFocus()
        self.minutes.selectAll()

    @property
    def length(self) -> timedelta:
        """The length chosen."""
        return timedelta(minutes=self.minutes.value())

    def _on_minutes_value_changed(self, value: int) -> None:
        end = self._now + timedelta(minutes=value)
        self.ends.setText(_("until {time}").format(time=clock_text(self._fmt, end, self._now)))


class ScheduleModel(QAbstractListModel):
    """The recurring schedules, one row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FocusSchedule] = []

    def set_schedules(self, schedules: list[FocusSchedule]) -> None:
        """Show ``schedules`` (a full reload)."""
        self.beginResetModel()
        self._rows = list(schedules)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        schedule = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{schedule.text}  ({schedule.zone})"
        if role == ITEM_ROLE:
            return schedule
        return None


class ScheduleDialog(QDialog):
    """Lists the recurring focus blocks; adds and removes them through the callables."""

    def __init__(self, schedules: Callable[[], list[FocusSchedule]],
                 add: Callable[[str], object], remove: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Focus schedule"))
        self._schedules, self._add, self._remove = schedules, add, remove
        self.model = ScheduleModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Focus schedules"))
        self.entry = QLineEdit(placeholderText=_("e.g. mon-fri 09:00-11:00"))
        self.entry.setAccessibleName(_("New focus schedule"))
        add_button = QPushButton(_("Add"))
        remove_button = QPushButton(_("Remove"))
        describe(self.view, _("The recurring focus blocks; each starts on its own."))
        describe(add_button, _("Adds the schedule typed in the field beside it."))
        describe(remove_button, _("Removes the selected schedule."))
        add_button.clicked.connect(self.add_entry)
        self.entry.returnPressed.connect(self.add_entry)
        remove_button.clicked.connect(self.remove_current)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(add_button)
        row.addWidget(remove_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Focus blocks that start on their own, every week:")))
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.model.set_schedules(schedules())

    def add_entry(self) -> None:
        """Add what was typed; a bad entry is explained and left for correction."""
        try:
            self._add(self.entry.text())
        except InvalidInput as error:
            QMessageBox.warning(self, _("Focus schedule"), error.message)
            return
        self.entry.clear()
        self.model.set_schedules(self._schedules())

    def remove_current(self) -> None:
        """Remove the selected schedule."""
        schedule = self.view.currentIndex().data(ITEM_ROLE)
        if isinstance(schedule, FocusSchedule):
            self._remove(schedule.id)
            self.model.set_schedules(self._schedules())
