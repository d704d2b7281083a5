# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window on Wayland: a headless Weston compositor and Qt's wayland platform plugin (the
X11 side is ``test_window_on_x.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import need

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
SOCKET = "wayland-unhurried"


@pytest.fixture
def weston(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A headless Weston on a private runtime folder; yields the environment to reach it."""
    binary = need("weston", "weston")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), WAYLAND_DISPLAY=SOCKET,
               QT_QPA_PLATFORM="wayland", PYTHONPATH=str(ROOT), HOME=str(tmp_path / "home"))
    env.pop("DISPLAY", None)
    with open(tmp_path / "weston.log", "w") as log:
        proc = subprocess.Popen([binary, "--backend=headless-backend.so", f"--socket={SOCKET}",
                                 "--idle-time=0"], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while not (runtime / SOCKET).exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            proc.wait(10)
            pytest.fail("weston did not start: " + (tmp_path / "weston.log").read_text())
        time.sleep(0.05)  # polling another process's socket
    yield env
    proc.terminate()
    proc.wait(10)


def test_the_window_starts_on_wayland(weston: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir",
                             str(tmp_path / "data"), "--smoke"], env=weston,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SMOKE OK" in result.stdout
    assert "platform=wayland" in result.stdout
