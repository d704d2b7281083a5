# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""How a CalDAV account's server address and user name are checked (pure; the settings
registry and the account dialog both use these)."""

from __future__ import annotations

from urllib.parse import urlsplit

from desktop.core.errors import InvalidInput
from desktop.core.i18n import _


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


def parse_url(text: str) -> str:
    """:func:`check_url`, or an empty text for no account."""
    return check_url(text) if text.strip() else ""


def parse_user(text: str) -> str:
    """:func:`check_user`, or an empty text for no account."""
    return check_user(text) if text.strip() else ""
