# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The holiday lookup that keeps checked regions and their dates in the cache folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import InvalidInput
from desktop.platform import holidays


def test_dates_are_read_once_then_come_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    first = holidays.cached_holiday_lookup(tmp_path)("DE", "BE")(2026)
    assert date(2026, 3, 8) in first  # International Women's Day, a Berlin holiday
    assert date(2026, 12, 25) in first

    def no_package(*_args: object) -> None:
        raise AssertionError("the holidays package was asked again")

    monkeypatch.setattr(holidays, "_dates", no_package)
    monkeypatch.setattr(holidays, "_check", no_package)
    again = holidays.cached_holiday_lookup(tmp_path)("DE", "BE")(2026)
    assert again == first


def test_an_unknown_region_is_refused_and_not_remembered(tmp_path: Path) -> None:
    lookup = holidays.cached_holiday_lookup(tmp_path)
    with pytest.raises(InvalidInput, match="known regions"):
        lookup("DE", "XX")
    with pytest.raises(InvalidInput, match="ISO country code"):
        lookup("QQ", None)
    with pytest.raises(InvalidInput):
        holidays.cached_holiday_lookup(tmp_path)("DE", "XX")


def test_a_broken_cache_file_is_started_over(tmp_path: Path) -> None:
    holidays.cached_holiday_lookup(tmp_path)("DE", None)(2026)
    [cache_file] = tmp_path.glob("holidays-*.json")
    cache_file.write_text("{not json", "utf-8")
    assert date(2026, 10, 3) in holidays.cached_holiday_lookup(tmp_path)("DE", None)(2026)


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    assert date(2026, 10, 3) in holidays.cached_holiday_lookup(blocker / "cache")("DE", None)(2026)
