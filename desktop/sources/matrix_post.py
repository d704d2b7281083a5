# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Posting a reply back into the Matrix room (and thread) its request came from.

The reply is an ``m.room.message`` sent with matrix-nio's ``room_send``. Its relation follows
the client-server spec (v1.4+, "Threading" and "Rich replies"): inside a thread it is an
``m.thread`` relation to the thread root with ``is_falling_back: false`` and an
``m.in_reply_to`` to the request's event, because it answers that event and not merely the
thread; outside a thread it is an ``m.in_reply_to`` reply to the request's event. The draft's
id is the transaction id, so a post repeated after a crash is one event on the server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from desktop.core.drafting.outbox import OutgoingMail, SendFailed
from desktop.core.drafting.routes import ReplyPlace
from desktop.core.i18n import _
from desktop.sources.matrix import MatrixError, _client, _guard

Target = Callable[[str], tuple[str, ReplyPlace | None] | None]
"""For a request id: its event id and where it was (``None``: the request is gone)."""


def reply_content(body: str, event_id: str, thread: str = "",
                  mentioned: tuple[str, ...] = ()) -> dict[str, Any]:
    """The content of a plain-text reply to ``event_id`` (in the thread rooted at ``thread``)."""
    relation: dict[str, Any] = {"m.in_reply_to": {"event_id": event_id}}
    if thread:
        relation.update({"rel_type": "m.thread", "event_id": thread, "is_falling_back": False})
    return {"msgtype": "m.text", "body": body, "m.relates_to": relation,
            "m.mentions": {"user_ids": list(mentioned)}}


def mentioned_user(recipient: str) -> tuple[str, ...]:
    """The Matrix user id in a recipient such as ``Ben <@ben:example.org>`` (or none)."""
    text = recipient.strip()
    if "<" in text and text.endswith(">"):
        text = text.rpartition("<")[2][:-1]
    return (text,) if text.startswith("@") and ":" in text else ()


class MatrixPoster:
    """A :class:`~desktop.core.drafting.outbox.MailTransport` that posts into Matrix rooms.

    Args:
        homeserver: the server's address.
        user_id: the user posting.
        token: the access token (from the keyring).
        device_id: the device the token belongs to.
        target: looks up the request a reply answers.
    """

    def __init__(self, homeserver: str, user_id: str, token: str, device_id: str,
                 target: Target) -> None:
        self._homeserver = homeserver
        self._user_id = user_id
        self._token = token
        self._device_id = device_id
        self._target = target

    def send(self, mail: OutgoingMail) -> None:
        """Post ``mail``'s body as a reply to its request.

        Raises:
            SendFailed: the server refused it (permanent) or could not be reached (temporary).
        """
        found = self._target(mail.reply_to) if mail.reply_to else None
        event_id, place = found if found is not None else ("", None)
        if not event_id or place is None or not place.place:
            raise SendFailed(_("The Matrix room of this reply is no longer known."),
                             transient=False)
        content = reply_content(mail.body, event_id, place.thread, mentioned_user(mail.to))
        try:
            asyncio.run(self._post(place.place, content, mail.draft_id))
        except MatrixError as error:
            raise SendFailed(error.message, transient=not error.reached) from None

    async def _post(self, room: str, content: dict[str, Any], tx_id: str) -> None:
        from nio import RoomSendResponse

        client = _client(self._homeserver, self._user_id)
        client.restore_login(self._user_id, self._device_id, self._token)
        try:
            response = await _guard(self._homeserver, client.room_send(
                room, "m.room.message", content, tx_id=tx_id or None))
        finally:
            await client.close()
        if not isinstance(response, RoomSendResponse):
            code = str(getattr(response, "status_code", "") or "") or str(
                getattr(response, "message", "") or "?")
            raise SendFailed(_("The Matrix server {server} refused the reply: {code}").format(
                server=self._homeserver, code=code), transient=code == "M_LIMIT_EXCEEDED")
