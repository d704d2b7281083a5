# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Session-bus connections (jeepney, blocking I/O): opening one, and reading what it has received
without waiting. The notification actions and the portals' signals are read this way on the GUI
thread when the connection's socket says there is something."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop.platform.dbus_types import Connection

logger = logging.getLogger(__name__)


class _Receiving(Protocol):
    def recv_messages(self, *, timeout: float | None = None) -> None: ...


def drain(conn: _Receiving, what: str) -> bool:
    """Read every message already received into the connection's filters; ``False`` when the
    bus went away (logged, naming ``what`` was lost), so the caller closes it."""
    try:
        while True:
            conn.recv_messages(timeout=0)
    except TimeoutError:
        return True
    except OSError as error:
        logger.warning("%s connection lost: %s", what, error)
        return False


def open_session(unavailable: Callable[[Exception], Exception]) -> Connection:
    """A connection to the desktop session's bus; raises ``unavailable(error)`` when there is
    none (no session, no address, a refused socket)."""
    from jeepney.io.blocking import open_dbus_connection

    try:
        conn: Connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as error:
        logger.info("no session bus: %s", error)
        raise unavailable(error) from None
    return conn
