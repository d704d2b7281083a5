# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exceptions of the sync layer.

``SyncError`` is the one base; ``str(error)`` is a sentence for the user that says what to do.
:class:`ServerUnreachable` means "offline": local changes wait for the next sync.
:class:`BadItem` concerns one item only; the sync skips it and reports why.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync exception; the message is meant for the user."""


class ServerUnreachable(SyncError):
    """The server could not be reached (no network, server down, timeout)."""


class ServerRefused(SyncError):
    """The server refused the login or the collection (HTTP 401, 403, 404)."""


class ServerFailed(SyncError):
    """The server answered a whole-collection request with an error or nonsense."""


class NotConfigured(SyncError):
    """No CalDAV account is set up, or its password is missing."""


class BadItem(SyncError):
    """One item could not be read or written; the rest of the sync goes on."""


class Conflict412(SyncError):
    """The item changed on the server since it was read (HTTP 412): merge and try again."""
