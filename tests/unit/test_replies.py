# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply's prefilled fields: ``Re:`` once, the opening of their message, a deadline only when
the sender asked for one (in their zone), never the user's own reply-by; and the thread
headers from the request's Message-ID."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.core.drafting.asked_by import asked_deadline
from desktop.core.drafting.replies import (
    quoted_ask,
    reply_subject,
    reply_values,
    thread_headers,
)
from desktop.core.drafting.templates import Moment
from desktop.core.requests import Request

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("subject", "expected"), [
    ("Budget", "Re: Budget"), ("RE: Budget", "RE: Budget"), ("Aw:  Budget\n", "Aw: Budget")])
def test_re_is_added_once(subject: str, expected: str) -> None:
    assert reply_subject(subject) == expected


def test_the_quote_is_cut_at_a_sentence_end() -> None:
    body = "First sentence here. " * 30
    quoted = quoted_ask(body, limit=100)
    assert quoted.endswith("here.")
    assert len(quoted) <= 100
    assert quoted_ask("x" * 50 + " " + "y" * 100, limit=60).endswith(" …")


def test_reply_values_come_from_the_request() -> None:
    request = Request("r1", "Can you review the plan?", NOW, NOW, sender="Ana <ana@example.org>",
                      body="Can you review the plan by Friday 5pm? It is short.",
                      links=("https://docs.example.org/plan",),
                      reply_by=datetime(2026, 11, 26, 16, tzinfo=UTC))
    values = reply_values(request, NOW, "Europe/Berlin", their_zone="Asia/Tokyo")
    assert values == {
        "to": "Ana <ana@example.org>", "subject": "Re: Can you review the plan?",
        "quoted": "Can you review the plan by Friday 5pm? It is short.",
        "link": "https://docs.example.org/plan",
        # Friday 17:00 in Tokyo, where she is: what she asked, in her zone
        "their_deadline": Moment(datetime(2026, 11, 27, 8, tzinfo=UTC), "Asia/Tokyo"),
    }
    bare = reply_values(Request("r2", "Hi", NOW, NOW), NOW, "Europe/Berlin")
    assert "their_deadline" not in bare
    assert bare["quoted"] == "Hi"


def test_the_users_own_reply_by_is_never_presented_as_theirs() -> None:
    request = Request("r1", "Plan", NOW, NOW, sender="ana@example.org", body="Have a look.",
                      reply_by=datetime(2026, 11, 26, 16, tzinfo=UTC),
                      due=datetime(2026, 11, 27, 16, tzinfo=UTC))
    values = reply_values(request, NOW, "Europe/Berlin", their_zone="America/New_York")
    assert "their_deadline" not in values
    assert "reply_by" not in values  # a commitment is the user's to make


NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(("text", "expected"), [
    ("Could you answer by Friday 5pm?", datetime(2026, 11, 27, 22, tzinfo=UTC)),
    ("I need it no later than nov 30, thanks", datetime(2026, 11, 30, 14, tzinfo=UTC)),
    ("Deadline: tomorrow 12:00.", datetime(2026, 11, 26, 17, tzinfo=UTC)),
    ("Written by the team, reviewed by 3 people.", None),
    ("Thanks for the notes, nothing urgent.", None),
    ("It was broken until now.", None),
])
def test_a_deadline_is_read_only_where_the_sender_gave_one(text: str,
                                                            expected: datetime | None) -> None:
    assert asked_deadline(text, NOW, NEW_YORK) == expected


def test_thread_headers_come_from_a_mail_message_id_only() -> None:
    mail = Request("r1", "Plan", NOW, NOW, external_id="<abc.1@mail.example.org>",
                   source="mail")
    assert thread_headers(mail) == ("<abc.1@mail.example.org>", "<abc.1@mail.example.org>")
    chat = Request("r2", "Plan", NOW, NOW, external_id="https://slack.example/p1", source="slack")
    assert thread_headers(chat) == ("", "")
    assert thread_headers(Request("r3", "Plan", NOW, NOW, external_id="sha256:ab")) == ("", "")
