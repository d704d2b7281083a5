# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tray icon: when the next reply falls due, how many notifications are held, start or
stop focus, open the window, quit."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.core.focus.service import FocusState
from desktop.core.i18n import _, ngettext

from desktop.ui.common.formatting import duration_text


class FocusTray(QSystemTrayIcon):
    """The tray icon and its menu; the actions are the Focus menu's own.

    Args:
        icon: the application icon.
        start, stop, extend: the Focus menu's actions.
        open_window: brings the window up.
        quit_app: quits for real (closing the window may only hide it).
    """

    def __init__(self, icon: QIcon, start: QAction, stop: QAction, extend: QAction,
                 open_window: QAction, quit_app: QAction, parent: QObject | None = None) -> None:
        super().__init__(icon, parent)
        self.setObjectName("focusTray")
        menu = QMenu()
        self.next_breach = menu.addAction("")
        self.next_breach.setEnabled(False)
        self.held = menu.addAction("")
        self.held.setEnabled(False)
        menu.addSeparator()
        for action in (start, stop, extend):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(open_window)
        menu.addAction(quit_app)
        self._menu = menu  # QSystemTrayIcon does not own its menu
        self.setContextMenu(menu)
        self._open = open_window
        self.activated.connect(self._on_activated)
        self.setToolTip(_("Unhurried"))

    def show_state(self, state: FocusState, now: datetime) -> None:
        """Update the countdown, the held count and the tooltip."""
        if state.next_breach_at is None:
            breach = _("No reply due soon")
        elif state.next_breach_at <= now:
            breach = _("A reply is due now")
        else:
            breach = _("Next reply due in {time}").format(
                time=duration_text(state.next_breach_at - now))
        self.next_breach.setText(breach)
        self.held.setText(ngettext("{count} notification held", "{count} notifications held",
                                   state.held).format(count=state.held))
        if state.session is not None:
            tip = _("Focusing: {left} left, {held} held").format(
                left=duration_text(state.session.end - now), held=state.held)
        else:
            tip = _("Unhurried: {breach}").format(breach=breach)
        self.setToolTip(tip)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self._open.trigger()
