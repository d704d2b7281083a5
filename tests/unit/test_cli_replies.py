# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried reply`` and the outbox actions: a threaded .eml to the sender, ``--send`` puts the
request in ``reply-scheduled`` (still open), ``outbox cancel`` and ``reschedule`` change the plan,
and bad input exits 2 with one line and changes nothing."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.requests import Channel
from desktop.platform.paths import resolve_paths
from desktop.wiring.services import open_context
from tests.unit.test_cli import Cli

MESSAGE_ID = "<88213.42@umbrella.example>"


@pytest.fixture
def cli(tmp_path: Path, clock, capsys) -> Cli:
    runner = Cli(tmp_path / "data", clock, capsys)
    runner.ok("config", "set", "timezone", "Europe/Berlin")
    runner.ok("config", "set", "me", "me@example.org")
    return runner


def mail_request(cli: Cli, body: str = "Could you confirm the backfill by Friday 5pm?") -> str:
    """A request as the mail importer stores it: its Message-ID is the external id."""
    context = open_context(resolve_paths(str(cli.data_dir)), cli.clock)
    try:
        queue = context.queue
        request = queue.add("Escalation: export", sender="Maya Cohen <maya@umbrella.example>",
                            channel=Channel.EMAIL, body=body)
        queue.put(replace(request, external_id=MESSAGE_ID, source="mail"))
        return request.id
    finally:
        context.close()


def test_an_eml_reply_is_threaded_and_goes_to_the_sender(cli, tmp_path):
    request_id = mail_request(cli)
    out = tmp_path / "reply.eml"
    cli.ok("reply", request_id[:6], "--field", "answer=I own this.", "--format", "eml",
           "--out", str(out))
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Maya Cohen <maya@umbrella.example>"
    assert message["From"] == "me@example.org"
    assert message["Subject"] == "Re: Escalation: export"
    assert (message["In-Reply-To"], message["References"]) == (MESSAGE_ID, MESSAGE_ID)
    body = message.get_content()
    assert "I own this." in body
    assert "(You asked for an answer by Fri 27 Nov, 17:00 CET.)" in body
    assert cli.item(request_id)["state"] == "open"  # writing a reply closes nothing


def test_a_reply_names_no_deadline_the_sender_did_not_give(cli):
    request_id = mail_request(cli, body="Please have a look at the export.")
    text = cli.ok("reply", request_id, "--field", "answer=Looking.")
    assert "You asked" not in text
    assert "Re: Escalation: export" in text


def test_queued_reply_times_are_written_in_the_users_language(cli):
    from desktop.platform.i18n import install_language

    request_id = mail_request(cli)
    try:
        cli.ok("config", "set", "language", "de")
        text = cli.ok("reply", request_id, "--send", "--at", "thu 10:00",
                      "--field", "answer=Done.")
    finally:
        install_language("en")  # the next test in this process reads English again
    assert "Do., 26. Nov., 10:00" in text  # the window's formatter, not strftime
    assert "Thu 26 Nov" not in text


def test_send_schedules_and_the_request_stays_open_until_delivered(cli):
    request_id = mail_request(cli)
    text = cli.ok("reply", request_id, "--send", "--at", "thu 10:00", "--field", "answer=Done.")
    assert text.startswith("Queued ")
    assert text.endswith(" for Thu, Nov 26, 10:00\u202fAM (Europe/Berlin); "
                         "Thu, Nov 26, 10:00\u202fAM your time.\n")
    shown = cli.item(request_id)
    assert shown["state"] == "reply-scheduled"
    assert shown["reply_scheduled_at"] == "2026-11-26T10:00:00+01:00"
    [queued] = cli.json("outbox")
    assert (queued["reply_to"], queued["state"]) == (request_id, "scheduled")
    [listed] = cli.json("list")
    assert (listed["state"], listed["reply_scheduled_at"]) == (
        "reply-scheduled", "2026-11-26T10:00:00+01:00")
    cli.ok("outbox", "reschedule", request_id[:6], "fri", "9:00")
    assert cli.item(request_id)["reply_scheduled_at"] == "2026-11-27T09:00:00+01:00"
    cli.ok("outbox", "cancel", queued["id"][:8])
    shown = cli.item(request_id)
    assert (shown["state"], shown["reply_scheduled_at"]) == ("open", None)
    assert cli.json("outbox") == []


def test_send_without_at_goes_out_in_the_senders_working_hours(cli):
    request_id = mail_request(cli)
    cli.clock.set(cli.clock.now().replace(hour=20))  # Wed 21:00 in Berlin
    cli.ok("reply", request_id, "--send", "--field", "answer=Done.")
    assert cli.item(request_id)["reply_scheduled_at"] == "2026-11-26T09:00:00+01:00"


@pytest.mark.parametrize(("argv", "names"), [
    (("--send", "--at", "yesterday 9:00"), "in the past"),
    (("--send", "--at", "whenever"), "Try 'in 2 hours'"),
    (("--at", "thu 10:00"), "--at goes with --send"),
    (("--template", "nope"), "nope"),
])
def test_bad_reply_input_exits_2_and_queues_nothing(cli, argv, names):
    request_id = mail_request(cli)
    assert names in cli.fails("reply", request_id, "--field", "answer=x", *argv)
    assert cli.json("outbox") == []
    assert cli.item(request_id)["state"] == "open"


def test_bad_outbox_input_exits_2(cli):
    request_id = mail_request(cli)
    cli.ok("reply", request_id, "--send", "--at", "thu 10:00", "--field", "answer=x")
    assert "unhurried outbox" in cli.fails("outbox", "cancel", "zzzz")
    assert "in the past" in cli.fails("outbox", "reschedule", request_id, "yesterday")
    assert cli.item(request_id)["reply_scheduled_at"] == "2026-11-26T10:00:00+01:00"
    assert "unhurried list" in cli.fails("reply", "zzzz")
    assert "account smtp set" in cli.fails("outbox", "deliver")
