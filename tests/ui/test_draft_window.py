# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drafting window: autosave and history, outputs on the clipboard and on disk, the
request marked done (and undone), template text, sending, and the drafts list."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.drafting.checker import check
from desktop.core.drafting.drafts import DraftState

from desktop.ui.drafting.actions import DraftingController
from desktop.ui.drafting.dialogs import DraftsDialog, HistoryDialog
from desktop.ui.drafting.env import DraftEnvironment
from desktop.ui.drafting.models import DraftsModel, FindingsModel, VersionsModel
from desktop.ui.drafting.window import DraftWindow


@pytest.fixture
def env(draft_env: DraftEnvironment) -> DraftEnvironment:
    return draft_env


def open_window(qtbot, env: DraftEnvironment, **fields) -> DraftWindow:
    draft = env.drafts.create(**fields)
    window = DraftWindow(env, draft, autosave_ms=20)
    qtbot.addWidget(window)
    window.show()
    return window


def test_typing_is_autosaved_with_history(qtbot, env):
    window = open_window(qtbot, env)
    qtbot.keyClicks(window.subject, "Budget")
    qtbot.keyClicks(window.editor, "Please approve")
    draft_id = window.draft.id
    qtbot.waitUntil(lambda: env.drafts.get(draft_id).body == "Please approve", timeout=3000)
    assert env.drafts.get(draft_id).subject == "Budget"
    assert env.drafts.history(draft_id)[0].body == "Please approve"


def test_a_full_disk_keeps_the_text_and_says_so(qtbot, env, monkeypatch):
    from desktop.core.errors import StorageFailed
    from desktop.store.errors import StorageFull

    assert issubclass(StorageFull, StorageFailed)  # a window names it without the store
    window = open_window(qtbot, env)
    window._autosave.setInterval(60_000)

    def full(*_args, **_fields):
        raise StorageFull("The disk is full. Free some space; nothing was lost.")

    monkeypatch.setattr(env.drafts, "autosave", full)
    window.editor.setPlainText("the reply I spent an hour on")
    window.save_now()
    assert "could not be saved" in window.message.text()
    assert "The disk is full" in window.message.text()
    assert window.editor.toPlainText() == "the reply I spent an hour on"


def test_a_bug_in_saving_is_not_passed_off_as_a_full_disk(qtbot, env, monkeypatch):
    window = open_window(qtbot, env)
    window._autosave.setInterval(60_000)

    def broken(*_args, **_fields):
        raise TypeError("a bug")

    monkeypatch.setattr(env.drafts, "autosave", broken)
    window.editor.setPlainText("text")
    with pytest.raises(TypeError):  # to the crash dialog, with its report
        window.save_now()
    monkeypatch.undo()


def test_closing_saves_what_the_timer_has_not(qtbot, env):
    window = open_window(qtbot, env)
    window._autosave.setInterval(60_000)
    window.editor.setPlainText("typed just before closing")
    window.close()
    assert env.drafts.get(window.draft.id).body == "typed just before closing"


def test_an_empty_draft_is_not_kept(qtbot, env):
    window = open_window(qtbot, env)
    window.close()
    assert env.drafts.drafts() == []


def test_restoring_a_version_can_be_undone(qtbot, env, clock):
    window = open_window(qtbot, env, subject="S", body="first version")
    clock.advance(minutes=1)
    window.editor.setPlainText("second version")
    window.save_now()
    oldest = env.drafts.history(window.draft.id)[-1]
    dialog = HistoryDialog(env.drafts.history(window.draft.id), env.formatter, window)
    qtbot.addWidget(dialog)
    dialog.select(1)
    dialog.restore_button.click()
    assert dialog.chosen == oldest
    window.restore_version(dialog.chosen)
    assert window.editor.toPlainText() == "first version"
    assert env.drafts.get(window.draft.id).body == "first version"
    window.editor.setFocus()
    window.editor.undo()
    assert window.editor.toPlainText() == "second version"


def test_outputs_put_the_right_text_on_the_clipboard(qtbot, env):
    window = open_window(qtbot, env, subject="Q4 budget", body="Please approve.\nThanks")
    window.copy_markdown()
    assert QGuiApplication.clipboard().text() == "**Q4 budget**\n\nPlease approve.\nThanks\n"
    window.copy_plain()
    assert QGuiApplication.clipboard().text() == (
        "Subject: Q4 budget\n\nPlease approve.\nThanks\n")


def test_markdown_from_the_window_escapes_markup_in_the_subject(qtbot, env):
    window = open_window(qtbot, env, subject="Decide *now*", body="x")
    window.copy_markdown()
    assert QGuiApplication.clipboard().text().startswith("**Decide \\*now\\***\n")


