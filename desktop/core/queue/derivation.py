# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What reply-by times are derived with: the business calendar the settings describe, and a
fingerprint of the settings that change it (stored, so a changed rule re-derives them)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from zoneinfo import ZoneInfo

from desktop.core.calendar import BusinessCalendar, HolidaySource
from desktop.core.settings import REGISTRY, Settings

HolidayLookup = Callable[[str, str | None], HolidaySource]
"""Given a country and subdivision, returns the holidays of a year (the platform's adapter)."""


def calendar_for(settings: Settings, lookup: HolidayLookup) -> BusinessCalendar:
    """The business calendar of ``settings``, with the holidays ``lookup`` gives its region."""
    holidays: HolidaySource = _no_holidays
    if settings.holidays is not None:
        holidays = lookup(*settings.holidays)
    return BusinessCalendar(
        ZoneInfo(settings.timezone), settings.working_hours, settings.days_off, holidays
    )


def _no_holidays(_year: int) -> tuple[()]:
    return ()


def fingerprint(values: Mapping[str, str], default_zone: str) -> str:
    """A short hash of the stored settings that re-derive reply-by times."""
    relevant = sorted((k, v) for k, v in values.items() if k in REGISTRY and REGISTRY[k].rederives)
    text = repr((relevant, default_zone))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
