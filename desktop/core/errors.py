# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exceptions of the core layer.

``CoreError`` is the one base. ``InvalidInput`` is something the user typed or configured that
the domain cannot accept; its ``message`` is already a translatable sentence that says what is
accepted, so the UI and the CLI can show it as it is.
"""

from __future__ import annotations


class CoreError(Exception):
    """Base of every exception raised by ``desktop.core``."""


class InvalidInput(CoreError, ValueError):
    """A value from the user or from settings that the domain cannot accept."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StorageFailed(CoreError):
    """Keeping data failed for a reason outside the program: a full disk, a database file that
    is damaged or newer. ``str(error)`` says what to do. The store's errors derive from it, so
    a window can name them without importing the store."""


class NotFound(CoreError, LookupError):
    """A request id that is not in the queue."""

    def __init__(self, request_id: str) -> None:
        super().__init__(request_id)
        self.request_id = request_id


class AmbiguousId(InvalidInput):
    """An id prefix that more than one request has; ``matches`` are their full ids."""

    def __init__(self, message: str, matches: tuple[str, ...]) -> None:
        super().__init__(message)
        self.matches = matches


class NoBusinessTime(CoreError):
    """The calendar has no working time left in which a deadline could fall."""


class SecretsUnavailable(CoreError):
    """No system keyring can keep a password (none installed, locked, or it refused).

    ``message`` says so in a sentence for the user, including that the password is kept for
    this run only.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
