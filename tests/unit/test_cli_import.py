# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried import``: the report (text and JSON), exit statuses, and nothing written for
input that cannot be read at all."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from tests.fakes import FakeClock


def run(data_dir: Path, clock: FakeClock, capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), *argv], clock=clock)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    cur = tmp_path / "Maildir" / "cur"
    cur.mkdir(parents=True)
    (cur / "1.eml").write_text("From: a@x\nSubject: Budget\nMessage-ID: <1@x>\n"
                               "Date: Tue, 24 Nov 2026 10:15:00 +0000\n\nQ4?\n", "utf-8")
    (cur / "2.eml").write_bytes(b"\x00\x01 binary junk \xff\xfe")
    return tmp_path / "Maildir"


def test_the_json_report_counts_and_lists_problems(tmp_path, clock, capsys, maildir) -> None:
    status, out, err = run(tmp_path / "d", clock, capsys, "import", "maildir", str(maildir),
                           "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert report["imported"] == 2  # the junk comes in with what could be read
    assert report["skipped_duplicates"] == 0
    assert {"source", "reason"} <= set(report["failed"][0])
    status, out, _err = run(tmp_path / "d", clock, capsys, "import", "maildir", str(maildir),
                            "--json")
    assert json.loads(out)["imported"] == 0
    assert json.loads(out)["skipped_duplicates"] == 2
    status, out, _err = run(tmp_path / "d", clock, capsys, "search", "budget", "--json")
    [hit] = json.loads(out)
    assert (hit["subject"], hit["snippet"]) == ("Budget", "[Budget]")


@pytest.mark.parametrize("argv", [
    ("import", "maildir", "/no/such/place"),
    ("import", "mbox", "{here}"),
    ("import", "maildir", "{here}"),
])
def test_unreadable_input_exits_2_and_writes_nothing(tmp_path, clock, capsys, argv) -> None:
    data_dir = tmp_path / "fresh"
    argv = tuple(a.replace("{here}", str(tmp_path)) for a in argv)
    status, out, err = run(data_dir, clock, capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("unhurried: error: ")
    assert len(err.splitlines()) == 1
    assert not data_dir.exists()


def test_a_generic_csv_is_read_through_the_columns_given(tmp_path, clock, capsys) -> None:
    table = tmp_path / "issues.csv"
    table.write_text("Key,Title,Opened,Who\nX-1,Fix login,2026-11-20T10:00:00Z,ann\n", "utf-8")
    mapping = ["--map", "external_id=Key", "--map", "subject=Title", "--map",
               "received_at=Opened", "--map", "sender=Who"]
    status, out, err = run(tmp_path / "d", clock, capsys, "import", "csv", str(table),
                           *mapping, "--json")
    assert (status, err, json.loads(out)["imported"]) == (0, "", 1)
    status, out, _err = run(tmp_path / "d", clock, capsys, "list", "--json")
    [row] = json.loads(out)
    assert (row["subject"], row["sender"], row["channel"]) == ("Fix login", "ann", "tracker")
    status, out, err = run(tmp_path / "e", clock, capsys, "import", "csv", str(table),
                           "--map", "subject")
    assert status == 2
    assert "FIELD=COLUMN" in err


def test_a_slack_export_is_read_for_the_user_given(tmp_path, clock, capsys) -> None:
    export = tmp_path / "slack.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("users.json", json.dumps([
            {"id": "U1", "name": "ann", "profile": {"real_name": "Ann Lee"}},
            {"id": "U2", "name": "ben", "profile": {"real_name": "Ben Cohen"}}]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("dms.json", json.dumps([{"id": "D1", "members": ["U1", "U2"]}]))
        archive.writestr("general/2026-11-24.json", json.dumps([
            {"type": "message", "user": "U2", "text": "<@U1> budget?", "ts": "1795600000.1"},
            {"type": "message", "user": "U2", "text": "lunch", "ts": "1795600001.1"}]))
        archive.writestr("D1/2026-11-24.json", b"[{")
    status, out, err = run(tmp_path / "e", clock, capsys, "import", "slack", str(export))
    assert (status, out) == (2, "")
    assert "--me" in err
    assert not (tmp_path / "e").exists()
    status, out, err = run(tmp_path / "d", clock, capsys, "import", "slack", str(export),
                           "--me", "U1", "--workspace", "acme", "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert (report["imported"], report["skipped_duplicates"]) == (1, 0)
    assert [p["source"] for p in report["failed"]] == [f"{export}:D1/2026-11-24.json"]
    status, out, _err = run(tmp_path / "d", clock, capsys, "show",
                            json.loads(run(tmp_path / "d", clock, capsys, "list",
                                           "--json")[1])[0]["id"], "--json")
    shown = json.loads(out)
    assert (shown["subject"], shown["sender"], shown["channel"]) == (
        "@Ann Lee budget?", "Ben Cohen", "chat")
    assert shown["links"] == ["https://acme.slack.com/archives/C1/p17956000001"]


def test_a_slack_import_without_me_uses_the_me_setting(tmp_path, clock, capsys) -> None:
    export = tmp_path / "slack.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("users.json", json.dumps([
            {"id": "U1", "name": "ann", "profile": {"email": "ann@example.org"}},
            {"id": "U2", "name": "ben"}]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("general/2026-11-24.json", json.dumps([
            {"type": "message", "user": "U2", "text": "<@U1> budget?", "ts": "1795600000.1"}]))
    data = tmp_path / "d"
    assert run(data, clock, capsys, "config", "set", "me", "ann@example.org")[0] == 0
    status, out, err = run(data, clock, capsys, "import", "slack", str(export), "--json")
    assert (status, err, json.loads(out)["imported"]) == (0, "", 1)


def test_a_semicolon_file_with_local_times_is_guessed_and_read_in_the_zone(
        tmp_path, clock, capsys) -> None:
    table = tmp_path / "export.csv"
    table.write_bytes("Ticket;Title;Requester;Created\nT-1;Grüße aus Köln;ann;2026-11-20 10:15\n"
                      .encode("cp1252"))
    data = tmp_path / "d"
    status, out, err = run(data, clock, capsys, "config", "set", "timezone", "Europe/Berlin")
    assert status == 0
    status, out, err = run(data, clock, capsys, "import", "csv", str(table))
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == ("Columns used: subject=Title, sender=Requester, "
                                   "received_at=Created, external_id=Ticket")
    status, out, _err = run(data, clock, capsys, "list", "--json")
    [row] = json.loads(out)
    assert row["subject"] == "Grüße aus Köln"
    assert row["received_at"].startswith("2026-11-20T10:15:00+01:00")
    status, out, err = run(tmp_path / "e", clock, capsys, "import", "csv", str(table),
                           "--preset", "generic", "--zone", "America/New_York", "--json")
    report = json.loads(out)
    assert (status, report["imported"], report["mapping"]["subject"]) == (0, 1, "Title")
    status, out, _err = run(tmp_path / "e", clock, capsys, "list", "--json")
    assert json.loads(out)[0]["received_at"].startswith("2026-11-20T15:15:00")


def test_a_generic_file_without_a_guessable_subject_suggests_map(tmp_path, clock, capsys):
    table = tmp_path / "odd.csv"
    table.write_text("Foo,Bar\n1,2\n", "utf-8")
    status, out, err = run(tmp_path / "d", clock, capsys, "import", "csv", str(table))
    assert (status, out) == (2, "")
    assert "--map subject=Title" in err
    assert "Foo, Bar" in err
    assert len(err.splitlines()) == 1


def test_a_bad_zone_is_refused(tmp_path, clock, capsys) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Title\nA\n", "utf-8")
    status, out, _err = run(tmp_path / "d", clock, capsys, "import", "csv", str(table),
                           "--zone", "Mars/Olympus")
    assert (status, out) == (2, "")


def test_a_slack_dm_and_thread_i_answered_import_as_done(tmp_path, clock, capsys) -> None:
    export = tmp_path / "slack.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("users.json", json.dumps([
            {"id": "U1", "name": "ann"}, {"id": "U2", "name": "ben"}]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        archive.writestr("dms.json", json.dumps([{"id": "D1", "members": ["U1", "U2"]}]))
        archive.writestr("general/2026-11-24.json", json.dumps([
            {"type": "message", "user": "U2", "text": "<@U1> budget?", "ts": "1795600000.1"},
            {"type": "message", "user": "U1", "text": "on it", "ts": "1795600100.1",
             "thread_ts": "1795600000.1"},
            {"type": "message", "user": "U2", "text": "<@U1> and the plan?",
             "ts": "1795600200.1"}]))
        archive.writestr("D1/2026-11-24.json", json.dumps([
            {"type": "message", "user": "U2", "text": "lunch?", "ts": "1795600000.2"},
            {"type": "message", "user": "U1", "text": "sure", "ts": "1795600050.2"}]))
    status, out, err = run(tmp_path / "d", clock, capsys, "import", "slack", str(export),
                           "--me", "U1", "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert (report["imported"], report["answered"]) == (3, 2)
    listed = json.loads(run(tmp_path / "d", clock, capsys, "list", "--json")[1])
    assert [r["subject"] for r in listed] == ["@ann and the plan?"]


def _eml(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_an_answer_in_the_thread_of_a_waiting_request_resumes_it(tmp_path, clock,
                                                                 capsys) -> None:
    data = tmp_path / "d"
    asked = _eml(tmp_path / "ask.eml", "From: Ana <ana@x>\nSubject: Budget\n"
                 "Message-ID: <ask@x>\nDate: Wed, 25 Nov 2026 08:00:00 +0000\n\nQ4 numbers?\n")
    assert run(data, clock, capsys, "import", "eml", str(asked))[0] == 0
    [request] = json.loads(run(data, clock, capsys, "list", "--json")[1])
    assert run(data, clock, capsys, "wait", request["id"][:6], "--follow-up", "fri 9:00")[0] == 0
    shown = json.loads(run(data, clock, capsys, "show", request["id"], "--json")[1])
    assert (shown["state"], shown["follow_up_at"]) == ("waiting", "2026-11-27T09:00:00+00:00")
    other = _eml(tmp_path / "other.eml", "From: Ben <ben@x>\nSubject: Lunch\n"
                 "Message-ID: <other@x>\nIn-Reply-To: <unrelated@x>\n"
                 "Date: Wed, 25 Nov 2026 10:00:00 +0000\n\nLunch?\n")
    assert run(data, clock, capsys, "import", "eml", str(other))[0] == 0
    assert json.loads(run(data, clock, capsys, "show", request["id"], "--json")[1])[
        "state"] == "waiting"
    clock.advance(hours=2)
    answer = _eml(tmp_path / "answer.eml", "From: Ana <ana@x>\nSubject: Re: Budget\n"
                  "Message-ID: <answer@x>\nIn-Reply-To: <ask@x>\nReferences: <ask@x>\n"
                  "Date: Wed, 25 Nov 2026 10:30:00 +0000\n\nHere they are.\n")
    assert run(data, clock, capsys, "import", "eml", str(answer))[0] == 0
    shown = json.loads(run(data, clock, capsys, "show", request["id"], "--json")[1])
    assert (shown["state"], shown["follow_up_at"]) == ("open", None)


def test_a_wait_without_an_answer_comes_back_to_follow_up(tmp_path, clock, capsys) -> None:
    data = tmp_path / "d"
    _status, out, _err = run(data, clock, capsys, "add", "Contract draft", "--from", "ana@x")
    request_id = out.strip()
    assert run(data, clock, capsys, "wait", request_id)[0] == 0  # 2 business days by default
    shown = json.loads(run(data, clock, capsys, "show", request_id, "--json")[1])
    assert shown["follow_up_at"] == "2026-11-26T17:00:00+00:00"  # Wed 09:00 + 16 business h
    assert json.loads(run(data, clock, capsys, "list", "--bucket", "follow-up", "--json")[1]) == []
    clock.advance(days=2)
    listed = json.loads(run(data, clock, capsys, "list", "--bucket", "follow-up", "--json")[1])
    assert [(r["id"], r["state"], r["bucket"]) for r in listed] == [
        (request_id, "follow-up", "follow-up")]
    assert "2bd" in run(data, clock, capsys, "config", "get", "follow_up_after")[1]


def test_a_follow_up_in_the_past_is_refused(tmp_path, clock, capsys) -> None:
    data = tmp_path / "d"
    request_id = run(data, clock, capsys, "add", "x")[1].strip()
    status, _out, err = run(data, clock, capsys, "wait", request_id, "--follow-up", "yesterday")
    assert status == 2
    assert "A follow-up must be in the future." in err
    assert json.loads(run(data, clock, capsys, "show", request_id, "--json")[1])["state"] == "open"


def test_a_slack_thread_answer_resumes_the_waiting_request(tmp_path, clock, capsys) -> None:
    def export(path: Path, messages: list[dict[str, str]]) -> Path:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("users.json", json.dumps([
                {"id": "U1", "name": "ann"}, {"id": "U2", "name": "ben"}]))
            archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
            archive.writestr("general/2026-11-25.json", json.dumps(messages))
        return path

    ask = {"type": "message", "user": "U2", "text": "<@U1> budget?", "ts": "1795597200.1"}
    data = tmp_path / "d"
    first = export(tmp_path / "one.zip", [ask])
    assert run(data, clock, capsys, "import", "slack", str(first), "--me", "U1")[0] == 0
    [request] = json.loads(run(data, clock, capsys, "list", "--json")[1])
    assert run(data, clock, capsys, "wait", request["id"])[0] == 0
    answer = {"type": "message", "user": "U2", "text": "found them", "ts": "1795604400.1",
              "thread_ts": "1795597200.1"}  # 11:00 UTC, after the wait began
    clock.advance(hours=3)
    second = export(tmp_path / "two.zip", [ask, answer])
    assert run(data, clock, capsys, "import", "slack", str(second), "--me", "U1")[0] == 0
    assert json.loads(run(data, clock, capsys, "show", request["id"], "--json")[1])[
        "state"] == "open"
