# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply to a Matrix request is posted by the outbox into its room (and thread) on a real
Synapse, read back by a second client, and closes the request; a revoked token leaves it open
with the reason. The access token comes only from the keyring and is nowhere on disk."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from desktop.core.drafting.drafts import DraftState
from desktop.core.requests import State
from desktop.platform.paths import resolve_paths
from desktop.platform.secrets import KeyringSecrets
from desktop.wiring.services import deliver_outbox, open_context, open_drafting
from tests.integration import test_matrix_source as source
from tests.integration.test_matrix_source import PASSWORD, Person, cli, subjects, sync, unique
from tests.reliability.secret_scan import scan_app_dirs

pytestmark = pytest.mark.integration
synapse = source.synapse
memory_keyring = source.memory_keyring
no_password_left_behind = source.no_password_left_behind


def events(person: Person, room_id: str) -> list[dict[str, Any]]:
    """The room's message events as ``person`` (a second nio client) reads them, newest first."""

    async def job(client: Any) -> list[dict[str, Any]]:
        from nio import RoomMessagesResponse

        response = await client.room_messages(room_id, start="", limit=50)
        assert isinstance(response, RoomMessagesResponse), response
        return [e.source for e in response.chunk if e.source.get("type") == "m.room.message"]

    return list(person._run(job))


class Team:
    """Ann uses Unhurried; Bob asks her in a DM, Carol in a thread of the Team room."""

    def __init__(self, synapse: Any) -> None:
        self.ann, self.bob, self.carol = (Person(synapse, unique(n))
                                          for n in ("ann", "bob", "carol"))
        self.dm = self.bob.create("", [self.ann.user_id], direct=True)
        self.ann.join(self.dm)
        self.group = self.bob.create("Team", [self.ann.user_id, self.carol.user_id])
        self.ann.join(self.group)
        self.carol.join(self.group)
        self.asked = self.bob.say(self.dm, "Budget for Q1?")
        self.root = self.carol.say(self.group, "Release plan", mentions=[])
        self.in_thread = self.carol.say(self.group, "Can you take the notes?",
                                        thread=self.root, mentions=[self.ann.user_id])


