# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A private session bus with one fake desktop service on it (a script of ours that prints
``ready`` once it owns its name), for the portal and desktop-quiet tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.integration.conftest import need

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def bus_with_service(script: Path, *args: str) -> Iterator[dict[str, str]]:
    """Start ``dbus-daemon`` and ``script`` on it; yields the environment that reaches them
    (``DBUS_SESSION_BUS_ADDRESS`` set) and stops both afterwards."""
    need("dbus-daemon", "dbus")
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                            "--print-address=1"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, PYTHONPATH=str(ROOT))
    service = subprocess.Popen([sys.executable, str(script), *args], env=env,
                               stdout=subprocess.PIPE, text=True)
    assert service.stdout is not None
    assert service.stdout.readline().strip() == "ready"
    try:
        yield env
    finally:
        for process in (service, bus):
            process.terminate()
            process.wait(10)
            assert process.stdout is not None
            process.stdout.close()
