# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Notifications with actions through the freedesktop notification service over D-Bus.

``Notify`` carries the actions ("Open", "Snooze 1 h" and "Reply" for one request, "Open all"
for a digest) and the spec's urgency byte (critical for an urgent breakthrough, so a desktop
that holds normal notifications can still show it). The server answers a click with the
``ActionInvoked`` signal, which arrives on the same connection: a ``QSocketNotifier`` on its
socket reads it on the GUI thread and hands the action and the notification to ``on_action``.

jeepney marshals the exact D-Bus types the spec asks for (``a{sv}`` hints with a byte urgency).
Where no service answers, this backend raises :class:`NotifierUnavailable` and the chain falls
back to plyer, the tray and the window.
"""

from __future__ import annotations

import collections
import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop import APP_ID
from desktop.core.focus.notices import actions_for
from desktop.core.i18n import _
from desktop.core.ports import Notification
from desktop.platform.dbus_read import drain, open_session
from desktop.platform.dbus_types import Connection, Filter, Message
from desktop.platform.notify import NotifierUnavailable

if TYPE_CHECKING:
    from PySide6.QtCore import QSocketNotifier

logger = logging.getLogger(__name__)

TIMEOUT = 3.0
"""Seconds a call to the notification service may take."""
URGENCY_NORMAL, URGENCY_CRITICAL = 1, 2
KEPT = 200
"""Notifications remembered for their actions (the oldest are forgotten first)."""

ActionHandler = Callable[[str, Notification], None]


def _address() -> object:
    from jeepney import DBusAddress

    return DBusAddress("/org/freedesktop/Notifications",
                       bus_name="org.freedesktop.Notifications",
                       interface="org.freedesktop.Notifications")


class DBusNotifier:
    """The ``Notifier`` port on ``org.freedesktop.Notifications``.

    Args:
        app_name: shown by the notification server.
        on_action: called with the action key and the notification when the user picks one.
    """

    name = "dbus"

    def __init__(self, app_name: str, on_action: ActionHandler) -> None:
        self._app_name = app_name
        self._on_action = on_action
        self._conn: Connection | None = None
        self._signals: Filter | None = None
        self._watch: QSocketNotifier | None = None
        self._markup = False
        self._shown: collections.OrderedDict[int, Notification] = collections.OrderedDict()

    def notify(self, notification: Notification) -> bool:
        """Show it; raises :class:`NotifierUnavailable` when no service takes it."""
        from jeepney import new_method_call

        conn = self._connection()
        body = html.escape(notification.body, quote=False) if self._markup else notification.body
        hints = {"urgency": ("y", URGENCY_CRITICAL if notification.urgent else URGENCY_NORMAL),
                 "desktop-entry": ("s", APP_ID)}
        message = new_method_call(
            _address(), "Notify", "susssasa{sv}i",
            (self._app_name, 0, APP_ID, notification.title, body, actions_for(notification),
             hints, -1))
        notification_id = int(self._call(conn, message)[0])
        self._shown[notification_id] = notification
        while len(self._shown) > KEPT:
            self._shown.popitem(last=False)
        logger.info("notification %s sent over D-Bus: %s (%d requests)", notification_id,
                    notification.kind, len(notification.request_ids))
        self.read_signals()  # any that came in while waiting for the reply
        return True

    def close(self) -> None:
        """Drop the connection (a later :meth:`notify` opens a new one)."""
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
        if self._conn is not None:
            self._conn.close()
        self._conn = self._signals = self._watch = None

    # -- the connection ------------------------------------------------------------------------

    def _connection(self) -> Connection:
        if self._conn is not None:
            return self._conn
        from jeepney import MatchRule, message_bus, new_method_call

        from PySide6.QtCore import QSocketNotifier

        conn = open_session(lambda error: NotifierUnavailable(
            _("no session bus: {reason}").format(reason=error)))
        rule = MatchRule(type="signal", interface="org.freedesktop.Notifications",
                         path="/org/freedesktop/Notifications")
        try:
            self._call(conn, message_bus.AddMatch(rule))
            capabilities = self._call(conn, new_method_call(_address(), "GetCapabilities"))[0]
        except NotifierUnavailable:
            conn.close()
            raise
        self._markup = "body-markup" in capabilities
        self._signals = conn.filter(rule, queue=collections.deque(maxlen=KEPT))
        self._watch = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read)
        self._watch.activated.connect(lambda *_args: self.read_signals())
        self._conn = conn
        return conn

    def _call(self, conn: Connection, message: Message) -> tuple[Any, ...]:
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        try:
            return tuple(unwrap_msg(conn.send_and_get_reply(message, timeout=TIMEOUT)))
        except (DBusErrorResponse, OSError, TimeoutError) as error:
            if conn is self._conn:
                self.close()
            raise NotifierUnavailable(_("the notification service did not answer: {reason}")
                                      .format(reason=error)) from None

    def read_signals(self) -> None:
        """Read what the server sent (on the GUI thread) and act on ``ActionInvoked``."""
        conn = self._conn
        if conn is None:
            return
        if not drain(conn, "notification"):  # the bus went away
            self.close()
            return
        queue = self._signals.queue if self._signals is not None else ()
        while queue:
            self._handle(queue.popleft())

    def _handle(self, message: Message) -> None:
        from jeepney import HeaderFields

        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, key = message.body
            notification = self._shown.get(int(notification_id))
            if notification is not None:
                logger.info("notification %s: action %s", notification_id, key)
                self._on_action(str(key), notification)
        elif member == "NotificationClosed":
            self._shown.pop(int(message.body[0]), None)
