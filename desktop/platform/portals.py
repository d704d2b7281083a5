# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""XDG desktop portals over D-Bus (jeepney): Background (start at login inside Flatpak) and
GlobalShortcuts (a quick-capture key wherever the desktop offers it).

Both follow the portal's request pattern
(https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Request.html):
a call returns the path of a Request object, ``/org/freedesktop/portal/desktop/request/
SENDER/TOKEN`` with the caller's ``handle_token``, and the answer comes later as that
object's ``Response(u response, a{sv} results)`` signal (0 = granted, 1 = the user said no,
2 = other). The match for it is added before the call, so the answer cannot be missed.

- Background (https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.
  Background.html): ``RequestBackground(s parent_window, a{sv} options)`` with ``reason``,
  ``autostart`` and ``commandline``; results ``background`` and ``autostart`` (b).
- GlobalShortcuts (https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.
  portal.GlobalShortcuts.html): ``CreateSession(a{sv})`` (result ``session_handle``),
  ``BindShortcuts(o session, a(sa{sv}) shortcuts, s parent_window, a{sv})`` (result
  ``shortcuts``, each with its ``trigger_description``) and the signal
  ``Activated(o session, s shortcut_id, t timestamp, a{sv})``.
"""

from __future__ import annotations

import collections
import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.core.errors import CoreError
from desktop.core.i18n import _
from desktop.platform.dbus_read import drain, open_session
from desktop.platform.dbus_types import Connection, Filter, Message

if TYPE_CHECKING:
    from PySide6.QtCore import QSocketNotifier

logger = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
REQUEST = "org.freedesktop.portal.Request"
BACKGROUND = "org.freedesktop.portal.Background"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
CALL_TIMEOUT = 5.0
"""Seconds a method call may take (the portal answers at once; the user answers later)."""
ANSWER_TIMEOUT = 120.0
"""Seconds to wait for a request's answer: the portal may ask the user first."""


class PortalUnavailable(CoreError):
    """No such portal, or it did not answer or refused; ``message`` says so for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def request_path(unique_name: str, token: str) -> str:
    """Where the portal puts the Request object of a call with ``handle_token`` ``token``."""
    sender = unique_name.removeprefix(":").replace(".", "_")
    return f"{PATH}/request/{sender}/{token}"


def _token() -> str:
    return f"unhurried_{secrets.token_hex(6)}"


def _address(interface: str) -> object:
    from jeepney import DBusAddress

    return DBusAddress(PATH, bus_name=BUS_NAME, interface=interface)


def _connect() -> Connection:
    return open_session(lambda _error: PortalUnavailable(_(
        "There is no desktop session bus to reach the desktop portal through.")))


def _call(conn: Connection, message: Message) -> tuple[Any, ...]:
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    try:
        return tuple(unwrap_msg(conn.send_and_get_reply(message, timeout=CALL_TIMEOUT)))
    except (DBusErrorResponse, OSError, TimeoutError) as error:
        logger.info("portal call %s failed: %s", message.header.fields, error)
        raise PortalUnavailable(_("The desktop portal did not answer.")) from None


def version(conn: Connection, interface: str) -> int:
    """The portal's ``version`` property; :class:`PortalUnavailable` when there is none."""
    from jeepney import Properties

    return int(_call(conn, Properties(_address(interface)).get("version"))[0][1])


def ask(conn: Connection, interface: str, method: str, signature: str, args: tuple[Any, ...],
        timeout: float = ANSWER_TIMEOUT) -> dict[str, Any]:
    """Call ``method``, whose last argument is the options (``handle_token`` is added), and
    return the results of its ``Response`` (variants unwrapped).

    Raises:
        PortalUnavailable: no answer in time, or the portal or the user refused.
    """
    from jeepney import MatchRule, message_bus, new_method_call

    token = _token()
    path = request_path(conn.unique_name, token)
    rule = MatchRule(type="signal", interface=REQUEST, member="Response", path=path)
    _call(conn, message_bus.AddMatch(rule))
    *leading, options = args
    options = {**options, "handle_token": ("s", token)}
    with conn.filter(rule) as answers:
        handle = _call(conn, new_method_call(_address(interface), method, signature,
                                             (*leading, options)))[0]
        if handle != path:  # a portal older than 0.9 ignores handle_token
            raise PortalUnavailable(_("The desktop portal is too old."))
        try:
            signal = conn.recv_until_filtered(answers, timeout=timeout)
        except TimeoutError:
            raise PortalUnavailable(_("The desktop portal did not answer.")) from None
    response, results = signal.body
    if response != 0:
        logger.info("%s.%s refused (%s)", interface, method, response)
        raise PortalUnavailable(_("The desktop did not allow it."))
    return {key: value[1] for key, value in results.items()}


