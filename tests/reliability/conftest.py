# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures of the reliability suite: the shared inputs, made once per session."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.cli import main as cli_main
from tests.reliability import corpus
from tests.reliability.kill_points import Inputs


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    root = tmp_path_factory.mktemp("reliability-inputs")
    demo = root / "demo-store"
    assert cli_main(["--data-dir", str(demo), "demo"]) == 0
    conn = sqlite3.connect(demo / "unhurried.sqlite3")
    try:
        ids = tuple(r[0] for r in conn.execute(
            "SELECT id FROM requests WHERE state = 'open' AND deleted_at IS NULL "
            "AND snoozed_until IS NULL ORDER BY id"))
    finally:
        conn.close()
    assert len(ids) >= 24
    return Inputs(
        root=root,
        csv=corpus.write_csv(root / "issues.csv"),
        maildir=corpus.write_maildir(root / "Maildir"),
        slack=corpus.write_slack(root / "slack.zip"),
        first_schema=corpus.first_schema_store(root / "first" / "unhurried.sqlite3"),
        demo_store=demo,
        demo_ids=ids,
    )
