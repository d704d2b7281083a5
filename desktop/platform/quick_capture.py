# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The global quick-capture key: bound through the GlobalShortcuts portal where the desktop
offers it (the user may pick other keys in the desktop's dialog); elsewhere the README tells
how to bind ``unhurried add --dialog`` in the desktop's own keyboard settings."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.i18n import _
from desktop.platform.portals import GlobalShortcuts

QUICK_CAPTURE = "quick-capture"
PREFERRED_KEYS = "CTRL+ALT+U"
"""The preferred trigger, in the XDG shortcuts notation the portal takes."""


def quick_capture_shortcuts(on_activated: Callable[[str], None]) -> GlobalShortcuts:
    """The quick-capture shortcut, not bound yet (:meth:`GlobalShortcuts.bind`)."""
    return GlobalShortcuts([(QUICK_CAPTURE, _("Add a request to Unhurried"), PREFERRED_KEYS)],
                           on_activated)
