# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CalDAV account: where the server is, who logs in, which collections hold what.

It is kept in the settings (the registry's ``CALDAV_*`` entries: per device, not synced, edited
by the CalDAV dialog rather than the generic settings page); the password lives only in the
keyring, under :attr:`Account.secret_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.core.settings import Settings
from desktop.core.settings import registry as r
from desktop.core.sync.account import check_url, check_user

__all__ = ["DEFAULT_INTERVAL", "Account", "check_url", "check_user"]

DEFAULT_INTERVAL = int(r.CALDAV_INTERVAL.default)


@dataclass(frozen=True, slots=True)
class Account:
    """One CalDAV account. ``tasks`` and ``calendar`` are collection paths on the server."""

    url: str
    user: str
    tasks: str = ""
    calendar: str = ""
    interval_minutes: int = DEFAULT_INTERVAL
    auth: str = ""

    @property
    def secret_key(self) -> str:
        """The keyring entry of the password: ``caldav:USER@HOST``."""
        return f"caldav:{self.user}@{urlsplit(self.url).hostname or ''}"

    @classmethod
    def from_settings(cls, settings: Settings) -> Account | None:
        """The account stored in the settings, or ``None`` if none is set up."""
        if not settings.caldav_url or not settings.caldav_user:
            return None
        return cls(settings.caldav_url, settings.caldav_user, settings.caldav_tasks,
                   settings.caldav_calendar, settings.caldav_interval, settings.caldav_auth)

    def to_settings(self) -> dict[str, str]:
        """The setting texts that store this account."""
        return {r.CALDAV_URL.key: self.url, r.CALDAV_USER.key: self.user,
                r.CALDAV_TASKS.key: self.tasks, r.CALDAV_CALENDAR.key: self.calendar,
                r.CALDAV_INTERVAL.key: str(self.interval_minutes), r.CALDAV_AUTH.key: self.auth}
