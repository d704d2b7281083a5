# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus notifications reaching a real notification server (dunst on a private bus, under
Xvfb): what breaks through arrives at once, the rest only in the digest at the block's end;
and the tray's balloon reaches dunst through a StatusNotifier watcher.

The clock is a FakeClock (the test moves it); delivery is real: plyer, notify-send, dunst.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.requests import Priority, Request
from desktop.platform.notify import NotifierChain, PlyerNotifier, notification_server_running
from tests.fakes import FakeClock, MemoryFocusRepository, MemoryRequestRepository
from tests.integration.conftest import need
from tests.integration.notify_server import notification_server, notifications  # noqa: F401

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
M = timedelta(minutes=1)
ROOT = Path(__file__).resolve().parents[2]


def test_breakthroughs_reach_dunst_at_once_and_the_rest_only_in_the_digest(
        notifications, qapp):  # noqa: F811 - the fixture imported above
    assert notification_server_running()
    clock = FakeClock(NOW)
    requests = MemoryRequestRepository()
    problems: list[str] = []
    chain = NotifierChain([PlyerNotifier("Unhurried")], problems.append)
    service = FocusService(MemoryFocusRepository(), requests, clock, chain,
                           lambda: FocusSettings(zone="Europe/Berlin"))
    service.sync_requests()
    service.start(length=90 * M)

    def arrive(rid: str, subject: str, due_in: timedelta, priority=Priority.NORMAL) -> None:
        requests.save(Request(rid, subject, clock.now(), clock.now(), sender="Anna",
                              priority=priority, reply_by=clock.now() + due_in))
        service.sync_requests()

    arrive("u", "Prod is down", timedelta(hours=8), Priority.URGENT)
    arrive("s", "Q3 budget", 60 * M)
    arrive("t", "Offsite agenda", timedelta(days=1))
    urgent = notifications.wait_for(lambda n: n["summary"] == "Anna: Prod is down")
    soon = notifications.wait_for(lambda n: n["summary"] == "Anna: Q3 budget")
    assert soon["body"] == "due 11:00, before your focus ends"
    assert urgent["appname"] == "Unhurried"
    assert not any("Offsite" in n["summary"] + n["body"] for n in notifications.new())
    assert chain.last_backend == "plyer"
    assert problems == []

    clock.advance(minutes=90)
    service.tick()
    digest = notifications.wait_for(lambda n: "held" in n["summary"])
    assert digest["summary"] == "1 request held — 0 due today"
    assert digest["body"] == "Anna: Offsite agenda (reply by Thu 10:00)"
    assert len(notifications.new()) == 3


def _wait_for_name(env: dict[str, str], name: str, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            env=env, capture_output=True, text=True, timeout=10)
        if "boolean true" in reply.stdout:
            return True
        time.sleep(0.05)  # polling another process's registration on the bus
    return False


_TRAY_SCRIPT = """
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

app = QApplication(["unhurried-tray-test"])
from desktop import APP_ID
from desktop.core.ports import Notification
from desktop.platform.notify import TrayNotifier
from desktop.platform.resources import resource_path
from desktop.ui.focus.tray import FocusTray

actions = [QAction(name) for name in ("start", "stop", "extend", "open", "quit")]
tray = FocusTray(QIcon(str(resource_path("icons", f"{APP_ID}.svg"))), *actions)
tray.show()
print("available", QSystemTrayIcon.isSystemTrayAvailable(), flush=True)
TrayNotifier(tray, lambda ids: None).notify(Notification(
    "3 requests held — 1 due today", "Anna: Q3 budget (reply by 11:40)", ("a",), "digest"))
QTimer.singleShot(1500, app.quit)  # let the D-Bus call leave before the process ends
app.exec()
"""


def test_the_tray_is_available_and_its_balloon_reaches_dunst(
        notifications, tmp_path):  # noqa: F811 - the fixture imported above
    watcher_binary = need("status-notifier-watcher", "haskell-status-notifier-item-utils")
    env = dict(notifications.server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT),
               XDG_RUNTIME_DIR=str(tmp_path), HOME=str(tmp_path))
    os.chmod(tmp_path, 0o700)
    watcher = subprocess.Popen([watcher_binary], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        assert _wait_for_name(env, "org.kde.StatusNotifierWatcher")
        result = subprocess.run([sys.executable, "-c", _TRAY_SCRIPT], env=env,
                                capture_output=True, text=True, timeout=60)
    finally:
        watcher.terminate()
        watcher.wait(10)
    assert result.returncode == 0, result.stderr
    assert "available True" in result.stdout
    shown = notifications.wait_for(lambda n: n["summary"] == "3 requests held — 1 due today")
    assert shown["body"] == "Anna: Q3 budget (reply by 11:40)"
