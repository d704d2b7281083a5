# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried import ics``, ``stats``, ``decision`` and ``calendar free`` in-process with a
FakeClock: the ``stats --json`` figures against a hand count of ``tests/data/week.ics``.

The clock starts on Wednesday 25 November 2026, 10:00 in Berlin (week 2026-W48).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.fakes import FakeClock

WEEK_ICS = Path(__file__).resolve().parents[1] / "data" / "week.ics"


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock, capsys):
    data_dir = tmp_path / "data"

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(data_dir), *argv], clock=clock)
        out, err = capsys.readouterr()
        return status, out, err

    run("config", "set", "timezone", "Europe/Berlin")
    run("config", "set", "me", "ann@example.org")
    run.data_dir = data_dir  # type: ignore[attr-defined]
    return run


def test_stats_json_matches_a_hand_count(cli, clock: FakeClock) -> None:
    status, out, err = cli("import", "ics", str(WEEK_ICS), "--json")
    assert (status, err) == (0, "")
    assert json.loads(out) == {"imported": 43, "failed": []}
    _s, _late_id, _e = cli("add", "Quick question", "--channel", "chat",
                          "--received", "2 days ago")  # Mon 10:00, reply-by Tue 10:00: late
    _s, review_id, _e = cli("add", "Review the doc", "--channel", "chat")  # Wed 10:00
    _s, first, _e = cli("decision", "open", "Pick the vendor")
    clock.advance(hours=2)  # Wed 12:00
    assert cli("done", review_id.strip())[0] == 0  # 2 business hours, on time
    _s, second, _e = cli("decision", "open", "Move the release")
    clock.advance(hours=4)  # Wed 16:00
    assert cli("decision", "made", first.strip(), "--outcome", "Vendor B")[0] == 0  # 6 h
    assert cli("decision", "made", second.strip()[:6])[0] == 0  # 4 h

    status, out, err = cli("stats", "--weeks", "3", "--json")
    assert (status, err) == (0, "")
    weeks = json.loads(out)
    assert [w["week"] for w in weeks] == ["2026-W46", "2026-W47", "2026-W48"]
    this, last = weeks[2], weeks[1]
    assert this["meeting_hours"] == 5.0  # see tests/unit/test_ics_import.py for the count
    assert last["meeting_hours"] == 1.25
    assert weeks[0]["meeting_hours"] == 0
    assert this["focus_minutes"] == 0  # no focus blocks stored yet
    assert (this["decisions_made"], this["decisions_median_hours"],
            this["decisions_slowest_hours"]) == (2, 5.0, 6.0)
    assert (this["replies_due"], this["replies_on_time"], this["reply_on_time_ratio"]) == (
        2, 1, 0.5)
    assert this["reply_on_time_by_channel"] == {"chat": 0.5}
    assert this["median_reply_business_hours"] == 2.0
    assert last["reply_on_time_ratio"] is None
    assert last["decisions_median_hours"] is None

    status, out, _e = cli("stats", "--weeks", "2")
    assert status == 0
    assert out.splitlines()[-1].split()[:2] == ["2026-W48", "5.0"]


def test_importing_the_same_calendar_again_replaces_it(cli) -> None:
    cli("import", "ics", str(WEEK_ICS))
    status, out, _e = cli("import", "ics", str(WEEK_ICS))
    assert status == 0
    assert "Imported 43 calendar events, problems 0." in out
    weeks = json.loads(cli("stats", "--weeks", "1", "--json")[1])
    assert weeks[0]["meeting_hours"] == 5.0  # not doubled