def set_up(data, clock, capsys, synapse, memory_keyring) -> tuple[Team, dict[str, str], str]:
    team = Team(synapse)
    assert cli(data, clock, capsys, "account", "matrix", "set", synapse.url, team.ann.user_id,
               "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    [token] = memory_keyring.store.values()
    status, report, _err = sync(data, clock, capsys)
    assert (status, report["received"]) == (0, 2)
    ids = {subject: row["id"] for subject, row in subjects(data, clock, capsys).items()}
    return team, ids, token


def queue_replies(data, clock, replies: dict[str, tuple[str, str]]) -> None:
    """Schedule a reply (recipient, body) to each request id, due now."""
    context = open_context(resolve_paths(str(data)), clock)
    try:
        drafting = open_drafting(context)
        for request_id, (to, body) in replies.items():
            draft = drafting.drafts.create(body=body, recipient=to, reply_to=request_id)
            drafting.outbox.schedule(draft, clock.now(), closes_request=True)
    finally:
        context.close()
    clock.advance(timedelta(minutes=1))


def states(data, clock, ids: list[str]) -> tuple[list[State], list[tuple[DraftState, str]]]:
    context = open_context(resolve_paths(str(data)), clock)
    try:
        drafts = [(d.state, d.error) for d in open_drafting(context).outbox.pending()]
        return [context.queue.get(i).state for i in ids], drafts
    finally:
        context.close()


def test_replies_land_in_the_thread_and_the_dm_and_close_the_requests(
        tmp_path, clock, capsys, synapse, memory_keyring) -> None:
    data = tmp_path / "d"
    team, ids, token = set_up(data, clock, capsys, synapse, memory_keyring)
    notes, budget = ids["Team: Can you take the notes?"], ids["Budget for Q1?"]
    queue_replies(data, clock, {notes: (f"Carol <{team.carol.user_id}>", "I take them."),
                                budget: (team.bob.user_id, "20k, as planned.")})

    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert (len(report.sent), report.failed, report.retrying) == (2, [], [])

    # Bob, a second client, reads both rooms.
    [posted] = [e for e in events(team.bob, team.group) if e["content"]["body"] == "I take them."]
    assert posted["sender"] == team.ann.user_id
    assert posted["content"]["m.relates_to"] == {
        "rel_type": "m.thread", "event_id": team.root, "is_falling_back": False,
        "m.in_reply_to": {"event_id": team.in_thread}}
    assert posted["content"]["m.mentions"] == {"user_ids": [team.carol.user_id]}
    [answer] = [e for e in events(team.bob, team.dm) if e["content"]["body"] == "20k, as planned."]
    assert answer["content"]["m.relates_to"] == {"m.in_reply_to": {"event_id": team.asked}}

    assert states(data, clock, [notes, budget]) == ([State.DONE, State.DONE], [])
    # The next sync sees Ann's replies as hers: nothing new arrives, nothing reopens.
    status, again, _err = sync(data, clock, capsys)
    assert (status, again["received"]) == (0, 0)
    assert states(data, clock, [notes, budget])[0] == [State.DONE, State.DONE]
    assert scan_app_dirs({PASSWORD, token}, data) == []


def test_a_revoked_token_leaves_the_request_open_with_the_reason(
        tmp_path, clock, capsys, synapse, memory_keyring) -> None:
    data = tmp_path / "d"
    team, ids, token = set_up(data, clock, capsys, synapse, memory_keyring)
    notes = ids["Team: Can you take the notes?"]
    queue_replies(data, clock, {notes: (team.carol.user_id, "I take them.")})
    [key] = memory_keyring.store
    memory_keyring.store[key] = "syt_revoked_" + token[-8:]

    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert (report.sent, len(report.failed)) == ([], 1)
    [state], [(draft_state, reason)] = states(data, clock, [notes])
    assert state is not State.DONE
    assert draft_state is DraftState.FAILED
    assert "M_UNKNOWN_TOKEN" in reason
    assert [e for e in events(team.bob, team.group)
            if e["content"]["body"] == "I take them."] == []
    assert scan_app_dirs({PASSWORD, token}, data) == []


def test_an_unreachable_server_leaves_the_reply_to_be_tried_again(
        tmp_path, clock, capsys, synapse, memory_keyring) -> None:
    data = tmp_path / "d"
    team, ids, token = set_up(data, clock, capsys, synapse, memory_keyring)
    budget = ids["Budget for Q1?"]
    queue_replies(data, clock, {budget: (team.bob.user_id, "20k.")})
    synapse.stop()
    try:
        report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
        assert (report.sent, len(report.retrying)) == ([], 1)
        [state], [(draft_state, reason)] = states(data, clock, [budget])
        assert state is not State.DONE
        assert draft_state is not DraftState.FAILED  # tried again later
        assert "cannot be reached" in reason
    finally:
        synapse.start()
    assert scan_app_dirs({PASSWORD, token}, data) == []


def test_reply_post_from_the_command_line_lands_in_the_thread(
        tmp_path, clock, capsys, synapse, memory_keyring) -> None:
    """``reply ID --post`` with the Matrix sender as the recipient (no ``--field to=``)."""
    data = tmp_path / "d"
    team, ids, token = set_up(data, clock, capsys, synapse, memory_keyring)
    notes = ids["Team: Can you take the notes?"]
    status, out, err = cli(data, clock, capsys, "reply", notes, "--post", "--at", "now",
                           "--field", "answer=I take them.")
    assert (status, err) == (0, "")
    assert out.startswith("Queued ")
    clock.advance(timedelta(minutes=1))
    report = deliver_outbox(resolve_paths(str(data)), clock, KeyringSecrets())
    assert len(report.sent) == 1
    [posted] = [e for e in events(team.carol, team.group)
                if "I take them." in e["content"]["body"]]
    relation = posted["content"]["m.relates_to"]
    assert (relation["rel_type"], relation["event_id"]) == ("m.thread", team.root)
    assert posted["content"]["m.mentions"] == {"user_ids": [team.carol.user_id]}
    assert states(data, clock, [notes])[0] == [State.DONE]
    assert scan_app_dirs({PASSWORD, token}, data) == []
