# SPDX-FileCopyrightText: 2026 Unhurried developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user's settings, declared once: key, default, label, group and how to read the value.

Values are stored as text (the same text ``unhurried config set`` takes) and read into a typed
:class:`Settings`. The settings dialog and the CLI are generated from :data:`REGISTRY`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.core.errors import InvalidInput
from desktop.core.focus.plan import parse_clock_times
from desktop.core.i18n import N_, _
from desktop.core.importing import mail_account as imap
from desktop.core.importing.csv_mapping import check_mappings
from desktop.core.policy import DEFAULT_TARGETS, ResponsePolicy, Target, TargetUnit, parse_target
from desktop.core.requests import Channel, Priority
from desktop.core.working_hours import WorkingHours, format_working_hours, parse_working_hours

_REGION = re.compile(r"^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,5}))?$")


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting: its key, its default text, what the user sees, and how it is read."""

    key: str
    default: str
    label: str
    group: str
    parse: Callable[[str], Any]
    help: str = ""
    choices: tuple[str, ...] = ()
    """The values a setting with a fixed set takes (the dialog offers them in a list)."""


def parse_identities(text: str) -> str:
    """Check the user's own addresses and chat ids: ``ann@example.org, U024BE7LH``.

    Raises:
        InvalidInput: an entry holds a control character.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if any(not part.isprintable() for part in parts):
        raise InvalidInput(_("Write your addresses and ids on one line, separated by commas."))
    return ", ".join(parts)


def parse_zone(text: str) -> str:
    """Check an IANA time-zone name such as ``Europe/Berlin``.

    Raises:
        InvalidInput: not a known zone.
    """
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            _("Unknown time zone '{value}'; use an IANA name such as Europe/Berlin or UTC.").format(
                value=text
            )
        ) from None
    return name


def parse_region(text: str) -> tuple[str, str | None] | None:
    """Read a holiday region: ``DE``, ``DE-BE`` (country and subdivision) or ``none``.

    Raises:
        InvalidInput: not in that form.
    """
    value = text.strip()
    if value.lower() in ("", "none"):
        return None
    match = _REGION.match(value)
    if not match:
        raise InvalidInput(
            _("Write holidays as a country code such as DE, a region such as DE-BE, or none.")
        )
    return match[1].upper(), match[2].upper() if match[2] else None


def parse_days_off(text: str) -> frozenset[date]:
    """Read days off: ISO dates separated by commas (``2026-12-24,2026-12-31``), or nothing.

    Raises:
        InvalidInput: a date that cannot be read.
    """
    days: set[date] = set()
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise InvalidInput(
                _("Write days off as dates like 2026-12-24, separated by commas.")
            ) from None
    return frozenset(days)


def parse_minutes(text: str) -> int:
    """Read a whole number of minutes between 0 and one week.

    Raises:
        InvalidInput: not such a number.
    """
    try:
        minutes = int(text.strip())
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= 7 * 24 * 60:
        raise InvalidInput(_("Write a whole number of minutes, for example 60."))
    return minutes


def parse_seconds(text: str) -> int:
    """Read a whole number of seconds from 1 to 600 (a network deadline).

    Raises:
        InvalidInput: not such a number.
    """
    try:
        seconds = int(text.strip())
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= 600:
        raise InvalidInput(_("Write a whole number of seconds from 1 to 600, for example 30."))
    return seconds


