# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a reply to a queued request starts with: the reply template's fields, prefilled.

The recipient, ``Re:`` subject, link and the first lines of their message come from the
request; their deadline is the request's own (``due``, else its reply-by) shown in their zone
when it is known; our proposed reply-by is the end of one of their next working days.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.core.calendar import BusinessCalendar
from desktop.core.drafting.suggestions import suggest_deadlines
from desktop.core.drafting.templates import Moment, RawValue
from desktop.core.requests import Request
from desktop.core.working_hours import WorkingHours

REPLY_TEMPLATE = "reply"
FOLLOW_UP_TEMPLATE = "followup"
QUOTE_CHARS = 400
_RE = re.compile(r"^\s*(?:re|aw|sv|antw)\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s")


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


def reply_values(request: Request, now: datetime, own_zone: str,
                 their_zone: str | None = None) -> dict[str, RawValue]:
    """The reply template's fields for ``request``.

    Args:
        request: the request answered.
        now: the current instant.
        own_zone: the user's zone, used for the recipient when theirs is not known.
        their_zone: the sender's zone, when known.
    """
    zone = their_zone or own_zone
    deadline = request.due or request.reply_by
    calendar = BusinessCalendar(ZoneInfo(zone), WorkingHours.office())
    proposed = suggest_deadlines(now, calendar, count=1)
    values: dict[str, RawValue] = {
        "to": request.sender,
        "subject": reply_subject(request.subject),
        "quoted": quoted_ask(request.body) or request.subject,
    }
    if request.links:
        values["link"] = request.links[0]
    if deadline is not None:
        values["their_deadline"] = Moment(deadline, zone)
    if proposed:
        values["reply_by"] = Moment(proposed[0], zone)
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
