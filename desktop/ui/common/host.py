# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the main window offers the features that plug into it, declared once.

A feature adds its actions to the menus, its steps to the one undo stack and its banners to
the area above the queue, and asks which request is under the cursor; it never reaches into
the window for anything else. :class:`~desktop.ui.main_window.MainWindow` is the one
implementation (mypy checks that it is one, where ``desktop.wiring`` installs the features);
tests may pass a small fake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QStatusBar, QVBoxLayout, QWidget

from desktop.core.people import Person
from desktop.core.requests import Request
from desktop.core.sync.items import HistoryEntry

CsvColumnsChoice = Callable[[Path, bool], tuple[bool, dict[str, str] | None]]
"""(path, always ask) -> (go on?, the CSV's column mapping or None for its preset)."""


class DetailHooks(Protocol):
    """What features add to the detail pane of the selected request."""

    history: Callable[[str], Sequence[HistoryEntry]] | None
    """The values syncs overwrote in a request (the sync's)."""
    person: Callable[[str], Person | None] | None
    """The sender's entry in the people directory, for their local time (drafting's)."""
    reply_scheduled: Callable[[str], datetime | None] | None
    """When a queued reply to a request goes out (the outbox's)."""


class ImportHooks(Protocol):
    """What the importing feature adds to the window's own File > Import."""

    csv_columns: CsvColumnsChoice | None


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

    @property
    def detail(self) -> DetailHooks:
        """The detail pane of the selected request."""
        ...

    @property
    def importer(self) -> ImportHooks | None:
        """File > Import and dropped files; ``None`` when the window imports nothing."""
        ...

    @property
    def demo_action(self) -> QAction:
        """File > Load demo data: the sources' actions go before it."""
        ...

    @property
    def done_action(self) -> QAction:
        """Edit > Mark done: actions on the selected request go before it."""
        ...

    @property
    def queue_view(self) -> QWidget:
        """The queue: an action added here has its shortcut while the queue has focus."""
        ...

    @property
    def queue_changed(self) -> SignalInstance:
        """The queue was read again, or a request changed in this window."""
        ...

    @property
    def settings_applied(self) -> SignalInstance:
        """The settings in force changed (the dialog's OK, or a sync)."""
        ...

    def current_request(self) -> Request | None:
        """The request under the cursor in the queue, if any."""
        ...

    def add_request(self) -> None:
        """Ask for a new request and add it (the quick-capture key)."""
        ...

    def select_request(self, request_id: str) -> None:
        """Make ``request_id`` current and visible in the queue."""
        ...

    def reload(self) -> None:
        """Read the queue again (after a sync or an import wrote to the store)."""
        ...

    def apply_settings(self) -> None:
        """Apply the settings in force (after a sync brought changed ones)."""
        ...

    def mark_done_by_id(self, request_id: str) -> Callable[[], None]:
        """Mark one request done as a step of the undo stack; returns how to undo that step
        from elsewhere (a message bar's Undo)."""
        ...

    def snooze_by_ids(self, request_ids: Sequence[str], until: datetime) -> None:
        """Snooze requests until ``until`` as one step of the undo stack."""
        ...

    def set_dark(self, dark: bool) -> None:
        """Use the queue's colours for a dark or a light scheme."""
        ...

    def set_scheduled_replies(self, source: Callable[[], dict[str, datetime]]) -> None:
        """Show "Reply scheduled" on requests ``source`` gives a send time for."""
        ...

    def statusBar(self) -> QStatusBar:
        """The window's status bar, for short messages."""
        ...

    def showNormal(self) -> None:
        """Show the window (also from the tray or minimised)."""
        ...

    def activateWindow(self) -> None:
        """Give the window the keyboard."""
        ...

    def window(self) -> QWidget:
        """The window itself as a widget: the parent of a feature's dialogs."""
        ...

    def main_window(self) -> QMainWindow:
        """The window as a Qt main window: its menu bar, its showing and hiding (focus's tray
        and its controllers are parented to it)."""
        ...
