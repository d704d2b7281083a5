# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""A seeded, deterministic fuzzer for importers, and the registry of what it feeds.

Each :class:`FuzzTarget` makes ``count`` malformed inputs from a ``random.Random`` and returns,
per input, the importer's items and what the input is known to need reported (``expect``, a
list of reason fragments; empty when only "no crash, and the item is accounted for" is known).
``test_bad_input.py`` runs every target, pushes the items through the real import runner into
an SQLite store, and checks: no exception, every input either imported or reported, and every
known fault reported.

Other features add targets in ``fuzz_<area>.py`` (calendar ``.ics`` files, templates) with
:func:`register`; ``test_bad_input.py`` imports those modules.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.importing.items import Incoming, Problem


@dataclass
class Case:
    """One malformed input: what the importer yielded and what must be in the report."""

    where: str
    items: list[Incoming | Problem]
    expect: list[str] = field(default_factory=list)
    skippable: bool = False
    """The damage may have made the input legitimately not a request (a Slack message that no
    longer mentions the user, say): yielding nothing is then correct."""


@dataclass(frozen=True)
class FuzzTarget:
    name: str
    count: int
    make: Callable[[random.Random, int, Path], list[Case]]
    """(rng, count, scratch folder) -> one case per input."""


FUZZ_TARGETS: list[FuzzTarget] = []


def register(target: FuzzTarget) -> FuzzTarget:
    """Add a target (names are unique)."""
    if any(t.name == target.name for t in FUZZ_TARGETS):
        raise ValueError(f"fuzz target {target.name!r} is registered twice")
    FUZZ_TARGETS.append(target)
    return target


NASTY = ["\x00", "\udcff", "\ufeff", "\u202e", "\r", "\r\n", "\n\n", '"', "'", ",", ";", "\\",
         "=?utf-8?B?!!!?=", "=?x-unknown?Q?abc?=", "=?utf-8?Q?caf=C3=A9?=", "\xff", "é", "🙂",
         "<b>", "&amp;", "%s", "{0}", "${x}", "\t", " " * 50, "A" * 5000, "-1", "9" * 30,
         "1970-01-01", "0000-00-00", "9999-12-31T23:59:59+14:00", "nan", "null", "[", "{"]


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """One to three random byte-level changes: cut, splice, flip, repeat or insert junk."""
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if choice == 0:
            data = data[:at]
        elif choice == 1:
            data = data[:at] + rng.randbytes(rng.randint(1, 40)) + data[at:]
        elif choice == 2 and data:
            pos = rng.randrange(len(data))
            data = data[:pos] + bytes([data[pos] ^ (1 << rng.randrange(8))]) + data[pos + 1:]
        elif choice == 3:
            data = data[:at] + rng.choice(NASTY).encode("utf-8", "surrogatepass") + data[at:]
        elif choice == 4:
            end = min(len(data), at + rng.randint(1, 200))
            data = data[:at] + data[at:end] * rng.randint(2, 5) + data[end:]
        else:
            data = data[:at] + data[at + rng.randint(1, 60):]
    return data
