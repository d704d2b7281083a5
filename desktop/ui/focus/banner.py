# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Banners above the queue: the running focus block (time left, held count, Stop and Extend),
and notifications shown in the window (the last resort of the notifier chain, and every
digest, so a click always opens its requests)."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop.core.focus.service import FocusState
from desktop.core.i18n import _, ngettext
from desktop.core.ports import Notification

from desktop.ui.common.accessibility import describe
from desktop.ui.common.formatting import Formatter, duration_text, plain


def clock_text(formatter: Formatter, value: datetime, now: datetime | None = None) -> str:
    """``11:40`` in the user's zone and locale; ``Thu 11:40`` when not on ``now``'s day."""
    zone = formatter.zone
    same_day = now is None or value.astimezone(zone).date() == now.astimezone(zone).date()
    return format_datetime(value, "HH:mm" if same_day else "EEE HH:mm", tzinfo=zone,
                           locale=formatter.locale)


NOTICE_LIGHT = ("#fff4d6", "#3d2e00")
"""The notice banner's background and text on a light window: pale amber, dark brown."""
NOTICE_DARK = ("#3d3000", "#ffe8a3")
"""On a dark window: dark amber, pale yellow (a pale banner glares in a dark window)."""


def notice_colours(window: QColor) -> tuple[str, str]:
    """The notice banner's (background, text) for a window of colour ``window``."""
    return NOTICE_DARK if window.lightnessF() < 0.5 else NOTICE_LIGHT


def _bar(parent: QWidget, name: str, colour: str) -> tuple[QFrame, QHBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(f"QFrame#{name} {{ background: {colour}; border: none; }}")
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 6)
    return frame, layout


class FocusBanner(QWidget):
    """Shows the running block; emits ``stop_requested`` and ``extend_requested``."""

    stop_requested = Signal()
    extend_requested = Signal()

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fmt = formatter
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, layout = _bar(self, "focusBanner", "#2f4858")
        self.text = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.text.setStyleSheet("color: white; font-weight: 600;")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.extend_button = QPushButton(_("Extend 15 min"))
        self.stop_button = QPushButton(_("Stop focus"))
        describe(self.extend_button, _("Makes the running focus block 15 minutes longer."))
        describe(self.stop_button, _("Ends the focus block now and shows the held notifications."))
        self.extend_button.clicked.connect(self.extend_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        layout.addWidget(self.text)
        layout.addWidget(self.extend_button)
        layout.addWidget(self.stop_button)
        outer.addWidget(frame)
        self.hide()

    def show_state(self, state: FocusState, now: datetime) -> None:
        """Show the block of ``state`` (hide when none runs)."""
        session = state.session
        if session is None:
            self.hide()
            return
        left = duration_text(session.end - now)
        held = ngettext("{count} notification held", "{count} notifications held",
                        state.held).format(count=state.held)
        self.text.setText(_("Focusing until {end} · {left} left · {held}").format(
            end=clock_text(self._fmt, session.end, now), left=left, held=held))
        self.show()


class NoticeBanner(QWidget):
    """A notification shown in the window; ``show_requested`` carries its request ids."""

    show_requested = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, layout = _bar(self, "noticeBanner", NOTICE_LIGHT[0])
        self._frame = frame
        self._colours = ("", "")
        self.text = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_button = QPushButton(_("Show them"))
        close = QPushButton(_("Dismiss"))
        describe(self.show_button, _("Shows the requests this notice is about in the queue."))
        describe(close, _("Hides this notice."))
        self.show_button.clicked.connect(self._on_show_button_clicked)
        close.clicked.connect(self.hide)
        layout.addWidget(self.text)
        layout.addWidget(self.show_button)
        layout.addWidget(close)
        outer.addWidget(frame)
        self._ids: tuple[str, ...] = ()
        self._recolour()
        self.hide()

    def _recolour(self) -> None:
        """Amber in the scheme of the window: chosen again when its palette changes (a live
        switch between light and dark)."""
        colours = notice_colours(self.palette().color(QPalette.ColorRole.Window))
        if colours == self._colours:
            return
        self._colours = background, text = colours
        self._frame.setStyleSheet(
            f"QFrame#noticeBanner {{ background: {background}; border: none; }}")
        self.text.setStyleSheet(f"color: {text};")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    @property
    def request_ids(self) -> tuple[str, ...]:
        """The requests of the notification shown."""
        return self._ids

    def show_notice(self, notification: Notification) -> None:
        """Show ``notification`` (its text is external: shown as plain text)."""
        self._ids = notification.request_ids
        self.show_button.setText(_("Show them"))
        lines = [plain(notification.title)] + [plain(x) for x in notification.body.splitlines()]
        self.text.setText("\n".join(lines[:6]))
        self.show_button.setVisible(bool(self._ids))
        self.show()

    def show_message(self, text: str) -> None:
        """A sentence from the app itself (e.g. that notifications fall back)."""
        self._ids = ()
        self.text.setText(text)
        self.show_button.hide()
        self.show()

    def show_filtered(self, text: str) -> None:
        """Say the queue shows only some requests; the button shows all again."""
        self._ids = ()
        self.text.setText(text)
        self.show_button.setText(_("Show the whole queue"))
        self.show_button.show()
        self.show()

    def _on_show_button_clicked(self) -> None:
        self.hide()  # first: the receiver may show the banner again with other news
        self.show_requested.emit(self._ids)
