# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Requests in SQLite: rows to core ``Request`` objects and back, and full-text search."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.queue.buckets import Bucket, BucketEdges, QueueEntry, QueueHead
from desktop.core.requests import Channel, Pause, Priority, Request, State
from desktop.store.db import transaction

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = (
    "id", "subject", "sender", "body", "links", "channel", "priority", "state", "source",
    "external_id", "received_at", "snoozed_until", "pauses", "due", "reply_by", "done_at",
    "modified_at", "deleted_at", "follow_up_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM requests"
_UPSERT = (
    f"INSERT INTO requests ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    f"ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
)
_ROW_MARKS = f"({', '.join('?' * len(_COLUMNS))})"
_ROWS_PER_INSERT = 500
"""Rows in one ``INSERT`` statement (19 parameters a row: well under SQLite's default limit of
32,766). FTS5 before SQLite 3.44 writes its pending index to disk at every statement's
savepoint, so one statement a row (``executemany``) wrote a tiny index segment per request and
spent half an import's store time merging them; one statement per 500 rows halved it."""


def _insert_new(rows: int) -> str:
    """An ``INSERT`` of ``rows`` rows that skips ids already stored."""
    return (f"INSERT INTO requests ({', '.join(_COLUMNS)}) VALUES "
            f"{', '.join([_ROW_MARKS] * rows)} ON CONFLICT(id) DO NOTHING")


_REPLACE_UNCHANGED = (
    f"UPDATE requests SET {', '.join(f'{c} = ?' for c in _COLUMNS[1:])} "
    # modified_at has whole seconds: an edit in the same second as the read is caught by the
    # fields the user edits themselves.
    "WHERE id = ? AND modified_at IS ? AND state IS ? AND priority IS ? AND snoozed_until IS ? "
    "AND due IS ? AND deleted_at IS ?"
)
_IDS_PER_QUERY = 500  # well under SQLite's limit on bound parameters
_WORD = re.compile(r"\w+", re.UNICODE)


def _chunks(ids: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Ids in slices small enough for one ``IN (...)``, with their placeholders."""
    listed = list(ids)
    for start in range(0, len(listed), _IDS_PER_QUERY):
        chunk = listed[start:start + _IDS_PER_QUERY]
        yield ", ".join("?" * len(chunk)), chunk


def _epoch(column: str) -> str:
    """SQL for a stored ISO 8601 time as UTC seconds; unixepoch() (SQLite 3.38) is faster."""
    if sqlite3.sqlite_version_info >= (3, 38):
        return f"unixepoch({column})"
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


_ACTIVE = "FROM requests WHERE state != 'done' AND deleted_at IS NULL"
_PAUSED = "state = 'waiting' OR reply_by IS NULL"
_SNOOZED = f"{_epoch('snoozed_until')} > :now"
_FOLLOW_UP = f"state = 'waiting' AND {_epoch('follow_up_at')} <= :now"
# The bucket of a row as its position in Bucket (BucketEdges.entry_bucket in SQL): waiting,
# snoozed, then the timed buckets cut at the edges.
_GROUP = (
    f"CASE WHEN {_FOLLOW_UP} THEN {list(Bucket).index(Bucket.FOLLOW_UP)} "
    f"WHEN {_PAUSED} THEN {list(Bucket).index(Bucket.WAITING)} "
    f"WHEN {_SNOOZED} THEN {list(Bucket).index(Bucket.SNOOZED)} "
    f"WHEN {_epoch('reply_by')} <= :b0 THEN 0 "
    + "".join(f"WHEN {_epoch('reply_by')} < :b{k} THEN {k} " for k in range(1, 5))
    + "ELSE 5 END"
)
# The order within a bucket, as the window sorts it: arrival while waiting, end of snooze while
# snoozed, reply-by otherwise.
_ORDER = (f"CASE WHEN {_FOLLOW_UP} THEN {_epoch('follow_up_at')} "
          f"WHEN {_PAUSED} THEN {_epoch('received_at')} "
          f"WHEN {_SNOOZED} THEN {_epoch('snoozed_until')} ELSE {_epoch('reply_by')} END")


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _row(request: Request) -> tuple[object, ...]:
    pauses = [[_ts(p.start), _ts(p.end)] for p in request.pauses]
    return (
        request.id, request.subject, request.sender, request.body, json.dumps(request.links),
        request.channel.value, request.priority.value, request.state.value, request.source,
        request.external_id, _ts(request.received_at), _ts(request.snoozed_until),
        json.dumps(pauses), _ts(request.due), _ts(request.reply_by), _ts(request.done_at),
        _ts(request.modified_at), _ts(request.deleted_at), _ts(request.follow_up_at),
    )


_CHANNELS = {c.value: c for c in Channel}
_PRIORITIES = {p.value: p for p in Priority}
_STATES = {s.value: s for s in State}


def _request(row: tuple[Any, ...]) -> Request:
    # Hot path: the window maps every active row at start. Dict lookups instead of Enum calls
    # and no JSON for the common empty lists keep it near 3 µs a row.
    (rid, subject, sender, body, links, channel, priority, state, source, external_id,
     received_at, snoozed_until, pauses, due, reply_by, done_at, modified_at, deleted_at,
     follow_up_at) = row
    parse = datetime.fromisoformat
    return Request(
        rid, subject, parse(received_at), parse(modified_at), sender, body,
        tuple(json.loads(links)) if links != "[]" else (),
        _CHANNELS[channel], _PRIORITIES[priority], _STATES[state], source, external_id,
        snoozed_until and parse(snoozed_until),
        tuple(Pause(parse(s), e and parse(e)) for s, e in json.loads(pauses))
        if pauses != "[]" else (),
        due and parse(due), reply_by and parse(reply_by), done_at and parse(done_at),
        deleted_at and parse(deleted_at), follow_up_at and parse(follow_up_at),
    )


def fts_query(text: str, *, exact_keys: bool = False) -> str:
    """Turn what the user typed into an FTS5 query: every word must match as a prefix, so
    results never vanish while a word is half typed and "invoice" also finds "invoices". Quotes
    keep FTS5 syntax out of user text.

    Words joined by punctuation ("OPS-103", "v2.4") stay one phrase, so a ticket key matches
    its two tokens side by side, not anywhere in the text. With ``exact_keys`` such a phrase
    is matched whole ("OPS-103" but not "OPS-1030"), for ranking exact keys first.
    """
    # NFC first: a pasted "u" + combining diaeresis becomes one "ü" that \w matches.
    phrases = []
    for chunk in unicodedata.normalize("NFC", text).split():
        words = _WORD.findall(chunk)
        if words:
            star = "" if exact_keys and len(words) > 1 else "*"
            phrases.append(f'"{" ".join(words)}"{star}')
    return " ".join(phrases)


def _has_key(text: str) -> bool:
    """Whether ``text`` has a word made of several tokens, such as a ticket key."""
    return any(len(_WORD.findall(chunk)) > 1 for chunk in text.split())


class SqliteRequestRepository:
    """The ``RequestRepository`` port on an sqlite-utils database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def get(self, request_id: str) -> Request | None:
        """The request with ``request_id``, deleted ones included."""
        row = self._db.conn.execute(f"{_SELECT} WHERE id = ?", (request_id,)).fetchone()
        return None if row is None else _request(row)

    def find_external(self, source: str, external_id: str) -> Request | None:
        """The request imported from ``source`` under ``external_id``, if any."""
        row = self._db.conn.execute(
            f"{_SELECT} WHERE source = ? AND external_id = ?", (source, external_id)
        ).fetchone()
        return None if row is None else _request(row)

    def save(self, request: Request) -> None:
        """Insert or replace one request."""
        self.save_many((request,))

    def save_many(self, requests: Iterable[Request]) -> None:
        """Insert or replace many requests in one transaction."""
        rows = [_row(r) for r in requests]
        if not rows:
            return
        with transaction(self._db) as conn:
            conn.executemany(_UPSERT, rows)

    def replace_unchanged(self, requests: Iterable[tuple[Request, Request]]) -> int:
        """Replace each stored row that is still as read (the second request of each pair:
        its last change, state, priority, snooze, due and deletion); leave a row changed since
        (by the user, by another process) alone. One transaction; returns how many rows were
        replaced."""
        rows = [(*_row(r)[1:], r.id, _ts(seen.modified_at), seen.state.value,
                 seen.priority.value, _ts(seen.snoozed_until), _ts(seen.due),
                 _ts(seen.deleted_at)) for r, seen in requests]
        if not rows:
            return 0
        with transaction(self._db) as conn:
            return conn.executemany(_REPLACE_UNCHANGED, rows).rowcount

    def insert_new(self, requests: Iterable[Request]) -> int:
        """Insert those of ``requests`` whose id is not stored yet; never replace a row.

        The existence check is the insert itself, inside one ``BEGIN IMMEDIATE`` transaction,
        so two imports and the user's edits in other connections can neither undo an edit nor
        count a request twice. Returns how many rows were inserted.
        """
        rows = [_row(r) for r in requests]
        if not rows:
            return 0
        inserted = 0
        with transaction(self._db) as conn:
            for start in range(0, len(rows), _ROWS_PER_INSERT):
                chunk = rows[start:start + _ROWS_PER_INSERT]
                values = [value for row in chunk for value in row]
                # rowcount: rows this statement inserted (sqlite3_changes, not the triggers')
                inserted += conn.execute(_insert_new(len(chunk)), values).rowcount
        return inserted

    def active(self) -> list[Request]:
        """Open and waiting requests (snoozed ones included), soonest reply-by first."""
        rows = self._db.conn.execute(
            f"{_SELECT} WHERE state != 'done' AND deleted_at IS NULL "
            "ORDER BY reply_by IS NULL, reply_by, id"
        ).fetchall()
        return [_request(r) for r in rows]

    def entries(self, *, ordered: bool = False) -> list[QueueEntry]:
        """:meth:`active` as queue entries: five columns, times as UTC seconds from SQLite.

        With ``ordered``, by reply-by and id, as the window's rows sort them: SQLite sorts
        without holding Python's lock (0.15 s more, on the reading thread), and Python's sort
        of 200,000 already in order is one pass of 17 ms instead of 55 ms that hold the lock.
        """
        # received_at only orders the waiting group, so only waiting rows pay for converting it.
        rows = self._db.conn.execute(
            f"SELECT id, CASE WHEN state = 'waiting' THEN NULL ELSE {_epoch('reply_by')} END, "
            f"CASE WHEN state = 'waiting' OR reply_by IS NULL THEN {_epoch('received_at')} "
            f"ELSE 0 END, {_epoch('snoozed_until')}, "
            f"CASE WHEN state = 'waiting' THEN {_epoch('follow_up_at')} END "
            "FROM requests WHERE state != 'done' AND deleted_at IS NULL"
            + (" ORDER BY 2, 1" if ordered else "")
        ).fetchall()
        return list(map(QueueEntry._make, rows))

    def head(self, edges: BucketEdges, rows: int) -> QueueHead:
        """How many requests each bucket has at ``edges``, and the ids of the first ``rows``
        of the queue in the order a window shows them: two scans of the queue index, whatever
        its size, instead of reading every entry."""
        bounds = {"now": edges.now.timestamp(), **{f"b{k}": b for k, b in enumerate(edges.bounds)}}
        counts = [0] * len(Bucket)
        query = f"SELECT grp, count(*) FROM (SELECT {_GROUP} AS grp {_ACTIVE}) GROUP BY grp"
        for group, count in self._db.conn.execute(query, bounds):
            counts[group] = count
        first: list[list[str]] = [[] for _bucket in Bucket]
        query = (f"SELECT {_GROUP} AS grp, {_ORDER} AS k, id {_ACTIVE} ORDER BY grp, k, id "
                 "LIMIT :rows")
        for group, _key, request_id in self._db.conn.execute(query, {**bounds, "rows": rows}):
            first[group].append(request_id)
        return QueueHead(edges, tuple(counts), tuple(map(tuple, first)))

    def known_ids(self, request_ids: Iterable[str]) -> set[str]:
        """Those of ``request_ids`` that are stored (deleted ones too: a deletion is kept)."""
        known: set[str] = set()
        for marks, chunk in _chunks(request_ids):
            rows = self._db.conn.execute(f"SELECT id FROM requests WHERE id IN ({marks})", chunk)
            known.update(r[0] for r in rows)
        return known

    def next_due(self, now: datetime) -> Request | None:
        """The open, not snoozed request whose reply-by comes next after ``now``."""
        stamp = int(now.timestamp())
        row = self._db.conn.execute(
            f"{_SELECT} WHERE state = 'open' AND deleted_at IS NULL AND reply_by IS NOT NULL "
            f"AND {_epoch('reply_by')} > ? AND (snoozed_until IS NULL OR "
            f"{_epoch('snoozed_until')} <= ?) ORDER BY {_epoch('reply_by')}, id LIMIT 1",
            (stamp, stamp)).fetchone()
        return None if row is None else _request(row)

    def versions(self) -> dict[str, str]:
        """Id to ``modified_at`` (as stored) of every active request, to find what changed."""
        rows = self._db.conn.execute(
            "SELECT id, modified_at FROM requests WHERE state != 'done' AND deleted_at IS NULL")
        # In batches: one dict of 200,000 built in one call holds Python's lock throughout,
        # and a worker reads this while the window runs.
        found: dict[str, str] = {}
        while batch := rows.fetchmany(10_000):
            found.update(batch)
        return found

    def get_many(self, request_ids: Iterable[str]) -> list[Request]:
        """The requests with these ids (unknown ids are left out), in no particular order."""
        found: list[Request] = []
        for marks, chunk in _chunks(request_ids):
            rows = self._db.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk).fetchall()
            found.extend(_request(r) for r in rows)
        return found

    def ids_starting(self, prefix: str, *, deleted: bool, limit: int) -> list[str]:
        """Up to ``limit`` ids that start with ``prefix``, of deleted requests or the rest (a
        range on the primary key: ids are lower-case hex, so ``prefix + '~'`` bounds it)."""
        rows = self._db.conn.execute(
            "SELECT id FROM requests WHERE id >= ? AND id < ? AND (deleted_at IS NOT NULL) = ? "
            "ORDER BY id LIMIT ?", (prefix, prefix + "~", int(deleted), limit)).fetchall()
        return [row[0] for row in rows]

    def deleted(self) -> list[Request]:
        """The deleted requests, the latest deleted first."""
        rows = self._db.conn.execute(
            f"{_SELECT} WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id").fetchall()
        return [_request(r) for r in rows]

    def all(self, *, include_deleted: bool = False) -> list[Request]:
        """Every request, oldest first."""
        where = "" if include_deleted else " WHERE deleted_at IS NULL"
        rows = self._db.conn.execute(f"{_SELECT}{where} ORDER BY received_at, rowid").fetchall()
        return [_request(r) for r in rows]

    def due_or_done_between(self, start: datetime, end: datetime) -> list[Request]:
        """Requests (not deleted) whose reply-by or done time lies in ``[start, end)``, for
        the reply measures."""
        lo, hi = _ts(start), _ts(end)
        rows = self._db.conn.execute(
            f"{_SELECT} WHERE deleted_at IS NULL AND ("
            f"({_epoch('reply_by')} >= {_epoch('?')} AND {_epoch('reply_by')} < {_epoch('?')}) OR "
            f"({_epoch('done_at')} >= {_epoch('?')} AND {_epoch('done_at')} < {_epoch('?')}))",
            (lo, hi, lo, hi),
        ).fetchall()
        return [_request(r) for r in rows]

    def search(self, query: str, limit: int = 200) -> list[str]:
        """Ids of requests (done ones included, deleted ones not) matching ``query``, best
        match first by BM25."""
        return [hit[0] for hit in self._search(query, limit, snippets=False)]

    def search_hits(self, query: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, snippet) of the best matches; the snippet marks the words found with [ ]."""
        return self._search(query, limit, snippets=True)

    def _search(self, query: str, limit: int, *, snippets: bool) -> list[tuple[str, str]]:
        match = fts_query(query)
        if not match:
            return []
        if not _has_key(query):
            return self._match(match, limit, snippets=snippets)
        # "OPS-103": the exact key first, then what only starts like it (OPS-1030…)
        hits = self._match(fts_query(query, exact_keys=True), limit, snippets=snippets)
        seen = {hit[0] for hit in hits}
        more = self._match(match, limit + len(hits), snippets=snippets)
        return (hits + [hit for hit in more if hit[0] not in seen])[:limit]

    def _match(self, match: str, limit: int, *, snippets: bool) -> list[tuple[str, str]]:
        """The best ``limit`` matches that are not deleted.

        FTS5 ranks on its own, in a subquery: ``ORDER BY rank LIMIT n`` straight on the index
        keeps only the best n while it scores (a join in the same query made it score, join
        and sort every match: 1.4 times as slow for a common word in 200,000), and snippets
        are cut for those rows alone. Deleted requests are rare, so they are dropped after;
        should they crowd out the page, it is read again with room for them.
        """
        # Column -1: FTS5 picks the column (subject, sender, body) that matched best.
        snippet = "snippet(requests_fts, -1, '[', ']', '…', 12)" if snippets else "''"
        room = limit + 8
        while True:
            try:
                rows = self._db.conn.execute(
                    f"SELECT r.id, f.snip, r.deleted_at IS NULL FROM (SELECT rowid, "
                    f"{snippet} AS snip, rank FROM requests_fts WHERE requests_fts MATCH ? "
                    "ORDER BY rank LIMIT ?) f "  # bm25 weighted by migration m0003
                    "JOIN requests r ON r.rowid = f.rowid ORDER BY f.rank",
                    (match, room),
                ).fetchall()
            except sqlite3.OperationalError:
                return []
            kept = [(str(r[0]), " ".join(str(r[1]).split())) for r in rows if r[2]]
            if len(kept) >= limit or len(rows) < room:
                return kept[:limit]
            room *= 4

    def count(self) -> int:
        """How many requests exist (deleted ones excluded)."""
        row = self._db.conn.execute(
            "SELECT count(*) FROM requests WHERE deleted_at IS NULL"
        ).fetchone()
        return int(row[0])

    def senders(self, limit: int = 500) -> list[str]:
        """The people requests came from, most frequent first (for completing names)."""
        rows = self._db.conn.execute(
            "SELECT sender FROM requests WHERE deleted_at IS NULL AND sender != '' "
            "GROUP BY sender ORDER BY count(*) DESC, sender LIMIT ?", (limit,))
        return [row[0] for row in rows]

    def data_version(self) -> int:
        """A number that changes when another connection commits (``PRAGMA data_version``)."""
        return int(self._db.conn.execute("PRAGMA data_version").fetchone()[0])
