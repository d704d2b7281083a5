# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The content of a Matrix reply (spec: Threading, Rich replies) and where it is posted."""

from __future__ import annotations

import pytest

from desktop.core.drafting.outbox import OutgoingMail, SendFailed
from desktop.core.drafting.routes import ReplyPlace
from desktop.sources.matrix_post import MatrixPoster, mentioned_user, reply_content


def test_a_reply_inside_a_thread_relates_to_the_root_and_replies_to_the_event() -> None:
    content = reply_content("Yes.", "$ask", "$root", ("@carol:x",))
    assert content == {"msgtype": "m.text", "body": "Yes.",
                       "m.mentions": {"user_ids": ["@carol:x"]},
                       "m.relates_to": {"rel_type": "m.thread", "event_id": "$root",
                                        "is_falling_back": False,
                                        "m.in_reply_to": {"event_id": "$ask"}}}


def test_a_reply_outside_a_thread_is_a_rich_reply_to_the_event() -> None:
    content = reply_content("Yes.", "$ask")
    assert content["m.relates_to"] == {"m.in_reply_to": {"event_id": "$ask"}}
    assert content["m.mentions"] == {"user_ids": []}


@pytest.mark.parametrize(("recipient", "expected"), [
    ("Ben Cohen <@ben:example.org>", ("@ben:example.org",)),
    ("@ben:example.org", ("@ben:example.org",)),
    ("ben@example.org", ()),
    ("Ben Cohen <U2>", ()),
    ("", ()),
])
def test_the_mentioned_user_is_read_from_the_recipient(recipient, expected) -> None:
    assert mentioned_user(recipient) == expected


def test_a_reply_whose_room_is_unknown_fails_for_good_without_a_connection(clock) -> None:
    poster = MatrixPoster("http://127.0.0.1:9", "@ann:x", "t", "D",
                          lambda request_id: ("$ask", None))
    mail = OutgoingMail("d1", "", "@ben:x", "", "Yes.", clock.now(), reply_to="r1")
    with pytest.raises(SendFailed) as raised:
        poster.send(mail)
    assert not raised.value.transient
    gone = MatrixPoster("http://127.0.0.1:9", "@ann:x", "t", "D", lambda request_id: None)
    with pytest.raises(SendFailed):
        gone.send(mail)
    assert ReplyPlace("!r:x").thread == ""
