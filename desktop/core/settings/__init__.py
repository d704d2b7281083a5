# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user's settings (moved unchanged into a package; the next commit splits it)."""

from desktop.core.settings.parsers import (
    APPEARANCES,
    FOLLOW_UP_DEFAULT,
    NOTIFICATION_STYLES,
    REGISTRY,
    Settings,
    SettingSpec,
    check_value,
    parse_appearance,
    parse_ask,
    parse_days_off,
    parse_identities,
    parse_language,
    parse_minutes,
    parse_notification_style,
    parse_region,
    parse_seconds,
    parse_switch,
    parse_undo_seconds,
    parse_zone,
    policy_key,
)

__all__ = [
    "APPEARANCES", "FOLLOW_UP_DEFAULT", "NOTIFICATION_STYLES", "REGISTRY", "SettingSpec",
    "Settings", "check_value", "parse_appearance", "parse_ask", "parse_days_off",
    "parse_identities", "parse_language", "parse_minutes", "parse_notification_style",
    "parse_region", "parse_seconds", "parse_switch", "parse_undo_seconds", "parse_zone",
    "policy_key",
]
