# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop's do-not-disturb switch: GNOME, KDE Plasma, dunst and swaync.

Each class implements :class:`desktop.core.focus.quiet.DesktopQuiet`; the decisions (when to
quiet, what to put back) are in the core. GNOME, dunst and swaync are driven through their
own command-line tools (``gsettings``, ``dunstctl`` in :mod:`desktop.platform.dunst_quiet`,
``swaync-client``); KDE Plasma through the ``Inhibit``/``UnInhibit`` calls and the
``Inhibited`` property on ``org.freedesktop.Notifications`` over D-Bus (jeepney). Plasma ends
an inhibition when the connection that asked for it closes, so the connection stays open
until :meth:`unquiet`.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from desktop import APP_ID
from desktop.core.focus.quiet import DesktopQuiet, QuietUnavailable
from desktop.core.i18n import _
from desktop.platform.dbus_read import open_session
from desktop.platform.dbus_types import Connection, Message
from desktop.platform.dunst_quiet import DunstQuiet as DunstQuiet  # its home; found here
from desktop.platform.dunst_quiet import default_dunst_quiet

logger = logging.getLogger(__name__)

TIMEOUT = 5.0
"""Seconds any one command or D-Bus call may take."""

Runner = Callable[[Sequence[str]], str]
"""Runs a command and returns its standard output; raises :class:`QuietUnavailable`."""


def run_command(argv: Sequence[str]) -> str:
    """Run ``argv`` with a deadline; its output, or :class:`QuietUnavailable` naming it."""
    try:
        result = subprocess.run(list(argv), capture_output=True, text=True, timeout=TIMEOUT,
                                check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.warning("%s failed: %s", argv[0], error)
        raise QuietUnavailable(_("Could not run {command} to quiet the desktop.").format(
            command=argv[0])) from None
    if result.returncode != 0:
        logger.warning("%s exited with %s: %s", argv, result.returncode, result.stderr.strip())
        raise QuietUnavailable(_("{command} refused to change the desktop's notifications.")
                               .format(command=argv[0]))
    return result.stdout


def _read_bool(text: str, command: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "false"):
        return value == "true"
    raise QuietUnavailable(_("{command} gave an answer Unhurried does not understand.")
                           .format(command=command))


class GnomeQuiet:
    """GNOME: ``org.gnome.desktop.notifications show-banners`` off is do-not-disturb."""

    name = "gnome"
    holds_critical = False  # GNOME Shell shows critical notifications with banners off
    SCHEMA = "org.gnome.desktop.notifications"
    KEY = "show-banners"

    def __init__(self, run: Runner = run_command) -> None:
        self._run = run

    def is_quiet(self) -> bool:
        """Whether banners are off."""
        return not _read_bool(self._run(["gsettings", "get", self.SCHEMA, self.KEY]),
                              "gsettings")

    def quiet(self) -> str:
        """Turn banners off."""
        self._run(["gsettings", "set", self.SCHEMA, self.KEY, "false"])
        return ""

    def unquiet(self, token: str) -> None:
        """Turn banners on again."""
        self._run(["gsettings", "set", self.SCHEMA, self.KEY, "true"])


class SwayncQuiet:
    """SwayNotificationCenter: ``swaync-client --dnd-on``/``--dnd-off``."""

    name = "swaync"
    holds_critical = False  # critical notifications pass do-not-disturb

    def __init__(self, run: Runner = run_command) -> None:
        self._run = run

    def is_quiet(self) -> bool:
        """Whether do-not-disturb is on."""
        return _read_bool(self._run(["swaync-client", "--get-dnd", "--skip-wait"]),
                          "swaync-client")

    def quiet(self) -> str:
        """Turn do-not-disturb on."""
        self._run(["swaync-client", "--dnd-on", "--skip-wait"])
        return ""

    def unquiet(self, token: str) -> None:
        """Turn do-not-disturb off."""
        self._run(["swaync-client", "--dnd-off", "--skip-wait"])


def _notifications_address() -> object:
    from jeepney import DBusAddress

    return DBusAddress("/org/freedesktop/Notifications",
                       bus_name="org.freedesktop.Notifications",
                       interface="org.freedesktop.Notifications")


def _call(conn: Connection, message: Message) -> tuple[Any, ...]:
    """Send ``message`` on ``conn`` and return the reply's body; D-Bus errors and timeouts
    become :class:`QuietUnavailable`."""
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    try:
        return tuple(unwrap_msg(conn.send_and_get_reply(message, timeout=TIMEOUT)))
    except (DBusErrorResponse, OSError, TimeoutError) as error:
        logger.warning("D-Bus call %s failed: %s", message.header.fields, error)
        raise QuietUnavailable(_("The desktop's notification service did not answer; its "
                                 "notifications were not changed.")) from None


def _connect() -> Connection:
    return open_session(lambda _error: QuietUnavailable(_(
        "There is no desktop session bus to quiet notifications through.")))


class KdeQuiet:
    """KDE Plasma: ``Inhibit`` returns a cookie that ``UnInhibit`` takes; ``Inhibited`` says
    whether any inhibition is in force."""

    name = "kde"
    holds_critical = False  # Plasma shows critical notifications while inhibited

    def __init__(self) -> None:
        self._conn: Connection | None = None

    def is_quiet(self) -> bool:
        """Whether Plasma's notifications are inhibited."""
        from jeepney import Properties

        conn = self._conn or _connect()
        try:
            body = _call(conn, Properties(_notifications_address()).get("Inhibited"))
        finally:
            if conn is not self._conn:
                conn.close()
        return bool(body[0][1])

    def quiet(self) -> str:
        """Inhibit notifications; the connection stays open while they are inhibited."""
        from jeepney import new_method_call

        self._conn = self._conn or _connect()
        message = new_method_call(_notifications_address(), "Inhibit", "ssa{sv}",
                                  (APP_ID, _("Focus block"), {}))
        return str(_call(self._conn, message)[0])

    def unquiet(self, token: str) -> None:
        """End the inhibition ``token`` (a stale one, from before a crash, is ignored)."""
        from jeepney import new_method_call

        conn = self._conn or _connect()
        try:
            if token.isdigit():
                _call(conn, new_method_call(_notifications_address(), "UnInhibit", "u",
                                            (int(token),)))
        finally:
            conn.close()
            self._conn = None


def _server_name() -> str:
    """The notification server's name from ``GetServerInformation`` ("" when none)."""
    from jeepney import new_method_call

    try:
        conn = _connect()
    except QuietUnavailable:
        return ""
    try:
        body = _call(conn, new_method_call(_notifications_address(), "GetServerInformation"))
        return str(body[0])
    except QuietUnavailable:
        return ""
    finally:
        conn.close()


def detect(env: Mapping[str, str] | None = None,
           server_name: Callable[[], str] = _server_name,
           which: Callable[[str], str | None] = shutil.which) -> DesktopQuiet | None:
    """The desktop's switch: picked by the running notification server's name, else by
    ``XDG_CURRENT_DESKTOP`` for GNOME; ``None`` when no supported one is found."""
    env = os.environ if env is None else env
    name = server_name().lower()
    if name == "dunst" and which("dunstctl"):
        return default_dunst_quiet(run_command, env)
    if "swaync" in name or "swaynotificationcenter" in name:
        return SwayncQuiet() if which("swaync-client") else None
    if name == "plasma" or "kde" in name:
        return KdeQuiet()
    desktops = env.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    if (name == "gnome-shell" or "gnome" in desktops) and which("gsettings"):
        return GnomeQuiet()
    return None
