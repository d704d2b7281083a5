# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quick fixes: the concrete words they write, and (hypothesis) that applying one removes its
finding and changes nothing outside the finding's span."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.core.drafting.checker import Finding, check
from desktop.core.drafting.quickfix import (
    FixContext,
    FixKind,
    apply,
    end_of_working_day,
    end_of_working_week,
    fixes_for,
    zone_label,
)
from desktop.core.working_hours import WorkingHours, parse_working_hours

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 25 November 2026, 10:00 in Berlin.
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FIXABLE = {"deadline-without-timezone", "vague-time", "mass-mention"}


def only(text: str, code: str, **options: str) -> Finding:
    found = [f for f in check(text, **options) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def test_a_clock_time_gets_the_recipients_zone():
    text = "Please review by Thu 17:00."
    fixes = fixes_for(only(text, "deadline-without-timezone"), text,
                      FixContext(NOW, NEW_YORK))
    assert [(f.kind, f.value) for f in fixes] == [(FixKind.ADD_ZONE, "EST")]
    assert apply(text, fixes[0].edit) == "Please review by Thu 17:00 EST."


def test_a_zone_the_checker_does_not_know_is_written_as_an_offset():
    kathmandu = ZoneInfo("Asia/Kathmandu")
    assert zone_label(kathmandu, NOW) == "UTC+05:45"
    assert zone_label(ZoneInfo("America/Sao_Paulo"), NOW) == "UTC-03:00"
    assert zone_label(ZoneInfo("UTC"), NOW) == "UTC"
    assert zone_label(BERLIN, datetime(2026, 7, 1, tzinfo=UTC)) == "CEST"


def test_eod_becomes_the_end_of_the_recipients_working_day():
    text = "Please review by EOD."
    fix, = fixes_for(only(text, "vague-time"), text, FixContext(NOW, NEW_YORK))
    # 04:00 in New York: today's working day is still ahead.
    assert fix.value == "Wed 25 Nov, 17:00 EST"
    assert apply(text, fix.edit) == "Please review by Wed 25 Nov, 17:00 EST."


def test_eod_after_closing_time_is_the_next_working_days_end():
    friday_evening = datetime(2026, 11, 27, 18, 30, tzinfo=UTC)  # 19:30 in Berlin
    assert end_of_working_day(friday_evening, BERLIN, WorkingHours.office()) == datetime(
        2026, 11, 30, 16, 0, tzinfo=UTC)  # Monday 17:00 CET


def test_closing_time_itself_is_over():
    closing = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
    assert end_of_working_day(closing, BERLIN, WorkingHours.office()) == closing + timedelta(
        days=1)


def test_end_of_week_is_the_last_working_days_closing():
    hours = parse_working_hours("mon-thu 09:00-17:00; fri 09:00-13:00")
    assert end_of_working_week(NOW, BERLIN, hours) == datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    saturday = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert end_of_working_week(saturday, BERLIN, hours) == datetime(
        2026, 12, 4, 12, 0, tzinfo=UTC)


def test_closing_time_on_the_day_the_clocks_change_is_the_wall_clock_time():
    sunday_shift = parse_working_hours("sun 09:00-17:00")
    before = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)  # Berlin springs forward at 02:00
    assert end_of_working_day(before, BERLIN, sunday_shift) == datetime(
        2026, 3, 29, 15, 0, tzinfo=UTC)  # 17:00 CEST


def test_no_working_time_means_no_fix():
    text = "Please review by EOD."
    empty = parse_working_hours("none")
    assert fixes_for(only(text, "vague-time"), text, FixContext(NOW, BERLIN, empty)) == []


def test_vague_words_without_a_clear_meaning_get_no_fix():
    text = "Please review ASAP."
    assert fixes_for(only(text, "vague-time"), text, FixContext(NOW, BERLIN)) == []


