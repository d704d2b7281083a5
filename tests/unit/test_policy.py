# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for ``desktop.core.policy``: the default norms, targets and their text form."""

from __future__ import annotations

from datetime import timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest

from desktop.core.calendar import BusinessCalendar
from desktop.core.errors import InvalidInput
from desktop.core.policy import (
    DEFAULT_POLICY,
    DEFAULT_TARGETS,
    ResponsePolicy,
    Target,
    TargetUnit,
    parse_target,
)
from desktop.core.requests import Channel, Priority
from desktop.core.working_hours import parse_working_hours

BD, BH, HOURS = TargetUnit.BUSINESS_DAYS, TargetUnit.BUSINESS_HOURS, TargetUnit.HOURS


# -- the defaults (DESIGN.md, "The response-time norms") --------------------------------------


@pytest.mark.parametrize(
    ("channel", "priority", "target"),
    [
        (Channel.CHAT, Priority.NORMAL, Target(1, BD)),
        (Channel.CHAT, Priority.LOW, Target(1, BD)),
        (Channel.TRACKER, Priority.HIGH, Target(1, BD)),
        (Channel.TRACKER, Priority.NORMAL, Target(2, BD)),
        (Channel.TRACKER, Priority.LOW, Target(2, BD)),
        (Channel.EMAIL, Priority.NORMAL, Target(1, BD)),
        (Channel.EMAIL, Priority.LOW, Target(1, BD)),
        (Channel.EMAIL, Priority.HIGH, Target(1, BD)),
        (Channel.CHAT, Priority.HIGH, Target(1, BD)),
        (Channel.MANUAL, Priority.NORMAL, Target(1, BD)),
    ],
)
def test_default_targets_follow_the_norms(channel, priority, target):
    assert DEFAULT_POLICY.target_for(channel, priority) == target
    assert DEFAULT_TARGETS[(channel, priority)] == target


@pytest.mark.parametrize("channel", list(Channel))
def test_urgent_is_one_business_hour_on_every_channel(channel):
    assert DEFAULT_POLICY.target_for(channel, Priority.URGENT) == Target(1, BH)


def test_defaults_cover_every_channel_and_priority():
    assert set(DEFAULT_TARGETS) == {(c, p) for c in Channel for p in Priority}
    assert DEFAULT_POLICY.counts_business_time


def test_the_default_table_cannot_be_changed():
    with pytest.raises(TypeError):
        DEFAULT_TARGETS[(Channel.CHAT, Priority.LOW)] = Target(5, HOURS)  # type: ignore[index]


# -- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("1bd", Target(1, BD)),
        ("4bh", Target(4, BH)),
        ("48h", Target(48, HOURS)),
        ("0.5bd", Target(0.5, BD)),
        ("  2 BD ", Target(2, BD)),
        ("1.25Bh", Target(1.25, BH)),
        ("0h", Target(0, HOURS)),
        ("72H", Target(72, HOURS)),
    ],
)
def test_parse_target(text, target):
    assert parse_target(text) == target


@pytest.mark.parametrize(
    "text",
    ["", "1", "bd", "1d", "1 day", "-1bd", "1.bd", ".5bd", "1,5bd", "1bdh", "1e3h", "one bd"],
)
def test_parse_target_rejects_other_text(text):
    with pytest.raises(InvalidInput, match=r"1bd \(business days\), 4bh \(business hours\)"):
        parse_target(text)


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target(1, BD), "1bd"),
        (Target(0.5, BD), "0.5bd"),
        (Target(4, BH), "4bh"),
        (Target(48, HOURS), "48h"),
        (Target(1.25, BH), "1.25bh"),
    ],
)
def test_target_text_form_reads_back(target, text):
    assert str(target) == text
    assert parse_target(text) == target


