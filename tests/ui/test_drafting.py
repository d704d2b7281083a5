# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafting in the main window (menus, interrupted sends reported), the outbox runner's worker
thread and timer, and the SMTP account dialog."""

from __future__ import annotations

from datetime import timedelta

from desktop.core.drafting.drafts import Draft, DraftState
from desktop.core.drafting.outbox import DeliveryReport, Security, SmtpAccount
from desktop.core.errors import SecretsUnavailable

from desktop.ui.drafting.actions import DraftingController
from desktop.ui.drafting.outbox_runner import OutboxRunner
from desktop.ui.drafting.smtp_dialog import SmtpAccountDialog


def test_new_message_and_drafts_sit_in_the_file_menu(qtbot, window, draft_env):
    controller = DraftingController(window, draft_env)
    controller.install(window.file_menu, window.edit_menu)
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("&New message") == 1
    assert texts.index("D&rafts…") == 2
    assert controller.new_action.shortcut().toString() == "Ctrl+M"
    assert controller.drafts_action.shortcut().toString() == "Ctrl+Shift+D"
    controller.new_action.trigger()
    opened, = controller.windows.values()
    assert opened.draft.reply_to is None
    controller.close_all()
    assert controller.windows == {}


def test_a_reply_remembers_its_request(qtbot, window, draft_env, service):
    request = service.add("Budget question", sender="ann@example.org")
    controller = DraftingController(window, draft_env)
    opened = controller.new_draft(request, recipient=request.sender)
    assert draft_env.drafts.get(opened.draft.id).reply_to == request.id
    assert controller.windows[opened.draft.id] is opened
    controller.close_all()


def test_an_interrupted_send_is_reported(qtbot, window, draft_env, clock):
    controller = DraftingController(window, draft_env)
    draft = Draft("d1", clock.now(), clock.now(), subject="Status", state=DraftState.FAILED)
    controller.report_interrupted([draft])
    assert controller.report_box is not None
    assert "“Status”" in controller.report_box.text()
    assert "Sent folder" in window.statusBar().currentMessage()
    controller.report_box.close()


def test_the_runner_delivers_on_a_worker_thread(qtbot, clock):
    rounds: list[int] = []

    def deliver() -> DeliveryReport:
        rounds.append(1)
        return DeliveryReport()

    runner = OutboxRunner(deliver, lambda: None, clock.now)
    with qtbot.waitSignal(runner.delivered, timeout=5000):
        runner.deliver_soon()
    assert rounds == [1]
    assert not runner.running
    assert runner.timer.isActive()  # re-armed (an hour when nothing is due)
    runner.stop()


def test_a_broken_round_is_reported_and_the_timer_rearmed(qtbot, clock):
    def deliver() -> DeliveryReport:
        raise OSError("disk gone")

    runner = OutboxRunner(deliver, lambda: clock.now() + timedelta(seconds=30), clock.now)
    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.deliver_soon()
    assert "disk gone" in signal.args[0]
    qtbot.waitUntil(lambda: runner.timer.isActive(), timeout=2000)
    assert 25_000 < runner.timer.remainingTime() <= 32_000
    runner.stop()


def test_a_due_draft_arms_the_timer_at_once(qtbot, clock):
    runner = OutboxRunner(DeliveryReport, lambda: clock.now() - timedelta(minutes=5), clock.now,
                          threaded=False)
    runner.arm()
    assert runner.timer.remainingTime() <= 0 or runner.timer.interval() == 0


def test_smtp_dialog_saves_the_account_and_hands_the_password_over(qtbot):
    saved: list[tuple[SmtpAccount, str | None]] = []
    dialog = SmtpAccountDialog(None, lambda a, p: saved.append((a, p)))
    qtbot.addWidget(dialog)
    dialog.host.setText("smtp.example.org")
    dialog.security.setCurrentIndex(dialog.security.findData(Security.TLS))
    assert dialog.port.value() == 465
    dialog.user.setText("ann")
    dialog.from_address.setText("ann@example.org")
    dialog.password.setText("pw")
    dialog.accept()
    assert saved == [(SmtpAccount("smtp.example.org", "ann", "ann@example.org", 465,
                                  Security.TLS), "pw")]


def test_smtp_dialog_refuses_a_missing_from_address(qtbot):
    saved: list[object] = []
    dialog = SmtpAccountDialog(None, lambda a, p: saved.append(a))
    qtbot.addWidget(dialog)
    dialog.host.setText("smtp.example.org")
    dialog.accept()
    assert saved == []
    assert "From address" in dialog.error.text()


def test_smtp_dialog_allows_no_encryption_to_this_machine_only(qtbot):
    saved: list[SmtpAccount] = []
    dialog = SmtpAccountDialog(None, lambda a, p: saved.append(a))
    qtbot.addWidget(dialog)
    dialog.host.setText("smtp.example.org")
    dialog.from_address.setText("ann@example.org")
    dialog.security.setCurrentIndex(dialog.security.findData(Security.NONE))
    dialog.accept()
    assert saved == []
    assert "only allowed to this machine" in dialog.error.text()
    dialog.host.setText("localhost")
    dialog.accept()
    assert [a.host for a in saved] == ["localhost"]


def test_smtp_dialog_keeps_an_unchanged_password_and_warns_about_a_locked_keyring(qtbot):
    account = SmtpAccount("smtp.example.org", "ann", "ann@example.org")
    saved: list[str | None] = []

    def save(_account: SmtpAccount, password: str | None) -> None:
        saved.append(password)
        if password is not None:
            raise SecretsUnavailable("The keyring is locked; kept for this run only.")

    dialog = SmtpAccountDialog(account, save)
    qtbot.addWidget(dialog)
    assert dialog.host.text() == "smtp.example.org"
    dialog.accept()
    assert saved == [None]
    dialog.password.setText("new")
    dialog.accept()
    assert dialog.warning == "The keyring is locked; kept for this run only."



def test_the_status_bar_says_posted_for_chat_replies_and_sent_for_mail(
        qtbot, window, draft_env, clock):
    from dataclasses import replace

    env = replace(draft_env, post_place=lambda request_id: (
        "#general" if request_id.startswith("chat") else None))
    controller = DraftingController(window, env)

    def draft(reply_to: str | None) -> Draft:
        return Draft(reply_to or "new", clock.now(), clock.now(), reply_to=reply_to,
                     state=DraftState.SENT)

    controller._on_runner_delivered(DeliveryReport(sent=[draft("chat-1"), draft("chat-2")]))
    assert window.statusBar().currentMessage() == "Posted 2 replies."
    controller._on_runner_delivered(DeliveryReport(sent=[draft("mail-1"), draft(None),
                                                         draft("chat-1")]))
    assert window.statusBar().currentMessage() == "Sent 2 messages. Posted 1 reply."
