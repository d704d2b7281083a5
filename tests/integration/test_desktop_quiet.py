# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A focus block quiets the real desktop and puts it back: dunst (under Xvfb on a private
bus, driven through the running window), GNOME's ``show-banners`` through the real
``gsettings``, and KDE's ``Inhibit``/``UnInhibit`` against a small service on a private bus
that behaves as Plasma's does (an inhibition ends when its caller's connection closes)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop import APP_ID
from desktop.core.focus.quiet import DesktopQuieter, Outcome, QuietRecord
from desktop.platform.desktop_quiet import GnomeQuiet, KdeQuiet, detect
from desktop.platform.paths import resolve_paths
from desktop.platform.single_instance import server_path
from tests.fakes import FakeClock, MemoryQuietRecords
from tests.integration.conftest import need
from tests.integration.notify_server import notification_server, notifications  # noqa: F401
from tests.integration.private_bus import bus_with_service

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)  # polling outside processes (the window, dunst)
    return False


class App:
    """The Unhurried window as its own process, and its command line, on one data folder."""

    def __init__(self, data: Path, env: dict[str, str]) -> None:
        self.data, self.env = data, env
        self.proc: subprocess.Popen[bytes] | None = None
        self.socket = ""

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(self.data),
                               *args], env=self.env, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        self.log = self.data.parent / "window.log"
        with open(self.log, "ab") as log:  # the child keeps its own copy of the fd
            self.proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir",
                                          str(self.data)], env=self.env,
                                         stdout=subprocess.DEVNULL, stderr=log)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(20)
        self.proc = None

    def status(self) -> dict[str, object]:
        result = self.cli("focus", "status", "--json")
        assert result.returncode == 0, result.stderr
        return dict(json.loads(result.stdout))