@pytest.mark.parametrize(("text", "fixed"), [
    ("Please review tomorrow EOD.", "Please review Thu 26 Nov, 17:00 EST."),
    ("Please review by EOD tomorrow.", "Please review by Thu 26 Nov, 17:00 EST."),
    ("Send it by tomorrow's COB", "Send it by Thu 26 Nov, 17:00 EST"),
    ("Friday EOD works", "Fri 27 Nov, 17:00 EST works"),
    ("EOD on Mon, please", "Mon 30 Nov, 17:00 EST, please"),
    ("by EOD today", "by Wed 25 Nov, 17:00 EST"),
])
def test_an_end_of_day_with_its_day_word_is_replaced_as_one_phrase(text, fixed):
    fix, = fixes_for(only_eod(text), text, FixContext(NOW, NEW_YORK))
    assert apply(text, fix.edit) == fixed


def test_an_end_of_week_beside_a_day_word_has_no_clear_fix():
    text = "Please review tomorrow EOW."
    finding, = [f for f in check(text) if text[f.start:f.end] == "EOW"]
    assert fixes_for(finding, text, FixContext(NOW, NEW_YORK)) == []


def test_an_end_of_day_before_a_date_has_no_clear_fix():
    text = "Please review by EOD Thu 26 Nov."
    assert fixes_for(only_eod(text), text, FixContext(NOW, NEW_YORK)) == []


def only_eod(text: str) -> Finding:
    found = [f for f in check(text) if f.code == "vague-time"
             and text[f.start:f.end].upper() in ("EOD", "COB")]
    assert len(found) == 1, found
    return found[0]


def test_a_mass_mention_becomes_the_recipient_or_plain_everyone():
    text = "@channel please review by Fri 10:00 UTC"
    fixes = fixes_for(only(text, "mass-mention"), text, FixContext(NOW, BERLIN, mention="ann"))
    assert [apply(text, f.edit) for f in fixes] == [
        "@ann please review by Fri 10:00 UTC", "everyone please review by Fri 10:00 UTC"]


def test_a_naive_now_is_refused():
    text = "by 17:00"
    with pytest.raises(ValueError, match="aware"):
        fixes_for(only(text, "deadline-without-timezone"), text,
                  FixContext(datetime(2026, 1, 1), BERLIN))


# -- properties -------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "EOD", "eod", "COB", "end of day", "end of the week", "EOW", "ASAP", "tomorrow",
    "17:00", "9.30", "5pm", "5 pm", "12:00:30", "17:00 UTC", "@here", "@channel", "!everyone",
    "@", "!", "please", "review", "by", "Thu", "27 Nov", " ", "  ", "\n", "\n\n", ".", ",",
    "(", ")", "x", "_", "é", "-", "+", ":", "/", "https://x.example/doc",
])
_TEXTS = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=3)), max_size=14).map("".join)
_ZONES = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu",
                          "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Kiritimati"])
_NOWS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                     timezones=st.just(UTC))
_HOURS = st.sampled_from(["mon-fri 09:00-17:00", "mon-thu 08:00-16:00; fri 08:00-12:00",
                          "sun-thu 22:00-06:00", "sat 10:00-12:00"])


@settings(max_examples=300, deadline=None)
@example(text="tomorrow\nEOD", zone="UTC", now=datetime(2000, 1, 1, tzinfo=UTC),
         hours="mon-fri 09:00-17:00", mention="")
@example(text="tomorrow end of the week", zone="UTC", now=datetime(2000, 1, 1, tzinfo=UTC),
         hours="mon-fri 09:00-17:00", mention="")
@example(text="tomorrow, review by EOD", zone="UTC", now=datetime(2000, 1, 1, tzinfo=UTC),
         hours="mon-fri 09:00-17:00", mention="")
@given(text=_TEXTS, zone=_ZONES, now=_NOWS, hours=_HOURS,
       mention=st.sampled_from(["", "ann", "@bob"]))
