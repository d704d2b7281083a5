# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading a Matrix room's older history (newest first): the horizon ends it, the user's own
later messages answer what came before them in the same room or thread (and the event they
reply to), and mentions in group rooms count as on a first sync."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.drafting.routes import ReplyPlace
from desktop.sources.matrix import Room, SyncResult
from desktop.wiring.matrix_history import _read_page, mark_history

ME = "@me:x"
T0 = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp() * 1000)


def event(n: int, sender: str, body: str = "", *, thread: str = "", reply_to: str = "",
          at: int | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"msgtype": "m.text", "body": body or f"message {n}"}
    relates: dict[str, Any] = {}
    if thread:
        relates.update({"rel_type": "m.thread", "event_id": thread})
    if reply_to:
        relates["m.in_reply_to"] = {"event_id": reply_to}
    if relates:
        content["m.relates_to"] = relates
    return {"type": "m.room.message", "event_id": f"$e{n}", "sender": sender,
            "origin_server_ts": T0 + n * 1000 if at is None else at, "content": content}


def state(direct: bool) -> dict[str, Any]:
    return {"rooms": {"!r": {"direct": direct, "name": "Team", "names": {"@bob:x": "Bob"}}}}


def test_the_users_later_message_answers_everything_older_in_its_room() -> None:
    page = [event(5, "@bob:x"), event(4, ME), event(3, "@bob:x"), event(2, "@bob:x")]
    known = state(direct=True)
    entry = {"horizon": 0, "answered": [], "replied": []}
    places: dict[str, ReplyPlace] = {}
    fresh, reached = _read_page(page, "!r", entry, known, ME, "Me", places)
    assert [i.external_id for i in fresh] == ["$e5"]
    # a reply to a request read from history is posted into its direct-message room
    assert list(places.values()) == [ReplyPlace("!r", "", "")]
    assert not reached
    assert known["pending"] == {"!r": ["$e5"]}
    older, _ = _read_page([event(1, "@bob:x")], "!r", entry, known, ME, "Me", {})
    assert older == []  # the answer carries over to the next page


def test_answers_seen_by_the_sync_answer_their_thread_and_reply_on_older_pages() -> None:
    sync = SyncResult("s2", "Me", [Room("!r", "Team", False, False, [
        event(9, "@bob:x", "hi", thread="$e1"), event(10, ME, "done", thread="$e1"),
        event(11, ME, "ok", thread="$e7", reply_to="$e3")], prev_batch="p1", limited=True)])
    known = state(direct=False)
    known["threads"] = ["$e1"]
    mark_history(known, sync, ME, datetime(2026, 12, 10, tzinfo=UTC), first=True)
    entry = known["history"]["!r"]
    assert (entry["from"], entry["to"]) == ("p1", None)
    page = [event(4, "@bob:x", "more", thread="$e1"), event(3, "@bob:x", "@me:x look"),
            event(2, "@bob:x", "Me, can you look?")]
    fresh, _ = _read_page(page, "!r", entry, known, ME, "Me", {})
    assert [(i.external_id, i.subject) for i in fresh] == [("$e2", "Team: Me, can you look?")]


def test_a_later_sync_after_a_gap_reads_back_only_to_where_it_was() -> None:
    sync = SyncResult("s3", "Me", [Room("!r", "", True, False, [event(1, "@bob:x")],
                                        prev_batch="p9", limited=True),
                                   Room("!q", "", True, False, [], prev_batch="p8")])
    known = {"since": "s2"}
    mark_history(known, sync, ME, datetime(2026, 12, 10, tzinfo=UTC), first=False)
    assert list(known["history"]) == ["!r"]  # only a limited room has a gap
    assert known["history"]["!r"]["to"] == "s2"


@given(st.lists(st.integers(min_value=0, max_value=40 * 86400), min_size=1, max_size=30),
       st.integers(min_value=1, max_value=30))
def test_nothing_older_than_the_horizon_is_read(ages: list[int], days: int) -> None:
    now = T0 + 40 * 86400 * 1000
    horizon = now - days * 86400 * 1000
    page = [event(n, "@bob:x", at=now - age * 1000)
            for n, age in enumerate(sorted(ages))]  # newest first
    fresh, reached = _read_page(page, "!r", {"horizon": horizon}, state(True), ME, "Me", {})
    inside = [age for age in sorted(ages) if now - age * 1000 >= horizon]
    assert len(fresh) == len(inside)
    assert reached == (len(inside) < len(ages))
