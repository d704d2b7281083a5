# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main window's compose actions: File > New message from template… and Edit > Reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.core.i18n import _

from desktop.ui.common.host import FeatureWindow

if TYPE_CHECKING:
    from desktop.ui.drafting.compose import Composer


def install_compose(
    window: FeatureWindow, composer: Callable[[], Composer]
) -> tuple[QAction, QAction]:
    """Add File > New message from template… and Edit > Reply to ``window``.

    ``composer`` is called when an action is first used, so Jinja2 and the form widgets are
    not imported while the window starts.
    """
    parent = window.main_window()
    new = QAction(_("New message from &template…"), parent)
    new.setShortcut(QKeySequence("Ctrl+Shift+N"))
    new.triggered.connect(lambda _c=False: composer().dialog(parent).open())
    reply = QAction(_("Repl&y…"), parent)
    reply.setShortcut(QKeySequence("R"))
    reply.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def on_reply() -> None:
        request = window.current_request()
        if request is None:
            window.statusBar().showMessage(_("Select a request first."), 3000)
            return
        composer().reply_dialog(parent, request).open()

    reply.triggered.connect(lambda _c=False: on_reply())
    window.queue_view.addAction(reply)
    window.file_menu.insertAction(window.file_menu.actions()[1], new)
    window.edit_menu.insertAction(window.done_action, reply)
    window.context_actions.insert(0, reply)
    return new, reply
