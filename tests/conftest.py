# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared fixtures: injected fakes (clock, stores, notifier, secrets), a migrated database and
app paths under ``tmp_path``. Qt runs offscreen unless a test starts its own display."""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Texts are asserted in English: the system's language must not leak into the CLI or window.
os.environ["LANGUAGE"] = "en"

from desktop.core.queue.service import QueueService
from desktop.store.db import open_database
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore
from tests.fakes import (
    FakeClock,
    MemoryRequestRepository,
    MemorySettingsStore,
    no_holidays,
)

# Wednesday 25 November 2026, 10:00 in Berlin.
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the language (``config set language de``) leaves English behind,
    whatever order the tests run in."""
    yield
    from desktop.core import i18n

    if type(i18n._translations) is not gettext.NullTranslations:
        i18n.install(gettext.NullTranslations())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that need a QApplication as ``gui`` so ``-m "not gui"`` is the fast loop."""
    for item in items:
        if {"qtbot", "qapp", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def settings_store() -> MemorySettingsStore:
    return MemorySettingsStore({"timezone": "Europe/Berlin"})


@pytest.fixture
def repository() -> MemoryRequestRepository:
    return MemoryRequestRepository()


@pytest.fixture
def service(repository, settings_store, clock) -> QueueService:
    return QueueService(repository, settings_store, clock, no_holidays, "Europe/Berlin")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "unhurried.sqlite3"


@pytest.fixture
def db(db_path: Path, clock: FakeClock):
    database = open_database(db_path, clock.now())
    yield database
    database.conn.close()


@pytest.fixture
def store_service(db, clock) -> QueueService:
    store = SqliteSettingsStore(db)
    store.put({"timezone": "Europe/Berlin"})
    return QueueService(SqliteRequestRepository(db), store, clock, no_holidays, "Europe/Berlin")
