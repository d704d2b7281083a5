# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Public holidays from the ``holidays`` package, by country and subdivision.

Importing the package's country table costs about 0.35 s, on every start. The dates it gives
for a country, region and year never change within one version of the package, so they are
kept in a small JSON file in the cache folder, and the package is only imported on a miss.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from desktop.core.calendar import HolidaySource
from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

Lookup = Callable[[str, str | None], HolidaySource]


def holiday_lookup(country: str, subdivision: str | None) -> HolidaySource:
    """The holidays of ``country`` (ISO code) and optional ``subdivision``, one year at a time.

    Raises:
        InvalidInput: the package knows no such country or subdivision.
    """
    _check(country, subdivision)

    @cache
    def year(y: int) -> frozenset[date]:
        return frozenset(_dates(country, subdivision, y))

    return year


def cached_holiday_lookup(cache_dir: Path) -> Lookup:
    """:func:`holiday_lookup` that remembers checked regions and their dates in ``cache_dir``."""
    store = _DiskCache(cache_dir / f"holidays-{_package_stamp()}.json")

    def lookup(country: str, subdivision: str | None) -> HolidaySource:
        region = f"{country}-{subdivision or ''}"
        if not store.knows(region):
            _check(country, subdivision)
            store.put(region, None, [])

        @cache
        def year(y: int) -> frozenset[date]:
            known = store.get(region, y)
            if known is None:
                known = sorted(_dates(country, subdivision, y))
                store.put(region, y, known)
            return frozenset(known)

        return year

    return lookup


class _DiskCache:
    """``{region: {year: [iso dates]}}`` in one JSON file; a broken file is started over."""

    def __init__(self, path: Path) -> None:
        self._path = path
        try:
            self._data: dict[str, dict[str, list[str]]] = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self._data = {}

    def knows(self, region: str) -> bool:
        return region in self._data

    def get(self, region: str, year: int) -> list[date] | None:
        days = self._data.get(region, {}).get(str(year))
        return None if days is None else [date.fromisoformat(d) for d in days]

    def put(self, region: str, year: int | None, days: Iterable[date]) -> None:
        years = self._data.setdefault(region, {})
        if year is not None:
            years[str(year)] = [d.isoformat() for d in days]
        temporary = self._path.with_suffix(".tmp")
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self._data), "utf-8")
            os.replace(temporary, self._path)


def supported_regions() -> dict[str, list[str]]:
    """Every country code the package knows, with its subdivision codes (for settings)."""
    import holidays as holidays_lib

    return dict(holidays_lib.list_supported_countries())


def _check(country: str, subdivision: str | None) -> None:
    import holidays as holidays_lib

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


def _dates(country: str, subdivision: str | None, year: int) -> Iterable[date]:
    import holidays as holidays_lib

    return holidays_lib.country_holidays(country, subdiv=subdivision, years=year).keys()


def _package_stamp() -> str:
    """Changes whenever the installed package does (an upgrade rewrites its files). Asking
    ``importlib.metadata`` for the version would cost 30 ms of every start."""
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return "unknown"
    try:
        stat = Path(spec.origin).stat()
    except OSError:
        return "unknown"
    return f"{stat.st_mtime_ns:x}-{stat.st_size:x}"
