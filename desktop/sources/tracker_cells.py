# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading one cell of a tracker CSV: stray bytes, control characters, JSON lists, people,
priorities and the date formats trackers write."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime

from desktop.core.importing.items import plausible
from desktop.core.requests import Priority

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a cell must not carry (tab and line feed are kept)."""
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")
_JIRA_TIME = re.compile(r"(\d{1,2})/([A-Za-z]{3})/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                        r"\s*([AaPp][Mm])?")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PRIORITY_WORDS = {
    **dict.fromkeys(("urgent", "highest", "blocker", "critical", "p0"), Priority.URGENT),
    **dict.fromkeys(("high", "major", "p1"), Priority.HIGH),
    **dict.fromkeys(("low", "lowest", "minor", "trivial", "p3", "p4"), Priority.LOW),
}
_LABEL_WORDS = (({"urgent", "p0", "critical"}, Priority.URGENT), ({"high", "p1"}, Priority.HIGH),
                ({"low", "p3"}, Priority.LOW))


def fix_bytes(text: str) -> str:
    """Bytes that were not UTF-8 (kept as surrogate escapes) read as Windows-1252."""
    return _ESCAPED_BYTE.sub(
        lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)


def clean(text: str) -> str:
    """Line ends as ``\\n``, control characters (but newline and tab) removed."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _json(text: str) -> object:
    """``text`` parsed as JSON, or None (``gh --json`` values may reach a CSV as they are)."""
    try:
        return json.loads(text) if text.lstrip()[:1] in ("{", "[") else None
    except ValueError:
        return None


def person(text: str) -> str:
    """A name or login; GitHub's ``{"login": ...}`` objects are unpacked."""
    value = _json(text)
    if isinstance(value, dict):
        text = str(value.get("login") or value.get("name") or "")
    return " ".join(text.split())


def priority(text: str, *, labels: bool) -> Priority:
    """A priority name (Jira's too), or GitHub labels such as ``P1`` or ``priority: high``."""
    if not labels:
        return _PRIORITY_WORDS.get(text.strip().lower(), Priority.NORMAL)
    value = _json(text)
    if isinstance(value, list):
        text = " ".join(str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value)
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    return next((p for names, p in _LABEL_WORDS if names & words), Priority.NORMAL)


def parse_time(text: str, zone: tzinfo = UTC) -> datetime | None:
    """ISO 8601, RFC 2822 or Jira's ``25/Nov/26 10:15 AM``, in UTC; times without a zone are
    read in ``zone``."""
    jira = _JIRA_TIME.fullmatch(text)
    try:
        if jira:
            day, month, year, hour, minute, second, half = jira.groups()
            hours = int(hour) % 12 + (12 if half.lower() == "pm" else 0) if half else int(hour)
            if half and not 1 <= int(hour) <= 12:
                return None
            moment = datetime(int(year) + (2000 if len(year) == 2 else 0),
                              _MONTHS.index(month.lower()) + 1, int(day), hours, int(minute),
                              int(second or 0))
        elif text[:4].isdigit():
            moment = datetime.fromisoformat(text)
        else:
            moment = parsedate_to_datetime(text)
        moment = (moment.replace(tzinfo=zone) if moment.tzinfo is None else moment).astimezone(UTC)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    return moment if plausible(moment) else None
