# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Slack Web API messages as chat requests (pure: JSON in, items out).

Shapes follow the method pages of https://api.slack.com/methods (``conversations.history``,
``conversations.replies``, ``search.messages``, ``users.info``). A message from someone else
in a direct message, one that mentions the user, or one in a thread the user took part in
becomes a request; the user's own later message in the same conversation (or thread) answers
the requests before it. Deleted messages (``tombstone``, ``message_deleted``) and hidden system
messages are not requests. The external id is ``CHANNEL/TS`` (Slack's own message key), and
the link is the message's permalink.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.core.importing.items import Incoming, plausible
from desktop.core.requests import Channel

SOURCE = "slack"
DEFAULT_API = "https://slack.com/api"
MAX_SUBJECT = 120
_SKIPPED = {"tombstone", "message_deleted", "channel_join", "channel_leave", "bot_add",
            "channel_topic", "channel_purpose", "channel_name", "group_join", "group_leave"}
_MARKUP = re.compile(r"<([@#!])?([^>|]+)(?:\|([^>]+))?>")


@dataclass(frozen=True, slots=True)
class Message:
    """One message as far as the queue cares."""

    channel: str
    ts: str
    user: str
    text: str
    thread_ts: str
    """The thread it belongs to ("" when it is not in a thread)."""

    @property
    def key(self) -> str:
        return f"{self.channel}/{self.ts}"


def read_message(channel: str, data: object) -> Message | None:
    """A message that a person wrote and that is still there, or ``None``."""
    if not isinstance(data, dict) or data.get("type", "message") != "message":
        return None
    if data.get("subtype") in _SKIPPED or data.get("hidden") or data.get("bot_id"):
        return None
    user, ts = data.get("user"), data.get("ts")
    if not isinstance(user, str) or not isinstance(ts, str) or _time(ts) is None:
        return None
    thread = data.get("thread_ts")
    return Message(channel, ts, user, str(data.get("text") or ""),
                   thread if isinstance(thread, str) else "")


def mentions(message: Message, user_id: str) -> bool:
    """Whether ``message`` mentions the user (``<@U...>``)."""
    return f"<@{user_id}>" in message.text or f"<@{user_id}|" in message.text


def permalink(workspace_url: str, message: Message) -> str:
    """The message's permalink on ``https://TEAM.slack.com/`` (as ``chat.getPermalink`` gives
    it), with the thread for a reply."""
    if not workspace_url.startswith("https://"):
        return ""
    link = f"{workspace_url.rstrip('/')}/archives/{message.channel}/p{message.ts.replace('.', '')}"
    if message.thread_ts and message.thread_ts != message.ts:
        link += f"?thread_ts={message.thread_ts}&cid={message.channel}"
    return link


def plain_text(text: str, names: dict[str, str] | None = None) -> str:
    """Slack's markup as plain text: ``<@U1>`` as ``@Ann``, ``<url|label>`` as the label."""
    names = names or {}

    def word(match: re.Match[str]) -> str:
        sign, target, label = match.groups()
        if sign == "@":
            return "@" + (label or names.get(target, target))
        if sign == "#":
            return "#" + (label or target)
        if sign == "!":
            return "@" + (label or target.split("^")[0])
        return label or target

    return _MARKUP.sub(word, text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_item(message: Message, sender: str, workspace_url: str, where: str,
            names: dict[str, str] | None = None, replies_to: tuple[str, ...] = ()) -> Incoming:
    """The request (or, with ``replies_to``, the user's answer) for ``message``; ``where`` is
    the conversation's name for the subject."""
    text = plain_text(message.text, names).strip()
    first = " ".join(text.split())
    subject = (first[:MAX_SUBJECT - 1] + "…") if len(first) > MAX_SUBJECT else first
    link = permalink(workspace_url, message)
    return Incoming(
        source=SOURCE, external_id=message.key,
        subject=f"{where}: {subject}" if where else subject, sender=sender,
        received_at=_time(message.ts) or datetime(1970, 1, 1, tzinfo=UTC),
        body=text + (f"\n\n{link}" if link else ""), links=(link,) if link else (),
        channel=Channel.CHAT, replies_to=replies_to)


def ts_after(a: str, b: str) -> bool:
    """Whether Slack timestamp ``a`` is later than ``b`` (``""`` is before everything)."""
    return _ts_key(a) > _ts_key(b)


def _ts_key(ts: str) -> tuple[int, int]:
    seconds, _dot, fraction = ts.partition(".")
    try:
        return int(seconds or 0), int((fraction or "0").ljust(6, "0")[:6])
    except ValueError:
        return 0, 0


def _time(ts: str) -> datetime | None:
    try:
        moment = datetime.fromtimestamp(float(ts), UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return moment if plausible(moment) else None