def test_the_mailto_link_carries_only_the_bare_address(qtbot, env, calls):
    window = open_window(qtbot, env, subject="Hi", body="x", recipient="Ana <ana@example.org>")
    window.open_in_mail_app()
    assert calls.urls == ["mailto:ana@example.org?subject=Hi&body=x"]


def test_save_as_eml_folds_a_line_break_in_the_subject(qtbot, env, tmp_path):
    window = open_window(qtbot, env, subject="Budget", body="x", recipient="ana@example.org")
    window.subject.setText("Budget\nfor Q4")  # pasted text can carry a line break
    message = email.message_from_bytes(window.save_eml(tmp_path / "m.eml").read_bytes(),
                                       policy=email.policy.default)
    assert message["Subject"] == "Budget for Q4"
    assert message["Message-ID"] == f"<{window.draft.id}@example.org>"


def test_save_as_eml_writes_a_proper_message(qtbot, env, tmp_path):
    window = open_window(qtbot, env, subject="Grüße zum Budget", body="Bitte prüfen. ✓",
                         recipient="Jürgen <j@example.org>")
    path = window.save_eml(tmp_path / "out.eml")
    raw = path.read_bytes()
    assert b"Gr\xc3\xbc" not in raw.split(b"\r\n\r\n")[0]  # headers are RFC 2047, not raw UTF-8
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "Grüße zum Budget"
    assert message["To"] == "Jürgen <j@example.org>"
    assert message["From"] == "me@example.org"
    assert message.get_content().rstrip() == "Bitte prüfen. ✓"


def test_open_in_mail_app_builds_a_mailto_link(qtbot, env, calls):
    window = open_window(qtbot, env, subject="Hi there", body="a&b\nc",
                         recipient="ann@example.org")
    window.open_in_mail_app()
    assert calls.urls == ["mailto:ann@example.org?subject=Hi%20there&body=a%26b%0D%0Ac"]


def test_copying_a_reply_marks_its_request_done_once_with_undo(qtbot, env, calls):
    window = open_window(qtbot, env, body="Done, see https://x.example", reply_to="req-1")
    window.copy_plain()
    window.copy_markdown()
    assert calls.done == ["req-1"]
    assert window.message_button.isVisible()
    window.message_button.click()
    assert calls.undone == ["req-1"]
    assert not window.message_bar.isVisible()


def test_with_the_setting_no_copying_closes_nothing(qtbot, env, calls):
    calls.export_choice = "no"
    window = open_window(qtbot, env, body="x", reply_to="req-1")
    window.copy_plain()
    assert calls.done == []


@pytest.mark.parametrize(("answer", "remember", "closed", "stored"), [
    (True, False, ["req-1"], "ask"), (False, False, [], "ask"),
    (True, True, ["req-1"], "yes"), (False, True, [], "no")])
def test_saving_as_eml_asks_once_and_can_remember(qtbot, env, calls, tmp_path, monkeypatch,
                                                  answer, remember, closed, stored):
    calls.export_choice = "ask"
    window = open_window(qtbot, env, body="x", reply_to="req-1")
    asked: list[bool] = []
    monkeypatch.setattr(window, "ask_mark_done",
                        lambda: asked.append(True) or (answer, remember))
    window.save_eml(tmp_path / "reply.eml")
    assert (asked, calls.done, calls.export_choice) == ([True], closed, stored)


def test_a_scheduled_reply_closes_nothing_and_keeps_its_thread(qtbot, env, calls, clock,
                                                               tmp_path):
    window = open_window(qtbot, env, body="Done.", recipient="ann@example.org",
                         reply_to="req-1", in_reply_to="<m1@x.example>",
                         references="<m1@x.example>")
    assert window.send_later(clock.now() + timedelta(hours=1)) is True
    assert calls.done == []
    stored = env.drafts.get(window.draft.id)
    assert (stored.state, stored.closes_request) == (DraftState.SCHEDULED, True)
    assert "stays open" in window.message.text()
    window.take_back()
    path = window.save_eml(tmp_path / "reply.eml")
    assert path is not None
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert (message["In-Reply-To"], message["References"]) == ("<m1@x.example>",) * 2


def test_send_now_waits_the_undo_window_and_undo_takes_it_back(qtbot, env, calls, clock):
    calls.undo_seconds = 10
    window = open_window(qtbot, env, body="x", recipient="ann@example.org", reply_to="req-1")
    assert window.send_now() is True
    stored = env.drafts.get(window.draft.id)
    assert (stored.state, stored.send_at) == (DraftState.SCHEDULED,
                                             clock.now() + timedelta(seconds=10))
    assert window.message.text() == "Sending in 10 seconds."
    window.message_button.click()
    assert env.drafts.get(window.draft.id).state is DraftState.DRAFT
    assert calls.done == []


