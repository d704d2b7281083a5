# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Epoch seconds to aware datetimes, a whole array at once (the calendar's array path)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # NumPy is imported only where the array path runs
    import numpy.typing

UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc_datetimes(
    stamps: numpy.typing.NDArray[numpy.float64],
) -> numpy.typing.NDArray[numpy.object_]:
    """``datetime.fromtimestamp(t, UTC)`` for each of ``stamps`` (an array of ``datetime``),
    identical, in well under half the time.

    ``fromtimestamp`` splits ``t`` with ``modf``, scales the fraction to microseconds, rounds
    half to even and carries into the seconds (CPython's ``_PyTime_DoubleToDenominator``);
    these are the same IEEE operations on arrays. The whole microseconds are then added to the
    epoch as ``timedelta`` objects, which NumPy makes (and adds, element by element) in C: a
    profile of a million reply-bys had ``fromtimestamp`` (a ``gmtime`` and a ``fromutc`` call
    each) as the third largest cost.
    """
    import numpy as np

    fraction, whole = np.modf(stamps)
    micro = np.rint(fraction * 1e6)  # rint rounds half to even
    up, down = micro >= 1e6, micro < 0
    micro[up] -= 1e6
    whole[up] += 1
    micro[down] += 1e6
    whole[down] -= 1
    total = whole.astype(np.int64) * 1_000_000 + micro.astype(np.int64)
    built: numpy.typing.NDArray[numpy.object_] = total.astype("m8[us]").astype(object) + UTC_EPOCH
    return built
