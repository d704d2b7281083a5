# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Under the real dunst (1.9, on a private bus and Xvfb, configured from the user's own
``$XDG_CONFIG_HOME/dunst/dunstrc`` as a user's dunst is): the first block pauses dunst and
writes Unhurried's drop-in; once dunst has loaded it, a block holds another app's
notification while Unhurried's urgent breakthrough is shown, dunst's paused state is never
touched, and the end of the block shows the held one."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop import APP_NAME
from desktop.core.focus.quiet import DesktopQuieter, Outcome
from desktop.core.ports import Notification
from desktop.platform.dbus_notify import DBusNotifier
from desktop.platform.desktop_quiet import run_command
from desktop.platform.dunst_quiet import DROP_IN_NAME, DunstQuiet, default_dunst_quiet
from tests.fakes import MemoryQuietRecords
from tests.integration.conftest import need

pytestmark = pytest.mark.integration

_DUNSTRC = """\
[global]
    history_length = 100
    notification_limit = 0
    idle_threshold = 0
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""


def _wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)  # polling an outside process (dunst)
    return False


class Dunst:
    """dunst on its own session bus, started from ``$XDG_CONFIG_HOME`` (no ``-config``)."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.proc: subprocess.Popen[bytes] | None = None

    def ctl(self, *args: str) -> str:
        return subprocess.run(["dunstctl", *args], env=self.env, check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()

    def count(self, which: str) -> int:
        return int(self.ctl("count", which))

    def history_apps(self) -> list[str]:
        return [entry["appname"]["data"] for entry in json.loads(self.ctl("history"))["data"][0]]

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(["dunst"], env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT)
        assert _wait_for(lambda: subprocess.run(
            ["dunstctl", "is-paused"], env=self.env, capture_output=True,
            timeout=10).returncode == 0), self.log.read_text()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def send(self, app: str, summary: str) -> None:
        subprocess.run(["notify-send", "-a", app, summary, "body"], env=self.env, check=True,
                       timeout=10)


@pytest.fixture
def dunst(xvfb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dunst]:
    need("dunst", "dunst")
    need("dunstctl", "dunst")
    need("notify-send", "libnotify-bin")
    bus = subprocess.Popen([need("dbus-daemon", "dbus"), "--session", "--nofork",
                            "--nopidfile", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    config = tmp_path / "config"
    (config / "dunst").mkdir(parents=True)
    (config / "dunst" / "dunstrc").write_text(_DUNSTRC)  # the user's own dunstrc
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    values = {"DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": xvfb,
              "XDG_CONFIG_HOME": str(config), "XDG_RUNTIME_DIR": str(runtime),
              "HOME": str(tmp_path / "home")}
    for key, value in values.items():  # run_command and jeepney read the process's own
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


    server = Dunst(dict(os.environ), tmp_path / "dunst.log")
    server.start()
    yield server
    server.stop()
    bus.terminate()
    bus.wait(10)
    bus.stdout.close()


def _quieter(backend: DunstQuiet, records: MemoryQuietRecords) -> DesktopQuieter:
    return DesktopQuieter(lambda: backend, records, lambda: datetime.now(UTC), lambda: True)


def test_first_block_pauses_dunst_and_writes_the_drop_in_for_its_next_start(
        dunst: Dunst, tmp_path: Path) -> None:


    backend = default_dunst_quiet(run_command, os.environ)
    records = MemoryQuietRecords()
    quieter = _quieter(backend, records)
    assert quieter.follow(True) is Outcome.QUIETED
    assert dunst.ctl("is-paused") == "true"  # the rules are not loaded yet: a pause
    assert quieter.holds_breakthroughs()  # so the window shows breakthroughs itself
    drop_in = tmp_path / "config" / "dunst" / "dunstrc.d" / DROP_IN_NAME
    assert "unhurried_focus_hold" in drop_in.read_text()
    assert quieter.follow(False) is Outcome.RESTORED
    assert dunst.ctl("is-paused") == "false"


def test_a_breakthrough_is_shown_while_another_apps_notification_is_held(
        dunst: Dunst, qapp: object) -> None:


    backend = default_dunst_quiet(run_command, os.environ)
    records = MemoryQuietRecords()
    quieter = _quieter(backend, records)
    quieter.follow(True)  # writes the drop-in and pauses
    quieter.follow(False)
    dunst.stop()
    dunst.start()  # as at the next login: dunst reads the drop-in

    dunst.send("Chat", "before the block")
    assert _wait_for(lambda: dunst.count("displayed") == 1)
    assert quieter.follow(True) is Outcome.QUIETED
    assert dunst.ctl("is-paused") == "false"  # never paused: the rules hold instead
    assert quieter.holds_breakthroughs() is False
    assert quieter.quieted_by() == "dunst"

    dunst.send("Chat", "during the block")
    notifier = DBusNotifier(APP_NAME, lambda key, notification: None)
    notifier.notify(Notification("Urgent: production is down", "from Ana", ("r1",),
                                 kind="breakthrough", urgent=True))
    assert _wait_for(lambda: dunst.count("displayed") == 2)  # the earlier one + breakthrough
    assert dunst.count("waiting") == 0
    assert dunst.history_apps() == ["Chat"]  # held unshown in the history
    assert quieter.follow(True) is Outcome.UNCHANGED  # still quiet: no "taken over"

    assert quieter.follow(False) is Outcome.RESTORED
    assert dunst.ctl("is-paused") == "false"
    assert _wait_for(lambda: dunst.count("displayed") == 3)  # the held one is shown now
    assert dunst.history_apps() == []
    dunst.send("Chat", "after the block")
    assert _wait_for(lambda: dunst.count("displayed") == 4)  # the rules are off again
    notifier.close()


def test_a_pause_the_user_set_before_the_block_is_left_exactly_as_it_was(
        dunst: Dunst) -> None:


    dunst.ctl("set-paused", "true")
    quieter = _quieter(default_dunst_quiet(run_command, os.environ), MemoryQuietRecords())
    assert quieter.follow(True) is Outcome.UNCHANGED
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert dunst.ctl("is-paused") == "true"
