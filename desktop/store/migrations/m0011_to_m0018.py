# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Migrations 0011 to 0018: reply threading, people, follow-ups, source accounts, zones, desktop
quiet and chat reply places.

Never edit one once released; add a new one at the end of the last module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.store.migrations.registry import MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils


@MIGRATIONS()
def m0011_reply_threading(db: sqlite_utils.Database) -> None:
    """A reply keeps its thread (``In-Reply-To``, ``References``) and closes the request it
    answers only once the server accepted it: ``closes_request`` says it should, and
    ``request_closed_at`` records that it did, so a crash between the two is finished at the
    next start without sending again."""
    db.execute("ALTER TABLE drafts ADD COLUMN in_reply_to TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE drafts ADD COLUMN reply_references TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE drafts ADD COLUMN closes_request INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE drafts ADD COLUMN request_closed_at TEXT")
    db.execute("CREATE INDEX drafts_reply_to ON drafts (reply_to, state)")


@MIGRATIONS()
def m0012_people(db: sqlite_utils.Database) -> None:
    """The people directory (:mod:`desktop.core.people`): one row per person with each
    value's source, and every address or handle that names them (kept local, see there)."""
    db.execute("""
        CREATE TABLE people (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            zone TEXT NOT NULL DEFAULT '',
            hours TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL DEFAULT '',
            sources TEXT NOT NULL DEFAULT '{}',
            modified_at TEXT NOT NULL
        )
    """)
    db.execute("""
        CREATE TABLE person_addresses (
            address TEXT PRIMARY KEY,
            person_key TEXT NOT NULL REFERENCES people(key) ON DELETE CASCADE,
            position INTEGER NOT NULL
        )
    """)
    db.execute("CREATE INDEX person_addresses_person ON person_addresses (person_key)")


@MIGRATIONS()
def m0013_follow_up(db: sqlite_utils.Database) -> None:
    """When a waiting request comes back to be followed up (``follow_up_at``), kept in the
    covering queue index so the window still places requests from the index alone; and the
    request history: what happened to a request by itself (an answer in its thread resumed
    its clock), as a kind and a detail, shown in the user's language when read."""
    db.execute("ALTER TABLE requests ADD COLUMN follow_up_at TEXT")
    db.execute("DROP INDEX requests_queue")
    db.execute(
        "CREATE INDEX requests_queue ON requests "
        "(state, deleted_at, id, reply_by, received_at, snoozed_until, follow_up_at)"
    )
    db.execute(
        """
        CREATE TABLE request_history (
            request_id TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX request_history_request ON request_history (request_id, at)")


@MIGRATIONS()
def m0015_source_accounts(db: sqlite_utils.Database) -> None:
    """One row per live source (GitHub, Slack, ...): its account settings and how far it has
    read, as a JSON object the source owns (the token is in the keyring, never here)."""
    db.execute(
        """
        CREATE TABLE source_accounts (
            source TEXT PRIMARY KEY,
            state TEXT NOT NULL DEFAULT '{}'
        )
        """
    )


@MIGRATIONS()
def m0016_people_zones(db: sqlite_utils.Database) -> None:
    """The time zone each chat contact's profile gives (Slack's ``tz``), by source and user id,
    for the people directory."""
    db.execute(
        """
        CREATE TABLE people_zones (
            source TEXT NOT NULL,
            user_id TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            tz TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source, user_id)
        )
        """
    )


@MIGRATIONS()
def m0017_desktop_quiet(db: sqlite_utils.Database) -> None:
    """The desktop's do-not-disturb state from before a focus block quieted it (one row,
    written before the change), so the end of the block, a quit or the next start after a
    crash puts it back (:mod:`desktop.core.focus.quiet`)."""
    db.execute(
        """
        CREATE TABLE desktop_quiet (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            backend TEXT NOT NULL,
            was_quiet INTEGER NOT NULL,
            since TEXT NOT NULL,
            token TEXT NOT NULL DEFAULT '',
            quieted INTEGER NOT NULL DEFAULT 0,
            taken_over INTEGER NOT NULL DEFAULT 0
        )
        """
    )


@MIGRATIONS()
def m0018_chat_reply_places(db: sqlite_utils.Database) -> None:
    """Where a reply to a chat request is posted (:class:`desktop.core.drafting.routes.
    ReplyPlace`): the room or channel, the thread it belongs to (a Matrix thread root, a Slack
    parent ``thread_ts``; "" outside a thread) and the room's name, per request."""
    db.execute(
        """
        CREATE TABLE reply_places (
            request_id TEXT PRIMARY KEY,
            place TEXT NOT NULL,
            thread TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT ''
        )
        """
    )
