# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the main window's tests share: three requests around Wednesday 25 November 2026, 10:00
in Berlin, the window loaded with them, and helpers to select and read rows."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService

from desktop.ui.main_window import MainWindow
from desktop.ui.queue.model import BUCKET_ROLE, Column

BERLIN = ZoneInfo("Europe/Berlin")  # as in conftest, which imports these fixtures


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def shown_bucket(window: MainWindow, request_id: str) -> Bucket | None:
    index = window.model.index_of(request_id)
    return index.data(BUCKET_ROLE) if index.isValid() else None


def shown_subjects(window: MainWindow, bucket: Bucket) -> list[str]:
    model = window.model
    return [model.request_index(bucket, r, Column.SUBJECT).data()
            for r in range(model.count(bucket))]


def select(window: MainWindow, *request_ids: str) -> None:
    window.view.clearSelection()
    window.view.select_request(request_ids[0])
    selection = window.view.selectionModel()
    for request_id in request_ids[1:]:
        selection.select(window.model.index_of(request_id),
                         selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def undo_action(window: MainWindow) -> QAction:
    undo = QKeySequence(QKeySequence.StandardKey.Undo)
    found = [a for a in window.findChildren(QAction) if a.shortcut() == undo]
    assert len(found) == 1, "one action answers Ctrl+Z"
    return found[0]


@pytest.fixture
def three(service: QueueService) -> dict[str, str]:
    """Three open requests: one overdue, one due today, one due tomorrow (by policy)."""
    return {
        "late": service.add("late report", due=berlin(25, 9)).id,
        "noon": service.add("noon call", due=berlin(25, 12)).id,
        "plan": service.add("plan review", received_at=berlin(25, 9, 30)).id,  # Thu 09:30
    }


@pytest.fixture
def loaded(window: MainWindow, three: dict[str, str]) -> MainWindow:
    window.load()
    return window


@pytest.fixture
def snooze_anyway(monkeypatch) -> list[str]:
    """Answers Yes when a snooze past the reply-by asks; the questions asked."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or (
        QMessageBox.StandardButton.Yes))
    return asked
