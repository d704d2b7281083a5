# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading what a session-bus connection (jeepney, blocking I/O) has received, without waiting:
the notification actions and the portals' signals are read this way on the GUI thread when the
connection's socket says there is something."""

from __future__ import annotations

import logging
from typing import Protocol

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
