# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real window on a real X server (Xvfb + xcb), and the hand-over to a running instance."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import need

pytestmark = pytest.mark.integration


def _unhurried(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args]


def _main_windows(display_env: dict[str, str]) -> int:
    """How many real-sized windows titled "Unhurried" the X server has (Qt also makes a 1x1
    group-leader window with the same name; it does not count)."""
    result = subprocess.run([need("xwininfo", "x11-utils"), "-root", "-tree"],
                            env=display_env, capture_output=True, text=True, timeout=10)
    sizes = re.findall(r'"Unhurried":.*?\s(\d+)x(\d+)[+-]', result.stdout)
    return sum(1 for w, h in sizes if int(w) >= 200 and int(h) >= 200)


def _wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)  # polling an outside process; nothing in this test waits on our clock
    return False


def test_window_shows_on_x_and_a_second_start_hands_over(tmp_path: Path, app_env) -> None:
    data = tmp_path / "data"
    added = subprocess.run(_unhurried(data, "demo"), env=app_env, capture_output=True,
                           text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    first = subprocess.Popen(_unhurried(data), env=app_env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: _main_windows(app_env) == 1), (
            "the window never appeared on the X display")
        started = time.monotonic()
        second = subprocess.run(_unhurried(data), env=app_env, capture_output=True, text=True,
                                timeout=60)
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - started < 30
        assert first.poll() is None, "the running window must stay open"
        assert _main_windows(app_env) == 1, "a second window was opened"
        shot = tmp_path / "window.png"
        grab = subprocess.run([need("import", "imagemagick"), "-window", "root", str(shot)],
                              env=app_env, capture_output=True, timeout=30)
        assert grab.returncode == 0
        assert shot.stat().st_size > 10_000
    finally:
        first.terminate()
        first.wait(15)
