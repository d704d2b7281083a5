# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Send-later against a real SMTP server on 127.0.0.1 (aiosmtpd): delivered once, at the
planned time (the FakeClock drives the schedule), with the right headers; a server that is
down keeps the draft queued and tells the user once; the password is in no file."""

from __future__ import annotations

import email
import email.policy
import email.utils
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest

from PySide6.QtWidgets import QMainWindow

from desktop.core.drafting.drafts import DraftState
from desktop.core.drafting.outbox import Security, SmtpAccount
from desktop.core.drafting.outputs import message_id, to_eml
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.wiring.services import deliver_outbox, open_context, open_drafting
from tests.fakes import FakeSecrets
from tests.integration.smtp_server import PASSWORD, USER, SmtpServer
from tests.reliability.secret_scan import scan_app_dirs

pytestmark = pytest.mark.integration


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(str(tmp_path / "data"))


@pytest.fixture
def secrets() -> FakeSecrets:
    return FakeSecrets()


def set_up(paths: AppPaths, clock, secrets: FakeSecrets, port: int) -> None:
    """The account as the dialog saves it: the account in the store, the password in the
    secret store."""
    context = open_context(paths, clock)
    try:
        account = SmtpAccount("127.0.0.1", USER, "me@example.org", port, Security.NONE)
        open_drafting(context).accounts.put(account)
        secrets.put(account.secret_key, PASSWORD)
    finally:
        context.close()


def queue_draft(paths: AppPaths, clock, delay: timedelta, **fields) -> str:
    context = open_context(paths, clock)
    try:
        drafting = open_drafting(context)
        draft = drafting.drafts.create(**fields)
        drafting.outbox.schedule(draft, clock.now() + delay)
        return draft.id
    finally:
        context.close()


def state_of(paths: AppPaths, clock, draft_id: str):
    context = open_context(paths, clock)
    try:
        return open_drafting(context).drafts.get(draft_id)
    finally:
        context.close()


def test_delivered_once_at_the_planned_time_with_the_right_headers(
        paths, clock, secrets, smtp_server: SmtpServer):
    set_up(paths, clock, secrets, smtp_server.port)
    draft_id = queue_draft(paths, clock, timedelta(hours=2), subject="Grüße: Budget für Q4",
                           body="Bitte bis Do 27 Nov, 17:00 CET freigeben.\n— Ann ✓",
                           recipient="Jürgen Müller <jm@example.org>")
    assert deliver_outbox(paths, clock, secrets).sent == []
    clock.advance(hours=1, minutes=59)
    assert deliver_outbox(paths, clock, secrets).sent == []
    assert smtp_server.messages == []
    clock.advance(minutes=1)
    report = deliver_outbox(paths, clock, secrets)
    deliver_outbox(paths, clock, secrets)
    clock.advance(hours=1)
    deliver_outbox(paths, clock, secrets)
    assert [d.id for d in report.sent] == [draft_id]
    assert len(smtp_server.messages) == 1
    assert smtp_server.logins == [USER]
    received = smtp_server.messages[0]
    assert (received.sender, received.recipients) == ("me@example.org", ["jm@example.org"])
    head = received.data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # non-ASCII headers are RFC 2047 encoded
    assert b"=?utf-8?" in head
    message = email.message_from_bytes(received.data, policy=email.policy.default)
    assert message["From"] == "me@example.org"
    assert message["To"] == "Jürgen Müller <jm@example.org>"
    assert message["Subject"] == "Grüße: Budget für Q4"
    assert email.utils.parsedate_to_datetime(message["Date"]) == clock.now() - timedelta(hours=1)
    assert message["Message-ID"] == f"<{draft_id}@example.org>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == (
        "Bitte bis Do 27 Nov, 17:00 CET freigeben.\n— Ann ✓")
    stored = state_of(paths, clock, draft_id)
    assert (stored.state, stored.sent_at) == (DraftState.SENT, clock.now() - timedelta(hours=1))
    exported = paths.data_dir / "exports" / "sent.eml"  # saved as .eml, as the window does
    exported.parent.mkdir(parents=True, exist_ok=True)
    exported.write_bytes(to_eml(stored.subject, stored.body, stored.recipient,
                                "me@example.org", date=clock.now(),
                                message_id=message_id(draft_id, "me@example.org")))
    assert scan_app_dirs({PASSWORD}, paths.data_dir) == []


def test_a_wrong_password_fails_for_good_and_says_so(paths, clock, secrets, smtp_server):
    set_up(paths, clock, secrets, smtp_server.port)
    secrets.put(f"smtp:{USER}@127.0.0.1", "wrong")
    draft_id = queue_draft(paths, clock, timedelta(0), body="x", recipient="jm@example.org")
    report = deliver_outbox(paths, clock, secrets)
    assert [d.id for d in report.failed] == [draft_id]
    assert "refused the login" in report.failed[0].error
    assert smtp_server.messages == []


def test_server_down_stays_queued_tells_the_user_once_then_delivers(
        qtbot, paths, clock, secrets, down_server: SmtpServer):
    from desktop.ui.drafting.outbox_runner import OutboxRunner

    set_up(paths, clock, secrets, down_server.port)
    draft_id = queue_draft(paths, clock, timedelta(0), subject="Status", body="x",
                           recipient="jm@example.org")
    host = QMainWindow()
    qtbot.addWidget(host)
    context = open_context(paths, clock)
    drafting = open_drafting(context)
    runner = OutboxRunner(partial(deliver_outbox, paths, clock, secrets),
                          drafting.outbox.next_due, clock.now, host, threaded=False)
    controller = _controller(host, context, drafting, runner)
    try:
        runner.deliver_soon()
        first_box = controller.report_box
        assert first_box is not None
        assert "could not be sent" in first_box.text()
        assert "stays in the outbox" in host.statusBar().currentMessage()
        assert state_of(paths, clock, draft_id).state is DraftState.SCHEDULED
        assert 55_000 < runner.timer.remainingTime() <= 65_000  # the retry in 1 min

        clock.advance(minutes=1)
        runner.deliver_soon()
        assert controller.report_box is first_box  # told once, not on every retry
        assert state_of(paths, clock, draft_id).tries == 2

        down_server.start()
        clock.advance(minutes=2)
        runner.deliver_soon()
        assert len(down_server.messages) == 1
        assert state_of(paths, clock, draft_id).state is DraftState.SENT
        assert "Sent 1 message" in host.statusBar().currentMessage()
    finally:
        runner.stop()
        context.close()


def _controller(host, context, drafting, runner):
    from zoneinfo import ZoneInfo

    from desktop.ui.common.formatting import Formatter, safe_locale
    from desktop.ui.drafting.actions import DraftingController
    from desktop.ui.drafting.env import DraftEnvironment

    env = DraftEnvironment(
        drafting.drafts, drafting.outbox, Formatter(safe_locale("en"), ZoneInfo("UTC")),
        user_zone=lambda: "UTC", hours=lambda: context.queue.settings.working_hours)
    return DraftingController(host, env, runner)


def test_the_password_is_in_no_file_under_the_data_dir(paths, clock, secrets, smtp_server):
    set_up(paths, clock, secrets, smtp_server.port)
    queue_draft(paths, clock, timedelta(0), body="x", recipient="jm@example.org")
    deliver_outbox(paths, clock, secrets)
    assert smtp_server.logins == [USER]  # the password was used
    files = [p for p in Path(paths.data_dir).rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
