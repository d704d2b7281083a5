# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Light and dark: the window follows the system's colour scheme (``QStyleHints.colorScheme``,
live when it switches) unless the ``appearance`` setting says ``light`` or ``dark``.

Many platform themes (xcb without a desktop's theme plugin, offscreen) ignore a requested
scheme, so a dark scheme is applied as an explicit palette. The queue's overdue and at-risk
colours are chosen per scheme for a contrast of at least 4.5:1 against the view's background
(WCAG AA); the bucket's heading, icon and the "overdue …" text say the same without colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.core.queue.buckets import Bucket

OVERDUE_LIGHT, AT_RISK_LIGHT = "#b3261e", "#9a5b00"
OVERDUE_DARK, AT_RISK_DARK = "#ffb4ab", "#ffb95c"


def queue_colours(dark: bool) -> dict[Bucket, QColor]:
    """The text colour of the time left in the overdue and at-risk buckets."""
    if dark:
        return {Bucket.OVERDUE: QColor(OVERDUE_DARK), Bucket.AT_RISK: QColor(AT_RISK_DARK)}
    return {Bucket.OVERDUE: QColor(OVERDUE_LIGHT), Bucket.AT_RISK: QColor(AT_RISK_LIGHT)}


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (texts at least 7:1 on their backgrounds)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#202124", roles.WindowText: "#e8eaed", roles.Base: "#17181a",
        roles.AlternateBase: "#25272a", roles.ToolTipBase: "#303134",
        roles.ToolTipText: "#e8eaed", roles.PlaceholderText: "#9aa0a6", roles.Text: "#e8eaed",
        roles.Button: "#2d2f31", roles.ButtonText: "#e8eaed", roles.BrightText: "#ffffff",
        roles.Light: "#3c4043", roles.Midlight: "#35363a", roles.Mid: "#2a2b2e",
        roles.Dark: "#111214", roles.Shadow: "#000000", roles.Highlight: "#8ab4f8",
        roles.HighlightedText: "#202124", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#80868b"))
    return palette


def wants_dark(setting: str, system: Qt.ColorScheme) -> bool:
    """Whether to show dark: the setting (``system``, ``light``, ``dark``) decides, and
    ``system`` follows the desktop's scheme (light when it says nothing)."""
    if setting in ("light", "dark"):
        return setting == "dark"
    return system == Qt.ColorScheme.Dark


class Appearance(QObject):
    """Applies light or dark to the application and tells who shows colours of their own.

    Args:
        app: the running application.
        setting: reads the ``appearance`` setting.
    """

    changed = Signal(bool)
    """Emitted with whether the scheme is dark, whenever it is (re)applied."""

    def __init__(self, app: QGuiApplication, setting: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent or app)
        self._app = app
        self._setting = setting
        self._light = app.palette()
        self.dark = False
        self._requested = False
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())

    def apply(self) -> None:
        """Apply the scheme the setting and the system ask for now."""
        setting = self._setting()
        dark = wants_dark(setting, self._app.styleHints().colorScheme())
        scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
            setting, Qt.ColorScheme.Unknown)
        hints = self._app.styleHints()
        if scheme == Qt.ColorScheme.Unknown:
            if self._requested:
                self._requested = False
                hints.unsetColorScheme()  # follow the system again
        elif hints.colorScheme() != scheme:
            self._requested = True
            hints.setColorScheme(scheme)  # where the platform honours it; else the palette
        QGuiApplication.setPalette(dark_palette() if dark else self._light)
        self.dark = dark
        self.changed.emit(dark)
