# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a reply to a queued request starts with: the reply template's fields, prefilled.

The recipient, ``Re:`` subject, link and the first lines of their message come from the
request. Their deadline is named only when they gave one in their message (read by
:func:`desktop.core.drafting.asked_by.asked_deadline`) and is shown in their zone: the request's
reply-by and a ``due`` set by hand are the user's own deadlines, never theirs. No reply-by of
ours is proposed: a commitment is the user's to make ("I'll follow up by …"), so the template
leaves it empty.

:func:`thread_headers` gives a mail reply its ``In-Reply-To`` and ``References``.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.asked_by import asked_deadline
from desktop.core.drafting.suggestions import suggest_deadlines
from desktop.core.drafting.templates import Moment, RawValue
from desktop.core.requests import Request
from desktop.core.working_hours import WorkingHours

REPLY_TEMPLATE = "reply"
FOLLOW_UP_TEMPLATE = "followup"
QUOTE_CHARS = 400
_RE = re.compile(r"^\s*(?:re|aw|sv|antw)\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s")
_MESSAGE_ID = re.compile(r"<[^<>\s]+@[^<>\s]+>")


def reply_subject(subject: str) -> str:
    """``Re: <subject>``, without stacking a second ``Re:``."""
    subject = " ".join(subject.split())
    return subject if _RE.match(subject) else f"Re: {subject}"


def quoted_ask(body: str, limit: int = QUOTE_CHARS) -> str:
    """The opening of a message, cut at a sentence end near ``limit`` characters."""
    text = body.strip()
    if len(text) <= limit:
        return text
    cut = max((m.start() for m in _SENTENCE_END.finditer(text, 0, limit)), default=0)
    return (text[:cut] if cut > limit // 3 else text[:limit].rsplit(" ", 1)[0] + " …").strip()


def thread_headers(request: Request) -> tuple[str, str]:
    """``(In-Reply-To, References)`` of a reply to ``request``: its Message-ID for both, or
    two empty strings when it came from no mail (a chat, a ticket, a made-up id)."""
    message_id = (request.external_id or "").strip()
    if not _MESSAGE_ID.fullmatch(message_id):
        return "", ""
    return message_id, message_id


def reply_values(request: Request, now: datetime, own_zone: str,
                 their_zone: str | None = None) -> dict[str, RawValue]:
    """The reply template's fields for ``request``.

    Args:
        request: the request answered.
        now: the current instant (unused: kept for callers that pass it).
        own_zone: the user's zone, used for the sender when theirs is not known.
        their_zone: the sender's zone, when known.
    """
    del now
    zone = their_zone or own_zone
    values: dict[str, RawValue] = {
        "to": request.sender,
        "subject": reply_subject(request.subject),
        "quoted": quoted_ask(request.body) or request.subject,
    }
    if request.links:
        values["link"] = request.links[0]
    asked = asked_deadline(f"{request.subject}\n{request.body}", request.received_at,
                           ZoneInfo(zone))
    if asked is not None:
        values["their_deadline"] = Moment(asked, zone)
    return values


def follow_up_values(request: Request, now: datetime, own_zone: str,
                     their_zone: str | None = None) -> dict[str, RawValue]:
    """The follow-up template's fields for a request whose follow-up is due: to whom, the
    topic, when it was first asked (when waiting began), the ask and a reply-by."""
    zone = their_zone or own_zone
    calendar = BusinessCalendar(ZoneInfo(zone), WorkingHours.office())
    proposed = suggest_deadlines(now, calendar, count=1)
    topic = _RE.sub("", " ".join(request.subject.split()), count=1).strip()
    values: dict[str, RawValue] = {
        "to": request.sender,
        "topic": topic or request.subject,
        "ask": quoted_ask(request.body) or request.subject,
    }
    if request.pauses:
        values["asked_on"] = Moment(request.pauses[-1].start, zone)
    if request.links:
        values["original"] = request.links[0]
    if proposed:
        values["reply_by"] = Moment(proposed[0], zone)
    return values
