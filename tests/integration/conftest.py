# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures that start real system services. A missing one skips the test with the Debian
package to install, or fails it when ``REQUIRE_INTEGRATION=1`` (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def need(binary: str, package: str) -> str:
    """The path of ``binary``; skip (or fail in CI) naming ``package`` when it is missing."""
    path = shutil.which(binary)
    if path is None:
        message = f"needs {binary}: apt-get install {package}"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message + " (REQUIRE_INTEGRATION=1)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    """A private X display (Xvfb); yields its DISPLAY value."""
    binary = need("Xvfb", "xvfb")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:  # read up to the newline: the digits alone race
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        proc.kill()
        pytest.fail("Xvfb did not report a display")
    yield f":{number.decode().strip()}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def app_env(tmp_path: Path, xvfb: str) -> dict[str, str]:
    """Environment for an Unhurried process on the Xvfb display, isolated under tmp_path."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WAYLAND_DISPLAY", None)
    return env


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[object]:
    """A real Radicale CalDAV server on 127.0.0.1 (PyPI ``radicale``), stopped afterwards."""
    try:
        import radicale  # noqa: F401
    except ImportError:
        message = "needs the radicale package: pip install radicale (the test extra)"
        if os.environ.get("REQUIRE_INTEGRATION") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from tests.integration.radicale_server import RadicaleServer

    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()
