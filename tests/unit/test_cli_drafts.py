# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""``unhurried drafts``, ``drafts show``, ``outbox`` and ``account smtp``: listings as text and
JSON, bad input with status 2 and nothing written."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.platform.paths import resolve_paths
from desktop.wiring.services import open_context, open_drafting
from tests.unit.test_cli import Cli


@pytest.fixture
def cli(tmp_path: Path, clock, capsys) -> Cli:
    runner = Cli(tmp_path / "data", clock, capsys)
    runner.ok("config", "set", "timezone", "Europe/Berlin")
    return runner


def seed(cli: Cli) -> tuple[str, str]:
    context = open_context(resolve_paths(str(cli.data_dir)), cli.clock)
    try:
        drafting = open_drafting(context)
        plain = drafting.drafts.create(subject="Notes", body="Please review by EOD")
        queued = drafting.drafts.create(subject="Budget", body="x", recipient="ann@example.org",
                                        reply_to="req-1")
        drafting.outbox.schedule(queued, cli.clock.now() + timedelta(hours=3))
        return plain.id, queued.id
    finally:
        context.close()


def test_drafts_are_listed_as_text_and_json(cli):
    plain, queued = seed(cli)
    text = cli.ok("drafts")
    assert plain[:8] in text
    assert "scheduled" in text
    rows = json.loads(cli.ok("drafts", "--json"))
    assert {r["id"]: r["state"] for r in rows} == {plain: "draft", queued: "scheduled"}
    budget = next(r for r in rows if r["id"] == queued)
    assert budget["send_at"] == "2026-11-25T13:00:00+01:00"
    assert budget["reply_to"] == "req-1"


def test_show_prints_one_draft_by_prefix(cli):
    plain, _queued = seed(cli)
    shown = json.loads(cli.ok("drafts", "show", plain[:6], "--json"))
    assert shown["body"] == "Please review by EOD"
    assert "Please review by EOD" in cli.ok("drafts", "show", plain)
    assert "'nope'" in cli.fails("drafts", "show", "nope")


def test_outbox_lists_only_what_is_queued(cli):
    _plain, queued = seed(cli)
    rows = json.loads(cli.ok("outbox", "--json"))
    assert [r["id"] for r in rows] == [queued]


def test_an_empty_store_has_no_drafts_and_is_not_created(tmp_path, clock, capsys):
    fresh = Cli(tmp_path / "fresh", clock, capsys)
    assert fresh.ok("drafts") == "No drafts.\n"
    assert fresh.ok("outbox") == "The outbox is empty.\n"
    assert not (tmp_path / "fresh").exists()


def test_smtp_without_encryption_is_allowed_to_this_machine_only(cli):
    cli.ok("account", "smtp", "set", "localhost", "ann", "--from", "ann@example.org",
           "--security", "none", "--port", "2525")
    assert cli.ok("account", "smtp", "show") == "localhost:2525 (none) ann <ann@example.org>\n"


def test_smtp_account_is_set_shown_and_deleted(cli):
    cli.ok("account", "smtp", "set", "smtp.example.org", "ann", "--from", "ann@example.org",
           "--security", "tls")
    assert cli.ok("account", "smtp", "show") == (
        "smtp.example.org:465 (tls) ann <ann@example.org>\n")
    cli.ok("account", "smtp", "delete")
    assert "No SMTP account" in cli.ok("account", "smtp", "show")


@pytest.mark.parametrize(("argv", "message"), [
    (["--from", "nobody", "--security", "tls"], "--from needs an email address"),
    (["--from", "a@b.org", "--security", "ssl3"], "tls, starttls or none"),
    (["--from", "a@b.org", "--port", "70000"], "1 to 65535"),
    (["--from", "a@b.org", "--security", "none"], "only allowed to this machine (localhost)"),
])
def test_bad_smtp_input_is_refused_and_nothing_written(tmp_path, clock, capsys, argv, message):
    fresh = Cli(tmp_path / "fresh", clock, capsys)
    assert message in fresh.fails("account", "smtp", "set", "smtp.example.org", "ann", *argv)
    assert not (tmp_path / "fresh").exists()
