# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""An iCalendar text as unfolded lines and top-level components (RFC 5545), before any
property is read."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOP_LEVEL = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"}
_UID = re.compile(r"^UID(?:;[^:]*)?:(.*)$", re.IGNORECASE)


@dataclass(slots=True)
class Block:
    """One top-level component of the file, as unfolded lines."""

    name: str
    lines: list[str]
    line_no: int
    complete: bool = True

    @property
    def uid(self) -> str:
        for line in self.lines:
            match = _UID.match(line)
            if match:
                return match[1].strip()
        return ""


def unfold(text: str) -> list[str]:
    """Lines with RFC 5545 folding undone (a line starting with a space continues the last)."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and out:
            out[-1] += raw[1:]
        elif raw.strip():
            out.append(raw.rstrip())
    return out


def split_blocks(lines: list[str]) -> tuple[dict[str, str], list[Block]]:
    """The calendar's own properties, and its top-level components (a component the file
    ends inside is marked incomplete)."""
    header: dict[str, str] = {}
    blocks: list[Block] = []
    current: Block | None = None
    depth = 0
    for number, line in enumerate(lines, start=1):
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            name = upper[6:].strip()
            if name == "VCALENDAR" and current is None:
                continue
            if current is not None and name in _TOP_LEVEL:  # these never nest: the one
                current.complete = False                   # open was never ended
                blocks.append(current)
                current = None
            if current is None:
                current, depth = Block(name, [], number), 0
            depth += 1
            current.lines.append(line)
        elif upper.startswith("END:") and current is not None:
            current.lines.append(line)
            depth -= 1
            if depth == 0:
                blocks.append(current)
                current = None
        elif current is not None:
            current.lines.append(line)
        elif ":" in line and not upper.startswith("END:"):
            key, _sep, value = line.partition(":")
            header.setdefault(key.split(";")[0].upper(), value)
    if current is not None:
        current.complete = False
        blocks.append(current)
    return header, blocks
