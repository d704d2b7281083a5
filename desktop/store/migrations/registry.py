# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``sqlite_utils.Migrations`` set every migration module registers its steps with, in
order."""

from __future__ import annotations

from desktop.store import load_sqlite_utils
from desktop.store.schema import MIGRATION_SET

_sqlite_utils = load_sqlite_utils()
from sqlite_utils.migrations import Migrations  # noqa: E402  (after the import above)

MIGRATIONS = Migrations(MIGRATION_SET)
