# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What expanding an iCalendar file's recurrence rules will cost, before anything expands them.

Both the ``.ics`` importer and the CalDAV item parser hand text to ``icalendar``, which turns
each VTIMEZONE's rules into every transition from its DTSTART to 2038, and to
``recurring-ical-events``, which walks an event's rule from its DTSTART. Neither can be
stopped half-way, so the rules are priced first: the periods a rule walks (its frequency times
the years it spans) times what its BY parts expand each period into. A rule over its own
budget, or one that takes the file over the file's, is a :class:`BudgetExceeded` for its item.
Pure: text in, numbers out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from desktop.core.budgets import BudgetExceeded
from desktop.core.i18n import _

MAX_RULE_EXPANSIONS = 100_000
"""Steps one rule may take. Walking a rule costs 20 to 75 µs a step on the 2-core reference
machine (recurring-ical-events over dateutil, which may walk it more than once), so this is a
few seconds at worst, and the importer's time budget per series cuts it there. A daily meeting
since 1990 is 13,000 steps and a time zone's yearly rule from 1601 to 2038 is 438; the hostile
hourly rule with every minute and second asked 31 million a year (107 s, 4 GB)."""
MAX_FILE_EXPANSIONS = 1_000_000
"""Steps all rules of one file (events and time zones together) may take: ten times one rule.
A thousand weekly series over 20 years fit; a file cannot add up cheap rules to a hang."""
ZONE_HORIZON_YEAR = 2038
"""``icalendar`` computes a VTIMEZONE's transitions up to this year (its DEFAULT_LAST_DATE)."""

_PER_YEAR = {"YEARLY": 1, "MONTHLY": 12, "WEEKLY": 53, "DAILY": 366, "HOURLY": 8_784,
             "MINUTELY": 527_040, "SECONDLY": 31_622_400}
_ORDER = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"]
# The frequency each BY part is measured in: it expands a coarser frequency, limits a finer one.
_PART_LEVEL = {"BYMONTH": "MONTHLY", "BYWEEKNO": "WEEKLY", "BYYEARDAY": "DAILY",
               "BYMONTHDAY": "DAILY", "BYDAY": "DAILY", "BYHOUR": "HOURLY",
               "BYMINUTE": "MINUTELY", "BYSECOND": "SECONDLY"}
_YEAR = re.compile(r":\s*(\d{4})")
_UNTIL = re.compile(r"UNTIL=(\d{4})", re.IGNORECASE)


@dataclass(slots=True)
class _Component:
    start_year: int | None = None
    rules: list[str] | None = None


def rule_cost(rule: str, start_year: int, end_year: int) -> int:
    """Steps to walk ``rule`` (an RRULE value) from ``start_year`` to ``end_year``: its periods
    times what its BY parts expand each period into (an upper bound)."""
    parts = dict(p.partition("=")[::2] for p in rule.upper().split(";") if "=" in p)
    freq = parts.get("FREQ", "")
    if freq not in _PER_YEAR:
        return 1
    until = _UNTIL.search(rule)
    if until:
        end_year = min(end_year, int(until[1]))
    years = max(1, end_year - start_year + 1)
    try:
        interval = max(1, int(parts.get("INTERVAL", "1")))
    except ValueError:
        interval = 1
    steps = years * max(1, _PER_YEAR[freq] // interval)
    for name, level in _PART_LEVEL.items():
        if name not in parts or _ORDER.index(level) <= _ORDER.index(freq):
            continue  # absent, or limiting rather than expanding
        entries = [e for e in parts[name].split(",") if e.strip()]
        if name == "BYDAY" and freq in ("YEARLY", "MONTHLY"):  # "MO" is every Monday in it
            weeks = 53 if freq == "YEARLY" else 5
            steps *= sum(1 if re.search(r"\d", e) else weeks for e in entries) or 1
        else:
            steps *= max(1, len(entries))
    return steps


def rule_costs(lines: Iterable[str], horizon_year: int, from_year: int = 1) -> Iterator[int]:
    """The cost of every RRULE and EXRULE in unfolded ``lines``, each from the DTSTART of its
    own component (1970 when it has none; ``from_year`` if that is later) up to
    ``horizon_year``."""
    stack: list[_Component] = []
    for line in lines:
        upper = line[:8].upper()
        if upper.startswith("BEGIN:"):
            stack.append(_Component(rules=[]))
        elif upper.startswith("END:") and stack:
            yield from _priced(stack.pop(), horizon_year, from_year)
        elif stack and upper.startswith("DTSTART"):
            found = _YEAR.search(line)
            stack[-1].start_year = int(found[1]) if found else None
        elif stack and upper.startswith(("RRULE", "EXRULE")):
            rules = stack[-1].rules
            if rules is not None:
                rules.append(line.partition(":")[2])
    while stack:  # a component the text ends inside
        yield from _priced(stack.pop(), horizon_year, from_year)


def _priced(component: _Component, horizon_year: int, from_year: int) -> Iterator[int]:
    start = max(component.start_year if component.start_year is not None else 1970, from_year)
    for rule in component.rules or ():
        yield rule_cost(rule, min(start, horizon_year), horizon_year)


class ExpansionBudget:
    """The expansions left to one file, charged rule by rule (events and time zones alike)."""

    def __init__(self, total: int = MAX_FILE_EXPANSIONS,
                 per_rule: int = MAX_RULE_EXPANSIONS) -> None:
        self.left = total
        self._total = total
        self._per_rule = per_rule

    def charge(self, lines: Iterable[str], horizon_year: int) -> None:
        """Pay for the rules in ``lines`` (one item), or raise without paying anything.

        Raises:
            BudgetExceeded: a rule is over its own budget, or the file's budget is spent.
        """
        costs = list(rule_costs(lines, horizon_year))
        if any(cost > self._per_rule for cost in costs):
            raise BudgetExceeded(_("repetitions of one rule"), f"{self._per_rule:,}")
        if sum(costs) > self.left:
            raise BudgetExceeded(_("repetitions in one calendar file"), f"{self._total:,}")
        self.left -= sum(costs)

