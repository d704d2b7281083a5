# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The template form and the compose dialog: typing updates the preview, required fields and
bad values show inline errors, sections and zones change the text, a broken template is shown
with file and line, and Reply opens the reply template prefilled from the request."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGroupBox, QLabel

from desktop.core.drafting.templates import Moment
from desktop.core.queue.service import QueueService
from desktop.platform.resources import resource_path
from desktop.platform.templates import TemplateLibrary
from tests.fakes import FakeClock

from desktop.ui.drafting.compose import ITEM_ROLE, ComposeDialog, ComposedMessage, Composer
from desktop.ui.drafting.compose_actions import install_compose
from desktop.ui.drafting.field_widgets import DateTimeField, LineField, TextField
from desktop.ui.drafting.template_form import TemplateForm
from desktop.ui.main_window import MainWindow

ZONES = ["America/New_York", "Asia/Tokyo", "Europe/Berlin", "UTC"]


@pytest.fixture
def library(tmp_path: Path) -> TemplateLibrary:
    return TemplateLibrary(resource_path("templates"), tmp_path / "user",
                           own_zone="Europe/Berlin")


def make_form(qtbot, library: TemplateLibrary, clock: FakeClock, template_id: str,
              zone: str = "UTC") -> TemplateForm:
    def render(template, values):
        rendered = library.render(template, values)
        return rendered.subject, rendered.body

    form = TemplateForm(library.get(template_id), render, clock.now, zone, ZONES,
                        ["Maya Cohen <maya@example.org>"])
    form.timer.setInterval(0)
    qtbot.addWidget(form)
    return form


def latest(qtbot, form: TemplateForm, change) -> tuple[str, str]:
    with qtbot.waitSignal(form.rendered, timeout=2000) as blocker:
        change()
    return blocker.args[0], blocker.args[1]


def error_of(form: TemplateForm, name: str) -> str:
    label = form.errors[name]
    return label.text() if label.isVisibleTo(form) else ""


def test_typing_updates_the_preview_after_a_pause(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "status")
    to = form.widgets["to"]
    assert isinstance(to, LineField)
    _subject, body = latest(qtbot, form, lambda: to.edit.setText("Maya Cohen"))
    assert body.startswith("Hi Maya,\n")
    topic = form.widgets["topic"]
    assert isinstance(topic, LineField)
    subject, _body = latest(qtbot, form, lambda: qtbot.keyClicks(topic.edit, "the export"))
    assert subject == "Received: the export"


def test_a_person_completes_from_the_queues_senders(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "status")
    completer = form.widgets["to"].edit.completer()  # type: ignore[attr-defined]
    completer.setCompletionPrefix("cohen")
    assert completer.currentCompletion() == "Maya Cohen <maya@example.org>"


def test_required_fields_complain_only_once_edited_or_validated(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "status")
    form.refresh()
    assert error_of(form, "to") == ""
    assert not form.validate()
    assert error_of(form, "to").startswith("To is required")
    assert error_of(form, "details").startswith("Where it stands is required")
    latest(qtbot, form, lambda: form.widgets["to"].set_value("Maya"))
    assert error_of(form, "to") == ""
    assert error_of(form, "details")


def test_a_value_that_does_not_parse_is_shown_under_its_field(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "reply")
    latest(qtbot, form, lambda: form.widgets["link"].set_value("docs.example.org"))
    assert "is not a full link such as https://" in error_of(form, "link")


def test_list_items_are_edited_one_per_line(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "standup")
    done = form.widgets["done"]
    assert isinstance(done, TextField)
    _subject, body = latest(qtbot, form, lambda: done.edit.setPlainText("Shipped A\n\nFixed B\n"))
    assert "Done\n- Shipped A\n- Fixed B\n" in body


def test_the_zone_combo_moves_the_deadline_into_the_recipients_zone(
        qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "status", zone="UTC")
    widget = form.widgets["next_update"]
    assert isinstance(widget, DateTimeField)
    latest(qtbot, form, lambda: widget.set_value(
        Moment(datetime(2026, 11, 27, 17, tzinfo=UTC), "UTC")))
    _subject, body = latest(qtbot, form, lambda: widget.zone.setCurrentText("Asia/Tokyo"))
    assert "by Fri 27 Nov, 17:00 JST (09:00 CET)" in body


def test_a_required_date_starts_at_the_end_of_the_recipients_working_day(
        qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "status", zone="Asia/Tokyo")
    value = form.widgets["next_update"].value()
    assert isinstance(value, Moment)
    assert (value.zone, value.local.hour) == ("Asia/Tokyo", 17)
    assert value.at > clock.now()


