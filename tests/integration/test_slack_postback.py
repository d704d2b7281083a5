# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply to a Slack request is posted into its thread by the outbox, against the local Slack
Web API fixture; the token comes only from the keyring."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.drafting.drafts import DraftState
from desktop.core.requests import State
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import KeyringSecrets
from desktop.wiring.services import deliver_outbox, open_context, open_drafting
from tests.integration import test_slack_source as slack_source
from tests.integration.test_slack_source import requests, set_up, sync, ts

server = slack_source.server  # the local Slack Web API and the keyring, as the sync tests use
memory_keyring = slack_source.memory_keyring
no_token_left_behind = slack_source.no_token_left_behind

RELEASE = "#general: Who takes the release? @me"


def queue_reply(data, clock, capsys, server) -> str:
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[0] == 0
    request_id = requests(data, clock, capsys)[RELEASE]["id"]
    context = open_context(resolve_paths(str(data)), clock)
    try:
        drafting = open_drafting(context)
        draft = drafting.drafts.create(body="I take it.", recipient="#general",
                                       reply_to=request_id)
        drafting.outbox.schedule(draft, clock.now(), closes_request=True)
    finally:
        context.close()
    clock.advance(timedelta(minutes=1))
    return request_id


def state_of(data, clock, request_id: str) -> tuple[State, list[tuple[DraftState, str]]]:
    context = open_context(resolve_paths(str(data)), clock)
    try:
        drafts = [(d.state, d.error) for d in open_drafting(context).outbox.pending()]
        return context.queue.get(request_id).state, drafts
    finally:
        context.close()


