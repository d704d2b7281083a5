# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every parser of outside data keeps to its budgets on hostile input (issue 21).

Each attack runs in a child process with its address space capped (so a regression ends as a
MemoryError here, not as the OOM killer on the machine), and the test asserts the child's
peak RSS and wall time, that it finished, and that the breach was reported by name while the
items around it were read.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.reliability import hostile_inputs as hostile
from tests.reliability.attack import Outcome, run_attack

PEAK_MB = 300  # a bare child with the parsers imported peaks near 60 MB
SECONDS = 10.0  # generous on a shared 2-core machine: before, these ran 20 s to over 60 s
CAP_MB = 1_024  # RLIMIT_AS of the child


def attacked(kind: str, path: Path) -> Outcome:
    outcome = run_attack(kind, path, timeout=30, memory_mb=CAP_MB)
    assert outcome.status == "ok", outcome
    assert outcome.seconds < SECONDS, outcome
    assert outcome.peak_mb < PEAK_MB, outcome
    return outcome


@pytest.mark.parametrize(("make", "limit"), [
    (lambda: hostile.nested_mail(1_000), "MIME nesting depth"),
    (lambda: hostile.nested_mail(1_000, kind="message/rfc822"), "MIME nesting depth"),
    (lambda: hostile.wide_mail(100_000), "parts in a mail"),
])
def test_mime(tmp_path: Path, make, limit: str) -> None:
    path = tmp_path / "hostile.eml"
    path.write_bytes(make())
    outcome = attacked("eml", path)
    assert outcome.items == 0
    assert any(limit in r for r in outcome.reasons), outcome


def test_mime_fuzz_every_mail_is_read_or_reported(tmp_path: Path) -> None:
    box = hostile.fuzz_maildir(random.Random(21), tmp_path / "Maildir", mails=40)
    outcome = attacked("maildir", box)
    assert outcome.items >= 1
    # every hostile mail is a problem naming its limit; none stopped the import
    assert all("Left out" in r for r in outcome.reasons), outcome


@pytest.mark.parametrize(("attack", "events", "reason"), [
    ("zone-every-second", 1, "repetitions of one rule"),
    ("hourly-every-second", 0, "repetitions in the weeks imported"),
    ("300-zones-400-events", 400, ""),
    ("unterminated-zone", 1, "ends inside this time zone"),
])
def test_icalendar(tmp_path: Path, attack: str, events: int, reason: str) -> None:
    outcome = attacked("ics", hostile.ics_attack(attack, tmp_path / "cal.ics"))
    assert outcome.items == events
    assert not reason or any(reason in r for r in outcome.reasons), outcome


def test_icalendar_fuzz(tmp_path: Path) -> None:
    attacked("ics", hostile.fuzz_ics(random.Random(21), tmp_path / "cal.ics"))


def test_caldav_item(tmp_path: Path) -> None:
    outcome = attacked("caldav", hostile.caldav_item(tmp_path / "item.ics"))
    assert any("repetitions of one rule" in r for r in outcome.reasons), outcome


@pytest.mark.parametrize(("megabytes", "limit"), [(30, "values in one JSON file"),
                                                  (75, "bytes in one file of the export")])
def test_slack_json(tmp_path: Path, megabytes: int, limit: str) -> None:
    outcome = attacked("slack", hostile.slack_bomb(tmp_path / "export.zip", megabytes))
    assert outcome.items == 1  # the message on the other day
    assert any(limit in r for r in outcome.reasons), outcome


@pytest.mark.parametrize(("attack", "reason"), [("unclosed-quote", "field larger"),
                                                ("wide-row", "cells in one row")])
def test_csv(tmp_path: Path, attack: str, reason: str) -> None:
    outcome = attacked("csv", hostile.csv_attack(attack, tmp_path / "issues.csv"))
    assert outcome.items >= 1
    assert any(reason in r for r in outcome.reasons), outcome
