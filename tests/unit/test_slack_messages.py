# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Slack messages as chat requests (pure): what counts, markup, permalinks, timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.importing.slack_messages import (
    Message,
    mentions,
    permalink,
    plain_text,
    read_message,
    to_item,
    ts_after,
)
from desktop.core.requests import Channel
from tests.fakes.slack_api import msg, tombstone


@pytest.mark.parametrize("data", [
    tombstone("1795600000.000100"),
    {**msg("U1", "1795600000.000100", "x"), "subtype": "message_deleted"},
    {**msg("U1", "1795600000.000100", "x"), "subtype": "channel_join"},
    {**msg("U1", "1795600000.000100", "x"), "bot_id": "B1"},
    {"type": "message", "text": "no user", "ts": "1795600000.000100"},
    msg("U1", "not a time", "x"), msg("U1", "99999999999999", "x"), "text", None,
])
def test_what_is_not_a_message_from_a_person(data) -> None:
    assert read_message("C1", data) is None


def test_a_message_and_its_request() -> None:
    message = read_message("C1", msg("U1", "1795600000.000100", "Hi <@U0ME>, see "
                                     "<https://x.example|the doc> &amp; <#C2|random>",
                                     "1795599000.000200"))
    assert message == Message("C1", "1795600000.000100", "U1",
                              "Hi <@U0ME>, see <https://x.example|the doc> &amp; <#C2|random>",
                              "1795599000.000200")
    assert mentions(message, "U0ME")
    assert not mentions(message, "U0ME2")
    item = to_item(message, "Ann <U1>", "https://acme.slack.com/", "#general", {"U0ME": "me"})
    assert item.subject == "#general: Hi @me, see the doc & #random"
    assert item.links == ("https://acme.slack.com/archives/C1/p1795600000000100"
                          "?thread_ts=1795599000.000200&cid=C1",)
    assert (item.channel, item.external_id) == (Channel.CHAT, "C1/1795600000.000100")
    assert item.received_at == datetime.fromtimestamp(1795600000.0001, UTC)


def test_a_permalink_needs_an_https_workspace() -> None:
    message = Message("D1", "1.5", "U1", "x", "")
    assert permalink("javascript:x", message) == ""
    assert permalink("https://a.slack.com", message) == "https://a.slack.com/archives/D1/p15"


def test_markup_becomes_plain_text() -> None:
    assert plain_text("<!here> <@U1|ann> <mailto:a@x|a@x> &lt;b&gt;") == "@here @ann a@x <b>"


def test_long_text_is_cut_for_the_subject() -> None:
    item = to_item(Message("D1", "1795600000.1", "U1", "word " * 100, ""), "Ann", "", "")
    assert len(item.subject) == 120
    assert item.links == ()


@given(st.integers(0, 4_000_000_000), st.integers(0, 999_999),
       st.integers(0, 4_000_000_000), st.integers(0, 999_999))
def test_ts_after_orders_like_the_numbers(s1, f1, s2, f2) -> None:
    a, b = f"{s1}.{f1:06d}", f"{s2}.{f2:06d}"
    assert ts_after(a, b) == ((s1, f1) > (s2, f2))
    assert ts_after(a, "") == ((s1, f1) > (0, 0))
