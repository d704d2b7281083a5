# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Matrix events as chat requests (pure): what counts, mentions, threads, replies, links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.importing.matrix_events import Event, mentions, permalink, read_event, to_item
from desktop.core.requests import Channel

STAMP = 1795600000000


def event(body: str = "hi", **content: object) -> dict:
    return {"type": "m.room.message", "event_id": "$e1", "sender": "@bob:x",
            "origin_server_ts": STAMP, "content": {"msgtype": "m.text", "body": body, **content}}


def test_a_text_message_with_thread_reply_and_mentions() -> None:
    read = read_event("!r:x", event("> <@ann:x> old\n\nnew text", **{
        "m.relates_to": {"rel_type": "m.thread", "event_id": "$root",
                         "m.in_reply_to": {"event_id": "$prev"}},
        "m.mentions": {"user_ids": ["@ann:x", 3]}}))
    assert read == Event("!r:x", "$e1", "@bob:x", "> <@ann:x> old\n\nnew text",
                         datetime.fromtimestamp(STAMP / 1000, UTC), "$root", "$prev",
                         ("@ann:x",))
    assert mentions(read, "@ann:x")
    item = to_item(read, "Bob <@bob:x>", "Team")
    assert (item.subject, item.channel, item.external_id) == ("Team: new text", Channel.CHAT,
                                                              "$e1")
    assert item.links == ("https://matrix.to/#/!r:x/$e1",)


@pytest.mark.parametrize("data", [
    {**event(), "type": "m.room.encrypted"}, {**event(), "origin_server_ts": "soon"},
    {**event(), "origin_server_ts": True}, event(msgtype="m.image"), {**event(), "content": []},
    {"type": "m.room.message"}, "text", None,
])
def test_what_is_not_a_readable_message(data) -> None:
    assert read_event("!r:x", data) is None


def test_mentions_by_id_or_display_name_only() -> None:
    plain = read_event("!r:x", event("Ann Lee, can you look?"))
    assert mentions(plain, "@ann:x", "Ann Lee")
    assert not mentions(plain, "@ann:x", "")
    assert mentions(read_event("!r:x", event("ping @ann:x")), "@ann:x")


def test_the_permalink_escapes_what_it_must() -> None:
    message = Event("!a b:x", "$e/1", "@b:x", "t", datetime(2026, 1, 1, tzinfo=UTC), "", "", ())
    assert permalink(message) == "https://matrix.to/#/!a%20b:x/$e%2F1"


@given(st.recursive(st.none() | st.booleans() | st.text() | st.integers(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_arbitrary_json_never_raises(value) -> None:
    read_event("!r:x", value)
    read_event("!r:x", {**event(), "content": value})
