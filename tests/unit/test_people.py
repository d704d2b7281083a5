# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The people directory: a value is replaced only by one from a source at least as strong, the
user's edits never by a learned one; the mail Date offset is a weak fixed-zone hint; imports
teach zones (Slack ``tz``, mail Date); ``person`` commands; replies and send-later use it."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.people import (
    PeopleDirectory,
    Person,
    Source,
    learn,
    local_clock,
    zone_from_offset,
)
from desktop.store.people_repository import SqlitePeopleRepository
from tests.unit.test_cli import Cli

ANA = Person("ana@x.org", ("ana@x.org",))


@given(st.lists(st.tuples(st.sampled_from(list(Source)),
                          st.sampled_from(["Asia/Tokyo", "America/New_York", "Etc/GMT+5"])),
                min_size=1, max_size=8))
def test_the_strongest_source_wins_and_the_user_always_does(steps) -> None:
    person = ANA
    for source, zone in steps:
        person = learn(person, "zone", zone, source)
    strongest = max(s.strength for s, _zone in steps)
    winners = [zone for source, zone in steps if source.strength == strongest]
    assert person.zone == winners[-1]  # the last of the strongest
    assert person.source("zone") is max((s for s, _z in steps), key=lambda s: s.strength)


def test_a_learned_value_never_overwrites_an_edit() -> None:
    edited = learn(ANA, "zone", "Europe/Lisbon", Source.USER)
    assert learn(edited, "zone", "Asia/Tokyo", Source.SLACK).zone == "Europe/Lisbon"
    assert learn(edited, "zone", "Asia/Tokyo", Source.USER).zone == "Asia/Tokyo"


@pytest.mark.parametrize(("hours", "zone"), [(-5, "Etc/GMT+5"), (9, "Etc/GMT-9"), (0, "Etc/UTC")])
def test_a_date_offset_is_a_fixed_zone(hours, zone) -> None:
    assert zone_from_offset(timedelta(hours=hours)) == zone
    assert zone_from_offset(timedelta(hours=5, minutes=30)) == ""  # no Etc zone for it


def test_their_clock_says_when_they_start() -> None:
    ana = learn(ANA, "zone", "America/New_York", Source.USER)
    early = local_clock(ana, datetime(2026, 11, 25, 12, 40, tzinfo=UTC))  # 07:40 in New York
    assert early is not None
    assert (early.local.hour, early.local.minute) == (7, 40)
    assert early.starts_in == timedelta(hours=1, minutes=20)
    working = local_clock(ana, datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    assert working is not None
    assert working.starts_in is None
    assert local_clock(ANA, datetime(2026, 11, 25, 15, 0, tzinfo=UTC)) is None


def test_the_directory_finds_anyone_by_any_address_and_keeps_sources(db, clock) -> None:
    people = PeopleDirectory(SqlitePeopleRepository(db), clock)
    people.learn("Ana Lima <Ana@X.org>", Source.MAIL_DATE, zone="Etc/GMT+5")
    people.learn("ana@x.org", Source.SLACK, zone="America/New_York")
    people.learn("ana@x.org", Source.MAIL_DATE, zone="Etc/GMT+3")  # weaker: ignored
    found = people.find("ANA LIMA <ana@x.org>")
    assert found is not None
    assert (found.name, found.zone, found.source("zone")) == (
        "Ana Lima", "America/New_York", Source.SLACK)
    people.edit("ana@x.org", zone="Europe/Lisbon", hours="mon-fri 08:00-16:00")
    people.learn("ana@x.org", Source.SLACK, zone="Asia/Tokyo")
    stored = SqlitePeopleRepository(db).find("ana@x.org")
    assert stored is not None
    assert (stored.zone, stored.hours, stored.source("zone")) == (
        "Europe/Lisbon", "mon-fri 08:00-16:00", Source.USER)


# -- command line ---------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, clock, capsys) -> Cli:
    runner = Cli(tmp_path / "data", clock, capsys)
    runner.ok("config", "set", "timezone", "Europe/Berlin")
    return runner


def test_person_set_show_and_list(cli) -> None:
    cli.ok("person", "set", "ana@x.org", "--zone", "America/New_York", "--hours",
           "mon-fri 08:00-16:00", "--name", "Ana")
    shown = json.loads(cli.ok("person", "show", "ana@x.org", "--json"))
    assert {k: shown[k] for k in ("name", "addresses", "zone", "hours", "learned_from")} == {
        "name": "Ana", "addresses": ["ana@x.org"], "zone": "America/New_York",
        "hours": "mon-fri 08:00-16:00",
        "learned_from": {"zone": "user", "hours": "user", "name": "user"}}
    assert shown["local_time"] == "2026-11-25T04:00-05:00"
    [listed] = json.loads(cli.ok("person", "list", "--json"))
    assert listed["zone"] == "America/New_York"
    cli.ok("person", "set", "ana@x.org", "--channel", "email")
    assert "I answer email within" in cli.ok("status", "--for", "ana@x.org")
    assert "EST" in cli.ok("status", "--for", "ana@x.org")


@pytest.mark.parametrize(("argv", "names"), [
    (("--zone", "Mars/Base"), "IANA name"),
    (("--zone", "UTC", "--hours", "whenever"), "mon-fri 09:00-17:00"),
    ((), "--zone"),
    (("--channel", "fax"), "email, chat"),
])
def test_bad_person_input_exits_2_and_changes_nothing(cli, argv, names) -> None:
    cli.ok("person", "set", "ana@x.org", "--zone", "Asia/Tokyo")
    assert names in cli.fails("person", "set", "ana@x.org", *argv)
    assert json.loads(cli.ok("person", "show", "ana@x.org", "--json"))["zone"] == "Asia/Tokyo"
    assert "person list" in cli.fails("person", "show", "nobody@x.org")


def test_imports_teach_zones_weak_mail_date_then_slack_tz(cli, tmp_path) -> None:
    mail = tmp_path / "ask.eml"
    mail.write_text("From: Ben Cohen <ben@x.org>\nSubject: Budget\nMessage-ID: <1@x.org>\n"
                    "Date: Tue, 24 Nov 2026 10:15:00 -0500\n\nQ4?\n", "utf-8")
    cli.ok("import", "eml", str(mail))
    ben = json.loads(cli.ok("person", "show", "ben@x.org", "--json"))
    assert (ben["zone"], ben["learned_from"]["zone"]) == ("Etc/GMT+5", "mail-date")
    export = tmp_path / "slack.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("users.json", json.dumps([
            {"id": "U1", "name": "me", "profile": {"real_name": "Me"}},
            {"id": "U2", "name": "ravi", "tz": "Asia/Kolkata",
             "profile": {"real_name": "Ravi Iyer"}}]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("general/2026-11-24.json", json.dumps([
            {"type": "message", "user": "U2", "text": "<@U1> go?", "ts": "1795600000.1"}]))
    cli.ok("import", "slack", str(export), "--me", "U1")
    ravi = json.loads(cli.ok("person", "show", "Ravi Iyer", "--json"))
    assert (ravi["zone"], ravi["learned_from"]["zone"]) == ("Asia/Kolkata", "slack")
    cli.ok("person", "set", "ben@x.org", "--zone", "America/Chicago")
    cli.ok("import", "eml", str(mail))  # the weak hint again: the edit stays
    assert json.loads(cli.ok("person", "show", "ben@x.org", "--json"))["zone"] == (
        "America/Chicago")


