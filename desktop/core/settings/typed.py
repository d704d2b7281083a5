# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The settings in force, read into their types (``settings.working_hours``), from the stored
texts and the declarations in :mod:`desktop.core.settings.registry`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, TypeVar

from desktop.core.errors import InvalidInput
from desktop.core.policy import DEFAULT_TARGETS, ResponsePolicy, Target
from desktop.core.requests import Channel, Priority
from desktop.core.settings.registry import REGISTRY, TIMEZONE, policy_key
from desktop.core.settings.spec import SettingSpec
from desktop.core.working_hours import WorkingHours

T = TypeVar("T")
_POLICY_PAIRS = {policy_key(*pair): pair for pair in DEFAULT_TARGETS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting, read into its type (one attribute per registry entry's ``attr``).

    Built by :meth:`from_text`; the defaults are the registry's, not repeated here.
    """

    timezone: str
    working_hours: WorkingHours
    days_off: frozenset[date]
    holidays: tuple[str, str | None] | None
    at_risk: timedelta
    language: str
    policy: ResponsePolicy
    me: tuple[str, ...]
    """The user's own addresses and chat ids (who "to me" and "from me" are)."""
    network_deadline: int
    """Seconds one exchange with a server may take in all (``network.deadline_seconds``)."""
    follow_up: Target
    """How long waiting on others lasts before the request comes back to be followed up."""
    appearance: str
    notification_style: str
    close_to_tray: bool
    start_at_login: bool
    mark_done_on_send: bool
    mark_done_on_export: str
    send_undo_seconds: int
    focus_margin: timedelta
    """A request due within this long breaks through a focus block."""
    focus_allow: tuple[str, ...]
    """Senders that always break through a focus block."""
    focus_digest_times: tuple[int, ...]
    """Minutes after local midnight at which a digest goes out during a block."""
    notify_every: timedelta
    quiet_desktop: bool
    csv_mappings: str
    """The remembered CSV column choices, per header (canonical JSON text)."""
    imap_host: str
    """The mail account on this device (empty: none); see ``mail_account``."""
    imap_port: int
    imap_security: str
    imap_user: str
    imap_folders: tuple[str, ...]
    imap_interval: int
    caldav_url: str
    """The CalDAV account on this device (empty: none); see ``desktop.sync.account``."""
    caldav_user: str
    caldav_tasks: str
    caldav_calendar: str
    caldav_interval: int
    caldav_auth: str
    caldav_last_sync: str
    """When the last sync succeeded (ISO text, UTC), empty before the first."""
    caldav_last_error: str
    """Why the last sync failed, empty when it succeeded."""
    derived_with: str
    """The fingerprint of the rules the stored reply-by times were derived with."""
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    """Each setting's value, by key (the policy targets included)."""

    @classmethod
    def from_text(cls, values: Mapping[str, str], *, default_zone: str = "UTC") -> Settings:
        """Read stored text values; a missing or unreadable value falls back to its default.

        ``default_zone`` is the zone to use until the user picks one (the system's).
        """
        typed: dict[str, Any] = {}
        parsed: dict[str, Any] = {}
        targets: dict[tuple[Channel, Priority], Target] = {}
        for key, spec in REGISTRY.items():
            parsed[key] = value = _read(spec, values.get(key), default_zone)
            if spec.attr:
                typed[spec.attr] = value
            else:
                targets[_POLICY_PAIRS[key]] = value
        return cls(policy=ResponsePolicy(MappingProxyType(targets)),
                   values=MappingProxyType(parsed), **typed)

    def text(self, spec: SettingSpec[T]) -> str:
        """The canonical text of ``spec``'s value in force (what ``config get`` prints)."""
        return spec.format(self.values[spec.key])


def _read(spec: SettingSpec[T], text: str | None, default_zone: str) -> T:
    default = default_zone if spec is TIMEZONE else spec.default
    try:
        return spec.parse(text if text is not None else default)
    except InvalidInput:
        return spec.parse(default)
