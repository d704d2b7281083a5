# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure template model: front matter, field values from text, filling a template, and
deadline suggestions in the recipient's working hours."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.suggestions import suggest_deadlines
from desktop.core.drafting.template_front import parse_template
from desktop.core.drafting.templates import (
    Field,
    FieldKind,
    Moment,
    TemplateBroken,
    fill,
    parse_value,
)
from desktop.core.errors import InvalidInput
from desktop.core.working_hours import WorkingHours

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday
SOURCE = """{#---
title = "Decision"
subject = "Decide {{ topic }}"

[[fields]]
name = "topic"
label = "Topic"
required = true

[[fields]]
name = "risks_on"
type = "section"
label = "Risks"

[[fields]]
name = "risks"
type = "list"
label = "Risks"
required = true
section = "risks_on"

[[fields]]
name = "by"
type = "datetime"
label = "Decide by"
default = "fri 17:00"

[[fields]]
name = "size"
type = "choice"
label = "Size"
choices = ["Small", "Large"]
default = "Small"
---#}
Body {{ topic }}
"""


def field(kind: FieldKind, **extra: object) -> Field:
    return Field("f", kind, "Label", **extra)  # type: ignore[arg-type]


def read(f: Field, text: object) -> object:
    return parse_value(f, text, now=NOW, zone="Europe/Berlin")  # type: ignore[arg-type]


# -- front matter ---------------------------------------------------------------------------


def test_front_matter_declares_fields_and_the_body_keeps_the_file_lines() -> None:
    template = parse_template(SOURCE, "/t/decision.j2", "decision")
    assert template.id == "decision"
    assert [f.name for f in template.fields] == ["topic", "risks_on", "risks", "by", "size"]
    assert template.field("size").choices == ("Small", "Large")
    assert template.body.splitlines()[-1] == "Body {{ topic }}"  # same line numbers as the file


@pytest.mark.parametrize(("text", "line", "words"), [
    ("Body only", 1, "front matter"),
    ('{#---\ntitle = "T"\nsubject = = 1\n---#}\n', 3, "not valid TOML"),
    ('{#---\ntitle = "T"\nsubject = \n---#}\n', 4, "not valid TOML"),
    ('{#---\ntitle = "T"\nsubject = ""\n[[fields]]\nname = "x"\ntype = "colour"\n---#}\n', 4,
     "unknown type 'colour'"),
    ('{#---\ntitle = "T"\nsubject = ""\n[[fields]]\nname = "x"\ntype = "choice"\n---#}\n', 4,
     "choices"),
    ('{#---\ntitle = "T"\nsubject = ""\n[[fields]]\nname = "x"\n\n[[fields]]\nname = "x"\n'
     '---#}\n', 7, "twice"),
    ('{#---\ntitle = "T"\nsubject = ""\n[[fields]]\nname = "x"\nsection = "nope"\n---#}\n', 4,
     "section 'nope'"),
    ('{#---\ntitle = "T"\nsubject = ""\n[[fields]]\nname = "2x"\n---#}\n', 4, "name"),
])
def test_a_broken_front_matter_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(TemplateBroken) as caught:
        parse_template(text, "/t/x.j2", "x")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"/t/x.j2:{line}: ")
    assert words in caught.value.reason


# -- values from text -----------------------------------------------------------------------

single_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1)


@given(single_line)
def test_a_line_of_text_reads_as_itself_stripped(text: str) -> None:
    assert read(field(FieldKind.TEXT), text) == text.strip()


@given(st.lists(st.sampled_from(["Small", "Medium", "Large"]), min_size=1, max_size=3),
       st.booleans())
def test_choices_read_back_whatever_the_case(picked: list[str], upper: bool) -> None:
    choices = ("Small", "Medium", "Large")
    one = field(FieldKind.CHOICE, choices=choices)
    many = field(FieldKind.MULTICHOICE, choices=choices)
    typed = [p.upper() if upper else p for p in picked]
    assert read(one, typed[0]) == picked[0]
    assert read(many, " , ".join(typed)) == tuple(picked)


@given(st.text(min_size=1).filter(lambda t: t.strip() and t.strip().casefold() not in ("a", "b")))
def test_an_unknown_choice_lists_the_accepted_ones(text: str) -> None:
    with pytest.raises(InvalidInput, match="use one of: a, b"):
        read(field(FieldKind.CHOICE, choices=("a", "b")), text.replace("\n", " ") or "x")


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
       st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]))
def test_a_date_time_with_its_zone_reads_back_to_the_same_wall_time(
        moment: datetime, zone: str) -> None:
    moment = moment.replace(second=0, microsecond=0)
    local = moment.replace(tzinfo=ZoneInfo(zone))
    # skip wall times that a daylight-saving change skips or repeats
    round_trip = local.astimezone(UTC).astimezone(ZoneInfo(zone))
    if round_trip.replace(tzinfo=None) != moment or local.utcoffset() != local.replace(
            fold=1).utcoffset():
        return
    value = read(field(FieldKind.DATETIME), f"{moment:%Y-%m-%d %H:%M} {zone}")
    assert isinstance(value, Moment)
    assert value.zone == zone
    assert value.at == local.astimezone(UTC)
    assert str(value) == f"{moment:%Y-%m-%d %H:%M} {zone}"


def test_a_date_time_without_a_zone_is_read_in_the_given_zone() -> None:
    value = read(field(FieldKind.DATETIME), "fri 17:00")
    assert value == Moment(datetime(2026, 11, 27, 16, 0, tzinfo=UTC), "Europe/Berlin")
    assert read(field(FieldKind.DATETIME), "fri 17:00 utc") == Moment(
        datetime(2026, 11, 27, 17, 0, tzinfo=UTC), "UTC")


