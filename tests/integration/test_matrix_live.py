# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Matrix live in the window against a real Synapse on 127.0.0.1: the long-poll brings a new DM
into the open window's queue at once, closing the window does not wait for the held ``/sync``,
and a server restart during the long-poll is said in the status bar, waited out, and resumed
from the saved token: a DM sent after the restart arrives once."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest

from PySide6.QtWidgets import QApplication

from desktop.core.queue.buckets import Bucket
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import SessionSecrets
from desktop.wiring import matrix
from desktop.wiring.feature import Setup
from desktop.wiring.live_sources import install_live_sources, matrix_source
from desktop.wiring.matrix_live import matrix_live_job
from desktop.wiring.services import open_context
from desktop.wiring.source_report import SourceReport
from tests.integration.test_matrix_source import (  # noqa: F401  (fixtures)
    PASSWORD,
    Person,
    memory_keyring,
    no_password_left_behind,
    synapse,
    unique,
)
from tests.reliability.secret_scan import scan_app_dirs

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.importing.live_source import LiveSourceController
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.integration


def _window(qtbot, context) -> MainWindow:
    from zoneinfo import ZoneInfo

    window = MainWindow(context.queue, Formatter(safe_locale("en_GB"), ZoneInfo("UTC")),
                        settings_choices=lambda: (["UTC"], []),
                        data_version=context.requests.data_version, demo=lambda: 0)
    qtbot.addWidget(window)
    window.load()
    return window


def _shown(window: MainWindow) -> int:
    return sum(window.model.count(b) for b in Bucket)


def _setup(tmp_path, clock, synapse) -> tuple[Any, ...]:  # noqa: F811
    ann, bob = Person(synapse, unique("ann")), Person(synapse, unique("bob"))
    dm = bob.create("", [ann.user_id], direct=True)
    ann.join(dm)
    paths = resolve_paths(str(tmp_path / "d"))
    secrets = SessionSecrets()
    context = open_context(paths, clock)
    matrix.set_account(context, secrets, synapse.url, ann.user_id, password=PASSWORD)
    return bob, dm, paths, context, ann, secrets


def test_a_new_dm_reaches_the_open_window_at_once_and_closing_does_not_hang(
        qtbot, tmp_path, clock, synapse, memory_keyring) -> None:  # noqa: F811
    bob, dm, paths, context, _ann, secrets = _setup(tmp_path, clock, synapse)
    try:
        window = _window(qtbot, context)
        setup = Setup(QApplication.instance(), context, paths, clock, window._fmt, "en",
                      secrets)
        [*_others, live] = install_live_sources(window, setup)
        live.synced.connect(window.reload)
        qtbot.waitUntil(lambda: live.label.text().startswith("Matrix synced"), timeout=20_000)
        assert live.running  # the loop holds a long-poll now
        bob.say(dm, "Ping while you are here")
        sent = time.monotonic()
        qtbot.waitUntil(lambda: _shown(window) == 1, timeout=5000)
        assert time.monotonic() - sent < 2.0
        [request] = context.requests.active()
        assert request.subject == "Ping while you are here"
        asked = time.monotonic()
        live.cancel_and_wait(timeout=5)
        assert time.monotonic() - asked < 1.0  # the held /sync is dropped, not waited out
        qtbot.waitUntil(lambda: not live.running, timeout=2000)
        window.close()
        token = secrets.get(matrix.secret_key(_ann.user_id, synapse.url))
        assert token
        assert scan_app_dirs({PASSWORD, token}, tmp_path / "d") == []
    finally:
        context.close()


def test_a_server_restart_during_the_long_poll_is_waited_out_and_nothing_comes_twice(
        qtbot, tmp_path, clock, synapse, memory_keyring) -> None:  # noqa: F811
    bob, dm, paths, context, _ann, secrets = _setup(tmp_path, clock, synapse)
    told: list[object] = []

    def live(tell, cancelled):
        def record(value: object) -> None:
            told.append(value)
            tell(value)

        return matrix_live_job(paths, clock, secrets, record, cancelled, backoff=(0.2,))

    try:
        window = _window(qtbot, context)
        source = dataclasses.replace(matrix_source(context, paths, clock, secrets), live=live)
        controller = LiveSourceController(context.queue, source, window,
                                          clock_text=window._fmt.clock)
        controller.install(window.file_menu, window.demo_action)
        controller.synced.connect(window.reload)
        qtbot.waitUntil(lambda: bool(told), timeout=20_000)
        bob.say(dm, "Before the restart")
        qtbot.waitUntil(lambda: _shown(window) == 1, timeout=5000)
        synapse.stop()  # during the held /sync
        try:
            qtbot.waitUntil(lambda: "cannot be reached" in controller.label.text(),
                            timeout=10_000)
            assert controller.running
            assert controller.error_box is None  # said in the status bar, not a dialog
        finally:
            synapse.start()
        bob.say(dm, "After the restart")
        qtbot.waitUntil(lambda: _shown(window) == 2, timeout=20_000)
        assert sorted(r.subject for r in context.requests.active()) == [
            "After the restart", "Before the restart"]
        assert sum(r.received for r in told if isinstance(r, SourceReport)) == 2
        assert sum(r.updated for r in told if isinstance(r, SourceReport)) == 0
        assert controller.label.text().startswith("Matrix synced")
        controller.cancel_and_wait(timeout=5)
        qtbot.waitUntil(lambda: not controller.running, timeout=2000)
        window.close()
    finally:
        context.close()
