# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the window tests: a MainWindow on the in-memory fakes, and QSettings kept under
``tmp_path`` so closing a window never writes to the user's configuration."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtCore import QSettings

from desktop.core.queue.service import QueueService
from desktop.wiring.demo import demo_requests
from tests.ui.drafting_fixtures import calls, draft_env  # noqa: F401  (fixtures)
from tests.ui.main_window_fixtures import loaded, snooze_anyway, three  # noqa: F401  (fixtures)

from desktop.ui.common.formatting import Formatter, safe_locale
from desktop.ui.main_window import MainWindow

BERLIN = ZoneInfo("Europe/Berlin")
ZONES = ["UTC", "Europe/Berlin"]
REGIONS = {"DE": ["BE", "BY"]}


@pytest.fixture(autouse=True)
def _private_qsettings(qapp, tmp_path: Path) -> None:
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


CLOCK_TEXT = Formatter(safe_locale("en_GB"), BERLIN).clock
"""Times in the sources' status labels, in the test queue's zone."""


@pytest.fixture
def formatter() -> Formatter:
    return Formatter(safe_locale("en_GB"), BERLIN)


@pytest.fixture
def demo_calls(service: QueueService) -> list[int]:
    """How many demo requests each call of the window's ``demo`` callable added."""
    return []


@pytest.fixture
def window(qtbot, service: QueueService, formatter: Formatter,
           demo_calls: list[int]) -> MainWindow:
    def demo() -> int:
        added = len(service.put_many(demo_requests(service)))
        demo_calls.append(added)
        return added

    made = MainWindow(service, formatter, settings_choices=lambda: (ZONES, REGIONS),
                      data_version=lambda: 0, demo=demo)
    qtbot.addWidget(made)
    return made