def request_background(autostart: bool, commandline: list[str], reason: str,
                       connect: Callable[[], Connection] = _connect) -> bool:
    """Ask the Background portal to start Unhurried at login (``autostart``) or not; whether
    it will. An empty ``commandline`` leaves it out: the portal then runs the Exec line of
    the app's desktop file.

    Raises:
        PortalUnavailable: there is no Background portal, or it refused.
    """
    conn = connect()
    try:
        version(conn, BACKGROUND)
        options: dict[str, tuple[str, Any]] = {"reason": ("s", reason),
                                               "autostart": ("b", autostart)}
        if commandline:
            options["commandline"] = ("as", commandline)
        results = ask(conn, BACKGROUND, "RequestBackground", "sa{sv}", ("", options))
    finally:
        conn.close()
    return bool(results.get("autostart", False))


Shortcut = tuple[str, str, str]
"""A global shortcut: its id, what it does (shown by the desktop) and the preferred keys."""


class GlobalShortcuts:
    """Shortcuts bound through the GlobalShortcuts portal; ``on_activated`` gets the id of
    the one pressed. The connection stays open while they are bound (the session is tied to
    it); :meth:`read_signals` is called when the connection has something to read.

    Args:
        shortcuts: what to bind.
        on_activated: called with a shortcut's id when the user presses it.
        connect: opens the session bus.
    """

    def __init__(self, shortcuts: list[Shortcut], on_activated: Callable[[str], None],
                 connect: Callable[[], Connection] = _connect) -> None:
        self._shortcuts = shortcuts
        self._on_activated = on_activated
        self._connect = connect
        self._conn: Connection | None = None
        self._activated: Filter | None = None
        self._watch: QSocketNotifier | None = None
        self.session = ""
        self.triggers: dict[str, str] = {}
        """Each bound shortcut's keys as the desktop describes them ("Ctrl+Alt+U")."""

    @property
    def connection(self) -> Connection | None:
        """The open connection (to watch for :meth:`read_signals`), or ``None``."""
        return self._conn

    def bind(self) -> dict[str, str]:
        """Create a session and bind the shortcuts; returns :attr:`triggers`.

        Raises:
            PortalUnavailable: the desktop has no GlobalShortcuts portal, or it refused.
        """
        from jeepney import MatchRule, message_bus

        conn = self._connect()
        try:
            version(conn, SHORTCUTS)
            session = str(ask(conn, SHORTCUTS, "CreateSession", "a{sv}", (
                {"session_handle_token": ("s", _token())},))["session_handle"])
            rule = MatchRule(type="signal", interface=SHORTCUTS, member="Activated",
                             path=PATH)
            _call(conn, message_bus.AddMatch(rule))
            activated = conn.filter(rule, queue=collections.deque(maxlen=32))
            wanted = [(name, {"description": ("s", text), "preferred_trigger": ("s", keys)})
                      for name, text, keys in self._shortcuts]
            results = ask(conn, SHORTCUTS, "BindShortcuts", "oa(sa{sv})sa{sv}",
                          (session, wanted, "", {}))
        except PortalUnavailable:
            conn.close()
            raise
        self._conn, self._activated, self.session = conn, activated, session
        self.triggers = {str(name): str(info.get("trigger_description", ("s", ""))[1])
                         for name, info in results.get("shortcuts", [])}
        logger.info("global shortcuts bound: %s", self.triggers)
        return self.triggers

    def watch(self) -> None:
        """Read presses as they arrive, on the Qt event loop of this thread."""
        from PySide6.QtCore import QSocketNotifier

        if self._conn is None:
            return
        self._watch = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read)
        self._watch.activated.connect(lambda *_args: self.read_signals())

    def read_signals(self) -> None:
        """Read what arrived and call ``on_activated`` for this session's presses."""
        conn = self._conn
        if conn is None:
            return
        if not drain(conn, "global shortcuts"):  # the bus went away: the shortcuts with it
            self.close()
            return
        while self._activated is not None and self._activated.queue:
            session, name, *_rest = self._activated.queue.popleft().body
            if session == self.session:
                self._on_activated(str(name))

    def close(self) -> None:
        """Close the connection (the portal ends the session with it)."""
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
        if self._conn is not None:
            self._conn.close()
        self._conn = self._activated = self._watch = None
