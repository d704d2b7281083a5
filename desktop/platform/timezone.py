# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time zones: the system's as an IANA name (used until the user picks one), the list of all,
and Babel set up to work with ``zoneinfo``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def system_zone() -> str:
    """``$TZ``, ``/etc/timezone`` or the ``/etc/localtime`` link; ``UTC`` when none is usable."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return "UTC"


class AllZones(Sequence[str]):
    """Every IANA zone name, sorted, read on first use: listing them walks the zone database
    (0.1-0.2 s), which a window's start should not pay for a combo box opened later."""

    @cached_property
    def _names(self) -> tuple[str, ...]:
        return tuple(sorted(available_timezones()))

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._names[index]

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in set(self._names)


def use_zoneinfo_in_babel() -> None:
    """Import Babel's dates with ``pytz`` hidden, so Babel works with ``zoneinfo``.

    Babel prefers pytz when it is installed (a benchmark's peer needs it), and then finds the
    local zone by checking every one of pytz's 600 zone files: 0.15 s of every start. A
    ``None`` in ``sys.modules`` makes an import fail; the entry goes again afterwards.
    """
    if "babel.dates" in sys.modules:
        return
    hidden = "pytz" not in sys.modules
    if hidden:
        sys.modules["pytz"] = None  # type: ignore[assignment]
    try:
        import babel.dates
        import babel.localtime  # noqa: F401
    finally:
        if hidden:
            sys.modules.pop("pytz", None)