@pytest.mark.parametrize(
    "target",
    [Target(1_000_000, HOURS), Target(2_500_000, BH), Target(1.2345678, BD), Target(100.125, BH)],
)
def test_every_target_text_form_reads_back_unchanged(target):
    """Bug: ``str`` uses ``:g`` (six significant digits, exponent for big numbers), so
    ``str(Target(1_000_000, HOURS))`` is ``1e+06h``, which ``parse_target`` rejects, and
    ``1.2345678bd`` becomes ``1.23457bd``."""
    assert parse_target(str(target)) == target


@pytest.mark.parametrize(("unit", "is_business"), [(BD, True), (BH, True), (HOURS, False)])
def test_unit_counts_business_time(unit, is_business):
    assert unit.is_business is is_business


# -- durations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "duration"),
    [
        ("1bd", timedelta(hours=8), timedelta(hours=8)),
        ("2bd", timedelta(hours=8), timedelta(hours=16)),
        ("0.5bd", timedelta(hours=8), timedelta(hours=4)),
        ("1bd", timedelta(hours=7, minutes=30), timedelta(hours=7, minutes=30)),
        ("4bh", timedelta(hours=8), timedelta(hours=4)),
        ("4bh", timedelta(hours=3), timedelta(hours=4)),  # hours do not depend on the day
        ("48h", timedelta(hours=8), timedelta(hours=48)),
        ("1.5h", timedelta(hours=8), timedelta(minutes=90)),
    ],
)
def test_target_duration(text, day, duration):
    assert parse_target(text).duration(day) == duration


@pytest.mark.parametrize(
    ("hours", "one_day"),
    [
        ("mon-fri 09:00-17:00", timedelta(hours=8)),
        ("mon-thu 09:00-17:00; fri 09:00-13:00", timedelta(hours=8)),  # the most common day
        ("mon-fri 09:00-12:00,13:00-17:00", timedelta(hours=7)),
        ("mon-tue 08:00-18:00; wed-thu 08:00-12:00", timedelta(hours=10)),  # tie: the longer
        ("mon-fri 22:00-06:00", timedelta(hours=8)),
    ],
)
def test_n_business_days_are_n_calendar_day_lengths(hours, one_day):
    calendar = BusinessCalendar(ZoneInfo("Europe/Berlin"), parse_working_hours(hours))
    assert calendar.day_length == one_day
    assert parse_target("3bd").duration(calendar.day_length) == 3 * one_day


# -- a user's policy -------------------------------------------------------------------------


def test_missing_pairs_fall_back_to_the_defaults():
    policy = ResponsePolicy(MappingProxyType({(Channel.CHAT, Priority.LOW): Target(3, BD)}))
    assert policy.target_for(Channel.CHAT, Priority.LOW) == Target(3, BD)
    assert policy.target_for(Channel.TRACKER, Priority.NORMAL) == Target(2, BD)
    assert policy.target_for(Channel.EMAIL, Priority.URGENT) == Target(1, BH)


def test_with_target_returns_a_changed_copy():
    changed = DEFAULT_POLICY.with_target(Channel.EMAIL, Priority.LOW, Target(48, HOURS))
    assert changed.target_for(Channel.EMAIL, Priority.LOW) == Target(48, HOURS)
    assert DEFAULT_POLICY.target_for(Channel.EMAIL, Priority.LOW) == Target(1, BD)
    assert changed.target_for(Channel.EMAIL, Priority.NORMAL) == Target(1, BD)


def test_counts_business_time_only_when_some_target_does():
    only_hours = {(c, p): Target(24, HOURS) for c in Channel for p in Priority}
    policy = ResponsePolicy(MappingProxyType(only_hours))
    assert not policy.counts_business_time
    assert policy.with_target(Channel.CHAT, Priority.LOW, Target(1, BH)).counts_business_time
    # A policy that leaves one pair out falls back to a business-time default for it.
    del only_hours[(Channel.MANUAL, Priority.URGENT)]
    assert ResponsePolicy(MappingProxyType(only_hours)).counts_business_time
