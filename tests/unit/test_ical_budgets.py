# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""iCalendar budgets (issue 21): rules priced before anything expands them, across events and
time zones of a file; zones read only where used; every breach reported by name."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.budgets import BudgetExceeded
from desktop.core.ical_budget import (
    MAX_RULE_EXPANSIONS,
    ExpansionBudget,
    rule_cost,
    rule_costs,
)
from desktop.sources.ics import read_ics
from desktop.sync.errors import BadItem
from desktop.sync.ical import parse_item

START = datetime(2026, 3, 1, tzinfo=UTC)
END = datetime(2026, 4, 1, tzinfo=UTC)
EVERY_SECOND = "FREQ=HOURLY;BYMINUTE={};BYSECOND={}".format(
    ",".join(map(str, range(60))), ",".join(map(str, range(60))))


def zone(tzid: str, rule: str = "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
         start: str = "19701025T030000", daylight: str = "") -> str:
    summer = ["BEGIN:DAYLIGHT", f"DTSTART:{start}", f"RRULE:{daylight}", "TZOFFSETFROM:+0100",
              "TZOFFSETTO:+0200", "END:DAYLIGHT"] if daylight else []
    return "\r\n".join([
        "BEGIN:VTIMEZONE", f"TZID:{tzid}", "BEGIN:STANDARD", f"DTSTART:{start}",
        f"RRULE:{rule}", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:X", "END:STANDARD",
        *summer, "END:VTIMEZONE"])


def evil_zone() -> str:
    """The issue's 500-byte zone that changes offset every second (it hung on main)."""
    return zone("Evil", "FREQ=SECONDLY", "19700101T000000", "FREQ=SECONDLY;INTERVAL=2")


def event(uid: str, tzid: str | None = None, rule: str | None = None) -> str:
    tz = f";TZID={tzid}" if tzid else ""
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART{tz}:20260302T090000",
                        f"DTEND{tz}:20260302T100000", *([f"RRULE:{rule}"] if rule else []),
                        "SUMMARY:m", "END:VEVENT"])


def ics(tmp_path: Path, *parts: str, end: bool = True) -> Path:
    path = tmp_path / "cal.ics"
    path.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *parts,
                                 *(["END:VCALENDAR"] if end else []), ""]), encoding="utf-8")
    return path


def test_a_rule_is_priced_by_its_periods_and_what_its_by_parts_expand() -> None:
    assert rule_cost("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", 1601, 2038) == 438
    assert rule_cost("FREQ=WEEKLY;BYDAY=MO,TU", 2026, 2026) == 53 * 2
    assert rule_cost("FREQ=DAILY;UNTIL=20270101T000000Z", 2026, 2100) == 2 * 366
    assert rule_cost("FREQ=DAILY;INTERVAL=7", 2026, 2026) == 52
    assert rule_cost(EVERY_SECOND, 2026, 2026) == 8_784 * 3_600
    assert rule_cost("FREQ=BOGUS", 1, 9999) == 1


@given(st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"]),
       st.integers(1970, 2100), st.integers(0, 30))
def test_a_longer_span_never_costs_less(freq: str, start: int, more: int) -> None:
    rule = f"FREQ={freq}"
    assert rule_cost(rule, start, start + more) <= rule_cost(rule, start, start + more + 1)


def test_rules_are_priced_from_their_own_components_start() -> None:
    lines = zone("Z", start="16010101T000000").split("\r\n") + event(
        "e", rule="FREQ=DAILY").split("\r\n")
    assert list(rule_costs(lines, 2026)) == [2026 - 1601 + 1, 366]


def test_the_budget_is_spent_across_rules_and_a_breach_costs_nothing() -> None:
    budget = ExpansionBudget(total=1_000, per_rule=800)
    budget.charge(["BEGIN:VEVENT", "DTSTART:20260101T000000Z", "RRULE:FREQ=DAILY",
                   "END:VEVENT"], 2026)
    assert budget.left == 1_000 - 366
    with pytest.raises(BudgetExceeded, match="one calendar file"):
        budget.charge(["BEGIN:VEVENT", "DTSTART:20250101T000000Z", "RRULE:FREQ=DAILY",
                       "END:VEVENT"], 2026)
    with pytest.raises(BudgetExceeded, match="one rule"):
        budget.charge(["BEGIN:VEVENT", "RRULE:FREQ=HOURLY", "END:VEVENT"], 2026)
    assert budget.left == 1_000 - 366


