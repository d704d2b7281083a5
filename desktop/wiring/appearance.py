# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Light or dark as the system or the setting says, the Help menu and the portals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__
from desktop.wiring.feature import Setup
from desktop.wiring.services import apply_autostart

if TYPE_CHECKING:
    from desktop.ui.common.host import FeatureWindow


@dataclass(frozen=True, slots=True)
class Desktop:
    """The window's place on the desktop: its scheme, autostart and the quick-capture key."""

    close_capture: Callable[[], None]

    def start(self) -> None:
        """The scheme is applied at install, before the window shows."""

    def close(self) -> None:
        """Give the global shortcut back."""
        self.close_capture()


def install(window: FeatureWindow, setup: Setup) -> Desktop:
    """Light or dark as the system or the setting says (live), the Help menu (last),
    autostart as the setting says and the global quick-capture shortcut."""
    from desktop.ui.common.appearance import Appearance
    from desktop.ui.common.help import install_help

    app, context = setup.app, setup.context
    install_help(window.main_window(), APP_NAME, __version__, setup.paths.data_dir)
    appearance = Appearance(app, lambda: context.queue.settings.appearance)
    appearance.changed.connect(window.set_dark)
    window.settings_applied.connect(appearance.apply)
    appearance.apply()
    from desktop.wiring.portals import in_background, install_quick_capture

    from desktop.ui.common.operation import Operation

    parent = window.main_window()
    background = in_background(Operation(parent, "background-portal"))
    apply_autostart(context, background)  # the entry follows the setting, also after `config set`
    window.settings_applied.connect(lambda: apply_autostart(context, background))
    return Desktop(install_quick_capture(window, Operation(parent, "portal")).close)
