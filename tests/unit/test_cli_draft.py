# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried draft`` and ``unhurried templates``: output formats, user templates and the exit
statuses (2 for bad input with one clear line, 1 for a broken template file)."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cli import main
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STATUS = ["status", "--field", "to=Jürgen Groß <juergen@example.org>", "--field",
          "topic=the export fix", "--field", "details=Fix is merged; backfill runs tonight.",
          "--field", "next_update=fri 12:00 UTC"]


@pytest.fixture
def run(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]):
    def go(*argv: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(tmp_path), *argv], clock=FakeClock(NOW))
        out, err = capsysbinary.readouterr()
        return status, out.decode("utf-8"), err.decode("utf-8")
    return go


def test_draft_prints_plain_text_with_the_subject_first(run) -> None:
    assert run("config", "set", "timezone", "Europe/Berlin")[0] == 0
    status, out, err = run("draft", *STATUS)
    assert (status, err) == (0, "")
    assert out.startswith("Subject: Received: the export fix\n\nHi Jürgen,\n")
    assert "I will send the next update by Fri 27 Nov, 12:00 UTC (13:00 CET)." in out


def test_list_fields_take_repeated_values_and_markdown_bolds_the_subject(run) -> None:
    status, out, _err = run("draft", "standup", "--format", "md", "--field", "name=Kenji",
                            "--field", "done=Merged the API", "--field", "done=Reviewed *docs*",
                            "--field", "next=Tests", "--field", "reply_by=thu 12:00 UTC")
    assert status == 0
    assert out.startswith("**Standup Wed 25 Nov: Kenji**\n\n")
    assert "- Merged the API\n- Reviewed *docs*\n" in out


def test_eml_is_a_proper_utf8_message(run, tmp_path: Path) -> None:
    target = tmp_path / "out.eml"
    status, out, _err = run("draft", *STATUS, "--format", "eml", "--from",
                            "Zoë <zoe@example.org>", "--out", str(target))
    assert (status, out) == (0, "")
    raw = target.read_bytes()
    assert b"\r\n" in raw
    assert all(byte < 128 for byte in raw.split(b"\r\n\r\n", 1)[0]), "headers are encoded"
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "Jürgen Groß <juergen@example.org>"
    assert message["From"] == "Zoë <zoe@example.org>"
    assert message["Subject"] == "Received: the export fix"
    assert message["Date"].datetime == NOW
    assert message["Message-ID"].endswith("@example.org>")
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n").startswith("Hi Jürgen,\n\n")


@pytest.mark.parametrize(("argv", "words"), [
    (["draft", "nosuch"], "No template 'nosuch'; known templates: decision, followup"),
    (["draft", "status", "--field", "topic=x"], "--field to: To is required"),
    (["draft", *STATUS[:-1], "next_update=when pigs fly"],
     "--field next_update: Next update by: 'when pigs fly' is not a date and time"),
    (["draft", *STATUS, "--field", "state=Maybe"],
     "'Maybe' is not a choice; use one of: Received, In progress, Done, Blocked"),
    (["draft", *STATUS, "--field", "colour=red"], "has no field 'colour'"),
    (["draft", *STATUS, "--field", "topic"], "Write a field as NAME=VALUE"),
    (["draft", *STATUS, "--field", "topic=again"], "Field 'topic' is given twice"),
    (["draft", *STATUS, "--recipient-tz", "Mars/Base"], "Unknown time zone 'Mars/Base'"),
    (["draft", *STATUS, "--format", "eml", "--to", "not an address"],
     "'not an address' is not an email address"),
    (["draft", *STATUS, "--format", "pdf"], "invalid choice: 'pdf'"),
])
def test_bad_input_exits_2_with_one_clear_line(run, argv: list[str], words: str) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("unhurried: error: ")
    assert words in err


def test_user_templates_override_and_a_broken_one_names_file_and_line(
        run, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "templates"
    folder.mkdir(parents=True)
    (folder / "status.j2").write_text(
        '{#---\ntitle = "My status"\nsubject = "Status"\n---#}\nAll fine.\n', encoding="utf-8")
    (folder / "broken.j2").write_text(
        '{#---\ntitle = "Broken"\nsubject = "x"\n---#}\nline 5\n{{ nope(}}\n', encoding="utf-8")
    status, out, _err = run("draft", "status")
    assert (status, out) == (0, "Subject: Status\n\nAll fine.\n")
    status, out, err = run("draft", "broken")
    assert (status, out) == (1, "")
    assert err.startswith(f"unhurried: error: {folder / 'broken.j2'}:6: Syntax error")


def test_templates_lists_every_template_with_its_fields(run, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "templates"
    folder.mkdir(parents=True)
    (folder / "nofront.j2").write_text("just text", encoding="utf-8")
    status, out, err = run("templates", "--json")
    assert status == 0
    listed = {t["id"]: t for t in json.loads(out)}
    assert len(listed) == 10
    decide_by = next(f for f in listed["decision"]["fields"] if f["name"] == "decide_by")
    assert decide_by == {"name": "decide_by", "type": "datetime", "label": "Decide by",
                         "required": True, "help": decide_by["help"], "choices": [],
                         "section": None, "parts": []}
    assert "nofront.j2:1: The file must start with a front matter block" in err
    status, out, _err = run("templates")
    assert out.splitlines()[0].startswith("standup    Async standup: ")
