# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Migrations 0001 to 0009: requests, focus, drafts, calendar, decisions and CalDAV sync.

Never edit one once released; add a new one at the end of the last module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.store.migrations.registry import MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils


@MIGRATIONS()
def m0001_create_requests(db: sqlite_utils.Database) -> None:
    """Requests, settings and the full-text index over subject, sender and body."""
    db.execute(
        """
        CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            sender TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '[]',
            channel TEXT NOT NULL,
            priority TEXT NOT NULL,
            state TEXT NOT NULL,
            source TEXT NOT NULL,
            external_id TEXT,
            received_at TEXT NOT NULL,
            snoozed_until TEXT,
            pauses TEXT NOT NULL DEFAULT '[]',
            due TEXT,
            reply_by TEXT,
            done_at TEXT,
            modified_at TEXT NOT NULL,
            deleted_at TEXT
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX requests_source_external ON requests (source, external_id) "
        "WHERE external_id IS NOT NULL"
    )
    db.execute("CREATE INDEX requests_active ON requests (state, deleted_at, reply_by)")
    db.table("requests").enable_fts(
        ["subject", "sender", "body"],
        create_triggers=True,
        # No stemmer: every query word is a prefix, which a stemmed index cannot answer
        # ("meeti" would not find "meeting", indexed as "meet").
        tokenize="unicode61 remove_diacritics 2",
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@MIGRATIONS()
def m0002_covering_queue_index(db: sqlite_utils.Database) -> None:
    """An index that holds every column the window needs to place requests, so opening a
    queue of 100,000 reads the index alone (0.19 s instead of 0.38 s for the table)."""
    db.execute("DROP INDEX requests_active")
    db.execute(
        "CREATE INDEX requests_queue "
        "ON requests (state, deleted_at, id, reply_by, received_at, snoozed_until)"
    )


@MIGRATIONS()
def m0003_fts_rank(db: sqlite_utils.Database) -> None:
    """Rank full-text matches by BM25 weighted subject 10, sender 5, body 1 as the index's own
    ``rank``: ``ORDER BY rank LIMIT n`` lets FTS5 keep only the best n (twice as fast)."""
    db.execute(
        "INSERT INTO requests_fts(requests_fts, rank) VALUES('rank', 'bm25(10.0, 5.0, 1.0)')"
    )


@MIGRATIONS()
def m0004_imap_folders(db: sqlite_utils.Database) -> None:
    """How far each IMAP folder has been read: its UIDVALIDITY and the last UID imported."""
    db.execute(
        """
        CREATE TABLE imap_folders (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL,
            PRIMARY KEY (account, folder)
        )
        """
    )


@MIGRATIONS()
def m0005_focus(db: sqlite_utils.Database) -> None:
    """Focus blocks (synced as calendar events: stable ids, tombstones), recurring schedules,
    the requests held for the digest, and the interruption log the health measures read."""
    db.execute(
        """
        CREATE TABLE focus_blocks (
            id TEXT PRIMARY KEY,
            start_at TEXT NOT NULL,
            planned_end_at TEXT NOT NULL,
            actual_end_at TEXT,
            schedule_id TEXT,
            modified_at TEXT NOT NULL,
            deleted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX focus_blocks_time ON focus_blocks (planned_end_at, start_at)")
    db.execute(
        """
        CREATE TABLE focus_schedules (
            id TEXT PRIMARY KEY,
            weekdays TEXT NOT NULL,
            start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL,
            zone TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            deleted_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE focus_held (
            request_id TEXT PRIMARY KEY,
            breach_at TEXT,
            held_at TEXT NOT NULL,
            block_id TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE focus_interruptions (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            request_id TEXT,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            block_id TEXT
        )
        """
    )
    db.execute("CREATE INDEX focus_interruptions_at ON focus_interruptions (at)")


@MIGRATIONS()
def m0006_drafts(db: sqlite_utils.Database) -> None:
    """Drafts with their outbox state, the last versions of each, and the SMTP account (its
    password lives in the keyring, never here)."""
    db.execute(
        """
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            template_id TEXT,
            reply_to TEXT,
            recipient TEXT NOT NULL DEFAULT '',
            recipient_zone TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            send_at TEXT,
            sent_at TEXT,
            retry_at TEXT,
            tries INTEGER NOT NULL DEFAULT 0,
            attempt TEXT,
            error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL,
            deleted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX drafts_state ON drafts (state, deleted_at)")
    db.execute(
        """
        CREATE TABLE draft_versions (
            draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            saved_at TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (draft_id, number)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE smtp_account (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            host TEXT NOT NULL,
            port INTEGER NOT NULL,
            security TEXT NOT NULL,
            username TEXT NOT NULL,
            from_address TEXT NOT NULL
        )
        """
    )


@MIGRATIONS()
def m0007_calendar_and_decisions(db: sqlite_utils.Database) -> None:
    """Imported calendar events (for meeting hours and free time) and decisions (for decision
    speed). Events are replaced per calendar on each import; times are UTC ISO text."""
    db.execute(
        """
        CREATE TABLE calendar_events (
            calendar_id TEXT NOT NULL,
            uid TEXT NOT NULL,
            recurrence_id TEXT NOT NULL DEFAULT '',
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            all_day INTEGER NOT NULL DEFAULT 0,
            summary TEXT NOT NULL DEFAULT '',
            cancelled INTEGER NOT NULL DEFAULT 0,
            declined_by TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (calendar_id, uid, recurrence_id)
        )
        """
    )
    db.execute('CREATE INDEX calendar_events_time ON calendar_events (start, "end")')
    db.execute(
        """
        CREATE TABLE decisions (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            request_id TEXT,
            draft_id TEXT,
            opened_at TEXT NOT NULL,
            decided_at TEXT,
            outcome TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX decisions_request ON decisions (request_id)")


@MIGRATIONS()
def m0008_caldav_sync(db: sqlite_utils.Database) -> None:
    """CalDAV sync state: per synced item its href, ETag, the local ``modified_at`` when it was
    last in step and the fields as synced then (the merge base); the sync token per
    collection; and the values a merge overwrote (the item's history)."""
    db.execute(
        """
        CREATE TABLE sync_items (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            collection TEXT NOT NULL,
            href TEXT NOT NULL,
            etag TEXT,
            synced_modified_at TEXT,
            snapshot TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (kind, id)
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX sync_items_href ON sync_items (href)")
    db.execute("CREATE TABLE sync_collections (url TEXT PRIMARY KEY, token TEXT)")
    db.execute(
        """
        CREATE TABLE sync_history (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            field TEXT NOT NULL,
            kept TEXT,
            lost TEXT,
            lost_side TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sync_history_item ON sync_history (kind, item_id, seq)")


@MIGRATIONS()
def m0009_caldav_stamps(db: sqlite_utils.Database) -> None:
    """Per synced collection its last-modified time and the server's clock when it was read
    (:mod:`desktop.core.sync.freshness`): an unchanged collection skips the full check. And
    covering indexes for the list of requests changed since the last sync, asked on every
    sync: it reads them instead of every request's and every snapshot's whole row (12 ms
    down to 5 ms with 10,000 requests)."""
    db.execute("ALTER TABLE sync_collections ADD COLUMN last_modified TEXT")
    db.execute("ALTER TABLE sync_collections ADD COLUMN checked_at TEXT")
    db.execute("CREATE INDEX requests_sync ON requests (id, modified_at, deleted_at)")
    db.execute("CREATE INDEX sync_items_synced ON sync_items (kind, id, synced_modified_at)")
