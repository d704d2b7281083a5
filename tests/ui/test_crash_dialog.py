# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An escaped exception: a known failure (a damaged database) is told as such, a bug as a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.wiring.startup import store_failure as _store_failure

from desktop.ui.common.crash_dialog import crash_box


def test_a_database_damaged_while_the_window_runs_is_not_called_a_bug(qtbot, tmp_path: Path):
    error = sqlite3.DatabaseError("database disk image is malformed")
    sentence = _store_failure(tmp_path / "unhurried.sqlite3", error)
    assert sentence is not None
    box = crash_box(sentence, tmp_path / "crash.txt", "Traceback …")
    qtbot.addWidget(box)
    assert box.windowTitle() == "Unhurried cannot use its database"
    assert ".recover" in box.text()
    assert "Your data is safe" not in box.text()


def test_a_bug_still_gets_the_bug_report(qtbot, tmp_path: Path):
    assert _store_failure(tmp_path / "db", ValueError("oops")) is None
    box = crash_box(None, tmp_path / "crash.txt", "Traceback …")
    qtbot.addWidget(box)
    assert "ran into a bug" in box.windowTitle()
    assert str(tmp_path / "crash.txt") in box.text()