def test_an_optional_section_is_a_checkable_group(qtbot, library, clock) -> None:
    form = make_form(qtbot, library, clock, "decision")
    box = form.sections["has_risks"]
    assert isinstance(box, QGroupBox)
    assert box.isChecked()
    latest(qtbot, form, lambda: form.widgets["risks"].set_value(["Lag after the switch"]))
    _subject, body = latest(qtbot, form, lambda: box.setChecked(False))
    assert "Risks" not in body
    assert form.validate() is False
    assert error_of(form, "risks") == ""  # not asked for while the section is off


def test_a_broken_template_shows_file_and_line_instead_of_crashing(
        qtbot, library, clock, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    source = resource_path("templates", "status.j2").read_text(encoding="utf-8")
    (user / "status.j2").write_text(source + "{{ topic.__class__ }}\n", encoding="utf-8")
    form = make_form(qtbot, library, clock, "status")
    with qtbot.waitSignal(form.failed, timeout=2000) as blocker:
        form.refresh()
    problem = form.findChild(QLabel, "templateProblem")
    assert problem.isVisibleTo(form)
    assert f"{user / 'status.j2'}:{source.count(chr(10)) + 1}: Not allowed" in blocker.args[0]


def test_the_dialog_searches_templates_and_opens_their_form(qtbot, library, clock) -> None:
    dialog = ComposeDialog(library, clock.now, "UTC", ZONES)
    qtbot.addWidget(dialog)
    assert dialog.proxy.rowCount() == 10
    qtbot.keyClicks(dialog.search, "missed")  # the meeting outcome's description
    assert dialog.proxy.rowCount() == 1
    index = dialog.proxy.index(0, 0)
    dialog.list.setCurrentIndex(index)
    assert dialog.form is not None
    assert dialog.form.template.id == "meeting" == index.data(ITEM_ROLE).id
    assert dialog.preview.body.toPlainText().startswith("Hi all,")


def test_the_template_list_model_is_a_proper_model(qtmodeltester, library) -> None:
    from desktop.ui.drafting.compose import TemplateListModel

    model = TemplateListModel()
    model.set_templates(library.templates())
    qtmodeltester.check(model)


def test_copy_needs_the_required_fields(qtbot, library, clock, qapp) -> None:
    dialog = ComposeDialog(library, clock.now, "UTC", ZONES, template_id="status")
    qtbot.addWidget(dialog)
    dialog.copy()
    assert dialog.status.text() == "Fill in the fields marked in red first."
    dialog.form.set_values({"to": "Maya", "topic": "x", "details": "Going well."})
    dialog.form.refresh()
    dialog.copy()
    assert qapp.clipboard().text().startswith("Subject: Received: x\n\nHi Maya,")  # as txt


# -- Reply from the queue ----------------------------------------------------------------------

def test_reply_opens_the_reply_template_prefilled(
        qtbot, window: MainWindow, service: QueueService, library, clock) -> None:
    request = service.add(
        "Escalation: nightly export missing records",
        sender="Maya Cohen <maya.cohen@umbrella.example>",
        body="Could you confirm who owns this on your side? We need the backfill by Friday "
             "5pm, before the audit.",
        due=datetime(2026, 11, 30, 16, tzinfo=UTC))  # the user's own deadline: never quoted
    service.put(replace(request, links=("https://support.example/tickets/88213",)))
    window.load()
    window.view.select_request(request.id)
    composer = Composer(library, clock.now, lambda: "Europe/Berlin", lambda: ZONES,
                        lambda: [request.sender])
    _new, reply = install_compose(window, lambda: composer)
    assert reply.shortcut() == QKeySequence("R")
    assert reply.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert reply in window.context_actions
    assert reply in window.edit_menu.actions()
    reply.trigger()
    [dialog] = window.findChildren(ComposeDialog)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form is not None
    assert form.template.id == "reply"
    values = form.raw_values()
    assert values["to"] == "Maya Cohen <maya.cohen@umbrella.example>"
    assert values["subject"] == "Re: Escalation: nightly export missing records"
    assert values["link"] == "https://support.example/tickets/88213"
    assert values["quoted"].startswith("Could you confirm who owns this")
    assert values["their_deadline"] == Moment(datetime(2026, 11, 27, 16, tzinfo=UTC),
                                              "Europe/Berlin")  # what she wrote: Fri 17:00
    assert dialog.focusWidget() is form.widgets["answer"].edit  # type: ignore[attr-defined]
    form.refresh()
    body = dialog.preview.body.toPlainText()
    assert body.startswith("Hi Maya,\n\n> Could you confirm who owns this")
    assert "(You asked for an answer by Fri 27 Nov, 17:00 CET.)" in body
    assert dialog.preview.subject.text() == "Re: Escalation: nightly export missing records"


def test_new_message_is_on_a_free_shortcut(window: MainWindow, library, clock) -> None:
    composer = Composer(library, clock.now, lambda: "UTC", lambda: ZONES, lambda: [])
    new, _reply = install_compose(window, lambda: composer)
    taken = [a.shortcut() for a in window.findChildren(type(new)) if a is not new]
    assert new.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert new.shortcut() not in taken
    assert new in window.file_menu.actions()


def test_reload_picks_up_a_new_user_template(qtbot, library, clock, tmp_path: Path) -> None:
    dialog = ComposeDialog(library, clock.now, "UTC", ZONES, template_id="status")
    qtbot.addWidget(dialog)
    user = tmp_path / "user"
    user.mkdir()
    (user / "thanks.j2").write_text(
        '{#---\ntitle = "Thank you"\nsubject = "Thanks"\n---#}\nThank you!\n', "utf-8")
    dialog.reload()
    assert dialog.proxy.rowCount() == 11
    assert dialog.form is not None
    assert dialog.form.template.id == "status"  # the open template stays open


def test_edit_as_draft_hands_the_reply_on_with_its_request(
        qtbot, service: QueueService, library, clock) -> None:
    request = service.add("Budget numbers for Q3?", sender="Anna <anna@example.org>",
                          body="Can you send the Q3 budget numbers by EOD?")
    handed: list[ComposedMessage] = []
    composer = Composer(library, clock.now, lambda: "UTC", lambda: ZONES, lambda: [],
                        open_draft=handed.append)
    dialog = composer.reply_dialog(None, request)
    qtbot.addWidget(dialog)
    assert dialog.form is not None
    dialog.edit_as_draft()  # the answer is still empty: nothing is handed on
    assert handed == []
    assert "red" in dialog.status.text()
    dialog.form.widgets["answer"].edit.setPlainText(  # type: ignore[attr-defined]
        "The numbers are in the sheet: https://docs.example/q3. Please confirm by Friday "
        "27 Nov, 17:00 UTC.")
    dialog.form.refresh()
    dialog.edit_as_draft()
    [message] = handed
    assert message.template_id == "reply"
    assert message.reply_to == request
    assert message.recipient == "Anna <anna@example.org>"
    assert message.subject == "Re: Budget numbers for Q3?"
    assert "https://docs.example/q3" in message.body
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_preview_underlines_what_the_checker_finds(qtbot, library, clock) -> None:
    dialog = ComposeDialog(library, clock.now, "UTC", ZONES, template_id="status")
    qtbot.addWidget(dialog)
    editor = dialog.preview.body
    with qtbot.waitSignal(editor.findingsChanged, timeout=3000) as checked:
        editor.setPlainText("Can you review this by EOD?")
    assert "vague-time" in {finding.code for finding in checked.args[0]}
    assert editor.extraSelections()  # underlined
    assert editor.isReadOnly()


def test_replying_to_a_request_due_for_follow_up_opens_the_follow_up_template(
        qtbot, service: QueueService, library, clock) -> None:
    from datetime import timedelta

    request = service.add("Upgrade window?", sender="Kenji Sato <kenji@example.org>",
                          body="Which window do you prefer, Saturday or Tuesday?",
                          links=["https://mail.example.org/thread/4711"])
    waiting = service.wait(request.id, clock.now() + timedelta(hours=1))
    composer = Composer(library, clock.now, lambda: "UTC", lambda: ZONES, lambda: [])
    before = composer.reply_dialog(None, waiting)
    qtbot.addWidget(before)
    assert before.form is not None
    assert before.form.template.id == "reply"  # not due yet: a plain reply
    clock.advance(hours=2)
    dialog = composer.reply_dialog(None, service.get(request.id))
    qtbot.addWidget(dialog)
    assert dialog.form is not None
    assert dialog.form.template.id == "followup"
    assert dialog.windowTitle() == "Follow up: Upgrade window?"
    body = dialog.preview.body.toPlainText()
    assert body.startswith("Hi Kenji,\n\nA friendly nudge about Upgrade window?")
    assert "Which window do you prefer, Saturday or Tuesday?" in body
    assert "Original message: https://mail.example.org/thread/4711" in body
