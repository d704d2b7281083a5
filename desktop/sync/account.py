# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CalDAV account: where the server is, who logs in, which collections hold what.

It is kept in the settings table under ``caldav.*`` keys (not in the settings registry: the
CalDAV dialog edits them, not the generic settings page); the password lives only in the
keyring, under :attr:`Account.secret_key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _

URL, USER, TASKS, CALENDAR = "caldav.url", "caldav.user", "caldav.tasks", "caldav.calendar"
INTERVAL = "caldav.interval_minutes"
LAST_SYNC, LAST_ERROR = "caldav.last_sync", "caldav.last_error"
AUTH = "caldav.auth"
"""The login scheme the server took (``basic``, ``digest``), sent up front next time."""
DEFAULT_INTERVAL = 15


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
    def from_settings(cls, values: Mapping[str, str]) -> Account | None:
        """The account stored in the settings, or ``None`` if none is set up."""
        if not values.get(URL) or not values.get(USER):
            return None
        try:
            interval = max(1, int(values.get(INTERVAL, DEFAULT_INTERVAL)))
        except ValueError:
            interval = DEFAULT_INTERVAL
        return cls(values[URL], values[USER], values.get(TASKS, ""), values.get(CALENDAR, ""),
                   interval, values.get(AUTH, ""))

    def to_settings(self) -> dict[str, str]:
        """The settings that store this account."""
        return {URL: self.url, USER: self.user, TASKS: self.tasks, CALENDAR: self.calendar,
                INTERVAL: str(self.interval_minutes), AUTH: self.auth}


def check_url(text: str) -> str:
    """Check a server URL.

    Raises:
        InvalidInput: not an http(s) URL with a host.
    """
    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(_("Write the server address as a URL, such as "
                             "https://dav.example.org/ or http://127.0.0.1:5232/."))
    return url


def check_user(text: str) -> str:
    """Check a user name.

    Raises:
        InvalidInput: empty or with spaces at the ends only.
    """
    user = text.strip()
    if not user or not user.isprintable():
        raise InvalidInput(_("Write the user name you log in to the server with."))
    return user