def test_a_broken_calendar_imports_what_it_can_and_lists_the_rest(cli, tmp_path) -> None:
    whole = WEEK_ICS.read_bytes()
    broken = tmp_path / "broken.ics"
    broken.write_bytes(whole.replace(b"DTSTART:20261124T130000Z", b"DTSTART:20261324T130000Z")
                       [: whole.index(b"SUMMARY:1:1")])
    status, out, err = cli("import", "ics", str(broken), "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert report["imported"] == 41  # planning (bad date) and the 1:1 (cut off) are missing
    assert sorted(p["source"].rsplit(": ", 1)[1] for p in report["failed"]) == [
        "oneonone@example.org", "planning@example.org"]


def test_a_file_that_is_no_calendar_exits_2_and_writes_nothing(tmp_path, clock, capsys) -> None:
    junk = tmp_path / "junk.ics"
    junk.write_bytes(b"\x00\x01")
    data_dir = tmp_path / "fresh"
    status = main(["--data-dir", str(data_dir), "import", "ics", str(junk)], clock=clock)
    _out, err = capsys.readouterr()
    assert status == 2
    assert "not an iCalendar" in err
    assert not data_dir.exists()


def test_decisions_open_for_a_request_and_list(cli) -> None:
    _s, rid, _e = cli("add", "Which database?", "--channel", "email")
    status, first, _e = cli("decision", "open", "--request", rid.strip()[:6])
    assert status == 0
    assert cli("decision", "open", "--request", rid.strip())[1] == first  # one per request
    [row] = json.loads(cli("decision", "list", "--json")[1])
    assert (row["title"], row["request_id"], row["decided_at"]) == (
        "Which database?", rid.strip(), None)
    status, _out, err = cli("decision", "made", "0000")
    assert status == 2
    assert "No decision with id '0000'" in err
    assert cli("decision", "made", first.strip())[0] == 0
    status, _out, err = cli("decision", "made", first.strip())
    assert (status, "already made" in err) == (2, True)
    assert cli("decision", "open")[0] == 2  # no title, no request


def test_calendar_free_lists_stretches_of_90_minutes(cli) -> None:
    cli("import", "ics", str(WEEK_ICS))
    status, out, _e = cli("calendar", "free", "--days", "3", "--json")
    assert status == 0
    rows = json.loads(out)
    # Wed 10:00 → Sat 10:00. Wednesday: stand-up is an EXDATE, so 10:00-17:00 is free;
    # Thursday: stand-up 09:30-09:45, 1:1 16:00-16:45 → 09:45-16:00 (declined all-hands and
    # cancelled call take no time); Friday: moved stand-up 11:00-11:30 → 09:00-11:00, 11:30-17:00
    assert [(r["start"][5:16], r["end"][11:16]) for r in rows] == [
        ("11-25T10:00", "17:00"), ("11-26T09:45", "16:00"), ("11-27T09:00", "11:00"),
        ("11-27T11:30", "17:00")]


def test_stats_weeks_out_of_range_is_usage_error(cli) -> None:
    status, _out, err = cli("stats", "--weeks", "0")
    assert status == 2
    assert err.startswith("unhurried: error:")


def test_the_demo_brings_a_calendar_and_decisions_for_recent_weeks(cli) -> None:
    assert cli("demo")[0] == 0
    weeks = json.loads(cli("stats", "--weeks", "8", "--json")[1])
    assert all(w["meeting_hours"] > 0 for w in weeks)
    assert len({w["meeting_hours"] for w in weeks}) > 3  # weeks differ
    assert sum(w["decisions_made"] for w in weeks) >= 8
    assert all(w["replies_due"] > 0 for w in weeks)  # answered demo requests of past weeks
    assert all(w["median_reply_business_hours"] is not None for w in weeks)
    assert cli("demo")[0] == 0  # again: the calendar is replaced, decisions not doubled
    assert json.loads(cli("stats", "--weeks", "8", "--json")[1]) == weeks


def test_the_demo_fills_every_focus_measure(tmp_path, capsys) -> None:
    import json as json_module

    from desktop.cli import main as cli_main

    data = ["--data-dir", str(tmp_path)]
    assert cli_main([*data, "demo"]) == 0
    capsys.readouterr()
    assert cli_main([*data, "stats", "--weeks", "4", "--json"]) == 0
    weeks = json_module.loads(capsys.readouterr().out)
    past = weeks[:-1]  # this week may not have begun yet
    assert all(week["focus_minutes"] > 0 for week in past)
    assert all(week["meeting_hours"] > 0 for week in past)


def test_stats_counts_replies_delivered_outside_the_recipients_hours(cli, clock) -> None:
    from datetime import timedelta

    from desktop.core.drafting.drafts import Draft, DraftState
    from desktop.platform.paths import resolve_paths
    from desktop.store.draft_repository import SqliteDraftRepository
    from desktop.wiring.services import open_context

    assert cli("person", "set", "kenji@example.jp", "--zone", "Asia/Tokyo",
               "--hours", "mon-fri 09:00-17:00")[0] == 0
    assert cli("person", "set", "ana@example.org", "--zone", "Europe/Lisbon",
               "--hours", "mon-fri 09:00-17:00")[0] == 0
    context = open_context(resolve_paths(cli.data_dir), clock)
    try:
        drafts = SqliteDraftRepository(context.db)
        now = clock.now()  # Wednesday 10:00 in Berlin: 18:00 in Tokyo, 09:00 in Lisbon
        for n, recipient in enumerate(("kenji@example.jp", "ana@example.org",
                                       "nobody@example.com")):
            drafts.save(Draft(f"d{n}", now - timedelta(hours=1), now, recipient=recipient,
                              reply_to=f"r{n}", state=DraftState.SENT, sent_at=now))
        drafts.save(Draft("plain", now, now, recipient="kenji@example.jp",
                          state=DraftState.SENT, sent_at=now))  # not a reply
    finally:
        context.close()
    status, out, err = cli("stats", "--weeks", "1", "--json")
    [week] = json.loads(out)
    assert (week["replies_delivered_known_hours"], week["replies_outside_recipient_hours"],
            week["replies_outside_recipient_hours_ratio"]) == (2, 1, 0.5)
    status, out, err = cli("stats", "--weeks", "1")
    assert (status, err) == (0, "")
    header, row = out.splitlines()
    assert header.split()[-3:] == ["off", "their", "hours"]
    assert row.endswith("1 of 2")
