# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An ``org.freedesktop.portal.Desktop`` service for tests with the Background and
GlobalShortcuts portals (run as a script on a private session bus; prints ``ready`` once it
owns the name). ``--no-shortcuts`` leaves GlobalShortcuts out, as on a desktop without it;
``--refuse`` answers every request with response 1, as when the user says no.

It follows the portal documentation (https://flatpak.github.io/xdg-desktop-portal/docs/):
a request returns the Request object path ``/org/freedesktop/portal/desktop/request/SENDER/
TOKEN`` built from the caller's unique name and ``handle_token``, then emits
``org.freedesktop.portal.Request.Response(u, a{sv})`` on it.

- ``Background.RequestBackground(s parent_window, a{sv} options)``: results ``background``
  and ``autostart`` (b, as asked).
- ``GlobalShortcuts.CreateSession(a{sv})``: result ``session_handle`` (s), under
  ``/org/freedesktop/portal/desktop/session/SENDER/session_handle_token``;
  ``BindShortcuts(o, a(sa{sv}), s, a{sv})``: result ``shortcuts`` with a
  ``trigger_description`` (the preferred trigger, as a desktop that accepts it says);
  ``Activated(o session_handle, s shortcut_id, t timestamp, a{sv} options)`` is emitted
  when the test calls ``org.unhurried.TestPortal.Press(s shortcut_id)``.
- ``org.unhurried.TestPortal.Background() -> (b autostart, as commandline)``: what the last
  RequestBackground asked for (``["(Exec line)"]`` when it named no command line).
- ``version`` (u) of both portals through ``org.freedesktop.DBus.Properties.Get``.
"""

from __future__ import annotations

import sys

from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
BACKGROUND = "org.freedesktop.portal.Background"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"


def _sender_part(sender: str) -> str:
    return sender.removeprefix(":").replace(".", "_")


def main() -> None:
    shortcuts_offered = "--no-shortcuts" not in sys.argv
    answer = 1 if "--refuse" in sys.argv else 0
    conn = open_dbus_connection(bus="SESSION")
    conn.send_and_get_reply(message_bus.RequestName(NAME))
    print("ready", flush=True)
    background: tuple[bool, list[str]] = (False, [])
    sessions: list[str] = []
    bound: dict[str, str] = {}
    while True:
        msg = conn.receive()
        if msg.header.message_type is not MessageType.method_call:
            continue
        fields = msg.header.fields
        member, interface = fields.get(HeaderFields.member), fields.get(HeaderFields.interface)
        sender = _sender_part(fields.get(HeaderFields.sender, ""))
        results: dict[str, tuple[str, object]] | None = None
        if member == "Get" and msg.body[0] in (BACKGROUND, SHORTCUTS) and msg.body[1] == "version":
            if msg.body[0] == SHORTCUTS and not shortcuts_offered:
                conn.send(new_error(msg, "org.freedesktop.DBus.Error.InvalidArgs", "s",
                                    ("No such interface",)))
                continue
            conn.send(new_method_return(msg, "v", (("u", 1),)))
            continue
        if interface == BACKGROUND and member == "RequestBackground":
            options = msg.body[1]
            background = (bool(options["autostart"][1]),
                          list(options.get("commandline", ("as", ["(Exec line)"]))[1]))
            results = {"background": ("b", True), "autostart": ("b", background[0])}
        elif interface == SHORTCUTS and shortcuts_offered and member == "CreateSession":
            token = msg.body[0]["session_handle_token"][1]
            sessions.append(f"{PATH}/session/{sender}/{token}")
            results = {"session_handle": ("s", sessions[-1])}
        elif interface == SHORTCUTS and shortcuts_offered and member == "BindShortcuts":
            bound = {name: info["preferred_trigger"][1] for name, info in msg.body[1]}
            results = {"shortcuts": ("a(sa{sv})", [
                (name, {"description": info["description"],
                        "trigger_description": ("s", info["preferred_trigger"][1])})
                for name, info in msg.body[1]])}
        elif member == "Press" and sessions and msg.body[0] in bound:
            conn.send(new_signal(DBusAddress(PATH, interface=SHORTCUTS), "Activated",
                                 "osta{sv}", (sessions[-1], msg.body[0], 0, {})))
            conn.send(new_method_return(msg))
            continue
        elif member == "Background":
            conn.send(new_method_return(msg, "bas", background))
            continue
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                                (f"no method {member}",)))
            continue
        token = msg.body[-1]["handle_token"][1]
        handle = f"{PATH}/request/{sender}/{token}"
        conn.send(new_method_return(msg, "o", (handle,)))
        conn.send(new_signal(DBusAddress(handle, interface="org.freedesktop.portal.Request"),
                             "Response", "ua{sv}", (answer, results if answer == 0 else {})))


if __name__ == "__main__":
    main()
