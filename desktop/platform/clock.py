# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real clock: the only place that reads the system time."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """The ``Clock`` port on the system time, UTC, to the second."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        return datetime.now(UTC).replace(microsecond=0)
