# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.ui.queue.view.QueueView``: title rows that span and fold, the keys a
tree had (Left, Right, Home, End), selection kept across a reload, and a layout that does not
ask the Python model about every row.

The service runs on the in-memory fakes; the clock starts on Wednesday 25 November 2026 at
10:00 in Berlin (Mon-Fri 09:00-17:00, 1bd targets, 60 minutes at risk).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest

from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService
from tests.ui.conftest import BERLIN

from desktop.ui.common.formatting import Formatter
from desktop.ui.queue.model import Column, QueueModel
from desktop.ui.queue.view import QueueView


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


class CountingModel(QueueModel):
    """Counts what a view asks of the Python model."""

    asked = 0

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
              = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's signature
        self.asked += 1
        return super().index(row, column, parent)


@pytest.fixture
def filled(service: QueueService) -> dict[str, str]:
    made = {f"late-{n}": service.add(f"late-{n}", due=berlin(24, 9) + timedelta(minutes=n)).id
            for n in range(3)}
    made["noon"] = service.add("noon", due=berlin(25, 12)).id
    made["plan"] = service.add("plan", received_at=berlin(25, 9, 30)).id  # due tomorrow
    return made


@pytest.fixture
def view(qtbot, service: QueueService, formatter: Formatter, filled) -> QueueView:
    model = QueueModel(service, formatter, {})
    model.load(service.active(), service.now())
    made = QueueView(model)
    qtbot.addWidget(made)
    made.resize(800, 400)
    made.show()
    qtbot.waitExposed(made)
    return made


def subject(view: QueueView) -> str | None:
    return view.currentIndex().siblingAtColumn(Column.SUBJECT).data()


def title(view: QueueView) -> str | None:
    return view.currentIndex().siblingAtColumn(0).data()


def test_title_rows_span_the_row_and_requests_do_not(view, service, filled):
    model = view.model()
    for bucket in (Bucket.OVERDUE, Bucket.TODAY, Bucket.TOMORROW):
        row = model.group_index(bucket).row()
        assert view.columnSpan(row, 0) == len(Column)
        assert view.columnSpan(row + 1, 0) == 1
    model.upsert(service.done(filled["noon"]))  # Today empties: its title row goes
    assert not model.group_index(Bucket.TODAY).isValid()
    tomorrow = model.group_index(Bucket.TOMORROW).row()
    assert view.columnSpan(tomorrow, 0) == len(Column)  # the span moved up with the row
    assert view.columnSpan(tomorrow + 1, 0) == 1


def test_left_and_right_fold_and_open_a_bucket_as_in_a_tree(view, filled):
    model = view.model()
    view.setFocus()
    view.select_request(filled["late-1"])
    QTest.keyClick(view, Qt.Key.Key_Left)  # from a request: up to its title row
    assert title(view) == "Overdue (3)"
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert model.folded(Bucket.OVERDUE)
    assert model.rowCount() == 3 + 2  # three title rows, "noon" and "plan"
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert title(view) == "Today (1)"
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert not model.folded(Bucket.OVERDUE)
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert subject(view) == "late-0"


def test_a_double_click_or_a_click_on_the_mark_folds_a_bucket(view):
    model = view.model()
    today = view.visualRect(model.group_index(Bucket.TODAY))
    opened = model.group_index(Bucket.TODAY).data(Qt.ItemDataRole.DecorationRole)
    for folded in (True, False):  # a double click is a click, then a double-click event
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=today.center())
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=today.center())
        assert model.folded(Bucket.TODAY) is folded
    mark = today.center()
    mark.setX(today.left() + 6)  # on the fold mark at the start of the title row
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=mark)
    assert model.folded(Bucket.TODAY)
    shown = model.group_index(Bucket.TODAY).data(Qt.ItemDataRole.DecorationRole)
    assert shown.cacheKey() != opened.cacheKey()  # the mark shows it folded


def test_home_and_end_go_to_the_first_and_last_row(view):
    view.setFocus()
    view.setCurrentIndex(view.model().index(2, Column.SUBJECT))
    QTest.keyClick(view, Qt.Key.Key_End)
    assert subject(view) == "plan"
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert title(view) == "Overdue (3)"


def test_selecting_a_request_in_a_folded_bucket_opens_it(view, filled):
    view.model().set_folded(Bucket.OVERDUE, True)
    view.select_request(filled["late-2"])
    assert not view.model().folded(Bucket.OVERDUE)
    assert view.current_request().id == filled["late-2"]


def test_the_selection_follows_its_requests_when_rows_come_and_go(view, service, filled):
    model = view.model()
    view.select_request(filled["noon"])
    selection = view.selectionModel()
    selection.select(model.index_of(filled["plan"]),
                     selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    model.upsert(service.add("new", due=berlin(24, 8)))  # a row above both
    model.upsert(service.done(filled["late-0"]))
    assert [r.id for r in view.selected_requests()] == [filled["noon"], filled["plan"]]


def test_the_view_asks_the_model_about_the_rows_it_shows_not_every_row(
        qtbot, service, formatter):
    """A tree laid out every row of an open bucket through ``index()`` (2-4 s at 200,000);
    the table asks only about the rows on screen, however many there are."""
    for n in range(3000):
        service.add(f"r{n}", due=berlin(24, 9) + timedelta(seconds=n))
    model = CountingModel(service, formatter, {})
    view = QueueView(model)
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    model.load_entries(service.entries(), service.now())
    view.repaint()
    model.asked = 0
    model.load_entries(service.entries(), service.now())
    qtbot.waitUntil(lambda: model.asked > 0, timeout=2000)  # the delayed layout and a paint
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    bottom = view.viewport().height() - 2
    qtbot.waitUntil(lambda: view.rowAt(bottom) in (3000, -1), timeout=2000)  # at the end
    view.repaint()
    assert model.rowCount() == 3001
    assert model.asked < 3000
