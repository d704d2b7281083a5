# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Background and GlobalShortcuts portals against a portal service on a private bus that
follows the documented methods and signals (``tests/integration/fake_portal.py``): start at
login asked for and taken back, a quick-capture shortcut bound and pressed, and the answers
of a desktop without the shortcut portal or a user who says no."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

from desktop.platform.portals import (
    PortalUnavailable,
    _connect,
    request_background,
    request_path,
)
from desktop.platform.quick_capture import QUICK_CAPTURE, quick_capture_shortcuts
from tests.integration.private_bus import bus_with_service

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
_SERVICE = ROOT / "tests" / "integration" / "fake_portal.py"
_TEST = DBusAddress("/org/freedesktop/portal/desktop", bus_name="org.freedesktop.portal.Desktop",
                    interface="org.unhurried.TestPortal")


def _start_portal(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with bus_with_service(_SERVICE, *args) as env:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", env["DBUS_SESSION_BUS_ADDRESS"])
        yield


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _start_portal([], monkeypatch)


@pytest.fixture
def portal_without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _start_portal(["--no-shortcuts"], monkeypatch)


@pytest.fixture
def refusing_portal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _start_portal(["--refuse"], monkeypatch)


def _test_call(member: str, signature: str = "", args: tuple[object, ...] = ()) -> tuple:
    with open_dbus_connection(bus="SESSION") as conn:
        reply = conn.send_and_get_reply(new_method_call(_TEST, member, signature, args),
                                        timeout=5)
    return tuple(reply.body)


def _wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)  # polling a socket another process writes to
    return False


def test_the_request_path_is_built_from_the_unique_name_and_the_token() -> None:
    assert request_path(":1.42", "unhurried_ab") == (
        "/org/freedesktop/portal/desktop/request/1_42/unhurried_ab")


def test_start_at_login_is_asked_for_with_the_command_and_taken_back(portal: None) -> None:
    assert request_background(True, ["unhurried", "--hidden"], "Show focus blocks") is True
    assert _test_call("Background") == (True, ["unhurried", "--hidden"])
    assert request_background(False, ["unhurried"], "Show focus blocks") is False
    assert _test_call("Background")[0] is False


def test_a_user_who_says_no_is_a_refusal_not_a_hang(refusing_portal: None) -> None:
    with pytest.raises(PortalUnavailable, match="did not allow"):
        request_background(True, ["unhurried"], "Show focus blocks")


def test_the_quick_capture_shortcut_is_bound_and_its_press_arrives(portal: None) -> None:
    pressed: list[str] = []
    shortcuts = quick_capture_shortcuts(pressed.append)
    assert shortcuts.bind() == {QUICK_CAPTURE: "CTRL+ALT+U"}
    assert shortcuts.session.startswith("/org/freedesktop/portal/desktop/session/")
    _test_call("Press", "s", (QUICK_CAPTURE,))

    def arrived() -> bool:
        shortcuts.read_signals()
        return bool(pressed)

    assert _wait_for(arrived)
    assert pressed == [QUICK_CAPTURE]
    shortcuts.close()


def test_a_desktop_without_the_shortcut_portal_says_so(portal_without_shortcuts: None) -> None:
    shortcuts = quick_capture_shortcuts(lambda name: None)
    with pytest.raises(PortalUnavailable):
        shortcuts.bind()
    assert shortcuts.connection is None


def test_no_portal_at_all_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    with pytest.raises(PortalUnavailable):
        _connect()


class Window:
    """The main window as the quick-capture key sees it: what it was asked to do."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def add_request(self) -> None:
        self.calls.append("add_request")

    def showNormal(self) -> None:
        self.calls.append("show")

    def activateWindow(self) -> None:
        self.calls.append("activate")


def test_in_the_app_a_press_of_the_key_opens_add_request(portal: None, qtbot) -> None:
    from desktop.wiring.portals import install_quick_capture

    from desktop.ui.common.operation import Operation

    window = Window()
    shortcuts = install_quick_capture(window, Operation(None, "portal", threaded=False))
    assert shortcuts.triggers == {QUICK_CAPTURE: "CTRL+ALT+U"}
    _test_call("Press", "s", (QUICK_CAPTURE,))
    qtbot.waitUntil(lambda: window.calls == ["show", "activate", "add_request"], timeout=5000)
    shortcuts.close()


def test_in_flatpak_start_at_login_goes_to_the_background_portal(portal: None) -> None:
    from desktop.wiring.portals import ask_background

    ask_background(True)
    assert _test_call("Background") == (True, ["(Exec line)"])  # no command: the desktop file's
    ask_background(False)
    assert _test_call("Background")[0] is False
