# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desktop notifications: plyer, then the tray's balloon, then the window's own banner.

Each backend implements the core ``Notifier`` port. :class:`NotifierChain` tries them in
order; a backend that fails is logged, the user is told once (through ``on_problem``), and
the next backend takes the notification, so nothing is dropped silently.

plyer on Linux shells out to ``notify-send`` when dbus-python is missing and ignores its exit
status, so a notification sent with no server running vanishes without a trace. Before using
it we ask the session bus whether a server owns ``org.freedesktop.Notifications``.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from desktop.core.i18n import _
from desktop.core.ports import Notification, Notifier

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

logger = logging.getLogger(__name__)

SERVER_NAME = "org.freedesktop.Notifications"
BALLOON_MS = 10_000


def notification_server_running() -> bool:
    """Whether a notification server owns ``org.freedesktop.Notifications`` on the session
    bus (asked afresh each time: the bus address may change, e.g. in tests)."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        return False
    from PySide6.QtDBus import QDBusConnection

    connection = QDBusConnection.connectToBus(address, f"unhurried-notify-{address}")
    if not connection.isConnected():
        return False
    reply = connection.interface().isServiceRegistered(SERVER_NAME)
    return bool(reply.isValid() and reply.value())


class NotifierUnavailable(Exception):
    """A backend cannot show notifications now; ``str()`` says why, for the log and the user."""


class _PlyerBackend(Protocol):
    """``plyer.notification`` (plyer has no type hints)."""

    def notify(self, *, title: str, message: str, app_name: str, timeout: int) -> None: ...


class PlyerNotifier:
    """Notifications through plyer (the platform's own mechanism).

    Args:
        app_name: shown by the notification server.
        server_running: checks for a server on the session bus (injected for tests).
        check_server: whether to check (on Linux and other freedesktop systems).
    """

    name = "plyer"

    def __init__(self, app_name: str,
                 server_running: Callable[[], bool] = notification_server_running,
                 check_server: bool = sys.platform.startswith(("linux", "freebsd"))) -> None:
        self._app_name = app_name
        self._server_running = server_running
        self._check_server = check_server
        self._backend: _PlyerBackend | None = None

    def notify(self, notification: Notification) -> bool:
        """Send it; raises :class:`NotifierUnavailable` when it cannot be delivered."""
        if self._check_server and not self._server_running():
            raise NotifierUnavailable(_("no notification server is running on the session bus"))
        if self._backend is None:
            try:
                with warnings.catch_warnings():  # "dbus package is not installed": expected
                    warnings.simplefilter("ignore")
                    from plyer import notification as backend

                    backend.notify  # noqa: B018 - makes plyer pick its platform backend now
            except Exception as error:
                raise NotifierUnavailable(str(error)) from error
            self._backend = backend
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._backend.notify(title=notification.title, message=notification.body,
                                     app_name=self._app_name, timeout=10)
        except NotImplementedError as error:
            raise NotifierUnavailable(_("this system has no notification mechanism")) from error
        except Exception as error:
            raise NotifierUnavailable(str(error)) from error
        logger.info("notification sent through plyer: %s (%d requests)", notification.kind,
                    len(notification.request_ids))
        return True


class TrayNotifier:
    """Notifications as the tray icon's balloon (``QSystemTrayIcon.showMessage``); clicking
    one calls ``on_click`` with its request ids."""

    name = "tray"

    def __init__(self, tray: QSystemTrayIcon, on_click: Callable[[tuple[str, ...]], None]) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        self._tray = tray
        self._available = QSystemTrayIcon.isSystemTrayAvailable
        self._last: tuple[str, ...] = ()
        self._on_click = on_click
        tray.messageClicked.connect(lambda: self._on_click(self._last))

    def notify(self, notification: Notification) -> bool:
        """Show it as a balloon; raises :class:`NotifierUnavailable` without a tray."""
        if not (self._available() and self._tray.isVisible() and self._tray.supportsMessages()):
            raise NotifierUnavailable(_("there is no system tray to show it in"))
        from PySide6.QtWidgets import QSystemTrayIcon

        icon = (QSystemTrayIcon.MessageIcon.Warning if notification.urgent
                else QSystemTrayIcon.MessageIcon.Information)
        self._last = notification.request_ids
        self._tray.showMessage(notification.title, notification.body, icon, BALLOON_MS)
        logger.info("notification shown in the tray: %s", notification.kind)
        return True


class CallbackNotifier:
    """The last resort that always works: hands the notification to the window's banner."""

    name = "window"

    def __init__(self, show: Callable[[Notification], None]) -> None:
        self._show = show

    def notify(self, notification: Notification) -> bool:
        """Show it in the window."""
        self._show(notification)
        return True


class Gate:
    """Passes notifications to ``backend`` only while ``open_`` says so; otherwise declines
    (``False``), so the chain goes on to the next backend (the notification style setting)."""

    def __init__(self, backend: Notifier, open_: Callable[[], bool]) -> None:
        self.backend = backend
        self.name = getattr(backend, "name", type(backend).__name__)
        self._open = open_

    def notify(self, notification: Notification) -> bool:
        """Show through the backend, or decline."""
        return self._open() and self.backend.notify(notification)


class NotifierChain:
    """Tries each backend in order until one takes the notification.

    A failing backend is logged every time and reported through ``on_problem`` once (a
    sentence for the user); it is tried again with the next notification, so a notification
    server that starts later is used from then on.
    """

    def __init__(self, backends: Sequence[Notifier],
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.backends = list(backends)
        self.on_problem = on_problem
        self._told: set[str] = set()
        self.last_backend: str | None = None

    def add(self, backend: Notifier, index: int | None = None) -> None:
        """Add a backend (e.g. the tray, once it exists)."""
        self.backends.insert(len(self.backends) if index is None else index, backend)

    def notify(self, notification: Notification) -> bool:
        """Show ``notification`` through the first backend that works."""
        for backend in self.backends:
            name = getattr(backend, "name", type(backend).__name__)
            try:
                if backend.notify(notification):
                    self.last_backend = name
                    return True
            except NotifierUnavailable as error:
                logger.warning("notifications: %s failed (%s); trying the next way", name, error)
                self._tell_once(name, str(error))
        self.last_backend = None
        return False

    def _tell_once(self, name: str, reason: str) -> None:
        if name in self._told or self.on_problem is None or name == "dbus":
            return  # D-Bus failing is only logged: plyer after it says so if it fails too
        self._told.add(name)
        if name == "plyer":
            message = _("Desktop notifications do not work here ({reason}); Unhurried shows "
                        "them in the tray or in its window instead.").format(reason=reason)
        else:
            message = _("Notifications cannot be shown in the tray ({reason}); Unhurried "
                        "shows them in its window instead.").format(reason=reason)
        self.on_problem(message)
