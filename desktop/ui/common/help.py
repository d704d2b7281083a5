# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Help > Keyboard shortcuts (read from the window's own actions, so it never goes stale) and
Help > About (version, licence, data folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import N_, _

from desktop.ui.common.accessibility import describe, describe_buttons

LICENCE = "GPL-3.0-or-later"
HEADERS = (N_("Action"), N_("Shortcut"))
_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Shortcut:
    """One action's name, where it lives and its keys."""

    menu: str
    action: str
    keys: str


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def collect_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action with a shortcut in the window's menus and on its widgets, each once."""
    found: dict[tuple[str, str], Shortcut] = {}

    def add(action: QAction, menu: str) -> None:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                         for s in action.shortcuts() if not s.isEmpty())
        if keys and action.text():
            item = Shortcut(menu, _clean(action.text()), keys)
            found.setdefault((item.action, item.keys), item)

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{title} > {_clean(sub.title())}")
            else:
                add(action, title)

    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, _clean(menu.title()))
    for widget in [window, *window.findChildren(QWidget)]:
        for action in widget.actions():
            if action.menu() is None:
                add(action, "")
    return list(found.values())


class ShortcutsModel(QAbstractTableModel):
    """The shortcuts as a table: action (with its menu) and keys."""

    def __init__(self, shortcuts: list[Shortcut], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = shortcuts

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self._rows[index.row()]
        if index.column() == 1:
            return row.keys
        return f"{row.menu} > {row.action}" if row.menu else row.action

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.model = ShortcutsModel(collect_shortcuts(window), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        describe(self.table, _("Every action of the window and the keys that trigger it."))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


class AboutDialog(QDialog):
    """Help > About: name, version, licence and where the data is."""

    def __init__(self, name: str, version: str, data_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {name}").format(name=name))
        layout = QVBoxLayout(self)
        self.lines: list[QLabel] = []
        for text in (f"{name} {version}",
                     _("Reply-by times, focus blocks and drafts with context, for async work."),
                     _("Licence: {licence}").format(licence=LICENCE),
                     _("Your data: {folder}").format(folder=data_dir)):
            label = QLabel(text, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            layout.addWidget(label)
            self.lines.append(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        layout.addWidget(buttons)


def install_help(window: QMainWindow, name: str, version: str, data_dir: Path) -> QMenu:
    """Add the Help menu (last in the menu bar: install it after every other menu)."""
    menu = window.menuBar().addMenu(_("&Help"))
    shortcuts = QAction(_("&Keyboard shortcuts"), window)
    shortcuts.setShortcut(QKeySequence("Ctrl+/"))
    shortcuts.triggered.connect(lambda _checked=False: ShortcutsDialog(window).exec())
    about = QAction(_("&About {name}").format(name=name), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(
        lambda _checked=False: AboutDialog(name, version, data_dir, window).exec())
    menu.addAction(shortcuts)
    menu.addAction(about)
    return menu
