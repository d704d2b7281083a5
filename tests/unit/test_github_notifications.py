# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub notification threads as requests (pure): reasons, links, paging and wait headers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.importing.github_notifications import (
    REASONS,
    NotificationThread,
    html_link,
    next_page,
    parse_thread,
    poll_interval,
    retry_after,
)
from desktop.core.importing.items import Problem
from desktop.core.requests import Channel, Priority
from tests.fakes.github_api import thread


@pytest.mark.parametrize(("api", "html"), [
    ("https://api.github.com/repos/o/r/pulls/7", "https://github.com/o/r/pull/7"),
    ("https://api.github.com/repos/o/r/issues/12", "https://github.com/o/r/issues/12"),
    ("https://api.github.com/repos/o/r/commits/abc123", "https://github.com/o/r/commit/abc123"),
    ("", "https://github.com/o/r"),
    ("https://api.github.com/repos/o/r/check-suites/1", "https://github.com/o/r"),
])
def test_html_link(api, html) -> None:
    assert html_link(api, "https://github.com/o/r") == html


def test_a_repository_without_a_web_address_gives_no_link() -> None:
    assert html_link("https://api.github.com/repos/o/r/pulls/7", "javascript:alert(1)") == ""


def test_a_review_request_becomes_a_high_priority_tracker_request() -> None:
    parsed = parse_thread(thread("1", "review_requested", "  Add\nretry ", "pulls", 7,
                                 "2026-11-25T09:00:00Z"))
    assert isinstance(parsed, NotificationThread)
    item = parsed.item
    assert (item.source, item.external_id, item.subject, item.sender) == (
        "github", "1", "Add retry", "octo/hello")
    assert (item.channel, item.priority, parsed.read) == (Channel.TRACKER, Priority.HIGH, False)
    assert item.received_at == datetime(2026, 11, 25, 9, tzinfo=UTC)
    assert item.links == ("https://github.com/octo/hello/pull/7",)


@pytest.mark.parametrize("reason", ["subscribed", "ci_activity", "state_change", "manual"])
def test_reasons_that_ask_nothing_are_left_out(reason) -> None:
    assert parse_thread(thread("1", reason, "x")) is None


def test_read_only_counts_when_read_after_the_last_activity() -> None:
    before = thread("1", "mention", "x", updated_at="2026-11-25T09:00:00Z", unread=False,
                    last_read_at="2026-11-25T08:00:00Z")
    after = thread("1", "mention", "x", updated_at="2026-11-25T09:00:00Z", unread=False,
                   last_read_at="2026-11-25T09:30:00Z")
    assert [parse_thread(t).read for t in (before, after)] == [False, True]  # type: ignore[union-attr]


@pytest.mark.parametrize("broken", [
    {}, {"id": "1"}, {**thread("1", "mention", "x"), "updated_at": "yesterday"},
    {**thread("1", "mention", "x"), "updated_at": "9999-01-01T00:00:00Z"}, [], "text",
])
def test_off_the_reference_is_a_problem(broken) -> None:
    assert isinstance(parse_thread(broken), Problem)


@given(st.recursive(st.none() | st.booleans() | st.text() | st.integers(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_arbitrary_json_never_raises(value) -> None:
    parsed = parse_thread(value)
    assert parsed is None or isinstance(parsed, NotificationThread | Problem)


def test_next_page_and_headers() -> None:
    header = ('<https://api.github.com/notifications?page=2>; rel="next", '
              '<https://api.github.com/notifications?page=5>; rel="last"')
    assert next_page(header) == "https://api.github.com/notifications?page=2"
    assert next_page('<https://x/?page=5>; rel="last"') is None
    assert next_page(None) is None
    assert (poll_interval("120"), poll_interval(None), poll_interval("soon")) == (120, 60, 60)
    assert (retry_after("30"), retry_after("Wed, 21 Oct 2026 07:28:00 GMT")) == (30, 60)
    assert set(REASONS) >= {"review_requested", "mention", "assign", "comment"}


@pytest.mark.parametrize("field", ["subject", "repository"])
def test_a_subject_or_repository_that_is_not_an_object_is_a_problem(field) -> None:
    assert isinstance(parse_thread({**thread("1", "mention", "x"), field: ["x"]}), Problem)
