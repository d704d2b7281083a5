# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for the window's dialogs: ``AddRequestDialog`` and ``SettingsDialog``, on their own
and opened from ``MainWindow`` (whose modal ``exec`` is replaced by filling in and accepting).

The clock starts on Wednesday 25 November 2026 at 10:00 in Berlin.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from PySide6.QtWidgets import QDialog

from desktop.core.queue.buckets import Bucket
from desktop.core.queue.service import QueueService
from desktop.core.requests import Channel, Priority
from tests.ui.conftest import BERLIN, REGIONS, ZONES

from desktop.ui.common.settings_dialog import SettingsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.queue.add_dialog import AddRequestDialog
from desktop.ui.queue.model import BUCKET_ROLE

ACCEPTED = QDialog.DialogCode.Accepted


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def exec_filling(fill: Callable[[QDialog], None]) -> Callable[[QDialog], int]:
    """A stand-in for the modal ``exec``: fill the dialog in, press OK, report the result."""
    def run(dialog: QDialog) -> int:
        fill(dialog)
        dialog.accept()
        return dialog.result()
    return run


# -- adding a request ---------------------------------------------------------------------------


@pytest.fixture
def add_dialog(qtbot, service: QueueService) -> AddRequestDialog:
    dialog = AddRequestDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(("field", "text", "message"), [
    ("received", "the day before yesterday-ish", ""),
    ("due", "when pigs fly", ""),
    ("subject", "   ", "A request needs a subject."),
])
def test_unreadable_input_shows_an_error_and_keeps_the_dialog_open(add_dialog, service, field,
                                                                   text, message):
    add_dialog.subject.setText("Budget")
    getattr(add_dialog, field).setText(text)
    assert add_dialog.error.isHidden()
    add_dialog.accept()
    assert not add_dialog.error.isHidden()
    assert add_dialog.error.text()
    if message:
        assert add_dialog.error.text() == message
    assert add_dialog.isVisible()
    assert add_dialog.result() != ACCEPTED
    assert add_dialog.values == {}
    assert service.all() == []


def test_valid_input_fills_values_and_closes(add_dialog, service, clock):
    add_dialog.subject.setText("Budget question")
    add_dialog.sender_edit.setText("ann@example.org")
    add_dialog.channel.setCurrentIndex(add_dialog.channel.findData(Channel.EMAIL))
    add_dialog.priority.setCurrentIndex(add_dialog.priority.findData(Priority.HIGH))
    add_dialog.received.setText("2 hours ago")
    add_dialog.due.setText("fri 5pm")
    add_dialog.body.setPlainText("Numbers for Q4?\nThanks")
    add_dialog.accept()
    assert add_dialog.result() == ACCEPTED
    assert not add_dialog.isVisible()
    assert add_dialog.values == {
        "subject": "Budget question", "sender": "ann@example.org", "channel": Channel.EMAIL,
        "priority": Priority.HIGH, "received_at": clock.now() - timedelta(hours=2),
        "due": berlin(27, 17), "body": "Numbers for Q4?\nThanks",
    }


def test_the_defaults_are_now_manual_normal_and_no_deadline(add_dialog, clock):
    add_dialog.subject.setText("x")
    add_dialog.accept()
    values = add_dialog.values
    assert (values["received_at"], values["due"]) == (clock.now(), None)
    assert (values["channel"], values["priority"]) == (Channel.MANUAL, Priority.NORMAL)


def test_add_from_the_window_selects_the_new_request_and_undo_removes_it(
        window: MainWindow, service, monkeypatch):
    def fill(dialog):
        dialog.subject.setText("From the window")
        dialog.due.setText("today 4pm")

    monkeypatch.setattr(AddRequestDialog, "exec", exec_filling(fill))
    window.load()
    window.add_action.trigger()
    [added] = service.active()
    assert (added.subject, added.reply_by) == ("From the window", berlin(25, 16))
    assert window.view.current_request() == added
    assert window.model.index_of(added.id).data(BUCKET_ROLE) is Bucket.TODAY
    assert window.detail.toPlainText().startswith("From the window\n")
    window.undo_stack.undo()
    assert service.active() == []
    assert sum(window.model.count(b) for b in Bucket) == 0
    window.undo_stack.redo()
    assert [r.id for r in service.active()] == [added.id]
    assert window.model.index_of(added.id).isValid()


