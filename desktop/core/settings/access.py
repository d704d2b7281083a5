# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a settings editor needs: the settings in force and a way to store checked texts.

The settings dialog and the CalDAV sync of settings are typed with this Protocol, not with
the queue service that happens to implement it (it re-derives reply-by times on a change).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from desktop.core.settings.typed import Settings


class SettingsAccess(Protocol):
    """Reads the typed settings and stores changed ones."""

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        ...

    def update_settings(self, values: Mapping[str, str]) -> int:
        """Check every text with its entry, store them all or none, apply them.

        Returns:
            How many requests got a new reply-by.

        Raises:
            InvalidInput: a key or value is not accepted; nothing is stored then.
        """
        ...
