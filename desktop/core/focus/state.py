# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the focus service works with and reports: its settings read into their types, when
the next digest goes out, and the state the banner, the tray and ``focus status`` show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop.core.focus import plan
from desktop.core.focus.blocks import FocusPolicy
from desktop.core.requests import Request
from desktop.core.settings import Settings


@dataclass(frozen=True, slots=True)
class FocusSettings:
    """The focus settings, read into their types."""

    zone: str = "UTC"
    margin: timedelta = timedelta(minutes=30)
    allowed_senders: frozenset[str] = frozenset()
    delivery_times: tuple[int, ...] = ()
    """Minutes after local midnight at which a digest goes out during a block."""
    coalesce: timedelta = timedelta(minutes=10)

    @property
    def policy(self) -> FocusPolicy:
        """The break-through rules."""
        return FocusPolicy(self.margin, self.allowed_senders)


@dataclass(frozen=True, slots=True)
class FocusState:
    """What the banner, the tray and ``focus status`` show."""

    session: plan.FocusSession | None
    held: int
    next_breach_at: datetime | None
    """When the next reply falls due, less the margin (a held one comes through then)."""
    suggested: timedelta
    """How long a block could run before that."""
    bounded_by: Request | None
    desktop_quieted: str | None = None
    """The backend that holds the desktop's own notifications for this block (``dunst``,
    ``gnome``, ``kde``, ``swaync``), or ``None``."""

    @property
    def active(self) -> bool:
        """Whether a block runs."""
        return self.session is not None


def focus_settings(values: Mapping[str, str], default_zone: str = "UTC") -> FocusSettings:
    """The focus settings from stored text values (defaults for missing or unreadable ones);
    ``default_zone`` until the user picks a zone."""
    settings = Settings.from_text(values, default_zone=default_zone)
    return FocusSettings(
        zone=settings.timezone,
        margin=settings.focus_margin,
        allowed_senders=frozenset(settings.focus_allow),
        delivery_times=settings.focus_digest_times,
        coalesce=settings.notify_every,
    )


def next_delivery(after: datetime, until: datetime, settings: FocusSettings) -> datetime | None:
    """The first digest time of ``settings`` after ``after`` and before ``until``."""
    if not settings.delivery_times:
        return None
    zone = ZoneInfo(settings.zone)
    day = after.astimezone(zone).date()
    while True:
        for minutes in settings.delivery_times:
            moment = local_time(day, minutes, zone)
            if moment >= until:
                return None
            if moment > after:
                return moment
        day += timedelta(days=1)


def local_time(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """``minutes`` after midnight of ``day`` in ``zone``, as UTC."""
    wall = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    return wall.replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))