def test_cancelling_the_add_dialog_adds_nothing(window: MainWindow, service, monkeypatch):
    monkeypatch.setattr(AddRequestDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.load()
    window.add_request()
    assert service.all() == []
    assert window.undo_stack.count() == 0


# -- settings --------------------------------------------------------------------------------------


@pytest.fixture
def settings_dialog(qtbot, service: QueueService) -> SettingsDialog:
    dialog = SettingsDialog(service, ZONES, REGIONS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_settings_dialog_shows_the_settings_in_force(settings_dialog):
    values = settings_dialog.values()
    assert values["timezone"] == "Europe/Berlin"
    assert values["working_hours"] == "; ".join(
        f"{day} 09:00-17:00" for day in ("mon", "tue", "wed", "thu", "fri"))
    assert (values["days_off"], values["holidays"], values["at_risk_minutes"]) == ("", "none",
                                                                                   "60")
    assert values["policy.chat.normal"] == "1bd"
    assert values["policy.tracker.low"] == "2bd"
    assert values["policy.email.urgent"] == "1bh"
    assert [settings_dialog.subdivision.itemData(i) for i in range(
        settings_dialog.subdivision.count())] == [""]


def test_settings_values_round_trip(qtbot, settings_dialog, service, settings_store):
    dialog = settings_dialog
    dialog.zone.setCurrentText("UTC")
    dialog.days[0].setText("09:00-12:00,13:00-17:00")
    dialog.days[5].setText("10:00-12:00")
    dialog.days_off.setText("2026-12-24")
    dialog.country.setCurrentIndex(dialog.country.findData("DE"))
    dialog.subdivision.setCurrentIndex(dialog.subdivision.findData("BY"))
    dialog.at_risk.setValue(90)
    dialog.targets["policy.chat.normal"].setText("4bh")
    chosen = dialog.values()
    dialog.accept()
    assert dialog.result() == ACCEPTED
    assert dialog.error.isHidden()
    assert settings_store.data["working_hours"] == (
        "mon 09:00-12:00,13:00-17:00; tue-fri 09:00-17:00; sat 10:00-12:00")
    assert {k: settings_store.data[k] for k in ("timezone", "holidays", "at_risk_minutes",
                                                "days_off", "policy.chat.normal")} == {
        "timezone": "UTC", "holidays": "DE-BY", "at_risk_minutes": "90",
        "days_off": "2026-12-24", "policy.chat.normal": "4bh"}
    again = SettingsDialog(service, ZONES, REGIONS)
    qtbot.addWidget(again)
    assert again.values() == chosen


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.targets["policy.email.high"].setText("soon"), "Write a target as 1bd"),
    (lambda d: d.days[2].setText("9-5"), "Times are written as HH:MM"),
    (lambda d: d.zone.setCurrentText("Mars/Olympus"), "Unknown time zone 'Mars/Olympus'"),
])
def test_a_bad_value_shows_the_error_and_stores_nothing(settings_dialog, service, settings_store,
                                                        edit, message):
    request = service.add("q")
    before = dict(settings_store.data)
    edit(settings_dialog)
    settings_dialog.accept()
    assert not settings_dialog.error.isHidden()
    assert settings_dialog.error.text().startswith(message)
    assert settings_dialog.isVisible()
    assert settings_dialog.result() != ACCEPTED
    assert settings_store.data == before
    assert service.get(request.id).reply_by == request.reply_by


def test_accepting_good_values_derives_every_reply_by_again(settings_dialog, service):
    manual = service.add("manual")  # 1bd: Thursday 10:00
    chat = service.add("chat", channel=Channel.CHAT)
    settings_dialog.targets["policy.manual.normal"].setText("4bh")
    settings_dialog.accept()
    assert settings_dialog.result() == ACCEPTED
    assert settings_dialog.changed == 1
    assert service.get(manual.id).reply_by == berlin(25, 14)
    assert service.get(chat.id).reply_by == chat.reply_by == berlin(26, 10)


def test_settings_from_the_window_reload_the_queue(window: MainWindow, service, formatter,
                                                   monkeypatch):
    request = service.add("manual")
    window.load()
    assert window.model.index_of(request.id).data(BUCKET_ROLE) is Bucket.TOMORROW

    def fill(dialog):
        dialog.targets["policy.manual.normal"].setText("0.5bh")
        dialog.zone.setCurrentText("UTC")

    monkeypatch.setattr(SettingsDialog, "exec", exec_filling(fill))
    window.settings_action.trigger()
    assert service.get(request.id).reply_by == service.now() + timedelta(minutes=30)
    assert window.model.index_of(request.id).data(BUCKET_ROLE) is Bucket.AT_RISK
    assert window.statusBar().currentMessage() == "Settings saved."
    assert formatter.zone == ZoneInfo("UTC")  # the window's formatter follows the zone


def test_cancelled_settings_change_nothing(window: MainWindow, service, settings_store,
                                           monkeypatch):
    before = dict(settings_store.data)
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.load()
    window.open_settings()
    assert settings_store.data == before


def test_a_deadline_of_tomorrow_on_a_friday_is_monday_morning_as_on_the_cli(
        add_dialog, clock) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    clock.set(datetime(2026, 11, 27, 15, tzinfo=ZoneInfo("Europe/Berlin")))
    add_dialog.subject.setText("weekend gap")
    add_dialog.due.setText("tomorrow")
    add_dialog.accept()
    assert add_dialog.values["due"] == datetime(2026, 11, 30, 9, tzinfo=ZoneInfo("Europe/Berlin"))
