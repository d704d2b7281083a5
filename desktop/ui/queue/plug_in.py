# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main window's side of :class:`~desktop.ui.common.host.FeatureWindow` that is not a menu
or a signal: the queue's view and model, reached by features through these calls only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.ui.queue.model import QueueModel
from desktop.ui.queue.view import QueueView


class PlugIn(QMainWindow):
    """What features may ask of the queue window, besides its menus and undo stack."""

    view: QueueView
    model: QueueModel

    @property
    def queue_view(self) -> QWidget:
        """The queue: an action added here has its shortcut while the queue has focus."""
        return self.view

    def select_request(self, request_id: str) -> None:
        """Make ``request_id`` current and visible in the queue."""
        self.view.select_request(request_id)

    def set_dark(self, dark: bool) -> None:
        """Use the queue's colours for a dark or a light scheme."""
        self.model.set_dark(dark)

    def set_scheduled_replies(self, source: Callable[[], dict[str, datetime]]) -> None:
        """Show "Reply scheduled" on requests ``source`` gives a send time for."""
        self.model.set_scheduled_replies(source)

    def main_window(self) -> QMainWindow:
        """The window as a Qt main window (menu bar, showing and hiding)."""
        return self