@pytest.mark.parametrize("text", ["Ana Lima <ana@example.org>", "Ben Cohen <U2>",
                                  "Ben <@ben:example.org>", "@ben:example.org", "@ben", "Ana"])
def test_a_person_is_an_address_a_chat_sender_or_a_handle(text: str) -> None:
    assert read(field(FieldKind.PERSON), text) == text


@pytest.mark.parametrize("text", ["<<>>", "Ben <U 2>", "Ben <@ben>", "Ben <U2> <U3>"])
def test_a_person_with_a_broken_bracket_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        read(field(FieldKind.PERSON), text)


@pytest.mark.parametrize(("kind", "text", "words"), [
    (FieldKind.DATETIME, "when pigs fly", "a date and time"),
    (FieldKind.DATETIME, "fri 17:00 Mars/Olympus", "Unknown time zone"),
    (FieldKind.LINK, "docs.example.org", "https://"),
    (FieldKind.LINK, "javascript:alert(1)", "https://"),
    (FieldKind.PERSON, "<<>>", "Ana Lima <ana@example.org>"),
    (FieldKind.SECTION, "maybe", "yes or no"),
    (FieldKind.TEXT, "two\nlines", "a line of text"),
])
def test_a_value_that_does_not_parse_says_what_is_accepted(
        kind: FieldKind, text: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read(field(kind), text)
    assert caught.value.message.startswith("Label: ") or "Unknown time zone" in words
    assert words in caught.value.message


@given(st.lists(single_line.filter(lambda t: "|" not in t and t.strip()), min_size=1,
                max_size=5))
def test_list_items_come_one_per_line_or_one_per_repeat(items: list[str]) -> None:
    lines = [" ".join(i.split()) for i in items]
    f = field(FieldKind.LIST)
    assert read(f, "\n".join(lines)) == tuple(lines)
    assert read(f, lines) == tuple(lines)


def test_list_items_with_parts_split_on_bars() -> None:
    f = field(FieldKind.LIST, parts=("what", "owner", "due"))
    assert read(f, ["Ship the fix | Ana | Fri 28 Nov", "Write notes"]) == (
        {"what": "Ship the fix", "owner": "Ana", "due": "Fri 28 Nov"},
        {"what": "Write notes", "owner": "", "due": ""})
    with pytest.raises(InvalidInput, match=re.escape("what | owner | due")):
        read(f, "a | b | c | d")


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", True), ("On", True), ("1", True), ("no", False), ("", False), ("off", False)])
def test_sections_read_yes_and_no(text: str, expected: bool) -> None:
    assert read(field(FieldKind.SECTION), text) is expected


# -- filling a template ---------------------------------------------------------------------


def test_fill_applies_defaults_and_reports_required_fields() -> None:
    template = parse_template(SOURCE, "/t/d.j2", "d")
    filled = fill(template, {}, now=NOW, zone="UTC")
    assert set(filled.errors) == {"topic"}
    assert "Topic is required" in filled.errors["topic"]
    assert filled.values["size"] == "Small"
    assert filled.values["by"] == Moment(datetime(2026, 11, 27, 17, tzinfo=UTC), "UTC")
    assert filled.values["risks"] == ()  # section off: not asked for, still defined


def test_fields_of_a_section_count_only_while_it_is_on() -> None:
    template = parse_template(SOURCE, "/t/d.j2", "d")
    on = fill(template, {"topic": "x", "risks_on": True}, now=NOW, zone="UTC")
    assert set(on.errors) == {"risks"}
    off = fill(template, {"topic": "x", "risks_on": "no", "risks": "ignored"}, now=NOW,
               zone="UTC")
    assert off.ok
    assert off.values["risks"] == ()


def test_fill_refuses_a_field_the_template_does_not_have() -> None:
    template = parse_template(SOURCE, "/t/d.j2", "d")
    with pytest.raises(InvalidInput, match="its fields are: topic, risks_on"):
        fill(template, {"colour": "red"}, now=NOW, zone="UTC")


def test_a_bad_value_is_an_error_of_its_field_not_an_exception() -> None:
    template = parse_template(SOURCE, "/t/d.j2", "d")
    filled = fill(template, {"topic": "x", "size": "Huge"}, now=NOW, zone="UTC")
    assert list(filled.errors) == ["size"]
    assert "use one of: Small, Large" in filled.errors["size"]


# -- deadline suggestions -------------------------------------------------------------------

TOKYO = ZoneInfo("Asia/Tokyo")


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31),
                    timezones=st.just(UTC)))
def test_suggestions_are_closing_times_of_the_recipients_working_days(now: datetime) -> None:
    calendar = BusinessCalendar(TOKYO, WorkingHours.office())
    found = suggest_deadlines(now, calendar, count=3)
    assert len(found) == 3
    assert found == sorted(found)
    for moment in found:
        local = moment.astimezone(TOKYO)
        assert (local.hour, local.minute) == (17, 0)
        assert local.weekday() < 5
        assert calendar.between(now, moment) >= timedelta(hours=2)


def test_today_is_offered_only_while_enough_of_it_is_left() -> None:
    calendar = BusinessCalendar(ZoneInfo("Europe/Berlin"), WorkingHours.office())
    morning = suggest_deadlines(datetime(2026, 11, 25, 8, tzinfo=UTC), calendar, count=1)
    late = suggest_deadlines(datetime(2026, 11, 25, 15, 30, tzinfo=UTC), calendar, count=1)
    assert morning == [datetime(2026, 11, 25, 16, tzinfo=UTC)]
    assert late == [datetime(2026, 11, 26, 16, tzinfo=UTC)]