def test_template_text_fills_an_untouched_body_and_asks_before_replacing_edits(
        qtbot, env, monkeypatch):
    window = open_window(qtbot, env)
    assert window.load_rendered("Kickoff", "Goals: ...") is True
    assert (window.subject.text(), window.editor.toPlainText()) == ("Kickoff", "Goals: ...")
    qtbot.keyClicks(window.editor, " mine")
    asked: list[str] = []

    def answer(*args, **_kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", answer)
    assert window.load_rendered("Kickoff", "Goals: new") is False
    assert asked == ["Replace your text?"]
    assert window.editor.toPlainText().endswith(" mine")


def test_send_later_queues_it_at_the_recipients_morning(qtbot, env, calls, clock):
    window = open_window(qtbot, env, body="Please review", recipient="ann@example.org")
    window.zone.setCurrentText("Asia/Tokyo")  # Wed 18:00 there: after hours
    planned = window.planned_send_time()
    assert planned == clock.now() + timedelta(hours=15)  # Thu 09:00 in Tokyo
    assert window.send_later(planned) is True
    stored = env.drafts.get(window.draft.id)
    assert (stored.state, stored.send_at, stored.recipient_zone) == (
        DraftState.SCHEDULED, planned, "Asia/Tokyo")
    assert window.editor.isReadOnly()
    assert calls.kicks == 1
    window.take_back()
    assert env.drafts.get(window.draft.id).state is DraftState.DRAFT
    assert not window.editor.isReadOnly()


def test_sending_without_an_account_says_what_to_do(qtbot, env, calls):
    calls.account = False
    window = open_window(qtbot, env, body="x", recipient="ann@example.org")
    assert window.send_now() is False
    assert "SMTP account" in window.message.text()
    assert env.drafts.get(window.draft.id).state is DraftState.DRAFT


def test_a_finding_in_the_panel_jumps_to_its_span(qtbot, env):
    window = open_window(qtbot, env, body="Please confirm by Thu 17:00")
    row = next(i for i, f in enumerate(window.findings_model.items)
               if f.code == "deadline-without-timezone")
    index = window.findings_view.model().index(row, 0)
    qtbot.mouseClick(window.findings_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.findings_view.visualRect(index).center())
    assert window.editor.textCursor().selectedText() == "17:00"


def test_quick_fixes_use_the_recipients_zone(qtbot, env):
    window = open_window(qtbot, env, body="Please confirm by Thu 17:00")
    window.zone.setCurrentText("Asia/Tokyo")
    fixes = window.editor.fixes_at(len("Please confirm by Thu 17"))
    assert [f.value for f in fixes] == ["JST"]


def test_drafts_dialog_reopens_and_deletes_with_undo(qtbot, env, window_host):
    controller = DraftingController(window_host, env)
    first = controller.new_draft(subject="First", body="a")
    first.close()
    dialog = controller.show_drafts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, DraftsDialog)
    assert [d.subject for d in dialog.model.items] == ["First"]
    dialog.delete_current()
    assert env.drafts.drafts() == []
    dialog.undo_delete()
    assert [d.subject for d in env.drafts.drafts()] == ["First"]
    dialog.view.selectRow(0)
    dialog.open_button.click()
    assert [w.draft.subject for w in controller.windows.values()] == ["First"]
    controller.close_all()


@pytest.fixture
def window_host(qtbot):
    from PySide6.QtWidgets import QMainWindow

    host = QMainWindow()
    qtbot.addWidget(host)
    return host


def test_models_pass_the_model_tester(qtmodeltester, env, clock):
    draft = env.drafts.create(subject="S", body="Please review by EOD")
    findings = FindingsModel({})
    findings.set_items(check(draft.body))
    qtmodeltester.check(findings)
    versions = VersionsModel(env.formatter.full)
    versions.set_items(env.drafts.history(draft.id))
    qtmodeltester.check(versions)
    drafts = DraftsModel(env.formatter.full)
    drafts.set_items(env.drafts.drafts())
    qtmodeltester.check(drafts)


def test_send_later_suggests_the_recipients_own_hours_when_known(qtbot, draft_env, clock):
    from dataclasses import replace

    from desktop.core.working_hours import parse_working_hours

    env = replace(draft_env, hours_of=lambda recipient: parse_working_hours(
        "mon-fri 10:00-16:00") if "ann@" in recipient else None)
    window = open_window(qtbot, env, body="x", recipient="ann@example.org")
    window.zone.setCurrentText("Asia/Tokyo")  # Wed 18:00 there
    assert window.planned_send_time() == clock.now() + timedelta(hours=16)  # Thu 10:00 Tokyo


