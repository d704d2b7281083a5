# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried focus …`` in-process with a FakeClock (no window runs, so the commands work on
the store): start, stop, extend, status JSON, schedules, bad input and the calendar export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from desktop.cli import main
from tests.fakes import FakeClock
from tests.unit.test_cli import Cli, berlin


@pytest.fixture(autouse=True)
def _system_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))  # no window listens here


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock, capsys) -> Cli:
    runner = Cli(tmp_path / "data", clock, capsys)
    runner.ok("config", "set", "timezone", "Europe/Berlin")
    return runner


def status(cli: Cli) -> dict:
    return json.loads(cli.ok("focus", "status", "--json"))


def test_start_extend_stop_and_status(cli, clock):
    assert status(cli) == {"active": False, "started_at": None, "ends_at": None, "held": 0,
                           "next_breach_at": None, "suggested_max_minutes": 240,
                           "focus_minutes_today": 0, "desktop_quieted": None}
    assert cli.ok("focus", "start", "--for", "90m") == "Focusing until Wed 11:30\u202fAM CET.\n"
    assert status(cli)["ends_at"] == "2026-11-25T11:30:00+01:00"
    assert cli.ok("focus", "extend", "15m") == "Focusing until Wed 11:45\u202fAM CET.\n"
    clock.advance(minutes=30)
    assert cli.ok("focus", "stop") == "Stopped focusing at Wed 10:30\u202fAM CET.\n"
    assert status(cli)["focus_minutes_today"] == 30
    assert cli.ok("focus", "start", "--until", "12:00") == "Focusing until Wed 12:00\u202fPM CET.\n"


def test_focus_times_are_written_in_the_users_language(cli):
    from desktop.platform.i18n import install_language

    try:
        cli.ok("config", "set", "language", "de")
        text = cli.ok("focus", "start", "--for", "90m")
    finally:
        install_language("en")  # the next test in this process reads English again
    assert "Mi. 11:30 CET" in text  # babel's German weekday and 24-hour clock, not strftime
    assert "Wed" not in text


def test_a_second_start_names_the_running_blocks_end_in_the_users_locale(cli):
    cli.ok("focus", "start", "--for", "90m")
    error = cli.fails("focus", "start", "--for", "30m")
    assert "already focusing until" in error
    assert "11:30\u202fAM" in error  # the locale's clock (en: 12-hour), not strftime's 11:30


def test_the_suggested_length_is_bounded_by_the_next_reply(cli):
    cli.ok("add", "Q3 budget", "--from", "Anna", "--due", "11:40")
    data = status(cli)
    assert data["suggested_max_minutes"] == 70  # 11:40 less 30 minutes, from 10:00
    assert data["next_breach_at"] == berlin(25, 11, 10).isoformat()


@pytest.mark.parametrize("argv", [
    ("focus", "start", "--for", "0m"),
    ("focus", "start", "--for", "-5m"),
    ("focus", "start", "--for", "soon"),
    ("focus", "start", "--until", "yesterday 9:00"),
    ("focus", "start", "--for", "13h"),
    ("focus", "extend", "15m"),
    ("focus", "stop"),
    ("focus", "schedule", "add", "mon-fri", "11:00-11:00"),
    ("focus", "schedule", "add", "mon-fri", "09:00-10:00", "--tz", "Mars/Olympus"),
    ("focus", "schedule", "remove", "nope"),
])
def test_bad_input_says_what_is_wrong_and_changes_nothing(tmp_path, clock, capsys, argv):
    fresh = Cli(tmp_path / "fresh", clock, capsys)
    fresh.fails(*argv)
    assert not (tmp_path / "fresh").exists()


def test_overlapping_schedules_are_refused(cli):
    line = cli.ok("focus", "schedule", "add", "mon-fri", "09:00-11:00")
    assert line.endswith("mon,tue,wed,thu,fri 09:00-11:00  Europe/Berlin\n")
    message = cli.fails("focus", "schedule", "add", "wed", "10:00-12:00")
    assert "overlaps" in message
    assert cli.ok("focus", "schedule", "list") == line
    cli.ok("focus", "schedule", "remove", line[:8])
    assert cli.ok("focus", "schedule", "list") == "No focus schedules.\n"


def test_export_ics_has_one_off_blocks_and_weekly_schedules_in_their_zone(cli, tmp_path):
    cli.ok("focus", "start", "--for", "90m")
    cli.ok("focus", "schedule", "add", "mon,wed", "14:00-16:00", "--tz", "America/New_York")
    target = tmp_path / "focus.ics"
    assert cli.ok("focus", "export-ics", str(target)) == f"Wrote 2 events to {target}.\n"
    text = target.read_text()
    assert "DTSTART;TZID=Europe/Berlin:20261125T100000" in text
    assert "DTSTART;TZID=America/New_York:20261125T140000" in text
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE" in text
    assert "BEGIN:VTIMEZONE" in text
    cal = Calendar.from_ical(target.read_bytes())
    events = recurring_ical_events.of(cal).between(berlin(30, 0), berlin(3, 0, month=12))
    starts = sorted(e["DTSTART"].dt.isoformat() for e in events)
    assert starts == ["2026-11-30T14:00:00-05:00", "2026-12-02T14:00:00-05:00"]


def test_focus_help_lists_the_actions(capsys):
    with pytest.raises(SystemExit):
        main(["focus", "--help"])
    out = capsys.readouterr().out
    for action in ("start", "stop", "extend", "status", "schedule", "export-ics"):
        assert action in out
