# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user's settings, declared once and read as typed attributes.

- :mod:`.spec`: what one setting declares (parse, format, flags);
- :mod:`.parsers`: how setting texts are read, checked and written;
- :mod:`.registry`: every setting (:data:`REGISTRY`), and which are synced and shown;
- :mod:`.typed`: the settings in force as a typed :class:`Settings`;
- :mod:`.access`: what an editor of settings needs (:class:`SettingsAccess`).
"""

from desktop.core.settings.access import SettingsAccess
from desktop.core.settings.parsers import parse_switch, parse_zone
from desktop.core.settings.registry import (
    REGISTRY,
    SYNCED,
    VISIBLE,
    check_value,
    policy_key,
    spec_of,
)
from desktop.core.settings.spec import SettingSpec
from desktop.core.settings.typed import Settings

__all__ = [
    "REGISTRY", "SYNCED", "VISIBLE", "SettingSpec", "Settings",
    "SettingsAccess",
    "check_value", "parse_switch", "parse_zone", "policy_key", "spec_of",
]