def test_a_zone_repeating_every_second_is_left_out_and_reported(tmp_path: Path) -> None:
    path = ics(tmp_path, evil_zone(), event("e1", "Evil"), event("e2"))
    began = time.monotonic()
    read = read_ics(path, START, END)
    assert time.monotonic() - began < 5
    assert sorted(e.uid for e in read.events) == ["e1", "e2"]  # e1's times read as UTC
    reasons = [p.reason for p in read.problems]
    assert any("one rule" in r for r in reasons)
    assert any("Unknown time zone 'Evil'" in r for r in reasons)


def test_an_hourly_rule_with_every_minute_and_second_is_refused(tmp_path: Path) -> None:
    read = read_ics(ics(tmp_path, event("h", rule=EVERY_SECOND), event("ok")), START, END)
    assert [e.uid for e in read.events] == ["ok"]
    [problem] = read.problems
    assert problem.where.endswith(": h")
    assert "repetitions in the weeks imported" in problem.reason


def test_a_fast_rule_from_long_ago_is_refused_before_walking_to_the_range(
        tmp_path: Path) -> None:
    lines = event("old", rule="FREQ=HOURLY").replace("20260302", "19900101")
    began = time.monotonic()
    read = read_ics(ics(tmp_path, lines, event("ok")), START, END)
    assert time.monotonic() - began < 2  # 60 s when it was walked from 1990
    assert [e.uid for e in read.events] == ["ok"]
    assert f"repetitions of one rule ({MAX_RULE_EXPANSIONS:,})" in read.problems[0].reason


def test_each_event_is_read_with_the_zones_it_names_only(tmp_path: Path) -> None:
    zones = [zone(f"Z{n}") for n in range(300)]
    events = [event(f"e{n}", f"Z{n % 300}") for n in range(400)]
    began = time.monotonic()
    read = read_ics(ics(tmp_path, *zones, *events), START, END)
    assert time.monotonic() - began < 10  # 38 s when every event was read with every zone
    assert len(read.events) == 400
    assert read.problems == []
    assert read.events[0].start == datetime(2026, 3, 2, 8, tzinfo=UTC)  # +01:00 in March


def test_an_event_inside_an_unterminated_zone_is_read_and_the_zone_reported(
        tmp_path: Path) -> None:
    path = ics(tmp_path, "BEGIN:VTIMEZONE\r\nTZID:Open", event("kept"), end=False)
    read = read_ics(path, START, END)
    assert [e.uid for e in read.events] == ["kept"]
    [problem] = read.problems
    assert "time zone at line 4" in problem.where
    assert "ends inside this time zone" in problem.reason


def test_a_caldav_item_with_a_zone_repeating_every_second_is_a_bad_item() -> None:
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", evil_zone(),
                        "BEGIN:VTODO", "UID:t", "DTSTAMP:20260101T000000Z",
                        "DUE;TZID=Evil:20260302T090000", "SUMMARY:s", "END:VTODO",
                        "END:VCALENDAR", ""])
    began = time.monotonic()
    with pytest.raises(BadItem, match="one rule"):
        parse_item(text.encode())
    assert time.monotonic() - began < 1


def test_a_caldav_item_over_its_size_is_a_bad_item() -> None:
    with pytest.raises(BadItem, match="bytes in one item"):
        parse_item(b"BEGIN:VCALENDAR\r\n" + b"X-A:" + b"a" * 2**21 + b"\r\nEND:VCALENDAR\r\n")


def test_a_part_deadline_never_outlasts_its_whole() -> None:
    from desktop.core.budgets import Deadline

    now = [0.0]
    whole = Deadline(10.0, lambda: now[0], "whole")
    part = whole.sooner(3.0)
    now[0] = 3.5
    with pytest.raises(BudgetExceeded, match="time per item"):
        part.check()
    whole.check()
    late = whole.sooner(60.0)
    now[0] = 10.5
    with pytest.raises(BudgetExceeded, match="whole"):
        late.check()
