# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The names of this build's migrations, readable without sqlite-utils.

An up-to-date store is recognised by comparing its ``_sqlite_migrations`` rows with
:data:`MIGRATION_NAMES`; only a store that needs migrating (or is refused) loads
:mod:`.migrations`. A test checks that this list and the registered migrations agree.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "unhurried"
MIGRATIONS_TABLE = "_sqlite_migrations"

MIGRATION_NAMES: tuple[str, ...] = (
    "m0001_create_requests",
    "m0002_covering_queue_index",
    "m0003_fts_rank",
    "m0004_imap_folders",
    "m0005_focus",
    "m0006_drafts",
    "m0007_calendar_and_decisions",
    "m0008_caldav_sync",
    "m0009_caldav_stamps",
    "m0011_reply_threading",
    "m0012_people",
    "m0013_follow_up",
    "m0015_source_accounts",
    "m0016_people_zones",
    "m0017_desktop_quiet",
    "m0018_chat_reply_places",
)


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order they ran."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if exists is None:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [row[0] for row in rows]


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether exactly this build's migrations have been applied (in whatever order: a
    migration numbered lower may land in a later release)."""
    return sorted(applied_names(conn)) == sorted(MIGRATION_NAMES)
