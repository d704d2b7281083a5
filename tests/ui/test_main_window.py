# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.ui.main_window.MainWindow``: loading, the demo offer, the actions on the
selected requests with undo, snoozing and the deleted view. Search, the detail pane and the
wake-up refresh are in ``test_main_window_reading.py``.

The window runs on the in-memory fakes with a FakeClock that starts on Wednesday 25 November
2026 at 10:00 in Berlin (Mon-Fri 09:00-17:00, 1bd targets, 60 minutes at risk).
"""

from __future__ import annotations

import pytest

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core.errors import NotFound
from desktop.core.queue.buckets import Bucket
from desktop.core.requests import Priority, State
from tests.ui.conftest import BERLIN
from tests.ui.main_window_fixtures import berlin, select, shown_bucket, shown_subjects, undo_action

from desktop.ui.queue.model import Column

# -- start-up ---------------------------------------------------------------------------------


def test_load_shows_the_stored_requests_and_counts_them(loaded, three):
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report"]
    assert shown_subjects(loaded, Bucket.TODAY) == ["noon call"]
    assert shown_subjects(loaded, Bucket.TOMORROW) == ["plan review"]
    assert loaded.status.text() == "3 in queue · 1 overdue · 0 at risk"
    assert loaded.wake.planned_for == berlin(25, 11)  # when "noon call" turns at risk
    overdue = loaded.model.group_index(Bucket.OVERDUE)
    assert loaded.view.columnSpan(overdue.row(), 0) == len(Column)  # the title spans the row
    assert not loaded.model.group_index(Bucket.AT_RISK).isValid()  # empty: no title row


def test_offer_demo_on_an_empty_store_adds_the_demo_when_accepted(
        window, service, demo_calls, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: (
        asked.append(args[1]) or QMessageBox.StandardButton.Yes))
    window.load()
    assert window.offer_demo() is True
    assert asked == ["Welcome to Unhurried"]
    assert demo_calls == [len(service.all())]
    assert demo_calls[0] > 20
    shown = sum(window.model.count(b) for b in Bucket)
    assert shown == len(service.active()) > 20
    assert all(window.model.count(b) for b in (Bucket.OVERDUE, Bucket.AT_RISK, Bucket.LATER))


def test_offer_demo_declined_adds_nothing(window, service, demo_calls, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.No)
    window.load()
    assert window.offer_demo() is False
    assert demo_calls == []
    assert service.all() == []


def test_offer_demo_does_not_ask_when_the_queue_has_requests(loaded, demo_calls, monkeypatch):
    def fail(*args):
        raise AssertionError("asked although the queue is not empty")

    monkeypatch.setattr(QMessageBox, "question", fail)
    assert loaded.offer_demo() is False
    assert demo_calls == []


def test_the_demo_menu_action_loads_the_demo(window, service, demo_calls):
    window.load()
    window.demo_action.trigger()
    assert len(demo_calls) == 1
    assert sum(window.model.count(b) for b in Bucket) == len(service.active())
    assert window.statusBar().currentMessage() == f"Added {demo_calls[0]} demo requests."


# -- actions and undo --------------------------------------------------------------------------


def test_an_action_without_a_selection_says_so(loaded):
    loaded.view.clearSelection()
    loaded.done_action.trigger()
    assert loaded.statusBar().currentMessage() == "Select a request first."
    assert loaded.undo_stack.count() == 0


def test_mark_done_removes_the_row_and_undo_brings_it_back(loaded, service, three):
    select(loaded, three["noon"])
    loaded.done_action.trigger()
    assert service.get(three["noon"]).state is State.DONE
    assert not loaded.model.index_of(three["noon"]).isValid()
    assert loaded.status.text() == "2 in queue · 1 overdue · 0 at risk"
    assert loaded.undo_stack.undoText() == "Mark done"

    undo_action(loaded).trigger()  # what Ctrl+Z does
    assert service.get(three["noon"]).state is State.OPEN
    assert shown_bucket(loaded, three["noon"]) is Bucket.TODAY
    assert loaded.status.text() == "3 in queue · 1 overdue · 0 at risk"

    loaded.undo_stack.redo()
    assert service.get(three["noon"]).state is State.DONE
    assert not loaded.model.index_of(three["noon"]).isValid()


def test_done_on_several_requests_is_undone_in_one_step(loaded, service, three):
    select(loaded, three["late"], three["plan"])
    assert {r.id for r in loaded.view.selected_requests()} == {three["late"], three["plan"]}
    loaded.done_action.trigger()
    assert shown_subjects(loaded, Bucket.OVERDUE) == []
    assert shown_subjects(loaded, Bucket.TOMORROW) == []
    assert loaded.undo_stack.count() == 1
    loaded.undo_stack.undo()
    assert {r.state for r in service.active()} == {State.OPEN}
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report"]
    assert shown_subjects(loaded, Bucket.TOMORROW) == ["plan review"]


class Asked(list):
    """(label, prefilled text) each time the follow-up was asked; ``answers`` are given in
    turn (``None``: Cancel; none left: the prefilled text is accepted)."""

    answers: list[str | None]


@pytest.fixture
def follow_up_answers(monkeypatch) -> Asked:
    asked = Asked()
    asked.answers = []

    def get_text(parent, title, label, *args, text="", **kwargs):
        asked.append((label, text))
        answer = asked.answers.pop(0) if asked.answers else text
        return ("", False) if answer is None else (answer, True)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_wait_and_resume_toggle_the_waiting_group(loaded, service, clock, three,
                                                  follow_up_answers):
    select(loaded, three["plan"])
    loaded.wait_action.trigger()
    assert service.get(three["plan"]).state is State.WAITING
    assert shown_subjects(loaded, Bucket.WAITING) == ["plan review"]
    assert shown_subjects(loaded, Bucket.TOMORROW) == []
    assert loaded.model.request_index(Bucket.WAITING, 0, Column.TIME_LEFT).data() == (
        "paused, 7h 30m left")

    clock.advance(hours=2)  # the paused clock keeps its 7.5 business hours
    select(loaded, three["plan"])
    loaded.wait_action.trigger()
    resumed = service.get(three["plan"])
    assert resumed.state is State.OPEN
    assert resumed.reply_by == berlin(26, 11, 30)
    assert shown_subjects(loaded, Bucket.WAITING) == []
    assert shown_bucket(loaded, three["plan"]) is Bucket.TOMORROW

    loaded.undo_stack.undo()  # back to waiting
    assert service.get(three["plan"]).state is State.WAITING
    assert shown_bucket(loaded, three["plan"]) is Bucket.WAITING
    loaded.undo_stack.undo()  # back to open, with the first reply-by
    assert service.get(three["plan"]).reply_by == berlin(26, 9, 30)
    assert shown_bucket(loaded, three["plan"]) is Bucket.TOMORROW
    assert len(follow_up_answers) == 1  # resuming asks nothing


def test_waiting_asks_for_the_follow_up_prefilled_with_the_default(
        loaded, service, three, follow_up_answers, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    select(loaded, three["plan"])
    follow_up_answers.answers += ["someday", "yesterday 9am", "mon 9am"]
    loaded.wait_action.trigger()
    default = service.default_follow_up().astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")
    assert [text for _label, text in follow_up_answers] == [
        default, "someday", "yesterday 9am"]  # a wrong answer is kept to correct it
    assert len(warnings) == 2
    assert "future" in warnings[1]
    waiting = service.get(three["plan"])
    assert waiting.state is State.WAITING
    assert waiting.follow_up_at == berlin(30, 9)  # the CLI's words: next Monday 09:00
    assert loaded.undo_stack.count() == 1
    loaded.undo_stack.undo()
    assert service.get(three["plan"]).state is State.OPEN
    assert service.get(three["plan"]).follow_up_at is None


def test_cancelling_the_follow_up_question_changes_nothing(loaded, service, three,
                                                          follow_up_answers):
    select(loaded, three["plan"], three["late"])
    before = {r.id: r for r in service.active()}
    follow_up_answers.answers.append(None)
    loaded.wait_action.trigger()
    assert {r.id: r for r in service.active()} == before
    assert loaded.undo_stack.count() == 0
    assert shown_subjects(loaded, Bucket.WAITING) == []


def test_delete_and_undo(loaded, service, three):
    select(loaded, three["late"])
    loaded.delete_action.trigger()
    with pytest.raises(NotFound):
        service.get(three["late"])
    assert loaded.model.count(Bucket.OVERDUE) == 0
    loaded.undo_stack.undo()
    assert service.get(three["late"]).deleted_at is None
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report"]


def test_priority_change_derives_the_reply_by_again(loaded, service, three):
    select(loaded, three["plan"])
    urgent = next(a for a in loaded.priority_menu.actions() if a.text() == "Urgent")
    assert urgent.shortcut() == QKeySequence("4")
    urgent.trigger()
    changed = service.get(three["plan"])
    assert (changed.priority, changed.reply_by) == (Priority.URGENT, berlin(25, 10, 30))  # 1bh
    assert shown_bucket(loaded, three["plan"]) is Bucket.AT_RISK
    assert loaded.status.text() == "3 in queue · 1 overdue · 1 at risk"
    loaded.undo_stack.undo()
    assert service.get(three["plan"]).reply_by == berlin(26, 9, 30)
    assert shown_bucket(loaded, three["plan"]) is Bucket.TOMORROW


@pytest.mark.parametrize(("label", "until"), [
    ("Later today (3 hours)", berlin(25, 13)),
    ("Tomorrow morning", berlin(26, 9)),
    ("Next week", berlin(30, 9)),
])
def test_a_snooze_preset_moves_the_request_to_snoozed_and_undo_restores(
        loaded, service, three, label, until, snooze_anyway):
    select(loaded, three["noon"])
    preset = next(a for a in loaded.snooze_menu.actions() if a.text() == label)
    preset.trigger()
    assert service.get(three["noon"]).snoozed_until == until
    assert shown_subjects(loaded, Bucket.SNOOZED) == ["noon call"]
    assert loaded.model.count(Bucket.TODAY) == 0
    loaded.undo_stack.undo()
    assert service.get(three["noon"]).snoozed_until is None
    assert shown_bucket(loaded, three["noon"]) is Bucket.TODAY


def test_an_unreadable_snooze_time_warns_and_changes_nothing(loaded, service, three,
                                                             monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1:]))
    select(loaded, three["noon"])
    loaded.snooze_selected("when pigs fly")
    assert [title for title, _message in warnings] == ["Snooze"]
    assert service.get(three["noon"]).snoozed_until is None
    assert loaded.undo_stack.count() == 0


def test_a_snooze_that_ends_moves_the_request_back_on_refresh(loaded, service, clock, three,
                                                              snooze_anyway):
    select(loaded, three["noon"])
    loaded.snooze_selected("later today")
    clock.set(berlin(25, 13))
    loaded.refresh_buckets()
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report", "noon call"]
    assert loaded.model.count(Bucket.SNOOZED) == 0


def test_on_a_friday_the_window_snoozes_tomorrow_to_monday_as_the_cli_does(
        loaded, service, clock, three, snooze_anyway):
    clock.set(berlin(27, 15))
    select(loaded, three["plan"])
    loaded.snooze_selected("tomorrow")
    assert service.get(three["plan"]).snoozed_until == berlin(30, 9)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen platform
def test_the_deleted_view_lists_deleted_requests_and_restores_them(
        loaded, service, three, clock, qtbot, qtmodeltester):
    select(loaded, three["late"])
    loaded.delete_selected()
    clock.advance(minutes=1)
    select(loaded, three["plan"])
    loaded.delete_selected()
    assert loaded.deleted_action in loaded.view_menu.actions()
    dialog = loaded.show_deleted()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == [
        "plan review", "late report"]
    assert not dialog.restore_button.isEnabled()
    dialog.view.selectRow(1)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["plan review"]
    assert shown_subjects(loaded, Bucket.OVERDUE) == ["late report"]
    loaded.undo_stack.undo()  # undoing the restore deletes it again
    assert service.find(three["late"], deleted=True).deleted_at is not None
    dialog.close()


def test_snoozing_an_overdue_request_asks_once_and_it_stays_counted_overdue(
        loaded, service, three, monkeypatch):
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or answer[0])
    select(loaded, three["late"], three["noon"])  # one overdue, one due at noon
    loaded.snooze_selected("in 1 hour")  # ends before noon: only the overdue one counts
    assert len(asked) == 1
    assert asked[0].startswith("1 request is overdue or due before the snooze ends.")
    assert service.get(three["late"]).snoozed_until is None
    answer[0] = QMessageBox.StandardButton.Yes
    loaded.snooze_selected("in 1 hour")
    assert len(asked) == 2
    assert service.get(three["late"]).snoozed_until is not None
    assert sorted(shown_subjects(loaded, Bucket.SNOOZED)) == ["late report", "noon call"]
    assert loaded.status.text() == "3 in queue · 1 overdue · 0 at risk"


def test_a_snooze_that_ends_before_the_reply_by_asks_nothing(loaded, service, three,
                                                            monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("asked"))
    select(loaded, three["plan"])
    loaded.snooze_selected("in 1 hour")
    assert service.get(three["plan"]).snoozed_until is not None
