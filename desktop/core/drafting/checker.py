# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker: does a message carry its own context?

The seed's rule is that a message across time zones states a short summary first, links what
it refers to, asks for something explicitly, and gives a deadline with a time zone ("by
Thursday 17:00 UTC"). :func:`check` reports what is missing as findings with a code, a
severity, a message and the character span they refer to, for the editor to underline and
for ``unhurried check`` to print. Patterns, not language models: fast and predictable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from desktop.core.i18n import _


class Severity(Enum):
    """How much a finding matters: errors and warnings fail ``unhurried check``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker noticed, at ``text[start:end]``."""

    code: str
    severity: Severity
    message: str
    start: int
    end: int


_I = re.IGNORECASE
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", _I)
_MASS = re.compile(r"(?<![\w@])[@!](here|channel|everyone)\b", _I)
_SECRETS = [re.compile(p, flags) for p, flags in (
    (r"\bAKIA[0-9A-Z]{16}\b", 0),
    (r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0),
    (r"\bxox[abprs]-[A-Za-z0-9-]{10,}", 0),
    (r"\bsk-[A-Za-z0-9_-]{20,}", 0),
    (r"\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}", 0),
    (r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----", 0),
    (r"\b(?:password|passwd|pwd|secret|token|api[_ -]?key)\s*[:=]\s*\S{6,}", _I),
)]
_VAGUE = re.compile(
    r"\b(?:EOD|COB|EOW|ASAP|a\.s\.a\.p\.|end of (?:the )?(?:day|week)|soon|shortly|"
    r"at some point|next week|tomorrow|later today|this week)\b", _I)
_WEEKDAY = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?")
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|"
    rf"\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?|{_WEEKDAY})(?![\w])", _I)
_CLOCK = re.compile(r"(?<![+\-:\d])\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\.?)?(?!\d)|"
                    r"\b(?:1[0-2]|0?[1-9])\s?[ap]\.?m\.?(?![a-z])", _I)
_ZONE = re.compile(
    r"\s*(?:\(?\b(?:UTC|GMT|Z|CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|"
    r"PDT|AEST|AEDT|JST|KST|SGT|HKT|NZST|NZDT)\b(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|"
    r"[+-]\d{2}:?\d{2}\b|\(?\b[A-Z][a-z]+/[A-Z][A-Za-z_]+)")
_ASK = re.compile(
    r"\?|\b(?:please|pls|could you|can you|would you|will you|let me know|need you to|"
    r"i need|we need|decide|approve|confirm|review|sign off|sign-off|reply|respond|"
    r"share your|send (?:me|us)|action required|ask is|request is)\b", _I)
_REFERENCE = re.compile(
    r"\b(?:the|this|that|our|my|attached) (?:doc|document|design doc|spec|proposal|ticket|issue|"
    r"PR|pull request|merge request|spreadsheet|sheet|deck|slides|RFC|dashboard|board|page|"
    r"wiki)\b|\b(?:attached|see below|see attachment|linked here)\b", _I)
_PARAGRAPH = re.compile(r"\n\s*\n")
_SUMMARY_WORDS = 40  # an opening paragraph longer than this is not a summary
_LONG_MESSAGE_WORDS = 80  # shorter messages need no separate summary


def check(text: str) -> list[Finding]:
    """Every finding for ``text``, in the order of where they start."""
    findings: list[Finding] = []
    add = findings.append
    for match in _MASS.finditer(text):
        add(Finding("mass-mention", Severity.WARNING, _(
            "{mention} notifies everyone in the channel, across their time zones; mention the "
            "people who need to act.").format(mention=match.group(0)), *match.span()))
    for pattern in _SECRETS:
        for match in pattern.finditer(text):
            add(Finding("secret", Severity.ERROR, _(
                "This looks like a password, token or key; share secrets through a password "
                "manager, never in a message."), *match.span()))
    for match in _VAGUE.finditer(text):
        if _dated(text, match):
            continue
        add(Finding("vague-time", Severity.WARNING, _(
            "'{words}' means a different time in every time zone; give a date and a time with "
            "a zone, e.g. 'by Thu 27 Nov, 17:00 UTC'.").format(words=match.group(0)),
            *match.span()))
    clocks = list(_CLOCK.finditer(text))
    for match in clocks:
        if not _ZONE.match(text, match.end()):
            add(Finding("deadline-without-timezone", Severity.WARNING, _(
                "A time without a time zone: add one, e.g. '{time} UTC'.").format(
                time=match.group(0)), *match.span()))
    findings.extend(_structure(text, has_time=bool(clocks) or bool(_DATE.search(text))))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def _structure(text: str, *, has_time: bool) -> list[Finding]:
    """Findings about the message as a whole: summary, ask, deadline, links."""
    out: list[Finding] = []
    stripped = text.strip()
    if not stripped:
        return out
    words = len(stripped.split())
    first = _PARAGRAPH.split(stripped, maxsplit=1)[0]
    offset = text.find(first)
    if words > _LONG_MESSAGE_WORDS and len(first.split()) > _SUMMARY_WORDS:
        out.append(Finding("missing-summary", Severity.WARNING, _(
            "Start with a short summary (a sentence or two) before the details, so readers in "
            "other time zones see the point first."), offset, offset + len(first)))
    ask = _ASK.search(text)
    if ask is None:
        out.append(Finding("missing-ask", Severity.WARNING, _(
            "Nothing asks the reader to do or decide something; say what you need from "
            "them."), 0, len(text)))
    elif not has_time:
        out.append(Finding("missing-deadline", Severity.WARNING, _(
            "The ask has no deadline; add a date and a time with a time zone."), *ask.span()))
    reference = _REFERENCE.search(text)
    if reference is not None and not _URL.search(text):
        out.append(Finding("missing-link", Severity.WARNING, _(
            "'{words}' has no link; paste the link so nobody has to ask for it.").format(
            words=reference.group(0)), *reference.span()))
    return out


def _dated(text: str, match: re.Match[str]) -> bool:
    """Whether a vague word like "tomorrow" comes with a date close by ("tomorrow, 27 Nov")."""
    word = match.group(0).lower()
    if word not in ("tomorrow", "next week", "this week", "later today"):
        return False
    window = text[max(match.start() - 20, 0):match.end() + 25]
    return _DATE.search(window) is not None and _CLOCK.search(window) is not None
