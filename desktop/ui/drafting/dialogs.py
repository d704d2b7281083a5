# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Small dialogs of the drafting window: a draft's history, when to send later, and the list
of drafts (File > Drafts…)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QTimeZone,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.drafting.drafts import Draft, DraftVersion
from desktop.core.i18n import _

from desktop.ui.common.accessibility import describe, describe_buttons
from desktop.ui.common.formatting import Formatter
from desktop.ui.drafting.models import (
    ITEM_ROLE,
    SORT_ROLE,
    DraftColumn,
    DraftsModel,
    Index,
    VersionsModel,
)


class _SortProxy(QSortFilterProxyModel):
    """Sorts by the models' SORT_ROLE values, compared in Python."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def _table(model: QAbstractItemModel, parent: QWidget | None) -> QTableView:
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
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History"))
        self.chosen: DraftVersion | None = None
        self.model = VersionsModel(formatter.full, self)
        self.model.set_items(versions)
        self.view = _table(self.model, self)
        self.view.setAccessibleName(_("Versions"))
        describe(self.view, _("Earlier versions of the draft, newest first."))
        self.view.setColumnWidth(0, 260)
        self.view.doubleClicked.connect(lambda _index: self._restore())
        buttons = QDialogButtonBox()  # Cancel last: Tab reaches it after Restore, left of it
        self.restore_button = buttons.addButton(_("&Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        self.restore_button.clicked.connect(self._restore)
        describe(self.restore_button, _("Puts the selected version back as the draft's text."))
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
    focus), shown and edited on the recipient's clock, with the user's own time beside it.

    The editor holds the recipient's wall-clock date and time as plain fields (kept in UTC
    inside Qt, which has no gaps), and :meth:`when` reads them in the recipient's zone: Qt's
    own zone conversion would show the machine's zone under the recipient's label.
    """

    def __init__(self, suggested: datetime, formatter: Formatter, recipient_zone: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Send later"))
        self._zone = ZoneInfo(recipient_zone) if recipient_zone else formatter.zone
        self._formatter = formatter
        theirs = suggested.astimezone(self._zone)
        self.edit = QDateTimeEdit()
        self.edit.setAccessibleName(_("Send at"))
        describe(self.edit, _("When the message is sent, in the recipient's time zone."))
        self.edit.setTimeZone(QTimeZone.utc())  # plain fields: never the machine's zone
        self.edit.setDateTime(QDateTime(QDate(theirs.year, theirs.month, theirs.day),
                                        QTime(theirs.hour, theirs.minute), QTimeZone.utc()))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy HH:mm")
        zone_name = str(self._zone)
        if recipient_zone:
            hint_text = _("Suggested: the next moment inside the recipient's working hours "
                          "and outside your focus blocks. The time is theirs, in {zone}.")
        else:
            hint_text = _("Suggested: the next moment inside working hours and outside your "
                          "focus blocks. The recipient's zone is not known; the time is "
                          "yours, in {zone}.")
        hint = QLabel(hint_text.format(zone=zone_name), wordWrap=True)
        self.zone_label = QLabel(_("Their time ({zone})").format(zone=zone_name))
        self.yours = QLabel()
        self.edit.dateTimeChanged.connect(self._show_yours)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        describe_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.zone_label, self.edit)
        form.addRow(_("Your time ({zone})").format(zone=str(formatter.zone)), self.yours)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_yours()

    def when(self) -> datetime:
        """The chosen instant (UTC): the fields read on the recipient's clock."""
        value = self.edit.dateTime()
        day, clock = value.date(), value.time()
        wall = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                        tzinfo=self._zone)
        return wall.astimezone(UTC)

    def _show_yours(self, *_args: object) -> None:
        mine = self.when().astimezone(self._formatter.zone)
        self.yours.setText(f"{self._formatter.day(mine)} {mine:%H:%M}")


class DraftsDialog(QDialog):
    """Every draft: Open (Enter) reopens one in its window, Delete removes it (undo: Restore).

    Args:
        drafts: reads the current drafts.
        formatter: formats times.
        open_draft: opens a draft in a window.
        delete_draft: deletes a draft; returns how to undo it.
    """

    def __init__(self, drafts: Callable[[], Sequence[Draft]], formatter: Formatter,
                 open_draft: Callable[[Draft], object],
                 delete_draft: Callable[[Draft], Callable[[], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Drafts"))
        self._drafts = drafts
        self._open = open_draft
        self._delete = delete_draft
        self._undo: Callable[[], None] | None = None
        self.model = DraftsModel(formatter.full, self)
        self.view = _table(self.model, self)
        self.view.setAccessibleName(_("Drafts"))
        describe(self.view, _("Your drafts, last changed first."))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DraftColumn.CHANGED, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(self._on_view_activated)
        self.empty = QLabel(_("No drafts yet. File > New message starts one."))
        buttons = QDialogButtonBox()  # Close last: Tab reaches it after the buttons left of it
        self.open_button = buttons.addButton(_("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = buttons.addButton(_("&Delete"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button = QPushButton(_("&Undo delete"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.setEnabled(False)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        describe(self.open_button, _("Opens the selected draft."))
        describe(self.delete_button, _("Deletes the selected draft; Undo delete brings it back."))
        describe(self.undo_button, _("Brings back the draft deleted last."))
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
