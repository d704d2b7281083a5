# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply to a mail request through a real SMTP server on 127.0.0.1 (aiosmtpd): the request
stays open while the reply is scheduled, closes once the server accepted it (threaded with
In-Reply-To/References), comes back with the reason when the server refuses it, and a process
killed between "accepted" and "closed" has the request closed at the next start, not resent."""

from __future__ import annotations

import email
import email.policy
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.drafting.outbox import Security, SmtpAccount
from desktop.core.requests import Channel, State
from desktop.platform.paths import AppPaths, resolve_paths
from desktop.wiring.services import deliver_outbox, open_context, open_drafting
from tests.fakes import FakeSecrets
from tests.integration.smtp_server import SmtpServer

pytestmark = pytest.mark.integration

MESSAGE_ID = "<ask-1@umbrella.example>"
MAYA = "maya@umbrella.example"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(str(tmp_path / "data"))


def schedule_reply(paths: AppPaths, clock, port: int) -> tuple[str, str]:
    """A mail request and a reply to it queued for in an hour (the window's Send later)."""
    context = open_context(paths, clock)
    try:
        queue = context.queue
        request = queue.add("Backfill?", sender=f"Maya <{MAYA}>", channel=Channel.EMAIL,
                            body="When does the backfill run?")
        queue.put(replace(request, external_id=MESSAGE_ID, source="mail"))
        drafting = open_drafting(context)
        drafting.accounts.put(SmtpAccount("127.0.0.1", "", "me@example.org", port,
                                          Security.NONE))
        draft = drafting.drafts.create(subject="Re: Backfill?", body="Saturday night.",
                                       recipient=f"Maya <{MAYA}>", reply_to=request.id,
                                       in_reply_to=MESSAGE_ID, references=MESSAGE_ID)
        drafting.outbox.schedule(draft, clock.now() + timedelta(hours=1), closes_request=True)
        return request.id, draft.id
    finally:
        context.close()


def request_state(paths: AppPaths, clock, request_id: str) -> State:
    context = open_context(paths, clock)
    try:
        return context.queue.get(request_id).state
    finally:
        context.close()


def test_the_request_closes_only_once_the_server_accepted_the_reply(
        paths, clock, smtp_server: SmtpServer):
    request_id, draft_id = schedule_reply(paths, clock, smtp_server.port)
    deliver_outbox(paths, clock, FakeSecrets())
    assert request_state(paths, clock, request_id) is State.OPEN  # scheduled, not sent
    clock.advance(hours=1)
    report = deliver_outbox(paths, clock, FakeSecrets())
    assert [d.id for d in report.sent] == [draft_id]
    assert request_state(paths, clock, request_id) is State.DONE
    [received] = smtp_server.messages
    message = email.message_from_bytes(received.data, policy=email.policy.default)
    assert (message["In-Reply-To"], message["References"]) == (MESSAGE_ID, MESSAGE_ID)
    assert message["Subject"] == "Re: Backfill?"


def test_a_refused_reply_brings_its_request_back_with_the_reason(
        paths, clock, smtp_server: SmtpServer):
    smtp_server.refused.add(MAYA)
    request_id, draft_id = schedule_reply(paths, clock, smtp_server.port)
    clock.advance(hours=1)
    report = deliver_outbox(paths, clock, FakeSecrets())
    assert [d.id for d in report.failed] == [draft_id]
    assert request_state(paths, clock, request_id) is State.OPEN
    context = open_context(paths, clock)
    try:
        [failed] = open_drafting(context).outbox.pending()
        assert failed.error == f"127.0.0.1 refused the recipient {MAYA}."
        assert open_drafting(context).outbox.scheduled_reply(request_id) is None
    finally:
        context.close()
    assert smtp_server.messages == []


_KILLED_AFTER_ACCEPT = textwrap.dedent("""
    import os, signal, sys
    from desktop.core.queue.service import QueueService
    from desktop.platform.paths import resolve_paths
    from desktop.wiring.services import deliver_outbox
    from tests.fakes import FakeClock, FakeSecrets
    from datetime import datetime

    def killed(self, request_id):  # the server has accepted; the close never happens
        os.kill(os.getpid(), signal.SIGKILL)

    QueueService.done = killed
    clock = FakeClock(datetime.fromisoformat(sys.argv[2]))
    deliver_outbox(resolve_paths(sys.argv[1]), clock, FakeSecrets())
""")


def test_killed_between_accepted_and_closed_the_next_start_closes_it_once(
        paths, clock, smtp_server: SmtpServer):
    request_id, _draft_id = schedule_reply(paths, clock, smtp_server.port)
    clock.advance(hours=1)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_AFTER_ACCEPT, str(paths.data_dir),
         clock.now().isoformat()], cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True, timeout=60, check=False)
    assert done.returncode == -9, done.stderr
    assert len(smtp_server.messages) == 1
    assert request_state(paths, clock, request_id) is State.OPEN
    context = open_context(paths, clock)  # the next start
    try:
        assert open_drafting(context).outbox.recover() == []  # nothing cut off mid-send
    finally:
        context.close()
    assert request_state(paths, clock, request_id) is State.DONE
    clock.advance(hours=1)
    deliver_outbox(paths, clock, FakeSecrets())
    assert len(smtp_server.messages) == 1  # never sent twice


def test_the_command_line_delivers_due_replies_and_reports_a_refusal(
        paths, clock, capsys, smtp_server: SmtpServer):
    from desktop.cli import main

    def run(*argv: str) -> tuple[int, str]:
        status = main(["--data-dir", str(paths.data_dir), *argv], clock=clock)
        return status, capsys.readouterr().out

    smtp_server.refused.add(MAYA)
    request_id, draft_id = schedule_reply(paths, clock, smtp_server.port)
    assert json.loads(run("show", request_id, "--json")[1])["state"] == "reply-scheduled"
    clock.advance(hours=1)
    status, _out = run("outbox", "deliver")
    assert status == 1  # not sent
    assert json.loads(run("show", request_id, "--json")[1])["state"] == "open"
    [failed] = json.loads(run("outbox", "--json")[1])
    assert (failed["id"], failed["state"], failed["reason"]) == (
        draft_id, "failed", f"127.0.0.1 refused the recipient {MAYA}.")
    smtp_server.refused.clear()
    run("outbox", "reschedule", draft_id, "now")
    assert run("outbox", "deliver")[0] == 0
    shown = json.loads(run("show", request_id, "--json")[1])
    assert (shown["state"], shown["reply_scheduled_at"]) == ("done", None)
    assert len(smtp_server.messages) == 1