@pytest.fixture
def chat_env(draft_env: DraftEnvironment, db, clock, calls) -> DraftEnvironment:
    """A reply to ``slack-1`` (from #general) or ``dm-1`` (a direct message) is posted back;
    anything else is mail. No SMTP account is set up."""
    from dataclasses import replace

    from desktop.core.drafting.outbox import Outbox
    from desktop.store.draft_repository import SqliteDraftRepository

    places = {"slack-1": "#general", "dm-1": ""}
    calls.account = False
    return replace(draft_env, outbox=Outbox(SqliteDraftRepository(db), clock,
                                            posts_back=lambda request_id: request_id in places),
                   post_place=places.get)


def test_a_reply_to_a_chat_request_is_posted_and_says_where(qtbot, chat_env, calls, clock):
    window = open_window(qtbot, chat_env, body="I take it.", recipient="Ben Cohen <U2>",
                         reply_to="slack-1")
    assert (window.send_action.text(), window.later_action.text()) == ("&Post", "Post &later…")
    assert window.where.text() == "Goes into #general, as a reply to the request."
    assert window.where.isVisible()
    assert window.send_later(clock.now() + timedelta(hours=1)) is True  # no SMTP account asked
    stored = chat_env.drafts.get(window.draft.id)
    assert (stored.state, stored.recipient, stored.closes_request) == (
        DraftState.SCHEDULED, "Ben Cohen <U2>", True)
    assert "chat server accepts the reply" in window.message.text()
    assert calls.kicks == 1


def test_a_direct_message_reply_says_so_and_mail_keeps_send(qtbot, chat_env, calls):
    calls.undo_seconds = 10
    dm = open_window(qtbot, chat_env, body="Yes.", recipient="@ben:example.org",
                     reply_to="dm-1")
    assert dm.send_action.text() == "&Post"
    assert dm.where.text() == "Goes into the direct message the request came from."
    assert dm.send_now() is True
    assert dm.message.text() == "Posting in 10 seconds."  # a post is not "sending"
    mail = open_window(qtbot, chat_env, body="Yes.", recipient="ann@example.org",
                       reply_to="mail-1")
    assert (mail.send_action.text(), mail.later_action.text()) == ("Send &now", "Send &later…")
    assert not mail.where.isVisible()
    assert mail.send_now() is False  # mail still needs the SMTP account
    assert "SMTP account" in mail.message.text()


def test_the_checker_asks_before_a_secret_is_posted_and_warnings_do_not(
        qtbot, chat_env, calls, monkeypatch):
    # as `reply --post` does: an error stops the post until the user says go ahead
    from desktop.ui.drafting import check_first

    asked: list[tuple[list[str], str]] = []
    answer = [False]

    def go_ahead(_parent, errors, anyway):
        asked.append(([f.code for f in errors], anyway))
        return answer[0]

    monkeypatch.setattr(check_first, "go_ahead", go_ahead)
    calls.undo_seconds = 10
    leak = open_window(qtbot, chat_env, body="Deploy with password=Zq8vT3pLm2Wx9 tonight.",
                       recipient="@ben:example.org", reply_to="dm-1")
    assert leak.send_now() is False
    assert asked == [(["secret"], "&Post anyway")]
    assert chat_env.drafts.get(leak.draft.id).state is DraftState.DRAFT
    answer[0] = True
    assert leak.send_now() is True
    assert chat_env.drafts.get(leak.draft.id).state is DraftState.SCHEDULED
    plain = open_window(qtbot, chat_env, body="Yes, Thursday works.",
                        recipient="@ben:example.org", reply_to="dm-1")
    assert plain.send_now() is True
    assert len(asked) == 2  # nothing to ask about the plain reply


@pytest.mark.parametrize(("click", "expected"), [("&Post anyway", True), ("Cancel", False)])
def test_the_go_ahead_box_names_the_problem_and_cancel_is_the_default(qtbot, click, expected):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from desktop.core.drafting.checker import Finding, Severity

    from desktop.ui.drafting.check_first import go_ahead

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.informativeText())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        next(b for b in box.buttons() if b.text() == click).click()

    QTimer.singleShot(0, answer)
    finding = Finding("secret", Severity.ERROR, "This looks like a secret (password).", 0, 4)
    assert go_ahead(parent, [finding], "&Post anyway") is expected
    assert seen == ["• This looks like a secret (password)."]
