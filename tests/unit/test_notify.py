# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The notifier chain: the first working backend takes a notification, a failing one is logged
and reported to the user once, and plyer is not trusted without a server on the bus."""

from __future__ import annotations

import logging

import pytest

from desktop.core.ports import Notification
from desktop.platform.notify import (
    CallbackNotifier,
    NotifierChain,
    NotifierUnavailable,
    PlyerNotifier,
)

NOTE = Notification("2 requests held — 1 due today", "Anna: Q3 budget", ("a", "b"), "digest")


class Broken:
    name = "plyer"

    def __init__(self) -> None:
        self.calls = 0

    def notify(self, notification: Notification) -> bool:
        self.calls += 1
        raise NotifierUnavailable("no server")


def test_a_failing_backend_falls_through_and_the_user_is_told_once(caplog):
    shown: list[Notification] = []
    problems: list[str] = []
    broken = Broken()
    chain = NotifierChain([broken, CallbackNotifier(shown.append)], problems.append)
    with caplog.at_level(logging.WARNING, logger="desktop.platform.notify"):
        assert chain.notify(NOTE)
        assert chain.notify(NOTE)
    assert shown == [NOTE, NOTE]
    assert chain.last_backend == "window"
    assert broken.calls == 2  # tried again each time: a server may have started meanwhile
    assert len(problems) == 1
    assert "Desktop notifications do not work here (no server)" in problems[0]
    assert caplog.text.count("plyer failed (no server)") == 2


def test_an_empty_chain_reports_failure():
    assert not NotifierChain([Broken()]).notify(NOTE)


def test_plyer_refuses_without_a_notification_server():
    plyer = PlyerNotifier("Unhurried", server_running=lambda: False, check_server=True)
    with pytest.raises(NotifierUnavailable, match="no notification server"):
        plyer.notify(NOTE)


def test_no_session_bus_means_no_server(monkeypatch):
    from desktop.platform.notify import notification_server_running

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert not notification_server_running()
