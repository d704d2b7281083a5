# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Light or dark as the system or the setting says, the Help menu and the portals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__
from desktop.platform.paths import AppPaths
from desktop.wiring.services import Context, apply_autostart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

def install_appearance_and_help(app: QApplication, window: MainWindow, context: Context,
                                 paths: AppPaths) -> None:
    """Light or dark as the system or the setting says (live), and the Help menu (last)."""
    from desktop.ui.common.appearance import Appearance
    from desktop.ui.common.help import install_help

    install_help(window, APP_NAME, __version__, paths.data_dir)
    appearance = Appearance(app, lambda: context.queue.settings.appearance)
    appearance.changed.connect(window.model.set_dark)
    window.settings_applied.connect(appearance.apply)
    appearance.apply()
    from desktop.wiring.portals import in_background, install_quick_capture

    from desktop.ui.common.operation import Operation

    background = in_background(Operation(window, "background-portal"))
    apply_autostart(context, background)  # the entry follows the setting, also after `config set`
    window.settings_applied.connect(lambda: apply_autostart(context, background))
    app.aboutToQuit.connect(install_quick_capture(window, Operation(window, "portal")).close)
