# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Error text that stays readable in light and dark.

A fixed red (``#b3261e``) reads well on a light window and poorly on a dark one (about 2:1).
So an error label takes its colour from its own palette: of the light and the dark error red
(the queue's overdue colours, :mod:`desktop.ui.common.appearance`) the one with more contrast
on the palette's window colour, which is at least 4.5:1 (WCAG AA) on the light and dark
palettes Unhurried uses. It is chosen again whenever the label's palette changes, so a live
switch between light and dark repaints it. The text says what is wrong; colour only adds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.common.appearance import OVERDUE_DARK, OVERDUE_LIGHT, contrast

_ROLE = QPalette.ColorRole.WindowText
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def error_colour(background: QColor) -> QColor:
    """The error red with more contrast on ``background``."""
    light, dark = QColor(OVERDUE_LIGHT), QColor(OVERDUE_DARK)
    return light if contrast(light, background) >= contrast(dark, background) else dark


class _Repaint(QObject):
    """Chooses the label's colour now and on every palette change (its own included: a
    change that leaves the colour as it is ends there)."""

    def __init__(self, label: QWidget) -> None:
        super().__init__(label)
        self._label = label
        label.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        palette = self._label.palette()
        want = error_colour(palette.color(QPalette.ColorRole.Window))
        if all(palette.color(group, _ROLE) == want for group in _GROUPS):
            return
        for group in _GROUPS:
            palette.setColor(group, _ROLE, want)
        self._label.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply()
        return False


def show_as_error(label: QLabel, on: bool = True) -> None:
    """Paint ``label``'s text in the error colour (``on``), or in its normal colour again."""
    current = label.findChild(_Repaint, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if on and current is None:
        _Repaint(label)
    elif not on and current is not None:
        label.removeEventFilter(current)
        current.setParent(None)
        current.deleteLater()
        label.setPalette(QPalette())  # inherit the window's palette again


def error_label() -> QLabel:
    """A hidden, word-wrapped plain-text label for a dialog's error, in the error colour."""
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    show_as_error(label)
    label.hide()
    return label