def test_a_fix_removes_its_finding_and_touches_nothing_outside_its_span(
        text, zone, now, hours, mention):
    context = FixContext(now, ZoneInfo(zone), parse_working_hours(hours), mention)
    findings = check(text)
    for finding in findings:
        if finding.code not in FIXABLE:
            continue
        for fix in fixes_for(finding, text, context):
            # The phrase: the finding, widened by a fix over the day word beside an end of day
            start, end = min(finding.start, fix.edit.start), max(finding.end, fix.edit.end)
            assert fix.edit.start == start or fix.edit.start == fix.edit.end == finding.end
            fixed = apply(text, fix.edit)
            assert fixed[:start] == text[:start]
            assert fixed[len(fixed) - (len(text) - end):] == text[end:]
            new_end = end + len(fixed) - len(text)
            after = [f for f in check(fixed) if f.code == finding.code]
            # Gone from the edited stretch; earlier findings of the code stay as they were.
            # (A later one may appear: "5pm17:00" hides its second time until a space parts it.)
            assert not [f for f in after if f.start < new_end and f.end > start], fixed
            before = [f for f in findings if f.code == finding.code and f.end <= start]
            # The checker reads "tomorrow … Thu 26 Nov, 17:00" as dated (a date and a time
            # within 25 characters after it), so a concrete time may date an earlier word.
            dated = [f for f in before if fix.kind is FixKind.CONCRETE_TIME
                     and text[f.start:f.end].lower() in _DATABLE and start - f.end <= 25]
            assert [f for f in after if f.end <= start] in (
                before, [f for f in before if f not in dated]), fixed
            if fix.kind is FixKind.CONCRETE_TIME:
                # never a relative day word left beside the absolute date ("tomorrow Wed 25")
                assert not _RELATIVE_BESIDE.search(fixed[max(start - 12, 0):new_end + 12]), fixed


_DATABLE = ("tomorrow", "next week", "this week", "later today")
_RELATIVE_BESIDE = re.compile(
    r"\b(?:today|tonight|tomorrow)(?:'s)?,?\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d|"
    r"\d{2}:\d{2} [A-Z][A-Za-z0-9+:-]*,?\s+(?:on\s+)?(?:today|tonight|tomorrow)\b",
    re.IGNORECASE)


# -- secrets, vague asks, the recipient's zone ---------------------------------------------

def test_remove_takes_out_the_secret_and_nothing_else():
    text = "FYI: the password is hunter2, ask Ana for the rest."
    context = FixContext(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), BERLIN)
    fixes = fixes_for(only(text, "secret"), text, context)
    assert [f.kind for f in fixes] == [FixKind.REMOVE_SECRET]
    fixed = apply(text, fixes[0].edit)
    assert fixed == "FYI: the password is , ask Ana for the rest."
    assert "secret" not in [f.code for f in check(fixed)]


@pytest.mark.parametrize("ask", ["Thoughts?", "Any update?", "Gedanken?", "wdyt?"])
def test_a_vague_ask_becomes_a_skeleton_the_checker_accepts(ask):
    text = f"Summary: the Q4 budget is at https://docs.example.org/q4\n\n{ask}"
    # Friday 16:00 in Berlin: the reader's next working day is Monday
    context = FixContext(datetime(2026, 11, 27, 15, 0, tzinfo=UTC), BERLIN)
    (fix,) = fixes_for(only(text, "vague-ask"), text, context)
    assert fix.kind is FixKind.INSERT_SKELETON
    fixed = apply(text, fix.edit)
    assert fixed.startswith("Summary: the Q4 budget")
    assert "Deadline: by Mon 30 Nov, 17:00 CET" in fixed
    assert [f.code for f in check(fixed)] == []


def test_the_recipient_zone_wins_for_zones_and_for_tomorrow():
    now = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # Thu 00:30 in Berlin, Wed 18:30 in NY
    text = "Can you send it tomorrow EOD? https://x.example"
    new_york = ZoneInfo("America/New_York")
    mine = FixContext(now, BERLIN)
    theirs = FixContext(now, BERLIN, recipient=new_york)
    finding = next(f for f in check(text) if text[f.start:f.end] == "EOD")
    assert fixes_for(finding, text, mine)[0].value == "Fri 27 Nov, 17:00 CET"
    assert fixes_for(finding, text, theirs)[0].value == "Thu 26 Nov, 17:00 EST"
    clock = "Can we talk at 15:30? https://x.example"
    zone_fix = fixes_for(only(clock, "deadline-without-timezone"), clock, theirs)[0]
    assert zone_fix.value == "EST"
    message = only(clock, "deadline-without-timezone", recipient_zone="EST").message
    assert "15:30 EST" in message
