# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every merge rule of taking in a server copy (:mod:`desktop.sync.receive`), without a server.

Rules as numbered in the module: new here, merge base, field by field, deleted here and changed
there, written here, counted as merged, in step or to be sent.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.sync.items import HistoryEntry, Side, SyncItem
from desktop.sync.bindings import NEVER, Local
from desktop.sync.ical import RemoteItem
from desktop.sync.receive import Where, Write, merge_base, receive

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
T0 = NOW - timedelta(hours=3)
HERE = Where("/tasks/", "/tasks/a.ics", '"e2"')
NAMES = ("title", "note")
BASE = {"title": "Plan", "note": "n"}


def synced(at: datetime | None = T0, snapshot: dict | None = None) -> SyncItem:
    return SyncItem("request", "a", "/tasks/", "/tasks/a.ics", '"e1"', at,
                    BASE if snapshot is None else snapshot)


def server(at: datetime | None, **fields: str) -> RemoteItem:
    return RemoteItem("request", "a", {**BASE, **fields}, at)


def take(local: Local | None, state: SyncItem | None, remote: RemoteItem):
    return receive("request", NAMES, local, state, remote, HERE, NOW)


def test_rule1_an_item_new_here_is_stored_as_the_server_has_it_and_in_step() -> None:
    got = take(None, None, server(T0 + timedelta(microseconds=7), title="New"))
    values = {"title": "New", "note": "n"}
    assert got.write == Write(values, T0, None)
    assert got.item == SyncItem("request", "a", "/tasks/", "/tasks/a.ics", '"e2"', T0, values)
    assert (got.received, got.merged, got.conflicts, got.history) == (1, 0, 0, ())


def test_rule1_a_server_copy_without_a_time_counts_as_changed_now() -> None:
    assert take(None, None, server(None)).write.modified_at == NOW


def test_rule2_the_base_is_the_last_sync_or_a_copy_never_changed_here() -> None:
    mine = Local({"title": "Mine", "note": "n"}, T0)
    assert merge_base(mine, synced()) == BASE
    assert merge_base(mine, None) is None
    assert merge_base(Local({"title": "Mine"}, NEVER), synced()) == {"title": "Mine"}


def test_rule2_a_copy_never_changed_here_takes_every_server_change_without_conflict() -> None:
    got = take(Local({"title": "Old", "note": "n"}, NEVER), None, server(T0, title="New"))
    assert got.write == Write({"title": "New", "note": "n"}, T0, None)
    assert (got.conflicts, got.history) == (0, ())


def test_rule3_a_field_changed_on_one_side_takes_that_side() -> None:
    local = Local({"title": "Plan", "note": "mine"}, T0 + timedelta(hours=1))
    got = take(local, synced(), server(T0 + timedelta(hours=2), title="Theirs"))
    assert got.write.values == {"title": "Theirs", "note": "mine"}
    assert got.conflicts == 0


def test_rule3_changed_on_both_sides_the_later_wins_and_the_loser_goes_to_history() -> None:
    local = Local({"title": "Mine", "note": "n"}, T0 + timedelta(hours=2))
    got = take(local, synced(), server(T0 + timedelta(hours=1), title="Theirs"))
    assert got.write is None  # the local value won: nothing to write here
    assert got.conflicts == 1
    assert got.history == (HistoryEntry("request", "a", "title", "Mine", "Theirs", Side.SERVER,
                                        NOW),)
    assert got.item.synced_modified_at is None  # the server must get the winner


def test_rule3_without_a_last_sync_every_difference_is_a_conflict_the_server_wins_ties() -> None:
    local = Local({"title": "Mine", "note": "n"}, T0)
    got = take(local, None, server(T0, title="Theirs"))
    assert got.write.values["title"] == "Theirs"
    assert got.history[0].lost_side is Side.LOCAL


def test_rule4_deleted_here_but_changed_there_later_comes_back() -> None:
    local = Local(BASE, T0 + timedelta(hours=1), deleted_at=T0 + timedelta(hours=1))
    got = take(local, synced(), server(T0 + timedelta(hours=2), title="Edited"))
    assert got.write == Write({"title": "Edited", "note": "n"}, T0 + timedelta(hours=2), None)
    assert got.history == (HistoryEntry("request", "a", "deleted", False, True, Side.LOCAL,
                                        NOW),)


def test_rule4_a_deletion_later_than_the_server_change_stays_and_is_sent() -> None:
    local = Local(BASE, T0 + timedelta(hours=2), deleted_at=T0 + timedelta(hours=2))
    got = take(local, synced(), server(T0 + timedelta(hours=1), note="theirs"))
    assert got.write.deleted_at == T0 + timedelta(hours=2)
    assert got.item.synced_modified_at is None


def test_rule4_a_deletion_already_sent_is_not_undone() -> None:
    gone = T0 + timedelta(hours=1)
    local = Local(BASE, gone, deleted_at=gone)
    got = take(local, synced(at=gone), server(T0 + timedelta(hours=2), title="Edited"))
    assert got.write.deleted_at == gone
    assert not [h for h in got.history if h.name == "deleted"]


def test_rule5_written_here_with_the_later_time_of_both_sides() -> None:
    local = Local(BASE, T0)
    got = take(local, synced(), server(T0 + timedelta(hours=1, microseconds=5), note="x"))
    assert got.write.modified_at == T0 + timedelta(hours=1)
    assert got.received == 1


def test_rule5_nothing_written_when_the_server_copy_says_nothing_new() -> None:
    got = take(Local(BASE, T0), synced(), server(T0 + timedelta(hours=1)))
    assert got.write is None
    assert got.received == 0


def test_rule6_merged_when_unsent_local_and_server_changes_are_both_taken() -> None:
    local = Local({"title": "Plan", "note": "mine"}, T0 + timedelta(hours=1))
    got = take(local, synced(), server(T0 + timedelta(hours=2), title="Theirs"))
    assert got.merged == 1


def test_rule6_not_merged_when_the_local_copy_was_already_in_step() -> None:
    got = take(Local(BASE, T0), synced(), server(T0 + timedelta(hours=1), title="Theirs"))
    assert got.merged == 0


def test_rule7_in_step_remembers_the_server_copy_where_it_now_is() -> None:
    got = take(Local(BASE, T0), synced(), server(T0 + timedelta(hours=1), title="Theirs"))
    assert got.item.synced_modified_at == T0 + timedelta(hours=1)
    assert got.item.snapshot == {"title": "Theirs", "note": "n"}
    assert (got.item.href, got.item.etag) == ("/tasks/a.ics", '"e2"')


def test_rule7_a_server_copy_that_leaves_a_field_out_is_filled_in_and_sent_back() -> None:
    remote = RemoteItem("request", "a", {"title": "Theirs"}, T0 + timedelta(hours=1))
    got = take(Local(BASE, T0), synced(), remote)
    assert got.item.snapshot == {"title": "Theirs", "note": "n"}  # the base fills the gap
    assert got.item.synced_modified_at is None


def test_rule7_a_local_change_the_server_lacks_is_marked_to_send() -> None:
    local = Local({"title": "Plan", "note": "mine"}, T0 + timedelta(hours=1))
    got = take(local, synced(), server(T0 + timedelta(hours=2), title="Theirs"))
    assert got.item.synced_modified_at is None
