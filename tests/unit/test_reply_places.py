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
