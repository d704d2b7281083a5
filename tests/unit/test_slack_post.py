# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Posting a reply into the Slack thread of its request."""

from __future__ import annotations

import io
import json
import urllib.request
from datetime import UTC, datetime
from urllib.parse import parse_qs

import pytest

from desktop.core.drafting.outbox import OutgoingMail, SendFailed
from desktop.sources.slack_api import SlackClient
from desktop.sources.slack_post import SlackPoster

EXTERNAL = {"req-1": "C0123/1700000000.000100", "req-export": "C0123:1700000000.000100"}


class FakeSlack:
    def __init__(self, answer: dict) -> None:
        self.answer = answer
        self.posted: list[tuple[str, dict[str, list[str]]]] = []

    def __call__(self, request: urllib.request.Request, _timeout: float) -> io.BytesIO:
        body = request.data if isinstance(request.data, bytes) else b""
        self.posted.append((request.full_url, parse_qs(body.decode())))
        return io.BytesIO(json.dumps(self.answer).encode())


def reply(reply_to: str = "req-1") -> OutgoingMail:
    return OutgoingMail("d1", "me", "#team", "", "Done, see the PR.",
                        datetime(2026, 1, 5, 10, tzinfo=UTC), reply_to=reply_to)


def poster(fake: FakeSlack) -> SlackPoster:
    return SlackPoster(SlackClient("http://slack.test/api", "xoxp-1", opener=fake), EXTERNAL.get)


def test_a_reply_is_posted_into_the_requests_thread():
    fake = FakeSlack({"ok": True, "ts": "1700000001.000200"})
    poster(fake).send(reply())
    assert fake.posted == [("http://slack.test/api/chat.postMessage", {
        "channel": ["C0123"], "text": ["Done, see the PR."],
        "thread_ts": ["1700000000.000100"]})]


@pytest.mark.parametrize("code", ["not_in_channel", "invalid_auth"])
def test_a_refused_post_fails_permanently_with_slacks_reason(code):
    with pytest.raises(SendFailed) as refused:
        poster(FakeSlack({"ok": False, "error": code})).send(reply())
    assert not refused.value.transient
    assert code in refused.value.reason


def test_a_reply_whose_request_is_gone_is_not_posted():
    fake = FakeSlack({"ok": True})
    with pytest.raises(SendFailed):
        poster(fake).send(reply("req-gone"))
    assert fake.posted == []


def test_an_exported_requests_key_names_the_same_thread():
    fake = FakeSlack({"ok": True})
    poster(fake).send(reply("req-export"))
    assert fake.posted[0][1]["thread_ts"] == ["1700000000.000100"]
