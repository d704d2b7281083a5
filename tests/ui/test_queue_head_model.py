# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A window that paints the top of a large queue first (``QueueModel.load_head``): it shows
the same rows as one loaded in full, reads the rest only when it must or is told to, and every
change made before then still lands where it belongs."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import Qt

from desktop.core.queue.buckets import Bucket, QueueEntry, QueueHead
from desktop.core.queue.service import QueueService
from desktop.core.requests import Request

from desktop.ui.main_window import MainWindow
from desktop.ui.queue.head_rows import HeadRows
from desktop.ui.queue.model import Column, QueueModel
from desktop.ui.queue.rows import GROUPS, QueueRows

HEAD_ROWS = 4


def _head(service: QueueService, rows: int = HEAD_ROWS) -> QueueHead:
    """What the store's head query answers, worked out from every entry."""
    edges = service.edges()
    full = QueueRows(edges)
    full.reset(service.entries(), edges)
    shown = [(g, i) for g in range(len(GROUPS)) for i in full.ids(g, 0, full.count(g))][:rows]
    first = tuple(tuple(i for g2, i in shown if g2 == g) for g in range(len(GROUPS)))
    return QueueHead(edges, tuple(full.count(g) for g in range(len(GROUPS))), first)


class Rest:
    """The rest of the queue, counting how often it was read."""

    def __init__(self, service: QueueService) -> None:
        self.service = service
        self.reads = 0

    def __call__(self) -> list[QueueEntry]:
        self.reads += 1
        return self.service.entries()


@pytest.fixture
def filled(service: QueueService) -> list[Request]:
    made = [service.add(f"request {n}", received_at=service.now()) for n in range(9)]
    made.append(service.wait(service.add("waiting").id))
    return made


def _rows(model: QueueModel) -> list[tuple[Bucket, str]]:
    found = []
    for bucket in Bucket:
        found += [(bucket, model.request_index(bucket, row, Column.SUBJECT).data())
                  for row in range(model.count(bucket))]
    return found


def test_the_top_shows_without_reading_the_rest(qtmodeltester, service, formatter, filled):
    rest = Rest(service)
    model = QueueModel(service, formatter, {})
    model.load_head(_head(service), rest)
    top = next(b for b in Bucket if model.count(b))
    texts = [model.request_index(top, row, Column.SUBJECT).data() for row in range(HEAD_ROWS)]
    assert all(texts)
    assert [model.count(b) for b in Bucket] == [len(b_rows) for b_rows in _groups(service)]
    assert rest.reads == 0
    qtmodeltester.check(model)  # stays attached while the rest comes in
    model.complete()
    assert rest.reads == 1


def _groups(service: QueueService) -> list[list[str]]:
    edges = service.edges()
    full = QueueRows(edges)
    full.reset(service.entries(), edges)
    return [full.ids(g, 0, full.count(g)) for g in range(len(GROUPS))]


def test_rows_beyond_the_head_read_the_rest_and_match_a_full_load(service, formatter, filled):
    rest = Rest(service)
    model = QueueModel(service, formatter, {})
    model.load_head(_head(service), rest)
    complete = QueueModel(service, formatter, {})
    complete.load_entries(service.entries(), service.now())
    assert _rows(model) == _rows(complete)
    assert rest.reads == 1
    model.complete()
    assert rest.reads == 1  # read once, kept


def test_the_rest_built_on_the_reading_thread_is_swapped_in_by_complete(
        service, formatter, filled):
    # The app builds the full rows on the prefetch thread (read_rest), so the GUI thread's
    # complete() only swaps them in: the rest is read once, and the rows match a full load.
    rest = Rest(service)
    model = QueueModel(service, formatter, {})
    model.load_head(_head(service), rest)
    reader = threading.Thread(target=model.read_rest)
    reader.start()
    reader.join()
    assert rest.reads == 1
    assert isinstance(model._rows, HeadRows)  # nothing swapped behind the GUI thread's back
    model.complete()
    assert isinstance(model._rows, QueueRows)
    assert rest.reads == 1
    complete = QueueModel(service, formatter, {})
    complete.load_entries(service.entries(), service.now())
    assert _rows(model) == _rows(complete)


def test_a_change_before_the_rest_is_read_lands_in_its_place(qtbot, service, formatter, filled):
    model = QueueModel(service, formatter, {})
    model.load_head(_head(service), Rest(service))
    added = service.add("added while only the head is shown", received_at=service.now())
    model.upsert(added)
    model.upsert(service.done(filled[0].id))
    complete = QueueModel(service, formatter, {})
    complete.load_entries(service.entries(), service.now())
    assert _rows(model) == _rows(complete)


def test_a_full_reload_replaces_the_head_without_reading_the_rest(service, formatter, filled):
    rest = Rest(service)
    model = QueueModel(service, formatter, {})
    model.load_head(_head(service), rest)
    model.load_entries(service.entries(), service.now())
    assert rest.reads == 0
    assert not isinstance(model._rows, HeadRows)


def test_the_window_reads_the_rest_when_told_from_another_thread(qtbot, window: MainWindow,
                                                                    service, filled):
    rest = Rest(service)
    window.load_head(_head(service, rows=20), rest, seen_version=0)  # the whole screen
    window.show()
    qtbot.waitExposed(window)
    assert "10 in queue" in window.status.text()
    assert not window._poll.isActive()
    assert rest.reads == 0
    threading.Thread(target=window.rest_read.emit).start()
    qtbot.waitUntil(window._poll.isActive)  # the timers run once the whole queue is there
    assert rest.reads == 1
    first = window.model.request_index(Bucket.WAITING, 0)
    assert first.siblingAtColumn(Column.SUBJECT).data(Qt.ItemDataRole.DisplayRole) == "waiting"
