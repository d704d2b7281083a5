# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests for the window's readers on connections of their own (``desktop.wiring.services``):
the search box's search and the focus service's reads of the whole queue answer as the
store's own connection does, but on another connection, so a slow read on a worker does not
hold up the window's own reads and writes.

"Another connection" is seen from outside: a connection sees its own uncommitted writes,
another one does not.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.requests import Request
from desktop.platform.paths import resolve_paths
from desktop.store.db import transaction
from desktop.wiring.services import Context, open_context, open_focus, reading_search
from tests.fakes import FakeClock, RecordingNotifier

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@contextmanager
def _uncommitted(context: Context, subject: str) -> Iterator[None]:
    """Inside: a request ``subject`` written on the store's connection, not yet committed."""
    with transaction(context.db):
        context.requests.save(Request(f"{len(subject):032x}", subject, NOW, NOW,
                                      reply_by=NOW + timedelta(hours=2)))
        yield


def test_the_reading_search_finds_what_the_queue_finds_on_another_connection(
        tmp_path: Path) -> None:
    context = open_context(resolve_paths(tmp_path), FakeClock(NOW))
    try:
        for subject in ("invoice March", "invoice April", "offsite plan"):
            context.queue.add(subject)
        search = reading_search(context)
        assert sorted(search("invoice")) == sorted(context.queue.search("invoice"))
        assert len(search("inv")) == 2
        assert search("  ") == []
        with _uncommitted(context, "meanwhile"):
            assert len(context.queue.search("meanwhile")) == 1  # the store's own connection
            assert search("meanwhile") == []  # another one: not committed yet
        assert len(search("meanwhile")) == 1
    finally:
        context.close()


def test_the_windows_focus_service_reads_the_queue_on_a_connection_of_its_own(
        tmp_path: Path) -> None:
    context = open_context(resolve_paths(tmp_path), FakeClock(NOW))
    try:
        soon = context.queue.add("soon", due=NOW + timedelta(hours=1))
        window_focus = open_focus(context, RecordingNotifier(), reader=True)
        cli_focus = open_focus(context, RecordingNotifier())
        found: list[Request | None] = []
        worker = threading.Thread(target=lambda: found.append(window_focus.next_due()))
        worker.start()
        worker.join()
        assert [r.id for r in found if r] == [soon.id]
        assert window_focus.read_versions() == cli_focus.read_versions()
        with _uncommitted(context, "meanwhile"):
            assert len(cli_focus.read_versions()) == 2
            assert len(window_focus.read_versions()) == 1
        assert len(window_focus.read_versions()) == 2
    finally:
        context.close()
