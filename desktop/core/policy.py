# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The response-time policy: a reply target for each channel and priority.

Targets are written ``1bd`` (business days), ``4bh`` (business hours) or ``48h`` (calendar
hours). The defaults follow the seed's norms (see ``DESIGN.md``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import Enum
from types import MappingProxyType

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _
from desktop.core.requests import Channel, Priority


class TargetUnit(Enum):
    """How a target counts time."""

    BUSINESS_DAYS = "bd"
    BUSINESS_HOURS = "bh"
    HOURS = "h"

    @property
    def is_business(self) -> bool:
        """Whether the target counts only working time."""
        return self is not TargetUnit.HOURS


_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(bd|bh|h)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Target:
    """A reply target such as one business day."""

    amount: float
    unit: TargetUnit

    def duration(self, day_length: timedelta) -> timedelta:
        """The target as time: business time for ``bd``/``bh``, wall-clock time for ``h``."""
        if self.unit is TargetUnit.BUSINESS_DAYS:
            return day_length * self.amount
        return timedelta(hours=self.amount)

    def __str__(self) -> str:
        # repr() is the shortest text that reads back as the same float; Decimal drops the
        # exponent and trailing zeros that repr() may carry ("1e+16", "4.0").
        amount = format(Decimal(repr(float(self.amount))).normalize(), "f")
        return f"{amount}{self.unit.value}"


def parse_target(text: str) -> Target:
    """Read ``1bd``, ``4bh``, ``0.5bd`` or ``48h``.

    Raises:
        InvalidInput: the text is not a target; the message shows the accepted forms.
    """
    match = _TARGET.match(text)
    if not match:
        raise InvalidInput(
            _("Write a target as 1bd (business days), 4bh (business hours) or 48h (hours).")
        )
    return Target(float(match[1]), TargetUnit(match[2].lower()))


@dataclass(frozen=True, slots=True)
class ResponsePolicy:
    """Targets per (channel, priority). Missing pairs fall back to the defaults."""

    targets: Mapping[tuple[Channel, Priority], Target]

    def target_for(self, channel: Channel, priority: Priority) -> Target:
        """The target that applies to a request of ``channel`` and ``priority``."""
        return self.targets.get((channel, priority)) or DEFAULT_TARGETS[(channel, priority)]

    def with_target(self, channel: Channel, priority: Priority, target: Target) -> ResponsePolicy:
        """A copy with one target changed."""
        targets = dict(self.targets)
        targets[(channel, priority)] = target
        return ResponsePolicy(MappingProxyType(targets))

    @property
    def counts_business_time(self) -> bool:
        """Whether any target needs working hours."""
        return any(self.target_for(c, p).unit.is_business for c in Channel for p in Priority)


def _defaults() -> dict[tuple[Channel, Priority], Target]:
    one_day = Target(1, TargetUnit.BUSINESS_DAYS)
    # Urgent items have no queue wait: they break through focus at once. The one business hour
    # only orders them in the queue and marks them at risk from the start.
    urgent = Target(1, TargetUnit.BUSINESS_HOURS)
    table: dict[tuple[Channel, Priority], Target] = {}
    for channel in Channel:
        for priority in Priority:
            table[(channel, priority)] = one_day
        table[(channel, Priority.URGENT)] = urgent
    table[(Channel.TRACKER, Priority.NORMAL)] = Target(2, TargetUnit.BUSINESS_DAYS)
    table[(Channel.TRACKER, Priority.LOW)] = Target(2, TargetUnit.BUSINESS_DAYS)
    return table


DEFAULT_TARGETS: Mapping[tuple[Channel, Priority], Target] = MappingProxyType(_defaults())
DEFAULT_POLICY = ResponsePolicy(DEFAULT_TARGETS)
