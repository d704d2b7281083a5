# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the main window offers the features that plug into it, declared once.

A feature adds its actions to the menus, its steps to the one undo stack and its banners to
the area above the queue, and asks which request is under the cursor; it never reaches into
the window for anything else. :class:`~desktop.ui.main_window.MainWindow` is the one
implementation; tests may pass a small fake.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QStatusBar, QVBoxLayout, QWidget

from desktop.core.requests import Request


class FeatureWindow(Protocol):
    """The main window as the features see it."""

    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    undo_stack: QUndoStack
    """The window's one undo stack: every change a user makes is a step on it."""
    top_area: QVBoxLayout
    """Banners above the queue (focus block, sync state)."""
    context_actions: list[QAction]
    """Entries of the queue's context menu."""

    def current_request(self) -> Request | None:
        """The request under the cursor in the queue, if any."""
        ...

    def statusBar(self) -> QStatusBar:
        """The window's status bar, for short messages."""
        ...

    def window(self) -> QWidget:
        """The window itself as a widget: the parent of a feature's dialogs."""
        ...
