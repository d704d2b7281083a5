# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The status message: what the policy promises a sender, in the reader's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.core.calendar import BusinessCalendar
from desktop.core.policy import DEFAULT_POLICY, parse_target
from desktop.core.queue.status import describe_target, status_message
from desktop.core.requests import Channel, Priority
from desktop.core.working_hours import WorkingHours

UTC_OFFICE = BusinessCalendar(UTC, WorkingHours.office())
NOW = datetime(2026, 11, 25, 10, 5, tzinfo=UTC)  # Wednesday


def moment(value: datetime) -> str:
    return value.strftime("%a %H:%M UTC")


def clock(value: datetime) -> str:
    return value.strftime("%H:%M UTC")


@pytest.mark.parametrize(("text", "words"), [
    ("1bd", "1 business day"), ("2bd", "2 business days"), ("0.5bd", "0.5 business days"),
    ("1bh", "1 business hour"), ("4bh", "4 business hours"), ("48h", "48 hours"),
])
def test_targets_read_as_words(text, words):
    assert describe_target(parse_target(text)) == words


def test_the_seeds_example():
    text = status_message(DEFAULT_POLICY, UTC_OFFICE, NOW, Channel.CHAT, moment, clock,
                          focus_until=datetime(2026, 11, 25, 11, 30, tzinfo=UTC))
    assert text == ("Focusing until 11:30 UTC. I answer chat within 1 business day, so your "
                    "message from 10:05 UTC gets a reply by Thu 10:05 UTC.")


def test_no_focus_part_once_the_block_is_over_and_calendar_hours_count_the_clock():
    policy = DEFAULT_POLICY.with_target(Channel.TRACKER, Priority.NORMAL, parse_target("48h"))
    text = status_message(policy, UTC_OFFICE, NOW, Channel.TRACKER, moment, clock,
                          focus_until=NOW)
    assert text == ("I answer tracker comments within 48 hours, so your comment from 10:05 UTC "
                    "gets a reply by Fri 10:05 UTC.")


def test_business_time_runs_over_the_weekend_in_the_users_calendar():
    berlin = BusinessCalendar(ZoneInfo("Europe/Berlin"), WorkingHours.office())
    friday_late = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 16:00 in Berlin
    text = status_message(DEFAULT_POLICY, berlin, friday_late, Channel.EMAIL, moment, clock)
    assert text.endswith("gets a reply by Mon 15:00 UTC.")  # 1 h Friday + 7 h Monday
