# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The context checker: does a message carry its own context?

The seed's rule is that a message across time zones states a short summary first, links what
it refers to, asks for something explicitly, and gives a deadline with a time zone ("by
Thursday 17:00 UTC"). :func:`check` reports what is missing as findings with a code, a
severity, a message and the character span they refer to, for the editor to underline and
for ``unhurried check`` to print. Patterns, not language models: fast and predictable.

Messages are read in English or German (detected per message, or given by the template). The
quoted part of a reply is not the writer's and is not checked; numbers that are not times
(versions, sections, tickets, addresses, prices, links) never count as deadlines. Secrets come
from two places: this package's rules for secrets written in prose, and the hits of the
maintained scanner that the caller runs (off the typing path) and passes in.
Precision and recall per code are measured on ``tests/data/checker/*.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from desktop.core.drafting import structure, timewords
from desktop.core.drafting.secrets import SecretHit, merge, own_secrets
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
_MASS = re.compile(r"(?<![\w@])[@!](here|channel|everyone)\b", _I)
_REFERENCE = re.compile(
    r"\b(?:the|this|that|our|my|attached) (?:doc|document|design doc|spec|proposal|ticket|issue|"
    r"PR|pull request|merge request|spreadsheet|sheet|deck|slides|RFC|dashboard|board|page|"
    r"wiki)\b|\b(?:attached|see below|see attachment|linked here)\b|"
    r"\b(?:das|dieses|den|die|diese|unser|unsere|mein|meine) (?:angehängte )?(?:dokument|doc|"
    r"tabelle|PR|pull request|ticket|issue|folien|wiki|seite|spezifikation|spec|dashboard)\b|"
    r"\b(?:im anhang|siehe anhang|angehängt)\b", _I)


def check(text: str, *, language: str | None = None, recipient_zone: str | None = None,
          secrets: Sequence[SecretHit] = ()) -> list[Finding]:
    """Every finding for ``text``, in the order of where they start.

    Args:
        language: ``"en"`` or ``"de"`` (from the template); detected when ``None``.
        recipient_zone: how to name the reader's zone ("CET"), for the suggestions.
        secrets: hits of the secret scanner on ``text``; this module's own rules always run.
    """
    lang = language if language in timewords.VAGUE else structure.language(text)
    own, replying = structure.unquote(text)
    masked = timewords.mask_not_times(own)
    findings: list[Finding] = []
    add = findings.append
    for match in _MASS.finditer(own):
        add(Finding("mass-mention", Severity.WARNING, _(
            "{mention} notifies everyone in the channel, across their time zones; mention the "
            "people who need to act.").format(mention=match.group(0)), *match.span()))
    for hit in merge([*own_secrets(text), *secrets]):
        add(Finding("secret", Severity.ERROR, _(
            "This looks like a secret ({kind}): anyone who reads the message can use it. Remove "
            "it and share it through a password manager.").format(kind=_(hit.kind)),
            hit.start, hit.end))
    vague = [m for m in timewords.VAGUE[lang].finditer(masked) if not timewords.dated(masked, m)]
    for match in vague:
        add(Finding("vague-time", Severity.WARNING, _(
            "'{words}' means a different time in every time zone; give a date and a time with "
            "a zone, e.g. 'by Thu 27 Nov, 17:00 UTC'.").format(words=match.group(0)),
            *match.span()))
    clocks = timewords.clocks(masked)
    for start, end in clocks:
        if not timewords.zoned(own, end):
            add(Finding("deadline-without-timezone", Severity.WARNING, _(
                "A time without a time zone: add one, e.g. '{time} {zone}'.").format(
                time=text[start:end], zone=recipient_zone or "UTC"), start, end))
    has_time = bool(clocks or vague or timewords.DATE.search(masked)
                    or timewords.VAGUE[lang].search(masked))
    findings.extend(_structure(own, masked, has_time=has_time, replying=replying))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def _structure(own: str, masked: str, *, has_time: bool, replying: bool) -> list[Finding]:
    """Findings about the message as a whole: summary, ask, deadline, links."""
    out: list[Finding] = []
    if not own.strip():
        return out
    opening = structure.rambles(own)
    if opening is not None:
        out.append(Finding("missing-summary", Severity.WARNING, _(
            "Start with a short summary (a sentence or two) before the details, so readers in "
            "other time zones see the point first."), *opening))
    ask, vague = structure.asks(masked)
    if vague is not None:
        out.append(Finding("vague-ask", Severity.WARNING, _(
            "'{words}' leaves the reader to guess: say what it is about in one sentence, what "
            "exactly you need from them, and by when (a date and a time with a zone).").format(
            words=vague.group(0).strip()), *vague.span()))
    elif ask is None:
        if not replying and not structure.is_fyi(own):
            out.append(Finding("missing-ask", Severity.WARNING, _(
                "Nothing asks the reader to do or decide something; say what you need from "
                "them, or start with 'FYI' if nothing is needed."), 0, len(own.rstrip())))
    elif not has_time:
        out.append(Finding("missing-deadline", Severity.WARNING, _(
            "The ask has no deadline; add a date and a time with a time zone."), *ask.span()))
    # a reply's references are to the thread it answers, where the links are
    reference = None if replying else _REFERENCE.search(own)
    if reference is not None and not timewords.URL.search(own):
        out.append(Finding("missing-link", Severity.WARNING, _(
            "'{words}' has no link; paste the link so nobody has to ask for it.").format(
            words=reference.group(0)), *reference.span()))
    return out
