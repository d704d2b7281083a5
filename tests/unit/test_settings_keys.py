# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings keys are written out only in the settings declaration and its store.

Every other module reads a typed attribute (``queue.settings.close_to_tray``) or names an
entry of the registry (``registry.ME.key``); a key written as a string anywhere else is a raw
read or write that skips the entry's parser, and this scan of the source fails on it.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from desktop.core.settings import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_PACKAGE = "desktop/core/settings/"
ALLOWED = {"desktop/store/settings_repository.py"}
NOT_A_SETTING = {
    ("desktop/platform/holidays.py", "holidays"),  # the name of the holidays package
    ("desktop/smoke.py", "holidays"),  # the same package, checked at start
}
"""Strings that happen to equal a key but name something else (checked one by one)."""


def raw_key_uses() -> Counter[tuple[str, str]]:
    uses: Counter[tuple[str, str]] = Counter()
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if module in ALLOWED or module.startswith(SETTINGS_PACKAGE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in REGISTRY:
                uses[(module, str(node.value))] += 1
    return uses


def test_no_module_outside_the_settings_store_writes_a_settings_key() -> None:
    found = raw_key_uses()
    assert set(found) - NOT_A_SETTING == set()


def test_the_exceptions_still_exist() -> None:
    # an exception that no longer matches is dead weight, and could hide a new raw use later
    assert set(raw_key_uses()) >= NOT_A_SETTING


def test_the_scan_sees_the_keys_of_every_kind() -> None:
    assert {"caldav.url", "caldav.last_sync", "imap.host", "csv.mappings", "language",
            "policy.chat.normal"} <= set(REGISTRY)
