# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading a bus connection without waiting: everything received is read, and a bus that went
away is reported so the caller closes the connection."""

from __future__ import annotations

import logging

from desktop.platform.dbus_read import drain


class _Connection:
    def __init__(self, waiting: int, then: type[Exception]) -> None:
        self.waiting, self.then, self.read = waiting, then, 0

    def recv_messages(self, *, timeout: float | None = None) -> None:
        assert timeout == 0  # never blocks the GUI thread
        if self.waiting:
            self.waiting -= 1
            self.read += 1
            return
        raise self.then("no more" if self.then is TimeoutError else "Connection reset")


def test_everything_waiting_is_read_and_the_connection_stays() -> None:
    conn = _Connection(3, TimeoutError)
    assert drain(conn, "notification") is True
    assert conn.read == 3


def test_a_bus_that_went_away_is_reported_by_name(caplog) -> None:
    conn = _Connection(1, ConnectionResetError)
    with caplog.at_level(logging.WARNING):
        assert drain(conn, "global shortcuts") is False
    assert "global shortcuts connection lost: Connection reset" in caplog.text
