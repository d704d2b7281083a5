# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The deadline a sender gave in their own words ("could you answer by Friday 5pm?").

A reply may only say "you asked for an answer by …" when the sender did ask; the queue's own
reply-by comes from the user's policy and is never theirs. :func:`asked_deadline` looks for a
time after a deadline word (``by``, ``before``, ``until``, ``no later than``, ``deadline``,
``due``) and reads it with the one time parser of the app (:func:`desktop.core.when.parse_when`),
in the sender's zone and relative to when the message arrived. It tries the longest phrase
first (up to five words), so "by Friday 5pm" is Friday 17:00, not Friday 09:00.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from desktop.core.errors import InvalidInput
from desktop.core.when import parse_when

_TRIGGER = re.compile(
    r"\b(?:no\s+later\s+than|by|before|until|till|deadline(?:\s+is)?\s*:?|due(?:\s+on|\s+by)?)"
    r"\s+", re.IGNORECASE)
_STOP = re.compile(r"[.;!?\n()\[\]\"]")
_LONGEST = 5


def asked_deadline(text: str, received_at: datetime, zone: tzinfo) -> datetime | None:
    """The first deadline ``text`` asks for, in UTC, or ``None`` when it names none.

    Args:
        text: the sender's subject and message.
        received_at: when it arrived: "Friday" means the Friday after that.
        zone: the sender's zone (or the user's when theirs is not known), in which days and
            clock times are read.
    """
    for match in _TRIGGER.finditer(text):
        rest = _STOP.split(text[match.end():], maxsplit=1)[0]
        words = rest.replace(",", " ").split()[:_LONGEST]
        for size in range(len(words), 0, -1):
            phrase = " ".join(words[:size]).strip(":'")
            if not phrase or (phrase.isdigit() and size == 1):
                continue  # "by 3" is a count more often than a time
            try:
                moment = parse_when(phrase, received_at, zone)
            except InvalidInput:
                continue
            if moment > received_at:
                return moment
    return None
