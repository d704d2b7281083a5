# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one background-operation helper: typed result on the GUI thread, failures worded,
one run at a time, a superseded result dropped, cancellation seen by the work."""

from __future__ import annotations

import logging
import threading

import pytest

from PySide6.QtCore import QCoreApplication, QObject, QThread

from desktop.core.errors import InvalidInput

from desktop.ui.common.operation import Operation, Step


@pytest.fixture
def op(qtbot) -> Operation:
    parent = QObject()
    operation = Operation(parent, "test-op")
    yield operation
    operation.cancel_and_wait(5)


def test_the_result_arrives_on_the_gui_thread(qtbot, op) -> None:
    seen: list[tuple[int, bool]] = []
    gui = QThread.currentThread()
    ran_on: list[bool] = []

    def work(_step: Step) -> int:
        ran_on.append(QThread.currentThread() is gui)
        return 42

    assert op.start(work, done=lambda n: seen.append((n, QThread.currentThread() is gui)),
                    failed=pytest.fail)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]
    assert ran_on == [False]  # the work itself ran off the GUI thread
    assert not op.running


def test_a_failure_the_user_can_act_on_arrives_as_its_sentence_unlogged(
        qtbot, op, caplog) -> None:
    failed: list[str] = []

    def work(_step: Step) -> None:
        raise InvalidInput("The file is not a mailbox.")

    with caplog.at_level(logging.ERROR):
        op.start(work, done=pytest.fail, failed=failed.append)
        qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert failed == ["The file is not a mailbox."]
    assert caplog.records == []


def test_a_forgotten_answer_goes_nowhere(qtbot, op) -> None:
    go, results = threading.Event(), []
    op.start(lambda _s: go.wait(5), done=results.append, failed=results.append)
    op.forget()  # its window closed
    assert not op.running
    go.set()
    assert op.wait(5)
    QCoreApplication.processEvents()
    assert results == []


def test_a_bug_is_logged_and_worded_by_the_call_site(qtbot, op, caplog) -> None:
    failed: list[str] = []

    def work(_step: Step) -> None:
        raise KeyError("x")

    with caplog.at_level(logging.ERROR, logger="desktop.ui.common.operation"):
        op.start(work, done=pytest.fail, failed=failed.append,
                 describe=lambda error: f"could not: {type(error).__name__}")
        qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert failed == ["could not: KeyError"]
    assert "test-op failed" in caplog.text
    caplog.clear()


def test_one_run_at_a_time_and_cancel_reaches_the_work(qtbot, op) -> None:
    go, results = threading.Event(), []

    def work(step: Step) -> bool:
        go.wait(5)
        return step.cancelled()

    assert op.start(work, done=results.append, failed=pytest.fail)
    assert op.running
    assert not op.start(lambda _s: False, done=results.append, failed=pytest.fail)
    op.cancel()
    go.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [True]


def test_a_superseded_result_is_dropped(qtbot, op) -> None:
    release, results = threading.Event(), []

    def slow(_step: Step) -> str:
        release.wait(5)
        return "old"

    op.start(slow, done=results.append, failed=pytest.fail)
    op.start(lambda _s: "new", done=results.append, failed=pytest.fail, supersede=True)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    release.set()
    assert op.wait(5)
    QCoreApplication.processEvents()  # the old result's signal arrives, to be dropped
    assert results == ["new"]


def test_progress_is_told_on_the_gui_thread(qtbot, op) -> None:
    lines: list[str] = []

    def work(step: Step) -> None:
        step.progress("half")

    done: list[None] = []
    op.start(work, done=done.append, failed=pytest.fail, progress=lines.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert lines == ["half"]


def test_unthreaded_runs_at_once_for_tests() -> None:
    results: list[int] = []
    Operation(None, "sync", threaded=False).start(lambda _s: 1, done=results.append,
                                                  failed=pytest.fail)
    assert results == [1]
