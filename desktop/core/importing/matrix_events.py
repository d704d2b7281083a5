# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Matrix room events as chat requests (pure: event JSON in, items out).

Shapes follow the Matrix client-server spec (``m.room.message``, ``m.mentions``,
``m.relates_to`` with ``m.thread`` and ``m.in_reply_to``). A text message from someone else
becomes a request when it is in a direct room, mentions the user (``m.mentions``, their id or
their display name), or is in a thread the user took part in. The user's own later message in
the same direct room or thread, or their reply to an event, answers it. The external id is the
event id; the link is its ``matrix.to`` permalink.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from desktop.core.importing.items import Incoming, plausible
from desktop.core.requests import Channel

SOURCE = "matrix"
MAX_SUBJECT = 120


@dataclass(frozen=True, slots=True)
class Event:
    """A text message as far as the queue cares."""

    room: str
    event_id: str
    sender: str
    body: str
    at: datetime
    thread: str
    """The thread root's event id ("" when not in a thread)."""
    reply_to: str
    mentioned: tuple[str, ...]
    """User ids in ``m.mentions``."""


def read_event(room: str, data: object) -> Event | None:
    """A message event someone wrote (text, notice, emote), or ``None``."""
    if not isinstance(data, dict) or data.get("type") != "m.room.message":
        return None
    content = data.get("content")
    event_id, sender, stamp = data.get("event_id"), data.get("sender"), data.get(
        "origin_server_ts")
    if not isinstance(content, dict) or not isinstance(event_id, str) or not isinstance(
            sender, str) or not isinstance(stamp, int) or isinstance(stamp, bool):
        return None
    body = content.get("body")
    if not isinstance(body, str) or content.get("msgtype") not in (
            "m.text", "m.notice", "m.emote"):
        return None
    try:
        at = datetime.fromtimestamp(stamp / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None
    if not plausible(at):
        return None
    found = content.get("m.relates_to")
    relates: dict[str, Any] = found if isinstance(found, dict) else {}
    thread = relates.get("event_id") if relates.get("rel_type") == "m.thread" else ""
    in_reply = relates.get("m.in_reply_to")
    reply_to = in_reply.get("event_id") if isinstance(in_reply, dict) else ""
    mentions = content.get("m.mentions")
    users = mentions.get("user_ids") if isinstance(mentions, dict) else None
    return Event(room, event_id, sender, body,
                 at, thread if isinstance(thread, str) else "",
                 reply_to if isinstance(reply_to, str) else "",
                 tuple(u for u in users if isinstance(u, str)) if isinstance(users, list)
                 else ())


def mentions(event: Event, user_id: str, display_name: str = "") -> bool:
    """Whether ``event`` mentions the user: ``m.mentions``, or their id or display name in
    the text (clients without ``m.mentions`` write the name)."""
    if user_id in event.mentioned:
        return True
    text = event.body.casefold()
    return user_id.casefold() in text or bool(
        display_name.strip() and display_name.strip().casefold() in text)


def permalink(event: Event) -> str:
    """The event's ``matrix.to`` link."""
    return f"https://matrix.to/#/{quote(event.room, safe='!:')}/{quote(event.event_id, safe='$:')}"


def to_item(event: Event, sender: str, where: str,
            replies_to: tuple[str, ...] = ()) -> Incoming:
    """The request (or, with ``replies_to``, the user's answer) for ``event``."""
    text = _strip_fallback(event.body).strip()
    first = " ".join(text.split())
    subject = (first[:MAX_SUBJECT - 1] + "…") if len(first) > MAX_SUBJECT else first
    link = permalink(event)
    return Incoming(source=SOURCE, external_id=event.event_id,
                    subject=f"{where}: {subject}" if where else subject, sender=sender,
                    received_at=event.at, body=f"{text}\n\n{link}", links=(link,),
                    channel=Channel.CHAT, replies_to=replies_to)


def _strip_fallback(body: str) -> str:
    """A reply's body without the quoted ``> <@x> ...`` fallback lines before it."""
    lines = body.split("\n")
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    if lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines) or body
