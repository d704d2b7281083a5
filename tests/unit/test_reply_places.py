# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where replies to chat requests go: kept per request, corrected on a later import."""

from __future__ import annotations

from desktop.core.drafting.routes import ReplyPlace
from desktop.store.reply_places import SqliteReplyPlaces


def test_places_are_kept_and_a_later_import_corrects_them(db) -> None:
    places = SqliteReplyPlaces(db)
    assert places.get("r1") is None
    places.put_many({"r1": ReplyPlace("!room:x", "$root", "Team"), "r2": ReplyPlace("C1")})
    places.put_many({"r2": ReplyPlace("C1", "1700000000.000100", "#general")})
    places.put_many({})
    assert places.get("r1") == ReplyPlace("!room:x", "$root", "Team")
    assert places.get("r2") == ReplyPlace("C1", "1700000000.000100", "#general")



def test_the_window_names_the_place_of_a_chat_reply_and_none_for_mail(clock) -> None:
    from desktop.core.importing.items import Incoming, import_id
    from desktop.core.requests import Channel
    from desktop.wiring.postback import post_place_name, reply_place
    from desktop.wiring.services import open_context

    context = open_context(None, clock)
    try:
        at = clock.now()
        room = "https://matrix.to/#/!abc:x/$old"
        context.queue.import_batch([
            Incoming("slack", "C1/1.5", "Ship?", "Ben Cohen <U2>", at, channel=Channel.CHAT),
            Incoming("matrix", "$dm", "Hi", "Ben <@ben:x>", at, channel=Channel.CHAT),
            Incoming("matrix", "$old", "Old", "Ben <@ben:x>", at, links=(room,),
                     channel=Channel.CHAT),
            Incoming("mail", "<m1@x>", "Budget", "ann@example.org", at)])
        SqliteReplyPlaces(context.db).put_many({
            import_id("slack", "C1/1.5"): ReplyPlace("C1", "1.0", "#general"),
            import_id("matrix", "$dm"): ReplyPlace("!dm:x")})
        assert post_place_name(context, import_id("slack", "C1/1.5")) == "#general"
        assert post_place_name(context, import_id("matrix", "$dm")) == ""
        assert post_place_name(context, import_id("mail", "<m1@x>")) is None
        assert post_place_name(context, "gone") is None
        # Imported before places were kept: the room comes from the permalink.
        assert reply_place(context, import_id("matrix", "$old")) == ReplyPlace("!abc:x")
    finally:
        context.close()
