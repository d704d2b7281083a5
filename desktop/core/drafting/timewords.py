# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times, dates and vague time words in English and German, for the context checker.

A number is a time only where it reads as one: "17:00", "3pm", "17 Uhr", or "9.30" after "at",
"um", "bis"... Numbers that are something else are blanked out before any time pattern runs
(:func:`mask_not_times`): version, release, section and build numbers, ticket keys, IP
addresses, prices and percentages, and everything inside a link or a mail address.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
URL = re.compile(r"\b(?:https?://|www\.)\S+?(?=[.,;:!?)\]'\"]*(?:\s|$))|"
                 r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+", _I)
_NOT_TIME = re.compile(
    r"(?=[\w$€£¥§])(?:\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"  # an IP address
    r"|(?:\b(?:v|version|release|rel\.|section|sect\.|sec\.|chapter|kapitel|abschnitt|step|"
    r"schritt|build|page|seite|rule|regel|item|punkt|figure|abbildung|table|tabelle|python|"
    r"ubuntu|debian|fedora|postgres|postgresql|node|java|ios|android|macos|windows|"
    r"kernel|api|sdk|paragraph|nr\.)|§)\s*\d+(?:[.:]\d+)*"
    r"|\b[A-Z][A-Z0-9]+-\d+\b"  # a ticket key
    r"|[$€£¥]\s?\d+(?:[.,]\d+)*|\b\d+(?:[.,]\d+)*\s?(?:€|\$|£|EUR|USD|GBP|CHF|JPY|%|percent|"
    r"prozent|ms|MB|GB|TB|km|kg)(?![\w]))", _I)


def mask_not_times(text: str) -> str:
    """``text`` with links, addresses and numbers that are not times blanked out (same
    length, so spans still match)."""
    for pattern in (URL, _NOT_TIME):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


_EN_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?"
_DE_WEEKDAY = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
_MONTH = r"(?:jan|feb|mar|mär|apr|may|mai|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez)[a-zä]*\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"  # "2.0." is a version, "27.11." a date
_MON = r"(?:0?[1-9]|1[0-2])"
DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|"
    rf"{_DAY}\.{_MON}\.(?:\d{{2,4}})?|{_DAY}/{_MON}(?:/\d{{2,4}})?|{_MON}/{_DAY}(?:/\d{{2,4}})?|"
    rf"{_EN_WEEKDAY}|"
    rf"{_DE_WEEKDAY}|(?:mo|di|mi|do|fr|sa|so)\.?(?=\s*\d))(?![\w])"
    r"|\b(?:(?:the\s+)?end\s+of\s+(?:Q[1-4]|the\s+quarter|the\s+month|(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)[a-z]*)|ende\s+(?:Q[1-4]|des\s+quartals|des\s+monats)|"
    r"(?:in|within)\s+(?:\w+\s+)?(?:business|working)\s+days?|"
    r"(?:in(?:nerhalb)?(?:\s+von)?)\s+(?:\w+\s+)?(?:werktag|werktagen|arbeitstag|arbeitstagen))\b",
    _I)
_AMPM = r"\s?(?:[ap]\.m\.|[ap]m\b)"
_CLOCK = re.compile(
    rf"(?=\d)(?<![\d:.,+\-])(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:{_AMPM}|\s?uhr\b)?"
    rf"|(?:[01]?\d|2[0-3])\.[0-5]\d(?:{_AMPM}|\s?uhr\b)"
    rf"|(?:1[0-2]|0?[1-9]){_AMPM}"
    rf"|(?:[01]?\d|2[0-3])\s?uhr\b)(?![\d])", _I)
# "9.30" is a time only after a word that introduces one ("at 9.30", "um 9.30")
_DOT_CLOCK = re.compile(r"\b(?:at|um|by|bis|until|till|from|ab|gegen|before|vor|after|nach)\s"
                        r"(?P<t>(?:[01]?\d|2[0-3])\.[0-5]\d)(?![\d.,]\d|\.\s*[,\d])", _I)


_RANGE = re.compile(r"\s*(?:-|–|to|until|till|bis)\s*", _I)


def zoned(text: str, end: int) -> bool:
    """Whether the clock time ending at ``end`` has a zone after it, or ends a range whose
    other end has one ("02:00 to 04:00 UTC")."""
    if ZONE.match(text, end):
        return True
    between = _RANGE.match(text, end)
    if between is None:
        return False
    after = _CLOCK.match(text, between.end())
    return after is not None and ZONE.match(text, after.end()) is not None


def clocks(masked: str) -> list[tuple[int, int]]:
    """The spans of clock times in a text from :func:`mask_not_times`, in order."""
    spans = {m.span() for m in _CLOCK.finditer(masked)}
    taken = [range(s, e) for s, e in spans]
    for m in _DOT_CLOCK.finditer(masked):
        if not any(m.start("t") in r for r in taken):
            spans.add(m.span("t"))
    return sorted(spans)


ZONE = re.compile(
    r"\s*(?:\(?\b(?:UTC|GMT|CET|CEST|MEZ|MESZ|OEZ|OESZ|WEZ|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|"
    r"CDT|MST|MDT|PST|PDT|AEST|AEDT|JST|KST|SGT|HKT|NZST|NZDT)\b(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|"
    r"Z\b|[+-]\d{2}:?\d{2}\b|\(?\b[A-Z][a-z]+/[A-Z][A-Za-z_]+)")
_VAGUE_EN = (r"EOD|COB|EOW|ASAP|a\.s\.a\.p\.|end of (?:the )?(?:day|week)|soon|shortly|tonight|"
             r"at some point|next week|tomorrow|later today|this week")
_VAGUE_DE = (r"bis (?:morgen|übermorgen|feierabend|ende der woche|heute abend)|heute abend|"
             r"(?<!guten )morgen|übermorgen|"
             r"zeitnah|bald|baldmöglichst|demnächst|schnellstmöglich|so schnell wie möglich|"
             r"nächste woche|diese woche|ende der woche|feierabend|heute noch|noch heute|"
             r"im laufe des tages|im laufe der woche|asap")
VAGUE = {"en": re.compile(rf"\b(?:{_VAGUE_EN})(?![\w])", _I),
         "de": re.compile(rf"\b(?:{_VAGUE_DE}|{_VAGUE_EN})(?![\w])", _I)}
_DATED_WORDS = ("tomorrow", "next week", "this week", "later today", "morgen", "bis morgen",
                "übermorgen", "nächste woche", "diese woche")


def dated(text: str, match: re.Match[str]) -> bool:
    """Whether a vague word like "tomorrow" comes with a date and a time close by
    ("tomorrow, 27 Nov, 17:00 UTC")."""
    if match.group(0).lower() not in _DATED_WORDS:
        return False
    window = text[max(match.start() - 20, 0):match.end() + 25]
    return DATE.search(window) is not None and bool(clocks(window))
