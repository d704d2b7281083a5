# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fuzz target for calendar files: bad dates, unknown TZIDs, RRULEs without end or with an
absurd frequency, the wrong encoding, truncation and binary junk, through the real
:func:`~desktop.sources.ics.read_ics`. Each file is imported (its events) or reported (a
problem, or the refusal of a file that is no calendar at all), and every known fault is
reported with its reason.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.errors import InvalidInput
from desktop.core.importing.items import Problem
from desktop.sources.ics import read_ics
from tests.reliability.fuzz import Case, FuzzTarget, mutate_bytes, register

_START = datetime(2026, 11, 23, tzinfo=UTC)
_END = datetime(2026, 12, 21, tzinfo=UTC)
_EVENT = ("BEGIN:VEVENT\r\nUID:ev-{n}-{k}@fz\r\nSUMMARY:Sync {k} caf\u00e9\r\n"
          "DTSTART;TZID=Europe/Berlin:20261124T100000\r\nDTEND;TZID=Europe/Berlin:"
          "20261124T103000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\nEND:VEVENT\r\n")
_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fz//EN\r\n"
_TAIL = "END:VCALENDAR\r\n"
# (text to replace in the first event, replacement, reason fragment the report must hold)
_FAULTS = [
    ("DTSTART;TZID=Europe/Berlin:20261124T100000", "DTSTART;TZID=Europe/Berlin:20261340T999999",
     "dates cannot be read"),
    ("DTSTART;TZID=Europe/Berlin:20261124T100000", "DTSTART:yesterday", "dates cannot be read"),
    ("TZID=Europe/Berlin:", "TZID=Mars/Olympus:", "Unknown time zone"),
    ("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=SECONDLY", "every second or minute"),
    ("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=MINUTELY;INTERVAL=1", "every second or minute"),
    ("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=HOURLY", "more than"),
    ("SUMMARY:Sync", "SUMMARY:\u00c4rger \x81", "not UTF-8"),  # encoded as Windows-1252
]


def _calendar_cases(rng: random.Random, count: int, scratch: Path) -> list[Case]:
    cases = []
    for n in range(count):
        events = [_EVENT.format(n=n, k=k) for k in range(rng.randint(1, 3))]
        text = _HEAD + "".join(events) + _TAIL
        expect: list[str] = []
        encoding = "utf-8"
        kind = n % 4
        if kind == 0:
            where, fault, reason = rng.choice(_FAULTS)
            text = text.replace(where, fault, 2 if where.startswith("TZID") else 1)
            expect.append(reason)
            if reason == "not UTF-8":
                encoding = "cp1252"
            data = text.encode(encoding, "replace")
        elif kind == 1:  # cut short inside the last event
            data = text.encode()
            data = data[:data.rfind(b"BEGIN:VEVENT") + rng.randint(14, 120)]
            expect.append("truncated")
        elif kind == 2:  # binary junk spliced in, or the whole file junk
            data = text.encode()
            at = rng.randrange(len(data))
            data = (rng.randbytes(rng.randint(1, 300)) if rng.random() < 0.2
                    else data[:at] + rng.randbytes(rng.randint(1, 80)) + data[at:])
        else:
            data = mutate_bytes(rng, text.encode())
        path = scratch / f"fuzz{n}.ics"
        path.write_bytes(data)
        try:
            read = read_ics(path, _START, _END, max_occurrences=200)
        except InvalidInput as refused:  # not a calendar at all: the whole file is reported
            items = [Problem(str(path), refused.message)]
            cases.append(Case(str(path), items, [] if kind > 1 else expect))
            continue
        # Events are not requests: a file that gave events and no problem is accounted for.
        cases.append(Case(str(path), list(read.problems), expect,
                          skippable=bool(read.events) or kind > 1))
    return cases


register(FuzzTarget("calendar", 500, _calendar_cases))