@pytest.fixture
def app(notifications, tmp_path: Path,  # noqa: F811 - the fixture above
        monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    env = dict(notifications.server.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT),
               XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    running = App(tmp_path / "data", env)
    running.socket = server_path(APP_ID, resolve_paths(str(running.data)).data_dir)
    assert running.cli("demo").returncode == 0
    yield running
    running.stop()
    subprocess.run(["dunstctl", "set-paused", "false"], env=env, timeout=10, check=False)


def _paused(app: App) -> str:
    return subprocess.run([need("dunstctl", "dunst"), "is-paused"], env=app.env,
                          capture_output=True, text=True, timeout=10).stdout.strip()


def _window_answers(app: App) -> bool:
    """The running window listens on its hand-over socket."""
    assert app.proc is not None
    assert app.proc.poll() is None, app.log.read_text()
    return Path(app.socket).is_socket()


def test_a_block_pauses_dunst_and_its_end_or_the_next_start_after_a_kill_resumes_it(
        app: App) -> None:
    app.start()
    assert _wait_for(lambda: _window_answers(app))
    assert _paused(app) == "false"
    started = app.cli("focus", "start", "--for", "30m")
    assert started.returncode == 0, started.stderr
    assert _wait_for(lambda: _paused(app) == "true", 10), "dunst was not paused"
    assert app.status()["desktop_quieted"] == "dunst"
    assert app.cli("focus", "stop").returncode == 0
    assert _wait_for(lambda: _paused(app) == "false", 10), "dunst stayed paused"
    assert app.status()["desktop_quieted"] is None

    assert app.cli("focus", "start", "--for", "30m").returncode == 0
    assert _wait_for(lambda: _paused(app) == "true", 10)
    app.stop(signal.SIGKILL)  # no chance to put anything back
    assert _paused(app) == "true"
    stopped = app.cli("focus", "stop")  # the block ends while no window runs
    assert stopped.returncode == 0, stopped.stderr
    app.start()
    assert _wait_for(lambda: _paused(app) == "false", 30), "the next start did not resume dunst"
    assert app.status()["desktop_quieted"] is None


def test_a_quit_during_a_block_resumes_dunst_and_a_hand_change_is_left_alone(
        app: App) -> None:
    app.start()
    assert _wait_for(lambda: _window_answers(app))
    assert app.cli("focus", "start", "--for", "30m").returncode == 0
    assert _wait_for(lambda: _paused(app) == "true", 10)
    app.stop(signal.SIGTERM)  # as a logout quits it
    assert _paused(app) == "false"
    app.start()  # the block still runs: the desktop is quieted again
    assert _wait_for(lambda: _paused(app) == "true", 30)
    subprocess.run(["dunstctl", "set-paused", "false"], env=app.env, timeout=10, check=True)
    assert _wait_for(lambda: app.status()["desktop_quieted"] is None, 30), (
        "resuming dunst by hand was not noticed")
    assert _paused(app) == "false"  # and left alone
    assert app.cli("focus", "stop").returncode == 0
    assert _paused(app) == "false"


def test_detect_finds_dunst_on_the_bus(notifications) -> None:  # noqa: F811
    found = detect()
    assert found is not None
    assert found.name == "dunst"


# -- GNOME -------------------------------------------------------------------------------------

@pytest.fixture
def gsettings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Real gsettings on a private keyfile: the memory backend forgets each value when its
    process ends, and every gsettings call is a process of its own."""
    binary = need("gsettings", "libglib2.0-bin")
    if subprocess.run([binary, "list-keys", GnomeQuiet.SCHEMA], capture_output=True,
                      timeout=10).returncode != 0:
        # no such binary: skips (or fails in CI) naming the package that has the schema
        need("gsettings-desktop-schemas-are-missing", "gsettings-desktop-schemas")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return binary


def _banners(binary: str) -> str:
    return subprocess.run([binary, "get", GnomeQuiet.SCHEMA, GnomeQuiet.KEY],
                          capture_output=True, text=True, timeout=10, check=True).stdout.strip()


def test_gnome_banners_go_off_for_the_block_and_come_back(gsettings: str) -> None:
    records = MemoryQuietRecords()
    quieter = DesktopQuieter(GnomeQuiet, records, FakeClock().now, lambda: True)
    assert _banners(gsettings) == "true"
    assert quieter.follow(True) is Outcome.QUIETED
    assert _banners(gsettings) == "false"
    assert DesktopQuieter(GnomeQuiet, records, FakeClock().now,  # a new start, block over
                          lambda: True).follow(False) is Outcome.RESTORED
    assert _banners(gsettings) == "true"


def test_gnome_with_banners_already_off_stays_off(gsettings: str) -> None:
    subprocess.run([gsettings, "set", GnomeQuiet.SCHEMA, GnomeQuiet.KEY, "false"], check=True,
                   timeout=10)
    quieter = DesktopQuieter(GnomeQuiet, MemoryQuietRecords(), FakeClock().now, lambda: True)
    assert quieter.follow(True) is Outcome.UNCHANGED
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert _banners(gsettings) == "false"


def test_gnome_memory_backend_answers_the_real_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    need("gsettings", "libglib2.0-bin")
    monkeypatch.setenv("GSETTINGS_BACKEND", "memory")
    assert GnomeQuiet().is_quiet() is False  # the schema's default: banners shown


# -- KDE Plasma --------------------------------------------------------------------------------

_KDE_SERVICE = ROOT / "tests" / "integration" / "kde_notifications.py"


@pytest.fixture
def kde_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A private session bus with the KDE-style notification service on it."""
    with bus_with_service(_KDE_SERVICE) as env:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", env["DBUS_SESSION_BUS_ADDRESS"])
        yield env


def _inhibited(env: dict[str, str]) -> str:
    reply = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.Notifications",
         "/org/freedesktop/Notifications", "org.freedesktop.DBus.Properties.Get",
         "string:org.freedesktop.Notifications", "string:Inhibited"],
        env=env, capture_output=True, text=True, timeout=10, check=True)
    return "true" if "boolean true" in reply.stdout else "false"


def test_kde_is_inhibited_for_the_block_and_uninhibited_after(kde_bus: dict[str, str]) -> None:
    found = detect({})
    assert isinstance(found, KdeQuiet)
    records = MemoryQuietRecords()
    quieter = DesktopQuieter(lambda: found, records, FakeClock().now, lambda: True)
    assert quieter.follow(True) is Outcome.QUIETED
    assert _inhibited(kde_bus) == "true"
    assert records.record is not None
    assert records.record.token.isdigit()
    assert quieter.follow(False) is Outcome.RESTORED
    assert _inhibited(kde_bus) == "false"


def test_kde_drops_the_inhibition_of_a_killed_app_and_the_next_start_only_forgets(
        kde_bus: dict[str, str], tmp_path: Path) -> None:
    code = ("from desktop.platform.desktop_quiet import KdeQuiet\n"
            "k = KdeQuiet(); print(k.quiet(), flush=True); input()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], env=kde_bus, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    cookie = holder.stdout.readline().strip()
    assert cookie.isdigit()
    assert _inhibited(kde_bus) == "true"
    holder.kill()
    holder.wait(10)
    holder.stdout.close()
    assert holder.stdin is not None
    holder.stdin.close()
    assert _wait_for(lambda: _inhibited(kde_bus) == "false", 10)
    records = MemoryQuietRecords()
    records.put(QuietRecord("kde", False, datetime(2026, 1, 1, tzinfo=UTC), cookie, True))
    quieter = DesktopQuieter(KdeQuiet, records, FakeClock().now, lambda: True)
    assert quieter.follow(False) is Outcome.UNCHANGED
    assert records.record is None
