# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the window's start does, and leaves out: the CLI parser, importers, sqlite-utils."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.app import _window_arguments
from desktop.core.requests import Channel, Priority
from desktop.wiring.services import open_context
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False, False)),
        (["--data-dir", "/d"], ("/d", False, False)),
        (["--data-dir=/d", "--smoke"], ("/d", True, False)),
        (["--smoke", "--data-dir", "/d"], ("/d", True, False)),
        (["--new-window"], (None, False, True)),
        (["list"], None),
        (["--data-dir", "/d", "list"], None),
        (["--help"], None),
        (["--version"], None),
        (["--data-dir"], None),  # missing value: the CLI's parser says so
        (["--colour"], None),  # a typo: the CLI's parser says so
    ],
)
def test_only_window_flags_start_the_window(argv: list[str], expected: object) -> None:
    assert _window_arguments(argv) == expected


def _store_with_requests(tmp_path: Path, n: int) -> Path:
    from desktop.platform.paths import resolve_paths

    paths = resolve_paths(str(tmp_path))
    context = open_context(paths, FakeClock(NOW))
    for k in range(n):
        context.queue.add(f"request {k}", sender="anna@example.org", channel=Channel.EMAIL,
                          priority=Priority.NORMAL, received_at=NOW - timedelta(hours=k))
    context.queue.wait(context.queue.entries()[0].id)
    context.close()
    return paths.database


def test_starting_the_window_imports_no_cli_importer_or_sqlite_utils(tmp_path: Path) -> None:
    _store_with_requests(tmp_path, 2)
    code = (
        "import sys\n"
        "from desktop import app\n"
        "from desktop.platform.paths import resolve_paths\n"
        "from desktop.wiring.services import open_context\n"
        f"ctx = open_context(resolve_paths({str(tmp_path)!r}))\n"
        "ctx.queue.entries()\n"
        "late = {'desktop.cli', 'desktop.sources', 'desktop.core.drafting.checker',\n"
        "        'sqlite_utils',\n"
        "        'holidays', 'importlib.metadata', 'smtplib', 'desktop.core.demo',\n"
        "        'desktop.core.demo_calendar'} & set(sys.modules)\n"
        "assert not late, late\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_the_wired_window_starts_and_stops(tmp_path: Path) -> None:
    """Every feature wired into the window (the composition root has no other test)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), "--smoke"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "SMOKE OK" in result.stdout
    assert "Traceback" not in result.stderr


def test_all_zones_is_read_once_and_behaves_as_a_sorted_sequence() -> None:
    from zoneinfo import available_timezones

    from desktop.platform.timezone import AllZones

    zones = AllZones()
    assert "Europe/Berlin" in zones
    assert "Mars/Olympus" not in zones
    assert list(zones) == sorted(available_timezones())
    assert zones[0] == min(available_timezones())
