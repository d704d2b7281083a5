# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Focus in the window: the banner, the start dialog's proposal, the digest banner that opens
its requests, the tray menu, and a focus command forwarded from another process.

The window runs on the in-memory fakes with a FakeClock at Wednesday 25 November 2026, 10:00
in Berlin; desktop notifications go to a recording notifier."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from babel import Locale

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from desktop.cli import build_parser
from desktop.commands.focus import execute_argv
from desktop.core.focus.service import FocusService, FocusSettings
from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Priority
from desktop.platform.single_instance import InstanceServer, ask
from tests.fakes import MemoryFocusRepository, RecordingNotifier

from desktop.ui.focus.controller import FocusController
from desktop.ui.focus.dialog import StartFocusDialog
from desktop.ui.focus.tray import FocusTray

M = timedelta(minutes=1)


@pytest.fixture
def desktop() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def focus(window, service: QueueService, repository, clock, formatter, desktop) -> FocusController:
    focus_service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, desktop, QIcon(),
                                 lambda: True, lambda: "Focusing until 11:30 CET.")
    focus_service.notifier = controller
    window.load()
    controller.start()
    return controller


def accept_next_dialog() -> None:
    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StartFocusDialog)
        dialog.minutes.setValue(60)
        dialog.accept()
    QTimer.singleShot(0, accept)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_starting_from_the_menu_shows_the_banner_and_stop_brings_the_digest(
        focus, window, service, clock, desktop, qtbot):
    assert focus.menu.title() == "F&ocus"
    assert focus.start_action.shortcut().toString() == "Ctrl+Shift+F"
    accept_next_dialog()
    assert focus.ask_start()
    assert focus.banner.isVisibleTo(window)
    assert focus.banner.text.text() == ("Focusing until 11:00 · 1h left · "
                                        "0 notifications held")
    assert not focus.start_action.isEnabled()

    service.add("Offsite agenda", sender="Ben <ben@example.org>")  # due tomorrow: held
    window.reload()  # what the poll does after an outside change
    assert "1 notification held" in focus.banner.text.text()
    assert desktop.sent == []

    clock.advance(minutes=20)
    qtbot.mouseClick(focus.banner.extend_button, qtbot_button())
    assert "until 11:15" in focus.banner.text.text()
    qtbot.mouseClick(focus.banner.stop_button, qtbot_button())
    assert not focus.banner.isVisibleTo(window)
    assert desktop.titles() == ["1 request held — 0 due today"]
    assert focus.notice.isVisibleTo(window)
    assert "Ben: Offsite agenda" in focus.notice.text.text()

    qtbot.mouseClick(focus.notice.show_button, qtbot_button())
    assert window.model.index_of(desktop.sent[0].request_ids[0]).isValid()
    assert focus.notice.isVisibleTo(window)
    assert focus.notice.text.text() == "Showing the request from the focus digest."
    assert sum(window.model.count(b) for b in Bucket) == 1
    qtbot.mouseClick(focus.notice.show_button, qtbot_button())  # "Show the whole queue"
    assert sum(window.model.count(b) for b in Bucket) == len(service.active())
    assert not focus.notice.isVisibleTo(window)


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_urgent_requests_break_through_and_the_block_end_releases_the_rest(
        focus, window, service, clock, desktop):
    focus.service.start(length=30 * M)
    focus.refresh()
    service.add("Prod is down", sender="ops", priority=Priority.URGENT)
    service.add("Next quarter", sender="Ann")
    window.reload()
    assert desktop.titles() == ["ops: Prod is down"]
    assert focus.wake.planned_for == clock.now() + 30 * M
    clock.advance(minutes=30)
    focus._on_wake_due()  # what the timer does at planned_for
    assert desktop.titles()[-1] == "1 request held — 0 due today"
    assert not focus.banner.isVisibleTo(window)


