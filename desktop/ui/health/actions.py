# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""View > Health in the main window; the view itself is built when first opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.core.i18n import _

from desktop.ui.common.host import FeatureWindow


def add_health_action(window: FeatureWindow, open_view: Callable[[], QWidget]) -> QAction:
    """Add View > Health (Ctrl+H) to ``window``; ``open_view`` builds the view once."""
    views: list[QWidget] = []

    def show() -> None:
        if not views:
            views.append(open_view())
        else:
            refresh = getattr(views[0], "refresh", None)
            if refresh is not None:
                refresh()
        views[0].show()
        views[0].raise_()
        views[0].activateWindow()

    action = QAction(_("&Health"), window.view_menu)
    action.setShortcut(QKeySequence("Ctrl+H"))
    action.setToolTip(_("Meeting hours, focus, decision speed and replies per week"))
    action.triggered.connect(lambda _checked=False: show())
    window.view_menu.addAction(action)
    return action