def test_replies_and_send_later_use_the_senders_zone_and_hours(cli, tmp_path) -> None:
    mail = tmp_path / "ask.eml"
    mail.write_text("From: Ana <ana@x.org>\nSubject: Plan\nMessage-ID: <p1@x.org>\n"
                    "Date: Wed, 25 Nov 2026 08:00:00 +0000\n\nReview it by Friday 5pm?\n",
                    "utf-8")
    cli.ok("import", "eml", str(mail))
    cli.ok("person", "set", "ana@x.org", "--zone", "America/New_York", "--hours",
           "mon-fri 10:00-16:00")
    [request] = json.loads(cli.ok("list", "--json"))
    text = cli.ok("reply", request["id"], "--field", "answer=Yes.")
    assert "(You asked for an answer by Fri 27 Nov, 17:00 EST.)" in text
    cli.ok("reply", request["id"], "--send", "--field", "answer=Yes.")  # Wed 04:00 in New York
    assert cli.item(request["id"])["reply_scheduled_at"] == "2026-11-25T16:00:00+01:00"


def test_a_calendar_organizers_zone_is_learned_over_a_mail_date_hint(cli, tmp_path) -> None:
    mail = tmp_path / "ask.eml"
    mail.write_text("From: Ana <ana@x.org>\nSubject: Plan\nMessage-ID: <p1@x.org>\n"
                    "Date: Wed, 25 Nov 2026 08:00:00 -0500\n\nHi\n", "utf-8")
    cli.ok("import", "eml", str(mail))
    calendar = tmp_path / "week.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:e1@x.org\r\nDTSTAMP:20261120T100000Z\r\n"
        "DTSTART;TZID=America/New_York:20261126T100000\r\n"
        "DTEND;TZID=America/New_York:20261126T110000\r\n"
        "ORGANIZER;CN=Ana:mailto:Ana@x.org\r\nSUMMARY:Sync\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n", "utf-8")
    cli.ok("import", "ics", str(calendar))
    ana = json.loads(cli.ok("person", "show", "ana@x.org", "--json"))
    assert (ana["zone"], ana["learned_from"]["zone"]) == ("America/New_York", "calendar")
    cli.ok("import", "eml", str(mail))  # the weaker hint again changes nothing
    assert json.loads(cli.ok("person", "show", "ana@x.org", "--json"))["zone"] == (
        "America/New_York")