def test_the_start_dialog_proposes_a_length_bounded_by_the_next_reply(
        focus, service, clock, formatter, qtbot):
    service.add("Q3 budget", sender="Anna <anna@example.org>",
                due=clock.now() + 130 * M)
    dialog = StartFocusDialog(focus.service.state(), formatter, clock.now())
    qtbot.addWidget(dialog)
    assert dialog.explanation.text() == (
        "You can focus for 1h 40m before the next reply is due (Anna, 'Q3 budget', reply by "
        "12:10).")
    assert dialog.minutes.value() == 100
    assert dialog.ends.text() == "until 11:40"
    assert dialog.length == 100 * M
    dialog.show()
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)  # Return starts, never cancels
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_tray_menu_counts_down_to_the_next_reply(focus, service, clock, qtbot):
    service.add("Q3 budget", sender="Anna", due=clock.now() + 130 * M)
    tray = FocusTray(QIcon(), focus.start_action, focus.stop_action, focus.extend_action,
                     focus.open_action, focus.quit_action)
    tray.show_state(focus.service.state(), clock.now())
    texts = [a.text() for a in tray.contextMenu().actions() if a.text()]
    assert texts[:2] == ["Next reply due in 1h 40m", "0 notifications held"]
    assert {"&Start focus…", "S&top focus", "&Open Unhurried", "&Quit"} <= set(texts)


def test_copy_status_message_puts_it_on_the_clipboard(focus):
    focus.copy_status()
    assert QApplication.clipboard().text() == "Focusing until 11:30 CET."


def test_a_forwarded_focus_command_runs_in_the_window_and_answers(focus, qtbot, tmp_path: Path):
    server = InstanceServer(str(tmp_path / "s.sock"))
    parser = build_parser()
    # the window passes its own locale; the system's (LANG) must not matter
    server.set_executor(lambda argv: execute_argv(argv, focus.service, parser.parse_args,
                                                  Locale.parse("en_GB")))
    assert server.listen()
    answers: list[object] = []
    thread = threading.Thread(target=lambda: answers.append(
        ask(str(tmp_path / "s.sock"), ["focus", "start", "--for", "45m"])))
    thread.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    thread.join()
    assert answers == [{"ok": True, "status": 0, "output": "Focusing until Wed 10:45 CET.\n"}]
    assert focus.service.current() is not None
    bad: list[object] = []
    thread = threading.Thread(target=lambda: bad.append(
        ask(str(tmp_path / "s.sock"), ["focus", "extend", "0m"])))
    thread.start()
    qtbot.waitUntil(lambda: bool(bad), timeout=5000)
    thread.join()
    assert bad[0]["status"] == 2
    assert "length such as 90m" in bad[0]["error"]
    server.close()


def test_closing_hides_to_the_tray_only_when_the_window_manager_closes(focus, window):
    window.show()
    assert focus.tray is None  # offscreen has no tray: closing closes
    dialog_free = window.close()
    assert dialog_free


