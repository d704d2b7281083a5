# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quit cleanly on SIGTERM and SIGINT (a session logging out, ``kill``, Ctrl+C in a terminal).

Qt's event loop never hands control to Python's signal handlers by itself. The handler writes
to a socket (``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches, so the loop wakes
and the application quits through ``aboutToQuit``, where focus puts the desktop back.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignal(QObject):
    """Calls ``quit`` on the GUI thread when SIGTERM or SIGINT arrives."""

    def __init__(self, quit: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        self._old_fd = signal.set_wakeup_fd(self._write.fileno())
        self._old = {number: signal.signal(number, lambda *_args: None)  # the byte does it
                     for number in SIGNALS}

    def _on_signal(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._read.recv(64)
        self._quit()

    def close(self) -> None:
        """Give the signals back to the handlers they had before."""
        signal.set_wakeup_fd(self._old_fd)
        for number, handler in self._old.items():
            signal.signal(number, handler)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
