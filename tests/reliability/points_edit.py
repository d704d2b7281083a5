# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill points in bursts of edits (add, done, snooze, priority, waiting, delete) and in a
settings change that re-derives every reply-by."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.reliability.kill_points import Inputs, KillPoint, register


def _demo(inputs: Inputs, data_dir: Path) -> None:
    shutil.copytree(inputs.demo_store, data_dir)


def _adds(_inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["add", f"Burst {n}", "--from", "burst@example.org", "--priority", "high"]
            for n in range(5)]


def _on(command: list[str], first: int, count: int = 5):
    def runs(inputs: Inputs, _data: Path) -> list[list[str]]:
        ids = inputs.demo_ids[first:first + count]
        return [[command[0], rid, *command[1:]] for rid in ids]
    return runs


def _mixed(inputs: Inputs, _data: Path) -> list[list[str]]:
    a, b, c, d = inputs.demo_ids[20:24]
    return [["add", "Mixed"], ["done", a], ["wait", b], ["resume", b], ["snooze", c, "next week"],
            ["unsnooze", c], ["priority", d, "low"], ["delete", a], ["restore", a]]


def _zone(_inputs: Inputs, _data: Path) -> list[list[str]]:
    return [["config", "set", "timezone", "America/New_York"]]


for name, runs, trigger, nth in (
    ("add-before-third-commit", _adds, r"^COMMIT", 3),
    ("add-after-fourth-commit", _adds, r"^BEGIN IMMEDIATE", 5),
    ("done-before-fourth-commit", _on(["done"], 0), r"^COMMIT", 4),
    ("snooze-before-second-commit", _on(["snooze", "tomorrow 9:00"], 5), r"^COMMIT", 2),
    ("priority-before-last-commit", _on(["priority", "urgent"], 10), r"^COMMIT", 5),
    ("mixed-inside-an-update", _mixed, r"requests_fts_docsize' VALUES", 4),
    ("mixed-before-delete-commit", _mixed, r"^COMMIT", 8),
):
    register(KillPoint(f"edit-{name}", "edit", runs, trigger, nth, prepare=_demo))

# A new zone: settings are stored, then every reply-by is derived again in its own transaction.
# Killed in between, the restart must notice and derive them (the "derived with" fingerprint).
for name, nth in (("settings-before-commit", 1), ("settings-before-rederive-commit", 2)):
    register(KillPoint(f"edit-{name}", "settings", _zone, r"^COMMIT", nth, prepare=_demo,
                       resume=True))