@pytest.fixture(autouse=True)
def _no_dialog_left(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def test_find_focus_time_books_the_ticked_stretches_and_they_start_by_themselves(
        focus, clock, formatter, qtbot):
    from desktop.ui.focus.time_dialog import FocusTimeDialog

    now = clock.now()
    first = (now + 60 * M, now + 150 * M)
    second = (now + 24 * 60 * M, now + 26 * 60 * M)
    dialog = FocusTimeDialog([first, second], focus.book, formatter.locale, formatter.zone)
    qtbot.addWidget(dialog)
    assert dialog.schedule_button.isEnabled()
    dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    dialog.schedule_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    booked = [(s.start, s.end) for s in focus.service.all_sessions()]
    assert booked == [first]
    assert focus.service.current() is None
    assert focus.service.next_event() == first[0]
    clock.advance(minutes=60)
    assert focus.service.current() is not None
    assert focus.service.current().end == first[1]


def test_booking_over_a_planned_block_books_nothing(focus, clock):
    from desktop.core.errors import InvalidInput

    now = clock.now()
    focus.book([(now + 60 * M, now + 150 * M)])
    with pytest.raises(InvalidInput):
        focus.book([(now + 200 * M, now + 300 * M), (now + 120 * M, now + 240 * M)])
    assert len(focus.service.all_sessions()) == 1


def test_the_first_look_on_a_worker_still_notices_what_comes_after_it(
        qtbot, window, service: QueueService, repository, clock, formatter, desktop):
    # The app reads the first versions on a worker (0.5 s on 200,000 requests); what arrives
    # once that note is taken is new, and an urgent one still breaks through.
    service.add("Already there", sender="Bo", priority=Priority.URGENT)
    focus_service = FocusService(MemoryFocusRepository(), repository, clock, desktop,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, desktop, QIcon(),
                                 lambda: True, look_in_background=True)
    focus_service.notifier = controller
    window.load()
    controller.start()
    qtbot.waitUntil(lambda: not controller._first_look.running, timeout=5000)
    focus_service.start(length=30 * M)
    service.add("Prod is down", sender="ops", priority=Priority.URGENT)
    window.reload()
    qtbot.waitUntil(lambda: not controller._look.running, timeout=5000)
    assert desktop.titles() == ["ops: Prod is down"]  # not the one that was there before


class ThreadNoting:
    """The queue's requests, noting which threads run the queries over the whole queue."""

    def __init__(self, requests) -> None:
        self._requests = requests
        self.version_readers: list[str] = []
        self.due_readers: list[str] = []

    def versions(self):
        self.version_readers.append(threading.current_thread().name)
        return self._requests.versions()

    def next_due(self, now):
        self.due_readers.append(threading.current_thread().name)
        return self._requests.next_due(now)

    def __getattr__(self, name):
        return getattr(self._requests, name)


def _looking_in_background(window, repository, clock, formatter, desktop):
    """Focus over a repository that notes the threads it is read on, looking on a worker."""
    requests = ThreadNoting(repository)
    focus_service = FocusService(MemoryFocusRepository(), requests, clock, desktop,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, desktop, QIcon(),
                                 lambda: True, look_in_background=True)
    focus_service.notifier = controller
    return requests, focus_service, controller


def test_after_a_change_in_the_window_the_versions_are_read_off_the_gui_thread(
        qtbot, window, service: QueueService, repository, clock, formatter, desktop):
    # Every change in the window (an undo, a reload) looks for new requests: reading every
    # request's version held the window 0.5 s at 200,000.
    requests, focus_service, controller = _looking_in_background(window, repository, clock,
                                                                 formatter, desktop)
    window.load()
    controller.start()
    qtbot.waitUntil(lambda: not controller._first_look.running, timeout=5000)
    focus_service.start(length=30 * M)
    service.add("Prod is down", sender="ops", priority=Priority.URGENT)
    service.add("Budget", sender="ann")  # due tomorrow: held for the digest
    requests.version_readers.clear()
    window.reload()
    window.reload()  # a second change while the first look reads: its answer covers both
    qtbot.waitUntil(lambda: not controller._look.running, timeout=5000)
    assert requests.version_readers
    assert threading.main_thread().name not in requests.version_readers
    assert desktop.titles() == ["ops: Prod is down"]  # told once
    assert len(focus_service.held_ids()) == 1


def test_the_next_request_due_is_read_off_the_gui_thread_and_then_shown(
        qtbot, window, service: QueueService, repository, clock, formatter, desktop):
    # The focus state names the next request due: a query over the whole queue (35-100 ms at
    # 200,000), asked at start, every minute and after every change.
    requests, focus_service, controller = _looking_in_background(window, repository, clock,
                                                                 formatter, desktop)
    service.add("Budget", sender="ann", due=clock.now() + 50 * M)
    window.load()
    with qtbot.waitSignal(controller.state_changed, timeout=5000):
        controller.start()
    assert requests.due_readers
    assert threading.main_thread().name not in requests.due_readers
    assert not controller.stop_action.isEnabled()
    focus_service.start(length=90 * M)
    with qtbot.waitSignal(controller.state_changed, timeout=5000):
        controller.refresh()
    assert controller.stop_action.isEnabled()
    assert controller.banner.isVisibleTo(window)


def test_an_answer_from_a_worker_after_shut_down_goes_nowhere(
        qtbot, window, service: QueueService, repository, clock, formatter, desktop):
    # The app quits (and closes the store) while the next request due is still being read:
    # showing that answer would read the closed store's settings.
    release = threading.Event()

    class Slow(ThreadNoting):
        def next_due(self, now):
            release.wait(5)
            return super().next_due(now)

    focus_service = FocusService(MemoryFocusRepository(), Slow(repository), clock, desktop,
                                 lambda: FocusSettings(zone="Europe/Berlin"))
    controller = FocusController(window, focus_service, formatter, desktop, QIcon(),
                                 lambda: True, look_in_background=True)
    focus_service.notifier = controller
    controller.refresh()  # the worker now waits in next_due
    release.set()  # it answers; the answer waits for the event loop
    controller.shut_down()
    with qtbot.assertNotEmitted(controller.state_changed):
        QApplication.processEvents()
    assert not controller._due.running
