# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Public holidays from the ``holidays`` package, by country and subdivision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

import holidays as holidays_lib

from desktop.core.calendar import HolidaySource
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _


def holiday_lookup(country: str, subdivision: str | None) -> HolidaySource:
    """The holidays of ``country`` (ISO code) and optional ``subdivision``, one year at a time.

    Raises:
        InvalidInput: the package knows no such country or subdivision.
    """
    try:  # building one table checks the codes; listing every country costs 0.1 s
        holidays_lib.country_holidays(country, subdiv=subdivision, years=())
    except (NotImplementedError, ValueError):
        supported = holidays_lib.list_supported_countries()
        if country not in supported:
            raise InvalidInput(
                _("No public holidays are known for '{country}'; use an ISO country code such "
                  "as DE, GB or US.").format(country=country)
            ) from None
        known = supported[country]
        raise InvalidInput(
            _("'{country}' has no region '{region}'; known regions: {known}.").format(
                country=country, region=subdivision, known=", ".join(known)
            )
        ) from None

    @cache
    def year(y: int) -> frozenset[date]:
        table: Iterable[date] = holidays_lib.country_holidays(country, subdiv=subdivision, years=y)
        return frozenset(table)

    return year
