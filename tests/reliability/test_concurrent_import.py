# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two imports of the same items and the user's edits, all at once, each on its own
connection: every edit survives and the reports add up exactly (issue 21, item 7)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.importing.items import ImportReport, Incoming, import_id
from desktop.core.requests import Priority, State
from desktop.platform.paths import resolve_paths
from desktop.sources.runner import run_import
from desktop.wiring.services import open_context

ITEMS = 1_200
BATCH = 25  # small batches: many transactions, so the three writers interleave often
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _items() -> list[Incoming]:
    return [Incoming(source="mail", external_id=f"<m{n}@example.org>", subject=f"Mail {n}",
                     sender="someone@example.org", received_at=START + timedelta(minutes=n))
            for n in range(ITEMS)]


def test_two_imports_and_user_edits_keep_every_edit(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    open_context(paths).db.conn.close()  # create the schema once, before the race
    items = _items()
    ids = [import_id(i.source, i.external_id) for i in items]
    reports: list[ImportReport] = []
    errors: list[BaseException] = []
    importing = threading.Event()

    def importer() -> None:
        try:
            context = open_context(paths)
            importing.set()
            reports.append(run_import(context.queue, items, batch_size=BATCH))
            context.db.conn.close()
        except BaseException as error:  # reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    importing.wait(timeout=60)
    user = open_context(paths)
    edits: dict[str, str] = {}
    try:
        # The user edits whatever has arrived, while both imports are still going.
        while any(t.is_alive() for t in threads) or len(edits) < 200:
            present = user.requests.known_ids(ids)
            for rid in [r for r in ids if r in present and r not in edits][:20]:
                if len(edits) % 2:
                    user.queue.done(rid)
                    edits[rid] = "done"
                else:
                    user.queue.set_priority(rid, Priority.URGENT)
                    edits[rid] = "urgent"
            if len(edits) >= len(ids):
                break
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        stored = {r.id: r for r in user.requests.get_many(edits)}
        for rid, edit in edits.items():
            if edit == "done":
                assert stored[rid].state is State.DONE, rid
            else:
                assert stored[rid].priority is Priority.URGENT, rid
    finally:
        user.db.conn.close()
    assert len(edits) >= 200
    assert sum(r.imported for r in reports) == ITEMS
    assert sum(r.skipped_duplicates for r in reports) == ITEMS
    assert all(r.failed == [] for r in reports)


def test_closing_by_my_reply_never_overwrites_an_edit_made_meanwhile(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    importer, user = open_context(paths), open_context(paths)
    try:
        [item] = _items()[:1]
        run_import(importer.queue, [item])
        rid = import_id(item.source, item.external_id)
        reply = Incoming(source="mail", external_id="<reply@example.org>", subject="Re",
                         sender="me@example.org", received_at=START + timedelta(days=1),
                         replies_to=(item.external_id,))
        reads = importer.requests.get_many

        def read_then_user_edits(ids):  # the user acts between the import's read and write
            found = reads(ids)
            user.queue.set_priority(rid, Priority.URGENT)
            return found

        importer.requests.get_many = read_then_user_edits  # type: ignore[method-assign]
        assert importer.queue.close_answered([reply]) == 0
        stored = user.requests.get(rid)
        assert stored is not None
        assert (stored.state, stored.priority) == (State.OPEN, Priority.URGENT)
    finally:
        importer.db.conn.close()
        user.db.conn.close()


def test_an_answer_resuming_a_wait_never_overwrites_an_edit_made_meanwhile(
        tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    importer, user = open_context(paths), open_context(paths)
    try:
        [item] = _items()[:1]
        run_import(importer.queue, [item])
        rid = import_id(item.source, item.external_id)
        user.queue.wait(rid)
        answer = Incoming(source="mail", external_id="<answer@example.org>", subject="Re",
                          sender="ana@example.org", received_at=datetime.now(UTC),
                          replies_to=(item.external_id,))
        reads = importer.requests.get_many

        def read_then_user_edits(ids):  # the user marks it done between read and write
            found = reads(ids)
            user.queue.done(rid)
            return found

        importer.requests.get_many = read_then_user_edits  # type: ignore[method-assign]
        assert importer.queue.resume_answered([answer]) == []
        stored = user.requests.get(rid)
        assert stored is not None
        assert stored.state is State.DONE
        assert importer.queue.history(rid) == []
    finally:
        importer.db.conn.close()
        user.db.conn.close()
