# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reply's prefilled fields: ``Re:`` once, the opening of their message, their deadline in
their zone and a proposed reply-by at the end of one of their working days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.core.drafting.replies import quoted_ask, reply_subject, reply_values
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
                      body="Can you review the plan? It is short.",
                      links=("https://docs.example.org/plan",),
                      reply_by=datetime(2026, 11, 26, 16, tzinfo=UTC))
    values = reply_values(request, NOW, "Europe/Berlin", their_zone="Asia/Tokyo")
    assert values == {
        "to": "Ana <ana@example.org>", "subject": "Re: Can you review the plan?",
        "quoted": "Can you review the plan? It is short.",
        "link": "https://docs.example.org/plan",
        "their_deadline": Moment(datetime(2026, 11, 26, 16, tzinfo=UTC), "Asia/Tokyo"),
        "reply_by": Moment(datetime(2026, 11, 26, 8, tzinfo=UTC), "Asia/Tokyo"),
    }
    bare = reply_values(Request("r2", "Hi", NOW, NOW), NOW, "Europe/Berlin")
    assert "their_deadline" not in bare
    assert bare["quoted"] == "Hi"
