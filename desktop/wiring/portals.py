# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop portals in the running app: the quick-capture key (GlobalShortcuts, wherever
the desktop offers it) and start at login inside Flatpak (Background).

A portal may ask the user before it answers, so in the window both run off the GUI thread
through the one background-operation helper (``config set``, where no event loop runs, asks
the Background portal directly).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from desktop.core.i18n import _
from desktop.platform.portals import GlobalShortcuts, PortalUnavailable, request_background
from desktop.platform.quick_capture import quick_capture_shortcuts

from desktop.ui.common.operation import Operation

logger = logging.getLogger(__name__)


class CaptureWindow(Protocol):
    """What the quick-capture key needs of the main window."""

    def add_request(self) -> None:
        """Ask for a new request and add it."""
        ...

    def showNormal(self) -> None:  # noqa: N802 - Qt's name
        """Show the window (also from the tray or minimised)."""
        ...

    def activateWindow(self) -> None:  # noqa: N802 - Qt's name
        """Give the window the keyboard."""
        ...


def in_background(operation: Operation) -> Callable[[Callable[[], None]], None]:
    """A runner for :func:`desktop.wiring.services.apply_autostart` that asks the portal on
    ``operation`` (a newer request supersedes one still waiting for the user)."""

    def failed(message: str) -> None:
        logger.warning("start at login not arranged through the portal: %s", message)

    def run(work: Callable[[], None]) -> None:
        operation.start(lambda _step: work(), done=lambda _result: None, failed=failed,
                        supersede=True)

    return run


def ask_background(enabled: bool) -> None:
    """Ask the Background portal to start Unhurried at login (or no longer); the outcome is
    logged: the setting stays as the user chose, and the next start asks again."""
    try:
        granted = request_background(
            enabled, [], _("Unhurried starts at login to keep your focus blocks and "
                           "reply-by times."))
    except PortalUnavailable as error:
        logger.warning("start at login not arranged through the portal: %s", error.message)
        return
    if granted != enabled:
        logger.warning("the Background portal answered autostart=%s to a request for %s",
                       granted, enabled)


def install_quick_capture(window: CaptureWindow, operation: Operation) -> GlobalShortcuts:
    """Bind the quick-capture key through the GlobalShortcuts portal in the background; a
    press shows the window and its Add request dialog. Without the portal nothing changes
    (``unhurried add --dialog`` bound in the desktop's settings does the same).

    Args:
        window: the main window.
        operation: runs the binding off the GUI thread (owned by the window).
    """

    def capture(_name: str) -> None:
        window.showNormal()
        window.activateWindow()
        window.add_request()

    shortcuts = quick_capture_shortcuts(capture)

    def bound(triggers: dict[str, str]) -> None:
        shortcuts.watch()
        logger.info("quick capture on %s", ", ".join(triggers.values()) or "(keys unset)")

    def failed(message: str) -> None:
        logger.info("no global quick-capture key (%s): bind `unhurried add --dialog` in the "
                    "desktop's keyboard settings", message)

    def describe(error: Exception) -> str:
        return error.message if isinstance(error, PortalUnavailable) else str(error)

    operation.start(lambda _step: shortcuts.bind(), done=bound, failed=failed,
                    describe=describe)
    return shortcuts
