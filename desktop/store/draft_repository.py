# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drafts, their versions and the SMTP account in SQLite (the ``DraftRepository`` port)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.drafting.drafts import KEEP_VERSIONS, Draft, DraftState, DraftVersion
from desktop.core.drafting.outbox import Security, SmtpAccount
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = (
    "id", "template_id", "reply_to", "recipient", "recipient_zone", "subject", "body", "state",
    "send_at", "sent_at", "retry_at", "tries", "attempt", "error", "created_at", "modified_at",
    "deleted_at", "in_reply_to", "reply_references", "closes_request", "request_closed_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM drafts"
_UPSERT = (
    f"INSERT INTO drafts ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
)
_STATES = {s.value: s for s in DraftState}
_Row = tuple[str, str | None, str | None, str, str, str, str, str, str | None, str | None,
             str | None, int, str | None, str, str, str, str | None, str, str, int, str | None]
"""A row of :data:`_SELECT`, in :data:`_COLUMNS` order (the nullable columns are the optional
ids and times, and ``attempt``)."""


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _at(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _row(d: Draft) -> tuple[object, ...]:
    return (d.id, d.template_id, d.reply_to, d.recipient, d.recipient_zone, d.subject, d.body,
            d.state.value, _ts(d.send_at), _ts(d.sent_at), _ts(d.retry_at), d.tries, d.attempt,
            d.error, _ts(d.created_at), _ts(d.modified_at), _ts(d.deleted_at), d.in_reply_to,
            d.references, int(d.closes_request), _ts(d.request_closed_at))


def _draft(row: _Row) -> Draft:
    (did, template_id, reply_to, recipient, zone, subject, body, state, send_at, sent_at,
     retry_at, tries, attempt, error, created_at, modified_at, deleted_at, in_reply_to,
     references, closes_request, request_closed_at) = row
    return Draft(did, datetime.fromisoformat(created_at), datetime.fromisoformat(modified_at),
                 subject, body, recipient, zone, template_id, reply_to, _STATES[state],
                 _at(send_at), _at(sent_at), _at(retry_at), int(tries), attempt, error,
                 _at(deleted_at), in_reply_to, references, bool(closes_request),
                 _at(request_closed_at))


class SqliteDraftRepository:
    """The ``DraftRepository`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, draft_id: str) -> Draft | None:
        """The draft, deleted ones included; ``None`` if unknown."""
        row = self._db.conn.execute(f"{_SELECT} WHERE id = ?", (draft_id,)).fetchone()
        return None if row is None else _draft(row)

    def save(self, draft: Draft, version: DraftVersion | None = None, *,
             keep: int = KEEP_VERSIONS) -> None:
        """Insert or replace ``draft``; add ``version`` and keep only the newest ``keep``."""
        with transaction(self._db) as conn:
            conn.execute(_UPSERT, _row(draft))
            if version is None:
                return
            conn.execute(
                "INSERT OR REPLACE INTO draft_versions (draft_id, number, saved_at, subject, "
                "body) VALUES (?, ?, ?, ?, ?)",
                (version.draft_id, version.number, _ts(version.saved_at), version.subject,
                 version.body))
            conn.execute(
                "DELETE FROM draft_versions WHERE draft_id = ? AND number <= ("
                "SELECT number FROM draft_versions WHERE draft_id = ? "
                "ORDER BY number DESC LIMIT 1 OFFSET ?)",
                (version.draft_id, version.draft_id, keep))

    def all(self, *, include_deleted: bool = False) -> list[Draft]:
        """Every draft, most recently changed first."""
        where = "" if include_deleted else " WHERE deleted_at IS NULL"
        rows = self._db.conn.execute(
            f"{_SELECT}{where} ORDER BY modified_at DESC, id").fetchall()
        return [_draft(r) for r in rows]

    def versions(self, draft_id: str) -> list[DraftVersion]:
        """The kept versions of a draft, newest first."""
        rows = self._db.conn.execute(
            "SELECT draft_id, number, saved_at, subject, body FROM draft_versions "
            "WHERE draft_id = ? ORDER BY number DESC", (draft_id,)).fetchall()
        return [DraftVersion(r[0], int(r[1]), datetime.fromisoformat(r[2]), r[3], r[4])
                for r in rows]

    def claim(self, draft_id: str, attempt: str, now: datetime) -> Draft | None:
        """Move a scheduled draft to ``sending`` under ``attempt`` in one committed update."""
        with transaction(self._db) as conn:
            changed = conn.execute(
                "UPDATE drafts SET state = 'sending', attempt = ?, modified_at = ? "
                "WHERE id = ? AND state = 'scheduled' AND deleted_at IS NULL",
                (attempt, _ts(now), draft_id)).rowcount
        return self.get(draft_id) if changed == 1 else None


class SqliteSmtpAccountStore:
    """The one SMTP account (without its password, which is in the keyring)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self) -> SmtpAccount | None:
        """The account, or ``None`` when none is set up."""
        row = self._db.conn.execute(
            "SELECT host, port, security, username, from_address FROM smtp_account").fetchone()
        if row is None:
            return None
        return SmtpAccount(row[0], row[3], row[4], int(row[1]), Security(row[2]))

    def put(self, account: SmtpAccount) -> None:
        """Store (or replace) the account."""
        with transaction(self._db) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO smtp_account (id, host, port, security, username, "
                "from_address) VALUES (1, ?, ?, ?, ?, ?)",
                (account.host, account.port, account.security.value, account.username,
                 account.from_address))

    def delete(self) -> None:
        """Forget the account."""
        with transaction(self._db) as conn:
            conn.execute("DELETE FROM smtp_account")
