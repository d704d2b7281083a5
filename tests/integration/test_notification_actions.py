# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Notifications with actions through dunst on a private bus (under Xvfb): the actions and
the urgency byte reach the server, and an action picked in dunst (``dunstctl action``) comes
back to Unhurried as ``ActionInvoked`` on the GUI thread."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest

from desktop.core.focus.notices import DEFAULT
from desktop.core.ports import Notification
from desktop.platform.dbus_notify import DBusNotifier
from desktop.platform.notify import NotifierUnavailable
from tests.integration.conftest import need
from tests.integration.notify_server import notification_server, notifications  # noqa: F401

pytestmark = pytest.mark.integration

DIGEST = Notification("2 requests held — 1 due today", "Ana: Q3 budget <b>now</b>",
                      ("r1", "r2"), "digest")
URGENT = Notification("Ana: Prod is down", "urgent", ("u1",), "breakthrough", urgent=True)


def _displayed(env: dict[str, str]) -> int:
    return int(subprocess.run(["dunstctl", "count", "displayed"], env=env, capture_output=True,
                              text=True, timeout=10, check=True).stdout)


def test_actions_and_urgency_reach_dunst(notifications, qapp) -> None:  # noqa: F811
    env = notifications.server.env
    monitor = subprocess.Popen(  # dunst's history has no urgency: read the call on the bus
        [need("dbus-monitor", "dbus-bin"), "--session",
         "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
        env=env, stdout=subprocess.PIPE, text=True)
    assert monitor.stdout is not None
    while "NameLost" not in monitor.stdout.readline():  # monitoring from here on
        pass
    sender = DBusNotifier("Unhurried", lambda key, note: None)
    try:
        assert sender.notify(DIGEST)
        assert sender.notify(URGENT)
    finally:
        sender.close()
        monitor.terminate()
        calls = monitor.communicate(timeout=10)[0].split("method call")[1:]
    digest = notifications.wait_for(lambda n: n["summary"] == DIGEST.title)
    notifications.wait_for(lambda n: n["summary"] == URGENT.title)
    assert digest["appname"] == "Unhurried"
    assert digest["default_action_name"] == "default"
    assert digest["body"] == "Ana: Q3 budget <b>now</b>"  # plain text, shown as written
    assert len(calls) == 2
    assert re.search(r'"urgency"\s+variant\s+byte 1', calls[0])
    assert re.search(r'"urgency"\s+variant\s+byte 2', calls[1])  # critical
    assert '"Open all"' in calls[0]
    assert all(f'"{label}"' in calls[1] for label in ("Open", "Snooze 1 h", "Reply"))


def test_an_action_picked_in_dunst_comes_back_with_its_requests(
        notifications, qtbot) -> None:  # noqa: F811
    picked: list[tuple[str, Notification]] = []
    sender = DBusNotifier("Unhurried", lambda key, note: picked.append((key, note)))
    try:
        assert sender.notify(DIGEST)
        env = notifications.server.env
        qtbot.waitUntil(lambda: _displayed(env) >= 1, timeout=5000)
        subprocess.run(["dunstctl", "action", "0"], env=env, timeout=10, check=True)
        qtbot.waitUntil(lambda: bool(picked), timeout=5000)
    finally:
        sender.close()
    assert picked == [(DEFAULT, DIGEST)]


def test_without_a_session_bus_it_gives_way_to_the_next_backend(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'none'}")
    with pytest.raises(NotifierUnavailable):
        DBusNotifier("Unhurried", lambda key, note: None).notify(DIGEST)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_open_all_in_dunst_opens_the_window_on_the_held_requests(
        notifications, qtbot, service, clock, repository, tmp_path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole way: a block holds two requests, its end sends the digest over D-Bus, the
    user picks it in dunst, and the window shows exactly those two."""
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon

    from desktop.core.focus.service import FocusService, FocusSettings
    from desktop.core.queue.buckets import Bucket
    from desktop.platform.notify import NotifierChain
    from tests.fakes import MemoryFocusRepository

    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.focus.controller import FocusController
    from desktop.ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qsettings"))
    formatter = Formatter(safe_locale("en_GB"), ZoneInfo("Europe/Berlin"))
    window = MainWindow(service, formatter, settings_choices=lambda: (["UTC"], {}),
                        data_version=lambda: 0, demo=lambda: 0)
    qtbot.addWidget(window)
    service.add("Not held: there before the block", sender="Cy")
    chain = NotifierChain([])
    focus_service = FocusService(MemoryFocusRepository(), repository, clock, chain,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, chain, QIcon(),
                                 lambda: True)
    sender = DBusNotifier("Unhurried", controller.on_notification_action)
    chain.add(sender)
    focus_service.notifier = controller
    window.load()
    controller.start()
    try:
        focus_service.start(length=timedelta(minutes=60))
        held = [service.add("Offsite agenda", sender="Ben").id,
                service.add("Board deck numbers", sender="Dan").id]
        window.reload()  # what the window's poll does after the store changed
        focus_service.sync_requests()
        assert sorted(focus_service.held_ids()) == sorted(held)
        controller.stop()
        env = notifications.server.env
        qtbot.waitUntil(lambda: _displayed(env) >= 1, timeout=5000)  # reading the history
        subprocess.run(["dunstctl", "action", "0"], env=env, timeout=10, check=True)  # closes
        qtbot.waitUntil(lambda: sum(window.model.count(b) for b in Bucket) == 2, timeout=5000)
    finally:
        sender.close()
    digest = notifications.wait_for(lambda n: "held" in n["summary"])
    assert digest["summary"] == "2 requests held — 0 due today"
    assert all(window.model.index_of(i).isValid() for i in held)
    assert controller.notice.text.text() == "Showing the 2 requests from the focus digest."
