# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A KDE Plasma-style ``org.freedesktop.Notifications`` service for tests (run as a script on
a private session bus; prints ``ready`` once it owns the name).

It implements what Plasma adds to the freedesktop spec for do-not-disturb, as Plasma's
``notificationmanager/server`` does: ``Inhibit(desktop_entry s, reason s, hints a{sv}) -> u``
returns a cookie, ``UnInhibit(u)`` ends that inhibition (an unknown cookie is ignored), the
read-only property ``Inhibited`` (b) is true while any inhibition is in force, and an
inhibition ends when the connection that asked for it leaves the bus. Plus
``GetServerInformation`` (name ``Plasma``) and ``Notify``, so detection and sending work.
"""

from __future__ import annotations

from jeepney import HeaderFields, MatchRule, MessageType, message_bus, new_error, new_method_return
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"


def main() -> None:
    conn = open_dbus_connection(bus="SESSION")
    conn.send_and_get_reply(message_bus.RequestName(NAME))
    rule = MatchRule(type="signal", sender="org.freedesktop.DBus",
                     interface="org.freedesktop.DBus", member="NameOwnerChanged")
    conn.send_and_get_reply(message_bus.AddMatch(rule))
    print("ready", flush=True)
    inhibitions: dict[int, str] = {}
    cookies = 0
    notifications = 0
    while True:
        msg = conn.receive()
        member = msg.header.fields.get(HeaderFields.member)
        if msg.header.message_type is MessageType.signal:
            if member == "NameOwnerChanged" and msg.body[2] == "":
                gone = msg.body[0]
                for cookie in [c for c, owner in inhibitions.items() if owner == gone]:
                    del inhibitions[cookie]
            continue
        if msg.header.message_type is not MessageType.method_call:
            continue
        sender = msg.header.fields.get(HeaderFields.sender, "")
        if member == "Inhibit":
            cookies += 1
            inhibitions[cookies] = sender
            reply = new_method_return(msg, "u", (cookies,))
        elif member == "UnInhibit":
            inhibitions.pop(msg.body[0], None)
            reply = new_method_return(msg)
        elif member == "Get" and tuple(msg.body) == (NAME, "Inhibited"):
            reply = new_method_return(msg, "v", (("b", bool(inhibitions)),))
        elif member == "GetServerInformation":
            reply = new_method_return(msg, "ssss", ("Plasma", "KDE", "5.27", "1.2"))
        elif member == "GetCapabilities":
            reply = new_method_return(msg, "as", (["body", "actions", "inhibitions"],))
        elif member == "Notify":
            notifications += 1
            reply = new_method_return(msg, "u", (notifications,))
        else:
            reply = new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                              (f"no method {member}",))
        conn.send(reply)


if __name__ == "__main__":
    main()
