# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detail pane's "Sync history": values a sync overwrote, read from the sync state."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from desktop.core.sync.items import HistoryEntry, Side
from desktop.store.sync_repository import SqliteSyncState

AT = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)  # 09:30 in Berlin


def shows(window, service, db, *entries: tuple[str, object, object, Side]):
    """A request with ``entries`` in its history, selected in ``window``; the pane's text."""
    added = service.add("budget review")
    state = SqliteSyncState(db)
    state.add_history([HistoryEntry("request", added.id, name, kept, lost, side, AT)
                       for name, kept, lost, side in entries])
    window.detail.history = partial(state.history, "request")
    window.load()
    window.view.select_request(added.id)
    return window.detail.toPlainText()


def test_selecting_a_request_shows_the_value_a_conflict_overwrote(window, service, db):
    text = shows(window, service, db,
                 ("subject", "budget review", "Budget review (draft)", Side.LOCAL),
                 ("priority", "low", "urgent", Side.SERVER))
    assert "Sync history" in text
    lines = text[text.index("Sync history"):].splitlines()[1:]
    # newest first: the priority lost on the server, then the subject lost on this device
    assert lines == [
        "Priority: “Urgent” from the server was replaced on "
        "Wednesday, 25 November 2026, 09:30 CET",
        "Subject: “Budget review (draft)” from this device was replaced on "
        "Wednesday, 25 November 2026, 09:30 CET",
    ]


def test_lost_times_states_and_markup_read_as_text(window, service, db):
    text = shows(window, service, db,
                 ("due", None, "2026-11-27T16:00:00+00:00", Side.LOCAL),
                 ("status", ["open", None, []], ["done", "2026-11-25T08:00:00+00:00", []],
                  Side.SERVER),
                 ("body", "", "<b>loud</b>\nsecond line", Side.SERVER),
                 ("deleted", False, True, Side.LOCAL))
    assert "Deadline: “Friday, 27 November 2026, 17:00 CET” from this device" in text
    assert "Status: “done” from the server" in text
    assert "Text: “<b>loud</b> second line” from the server" in text
    assert "Deleted: “deleted” from this device" in text
    assert "&lt;b&gt;loud" in window.detail.toHtml()


def test_no_history_no_section(window, service, db):
    assert "Sync history" not in shows(window, service, db)
    window.detail.history = None
    window.view.select_request(window.view.current_request().id)
    assert "Sync history" not in window.detail.toPlainText()
