# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""10,000 seeded malformed inputs (``fuzz_*.py``): no crash, every input imported or
reported, every known fault reported with its reason, and the store takes what was read."""

from __future__ import annotations

import importlib
import pkgutil
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

import tests.reliability as package
from desktop.core.importing.items import Incoming, Problem
from desktop.core.queue.service import QueueService
from desktop.sources.runner import run_import
from desktop.store.db import open_database
from desktop.store.request_repository import SqliteRequestRepository
from desktop.store.settings_repository import SqliteSettingsStore
from tests.fakes import FakeClock, no_holidays
from tests.reliability.fuzz import FUZZ_TARGETS, FuzzTarget

for _info in pkgutil.iter_modules(package.__path__):
    if _info.name.startswith("fuzz_"):
        importlib.import_module(f"{package.__name__}.{_info.name}")

SEED = 20261125


@pytest.mark.parametrize("target", FUZZ_TARGETS, ids=lambda t: t.name)
def test_malformed_inputs_are_imported_or_reported_never_a_crash(
        target: FuzzTarget, tmp_path: Path) -> None:
    cases = target.make(random.Random(f"{SEED}-{target.name}"), target.count, tmp_path)
    assert len(cases) >= target.count
    silent = [c.where for c in cases if not c.items and not c.skippable]
    assert not silent, f"{len(silent)} inputs neither imported nor reported, e.g. {silent[:5]}"
    unreported = []
    for case in cases:
        reasons = " | ".join(i.reason for i in case.items if isinstance(i, Problem))
        if any(e.lower() not in reasons.lower() for e in case.expect):
            unreported.append((case.where, case.expect, reasons))
    assert not unreported, f"{len(unreported)} faults not reported, e.g. {unreported[:3]}"

    db = open_database(":memory:", datetime(2026, 11, 25, tzinfo=UTC))
    try:
        queue = QueueService(SqliteRequestRepository(db), SqliteSettingsStore(db),
                             FakeClock(datetime(2026, 11, 25, 9, tzinfo=UTC)), no_holidays, "UTC")
        items = [item for case in cases for item in case.items]
        report = run_import(queue, items)
        incoming = {(i.source, i.external_id) for i in items if isinstance(i, Incoming)}
        assert report.imported + report.skipped_duplicates == sum(
            isinstance(i, Incoming) for i in items)
        assert report.imported == len(incoming) == db.execute(
            "SELECT count(*) FROM requests").fetchone()[0]
        assert len(report.failed) == sum(isinstance(i, Problem) for i in items)
    finally:
        db.conn.close()


def test_ten_thousand_inputs_in_all() -> None:
    assert sum(t.count for t in FUZZ_TARGETS) >= 10_000