def test_a_reply_is_posted_into_the_thread_and_closes_the_request(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    thread = ts(clock, 10)
    request_id = queue_reply(data, clock, capsys, server)
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert len(report.sent) == 1
    assert server.api.posted == [{"channel": "C1", "text": "I take it.", "thread_ts": thread}]
    assert state_of(data, clock, request_id)[0] is State.DONE


@pytest.mark.parametrize("code", ["not_in_channel", "invalid_auth"])
def test_a_refused_post_leaves_the_request_open_with_the_reason(
        tmp_path, clock, capsys, server, memory_keyring, code) -> None:
    data = tmp_path / "d"
    request_id = queue_reply(data, clock, capsys, server)
    if code == "invalid_auth":
        server.api.token = "xoxp-revoked"
    else:
        server.api.refuse_posts = code
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert report.sent == []
    assert len(report.failed) == 1
    assert server.api.posted == []
    state, drafts = state_of(data, clock, request_id)
    assert state is not State.DONE
    assert [d for d, _error in drafts] == [DraftState.FAILED]
    assert code in drafts[0][1]


def test_reply_send_queues_a_slack_reply_that_the_outbox_posts(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[0] == 0
    request_id = requests(data, clock, capsys)[RELEASE]["id"]
    thread = ts(clock, 10)
    status, _out, err = slack_source.cli(data, clock, capsys, "reply", request_id, "--send",
                                         "--field", "to=@ben", "--field", "answer=I take it.")
    assert (status, err) == (0, "")
    clock.advance(timedelta(days=7))  # past the sender's next working hour
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert len(report.sent) == 1
    assert [(p["channel"], p["thread_ts"]) for p in server.api.posted] == [("C1", thread)]


@pytest.mark.parametrize("kept", [True, False], ids=["place-kept", "imported-before"])
def test_a_reply_to_a_message_inside_a_thread_posts_to_the_parents_thread(
        tmp_path, clock, capsys, server, memory_keyring, kept) -> None:
    """``I can help`` (ts 11) is a reply in the thread of ts 10: the answer goes to thread 10
    (a reply's own ts starts no thread). A request imported before reply places were kept
    finds the thread in its permalink."""
    data = tmp_path / "d"
    thread = ts(clock, 10)
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[0] == 0
    request_id = requests(data, clock, capsys)["#general: I can help"]["id"]
    context = open_context(resolve_paths(str(data)), clock)
    try:
        if not kept:
            context.db.conn.execute("DELETE FROM reply_places")
            context.db.conn.commit()
        drafting = open_drafting(context)
        draft = drafting.drafts.create(body="Thanks!", recipient="Ann Lee <U1>",
                                       reply_to=request_id)
        drafting.outbox.schedule(draft, clock.now(), closes_request=True)
    finally:
        context.close()
    clock.advance(timedelta(minutes=1))
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert len(report.sent) == 1
    assert server.api.posted == [{"channel": "C1", "text": "Thanks!", "thread_ts": thread}]
    assert state_of(data, clock, request_id)[0] is State.DONE


def pending_posts(data, clock) -> list[str]:
    context = open_context(resolve_paths(str(data)), clock)
    try:
        return [d.body for d in open_drafting(context).outbox.pending()]
    finally:
        context.close()


def test_reply_post_queues_a_chat_reply_to_the_sender_without_a_to_field(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    """``Ben Cohen <U2>`` is no mail address, but a chat reply needs none."""
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[0] == 0
    request_id = requests(data, clock, capsys)[RELEASE]["id"]
    thread = ts(clock, 10)
    status, out, err = slack_source.cli(data, clock, capsys, "reply", request_id, "--post",
                                        "--at", "in 1 hour", "--field", "answer=I take it.")
    assert (status, err) == (0, "")
    assert out.startswith("Queued ")
    assert "(America/New_York)" in out  # Ben's profile zone, found by his chat sender
    assert requests(data, clock, capsys)[RELEASE]["state"] == "reply-scheduled"
    context = open_context(resolve_paths(str(data)), clock)
    try:
        [draft] = open_drafting(context).outbox.pending()
        assert (draft.recipient, draft.recipient_zone) == ("Ben Cohen <U2>", "America/New_York")
    finally:
        context.close()
    clock.advance(timedelta(minutes=30))
    assert deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets()).sent == []
    clock.advance(timedelta(minutes=31))
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert len(report.sent) == 1
    [posted] = server.api.posted
    assert (posted["channel"], posted["thread_ts"]) == ("C1", thread)
    assert "I take it." in posted["text"]
    assert state_of(data, clock, request_id)[0] is State.DONE


def test_reply_post_on_a_request_not_from_chat_says_to_use_send(
        tmp_path, clock, capsys, server, memory_keyring) -> None:
    data = tmp_path / "d"
    assert slack_source.cli(data, clock, capsys, "add", "Budget review",
                            "--from", "ann@example.org", "--channel", "email")[0] == 0
    [row] = requests(data, clock, capsys).values()
    status, out, err = slack_source.cli(data, clock, capsys, "reply", row["id"], "--post",
                                        "--field", "answer=Yes.")
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "use --send" in err
    assert pending_posts(data, clock) == []


# A GitHub personal access token's shape, as detect-secrets knows it (not a real token).
LEAK = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


@pytest.mark.parametrize("flag", ["--post", "--send"])
def test_the_checker_stops_a_reply_with_a_secret_unless_anyway(
        tmp_path, clock, capsys, server, memory_keyring, flag) -> None:
    """Posting is checked exactly as sending: an error stops it, ``--anyway`` overrides."""
    data = tmp_path / "d"
    set_up(data, clock, capsys, server)
    assert sync(data, clock, capsys)[0] == 0
    request_id = requests(data, clock, capsys)[RELEASE]["id"]
    answer = f"answer=Use the token {LEAK} for the release."
    status, out, err = slack_source.cli(data, clock, capsys, "reply", request_id, flag,
                                        "--field", answer)
    assert (status, out) == (1, "")
    assert ": error: secret: " in err
    assert "--anyway" in err.splitlines()[-1]
    assert pending_posts(data, clock) == []
    status, out, err = slack_source.cli(data, clock, capsys, "reply", request_id, flag,
                                        "--field", answer, "--anyway")
    assert status == 0
    assert ": error: secret: " in err  # still said, but queued
    [body] = pending_posts(data, clock)
    assert LEAK in body
