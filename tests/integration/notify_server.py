# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real freedesktop notification server for tests: a private dbus-daemon, Xvfb and dunst.

Copied from ``shared/recipes/notify_conftest.py``; a missing binary skips naming the Debian
package (or fails with ``REQUIRE_INTEGRATION=1``, through ``need``). ``notification_server``
lives for the session; ``notifications`` points this test at it and lists only its own
notifications. dunst keeps closed notifications in its history, which is what is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass, field

import pytest

from tests.integration.conftest import need

_DUNSTRC = """\
[global]
    history_length = 1000
    notification_limit = 0
    idle_threshold = 0
    show_indicators = no
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""


@dataclass
class NotificationServer:
    env: dict
    procs: list = field(default_factory=list)

    def _ctl(self, *args: str) -> str:
        return subprocess.run(["dunstctl", *args], env=self.env, check=True,
                              capture_output=True, text=True, timeout=10).stdout

    def notifications(self) -> list[dict]:
        """Everything the server has received so far, oldest first.

        dunst lists only closed notifications in its history, so displayed/waiting
        ones are closed first (that is harmless for tests)."""
        for _ in range(50):
            self._ctl("close-all")
            shown, waiting = self._ctl("count", "displayed"), self._ctl("count", "waiting")
            if int(shown) == 0 and int(waiting) == 0:
                break
            time.sleep(0.02)
        data = json.loads(self._ctl("history"))["data"][0]
        out = [{k: v["data"] for k, v in n.items()} for n in data]
        return sorted(out, key=lambda n: n["id"])

    def wait_for(self, predicate, timeout: float = 5.0, since: set | None = None) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for n in self.notifications():
                if (since is None or n["id"] not in since) and predicate(n):
                    return n
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no matching notification within {timeout}s: {self.notifications()!r}")
            time.sleep(0.05)


def _wait_for_name(env: dict, name: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            env=env, capture_output=True, text=True)
        if "boolean true" in r.stdout:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not appear on the bus")


@pytest.fixture(scope="session")
def notification_server(tmp_path_factory):
    if os.environ.get("NO_REAL_NOTIFICATIONS") and os.environ.get("REQUIRE_INTEGRATION") != "1":
        pytest.skip("real notifications disabled by NO_REAL_NOTIFICATIONS")
    need("dbus-daemon", "dbus")
    need("Xvfb", "xvfb")
    need("dunst", "dunst")
    need("dunstctl", "dunst")
    need("notify-send", "libnotify-bin")
    d = tmp_path_factory.mktemp("notify")
    procs: list[subprocess.Popen] = []
    try:
        # 1. private session bus; --print-address writes the address on stdout
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                                "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs.append(bus)
        address = bus.stdout.readline().strip()
        # 2. private X server on a free display number
        r, w = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1024x768x24",
                                 "-nolisten", "tcp"],
                                pass_fds=(w,), stderr=subprocess.DEVNULL)
        procs.append(xvfb)
        os.close(w)
        raw = b""
        # Xvfb writes the number, then "\n" once it accepts clients;
        while not raw.endswith(b"\n"):
            chunk = os.read(r, 32)        # connecting after only the digits fails ~half the time
            if not chunk:
                raise RuntimeError("Xvfb exited before announcing its display")
            raw += chunk
        os.close(r)
        display = ":" + raw.decode().strip()
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, DISPLAY=display)
        env.pop("WAYLAND_DISPLAY", None)
        # 3. the notification server itself
        rc = d / "dunstrc"
        rc.write_text(_DUNSTRC)
        with open(d / "dunst.log", "w") as log:  # the child keeps its own copy of the fd
            dunst = subprocess.Popen(["dunst", "-config", str(rc)], env=env, stdout=log,
                                     stderr=subprocess.STDOUT)
        procs.append(dunst)
        _wait_for_name(env, "org.freedesktop.Notifications")
    except Exception:
        for p in reversed(procs):
            p.terminate()
        raise
    server = NotificationServer(env=env, procs=procs)
    yield server
    for p in reversed(procs):
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)
        if p.stdout is not None:  # the bus's address pipe
            p.stdout.close()


@pytest.fixture
def notifications(notification_server, monkeypatch):
    """Per-test view: env pointed at the server, and only this test's notifications."""
    for k in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY"):
        monkeypatch.setenv(k, notification_server.env[k])
    seen = {n["id"] for n in notification_server.notifications()}

    class View:
        server = notification_server

        def new(self) -> list[dict]:
            return [n for n in notification_server.notifications() if n["id"] not in seen]

        def wait_for(self, predicate, timeout: float = 5.0) -> dict:
            return notification_server.wait_for(predicate, timeout, since=seen)

    return View()
