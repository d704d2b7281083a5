# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Matrix room's older history, read after a ``/sync`` that left it out.

A first sync sees each room's last 100 events only, and a later one sees fewer than were sent
when the window was closed for long (the room is ``limited``). Those rooms are noted in the
account state with where their older history starts; :func:`read_history` then reads back
through ``/messages``, a page at a time, until the room's start, the previous sync's position,
or :data:`HISTORY_DAYS` ago. Each page is committed with its new position, so a kill loses
nothing and the next sync goes on where this one stopped.

Pages come newest first. The user's own messages met on the way answer everything older in
the same room or thread (and the event they reply to), so an old request the user already
answered never enters the queue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desktop.core.drafting.routes import ReplyPlace
from desktop.core.importing.items import Incoming, import_id
from desktop.core.importing.matrix_events import SOURCE, mentions, read_event, to_item
from desktop.sources import matrix
from desktop.store.reply_places import SqliteReplyPlaces
from desktop.store.source_accounts import SqliteSourceAccounts
from desktop.wiring.source_report import SourceReport

if TYPE_CHECKING:
    from desktop.wiring.services import Context

HISTORY_DAYS = 14
"""How far back a first sync reads a room's history."""


def commit(context: Context, fresh: list[Incoming], replies: list[Incoming],
           report: SourceReport, places: Mapping[str, ReplyPlace]) -> None:
    """The requests and answers of one page, with where a reply to each is posted; the
    caller stores the position after them."""
    SqliteReplyPlaces(context.db).put_many(places)  # before the requests: a reply needs it
    if fresh:
        received, updated = context.queue.import_batch(fresh)
        report.received += received
        report.updated += updated
    if replies:
        report.answered += context.queue.close_answered(replies)


def mark_history(state: dict[str, Any], result: matrix.SyncResult, user: str, now: datetime,
                 first: bool) -> None:
    """Note the rooms of ``result`` whose older events the sync left out."""
    history: dict[str, dict[str, Any]] = state.setdefault("history", {})
    horizon = int((now - timedelta(days=HISTORY_DAYS)).timestamp() * 1000)
    for room in result.rooms:
        if not (room.limited and room.prev_batch) or room.room_id in history:
            continue
        answered, replied = set(), set()
        for raw in room.events:
            event = read_event(room.room_id, raw)
            if event is not None and event.sender == user:
                answered.add(_key(event.room, event.thread))
                if event.reply_to:
                    replied.add(event.reply_to)
        history[room.room_id] = {"from": room.prev_batch,
                                 "to": None if first else state.get("since"),
                                 "horizon": horizon, "answered": sorted(answered),
                                 "replied": sorted(replied)}


def read_history(context: Context, session: matrix.Session, state: dict[str, Any], user: str,
                 display_name: str, report: SourceReport, cancelled: Callable[[], bool],
                 committed: Callable[[SourceReport], None],
                 page_size: int = matrix.HISTORY_PAGE) -> None:
    """Read every noted room back, a page at a time (a few rooms at once), committing each
    page as it comes.

    Raises:
        desktop.sources.matrix.MatrixError: the server failed; the pages before stay.
    """
    accounts = SqliteSourceAccounts(context.db)
    history: dict[str, dict[str, Any]] = state.setdefault("history", {})
    if not history:
        return

    def on_page(room_id: str, page: matrix.History) -> str | None:
        entry = history[room_id]
        batch = SourceReport()
        places: dict[str, ReplyPlace] = {}
        fresh, reached = _read_page(page.events, room_id, entry, state, user, display_name,
                                    places)
        commit(context, fresh, [], batch, places)
        if reached or not page.end:
            del history[room_id]
        else:
            entry["from"] = page.end
        accounts.put(SOURCE, state)
        report.received += batch.received
        report.updated += batch.updated
        committed(batch)
        return page.end if room_id in history else None

    try:
        session.read_back({room: (str(entry["from"]), entry.get("to"))
                           for room, entry in history.items()}, on_page, limit=page_size,
                          cancelled=cancelled)
    except matrix.Cancelled:
        report.cancelled = True


def _read_page(events: list[dict[str, Any]], room_id: str, entry: dict[str, Any],
               state: dict[str, Any], user: str, display_name: str,
               places: dict[str, ReplyPlace]) -> tuple[list[Incoming], bool]:
    """The requests of one page (newest first) and whether the horizon was reached;
    ``places`` gets where a reply to each request is posted."""
    info = state.setdefault("rooms", {}).setdefault(room_id, {})
    names = info.get("names") or {}
    direct = bool(info.get("direct"))
    name = str(info.get("name") or room_id)
    threads = set(state.get("threads") or ())
    pending: dict[str, list[str]] = state.setdefault("pending", {})
    answered, replied = set(entry.get("answered") or ()), set(entry.get("replied") or ())
    fresh: list[Incoming] = []
    reached = False
    for raw in events:
        stamp = raw.get("origin_server_ts")
        if isinstance(stamp, int) and stamp < int(entry.get("horizon") or 0):
            reached = True
            break
        event = read_event(room_id, raw)
        if event is None:
            continue
        key = _key(room_id, event.thread)
        if event.sender == user:
            answered.add(key)
            if event.reply_to:
                replied.add(event.reply_to)
            if event.thread:
                threads.add(event.thread)
            continue
        if key in answered or event.event_id in replied:
            continue  # the user answered it later
        if direct or mentions(event, user, display_name) or event.thread in threads:
            who = names.get(event.sender) or event.sender
            fresh.append(to_item(event, f"{who} <{event.sender}>", "" if direct else name))
            places[import_id(SOURCE, event.event_id)] = ReplyPlace(
                room_id, event.thread, "" if direct else name)
            pending[key] = [event.event_id, *pending.get(key, ())][-50:]
    entry["answered"], entry["replied"] = sorted(answered), sorted(replied)
    state["threads"] = sorted(threads)
    return fresh, reached


def _key(room_id: str, thread: str) -> str:
    return f"{room_id}/{thread}" if thread else room_id