def parse_language(text: str) -> str:
    """Read a language code (``en``, ``de``, ``de_DE``) or an empty text for the system's."""
    value = text.strip()
    if value and not re.match(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?$", value):
        raise InvalidInput(_("Write a language code such as en or de, or leave it empty."))
    return value


APPEARANCES = ("system", "light", "dark")
NOTIFICATION_STYLES = ("actions", "simple", "window")
"""``actions``: the desktop's notification service with Open/Snooze/Reply buttons; ``simple``:
plain desktop notifications (plyer) or the tray; ``window``: only in Unhurried's window."""


def parse_appearance(text: str) -> str:
    """Read ``system``, ``light`` or ``dark``.

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value not in APPEARANCES:
        raise InvalidInput(_("Write system, light or dark."))
    return value


def parse_notification_style(text: str) -> str:
    """Read ``actions``, ``simple`` or ``window``.

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value not in NOTIFICATION_STYLES:
        raise InvalidInput(_("Write actions, simple or window."))
    return value


def parse_switch(text: str) -> bool:
    """Read ``yes``/``no`` (also ``on``/``off``, ``true``/``false``, ``1``/``0``).

    Raises:
        InvalidInput: none of those.
    """
    value = text.strip().lower()
    if value in ("yes", "on", "true", "1"):
        return True
    if value in ("no", "off", "false", "0"):
        return False
    raise InvalidInput(_("Write yes or no."))


def parse_ask(text: str) -> str:
    """Read ``ask``, ``yes`` or ``no`` (a question the user may answer once for all).

    Raises:
        InvalidInput: anything else.
    """
    value = text.strip().lower()
    if value == "ask":
        return value
    try:
        return "yes" if parse_switch(value) else "no"
    except InvalidInput:
        raise InvalidInput(_("Write ask, yes or no.")) from None


def parse_undo_seconds(text: str) -> int:
    """Read how many seconds Send now waits for an undo: a whole number from 0 to 300.

    Raises:
        InvalidInput: not such a number.
    """
    try:
        seconds = int(text.strip())
    except ValueError:
        seconds = -1
    if not 0 <= seconds <= 300:
        raise InvalidInput(_("Write a whole number of seconds from 0 to 300, for example 10."))
    return seconds


def policy_key(channel: Channel, priority: Priority) -> str:
    """The settings key of one policy target, e.g. ``policy.chat.normal``."""
    return f"policy.{channel.value}.{priority.value}"


def _specs() -> tuple[SettingSpec, ...]:
    general = N_("Working time")
    specs = [
        SettingSpec("timezone", "UTC", N_("Time zone"), general, parse_zone,
                    N_("IANA name, e.g. Europe/Berlin")),
        SettingSpec("working_hours", "mon-fri 09:00-17:00", N_("Working hours"), general,
                    parse_working_hours, N_("e.g. mon-fri 09:00-17:00; sat 10:00-12:00")),
        SettingSpec("days_off", "", N_("Days off"), general, parse_days_off,
                    N_("dates such as 2026-12-24, separated by commas")),
        SettingSpec("holidays", "none", N_("Public holidays"), general, parse_region,
                    N_("country or region, e.g. DE or DE-BE; none for no holidays")),
        SettingSpec("at_risk_minutes", "60", N_("At risk below (business minutes)"),
                    N_("Queue"), parse_minutes),
        SettingSpec("language", "", N_("Language"), N_("Appearance"), parse_language,
                    N_("en, de, or en_XA for a pseudo-language that checks layouts; empty for the "
                       "system's language")),
        SettingSpec("appearance", "system", N_("Colours"), N_("Appearance"), parse_appearance,
                    N_("system (follow the desktop), light or dark"), APPEARANCES),
        SettingSpec("me", "", N_("You"), N_("Importing"), parse_identities,
                    N_("your addresses and chat names or ids, separated by commas")),
        *_focus_specs(),
        SettingSpec("mark_done_on_send", "yes",
                    N_("A delivered reply marks its request done"), N_("Drafting"),
                    parse_switch, N_("yes or no")),
        SettingSpec("mark_done_on_export", "ask",
                    N_("Copying or saving a reply marks its request done"), N_("Drafting"),
                    parse_ask, N_("ask, yes or no")),
        SettingSpec("send_undo_seconds", "10", N_("Send now waits (seconds, to undo)"),
                    N_("Drafting"), parse_undo_seconds, N_("0 to 300")),
        SettingSpec("csv.mappings", "{}", N_("CSV column mappings"), N_("Importing"),
                    check_mappings, N_("kept per CSV header by File > Import")),
        *_imap_specs(),
        SettingSpec("network.deadline_seconds", "30", N_("Give up on a server after (seconds)"),
                    N_("Network"), parse_seconds,
                    N_("the longest one request to a mail or calendar server may take, "
                       "answer included")),
    ]
    specs.append(SettingSpec("follow_up_after", "2bd", N_("Follow up when no answer after"),
                             N_("Response-time policy"), parse_target,
                             N_("how long 'waiting on others' waits before a request comes "
                                "back to be followed up, e.g. 2bd or 48h")))
    for (channel, priority), target in DEFAULT_TARGETS.items():
        specs.append(SettingSpec(policy_key(channel, priority), str(target),
                                 N_("Reply target"), N_("Response-time policy"), parse_target))
    return tuple(specs)


def _focus_specs() -> tuple[SettingSpec, ...]:
    focus = N_("Focus")
    return (
        SettingSpec("focus_margin_minutes", "30", N_("Break through when due within (minutes)"),
                    focus, parse_minutes,
                    N_("a held request comes through this long before its reply-by")),
        SettingSpec("focus_allow", "", N_("Always let through"), focus, parse_identities,
                    N_("senders whose messages break through focus, separated by commas")),
        SettingSpec("focus_digest_times", "", N_("Digest times during focus"), focus,
                    parse_clock_times, N_("e.g. 11:30, 15:30; empty: only when a block ends")),
        SettingSpec("notify_every_minutes", "10", N_("Outside focus, notify at most every "
                    "(minutes)"), focus, parse_minutes),
        SettingSpec("quiet_desktop", "yes", N_("Quiet the desktop's notifications during focus"),
                    focus, parse_switch,
                    N_("GNOME, KDE Plasma, dunst or swaync; other apps' notifications wait "
                       "until the block ends. yes or no")),
        SettingSpec("close_to_tray", "yes", N_("Closing the window keeps Unhurried in the tray"),
                    focus, parse_switch, N_("yes or no")),
        SettingSpec("notification_style", "actions", N_("Notifications"), focus,
                    parse_notification_style,
                    N_("actions (with Open, Snooze and Reply), simple, or window (only in "
                       "Unhurried's window)"), NOTIFICATION_STYLES),
        SettingSpec("start_at_login", "no", N_("Start Unhurried when you log in"), focus,
                    parse_switch, N_("yes or no")),
    )


def _imap_specs() -> tuple[SettingSpec, ...]:
    group = N_("Mail account")
    return (
        SettingSpec("imap.host", "", N_("IMAP server"), group, imap.parse_host),
        SettingSpec("imap.port", "0", N_("Port"), group, imap.parse_port,
                    N_("0 for the usual port: 993 with TLS, 143 otherwise")),
        SettingSpec("imap.security", "tls", N_("Security"), group, imap.check_security,
                    N_("tls, starttls or plain (plain only to localhost)")),
        SettingSpec("imap.user", "", N_("User"), group, imap.parse_user),
        SettingSpec("imap.folders", imap.format_folders(imap.DEFAULT_FOLDERS), N_("Folders"),
                    group, imap.check_folders, N_("e.g. INBOX, Sent")),
        SettingSpec("imap.interval", str(imap.DEFAULT_INTERVAL), N_("Sync every (minutes)"),
                    group, parse_minutes, N_("0 syncs only when asked")),
    )


REGISTRY: Mapping[str, SettingSpec] = MappingProxyType({s.key: s for s in _specs()})
FOLLOW_UP_DEFAULT = Target(2, TargetUnit.BUSINESS_DAYS)
"""How long waiting on others lasts by default before a follow-up is due."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting, read into its type."""

    timezone: str
    working_hours: WorkingHours
    days_off: frozenset[date]
    holidays: tuple[str, str | None] | None
    at_risk: timedelta
    language: str
    policy: ResponsePolicy
    me: tuple[str, ...] = ()
    """The user's own addresses and chat ids (who "to me" and "from me" are)."""
    network_deadline: int = 30
    """Seconds one exchange with a server may take in all (``network.deadline_seconds``)."""
    follow_up: Target = FOLLOW_UP_DEFAULT
    """How long waiting on others lasts before the request comes back to be followed up."""
    appearance: str = "system"
    notification_style: str = "actions"
    close_to_tray: bool = True
    start_at_login: bool = False
    mark_done_on_send: bool = True
    mark_done_on_export: str = "ask"
    send_undo_seconds: int = 10
    focus_margin: timedelta = timedelta(minutes=30)
    """A request due within this long breaks through a focus block."""
    focus_allow: tuple[str, ...] = ()
    """Senders that always break through a focus block."""
    focus_digest_times: tuple[int, ...] = ()
    """Minutes after local midnight at which a digest goes out during a block."""
    notify_every: timedelta = timedelta(minutes=10)
    quiet_desktop: bool = True
    csv_mappings: str = "{}"
    """The remembered CSV column choices, per header (canonical JSON text)."""

    @classmethod
    def from_text(cls, values: Mapping[str, str], *, default_zone: str = "UTC") -> Settings:
        """Read stored text values; a missing or unreadable value falls back to its default.

        ``default_zone`` is the zone to use until the user picks one (the system's).
        """
        def read(key: str) -> Any:
            spec = REGISTRY[key]
            text = values.get(key)
            if text is None and key == "timezone":
                text = default_zone
            try:
                return spec.parse(text if text is not None else spec.default)
            except InvalidInput:
                return spec.parse(default_zone if key == "timezone" else spec.default)

        targets: dict[tuple[Channel, Priority], Target] = {
            pair: read(policy_key(*pair)) for pair in DEFAULT_TARGETS
        }
        return cls(
            timezone=read("timezone"),
            working_hours=read("working_hours"),
            days_off=read("days_off"),
            holidays=read("holidays"),
            at_risk=timedelta(minutes=read("at_risk_minutes")),
            language=read("language"),
            policy=ResponsePolicy(MappingProxyType(targets)),
            me=tuple(part for part in read("me").split(", ") if part),
            network_deadline=read("network.deadline_seconds"),
            follow_up=read("follow_up_after"),
            appearance=read("appearance"),
            notification_style=read("notification_style"),
            close_to_tray=read("close_to_tray"),
            start_at_login=read("start_at_login"),
            mark_done_on_send=read("mark_done_on_send"),
            mark_done_on_export=read("mark_done_on_export"),
            send_undo_seconds=read("send_undo_seconds"),
            focus_margin=timedelta(minutes=read("focus_margin_minutes")),
            focus_allow=tuple(part for part in read("focus_allow").split(", ") if part),
            focus_digest_times=tuple(read("focus_digest_times")),
            notify_every=timedelta(minutes=read("notify_every_minutes")),
            quiet_desktop=read("quiet_desktop"),
            csv_mappings=read("csv.mappings"),
        )


def check_value(key: str, text: str) -> str:
    """Validate one setting and return its canonical text form.

    Raises:
        InvalidInput: unknown key, or a value the setting cannot take.
    """
    spec = REGISTRY.get(key)
    if spec is None:
        raise InvalidInput(
            _("Unknown setting '{key}'; known settings: {known}.").format(
                key=key, known=", ".join(sorted(k for k in REGISTRY if not k.startswith("policy.")))
                + ", policy.CHANNEL.PRIORITY"
            )
        )
    value = spec.parse(text)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, WorkingHours):
        return format_working_hours(value)
    if isinstance(value, Target):
        return str(value)
    if key == "holidays":
        return "none" if value is None else "-".join(p for p in value if p)
    if key == "days_off":
        return ",".join(d.isoformat() for d in sorted(value))
    if key == "focus_digest_times":
        return ", ".join(f"{m // 60:02d}:{m % 60:02d}" for m in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
