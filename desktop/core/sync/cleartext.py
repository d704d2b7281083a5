# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Whether a CalDAV URL would send the password in clear over a network (core, pure).

Plain ``http`` to this machine (a Radicale on 127.0.0.1) is fine; to any other host, the login
and every request travel unencrypted, so the user is warned once and asked (the CLI wants
``--allow-http``, the window a confirmation).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from desktop.core.i18n import _

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
"""Hosts an unencrypted connection may go to: nothing leaves this machine."""


def is_cleartext_remote(url: str) -> bool:
    """``True`` for an ``http`` URL to a host other than this machine."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    return parts.scheme.lower() == "http" and host not in LOOPBACK \
        and not host.startswith("127.")


def cleartext_warning(url: str) -> str:
    """The sentence that says what plain ``http`` to ``url`` exposes."""
    host = urlsplit(url.strip()).hostname or url
    return _("{host} is reached over plain http: your password and your queue would travel "
             "unencrypted over the network. Use an https URL if the server has one.").format(
        host=host)
